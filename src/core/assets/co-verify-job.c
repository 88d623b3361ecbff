/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-assets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-verify-job.h"

/* The verification job: every stored file read again and compared with its
 * digest (co_assets_verify()).  What it found stays with the job for the
 * view that asked; the verdict of each file is kept in the store. */

/**
 * co_verify_job_params:
 *
 * Returns: (transfer full): the JSON parameters of a verification of every
 *   stored file, as co_verify_job_run() reads them
 */
char *
co_verify_job_params (void)
{
  return g_strdup ("{}");
}

/**
 * co_verify_job_run:
 * @job: the running job
 * @params_json: made by co_verify_job_params()
 * @store: (type CoStore): the store whose files are read
 * @error: return location for a #GError
 *
 * The #CoJobRunFunc for %CO_VERIFY_JOB_KIND.  The problems found are the
 * job's result (co_verify_job_get_problems()).  Running it again after a
 * crash reads every file again, which changes nothing but the verdicts'
 * times.
 *
 * Returns: %TRUE when every file was read, damaged or not
 */
gboolean
co_verify_job_run (CoJob       *job,
                   const char  *params_json,
                   gpointer     store,
                   GError     **error)
{
  GPtrArray *problems;

  co_job_set_progress (job, 0.0, _("Reading the stored files"));
  problems = co_assets_verify (store, co_job_progress_cb, job, co_job_get_cancellable (job),
                               error);
  if (problems == NULL)
    return FALSE;
  co_job_set_result (job, problems, (GDestroyNotify)g_ptr_array_unref);
  return TRUE;
}

/**
 * co_verify_job_get_problems:
 * @job: a finished %CO_VERIFY_JOB_KIND job
 *
 * Returns: (transfer none) (nullable) (element-type CoVerifyProblem): the
 *   missing or changed files (empty when all is well), or %NULL when the
 *   job did not read every file
 */
GPtrArray *
co_verify_job_get_problems (CoJob *job)
{
  g_return_val_if_fail (CO_IS_JOB (job), NULL);
  g_return_val_if_fail (g_strcmp0 (co_job_get_kind (job), CO_VERIFY_JOB_KIND) == 0, NULL);

  return co_job_get_result (job);
}
