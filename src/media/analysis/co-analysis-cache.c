/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "co-analysis-cache.h"
#include "co-json-read.h"
#include "co-media-error.h"

#define RESULT_KIND "analysis"

static CoAnalysis *
load_cached (CoStore     *store,
             const char  *source_key,
             const char  *params_key,
             GError     **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) waveform = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;

  if (!co_store_get_result (store, RESULT_KIND, source_key, params_key, &json, &waveform, error))
    return NULL;
  node = json_from_string (json, error);
  if (node == NULL)
    return NULL;
  analysis = co_analysis_new_from_json (node, error);
  if (analysis == NULL || (waveform != NULL && !co_analysis_load_waveform (analysis, waveform,
                                                                             error)))
    return NULL;
  return g_steal_pointer (&analysis);
}

static void
store_result (CoStore    *store,
              const char *source_key,
              const char *params_key,
              CoAnalysis *analysis)
{
  g_autofree char *json = co_analysis_to_json_string (analysis, FALSE);
  g_autoptr(GBytes) waveform = co_analysis_serialize_waveform (analysis);
  g_autoptr(GError) error = NULL;

  /* The analysis itself succeeded; failing to cache it only costs time. */
  if (!co_store_put_result (store, RESULT_KIND, source_key, params_key, json, waveform, &error))
    g_warning ("Cannot keep the analysis of %s: %s", source_key, error->message);
}

/**
 * co_analysis_cache_run:
 * @store: the store that keeps results
 * @path: a media file
 * @params: the analysis parameters
 * @out_cached: (out) (optional): %TRUE when the stored result was used
 * @progress: (nullable) (scope call): called with the share done
 * @user_data: passed to @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Analyses @path, or returns at once the result kept from an earlier run
 * with the same parameters on the same file.  New results are kept.
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error set
 */
CoAnalysis *
co_analysis_cache_run (CoStore                 *store,
                       const char              *path,
                       const CoAnalysisParams  *params,
                       gboolean                *out_cached,
                       CoProgressFunc           progress,
                       gpointer                 user_data,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autofree char *source_key = NULL;
  g_autofree char *params_key = NULL;
  g_autoptr(GError) cache_error = NULL;
  CoAnalysis *analysis;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL && params != NULL, NULL);

  source_key = co_store_dup_source_key (path, error);
  if (source_key == NULL)
    {
      co_media_error_wrap_file (error);
      return NULL;
    }
  params_key = co_analysis_params_to_key (params);

  analysis = load_cached (store, source_key, params_key, &cache_error);
  if (cache_error != NULL)
    g_warning ("Ignoring the kept analysis of %s: %s", path, cache_error->message);
  if (out_cached != NULL)
    *out_cached = analysis != NULL;
  if (analysis != NULL)
    {
      if (progress != NULL)
        progress (1.0, NULL, user_data);
      return analysis;
    }

  analysis = co_analyze_file (path, params, progress, user_data, cancellable, error);
  if (analysis != NULL)
    store_result (store, source_key, params_key, analysis);
  return analysis;
}

/**
 * co_analysis_cache_lookup:
 * @store: the store that keeps results
 * @path: a media file
 * @params: the analysis parameters
 * @error: return location for a #GError
 *
 * Returns the result kept from an earlier run with the same parameters on
 * the same file, without analysing anything: a view uses it to show a
 * finished analysis at once and to decide whether a job is needed.
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL when none is
 *   kept (@error unset) or @path cannot be read or the kept result cannot be
 *   decoded (@error set)
 */
CoAnalysis *
co_analysis_cache_lookup (CoStore                 *store,
                          const char              *path,
                          const CoAnalysisParams  *params,
                          GError                 **error)
{
  g_autofree char *source_key = NULL;
  g_autofree char *params_key = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL && params != NULL, NULL);

  source_key = co_store_dup_source_key (path, error);
  if (source_key == NULL)
    {
      co_media_error_wrap_file (error);
      return NULL;
    }
  params_key = co_analysis_params_to_key (params);
  return load_cached (store, source_key, params_key, error);
}

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
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "path", path);
  json_object_set_double_member (object, "threshold_db", params->threshold_db);
  json_object_set_double_member (object, "min_silence", params->min_silence);
  json_object_set_double_member (object, "padding", params->padding);
  json_object_set_double_member (object, "keep_pauses_over", params->keep_pauses_over);
  json_object_set_boolean_member (object, "scenes", params->scenes);
  json_node_take_object (root, object);
  return json_to_string (root, FALSE);
}

/**
 * co_analysis_job_read_params:
 * @object: the parameters of a job, as co_analysis_job_params() wrote them
 *   (or a job's parameters that include those members)
 * @params: (out caller-allocates): the analysis parameters to fill
 *
 * Reads the analysis parameters of a job kept in the queue, for the
 * analysis, subtitles and export jobs alike.  The queue is in the database,
 * which may be damaged, so each member's type is checked before it is read
 * (co-json-read.h): a member that is missing, of another type or not finite
 * keeps its default from co_analysis_params_init().
 */
void
co_analysis_job_read_params (JsonObject       *object,
                             CoAnalysisParams *params)
{
  g_return_if_fail (object != NULL && params != NULL);

  co_analysis_params_init (params);
  params->threshold_db = co_json_get_double_or (object, "threshold_db", params->threshold_db);
  params->min_silence = co_json_get_double_or (object, "min_silence", params->min_silence);
  params->padding = co_json_get_double_or (object, "padding", params->padding);
  params->keep_pauses_over = co_json_get_double_or (object, "keep_pauses_over",
                                                    params->keep_pauses_over);
  params->scenes = co_json_get_boolean_or (object, "scenes", params->scenes);
}

static gboolean
parse_job_params (const char        *params_json,
                  char             **out_path,
                  CoAnalysisParams  *params,
                  GError           **error)
{
  JsonObject *object = NULL;
  g_autoptr(JsonNode) root = co_json_read_object (params_json, &object);
  const char *path = co_json_get_string (object, "path");

  co_analysis_params_init (params);
  if (path == NULL)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                   _("The analysis job has no file to analyse: %s"), params_json);
      return FALSE;
    }
  *out_path = g_strdup (path);
  co_analysis_job_read_params (object, params);
  return TRUE;
}

static void
job_progress_cb (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  co_job_set_progress (user_data, fraction, NULL);
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

  if (!parse_job_params (params_json, &path, &params, error))
    return FALSE;
  co_job_set_progress (job, 0.0, _("Analysing the sound"));
  analysis = co_analysis_cache_run (store, path, &params, NULL, job_progress_cb, job,
                                    co_job_get_cancellable (job), error);
  return analysis != NULL;
}
