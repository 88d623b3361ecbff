/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "co-analysis-cache.h"
#include "co-analysis-job.h"
#include "co-media-error.h"
#include "co-test-jobs.h"
#include "co-test-speech.h"
#include "co-test-util.h"

static char *
write_speech (const char *dir)
{
  static const double gaps[][2] = { { 1.0, 1.6 }, { 2.5, 3.4 } };
  CoTestSpeechSpec spec = { .container = "wav", .duration = 4.0, .rate = 48000, .channels = 2,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .seed = 7 };
  g_autoptr(GError) error = NULL;
  char *path = co_test_speech_write (dir, "talk.wav", &spec, &error);

  g_assert_no_error (error);
  return path;
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

/* Two jobs through one queue: one finishes and keeps its result, one
 * fails with an error naming its file. */
static void
test_run (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoJobQueue) queue = co_job_queue_new (store, 0);
  g_autofree char *dir = co_test_make_temp_dir ("job");
  g_autofree char *path = write_speech (dir);
  g_autofree char *missing = g_build_filename (dir, "gone.mp4", NULL);
  g_autofree char *params_json = NULL;
  g_autofree char *bad_json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) job_error = NULL;
  g_autoptr(CoAnalysis) cached_result = NULL;
  CoAnalysisParams params;
  gboolean cached = FALSE;
  CoJob *job, *bad;

  co_analysis_params_init (&params);
  co_job_queue_register (queue, CO_ANALYSIS_JOB_KIND, co_analysis_job_run,
                         g_object_ref (store), g_object_unref);
  params_json = co_analysis_job_params (path, &params);
  bad_json = co_analysis_job_params (missing, &params);

  job = co_job_queue_submit (queue, CO_ANALYSIS_JOB_KIND, "Analyse talk.wav", params_json, &error);
  bad = co_job_queue_submit (queue, CO_ANALYSIS_JOB_KIND, "Analyse gone.mp4", bad_json, &error);
  g_assert_no_error (error);
  g_assert_true (co_test_wait_until (job_finished, job, 30000));
  g_assert_true (co_test_wait_until (job_finished, bad, 30000));

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  g_assert_cmpint (co_job_get_state (bad), ==, CO_JOB_FAILED);
  job_error = co_job_dup_error (bad);
  g_assert_error (job_error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (job_error->message, "gone.mp4"));

  /* The job left its result where the next request finds it. */
  cached_result = co_analysis_cache_run (store, path, &params, &cached, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cached);
  g_assert_cmpfloat_with_epsilon (co_analysis_get_duration (cached_result), 4.0, 0.01);

  /* The count drops on the worker's side: wait with a bound, never on the
   * main loop alone. */
  g_assert_true (co_test_wait_until (queue_idle, queue, 30000));
}

/* A job cancelled while its worker runs ends cancelled and keeps nothing. */
static void
test_cancel (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("job-cancel");
  g_autofree char *path = write_speech (dir);
  CoTestJobKind kind = { store, CO_ANALYSIS_JOB_KIND, co_analysis_job_run, store };
  g_autofree char *params_json = NULL;
  g_autoptr(CoAnalysis) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoJob) job = NULL;
  CoAnalysisParams params;

  co_analysis_params_init (&params);
  params_json = co_analysis_job_params (path, &params);
  job = co_test_jobs_cancel_running (&kind, params_json);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_CANCELLED);
  g_assert_null (co_job_dup_error (job));
  kept = co_analysis_cache_lookup (store, path, &params, &error);
  g_assert_no_error (error);
  g_assert_null (kept);
}

/* Stopped at quit, the job runs again at the next start and keeps the same
 * result as a run that was never stopped. */
static void
test_resume (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("job-resume");
  g_autofree char *path = write_speech (dir);
  CoTestJobKind kind = { store, CO_ANALYSIS_JOB_KIND, co_analysis_job_run, store };
  g_autofree char *params_json = NULL;
  g_autoptr(CoAnalysis) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoJob) job = NULL;
  CoAnalysisParams params;
  gsize n_silences = 0;

  co_analysis_params_init (&params);
  params_json = co_analysis_job_params (path, &params);
  job = co_test_jobs_resume_restart (&kind, params_json);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  kept = co_analysis_cache_lookup (store, path, &params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  co_analysis_get_silences (kept, &n_silences);
  g_assert_cmpuint (n_silences, ==, 2);
}

