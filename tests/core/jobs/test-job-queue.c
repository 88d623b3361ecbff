/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "co-job-queue.h"
#include "co-store-error.h"
#include "co-test-util.h"

typedef struct
{
  CoStore    *store;
  CoJobQueue *queue;
  int         running;
  int         max_seen;
  int         runs;
  GMutex      mutex;
  gboolean    release;
} Fixture;

/* A job that holds its slot until the test releases it (or it is
 * cancelled), so that concurrency can be observed. */
static gboolean
blocking_run (CoJob       *job,
              const char  *params,
              gpointer     user_data,
              GError     **error)
{
  Fixture *f = user_data;
  GCancellable *cancellable = co_job_get_cancellable (job);
  gboolean fail = strstr (params, "\"fail\"") != NULL;

  g_mutex_lock (&f->mutex);
  f->running++;
  f->runs++;
  f->max_seen = MAX (f->max_seen, f->running);
  g_mutex_unlock (&f->mutex);

  co_job_set_progress (job, 0.5, "halfway");
  while (!g_atomic_int_get (&f->release) && !g_cancellable_is_cancelled (cancellable))
    g_usleep (1000);

  g_mutex_lock (&f->mutex);
  f->running--;
  g_mutex_unlock (&f->mutex);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (fail)
    {
      g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT, "“%s” is damaged", params);
      return FALSE;
    }
  return TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_mutex_init (&f->mutex);
  f->store = co_test_store_new ();
  f->queue = co_job_queue_new (f->store, 2);
  co_job_queue_register (f->queue, "block", blocking_run, f, NULL);
}

static gboolean
queue_idle (gpointer data)
{
  Fixture *f = data;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->queue)); i++)
    {
      g_autoptr(CoJob) job = g_list_model_get_item (G_LIST_MODEL (f->queue), i);
      if (!co_job_is_finished (job))
        return FALSE;
    }
  return co_job_queue_get_n_running (f->queue) == 0;
}

static void
drain (Fixture *f)
{
  /* Let pending notifications reach the main thread too. */
  g_assert_true (co_test_wait_until (queue_idle, f, 10000));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A worker thread drops its task, and with it the task's reference to the
 * queue, only after the main thread has run the task's callback; nothing on
 * the main context marks that moment, so poll, within a bound. */
static void
wait_only_owner (gpointer object)
{
  for (int i = 0; i < 5000 && g_atomic_int_get (&G_OBJECT (object)->ref_count) > 1; i++)
    g_usleep (1000);
  g_assert_cmpint (g_atomic_int_get (&G_OBJECT (object)->ref_count), ==, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_atomic_int_set (&f->release, TRUE);
  drain (f);
  wait_only_owner (f->queue);
  g_assert_finalize_object (f->queue);
  g_assert_finalize_object (f->store);
  g_mutex_clear (&f->mutex);
}

static char *
row_state (CoStore *store,
           gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT state || coalesce (':' || error_message, '')"
                                          " FROM jobs WHERE id = %" G_GINT64_FORMAT, id);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *state = NULL;

  /* A second connection sees only what was committed: the durable state. */
  g_assert_cmpint (sqlite3_open (co_store_get_database_path (store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return state;
}

static gboolean
two_running (gpointer data)
{
  Fixture *f = data;
  int running;

  g_mutex_lock (&f->mutex);
  running = f->running;
  g_mutex_unlock (&f->mutex);
  return running == 2;
}

static void
test_limit (Fixture       *f,
            gconstpointer  data)
{
  CoJob *jobs[5];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autoptr(GError) error = NULL;
      jobs[i] = co_job_queue_submit (f->queue, "block", "Blocking", "{}", &error);
      g_assert_no_error (error);
      g_assert_cmpint (co_job_get_id (jobs[i]), >, 0);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->queue)), ==, 5);
  g_assert_cmpuint (co_job_queue_get_n_running (f->queue), ==, 2);
  g_assert_cmpint (co_job_get_state (jobs[4]), ==, CO_JOB_QUEUED);

  /* Both workers must be inside their run function before they are let go,
   * or the first may finish before the second starts. */
  g_assert_true (co_test_wait_until (two_running, f, 10000));
  g_atomic_int_set (&f->release, TRUE);
  drain (f);

  g_assert_cmpint (f->max_seen, ==, 2);
  g_assert_cmpint (f->runs, ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autofree char *state = row_state (f->store, co_job_get_id (jobs[i]));
      g_assert_cmpint (co_job_get_state (jobs[i]), ==, CO_JOB_DONE);
      g_assert_cmpfloat (co_job_get_fraction (jobs[i]), ==, 1.0);
      g_assert_cmpstr (state, ==, "done");
    }
}

static void
test_failure (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) job_error = NULL;
  g_autofree char *state = NULL;
  CoJob *job;

  g_atomic_int_set (&f->release, TRUE);
  job = co_job_queue_submit (f->queue, "block", "Will fail", "{\"fail\": true}", &error);
  g_assert_no_error (error);
  drain (f);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_FAILED);
  job_error = co_job_dup_error (job);
  g_assert_error (job_error, CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT);
  state = row_state (f->store, co_job_get_id (job));
  g_assert_true (g_str_has_prefix (state, "failed:"));
  g_assert_nonnull (strstr (state, "is damaged"));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *running_state = NULL;
  g_autofree char *queued_state = NULL;
  CoJob *first, *second, *waiting;

  first = co_job_queue_submit (f->queue, "block", "One", "{}", &error);
  second = co_job_queue_submit (f->queue, "block", "Two", "{}", &error);
  waiting = co_job_queue_submit (f->queue, "block", "Three", "{}", &error);
  g_assert_no_error (error);

  /* Cancelling a waiting job is immediate; it never runs. */
  co_job_cancel (waiting);
  g_assert_cmpint (co_job_get_state (waiting), ==, CO_JOB_CANCELLED);
  co_job_cancel (first);
  g_atomic_int_set (&f->release, TRUE);
  drain (f);

  g_assert_cmpint (co_job_get_state (first), ==, CO_JOB_CANCELLED);
  g_assert_null (co_job_dup_error (first));
  g_assert_cmpint (co_job_get_state (second), ==, CO_JOB_DONE);
  g_assert_cmpint (f->runs, ==, 2);
  running_state = row_state (f->store, co_job_get_id (first));
  queued_state = row_state (f->store, co_job_get_id (waiting));
  g_assert_cmpstr (running_state, ==, "cancelled");
  g_assert_cmpstr (queued_state, ==, "cancelled");
}

