/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-jobs.h"
#include "co-verify-job.h"
#include "vault-fixture.h"

/* The verification job through the queue: the problems it finds stay with
 * the job, cancellation leaves no verdict behind, and a restart reads every
 * file again. */

/* Three stored files; the first is removed, the second changed. */
static void
damage_store (VaultFixture *fx,
              char        **gone,
              char        **changed)
{
  g_autofree char *gone_path = NULL;
  g_autofree char *changed_path = NULL;
  g_autoptr(GError) error = NULL;

  import_bytes (fx, "g.png", "job: will vanish", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  import_bytes (fx, "c.png", "job: will change", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  import_bytes (fx, "k.png", "job: stays", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  g_assert_no_error (error);
  *gone = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "job: will vanish", -1);
  *changed = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "job: will change", -1);
  gone_path = co_store_dup_blob_path (fx->store, *gone);
  changed_path = co_store_dup_blob_path (fx->store, *changed);
  g_assert_no_errno (g_unlink (gone_path));
  g_file_set_contents (changed_path, "tampered", -1, &error);
  g_assert_no_error (error);
}

static void
assert_found (CoJob      *job,
              const char *gone,
              const char *changed)
{
  GPtrArray *problems = co_verify_job_get_problems (job);

  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 2);
  for (guint i = 0; i < problems->len; i++)
    {
      CoVerifyProblem *problem = g_ptr_array_index (problems, i);

      g_assert_true (g_str_equal (problem->sha256, gone) || g_str_equal (problem->sha256, changed));
      g_assert_true (problem->missing == g_str_equal (problem->sha256, gone));
    }
}

static void
test_run (VaultFixture  *fx,
          gconstpointer  data)
{
  CoTestJobKind kind = { fx->store, CO_VERIFY_JOB_KIND, co_verify_job_run, fx->store };
  g_autofree char *params = co_verify_job_params ();
  g_autofree char *gone = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(CoJob) job = NULL;

  damage_store (fx, &gone, &changed);
  job = co_test_jobs_run (&kind, params);
  assert_found (job, gone, changed);
  g_assert_cmpfloat (co_job_get_fraction (job), ==, 1.0);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM assets WHERE verify_ok = 0"), ==, 2);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM assets WHERE verify_ok = 1"), ==, 1);
}

static void
test_cancel (VaultFixture  *fx,
             gconstpointer  data)
{
  CoTestJobKind kind = { fx->store, CO_VERIFY_JOB_KIND, co_verify_job_run, fx->store };
  g_autofree char *params = co_verify_job_params ();
  g_autofree char *gone = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(CoJob) job = NULL;

  damage_store (fx, &gone, &changed);
  job = co_test_jobs_cancel_running (&kind, params);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_CANCELLED);
  g_assert_null (co_verify_job_get_problems (job));
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM assets WHERE verified_at IS NOT NULL"),
                   ==, 0);
}

static void
test_resume (VaultFixture  *fx,
             gconstpointer  data)
{
  CoTestJobKind kind = { fx->store, CO_VERIFY_JOB_KIND, co_verify_job_run, fx->store };
  g_autofree char *params = co_verify_job_params ();
  g_autofree char *gone = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(CoJob) job = NULL;

  damage_store (fx, &gone, &changed);
  job = co_test_jobs_resume_restart (&kind, params);
  assert_found (job, gone, changed);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  VAULT_TEST ("/core/verify-job/run", test_run);
  VAULT_TEST ("/core/verify-job/cancel", test_cancel);
  VAULT_TEST ("/core/verify-job/resume", test_resume);

  return g_test_run ();
}
