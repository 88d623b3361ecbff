/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include "co-media-error.h"
#include "co-speech-engine.h"
#include "co-transcriber.h"
#include "co-transcript-cache.h"
#include "co-transcript-store.h"
#include "co-vault.h"

/* Speech to text for one file through the transcript store: the words of
 * an earlier run on the same file with the same engine and silences come
 * back at once, new ones are kept. */

/* The transcript depends on the engine, its model and where the speech was
 * split, so all three name the kept result. */
static char *
transcript_params_key (CoSpeechEngine   *engine,
                       const CoAnalysis *analysis)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *model = g_getenv ("CREATOROPS_SPEECH_MODEL_DIR");
  gsize n_silences = 0;
  const CoInterval *silences = analysis ? co_analysis_get_silences (analysis, &n_silences) : NULL;

  g_checksum_update (checksum, (const guchar *) G_OBJECT_TYPE_NAME (engine), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  if (model != NULL)
    g_checksum_update (checksum, (const guchar *) model, -1);
  for (gsize i = 0; i < n_silences; i++)
    {
      char line[64];

      g_snprintf (line, sizeof line, "\n%.3f-%.3f", silences[i].start, silences[i].end);
      g_checksum_update (checksum, (const guchar *) line, -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static GPtrArray *
load_kept_words (CoStore    *store,
                 const char *source_key,
                 const char *params_key)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *words = co_transcript_store_load (store, source_key, params_key, &error);

  if (error != NULL)
    g_warning ("Ignoring the kept transcript of %s: %s", source_key, error->message);
  return words;
}

static GPtrArray *
transcribe (CoSpeechEngine        *engine,
            const char            *path,
            const CoAnalysis      *analysis,
            CoProgressFunc         progress,
            gpointer               user_data,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(CoTranscriber) transcriber = co_transcriber_new (engine);
  g_autoptr(CoTranscript) transcript = NULL;
  gsize n_silences = 0;
  const CoInterval *silences = analysis ? co_analysis_get_silences (analysis, &n_silences) : NULL;

  for (gsize i = 0; i < n_silences; i++)
    {
      if (silences[i].end > silences[i].start)
        co_transcriber_add_silence (transcriber, silences[i].start, silences[i].end);
    }
  co_transcriber_set_progress_func (transcriber, progress, user_data, NULL);
  transcript = co_transcriber_transcribe (transcriber, path, cancellable, error);
  if (transcript == NULL)
    return NULL;
  return g_ptr_array_ref (co_transcript_get_words (transcript));
}

/* Words kept under a stored file's digest are in the search index already
 * (co_transcript_store_save()).  Those of an outside file are indexed for
 * the items that hold the same content, if any: the original of an
 * imported video, say.  Search is secondary to the words, so a failure is
 * only logged. */
static void
index_outside_file (CoStore      *store,
                    const char   *path,
                    GPtrArray    *words,
                    GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = co_store_dup_blob_digest (path);
  g_autofree char *digest = NULL;
  g_autofree char *text = NULL;

  if (stored != NULL)
    return;
  digest = co_vault_dup_digest_for_file (store, path, cancellable, &error);
  if (digest == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot match %s with the vault: %s", path, error->message);
      return;
    }
  text = co_speech_word_list_dup_text (words);
  if (co_vault_index_transcript (store, digest, text, &error) < 0)
    g_warning ("Cannot make the transcript of %s searchable: %s", path, error->message);
}

/**
 * co_transcript_cache_run:
 * @store: the store that keeps results
 * @path: a media file with speech
 * @analysis: (nullable): its analysis, whose silences split the speech;
 *   without one the transcriber finds pauses itself
 * @out_cached: (out) (optional): %TRUE when a kept transcript was used
 * @progress: (nullable) (scope call): called with the share done
 * @user_data: passed to @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Transcribes @path with the default speech engine, or returns the
 * transcript kept from an earlier run on the same file with the same
 * engine and silences.  New transcripts are kept with
 * co_transcript_store_save().  Either way the words become searchable
 * text of the vault's items that hold the content of @path: a file outside
 * the library is hashed for that only when an item of its size exists.
 *
 * Returns: (transfer full) (element-type CoSpeechWord) (nullable): the
 *   words, or %NULL with @error set (%CO_SPEECH_ERROR_MODEL for a bad
 *   model, another %CO_MEDIA_ERROR naming @path for a bad file)
 */
GPtrArray *
co_transcript_cache_run (CoStore           *store,
                         const char        *path,
                         const CoAnalysis  *analysis,
                         gboolean          *out_cached,
                         CoProgressFunc     progress,
                         gpointer           user_data,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(CoSpeechEngine) engine = co_speech_engine_new_default ();
  g_autofree char *source_key = NULL;
  g_autofree char *params_key = NULL;
  g_autoptr(GError) keep_error = NULL;
  GPtrArray *words;

  g_return_val_if_fail (CO_IS_STORE (store) && path != NULL, NULL);

  if (out_cached != NULL)
    *out_cached = FALSE;
  source_key = co_store_dup_source_key (path, error);
  if (source_key == NULL)
    {
      co_media_error_wrap_file (error);
      return NULL;
    }
  params_key = transcript_params_key (engine, analysis);
  words = load_kept_words (store, source_key, params_key);
  if (words != NULL)
    {
      if (out_cached != NULL)
        *out_cached = TRUE;
      /* The content may have been imported since the words were kept. */
      index_outside_file (store, path, words, cancellable);
      return words;
    }

  words = transcribe (engine, path, analysis, progress, user_data, cancellable, error);
  /* The words are right even if keeping them fails; that only costs time. */
  if (words != NULL && !co_transcript_store_save (store, source_key, params_key, words,
                                                  &keep_error))
    g_warning ("Cannot keep the transcript of %s: %s", path, keep_error->message);
  if (words != NULL)
    index_outside_file (store, path, words, cancellable);
  return words;
}
