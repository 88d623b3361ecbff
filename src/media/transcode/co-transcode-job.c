/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-transcode"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "co-json-read.h"
#include "co-media-error.h"
#include "co-transcode-job.h"

/* The transcode job: one file made into an editor's codec with
 * co_transcode_file(), which writes under a temporary name and renames only
 * a verified result, so a job cut short leaves nothing to clean up. */

/**
 * co_transcode_job_params:
 * @input: a video file
 * @output: the file to write
 * @target: the codec and container
 * @overwrite: whether an existing @output may be replaced
 *
 * Returns: (transfer full): the JSON parameters co_transcode_job_run() reads
 */
char *
co_transcode_job_params (const char        *input,
                         const char        *output,
                         CoTranscodeTarget  target,
                         gboolean           overwrite)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (input != NULL && output != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_add_string_value (builder, input);
  json_builder_set_member_name (builder, "output");
  json_builder_add_string_value (builder, output);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, co_transcode_target_to_string (target));
  json_builder_set_member_name (builder, "overwrite");
  json_builder_add_boolean_value (builder, overwrite);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * co_transcode_job_run:
 * @job: the running job
 * @params_json: made by co_transcode_job_params()
 * @user_data: unused
 * @error: return location for a #GError
 *
 * The #CoJobRunFunc for %CO_TRANSCODE_JOB_KIND.
 *
 * Returns: %TRUE when the output is written and verified
 */
gboolean
co_transcode_job_run (CoJob       *job,
                      const char  *params_json,
                      gpointer     user_data,
                      GError     **error)
{
  /* The queue is in the database and may be damaged: each member's type is
   * checked before it is read (co-json-read.h). */
  JsonObject *o = NULL;
  g_autoptr(JsonNode) root = co_json_read_object (params_json, &o);
  const char *input = co_json_get_string (o, "input");
  const char *output = co_json_get_string (o, "output");
  const char *name = co_json_get_string (o, "target");
  CoTranscodeTarget target;

  if (input == NULL || output == NULL || name == NULL
      || !co_transcode_target_from_string (name, &target))
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                   _("The transcode job lacks a file, an output or a known target: %s"),
                   params_json);
      return FALSE;
    }
  co_job_set_progress (job, 0.0, _("Transcoding"));
  return co_transcode_file (input, output, target,
                            co_json_get_boolean_or (o, "overwrite", FALSE),
                            co_job_progress_cb, job, co_job_get_cancellable (job), error);
}
