/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-export-error.h"
#include "co-export-job.h"
#include "co-media-error.h"
#include "co-test-jobs.h"
#include "co-test-speech.h"
#include "co-test-util.h"

/* The export options, the chain from a file to its timeline, and the job
 * that runs the chain and writes the file: called directly, and through the
 * queue (run to its end, cancelled, resumed after a restart). */

static void
test_options_init (void)
{
  CoExportOptions options;
  CoAnalysisParams params;
  CoCueRules rules;

  co_analysis_params_init (&params);
  co_cue_rules_init (&rules);
  for (CoExportFormat format = CO_EXPORT_PREMIERE_XML; format <= CO_EXPORT_VTT; format++)
    {
      co_export_options_init (&options, format);
      g_assert_cmpint (options.format, ==, format);
      CoTimelineBuildFlags expected = CO_TIMELINE_BUILD_NONE;

      if (format == CO_EXPORT_CHAPTERS)
        expected = CO_TIMELINE_BUILD_CHAPTERS;
      /* A marker list is its markers. */
      if (format == CO_EXPORT_AUDITION_CSV || format == CO_EXPORT_PREMIERE_MARKERS)
        expected = CO_TIMELINE_BUILD_MARKERS;
      g_assert_cmpint (options.flags, ==, expected);
      g_assert_cmpint (options.rate.num, ==, 0);
      g_assert_cmpint (options.rate.den, ==, 0);
      g_assert_cmpfloat (options.params.threshold_db, ==, params.threshold_db);
      g_assert_cmpfloat (options.params.min_silence, ==, params.min_silence);
      g_assert_cmpfloat (options.params.padding, ==, params.padding);
      g_assert_cmpfloat (options.params.keep_pauses_over, ==, params.keep_pauses_over);
      g_assert_cmpint (options.params.scenes, ==, params.scenes);
      g_assert_cmpint (options.rules.max_chars_per_line, ==, rules.max_chars_per_line);
      g_assert_cmpint (options.rules.max_lines, ==, rules.max_lines);
      g_assert_cmpint (options.rules.min_duration_us, ==, rules.min_duration_us);
      g_assert_cmpfloat (options.rules.max_cps, ==, rules.max_cps);
      g_assert_cmpfloat (options.rules.flag_below, ==, rules.flag_below);
    }
}

/* Generated speech with planted gaps: with odd_options() the first is a
 * pause that stays, the second is cut with its padding, and the third is
 * too short to count; with the defaults all three are cut. */
static char *
write_speech (const char *dir)
{
  static const double gaps[][2] = { { 1.0, 1.9 }, { 2.5, 3.1 }, { 3.7, 4.15 } };
  CoTestSpeechSpec spec = { .container = "wav", .duration = 5.0, .rate = 16000, .channels = 1,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .seed = 5 };
  g_autoptr(GError) error = NULL;
  char *path = co_test_speech_write (dir, "talk.wav", &spec, &error);

  g_assert_no_error (error);
  return path;
}

/* Options that differ from the defaults in every field the job keeps. */
static void
odd_options (CoExportOptions *options)
{
  co_export_options_init (options, CO_EXPORT_PREMIERE_XML);
  options->flags = CO_TIMELINE_BUILD_CUT_SILENCES | CO_TIMELINE_BUILD_MARKERS;
  options->rate = CO_RATE_INIT (30000, 1001);
  options->params.threshold_db = -38;
  options->params.min_silence = 0.5;
  options->params.padding = 0.05;
  options->params.keep_pauses_over = 0.7;
}

/* The job writes what the chain run directly gives with the same options:
 * nothing is lost on the way through its JSON parameters. */
