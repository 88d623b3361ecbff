/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-job.h"
#include "co-store-error.h"
#include "co-test-util.h"

typedef struct
{
  guint state;
  guint fraction;
  guint message;
  GThread *thread;
  gboolean wrong_thread;
} Notes;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Notes      *notes)
{
  if (g_thread_self () != notes->thread)
    notes->wrong_thread = TRUE;
  if (g_str_equal (pspec->name, "state"))
    notes->state++;
  else if (g_str_equal (pspec->name, "fraction"))
    notes->fraction++;
  else if (g_str_equal (pspec->name, "message"))
    notes->message++;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_states (void)
{
  g_autoptr(CoJob) job = co_job_new ("import", "Importing 3 files");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_assert_cmpstr (co_job_get_kind (job), ==, "import");
  g_assert_cmpstr (co_job_get_title (job), ==, "Importing 3 files");
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_QUEUED);
  g_assert_false (co_job_is_finished (job));
  co_job_start (job);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_RUNNING);
  co_job_set_progress (job, 0.5, "Halfway");
  g_assert_cmpfloat (co_job_get_fraction (job), ==, 0.5);
  message = co_job_dup_message (job);
  g_assert_cmpstr (message, ==, "Halfway");
  co_job_set_progress (job, -1, NULL);
  g_assert_cmpfloat (co_job_get_fraction (job), ==, 0.5);
  co_job_set_progress (job, 7.0, NULL);
  g_assert_cmpfloat (co_job_get_fraction (job), ==, 1.0);
  co_job_finish (job, NULL);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  g_assert_true (co_job_is_finished (job));
  g_assert_cmpfloat (co_job_get_fraction (job), ==, 1.0);
  g_assert_null (co_job_dup_error (job));

  /* A finished job stays finished, and its progress stays complete. */
  co_job_set_progress (job, 0.2, "late");
  g_assert_cmpfloat (co_job_get_fraction (job), ==, 1.0);
  error = g_error_new (CO_STORE_ERROR, CO_STORE_ERROR_IO, "late failure");
  co_job_finish (job, error);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  co_job_start (job);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  drain ();

  for (CoJobState s = CO_JOB_QUEUED; s <= CO_JOB_CANCELLED; s++)
    g_assert_nonnull (co_job_state_to_string (s));
  g_assert_cmpstr (co_job_state_to_string (CO_JOB_CANCELLED), ==, "cancelled");
  g_assert_finalize_object (g_steal_pointer (&job));
}

static void
test_failed (void)
{
  g_autoptr(CoJob) job = co_job_new ("verify", "Verifying");
  g_autoptr(GError) error = g_error_new (CO_STORE_ERROR, CO_STORE_ERROR_IO, "disk on fire");
  g_autoptr(GError) got = NULL;

  co_job_start (job);
  co_job_finish (job, error);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_FAILED);
  got = co_job_dup_error (job);
  g_assert_error (got, CO_STORE_ERROR, CO_STORE_ERROR_IO);
  g_assert_cmpstr (got->message, ==, "disk on fire");
  drain ();
  g_assert_finalize_object (g_steal_pointer (&job));
}

static void
test_cancel (void)
{
  g_autoptr(CoJob) queued = co_job_new ("a", "queued");
  g_autoptr(CoJob) running = co_job_new ("b", "running");
  g_autoptr(CoJob) other = co_job_new ("c", "other error after cancel");
  g_autoptr(CoJob) done = co_job_new ("d", "done anyway");
  g_autoptr(GError) cancelled = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  g_autoptr(GError) io = g_error_new (CO_STORE_ERROR, CO_STORE_ERROR_IO, "broken pipe");

  co_job_cancel (queued);
  g_assert_cmpint (co_job_get_state (queued), ==, CO_JOB_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (co_job_get_cancellable (queued)));
  co_job_start (queued);
  g_assert_cmpint (co_job_get_state (queued), ==, CO_JOB_CANCELLED);

  co_job_start (running);
  co_job_cancel (running);
  g_assert_cmpint (co_job_get_state (running), ==, CO_JOB_RUNNING);
  co_job_finish (running, cancelled);
  g_assert_cmpint (co_job_get_state (running), ==, CO_JOB_CANCELLED);
  g_assert_null (co_job_dup_error (running));

  /* Whatever error a cancelled worker ends with, the job is cancelled. */
  co_job_start (other);
  co_job_cancel (other);
  co_job_finish (other, io);
  g_assert_cmpint (co_job_get_state (other), ==, CO_JOB_CANCELLED);
  g_assert_null (co_job_dup_error (other));

  /* A cancellation error without cancel() still never counts as failure. */
  co_job_start (done);
  co_job_finish (done, cancelled);
  g_assert_cmpint (co_job_get_state (done), ==, CO_JOB_CANCELLED);
  drain ();
  g_assert_finalize_object (g_steal_pointer (&queued));
  g_assert_finalize_object (g_steal_pointer (&running));
  g_assert_finalize_object (g_steal_pointer (&other));
  g_assert_finalize_object (g_steal_pointer (&done));
}

