/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-publish-log.h"
#include "co-store-private.h"

/**
 * co_publish_log_add:
 * @store: the library's store
 * @draft_id: the draft that was sent
 * @platform: where it was sent
 * @account_id: the account it was sent as, or 0
 * @operation_id: the outbox operation whose result is the post
 * @now: the time (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Records that a draft was handed to the outbox for a platform.  The newest
 * record of a draft and platform is the one co_publish_log_find() gives.
 *
 * Returns: %TRUE on success, else %FALSE with a %CO_STORE_ERROR
 */
gboolean
co_publish_log_add (CoStore     *store,
                    gint64       draft_id,
                    CoPlatform   platform,
                    gint64       account_id,
                    gint64       operation_id,
                    gint64       now,
                    GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store,
                            "INSERT INTO publish_log (draft_id, platform, account_id, "
                            "  operation_id, sent_at) VALUES (?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  sqlite3_bind_text (stmt, 2, co_platform_to_string (platform), -1, SQLITE_STATIC);
  if (account_id != 0)
    sqlite3_bind_int64 (stmt, 3, account_id);
  sqlite3_bind_int64 (stmt, 4, operation_id);
  sqlite3_bind_int64 (stmt, 5, now);
  return _co_store_step_done (store, stmt, error);
}

/**
 * co_publish_log_find:
 * @store: the library's store
 * @draft_id: a draft
 * @platform: a platform
 * @out_operation_id: (out): the newest operation recorded for them, or 0
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success (with 0 when the draft was never sent there),
 *   else %FALSE with a %CO_STORE_ERROR
 */
gboolean
co_publish_log_find (CoStore     *store,
                     gint64       draft_id,
                     CoPlatform   platform,
                     gint64      *out_operation_id,
                     GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_operation_id != NULL, FALSE);

  *out_operation_id = 0;
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store,
                            "SELECT operation_id FROM publish_log WHERE draft_id = ? "
                            "AND platform = ? ORDER BY id DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  sqlite3_bind_text (stmt, 2, co_platform_to_string (platform), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_operation_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("reading the publishing record"));
      return FALSE;
    }
  return TRUE;
}

/**
 * co_publish_log_published:
 * @store: the library's store
 * @platform: a platform
 * @error: return location for a #GError
 *
 * The posts on @platform that the server has (their operation is done), the
 * newest record of each draft, for pulling their metrics.
 *
 * Returns: (transfer full) (element-type CoPublishLogEntry): the records, or
 *   %NULL with a %CO_STORE_ERROR
 */
GArray *
co_publish_log_published (CoStore     *store,
                          CoPlatform   platform,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (CoPublishLogEntry));
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store,
                            "SELECT l.draft_id, ifnull (l.account_id, 0), l.operation_id FROM publish_log l "
                            "JOIN outbox o ON o.id = l.operation_id "
                            "WHERE l.platform = ?1 AND o.state = 'done' AND l.id = "
                            "  (SELECT max (id) FROM publish_log n WHERE n.draft_id = l.draft_id "
                            "   AND n.platform = ?1) ORDER BY l.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, co_platform_to_string (platform), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoPublishLogEntry entry = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                  sqlite3_column_int64 (stmt, 2) };

      g_array_append_val (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("listing published posts"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}
