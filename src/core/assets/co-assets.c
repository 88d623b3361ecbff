/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-assets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "co-assets-private.h"
#include "co-error.h"
#include "co-file-error.h"
#include "co-store-error.h"
#include "co-store-private.h"
#include "co-task.h"
#include "co-vault-error.h"

#define ASSET_COLUMNS \
  "a.sha256, a.size, a.mime, a.created_at, a.unreferenced_since, " \
  "(SELECT count (*) FROM asset_refs r WHERE r.sha256 = a.sha256)"

#define QUOTA_KEY "quota-bytes"

static CoAsset *
asset_from_row (sqlite3_stmt *stmt)
{
  CoAsset *asset = g_new0 (CoAsset, 1);

  asset->sha256 = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  asset->size = sqlite3_column_int64 (stmt, 1);
  asset->mime = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  asset->created_at = sqlite3_column_int64 (stmt, 3);
  asset->unreferenced_since = sqlite3_column_int64 (stmt, 4);
  asset->n_refs = sqlite3_column_int (stmt, 5);
  return asset;
}

/* Runs a query whose rows are ASSET_COLUMNS, appending to @assets.  The
 * statement is already bound. */
static gboolean
collect_assets (CoStore       *store,
                sqlite3_stmt  *stmt,
                GPtrArray     *assets,
                GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (assets, asset_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("listing stored files"));
      return FALSE;
    }
  return TRUE;
}

/** co_asset_free: @asset: (transfer full): an asset */
void
co_asset_free (CoAsset *asset)
{
  if (asset == NULL)
    return;
  g_free (asset->sha256);
  g_free (asset->mime);
  g_free (asset);
}

/** co_asset_ref_free: @ref: (transfer full): a reference */
void
co_asset_ref_free (CoAssetRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->owner_kind);
  g_free (ref);
}

/** co_quota_report_clear: @report: a report to empty */
void
co_quota_report_clear (CoQuotaReport *report)
{
  g_clear_pointer (&report->suggestions, g_ptr_array_unref);
}

/** co_verify_problem_free: @problem: (transfer full): a problem */
void
co_verify_problem_free (CoVerifyProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->sha256);
  g_free (problem->path);
  g_free (problem->actual_sha256);
  g_free (problem);
}

gboolean
_co_assets_register (CoStore     *store,
                     const char  *sha256,
                     gint64       size,
                     const char  *mime,
                     GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = _co_store_now ();

  /* A new asset counts as unreferenced until its first reference, which the
   * caller adds in the same transaction. */
  stmt = _co_store_prepare (store,
                            "INSERT INTO assets (sha256, size, mime, created_at, unreferenced_since)"
                            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, size);
  sqlite3_bind_text (stmt, 3, mime != NULL ? mime : "application/octet-stream", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, now);
  return _co_store_step_done (store, stmt, error);
}

static gint64
used_bytes (CoStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* A failure to prepare is logged by the store; the quota then reads as empty. */
  stmt = _co_store_prepare (store, "SELECT coalesce (sum (size), 0) FROM assets", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
_co_assets_check_quota (CoStore     *store,
                        const char  *path,
                        gint64       incoming,
                        GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  gint64 limit = co_assets_get_quota_limit (store);
  gint64 used = used_bytes (store);
  g_autofree char *need = NULL;
  g_autofree char *free_space = NULL;

  if (used + incoming <= limit)
    return TRUE;

  need = g_format_size (incoming);
  free_space = g_format_size (MAX (limit - used, 0));
  g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_QUOTA,
               _("Cannot import “%s”: it needs %s but only %s of the storage quota is left"),
               path, need, free_space);
  return FALSE;
}

gboolean
_co_assets_delete_unused (CoStore     *store,
                          const char  *sha256,
                          gboolean    *out_deleted,
                          gint64      *out_bytes,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *out_deleted = FALSE;
  *out_bytes = 0;
  stmt = _co_store_prepare (store,
                            "DELETE FROM assets WHERE sha256 = ?1"
                            " AND NOT EXISTS (SELECT 1 FROM asset_refs r WHERE r.sha256 = ?1)"
                            " AND NOT EXISTS (SELECT 1 FROM vault_items v WHERE v.sha256 = ?1)"
                            " RETURNING size",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _co_store_set_error (store, error, _("deleting a stored file"));
      return FALSE;
    }
  *out_bytes = sqlite3_column_int64 (stmt, 0);
  *out_deleted = TRUE;
  return TRUE;
}

/**
 * co_assets_get:
 * @store: a #CoStore
 * @sha256: a digest
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the asset, or %NULL with
 *   %CO_VAULT_ERROR_NOT_FOUND when nothing is stored under @sha256
 */
CoAsset *
co_assets_get (CoStore     *store,
               const char  *sha256,
               GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT " ASSET_COLUMNS " FROM assets a WHERE a.sha256 = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND,
                   _("No stored file has the digest “%s”"), sha256);
      return NULL;
    }
  return asset_from_row (stmt);
}

