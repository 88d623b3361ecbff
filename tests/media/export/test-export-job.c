/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-error.h"
#include "co-test-jobs.h"
#include "co-test-speech.h"
#include "co-test-util.h"
#include "co-timeline-build.h"

/* The export job through the queue: a Premiere XML written when it runs to
 * its end, nothing written when it is cancelled, the file after a restart,
 * and an existing file left alone unless the job may replace it. */

typedef struct
{
  CoStore       *store;
  char          *dir;
  char          *source;
  char          *output;
  CoTestJobKind  kind;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const double gaps[][2] = { { 1.0, 1.8 } };
  CoTestSpeechSpec spec = { .container = "wav", .duration = 3.0, .rate = 16000, .channels = 1,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .seed = 6 };
  g_autoptr(GError) error = NULL;

  fixture->store = co_test_store_new ();
  fixture->dir = co_test_make_temp_dir ("export-job");
  fixture->source = co_test_speech_write (fixture->dir, "talk.wav", &spec, &error);
  g_assert_no_error (error);
  fixture->output = g_build_filename (fixture->dir, "talk.xml", NULL);
  fixture->kind = (CoTestJobKind) { fixture->store, CO_EXPORT_JOB_KIND, co_export_job_run,
                                    fixture->store };
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The analysis's workers may hold the store a moment longer. */
  co_test_assert_finalized (fixture->store, 30000);
  g_free (fixture->dir);
  g_free (fixture->source);
  g_free (fixture->output);
}

static char *
params_for (Fixture  *fixture,
            gboolean  overwrite)
{
  CoExportOptions options;

  co_export_options_init (&options, CO_EXPORT_PREMIERE_XML);
  options.flags = CO_TIMELINE_BUILD_CUT_SILENCES;
  return co_export_job_params (fixture->source, &options, fixture->output, overwrite);
}

static void
assert_written (Fixture *fixture)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (fixture->output, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "<xmeml version=\"4\">"));
  g_assert_nonnull (strstr (text, "talk.wav"));
}

static void
test_run (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *params = params_for (fixture, FALSE);
  g_autofree char *replace = params_for (fixture, TRUE);
  g_autoptr(CoJob) job = co_test_jobs_run (&fixture->kind, params);
  g_autoptr(CoJob) again = NULL;
  g_autoptr(CoJob) replaced = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  assert_written (fixture);

  /* The same export again leaves the file alone, unless asked to replace it. */
  g_file_set_contents (fixture->output, "keep me", -1, &error);
  g_assert_no_error (error);
  again = co_test_jobs_run (&fixture->kind, params);
  error = co_job_dup_error (again);
  g_assert_cmpint (co_job_get_state (again), ==, CO_JOB_FAILED);
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS);
  replaced = co_test_jobs_run (&fixture->kind, replace);
  g_assert_cmpint (co_job_get_state (replaced), ==, CO_JOB_DONE);
  assert_written (fixture);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *params = params_for (fixture, FALSE);
  g_autoptr(CoJob) job = co_test_jobs_cancel_running (&fixture->kind, params);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_CANCELLED);
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));
}

static void
test_resume (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *params = params_for (fixture, FALSE);
  g_autoptr(CoJob) job = co_test_jobs_resume_restart (&fixture->kind, params);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  assert_written (fixture);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  ADD ("/media/export-job/run", test_run);
  ADD ("/media/export-job/cancel", test_cancel);
  ADD ("/media/export-job/resume", test_resume);

  return g_test_run ();
}