static gpointer
worker_thread (gpointer data)
{
  CoJob *job = data;

  co_job_start (job);
  for (int i = 1; i <= 1000; i++)
    {
      g_autofree char *message = g_strdup_printf ("step %d", i);
      co_job_set_progress (job, i / 1000.0, message);
    }
  co_job_finish (job, NULL);
  return NULL;
}

static gboolean
finished (gpointer data)
{
  return co_job_is_finished (data);
}

static void
test_worker_notifies_main (void)
{
  g_autoptr(CoJob) job = co_job_new ("analyze", "Analysing");
  Notes notes = { .thread = g_thread_self () };
  GThread *thread;

  g_signal_connect (job, "notify", G_CALLBACK (notify_cb), &notes);
  /* The main loop does not run while the worker reports 1000 steps: they
   * coalesce into one pending idle, so at most one notification each. */
  thread = g_thread_new ("worker", worker_thread, job);
  g_thread_join (thread);
  g_assert_cmpuint (notes.state + notes.fraction + notes.message, ==, 0);
  g_assert_true (co_test_wait_until (finished, job, 5000));
  g_assert_true (g_main_context_iteration (NULL, FALSE));
  g_assert_false (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (notes.state, ==, 1);
  g_assert_cmpuint (notes.fraction, ==, 1);
  g_assert_cmpuint (notes.message, ==, 1);
  g_assert_false (notes.wrong_thread);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  g_assert_finalize_object (g_steal_pointer (&job));
}

static gpointer
slow_worker_thread (gpointer data)
{
  CoJob *job = data;

  co_job_start (job);
  for (int i = 1; i <= 50; i++)
    {
      co_job_set_progress (job, i / 50.0, NULL);
      g_usleep (1000);
    }
  co_job_finish (job, NULL);
  return NULL;
}

static void
test_worker_live_updates (void)
{
  g_autoptr(CoJob) job = co_job_new ("analyze", "Analysing");
  Notes notes = { .thread = g_thread_self () };
  GThread *thread;

  g_signal_connect (job, "notify", G_CALLBACK (notify_cb), &notes);
  thread = g_thread_new ("worker", slow_worker_thread, job);
  while (!co_job_is_finished (job))
    g_main_context_iteration (NULL, FALSE);
  g_thread_join (thread);
  drain ();
  g_assert_false (notes.wrong_thread);
  g_assert_cmpuint (notes.fraction, >=, 1);
  /* One per step at most, plus the one finishing sends. */
  g_assert_cmpuint (notes.fraction, <=, 51);
  g_assert_cmpuint (notes.state, >=, 1);
  g_assert_cmpfloat (co_job_get_fraction (job), ==, 1.0);
  g_assert_finalize_object (g_steal_pointer (&job));
}

static void
count_free (gpointer data)
{
  (*(int *) data)++;
}

/* A worker keeps what it made with the job; the first result counts, a
 * finished job takes none, and the job frees what it kept. */
static void
test_result (void)
{
  g_autoptr(CoJob) job = co_job_new ("verify", "Verifying");
  int first = 0, second = 0, late = 0;

  g_assert_null (co_job_get_result (job));
  co_job_start (job);
  co_job_set_result (job, &first, count_free);
  co_job_set_result (job, &second, count_free);
  g_assert_true (co_job_get_result (job) == &first);
  g_assert_cmpint (second, ==, 1);
  co_job_finish (job, NULL);
  co_job_set_result (job, &late, count_free);
  g_assert_cmpint (late, ==, 1);
  g_assert_true (co_job_get_result (job) == &first);
  g_assert_cmpint (first, ==, 0);
  drain ();
  g_assert_finalize_object (g_steal_pointer (&job));
  g_assert_cmpint (first, ==, 1);
}

/* co_job_progress_cb() is the CoProgressFunc of runners; in a span, a step
 * reports its share of the whole. */
static void
test_progress_cb (void)
{
  g_autoptr(CoJob) job = co_job_new ("subtitles", "Transcribing");
  CoProgressSpan second_half = { co_job_progress_cb, job, 0.5, 1.0, "Recognising" };
  g_autofree char *message = NULL;
  g_autofree char *kept = NULL;

  co_job_start (job);
  co_job_progress_cb (0.25, "Reading", job);
  g_assert_cmpfloat (co_job_get_fraction (job), ==, 0.25);
  message = co_job_dup_message (job);
  g_assert_cmpstr (message, ==, "Reading");
  co_progress_span_cb (0.5, NULL, &second_half);
  g_assert_cmpfloat (co_job_get_fraction (job), ==, 0.75);
  kept = co_job_dup_message (job);
  g_assert_cmpstr (kept, ==, "Recognising");
  co_job_finish (job, NULL);
  drain ();
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/job/states", test_states);
  g_test_add_func ("/core/job/failed", test_failed);
  g_test_add_func ("/core/job/cancel", test_cancel);
  g_test_add_func ("/core/job/worker/one-idle", test_worker_notifies_main);
  g_test_add_func ("/core/job/worker/live", test_worker_live_updates);
  g_test_add_func ("/core/job/result", test_result);
  g_test_add_func ("/core/job/progress-cb", test_progress_cb);

  return g_test_run ();
}
