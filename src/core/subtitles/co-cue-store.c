/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-cue-store.h"
#include "co-error.h"
#include "co-kept-list-private.h"

/* The subtitles kept with a media file: made by the subtitles job, edited
 * in the subtitles panel, and used by the SRT and WebVTT exports in place
 * of a new transcription.  They are kept as a result of the file, keyed
 * like its analyses, so purging a stored file removes them too. */

static void
write_cue (JsonBuilder   *builder,
           gconstpointer  item)
{
  const CoCue *cue = item;

  json_builder_set_member_name (builder, "start_us");
  json_builder_add_int_value (builder, cue->start_us);
  json_builder_set_member_name (builder, "end_us");
  json_builder_add_int_value (builder, cue->end_us);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, cue->text);
  json_builder_set_member_name (builder, "confidence");
  json_builder_add_double_value (builder, cue->confidence);
  json_builder_set_member_name (builder, "flagged");
  json_builder_add_boolean_value (builder, cue->flagged);
}

static gpointer
read_cue (JsonObject *c,
          const char *text)
{
  JsonNode *start = _co_kept_number (c, "start_us");
  JsonNode *end = _co_kept_number (c, "end_us");
  CoCue *cue;

  if (start == NULL || end == NULL)
    return NULL;
  cue = co_cue_new (json_node_get_int (start), json_node_get_int (end), text);
  cue->confidence = json_object_get_double_member_with_default (c, "confidence", 1);
  cue->flagged = json_object_get_boolean_member_with_default (c, "flagged", FALSE);
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
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) cues = NULL;

  g_return_val_if_fail (CO_IS_STORE (store) && path != NULL, NULL);

  source_key = co_store_dup_source_key (path, error);
  if (source_key == NULL ||
      !co_store_get_result (store, CO_SUBTITLES_RESULT_KIND, source_key, "", &json, NULL, error))
    return NULL;
  cues = co_cue_list_new ();
  if (!_co_kept_list_from_json (json, "cues", cues, read_cue))
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                   _("The subtitles kept for “%s” cannot be read"), path);
      return NULL;
    }
  return g_steal_pointer (&cues);
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
  g_autofree char *json = NULL;

  g_return_val_if_fail (CO_IS_STORE (store) && path != NULL && cues != NULL, FALSE);

  source_key = co_store_dup_source_key (path, error);
  if (source_key == NULL)
    return FALSE;
  json = _co_kept_list_to_json ("cues", cues, write_cue);
  return co_store_put_result (store, CO_SUBTITLES_RESULT_KIND, source_key, "", json, NULL, error);
}