/**
 * co_assets_list_refs:
 * @store: a #CoStore
 * @sha256: a digest
 * @error: return location for a #GError
 *
 * Lists what refers to a stored file: vault items, drafts, exports.
 *
 * Returns: (transfer full) (element-type CoAssetRef): the references
 */
GPtrArray *
co_assets_list_refs (CoStore     *store,
                     const char  *sha256,
                     GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify)co_asset_ref_free);
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store,
                            "SELECT owner_kind, owner_id, created_at FROM asset_refs"
                            " WHERE sha256 = ? ORDER BY created_at, owner_kind, owner_id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoAssetRef *ref = g_new0 (CoAssetRef, 1);
      ref->owner_kind = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      ref->owner_id = sqlite3_column_int64 (stmt, 1);
      ref->created_at = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (refs, ref);
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("listing references"));
      return NULL;
    }
  return g_steal_pointer (&refs);
}

/**
 * co_assets_add_ref:
 * @store: a #CoStore
 * @sha256: a stored file's digest
 * @owner_kind: "vault", "draft" or "export"
 * @owner_id: the owner's id
 * @error: return location for a #GError
 *
 * Records that something uses a stored file.  Adding the same reference
 * twice is harmless.
 *
 * Returns: %TRUE on success
 */
gboolean
co_assets_add_ref (CoStore     *store,
                   const char  *sha256,
                   const char  *owner_kind,
                   gint64       owner_id,
                   GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);
  g_return_val_if_fail (sha256 != NULL && owner_kind != NULL, FALSE);

  locker = _co_store_lock (store);
  insert = _co_store_prepare (store,
                              "INSERT INTO asset_refs (sha256, owner_kind, owner_id, created_at)"
                              " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                              error);
  mark = _co_store_prepare (store, "UPDATE assets SET unreferenced_since = NULL WHERE sha256 = ?",
                            error);
  if (insert == NULL || mark == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, owner_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 3, owner_id);
  sqlite3_bind_int64 (insert, 4, _co_store_now ());
  sqlite3_bind_text (mark, 1, sha256, -1, SQLITE_TRANSIENT);
  return _co_store_step_done (store, insert, error) && _co_store_step_done (store, mark, error);
}

/**
 * co_assets_remove_refs_of:
 * @store: a #CoStore
 * @owner_kind: "vault", "draft" or "export"
 * @owner_id: the owner's id
 * @error: return location for a #GError
 *
 * Drops every reference an owner holds (a deleted draft, a purged item).
 * Files left with no reference start their unreferenced period now.
 *
 * Returns: %TRUE on success
 */
