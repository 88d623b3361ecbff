/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-cue-store.h"
#include "co-json-read.h"
#include "co-kept-list-private.h"
#include "co-subtitle-error.h"

/* The subtitles kept with a media file: made by the subtitles job, edited
 * in the subtitles panel, and used by the SRT and WebVTT exports in place
 * of a new transcription.  They are kept as a result of the file, keyed
 * like its analyses, so purging a stored file removes them too. */

static void
write_cue (JsonObject    *object,
           gconstpointer  item)
{
  const CoCue *cue = item;

  json_object_set_int_member (object, "start_us", cue->start_us);
  json_object_set_int_member (object, "end_us", cue->end_us);
  json_object_set_string_member (object, "text", cue->text);
  json_object_set_double_member (object, "confidence", cue->confidence);
  json_object_set_boolean_member (object, "flagged", cue->flagged);
}

/* A cue is whole when its times are integers, not negative, and it does
 * not end before it starts; its confidence and flag are optional. */
static gpointer
read_cue (JsonObject *c,
          const char *text)
{
  gint64 start_us, end_us;
  CoCue *cue;

  if (!co_json_get_int (c, "start_us", 0, G_MAXINT64, &start_us) ||
      !co_json_get_int (c, "end_us", start_us, G_MAXINT64, &end_us))
    return NULL;
  cue = co_cue_new (start_us, end_us, text);
  cue->confidence = CLAMP (co_json_get_double_or (c, "confidence", 1), 0, 1);
  cue->flagged = co_json_get_boolean_or (c, "flagged", FALSE);
  return cue;
}

/**
 * co_cue_store_load:
 * @store: the store
 * @path: a media file
 * @error: return location for a #GError
 *
 * Reads the subtitles kept with @path (kind %CO_SUBTITLES_RESULT_KIND,
 * keyed by co_store_dup_source_key()).
 *
 * Returns: (transfer full) (element-type CoCue) (nullable): the cues, or
 *   %NULL without an error when none are kept, or %NULL with an error when
 *   @path, the store or the kept cues cannot be read
 */
GPtrArray *
co_cue_store_load (CoStore     *store,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *source_key = NULL;
  GPtrArray *cues;
  gboolean damaged;

  g_return_val_if_fail (CO_IS_STORE (store) && path != NULL, NULL);

  source_key = co_store_dup_source_key (path, error);
  if (source_key == NULL)
    return NULL;
  cues = _co_kept_list_load (store, CO_SUBTITLES_RESULT_KIND, source_key, "", "cues",
                             (GDestroyNotify) co_cue_free, read_cue, &damaged, error);
  if (damaged)
    g_set_error (error, CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_DAMAGED,
                 _("The subtitles kept for “%s” cannot be read"), path);
  return cues;
}

/**
 * co_cue_store_save:
 * @store: the store
 * @path: a media file
 * @cues: (element-type CoCue): its subtitles
 * @error: return location for a #GError
 *
 * Keeps @cues with @path, replacing what was kept, so that they survive a
 * restart and the SRT and WebVTT exports use them.
 *
 * Returns: %TRUE on success
 */
gboolean
co_cue_store_save (CoStore     *store,
                   const char  *path,
                   GPtrArray   *cues,
                   GError     **error)
{
  g_autofree char *source_key = NULL;

  g_return_val_if_fail (CO_IS_STORE (store) && path != NULL && cues != NULL, FALSE);

  source_key = co_store_dup_source_key (path, error);
  return source_key != NULL &&
         _co_kept_list_save (store, CO_SUBTITLES_RESULT_KIND, source_key, "", "cues", cues,
                             write_cue, error);
}
