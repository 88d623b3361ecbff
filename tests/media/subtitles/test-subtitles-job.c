/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-cue-store.h"
#include "co-media-error.h"
#include "co-subtitles-job.h"
#include "co-test-jobs.h"
#include "co-test-speech.h"
#include "co-test-util.h"

/* The subtitles job through the queue: speech to cues kept with the file,
 * clear errors without running the recogniser, cancellation that keeps
 * nothing, and a restart that finishes the work. */

static char *
write_speech (const char *dir)
{
  static const double gaps[][2] = { { 1.2, 1.9 } };
  CoTestSpeechSpec spec = { .container = "wav", .duration = 3.0, .rate = 16000, .channels = 1,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .seed = 5 };
  g_autoptr(GError) error = NULL;
  char *path = co_test_speech_write (dir, "talk.wav", &spec, &error);

  g_assert_no_error (error);
  return path;
}

static char *
params_for (const char *path)
{
  CoAnalysisParams params;

  co_analysis_params_init (&params);
  return co_subtitles_job_params (path, &params, NULL);
}

/* The job fails clearly without running the recogniser. */
static void
test_errors (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoJob) job = co_job_new (CO_SUBTITLES_JOB_KIND, "test");
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "no such talk.wav", NULL);
  g_autofree char *params = NULL;
  g_autofree char *path = NULL;

  g_assert_false (co_subtitles_job_run (job, "{}", store, &error));
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED);
  g_clear_error (&error);

  params = params_for (missing);
  path = co_subtitles_job_dup_path (params);
  g_assert_cmpstr (path, ==, missing);
  g_assert_null (co_subtitles_job_dup_path ("not json"));
  g_assert_false (co_subtitles_job_run (job, params, store, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "no such talk.wav"));
}

/* What a run keeps: the cues, readable by the panel and the exports. */
static guint
kept_cues (CoStore    *store,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cues = co_cue_store_load (store, path, &error);

  g_assert_no_error (error);
  return cues != NULL ? cues->len : 0;
}

static void
test_run (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("subtitles-job");
  g_autofree char *path = write_speech (dir);
  g_autofree char *params = params_for (path);
  CoTestJobKind kind = { store, CO_SUBTITLES_JOB_KIND, co_subtitles_job_run, store };
  g_autoptr(CoJob) job = co_test_jobs_run (&kind, params);
  g_autoptr(GError) error = co_job_dup_error (job);

  g_assert_no_error (error);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  g_assert_cmpuint (kept_cues (store, path), >, 0);
}

static void
test_cancel (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("subtitles-job-cancel");
  g_autofree char *path = write_speech (dir);
  g_autofree char *params = params_for (path);
  CoTestJobKind kind = { store, CO_SUBTITLES_JOB_KIND, co_subtitles_job_run, store };
  g_autoptr(CoJob) job = co_test_jobs_cancel_running (&kind, params);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_CANCELLED);
  g_assert_cmpuint (kept_cues (store, path), ==, 0);
}

static void
test_resume (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("subtitles-job-resume");
  g_autofree char *path = write_speech (dir);
  g_autofree char *params = params_for (path);
  CoTestJobKind kind = { store, CO_SUBTITLES_JOB_KIND, co_subtitles_job_run, store };
  g_autoptr(CoJob) job = co_test_jobs_resume_restart (&kind, params);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  g_assert_cmpuint (kept_cues (store, path), >, 0);
}

/* The rules a person chose travel in the job's parameters; what is missing
 * or damaged there falls back to the broadcast defaults. */
static void
test_rules (void)
{
  g_autofree char *json = NULL;
  CoAnalysisParams params;
  CoCueRules rules, read;

  co_analysis_params_init (&params);
  co_cue_rules_init (&rules);
  rules.max_chars_per_line = 30;
  rules.max_lines = 1;
  rules.max_cps = 12.5;
  json = co_subtitles_job_params ("/talks/a.wav", &params, &rules);
  co_subtitles_job_read_rules (json, &read);
  g_assert_cmpint (read.max_chars_per_line, ==, 30);
  g_assert_cmpint (read.max_lines, ==, 1);
  g_assert_cmpfloat (read.max_cps, ==, 12.5);
  g_clear_pointer (&json, g_free);

  co_cue_rules_init (&rules);
  json = co_subtitles_job_params ("/talks/a.wav", &params, NULL);
  co_subtitles_job_read_rules (json, &read);
  g_assert_cmpint (read.max_chars_per_line, ==, rules.max_chars_per_line);
  co_subtitles_job_read_rules ("{\"path\": \"/a.wav\", \"max_chars\": \"many\", "
                               "\"max_lines\": -3, \"max_cps\": 0}", &read);
  g_assert_cmpint (read.max_chars_per_line, ==, rules.max_chars_per_line);
  g_assert_cmpint (read.max_lines, ==, 1);
  g_assert_cmpfloat (read.max_cps, ==, rules.max_cps);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/media/subtitles-job/errors", test_errors);
  g_test_add_func ("/media/subtitles-job/rules", test_rules);
  g_test_add_func ("/media/subtitles-job/run", test_run);
  g_test_add_func ("/media/subtitles-job/cancel", test_cancel);
  g_test_add_func ("/media/subtitles-job/resume", test_resume);

  return g_test_run ();
}
