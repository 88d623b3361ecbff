/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "co-analysis-cache.h"
#include "co-media-error.h"
#include "co-task.h"

#define RESULT_KIND "analysis"

/* The kept analysis; with @waveform %FALSE (CoAnalysisParams.envelope_on_disk)
 * without its envelope and waveform, which are then not read at all. */
static CoAnalysis *
load_cached (CoStore     *store,
             const char  *source_key,
             const char  *params_key,
             gboolean     with_waveform,
             GError     **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) waveform = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;

  if (!co_store_get_result (store, RESULT_KIND, source_key, params_key, &json,
                            with_waveform ? &waveform : NULL, error))
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

static gboolean
write_piece_cb (gconstpointer   data,
                gsize           size,
                gpointer        blob,
                GError        **error)
{
  return co_store_blob_write (blob, data, size, error);
}

static gboolean
write_waveform_cb (CoStoreBlob  *blob,
                   gpointer      analysis,
                   GError      **error)
{
  return co_analysis_write_waveform (analysis, write_piece_cb, blob, error);
}

static void
store_result (CoStore    *store,
              const char *source_key,
              const char *params_key,
              CoAnalysis *analysis)
{
  g_autofree char *json = co_analysis_to_json_string (analysis, FALSE);
  g_autoptr(GError) error = NULL;

  /* The waveform goes into the database piece by piece, never held whole
   * a second time (nor once, with CoAnalysisParams.envelope_on_disk).  The
   * analysis itself succeeded; failing to cache it only costs time. */
  if (!co_store_put_result_streamed (store, RESULT_KIND, source_key, params_key, json,
                                     co_analysis_get_waveform_size (analysis), write_waveform_cb,
                                     analysis, &error))
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

  analysis = load_cached (store, source_key, params_key, !params->envelope_on_disk,
                          &cache_error);
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
  return load_cached (store, source_key, params_key, !params->envelope_on_disk, error);
}

typedef struct
{
  char             *path;
  CoAnalysisParams  params;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
lookup_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LookupData *data = task_data;
  GError *error = NULL;
  CoAnalysis *analysis = co_analysis_cache_lookup (source_object, data->path, &data->params,
                                                   &error);

  co_task_return (task, analysis, (GDestroyNotify)co_analysis_unref, error);
}

/**
 * co_analysis_cache_lookup_async:
 * @store: the store that keeps results
 * @path: a media file
 * @params: the analysis parameters
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context with the kept result
 * @user_data: data for @callback
 *
 * Runs co_analysis_cache_lookup() in a worker thread, since it reads the
 * database and the file's details.  Inputs are copied.
 */
void
co_analysis_cache_lookup_async (CoStore                *store,
                                const char             *path,
                                const CoAnalysisParams *params,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  LookupData *data;

  g_return_if_fail (CO_IS_STORE (store));
  g_return_if_fail (path != NULL && params != NULL);

  data = g_new0 (LookupData, 1);
  data->path = g_strdup (path);
  data->params = *params;
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_analysis_cache_lookup_async);
  g_task_set_task_data (task, data, (GDestroyNotify)lookup_data_free);
  g_task_run_in_thread (task, lookup_in_thread);
}

/**
 * co_analysis_cache_lookup_finish:
 * @store: the store given to co_analysis_cache_lookup_async()
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL when none is
 *   kept (@error unset) or the lookup failed or was cancelled (@error set)
 */
CoAnalysis *
co_analysis_cache_lookup_finish (CoStore       *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return co_task_propagate (result, store, co_analysis_cache_lookup_async, error);
}
