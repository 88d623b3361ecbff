/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include "co-speech-engine.h"
#include "co-speech-unavailable.h"
#if CO_HAVE_SPEECH
#include "co-speech-pocketsphinx.h"
#endif

G_DEFINE_INTERFACE (CoSpeechSession, co_speech_session, G_TYPE_OBJECT)
G_DEFINE_INTERFACE (CoSpeechEngine, co_speech_engine, G_TYPE_OBJECT)

static int
real_get_sample_rate (CoSpeechEngine *self)
{
  return 16000;
}

static guint
real_get_max_sessions (CoSpeechEngine *self)
{
  return g_get_num_processors ();
}

static void
co_speech_session_default_init (CoSpeechSessionInterface *iface)
{
}

static void
co_speech_engine_default_init (CoSpeechEngineInterface *iface)
{
  iface->get_sample_rate = real_get_sample_rate;
  iface->get_max_sessions = real_get_max_sessions;
}

/**
 * co_speech_session_transcribe:
 * @self: a session
 * @samples: (array length=n_samples): mono signed 16-bit audio
 * @n_samples: the number of samples
 * @rate: the sample rate of @samples; it must be the engine's rate
 * @offset: where @samples start in the file, in seconds; added to every word time
 * @out_words: (element-type CoSpeechWord): the array the words are appended to, in
 *   time order
 * @cancellable: (nullable): checked while decoding
 * @error: return location for an error
 *
 * Recognises the speech in one stretch of audio.  The session keeps no state
 * from one call to the next, so the result does not depend on what it
 * decoded before.  Blocks; call it from a worker thread.
 *
 * Returns: %TRUE on success; on failure @error is set (%CO_MEDIA_ERROR, or
 *   %G_IO_ERROR_CANCELLED) and @out_words is left as it was
 */
gboolean
co_speech_session_transcribe (CoSpeechSession *self,
                              const gint16    *samples,
                              gsize            n_samples,
                              int              rate,
                              double           offset,
                              GPtrArray       *out_words,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_return_val_if_fail (CO_IS_SPEECH_SESSION (self), FALSE);
  g_return_val_if_fail (samples != NULL || n_samples == 0, FALSE);
  g_return_val_if_fail (out_words != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return CO_SPEECH_SESSION_GET_IFACE (self)->transcribe (self, samples, n_samples, rate,
                                                         offset, out_words, cancellable,
                                                         error);
}

/**
 * co_speech_engine_new_default:
 *
 * Creates the engine CreatorOps uses when nothing else is configured: today
 * PocketSphinx with its model from `CREATOROPS_SPEECH_MODEL_DIR` or Debian's
 * `pocketsphinx-en-us`.  Callers that go through this function and the
 * #CoSpeechEngine interface need no change when another engine is added.
 * A build without speech to text (`-Dspeech=false`) gets an engine that
 * fails with %CO_SPEECH_ERROR_UNAVAILABLE instead.
 *
 * Returns: (transfer full): the default engine; it is not checked yet
 */
CoSpeechEngine *
co_speech_engine_new_default (void)
{
#if CO_HAVE_SPEECH
  return CO_SPEECH_ENGINE (co_speech_pocketsphinx_new (NULL, NULL, NULL));
#else
  return co_speech_unavailable_new ();
#endif
}

/**
 * co_speech_engine_check:
 * @self: an engine
 * @error: return location for an error
 *
 * Verifies, without decoding anything, that the engine's model files exist,
 * are readable and look sound.  Cheap after the first success.
 *
 * Returns: %TRUE if the engine can be used; otherwise @error is set to
 *   %CO_SPEECH_ERROR_MODEL with a message naming the file and the
 *   reason, or %CO_SPEECH_ERROR_UNAVAILABLE in a build without speech
 */
gboolean
co_speech_engine_check (CoSpeechEngine *self,
                        GError        **error)
{
  g_return_val_if_fail (CO_IS_SPEECH_ENGINE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return CO_SPEECH_ENGINE_GET_IFACE (self)->check (self, error);
}

/**
 * co_speech_engine_new_session:
 * @self: an engine
 * @error: return location for an error
 *
 * Loads a decoder.  This may take a second or more and much memory (the
 * language model); keep a session for many calls.  The model is checked
 * first.  Thread-safe.
 *
 * Returns: (transfer full): a session, or %NULL with @error set to
 *   %CO_SPEECH_ERROR_MODEL or %CO_SPEECH_ERROR_UNAVAILABLE
 */
CoSpeechSession *
co_speech_engine_new_session (CoSpeechEngine *self,
                              GError        **error)
{
  g_return_val_if_fail (CO_IS_SPEECH_ENGINE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return CO_SPEECH_ENGINE_GET_IFACE (self)->new_session (self, error);
}

/**
 * co_speech_engine_get_sample_rate:
 * @self: an engine
 *
 * Returns: the sample rate, in Hz, that co_speech_session_transcribe() accepts
 */
int
co_speech_engine_get_sample_rate (CoSpeechEngine *self)
{
  g_return_val_if_fail (CO_IS_SPEECH_ENGINE (self), 16000);

  return CO_SPEECH_ENGINE_GET_IFACE (self)->get_sample_rate (self);
}

/**
 * co_speech_engine_get_max_sessions:
 * @self: an engine
 *
 * An engine that is itself multi-threaded wants fewer parallel sessions than
 * one that is not; this says how many are worth running at once.
 *
 * Returns: the useful number of parallel sessions, at least 1
 */
guint
co_speech_engine_get_max_sessions (CoSpeechEngine *self)
{
  g_return_val_if_fail (CO_IS_SPEECH_ENGINE (self), 1);

  return MAX (1, CO_SPEECH_ENGINE_GET_IFACE (self)->get_max_sessions (self));
}
