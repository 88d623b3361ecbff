/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-store-error.h"
#include "co-vault-error.h"
#include "vault-fixture.h"

static char *
sha_of (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
test_refs (VaultFixture  *fx,
           gconstpointer  data)
{
  g_autofree char *sha = sha_of ("referenced");
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(CoAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = import_bytes (fx, "r.png", "referenced", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  CoAssetRef *ref;

  g_assert_no_error (error);
  g_assert_true (co_assets_add_ref (fx->store, sha, "draft", 5, &error));
  g_assert_true (co_assets_add_ref (fx->store, sha, "draft", 5, &error));
  g_assert_true (co_assets_add_ref (fx->store, sha, "export", 9, &error));
  g_assert_no_error (error);

  refs = co_assets_list_refs (fx->store, sha, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refs->len, ==, 3);
  ref = g_ptr_array_index (refs, 0);
  g_assert_cmpstr (ref->owner_kind, ==, "vault");
  g_assert_cmpint (ref->owner_id, ==, id);
  g_assert_cmpint (ref->created_at, >, 0);

  asset = co_assets_get (fx->store, sha, &error);
  g_assert_cmpuint (asset->n_refs, ==, 3);
  g_assert_cmpint (asset->size, ==, 10);
  g_assert_cmpstr (asset->mime, ==, "image/png");
  g_clear_pointer (&asset, co_asset_free);

  g_assert_true (co_assets_remove_refs_of (fx->store, "draft", 5, &error));
  g_assert_true (co_assets_remove_refs_of (fx->store, "draft", 12345, &error));
  g_assert_no_error (error);
  asset = co_assets_get (fx->store, sha, &error);
  g_assert_cmpuint (asset->n_refs, ==, 2);
  g_assert_cmpint (asset->unreferenced_since, ==, 0);

  /* A reference to something never stored is refused. */
  g_assert_false (co_assets_add_ref (fx->store, "f00d", "draft", 1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (co_assets_get (fx->store, "f00d", &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "f00d"));
}

static void
test_unreferenced (VaultFixture  *fx,
                   gconstpointer  data)
{
  g_autofree char *old = sha_of ("old and big content");
  g_autofree char *fresh = sha_of ("fresh");
  g_autofree char *used = sha_of ("still used");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 before;

  import_bytes (fx, "a", "old and big content", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  import_bytes (fx, "b", "fresh", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  import_bytes (fx, "c", "still used", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  g_assert_no_error (error);
  for (const char *s = "abc"; *s; s++)
    g_assert_true (co_assets_add_ref (fx->store, *s == 'a' ? old : *s == 'b' ? fresh : used,
                                      "draft", 1, &error));
  list = co_assets_list_unreferenced (fx->store, 0, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The draft goes away; the vault references too (as a purge would). */
  before = g_get_real_time ();
  g_assert_true (co_assets_remove_refs_of (fx->store, "draft", 1, &error));
  for (gint64 id = 1; id <= 2; id++)
    g_assert_true (co_assets_remove_refs_of (fx->store, "vault", id, &error));
  g_assert_no_error (error);

  list = co_assets_list_unreferenced (fx->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((CoAsset *)g_ptr_array_index (list, 0))->sha256, ==, old);
  g_assert_cmpstr (((CoAsset *)g_ptr_array_index (list, 1))->sha256, ==, fresh);
  g_assert_cmpint (((CoAsset *)g_ptr_array_index (list, 1))->unreferenced_since, >=, before);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = co_assets_list_unreferenced (fx->store, CO_ASSETS_DEFAULT_ARCHIVE_DAYS, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Age one of them past 30 days. */
  sql = g_strdup_printf ("UPDATE assets SET unreferenced_since = %" G_GINT64_FORMAT
                         " WHERE sha256 = '%s'",
                         g_get_real_time () - (gint64)31 * 86400 * G_USEC_PER_SEC, old);
  sql_exec (fx->store, sql);
  list = co_assets_list_unreferenced (fx->store, 30, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((CoAsset *)g_ptr_array_index (list, 0))->sha256, ==, old);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = co_assets_list_unreferenced (fx->store, 32, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A new reference ends the unreferenced period. */
  g_assert_true (co_assets_add_ref (fx->store, old, "export", 3, &error));
  list = co_assets_list_unreferenced (fx->store, 0, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_quota (VaultFixture  *fx,
            gconstpointer  data)
{
  g_auto(CoQuotaReport) report = { 0 };
  g_autofree char *small_unref = sha_of ("0123456789");
  g_autofree char *big_unref = sha_of ("01234567890123456789");
  g_autofree char *trashed = sha_of ("012345678901234567890123456789");
  g_autoptr(GError) error = NULL;
  gint64 id_small, id_big, id_trashed;

  g_assert_cmpint (co_assets_get_quota_limit (fx->store), ==, CO_ASSETS_DEFAULT_QUOTA);
  g_assert_false (co_assets_set_quota_limit (fx->store, 0, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (co_assets_set_quota_limit (fx->store, 100, &error));
  g_assert_cmpint (co_assets_get_quota_limit (fx->store), ==, 100);

  id_small = import_bytes (fx, "s", "0123456789", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  id_big = import_bytes (fx, "b", "01234567890123456789", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  id_trashed = import_bytes (fx, "t", "012345678901234567890123456789", CO_VAULT_TYPE_IMAGE, NULL,
                             NULL, &error);
  import_bytes (fx, "live", "0123456789012345678901234", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (co_assets_get_quota (fx->store, &report, &error));
  g_assert_cmpint (report.used, ==, 85);
  g_assert_cmpint (report.limit, ==, 100);
  g_assert_cmpfloat_with_epsilon (report.fraction, 0.85, 1e-9);
  g_assert_false (report.warning);
  g_assert_cmpuint (report.suggestions->len, ==, 0);
  co_quota_report_clear (&report);

  g_assert_true (co_assets_remove_refs_of (fx->store, "vault", id_small, &error));
  g_assert_true (co_assets_remove_refs_of (fx->store, "vault", id_big, &error));
  g_assert_true (co_vault_trash (fx->vault, id_trashed, &error));
  g_assert_true (co_assets_set_quota_limit (fx->store, 94, &error));

  g_assert_true (co_assets_get_quota (fx->store, &report, &error));
  g_assert_true (report.warning);
  /* Unreferenced files first, largest first, then files only the trash uses. */
  g_assert_cmpuint (report.suggestions->len, ==, 3);
  g_assert_cmpstr (((CoAsset *)g_ptr_array_index (report.suggestions, 0))->sha256, ==, big_unref);
  g_assert_cmpstr (((CoAsset *)g_ptr_array_index (report.suggestions, 1))->sha256, ==, small_unref);
  g_assert_cmpstr (((CoAsset *)g_ptr_array_index (report.suggestions, 2))->sha256, ==, trashed);
  co_quota_report_clear (&report);

  /* Exactly 90 % warns; just below does not. */
  g_assert_true (co_assets_set_quota_limit (fx->store, 95, &error));
  g_assert_true (co_assets_get_quota (fx->store, &report, &error));
  g_assert_false (report.warning);
  co_quota_report_clear (&report);
  g_assert_true (co_assets_set_quota_limit (fx->store, 85 * 10 / 9 + 1, &error));
  g_assert_true (co_assets_get_quota (fx->store, &report, &error));
  g_assert_false (report.warning);
  co_quota_report_clear (&report);
  g_assert_true (co_assets_set_quota_limit (fx->store, 85 * 10 / 9, &error));
  g_assert_true (co_assets_get_quota (fx->store, &report, &error));
  g_assert_true (report.warning);
}

static void
test_quota_exceeded (VaultFixture  *fx,
                     gconstpointer  data)
{
  g_autofree char *sha = sha_of ("this content is far too large");
  g_autofree char *blob = co_store_dup_blob_path (fx->store, sha);
  g_autofree char *tmp_dir = g_build_filename (co_store_get_data_dir (fx->store), "blobs", "tmp",
                                               NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (co_assets_set_quota_limit (fx->store, 10, &error));
  id = import_bytes (fx, "huge.png", "this content is far too large", CO_VAULT_TYPE_IMAGE, NULL,
                     NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_QUOTA);
  g_assert_nonnull (strstr (error->message, "huge.png"));
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM vault_items"), ==, 0);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM assets"), ==, 0);
  g_assert_false (g_file_test (blob, G_FILE_TEST_EXISTS));
  dir = g_dir_open (tmp_dir, 0, NULL);
  g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  g_assert_cmpuint (fx->n_changed, ==, 0);
  g_clear_error (&error);

  /* Exactly at the quota is allowed. */
  id = import_bytes (fx, "fits", "0123456789", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_verify (VaultFixture  *fx,
             gconstpointer  data)
{
  g_autofree char *gone = sha_of ("will vanish");
  g_autofree char *changed = sha_of ("will change");
  g_autofree char *gone_path = co_store_dup_blob_path (fx->store, gone);
  g_autofree char *changed_path = co_store_dup_blob_path (fx->store, changed);
  g_autofree char *tampered = sha_of ("tampered!");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  double last = 0;

  import_bytes (fx, "g", "will vanish", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  import_bytes (fx, "c", "will change", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  import_bytes (fx, "k", "stays intact", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  g_assert_no_error (error);

  problems = co_assets_verify (fx->store, progress_cb, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpfloat (last, ==, 1.0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM assets WHERE verify_ok = 1"), ==, 3);

  g_assert_no_errno (g_unlink (gone_path));
  g_file_set_contents (changed_path, "tampered!", -1, &error);
  g_assert_no_error (error);
  problems = co_assets_verify (fx->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 2);
  for (guint i = 0; i < problems->len; i++)
    {
      CoVerifyProblem *p = g_ptr_array_index (problems, i);

      if (g_str_equal (p->sha256, gone))
        {
          g_assert_true (p->missing);
          g_assert_cmpstr (p->path, ==, gone_path);
          g_assert_null (p->actual_sha256);
        }
      else
        {
          g_assert_cmpstr (p->sha256, ==, changed);
          g_assert_false (p->missing);
          g_assert_cmpstr (p->actual_sha256, ==, tampered);
        }
    }
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM assets WHERE verify_ok = 0"), ==, 2);
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_cancellable_cancel (cancellable);
  problems = co_assets_verify (fx->store, NULL, NULL, cancellable, &error);
  g_assert_null (problems);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The async pair reports progress from its worker thread and gives the
 * same problems as the blocking call. */
static void
test_verify_async (VaultFixture  *fx,
                   gconstpointer  data)
{
  g_autofree char *gone = sha_of ("async gone");
  g_autofree char *gone_path = co_store_dup_blob_path (fx->store, gone);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  CoVerifyProblem *problem;
  double last = 0;

  import_bytes (fx, "g", "async gone", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  import_bytes (fx, "k", "async kept", CO_VAULT_TYPE_IMAGE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_unlink (gone_path));

  co_assets_verify_async (fx->store, progress_cb, &last, NULL, co_test_async_ready_cb, &result);
  problems = co_assets_verify_finish (fx->store, co_test_async_wait (&result, 20000), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->sha256, ==, gone);
  g_assert_true (problem->missing);
  g_clear_pointer (&problems, g_ptr_array_unref);
  co_test_assert_finalized (g_steal_pointer (&result), 20000);

  g_cancellable_cancel (cancellable);
  co_assets_verify_async (fx->store, NULL, NULL, cancellable, co_test_async_ready_cb, &result);
  problems = co_assets_verify_finish (fx->store, co_test_async_wait (&result, 20000), &error);
  g_assert_null (problems);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  co_test_assert_finalized (g_steal_pointer (&result), 20000);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  VAULT_TEST ("/core/assets/refs", test_refs);
  VAULT_TEST ("/core/assets/unreferenced", test_unreferenced);
  VAULT_TEST ("/core/assets/quota/report", test_quota);
  VAULT_TEST ("/core/assets/quota/exceeded", test_quota_exceeded);
  VAULT_TEST ("/core/assets/verify", test_verify);
  VAULT_TEST ("/core/assets/verify/async", test_verify_async);

  return g_test_run ();
}