/* The parameters go through the store as JSON and come back the same. */
static void
test_params (void)
{
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  CoAnalysisParams params, read;

  co_analysis_params_init (&params);
  params.threshold_db = -37.5;
  params.min_silence = 0.75;
  params.padding = 0.125;
  params.keep_pauses_over = 2.5;
  params.scenes = TRUE;
  json = co_analysis_job_params ("/media/a talk.wav", &params);
  g_assert_true (co_analysis_job_read_params (json, &path, &read));
  g_assert_cmpstr (path, ==, "/media/a talk.wav");
  g_assert_cmpfloat (read.threshold_db, ==, -37.5);
  g_assert_cmpfloat (read.min_silence, ==, 0.75);
  g_assert_cmpfloat (read.padding, ==, 0.125);
  g_assert_cmpfloat (read.keep_pauses_over, ==, 2.5);
  g_assert_true (read.scenes);
  g_assert_false (co_analysis_job_read_params ("{}", &path, &read));
  g_assert_false (co_analysis_job_read_params ("not json", &path, &read));
}

/* Issue 11 (item 14): a job row the database damaged, its members of other
 * types, is read without a CRITICAL: no file is no job, and a knob that
 * cannot be read takes its default. */
static void
test_params_damaged (void)
{
  g_autofree char *path = NULL;
  CoAnalysisParams read, defaults;

  co_analysis_params_init (&defaults);
  g_assert_false (co_analysis_job_read_params ("{\"path\": {\"a\": 1}}", &path, &read));
  g_assert_false (co_analysis_job_read_params ("{\"path\": [\"/a.wav\"]}", &path, &read));
  g_assert_true (co_analysis_job_read_params ("{\"path\": \"/a.wav\", \"threshold_db\": [1],"
                                              " \"min_silence\": {}, \"padding\": \"x\","
                                              " \"keep_pauses_over\": null,"
                                              " \"scenes\": {\"b\": true}}", &path, &read));
  g_assert_cmpstr (path, ==, "/a.wav");
  g_assert_cmpfloat (read.threshold_db, ==, defaults.threshold_db);
  g_assert_cmpfloat (read.min_silence, ==, defaults.min_silence);
  g_assert_cmpfloat (read.padding, ==, defaults.padding);
  g_assert_cmpfloat (read.keep_pauses_over, ==, defaults.keep_pauses_over);
  g_assert_cmpint (read.scenes, ==, defaults.scenes);
}

/* A job's parameters keep every knob; missing members take the defaults. */
static void
test_params_defaults (void)
{
  CoAnalysisParams params, read, defaults;
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bare_path = NULL;
  g_autoptr(JsonNode) node = NULL;

  co_analysis_params_init (&params);
  params = (CoAnalysisParams) { -41.5, 0.45, 0.07, 1.25, TRUE, params.serial };
  json = co_analysis_job_params ("/talks/a talk.wav", &params);
  node = json_from_string (json, NULL);
  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "path"), ==,
                   "/talks/a talk.wav");
  g_assert_true (co_analysis_job_read_params (json, &path, &read));
  g_assert_cmpfloat (read.threshold_db, ==, params.threshold_db);
  g_assert_cmpfloat (read.min_silence, ==, params.min_silence);
  g_assert_cmpfloat (read.padding, ==, params.padding);
  g_assert_cmpfloat (read.keep_pauses_over, ==, params.keep_pauses_over);
  g_assert_true (read.scenes);

  /* Only the file: every knob takes its default. */
  co_analysis_params_init (&defaults);
  g_assert_true (co_analysis_job_read_params ("{\"path\": \"/talks/b.wav\"}", &bare_path, &read));
  g_assert_cmpstr (bare_path, ==, "/talks/b.wav");
  g_assert_cmpfloat (read.threshold_db, ==, defaults.threshold_db);
  g_assert_cmpfloat (read.min_silence, ==, defaults.min_silence);
  g_assert_cmpfloat (read.padding, ==, defaults.padding);
  g_assert_cmpfloat (read.keep_pauses_over, ==, defaults.keep_pauses_over);
  g_assert_false (read.scenes);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/media/analysis-job/params", test_params);
  g_test_add_func ("/media/analysis-job/params-defaults", test_params_defaults);
  g_test_add_func ("/media/analysis-job/params-damaged", test_params_damaged);
  g_test_add_func ("/media/analysis-job/run", test_run);
  g_test_add_func ("/media/analysis-job/cancel", test_cancel);
  g_test_add_func ("/media/analysis-job/resume", test_resume);

  return g_test_run ();
}
