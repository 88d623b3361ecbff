/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-analysis-job.h"
#include "co-app-jobs.h"
#include "co-app-settings.h"
#include "co-export-job.h"
#include "co-import-job.h"
#include "co-subtitles-job.h"
#include "co-transcode-job.h"
#include "co-verify-job.h"

/* The application's background jobs: one persistent queue per library, with
 * the runners registered and the work an earlier run left unfinished picked
 * up again.  The window, the media page and the jobs button share it. */

static void
max_jobs_changed_cb (GSettings  *settings,
                     const char *key,
                     CoJobQueue *queue)
{
  co_job_queue_set_max_running (queue, MAX (1, g_settings_get_int (settings, key)));
}

static void
resume_jobs (CoJobQueue *queue)
{
  g_autoptr(GError) error = NULL;
  guint n = co_job_queue_resume (queue, &error);

  if (error != NULL)
    g_warning ("Cannot resume the jobs of the last session: %s", error->message);
  else if (n > 0)
    g_message ("Resuming %u job(s) that the last session did not finish", n);
}

/* Every long task of the app is one of these kinds; each runner gets the
 * library it works on. */
static void
register_runners (CoJobQueue *queue,
                  CoVault    *vault)
{
  CoStore *store = co_vault_get_store (vault);

  co_job_queue_register (queue, CO_IMPORT_JOB_KIND, co_import_job_run, g_object_ref (vault),
                         g_object_unref);
  co_job_queue_register (queue, CO_VERIFY_JOB_KIND, co_verify_job_run, g_object_ref (store),
                         g_object_unref);
  co_job_queue_register (queue, CO_ANALYSIS_JOB_KIND, co_analysis_job_run,
                         g_object_ref (store), g_object_unref);
  co_job_queue_register (queue, CO_EXPORT_JOB_KIND, co_export_job_run,
                         g_object_ref (store), g_object_unref);
  co_job_queue_register (queue, CO_SUBTITLES_JOB_KIND, co_subtitles_job_run,
                         g_object_ref (store), g_object_unref);
  co_job_queue_register (queue, CO_TRANSCODE_JOB_KIND, co_transcode_job_run, NULL, NULL);
}

/**
 * co_app_jobs_new_queue:
 * @vault: the open library's vault, which imports go into
 * @settings: (nullable): the application's settings, when the schema is installed
 *
 * Creates the job queue of @vault's store, at most `max-concurrent-jobs`
 * jobs at once (2 without settings, and following changes of the key),
 * with every runner the app knows, and resumes the jobs that a crash or
 * quit cut short.
 *
 * Returns: (transfer full): the queue
 */
CoJobQueue *
co_app_jobs_new_queue (CoVault   *vault,
                       GSettings *settings)
{
  guint max_running = CO_JOB_QUEUE_DEFAULT_MAX_RUNNING;
  CoJobQueue *queue;

  g_return_val_if_fail (CO_IS_VAULT (vault), NULL);

  if (co_app_settings_has_key (settings, "max-concurrent-jobs"))
    max_running = MAX (1, g_settings_get_int (settings, "max-concurrent-jobs"));
  queue = co_job_queue_new (co_vault_get_store (vault), max_running);
  if (co_app_settings_has_key (settings, "max-concurrent-jobs"))
    g_signal_connect_object (settings, "changed::max-concurrent-jobs",
                             G_CALLBACK (max_jobs_changed_cb), queue, 0);
  register_runners (queue, vault);
  resume_jobs (queue);
  return queue;
}

static gboolean
queue_idle (gpointer data)
{
  return co_job_queue_get_n_running (data) == 0;
}

/**
 * co_app_jobs_shutdown:
 * @queue: the app's queue
 * @timeout_ms: the longest wait
 *
 * Stops the running jobs at quit (they stay queued and run again on the
 * next start) and lets their workers finish, for at most @timeout_ms, so
 * that the library closes cleanly.
 */
