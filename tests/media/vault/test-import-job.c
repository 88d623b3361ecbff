/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-import-job.h"
#include "co-media-error.h"
#include "co-test-jobs.h"
#include "co-test-media.h"
#include "co-test-util.h"
#include "vault-fixture.h"

/* The import job through the queue: per-file outcomes kept with the job, a
 * batch that fails only when every file fails, cancellation, and a restart
 * that imports what the quit cut short. */

typedef VaultFixture Fixture;

static CoTestJobKind
import_kind (Fixture *fixture)
{
  return (CoTestJobKind) { fixture->store, CO_IMPORT_JOB_KIND, co_import_job_run, fixture->vault };
}

static gint64
count_items (Fixture *fixture)
{
  CoVaultQuery query = { .trash = CO_VAULT_TRASH_INCLUDE };
  g_autoptr(GError) error = NULL;
  gint64 n = co_vault_count (fixture->vault, &query, &error);

  g_assert_no_error (error);
  return n;
}

static CoImportResult *
result_at (CoJob *job,
           guint  i)
{
  GPtrArray *results = co_import_job_get_results (job);

  g_assert_nonnull (results);
  g_assert_cmpuint (i, <, results->len);
  return g_ptr_array_index (results, i);
}

static void
test_run (Fixture       *fixture,
          gconstpointer  data)
{
  CoTestJobKind kind = import_kind (fixture);
  g_autofree char *png = co_test_media_write_png (fixture->src_dir, "one.png", 40, 40,
                                                  CO_TEST_PATTERN_CHECKER);
  g_autofree char *bad = co_test_media_write_random (fixture->src_dir, "two.bin", 500, 9);
  const char *paths[] = { png, bad, png, NULL };
  const char *tags[] = { "from-job", NULL };
  CoImportOptions options = { .notes = "Kept by the job", .tags = tags };
  g_autofree char *params = co_import_job_params (paths, &options);
  g_autoptr(CoJob) job = co_test_jobs_run (&kind, params);
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = co_job_dup_message (job);

  /* One broken file does not fail the batch; each file says how it went. */
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  g_assert_cmpuint (co_import_job_get_results (job)->len, ==, 3);
  g_assert_cmpstr (result_at (job, 0)->path, ==, png);
  g_assert_cmpint (result_at (job, 0)->id, >, 0);
  g_assert_error (result_at (job, 1)->error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED);
  g_assert_true (result_at (job, 2)->duplicate);
  g_assert_cmpstr (message, ==, "Imported 2 of 3 files");
  g_assert_cmpint (count_items (fixture), ==, 1);

  /* The options travelled through the job's parameters. */
  item = co_vault_get (fixture->vault, result_at (job, 0)->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_vault_item_get_notes (item), ==, "Kept by the job");
  g_assert_cmpstr (co_vault_item_get_tags (item)[0], ==, "from-job");
}

/* Every file failing fails the job with the first file's error, and the
 * outcomes are still there to report. */
static void
test_all_fail (Fixture       *fixture,
               gconstpointer  data)
{
  CoTestJobKind kind = import_kind (fixture);
  g_autofree char *bad = co_test_media_write_random (fixture->src_dir, "noise.bin", 500, 3);
  g_autofree char *empty = co_test_media_write_empty (fixture->src_dir, "empty.mp4");
  const char *paths[] = { bad, empty, NULL };
  g_autofree char *params = co_import_job_params (paths, NULL);
  g_autoptr(CoJob) job = co_test_jobs_run (&kind, params);
  g_autoptr(GError) error = co_job_dup_error (job);
  g_autoptr(CoJob) wrong = NULL;
  g_autoptr(GError) wrong_error = NULL;

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_FAILED);
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "noise.bin"));
  g_assert_cmpuint (co_import_job_get_results (job)->len, ==, 2);
  g_assert_nonnull (result_at (job, 1)->error);
  g_assert_cmpint (count_items (fixture), ==, 0);

  /* Parameters without files fail clearly, with no outcomes. */
  wrong = co_test_jobs_run (&kind, "{\"paths\": 3}");
  wrong_error = co_job_dup_error (wrong);
  g_assert_cmpint (co_job_get_state (wrong), ==, CO_JOB_FAILED);
  g_assert_error (wrong_error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED);
  g_assert_null (co_import_job_get_results (wrong));
}

/* Issue 11 (item 14): a job row the database damaged, its members of other
 * types, is read without a CRITICAL; what cannot be read takes its default
 * (here: no title, no notes, the default size limit). */
static void
test_damaged_params (Fixture       *fixture,
                     gconstpointer  data)
{
  CoTestJobKind kind = import_kind (fixture);
  g_autofree char *png = co_test_media_write_png (fixture->src_dir, "one.png", 40, 40,
                                                  CO_TEST_PATTERN_CHECKER);
  g_autoptr(JsonNode) paths = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *params = NULL;
  g_autoptr(CoJob) job = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;

  json_node_take_array (paths, json_array_new ());
  json_array_add_string_element (json_node_get_array (paths), png);
  root = json_from_string ("{\"title\": {\"a\": 1}, \"notes\": [1], \"source_url\": {},"
                           " \"tags\": [{}], \"probe_flags\": [], \"max_size\": -5}", NULL);
  json_object_set_member (json_node_get_object (root), "paths", g_steal_pointer (&paths));
  params = json_to_string (root, FALSE);
  job = co_test_jobs_run (&kind, params);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  item = co_vault_get (fixture->vault, result_at (job, 0)->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_vault_item_get_title (item), ==, "one.png");
  g_assert_cmpstr (co_vault_item_get_notes (item), ==, "");
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  CoTestJobKind kind = import_kind (fixture);
  g_autofree char *png = co_test_media_write_png (fixture->src_dir, "one.png", 40, 40,
                                                  CO_TEST_PATTERN_STRIPES);
  const char *paths[] = { png, NULL };
  g_autofree char *params = co_import_job_params (paths, NULL);
  g_autoptr(CoJob) job = co_test_jobs_cancel_running (&kind, params);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_CANCELLED);
  g_assert_error (result_at (job, 0)->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_items (fixture), ==, 0);
}

static void
test_resume (Fixture       *fixture,
             gconstpointer  data)
{
  CoTestJobKind kind = import_kind (fixture);
  g_autofree char *png = co_test_media_write_png (fixture->src_dir, "one.png", 40, 40,
                                                  CO_TEST_PATTERN_GRADIENT);
  g_autofree char *jpeg = co_test_media_write_jpeg (fixture->src_dir, "two.jpg", 40, 40,
                                                    CO_TEST_PATTERN_CIRCLES, 90);
  const char *paths[] = { png, jpeg, NULL };
  g_autofree char *params = co_import_job_params (paths, NULL);
  g_autoptr(CoJob) job = co_test_jobs_resume_restart (&kind, params);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  g_assert_cmpint (result_at (job, 0)->id, >, 0);
  g_assert_cmpint (result_at (job, 1)->id, >, 0);
  g_assert_cmpint (count_items (fixture), ==, 2);
}

#define ADD(path, func) VAULT_TEST (path, func)

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  co_test_media_init ();

  ADD ("/media/import-job/run", test_run);
  ADD ("/media/import-job/all-fail", test_all_fail);
  ADD ("/media/import-job/damaged-params", test_damaged_params);
  ADD ("/media/import-job/cancel", test_cancel);
  ADD ("/media/import-job/resume", test_resume);

  return g_test_run ();
}