static void
test_matches_chain (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("export-job");
  g_autofree char *path = write_speech (dir);
  g_autofree char *output = g_build_filename (dir, "talk.xml", NULL);
  g_autoptr(CoJob) job = co_job_new (CO_EXPORT_JOB_KIND, "test");
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *params = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  CoExportOptions options;

  CoExportSource source = { path };

  odd_options (&options);
  params = co_export_job_params (&source, &options, output, FALSE);
  g_assert_true (co_export_job_run (job, params, store, &error));
  g_assert_no_error (error);

  timeline = co_export_job_build_timeline (store, &source, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  expected = co_export_to_string (CO_EXPORT_PREMIERE_XML, timeline, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (output, &written, NULL, &error));
  g_assert_cmpstr (written, ==, expected);
  g_assert_nonnull (strstr (written, "<xmeml"));
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* An existing output is kept unless the job says to replace it. */
static void
test_existing_output (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("export-job");
  g_autofree char *path = write_speech (dir);
  g_autofree char *output = co_test_write_file (dir, "talk.edl", "mine", -1);
  g_autoptr(CoJob) job = co_job_new (CO_EXPORT_JOB_KIND, "test");
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *replace = NULL;
  g_autofree char *text = NULL;
  CoExportOptions options;
  CoExportSource source = { path };

  co_export_options_init (&options, CO_EXPORT_EDL);
  keep = co_export_job_params (&source, &options, output, FALSE);
  g_assert_false (co_export_job_run (job, keep, store, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "talk.edl"));
  g_assert_true (g_file_get_contents (output, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "mine");
  g_clear_error (&error);
  g_clear_pointer (&text, g_free);

  replace = co_export_job_params (&source, &options, output, TRUE);
  g_assert_true (co_export_job_run (job, replace, store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (output, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "TITLE:"));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_bad_params (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoJob) job = co_job_new (CO_EXPORT_JOB_KIND, "test");
  const char *bad[] = {
    "not json", "[]", "{}", "{\"path\": \"a.mp4\", \"output\": \"a.edl\"}",
    "{\"path\": \"a.mp4\", \"format\": \"edl\"}", "{\"format\": \"edl\", \"output\": \"a.edl\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("params: %s", bad[i]);
      g_assert_false (co_export_job_run (job, bad[i], store, &error));
      g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
    }
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* A vault item is exported under its title, linked through a named copy
 * of its stored file with the original's extension; a digest in the job
 * that is not one is ignored, and the export links the file read. */
static void
test_item_named (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("export-job");
  g_autofree char *path = write_speech (dir);
  g_autofree char *output = g_build_filename (dir, "talk.xml", NULL);
  g_autofree char *sha256 = co_store_add_blob (store, path, NULL, NULL, NULL);
  g_autofree char *blob = co_store_dup_blob_path (store, sha256);
  g_autofree char *copy = g_build_filename (co_store_get_data_dir (store), "exports",
                                            "Talk_ final.wav", NULL);
  g_autofree char *url = co_export_file_url (copy, TRUE);
  g_autofree char *blob_url = co_export_file_url (blob, TRUE);
  g_autofree char *params = NULL, *damaged = NULL, *written = NULL, *digest = NULL;
  g_autoptr(CoJob) job = co_job_new (CO_EXPORT_JOB_KIND, "test");
  g_autoptr(GError) error = NULL;
  CoExportSource source = { blob, sha256, "Talk: final", "talk.wav", "audio/x-wav" };
  CoExportOptions options;

  co_export_options_init (&options, CO_EXPORT_PREMIERE_XML);
  params = co_export_job_params (&source, &options, output, FALSE);
  g_assert_true (co_export_job_run (job, params, store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (output, &written, NULL, &error));
  g_assert_nonnull (strstr (written, "<name>Talk: final</name>"));
  g_assert_nonnull (strstr (written, url));
  g_assert_null (strstr (written, sha256));
  digest = co_store_hash_file (copy, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (digest, ==, sha256);
  g_clear_pointer (&written, g_free);

  source.sha256 = "not-a-digest";
  damaged = co_export_job_params (&source, &options, output, TRUE);
  g_assert_true (co_export_job_run (job, damaged, store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (output, &written, NULL, &error));
  g_assert_nonnull (strstr (written, blob_url));
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* A file that is neither sound nor picture is refused by name. */
static void
test_not_media (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("export-job");
  g_autofree char *text = co_test_write_file (dir, "notes.mp4", "just some notes\n", -1);
  g_autoptr(CoTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  CoExportOptions options;
  CoExportSource source = { text };

  co_export_options_init (&options, CO_EXPORT_EDL);
  timeline = co_export_job_build_timeline (store, &source, &options, NULL, NULL, NULL, &error);
  g_assert_null (timeline);
  g_assert_true (error != NULL && error->domain == CO_MEDIA_ERROR);
  g_assert_nonnull (strstr (error->message, "notes.mp4"));
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Through the queue: a Premiere XML written when the job runs to its end,
 * nothing written when it is cancelled, the file after a restart, and an
 * existing file left alone unless the job may replace it. */

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
  CoExportSource source = { fixture->source };

  co_export_options_init (&options, CO_EXPORT_PREMIERE_XML);
  options.flags = CO_TIMELINE_BUILD_CUT_SILENCES;
  return co_export_job_params (&source, &options, fixture->output, overwrite);
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
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/media/export-job/options-init", test_options_init);
  g_test_add_func ("/media/export-job/matches-chain", test_matches_chain);
  g_test_add_func ("/media/export-job/existing-output", test_existing_output);
  g_test_add_func ("/media/export-job/item-named", test_item_named);
  g_test_add_func ("/media/export-job/bad-params", test_bad_params);
  g_test_add_func ("/media/export-job/not-media", test_not_media);
  ADD ("/media/export-job/run", test_run);
  ADD ("/media/export-job/cancel", test_cancel);
  ADD ("/media/export-job/resume", test_resume);

  return g_test_run ();
}
