/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-export-error.h"
#include "co-media-error.h"
#include "co-probe.h"
#include "co-test-jobs.h"
#include "co-test-media.h"
#include "co-test-util.h"
#include "co-transcode-job.h"

/* The transcode job through the queue: a verified output when it runs to
 * its end, nothing at all when it is cancelled, and the output after a
 * restart resumed it. */

typedef struct
{
  CoStore       *store;
  char          *dir;
  char          *source;
  char          *out_dir;
  char          *output;
  CoTestJobKind  kind;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_MP4, .width = 320, .height = 240,
                       .fps = 25, .duration = 0.6, .audio = TRUE,
                       .pattern = CO_TEST_PATTERN_CHECKER };

  fixture->store = co_test_store_new ();
  fixture->dir = co_test_make_temp_dir ("transcode-job");
  fixture->source = co_test_media_write_video (fixture->dir, "clip.mp4", &spec);
  fixture->out_dir = g_build_filename (fixture->dir, "out", NULL);
  fixture->output = g_build_filename (fixture->out_dir, "clip.mov", NULL);
  g_assert_no_errno (g_mkdir (fixture->out_dir, 0700));
  fixture->kind = (CoTestJobKind) { fixture->store, CO_TRANSCODE_JOB_KIND, co_transcode_job_run,
                                    NULL };
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  g_free (fixture->dir);
  g_free (fixture->source);
  g_free (fixture->out_dir);
  g_free (fixture->output);
}

static void
assert_prores (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoMediaInfo) info = co_probe_file (path, CO_PROBE_NONE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (info->codecs, "ProRes"));
  g_assert_cmpint (info->width, ==, 320);
}

static void
test_run (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *params = co_transcode_job_params (fixture->source, fixture->output,
                                                     CO_TRANSCODE_PRORES_PROXY, FALSE);
  g_autoptr(CoJob) job = co_test_jobs_run (&fixture->kind, params);
  g_autoptr(CoJob) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  assert_prores (fixture->output);

  /* The same job again refuses to replace what it wrote, as asked. */
  again = co_test_jobs_run (&fixture->kind, params);
  error = co_job_dup_error (again);
  g_assert_cmpint (co_job_get_state (again), ==, CO_JOB_FAILED);
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS);
}

static void
test_bad_params (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CoJob) job = co_test_jobs_run (&fixture->kind,
                                           "{\"input\": \"a.mp4\", \"output\": \"b.mov\","
                                           " \"target\": \"prores-xq\"}");
  g_autoptr(GError) error = co_job_dup_error (job);

  /* Issue 11 (item 14): members of other types, as a damaged database
   * might give them, are refused the same way, without a CRITICAL. */
  g_autoptr(CoJob) damaged = co_test_jobs_run (&fixture->kind,
                                               "{\"input\": [\"a.mp4\"], \"output\": {},"
                                               " \"target\": \"prores-proxy\","
                                               " \"overwrite\": {}}");
  g_autoptr(GError) damaged_error = co_job_dup_error (damaged);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_FAILED);
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "prores-xq"));
  g_assert_cmpint (co_job_get_state (damaged), ==, CO_JOB_FAILED);
  g_assert_error (damaged_error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *params = co_transcode_job_params (fixture->source, fixture->output,
                                                     CO_TRANSCODE_PRORES_PROXY, FALSE);
  g_autoptr(CoJob) job = co_test_jobs_cancel_running (&fixture->kind, params);
  g_autoptr(GDir) listing = g_dir_open (fixture->out_dir, 0, NULL);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_CANCELLED);
  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));
}

static void
test_resume (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *params = co_transcode_job_params (fixture->source, fixture->output,
                                                     CO_TRANSCODE_PRORES_PROXY, FALSE);
  g_autoptr(CoJob) job = co_test_jobs_resume_restart (&fixture->kind, params);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  assert_prores (fixture->output);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  co_test_media_init ();

  ADD ("/media/transcode-job/run", test_run);
  ADD ("/media/transcode-job/bad-params", test_bad_params);
  ADD ("/media/transcode-job/cancel", test_cancel);
  ADD ("/media/transcode-job/resume", test_resume);

  return g_test_run ();
}