void
co_app_jobs_shutdown (CoJobQueue *queue,
                      guint       timeout_ms)
{
  gint64 deadline;

  g_return_if_fail (CO_IS_JOB_QUEUE (queue));

  co_job_queue_shutdown (queue);
  deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  while (!queue_idle (queue) && g_get_monotonic_time () < deadline)
    {
      /* Non-blocking iterations with a short nap keep the deadline honest
       * even when no source becomes ready. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  if (!queue_idle (queue))
    g_warning ("%u job(s) did not stop within %u ms; they run again on the next start",
               co_job_queue_get_n_running (queue), timeout_ms);
}

/**
 * co_app_jobs_default_params:
 * @settings: (nullable): the application's settings
 * @type: the item's type
 * @params: (out caller-allocates): the parameters
 *
 * The analysis parameters the user chose in Preferences (the engine's
 * defaults without settings).  Scene changes are looked for in videos,
 * since a creator wants to see them next to the silences.
 */
void
co_app_jobs_default_params (GSettings        *settings,
                            CoVaultType       type,
                            CoAnalysisParams *params)
{
  g_return_if_fail (params != NULL);

  co_analysis_params_init (params);
  params->scenes = type == CO_VAULT_TYPE_VIDEO;
  if (!co_app_settings_has_key (settings, "analysis-threshold-db"))
    return;
  params->threshold_db = g_settings_get_double (settings, "analysis-threshold-db");
  params->min_silence = g_settings_get_double (settings, "analysis-min-silence");
  params->padding = g_settings_get_double (settings, "analysis-padding");
  params->keep_pauses_over = g_settings_get_double (settings, "analysis-keep-pauses-over");
}

/** co_app_jobs_can_analyse: @item: a vault item  Returns: whether it has sound or pictures to analyse */
gboolean
co_app_jobs_can_analyse (CoVaultItem *item)
{
  CoVaultType type;

  g_return_val_if_fail (CO_IS_VAULT_ITEM (item), FALSE);
  type = co_vault_item_get_item_type (item);
  return (type == CO_VAULT_TYPE_VIDEO || type == CO_VAULT_TYPE_AUDIO)
         && co_vault_item_get_sha256 (item) != NULL;
}

/**
 * co_app_jobs_dup_media_path:
 * @store: the library
 * @item: a video or audio item
 *
 * Returns: (transfer full) (nullable): the stored file of @item
 */
char *
co_app_jobs_dup_media_path (CoStore     *store,
                            CoVaultItem *item)
{
  const char *sha256;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (CO_IS_VAULT_ITEM (item), NULL);

  sha256 = co_vault_item_get_sha256 (item);
  return sha256 != NULL ? co_store_dup_blob_path (store, sha256) : NULL;
}

/**
 * co_app_jobs_submit_analysis:
 * @queue: the app's queue
 * @store: the library
 * @item: a video or audio item
 * @params: the analysis parameters
 * @error: return location for a #GError
 *
 * Queues an analysis of @item's stored file.  A result kept from an earlier
 * run with the same parameters makes the job finish at once.
 *
 * Returns: (transfer none) (nullable): the job, owned by @queue
 */
CoJob *
co_app_jobs_submit_analysis (CoJobQueue              *queue,
                             CoStore                 *store,
                             CoVaultItem             *item,
                             const CoAnalysisParams  *params,
                             GError                 **error)
{
  g_autofree char *path = NULL;
  g_autofree char *job_params = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CO_IS_JOB_QUEUE (queue), NULL);
  g_return_val_if_fail (params != NULL, NULL);

  path = co_app_jobs_dup_media_path (store, item);
  if (path == NULL || !co_app_jobs_can_analyse (item))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” has no sound or video to analyse"), co_vault_item_get_title (item));
      return NULL;
    }
  job_params = co_analysis_job_params (path, params);
  /* Translators: a background job; %s is the title of a video or audio item. */
  title = g_strdup_printf (_("Analysing “%s”"), co_vault_item_get_title (item));
  return co_job_queue_submit (queue, CO_ANALYSIS_JOB_KIND, title, job_params, error);
}

/**
 * co_app_jobs_find_analysis:
 * @queue: the app's queue
 * @job_params: the parameters, as co_analysis_job_params() makes them
 *
 * Returns: (transfer full) (nullable): the newest analysis job with exactly
 *   these parameters that is still queued or running
 */
CoJob *
co_app_jobs_find_analysis (CoJobQueue *queue,
                           const char *job_params)
{
  guint n;

  g_return_val_if_fail (CO_IS_JOB_QUEUE (queue), NULL);
  g_return_val_if_fail (job_params != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (queue));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(CoJob) job = g_list_model_get_item (G_LIST_MODEL (queue), i - 1);

      if (g_strcmp0 (co_job_get_kind (job), CO_ANALYSIS_JOB_KIND) == 0
          && g_strcmp0 (co_job_get_params (job), job_params) == 0
          && !co_job_is_finished (job))
        return g_steal_pointer (&job);
    }
  return NULL;
}
