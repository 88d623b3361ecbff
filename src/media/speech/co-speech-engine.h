/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-speech-word.h"

G_BEGIN_DECLS

#define CO_TYPE_SPEECH_SESSION (co_speech_session_get_type ())

G_DECLARE_INTERFACE (CoSpeechSession, co_speech_session, CO, SPEECH_SESSION, GObject)

/**
 * CoSpeechSessionInterface:
 * @transcribe: decodes one stretch of audio and appends its words to a
 *   #GPtrArray of #CoSpeechWord
 *
 * A session holds one decoder.  Sessions are used by one thread at a time;
 * different sessions of the same engine may run in parallel.
 */
struct _CoSpeechSessionInterface
{
  GTypeInterface parent_iface;

  gboolean (*transcribe) (CoSpeechSession *self,
                          const gint16    *samples,
                          gsize            n_samples,
                          int              rate,
                          double           offset,
                          GPtrArray       *out_words,
                          GCancellable    *cancellable,
                          GError         **error);
};

gboolean co_speech_session_transcribe (CoSpeechSession *self,
                                       const gint16    *samples,
                                       gsize            n_samples,
                                       int              rate,
                                       double           offset,
                                       GPtrArray       *out_words,
                                       GCancellable    *cancellable,
                                       GError         **error);

#define CO_TYPE_SPEECH_ENGINE (co_speech_engine_get_type ())

G_DECLARE_INTERFACE (CoSpeechEngine, co_speech_engine, CO, SPEECH_ENGINE, GObject)

/**
 * CoSpeechEngineInterface:
 * @check: verifies that the engine's model files are present, readable and sound
 * @new_session: creates a decoder for one thread
 * @get_sample_rate: the rate, in Hz, of the mono 16-bit audio the engine wants
 * @get_max_sessions: how many sessions are worth running in parallel
 *
 * A speech-to-text engine.  The engine itself is thread-safe and cheap; the
 * work happens in sessions, one per worker thread, because decoders keep
 * state that cannot be shared.
 */
struct _CoSpeechEngineInterface
{
  GTypeInterface parent_iface;

  gboolean          (*check)            (CoSpeechEngine *self,
                                         GError        **error);
  CoSpeechSession  *(*new_session)      (CoSpeechEngine *self,
                                         GError        **error);
  int               (*get_sample_rate)  (CoSpeechEngine *self);
  guint             (*get_max_sessions) (CoSpeechEngine *self);
};

CoSpeechEngine  *co_speech_engine_new_default      (void);
gboolean         co_speech_engine_check            (CoSpeechEngine *self,
                                                    GError        **error);
CoSpeechSession *co_speech_engine_new_session      (CoSpeechEngine *self,
                                                    GError        **error);
int              co_speech_engine_get_sample_rate  (CoSpeechEngine *self);
guint            co_speech_engine_get_max_sessions (CoSpeechEngine *self);

G_END_DECLS
