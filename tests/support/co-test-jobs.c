/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "co-test-jobs.h"
#include "co-test-util.h"

/* Every job kind's test runs the kind's real runner through a real queue
 * three ways: to its end, cancelled while it runs, and stopped at quit then
 * resumed by the queue of the next start.  A gate in front of the runner
 * holds the worker until the job is cancelled, so that "while it runs" is
 * a fact and not a race with a short test file. */

/* A bound, not a time: speech recognition under the sanitizers on a busy
 * machine takes minutes. */
#define WAIT_MS 300000

typedef struct
{
  CoJobRunFunc run;
  gpointer     run_data;
  int          reached;
} Gate;

static gboolean
gate_run (CoJob       *job,
          const char  *params,
          gpointer     user_data,
          GError     **error)
{
  Gate *gate = user_data;
  GCancellable *cancellable = co_job_get_cancellable (job);
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;

  g_atomic_int_set (&gate->reached, TRUE);
  while (!g_cancellable_is_cancelled (cancellable) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  /* The real runner meets the cancellation as it would in the middle. */
  return gate->run (job, params, gate->run_data, error);
}

static gboolean
gate_reached (gpointer data)
{
  return g_atomic_int_get (&((Gate *) data)->reached);
}

static gboolean
job_finished (gpointer data)
{
  return co_job_is_finished (data);
}

static gboolean
queue_idle (gpointer data)
{
  return co_job_queue_get_n_running (data) == 0;
}

/**
 * co_test_jobs_free_queue:
 * @queue: (transfer full): a queue the test made
 *
 * Waits for its workers to stop and checks that nothing else holds it.
 */
void
co_test_jobs_free_queue (CoJobQueue *queue)
{
  g_assert_true (co_test_wait_until (queue_idle, queue, WAIT_MS));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* A worker drops its task, and the task's reference to the queue, only
   * after the main thread ran the task's callback: poll, within a bound. */
  for (int i = 0; i < 5000 && g_atomic_int_get (&G_OBJECT (queue)->ref_count) > 1; i++)
    g_usleep (1000);
  g_assert_finalize_object (queue);
}

static CoJob *
submit (CoJobQueue *queue,
        const char *kind,
        const char *params)
{
  g_autoptr(GError) error = NULL;
  CoJob *job = co_job_queue_submit (queue, kind, "A test job", params, &error);

  g_assert_no_error (error);
  g_assert_nonnull (job);
  return g_object_ref (job);
}

/**
 * co_test_jobs_run:
 * @kind: the job kind
 * @params: its parameters
 *
 * Runs one job of @kind through a queue to its end.
 *
 * Returns: (transfer full): the finished job
 */
CoJob *
co_test_jobs_run (const CoTestJobKind *kind,
                  const char          *params)
{
  CoJobQueue *queue = co_job_queue_new (kind->store, 0);
  CoJob *job;

  co_job_queue_register (queue, kind->kind, kind->run, kind->run_data, NULL);
  job = submit (queue, kind->kind, params);
  g_assert_true (co_test_wait_until (job_finished, job, WAIT_MS));
  co_test_jobs_free_queue (queue);
  return job;
}

/**
 * co_test_jobs_cancel_running:
 * @kind: the job kind
 * @params: its parameters
 *
 * Submits a job of @kind, cancels it once its worker runs, and waits for it
 * to end.  The caller checks that it ended cancelled and changed nothing.
 *
 * Returns: (transfer full): the finished job
 */
CoJob *
co_test_jobs_cancel_running (const CoTestJobKind *kind,
                             const char          *params)
{
  CoJobQueue *queue = co_job_queue_new (kind->store, 0);
  Gate gate = { kind->run, kind->run_data, FALSE };
  CoJob *job;

  co_job_queue_register (queue, kind->kind, gate_run, &gate, NULL);
  job = submit (queue, kind->kind, params);
  g_assert_true (co_test_wait_until (gate_reached, &gate, WAIT_MS));
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_RUNNING);
  co_job_cancel (job);
  g_assert_true (co_test_wait_until (job_finished, job, WAIT_MS));
  co_test_jobs_free_queue (queue);
  return job;
}

static char *
saved_state (CoStore *store,
             gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM jobs WHERE id = %" G_GINT64_FORMAT,
                                          id);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *state = NULL;

  /* A second connection, as the next start would open. */
  g_assert_cmpint (sqlite3_open (co_store_get_database_path (store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return state;
}

/**
 * co_test_jobs_resume_restart:
 * @kind: the job kind
 * @params: its parameters
 *
 * A simulated restart: a job of @kind is stopped at quit while its worker
 * runs, is saved as waiting, and the queue of the next start (a new queue
 * on the same store) resumes it and runs it to its end.
 *
 * Returns: (transfer full): the resumed job, finished
 */
CoJob *
co_test_jobs_resume_restart (const CoTestJobKind *kind,
                             const char          *params)
{
  CoJobQueue *queue = co_job_queue_new (kind->store, 0);
  Gate gate = { kind->run, kind->run_data, FALSE };
  g_autoptr(CoJob) stopped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  CoJob *job;

  co_job_queue_register (queue, kind->kind, gate_run, &gate, NULL);
  stopped = submit (queue, kind->kind, params);
  g_assert_true (co_test_wait_until (gate_reached, &gate, WAIT_MS));
  co_job_queue_shutdown (queue);
  co_test_jobs_free_queue (queue);
  state = saved_state (kind->store, co_job_get_id (stopped));
  g_assert_cmpstr (state, ==, "queued");

  queue = co_job_queue_new (kind->store, 0);
  co_job_queue_register (queue, kind->kind, kind->run, kind->run_data, NULL);
  g_assert_cmpuint (co_job_queue_resume (queue, &error), ==, 1);
  g_assert_no_error (error);
  job = g_list_model_get_item (G_LIST_MODEL (queue), 0);
  g_assert_cmpint (co_job_get_id (job), ==, co_job_get_id (stopped));
  g_assert_true (co_test_wait_until (job_finished, job, WAIT_MS));
  co_test_jobs_free_queue (queue);
  return job;
}

static int holds_released;

/**
 * co_test_jobs_hold_run:
 * @job: the running job
 * @params: unused
 * @user_data: unused
 * @error: return location for a #GError
 *
 * A #CoJobRunFunc that holds its slot of the queue until
 * co_test_jobs_release_holds() or its cancellation, so that the jobs
 * behind it wait.
 *
 * Returns: %TRUE when released, %FALSE when cancelled
 */
gboolean
co_test_jobs_hold_run (CoJob       *job,
                       const char  *params,
                       gpointer     user_data,
                       GError     **error)
{
  GCancellable *cancellable = co_job_get_cancellable (job);
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;

  while (!g_atomic_int_get (&holds_released) && !g_cancellable_is_cancelled (cancellable)
         && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * co_test_jobs_release_holds:
 *
 * Lets every co_test_jobs_hold_run() of the test binary finish.
 */
void
co_test_jobs_release_holds (void)
{
  g_atomic_int_set (&holds_released, TRUE);
}

/**
 * co_test_jobs_keep_holds:
 *
 * Makes co_test_jobs_hold_run() hold again after an earlier test released
 * the holds: each test that relies on a hold calls it first.
 */
void
co_test_jobs_keep_holds (void)
{
  g_atomic_int_set (&holds_released, FALSE);
}
