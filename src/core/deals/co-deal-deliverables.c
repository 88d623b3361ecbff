/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-deals"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-deals-private.h"

/*
 * What a deal asks the creator to make: a title, the draft that makes it
 * (kept as a link; deleting the draft leaves the deliverable without one),
 * when it is due, and when it was done.
 */

static gboolean
check_exists (CoStore     *store,
              const char  *sql,
              const char  *what,
              gint64       id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    return TRUE;
  return _co_deals_not_found (store, rc, what, id, error);
}

/**
 * co_deals_add_deliverable:
 * @store: the library
 * @deal_id: the deal
 * @title: what is to be made
 * @draft_id: the draft that makes it, or 0
 * @due_at: when it is due (µs since 1970, UTC), or 0
 * @error: return location for a #GError
 *
 * Returns: the deliverable's id, or 0 with %CO_DEAL_ERROR_NOT_FOUND (no such
 *   deal or draft), %CO_DEAL_ERROR_INVALID or a #CoStoreError
 */
gint64
co_deals_add_deliverable (CoStore     *store,
                          gint64       deal_id,
                          const char  *title,
                          gint64       draft_id,
                          gint64       due_at,
                          GError     **error)
{
  g_autofree char *stripped = _co_deals_check_title (_("a deliverable's title"), title, error);
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), 0);

  if (stripped == NULL)
    return 0;
  locker = _co_store_lock (store);
  if (!check_exists (store, "SELECT 1 FROM deals WHERE id = ?", _("deal"), deal_id, error) ||
      (draft_id != 0 &&
       !check_exists (store, "SELECT 1 FROM drafts WHERE id = ?", _("draft"), draft_id, error)))
    return 0;
  stmt = _co_store_prepare (store, "INSERT INTO deal_deliverables (deal_id, title, draft_id,"
                            " due_at) VALUES (?, ?, nullif (?, 0), nullif (?, 0))", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, draft_id);
  sqlite3_bind_int64 (stmt, 4, due_at);
  if (!_co_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_co_store_get_db (store));
}

/**
 * co_deals_set_deliverable_done:
 * @store: the library
 * @id: a deliverable
 * @done_at: when it was done (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Marks a deliverable done, so that it is no longer due.  One already done
 * keeps the time it was first done.
 *
 * Returns: %TRUE, or %FALSE with %CO_DEAL_ERROR_NOT_FOUND or a #CoStoreError
 */
gboolean
co_deals_set_deliverable_done (CoStore     *store,
                               gint64       id,
                               gint64       done_at,
                               GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);

  locker = _co_store_lock (store);
  if (!check_exists (store, "SELECT 1 FROM deal_deliverables WHERE id = ?", _("deliverable"), id,
                     error))
    return FALSE;
  stmt = _co_store_prepare (store, "UPDATE deal_deliverables SET done_at = ?"
                            " WHERE id = ? AND done_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, done_at);
  sqlite3_bind_int64 (stmt, 2, id);
  return _co_store_step_done (store, stmt, error);
}