gboolean
co_assets_remove_refs_of (CoStore     *store,
                          const char  *owner_kind,
                          gint64       owner_id,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autoptr(sqlite3_stmt) drop = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);
  g_return_val_if_fail (owner_kind != NULL, FALSE);

  locker = _co_store_lock (store);
  mark = _co_store_prepare (store,
                            "UPDATE assets SET unreferenced_since = ?1"
                            " WHERE sha256 IN (SELECT sha256 FROM asset_refs"
                            "                  WHERE owner_kind = ?2 AND owner_id = ?3)"
                            " AND NOT EXISTS (SELECT 1 FROM asset_refs r"
                            "                 WHERE r.sha256 = assets.sha256"
                            "                 AND NOT (r.owner_kind = ?2 AND r.owner_id = ?3))",
                            error);
  drop = _co_store_prepare (store, "DELETE FROM asset_refs WHERE owner_kind = ? AND owner_id = ?",
                            error);
  if (mark == NULL || drop == NULL)
    return FALSE;
  sqlite3_bind_int64 (mark, 1, _co_store_now ());
  sqlite3_bind_text (mark, 2, owner_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (mark, 3, owner_id);
  sqlite3_bind_text (drop, 1, owner_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (drop, 2, owner_id);
  return _co_store_step_done (store, mark, error) && _co_store_step_done (store, drop, error);
}

/**
 * co_assets_list_unreferenced:
 * @store: a #CoStore
 * @older_than_days: only files unreferenced for at least this many days
 *   (0 lists every unreferenced file)
 * @error: return location for a #GError
 *
 * Lists stored files nothing refers to, largest first: the candidates for
 * archival (30 days is the default the app offers).
 *
 * Returns: (transfer full) (element-type CoAsset): the assets
 */
GPtrArray *
co_assets_list_unreferenced (CoStore     *store,
                             guint        older_than_days,
                             GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func ((GDestroyNotify)co_asset_free);

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store,
                            "SELECT " ASSET_COLUMNS " FROM assets a"
                            " WHERE a.unreferenced_since IS NOT NULL AND a.unreferenced_since <= ?"
                            " ORDER BY a.size DESC, a.sha256",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, _co_store_now () - (gint64)older_than_days * 86400 * G_USEC_PER_SEC);
  if (!collect_assets (store, stmt, assets, error))
    return NULL;
  return g_steal_pointer (&assets);
}

/**
 * co_assets_get_quota_limit:
 * @store: a #CoStore
 *
 * Returns: the library's storage quota in bytes (50 GiB unless set)
 */
gint64
co_assets_get_quota_limit (CoStore *store)
{
  g_autofree char *value = NULL;
  gint64 limit;

  g_return_val_if_fail (CO_IS_STORE (store), 0);

  value = co_store_dup_setting (store, QUOTA_KEY);
  if (value == NULL || !g_ascii_string_to_signed (value, 10, 1, G_MAXINT64, &limit, NULL))
    return CO_ASSETS_DEFAULT_QUOTA;
  return limit;
}

/**
 * co_assets_set_quota_limit:
 * @store: a #CoStore
 * @bytes: the new quota, at least one byte
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %CO_VAULT_ERROR_INVALID for a non-positive quota
 */
gboolean
co_assets_set_quota_limit (CoStore     *store,
                           gint64       bytes,
                           GError     **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);

  if (bytes <= 0)
    {
      g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID,
                   _("The storage quota must be positive, not %lld bytes"), (long long)bytes);
      return FALSE;
    }
  value = g_strdup_printf ("%" G_GINT64_FORMAT, bytes);
  return co_store_set_setting (store, QUOTA_KEY, value, error);
}

/**
 * co_assets_get_quota:
 * @store: a #CoStore
 * @out_report: (out caller-allocates): the usage; clear it with
 *   co_quota_report_clear()
 * @error: return location for a #GError
 *
 * Reports storage use against the quota.  Suggestions list every
 * unreferenced file, largest first, then files used only by items in the
 * trash, largest first.
 *
 * Returns: %TRUE on success
 */
gboolean
co_assets_get_quota (CoStore        *store,
                     CoQuotaReport  *out_report,
                     GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify)co_asset_free);

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store,
                            "SELECT " ASSET_COLUMNS " FROM assets a"
                            " WHERE a.unreferenced_since IS NOT NULL"
                            "  OR NOT EXISTS (SELECT 1 FROM asset_refs r"
                            "                 LEFT JOIN vault_items v"
                            "                   ON r.owner_kind = 'vault' AND v.id = r.owner_id"
                            "                 WHERE r.sha256 = a.sha256"
                            "                 AND (v.id IS NULL OR v.trashed_at IS NULL))"
                            " ORDER BY a.unreferenced_since IS NULL, a.size DESC, a.sha256",
                            error);
  if (stmt == NULL || !collect_assets (store, stmt, suggestions, error))
    return FALSE;

  out_report->used = used_bytes (store);
  out_report->limit = co_assets_get_quota_limit (store);
  out_report->fraction = (double)out_report->used / (double)out_report->limit;
  out_report->warning = out_report->fraction >= CO_ASSETS_QUOTA_WARNING;
  out_report->suggestions = g_steal_pointer (&suggestions);
  return TRUE;
}

