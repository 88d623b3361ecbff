/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "co-json-read.h"
#include "co-kept-list-private.h"
#include "co-store-private.h"
#include "co-subtitle-error.h"
#include "co-transcript-store.h"
#include "co-vault.h"

/* The words recognised in a file, kept so that making its subtitles again
 * or exporting them does not run the speech engine again.  The transcript
 * depends on the engine, its model and where the speech was split, so the
 * caller names those in the parameters key. */

static void
write_word (JsonObject    *object,
            gconstpointer  item)
{
  const CoSpeechWord *word = item;

  json_object_set_string_member (object, "text", word->text);
  json_object_set_double_member (object, "start", word->start);
  json_object_set_double_member (object, "end", word->end);
  json_object_set_double_member (object, "confidence", word->confidence);
}

/* A word is whole when its times are finite numbers and it does not start
 * before 0. */
static gpointer
read_word (JsonObject *w,
           const char *text)
{
  double start, end, confidence;

  if (!co_json_get_number (w, "start", &start) || !co_json_get_number (w, "end", &end) ||
      !co_json_get_number (w, "confidence", &confidence) || !isfinite (start) ||
      !isfinite (end) || start < 0)
    return NULL;
  return co_speech_word_new (text, start, end, confidence);
}

/**
 * co_transcript_store_load:
 * @store: the store
 * @source_key: the file, from co_store_dup_source_key()
 * @params_key: the engine, model and splits the words were made with
 * @error: return location for a #GError
 *
 * Reads the words kept for @source_key and @params_key.
 *
 * Returns: (transfer full) (element-type CoSpeechWord) (nullable): the
 *   words, or %NULL without an error when none are kept, or %NULL with an
 *   error when the store or the kept words cannot be read
 */
GPtrArray *
co_transcript_store_load (CoStore     *store,
                          const char  *source_key,
                          const char  *params_key,
                          GError     **error)
{
  GPtrArray *words;
  gboolean damaged;

  g_return_val_if_fail (CO_IS_STORE (store) && source_key != NULL && params_key != NULL, NULL);

  words = _co_kept_list_load (store, CO_TRANSCRIPT_RESULT_KIND, source_key, params_key, "words",
                              (GDestroyNotify) co_speech_word_free, read_word, &damaged, error);
  if (damaged)
    g_set_error (error, CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_DAMAGED,
                 _("The transcript kept for “%s” cannot be read"), source_key);
  return words;
}

typedef struct
{
  const char *source_key;
  const char *params_key;
  GPtrArray  *words;
} Saving;

/* Keeps the words and indexes them in one transaction, so that a search
 * never finds words the store has not kept. */
static gboolean
save_and_index (CoStore   *store,
                gpointer   data,
                GError   **error)
{
  const Saving *saving = data;
  g_autofree char *text = NULL;

  if (!_co_kept_list_save (store, CO_TRANSCRIPT_RESULT_KIND, saving->source_key,
                           saving->params_key, "words", saving->words, write_word, error))
    return FALSE;
  if (!_co_store_is_digest (saving->source_key))
    return TRUE;
  text = co_speech_word_list_dup_text (saving->words);
  return co_vault_index_transcript (store, saving->source_key, text, error) >= 0;
}

/**
 * co_transcript_store_save:
 * @store: the store
 * @source_key: the file, from co_store_dup_source_key()
 * @params_key: the engine, model and splits the words were made with
 * @words: (element-type CoSpeechWord): the words in time order
 * @error: return location for a #GError
 *
 * Keeps @words (kind %CO_TRANSCRIPT_RESULT_KIND), replacing what was kept
 * under the same keys.  When @source_key names a stored file (its digest),
 * the words also become the spoken text of the vault's items of that file,
 * so that searches find them (co_vault_index_transcript()); a caller with
 * the key of an outside file indexes it itself when the vault holds its
 * content (co_vault_dup_digest_for_file()).
 *
 * Returns: %TRUE on success
 */
gboolean
co_transcript_store_save (CoStore     *store,
                          const char  *source_key,
                          const char  *params_key,
                          GPtrArray   *words,
                          GError     **error)
{
  Saving saving = { source_key, params_key, words };

  g_return_val_if_fail (CO_IS_STORE (store) && source_key != NULL && params_key != NULL, FALSE);
  g_return_val_if_fail (words != NULL, FALSE);

  return _co_store_write (store, save_and_index, &saving, error);
}
