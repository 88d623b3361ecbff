/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "co-analysis-cache.h"
#include "co-analysis-job.h"
#include "co-json-read.h"
#include "co-media-error.h"

/* The analysis job: one file analysed with one set of parameters, the
 * result kept in the store where the Media view and the exports find it.
 * Its parameters (the file and the knobs) are also those of the subtitles
 * job, which splits the speech at the silences the analysis finds. */

/**
 * co_analysis_job_params:
 * @path: a media file
 * @params: the analysis parameters
 *
 * Returns: (transfer full): the JSON parameters of an analysis job, as
 *   co_analysis_job_run() reads them
 */
char *
co_analysis_job_params (const char             *path,
                        const CoAnalysisParams *params)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (path != NULL && params != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "threshold_db");
  json_builder_add_double_value (builder, params->threshold_db);
  json_builder_set_member_name (builder, "min_silence");
  json_builder_add_double_value (builder, params->min_silence);
  json_builder_set_member_name (builder, "padding");
  json_builder_add_double_value (builder, params->padding);
  json_builder_set_member_name (builder, "keep_pauses_over");
  json_builder_add_double_value (builder, params->keep_pauses_over);
  json_builder_set_member_name (builder, "scenes");
  json_builder_add_boolean_value (builder, params->scenes);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * co_analysis_job_read_params:
 * @params_json: made by co_analysis_job_params(), or the parameters of a job
 *   that add members of their own to those (subtitles, export)
 * @out_path: (out) (transfer full): the media file
 * @params: (out caller-allocates): the parameters; the defaults for what
 *   @params_json leaves out
 *
 * The one reader of the file and the analysis knobs in a job's parameters;
 * members it does not know are left to the caller.  The queue is in the
 * database, which may be damaged, so each member's type is checked before
 * it is read (co-json-read.h): a member that is missing, of another type or
 * not finite keeps its default from co_analysis_params_init().
 *
 * Returns: %FALSE when @params_json names no file (@out_path is then unset)
 */
gboolean
co_analysis_job_read_params (const char        *params_json,
                             char             **out_path,
                             CoAnalysisParams  *params)
{
  JsonObject *object = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *path;

  g_return_val_if_fail (params_json != NULL && out_path != NULL && params != NULL, FALSE);

  co_analysis_params_init (params);
  root = co_json_read_object (params_json, &object);
  path = co_json_get_string (object, "path");
  if (path == NULL)
    return FALSE;
  *out_path = g_strdup (path);
  params->threshold_db = co_json_get_double_or (object, "threshold_db", params->threshold_db);
  params->min_silence = co_json_get_double_or (object, "min_silence", params->min_silence);
  params->padding = co_json_get_double_or (object, "padding", params->padding);
  params->keep_pauses_over = co_json_get_double_or (object, "keep_pauses_over",
                                                    params->keep_pauses_over);
  params->scenes = co_json_get_boolean_or (object, "scenes", params->scenes);
  return TRUE;
}

/**
 * co_analysis_job_run:
 * @job: the running job
 * @params_json: made by co_analysis_job_params()
 * @store: (type CoStore): the store that keeps results
 * @error: return location for a #GError
 *
 * The #CoJobRunFunc for %CO_ANALYSIS_JOB_KIND.  Running it again after a
 * crash is safe: a finished result is simply found in the cache.
 *
 * Returns: %TRUE on success
 */
gboolean
co_analysis_job_run (CoJob       *job,
                     const char  *params_json,
                     gpointer     store,
                     GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  CoAnalysisParams params;

  if (!co_analysis_job_read_params (params_json, &path, &params))
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                   _("The analysis job has no file to analyse: %s"), params_json);
      return FALSE;
    }
  co_job_set_progress (job, 0.0, _("Analysing the sound"));
  analysis = co_analysis_cache_run (store, path, &params, NULL, co_job_progress_cb, job,
                                    co_job_get_cancellable (job), error);
  return analysis != NULL;
}