static void
test_shutdown_resume (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoJobQueue) next = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *after = NULL;
  CoJob *job;
  gint64 id;

  job = co_job_queue_submit (f->queue, "block", "Long", "{}", &error);
  g_assert_no_error (error);
  id = co_job_get_id (job);
  co_job_queue_shutdown (f->queue);
  drain (f);

  /* Quitting is not cancelling: the job waits for the next start. */
  saved = row_state (f->store, id);
  g_assert_cmpstr (saved, ==, "queued");

  next = co_job_queue_new (f->store, 0);
  co_job_queue_register (next, "block", blocking_run, f, NULL);
  g_atomic_int_set (&f->release, TRUE);
  g_assert_cmpuint (co_job_queue_resume (next, &error), ==, 1);
  g_assert_no_error (error);
  while (co_job_queue_get_n_running (next) > 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  after = row_state (f->store, id);
  g_assert_cmpstr (after, ==, "done");
  wait_only_owner (next);
  g_assert_finalize_object (g_steal_pointer (&next));
}

static void
test_resume_after_crash (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoJobQueue) next = NULL;
  g_autofree char *crashed = NULL;
  g_autofree char *unknown = NULL;
  sqlite3 *db = NULL;

  /* What a killed process leaves behind: one job marked running, one queued
   * of a kind no runner knows. */
  g_assert_cmpint (sqlite3_open (co_store_get_database_path (f->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO jobs (id, kind, title, params, state, created_at)"
                                 " VALUES (100, 'block', 'Cut short', '{}', 'running', 1),"
                                 "        (101, 'teleport', 'Future', '{}', 'queued', 2)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  next = co_job_queue_new (f->store, 0);
  co_job_queue_register (next, "block", blocking_run, f, NULL);
  g_atomic_int_set (&f->release, TRUE);
  g_assert_cmpuint (co_job_queue_resume (next, &error), ==, 2);
  g_assert_no_error (error);
  while (co_job_queue_get_n_running (next) > 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  crashed = row_state (f->store, 100);
  unknown = row_state (f->store, 101);
  g_assert_cmpstr (crashed, ==, "done");
  g_assert_true (g_str_has_prefix (unknown, "failed:"));
  g_assert_nonnull (strstr (unknown, "teleport"));
  g_assert_cmpint (f->runs, ==, 1);
  wait_only_owner (next);
  g_assert_finalize_object (g_steal_pointer (&next));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add ("/core/job-queue/limit", Fixture, NULL, fixture_set_up, test_limit, fixture_tear_down);
  g_test_add ("/core/job-queue/failure", Fixture, NULL, fixture_set_up, test_failure,
              fixture_tear_down);
  g_test_add ("/core/job-queue/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/core/job-queue/shutdown-resume", Fixture, NULL, fixture_set_up,
              test_shutdown_resume, fixture_tear_down);
  g_test_add ("/core/job-queue/resume-after-crash", Fixture, NULL, fixture_set_up,
              test_resume_after_crash, fixture_tear_down);

  return g_test_run ();
}