static GPtrArray *
list_all_digests (CoStore  *store,
                  GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) digests = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = _co_store_prepare (store, "SELECT sha256 FROM assets ORDER BY sha256", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (digests, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  /* A read error must not pass for a shorter list of files to verify. */
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("listing stored files"));
      return NULL;
    }
  return g_steal_pointer (&digests);
}

static void
record_verification (CoStore    *store,
                     const char *sha256,
                     gboolean    ok)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* The verdict is also returned to the caller; failing to remember it is
   * logged by the store and does not change the result. */
  stmt = _co_store_prepare (store,
                            "UPDATE assets SET verified_at = ?, verify_ok = ? WHERE sha256 = ?",
                            NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, _co_store_now ());
  sqlite3_bind_int (stmt, 2, ok);
  sqlite3_bind_text (stmt, 3, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
}

/**
 * co_assets_verify:
 * @store: a #CoStore
 * @progress: (nullable) (scope call): called with the share done
 * @user_data: passed to @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Re-reads every stored file and compares it with its digest.  The store is
 * not locked while files are read, so the app stays usable.
 *
 * Returns: (transfer full) (element-type CoVerifyProblem): the missing or
 *   changed files (empty when all is well), or %NULL on error
 */
GPtrArray *
co_assets_verify (CoStore           *store,
                  CoProgressFunc     progress,
                  gpointer           user_data,
                  GCancellable      *cancellable,
                  GError           **error)
{
  g_autoptr(GPtrArray) digests = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  digests = list_all_digests (store, error);
  if (digests == NULL)
    return NULL;

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify)co_verify_problem_free);
  for (guint i = 0; i < digests->len; i++)
    {
      const char *sha256 = g_ptr_array_index (digests, i);
      g_autofree char *path = co_store_dup_blob_path (store, sha256);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *actual = co_store_hash_file (path, NULL, cancellable, &local_error);
      gboolean ok = g_strcmp0 (actual, sha256) == 0;

      if (co_error_is_cancelled (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!ok)
        {
          CoVerifyProblem *problem = g_new0 (CoVerifyProblem, 1);
          problem->sha256 = g_strdup (sha256);
          problem->path = g_steal_pointer (&path);
          problem->missing = g_error_matches (local_error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND);
          problem->actual_sha256 = g_steal_pointer (&actual);
          g_ptr_array_add (problems, problem);
        }
      record_verification (store, sha256, ok);
      if (progress != NULL)
        progress ((double)(i + 1) / digests->len, NULL, user_data);
    }
  return g_steal_pointer (&problems);
}

typedef struct
{
  CoProgressFunc progress;
  gpointer       user_data;
} VerifyData;

static void
verify_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  VerifyData *data = task_data;
  GError *error = NULL;
  GPtrArray *problems;

  problems = co_assets_verify (source_object, data->progress, data->user_data, cancellable,
                               &error);
  co_task_return (task, problems, (GDestroyNotify)g_ptr_array_unref, error);
}

/**
 * co_assets_verify_async:
 * @store: a #CoStore
 * @progress: (nullable): called with the share done, from the worker thread
 * @progress_data: passed to @progress; it must live until @callback runs
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when every file was read
 * @user_data: data for @callback
 *
 * Runs co_assets_verify() in a worker thread: it reads every stored file.
 */
void
co_assets_verify_async (CoStore             *store,
                        CoProgressFunc       progress,
                        gpointer             progress_data,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VerifyData *data;

  g_return_if_fail (CO_IS_STORE (store));

  data = g_new0 (VerifyData, 1);
  data->progress = progress;
  data->user_data = progress_data;
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_assets_verify_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, verify_in_thread);
}

/**
 * co_assets_verify_finish:
 * @store: a #CoStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoVerifyProblem): the missing or
 *   changed files (empty when all is well), or %NULL with @error set
 */
GPtrArray *
co_assets_verify_finish (CoStore       *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  return co_task_propagate (result, store, co_assets_verify_async, error);
}
