/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-account-book.h"
#include "co-account-private.h"
#include "co-store-private.h"

struct _CoAccountBook
{
  GObject  parent_instance;

  CoStore *store;
};

G_DEFINE_FINAL_TYPE (CoAccountBook, co_account_book, G_TYPE_OBJECT)

static void
set_not_found (GError **error,
               gint64   id)
{
  g_set_error (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_NOT_FOUND,
               _("No account has the id %lld"), (long long)id);
}

static gboolean
check_text (const char  *value,
            const char  *message,
            GError     **error)
{
  if (value != NULL && value[0] != '\0' && g_utf8_validate (value, -1, NULL))
    return TRUE;
  g_set_error_literal (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID, message);
  return FALSE;
}

static void
co_account_book_finalize (GObject *object)
{
  CoAccountBook *self = (CoAccountBook *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (co_account_book_parent_class)->finalize (object);
}

static void
co_account_book_class_init (CoAccountBookClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_account_book_finalize;
}

static void
co_account_book_init (CoAccountBook *self)
{
}

/**
 * co_account_book_new:
 * @store: the library
 *
 * Returns: (transfer full): the accounts of @store
 */
CoAccountBook *
co_account_book_new (CoStore *store)
{
  CoAccountBook *self;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  self = g_object_new (CO_TYPE_ACCOUNT_BOOK, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * co_account_book_get_store:
 * @self: a #CoAccountBook
 *
 * Returns: (transfer none): the library the accounts are kept in
 */
CoStore *
co_account_book_get_store (CoAccountBook *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNT_BOOK (self), NULL);
  return self->store;
}

/**
 * co_account_book_list:
 * @self: a #CoAccountBook
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): every account, #CoAccount items ordered by
 *   platform and name, or %NULL with a %CO_STORE_ERROR
 */
GListModel *
co_account_book_list (CoAccountBook  *self,
                      GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) list = g_list_store_new (CO_TYPE_ACCOUNT);
  int rc;

  g_return_val_if_fail (CO_IS_ACCOUNT_BOOK (self), NULL);

  locker = _co_store_lock (self->store);
  stmt = _co_store_prepare (self->store,
                            "SELECT " CO_ACCOUNT_COLUMNS " FROM accounts "
                            "ORDER BY platform, display_name COLLATE NOCASE, id",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CoAccount) account = _co_account_new_from_row (stmt);

      g_list_store_append (list, account);
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (self->store, error, _("listing the accounts"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * co_account_book_get:
 * @self: a #CoAccountBook
 * @id: an account id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account, or %NULL with
 *   %CO_ACCOUNT_ERROR_NOT_FOUND
 */
CoAccount *
co_account_book_get (CoAccountBook  *self,
                     gint64          id,
                     GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_ACCOUNT_BOOK (self), NULL);

  locker = _co_store_lock (self->store);
  stmt = _co_store_prepare (self->store,
                            "SELECT " CO_ACCOUNT_COLUMNS " FROM accounts WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_not_found (error, id);
      return NULL;
    }
  return _co_account_new_from_row (stmt);
}

/**
 * co_account_book_find:
 * @self: a #CoAccountBook
 * @platform: the platform
 * @remote_id: the platform's id for the account
 *
 * Returns: (transfer full) (nullable): the account, or %NULL if the library does not
 *   know it (or cannot be read; the store logs why)
 */
CoAccount *
co_account_book_find (CoAccountBook *self,
                      CoPlatform     platform,
                      const char    *remote_id)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_ACCOUNT_BOOK (self), NULL);
  g_return_val_if_fail (remote_id != NULL, NULL);

  locker = _co_store_lock (self->store);
  /* NULL: a failure to prepare is logged by the store and reads as "unknown". */
  stmt = _co_store_prepare (self->store,
                            "SELECT " CO_ACCOUNT_COLUMNS " FROM accounts "
                            "WHERE platform = ? AND remote_id = ?",
                            NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, co_platform_to_string (platform), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, remote_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return _co_account_new_from_row (stmt);
}

/**
 * co_account_book_save:
 * @self: a #CoAccountBook
 * @platform: the platform
 * @remote_id: the platform's id for the account
 * @display_name: the name people know it by
 * @now: the time (µs since 1970, UTC), taken as the time the token was last accepted
 * @error: return location for a #GError
 *
 * Records a newly connected account, or marks a known one (same platform and
 * remote id) connected again under its current name.  Call it once the token is
 * safely in the keyring.
 *
 * Returns: (transfer full) (nullable): the account, or %NULL with
 *   %CO_ACCOUNT_ERROR_INVALID or a %CO_STORE_ERROR
 */
CoAccount *
co_account_book_save (CoAccountBook  *self,
                      CoPlatform      platform,
                      const char     *remote_id,
                      const char     *display_name,
                      gint64          now,
                      GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_ACCOUNT_BOOK (self), NULL);

  if (!check_text (remote_id, _("An account needs the platform's id for it, as text"), error) ||
      !check_text (display_name, _("An account needs a name, as text that is not empty"), error))
    return NULL;

  locker = _co_store_lock (self->store);
  stmt = _co_store_prepare (self->store,
                            "INSERT INTO accounts (platform, remote_id, display_name, state, "
                            "  created_at, updated_at, checked_at) "
                            "VALUES (?1, ?2, ?3, 'connected', ?4, ?4, ?4) "
                            "ON CONFLICT (platform, remote_id) DO UPDATE SET "
                            "  display_name = excluded.display_name, state = 'connected', "
                            "  updated_at = ?4, checked_at = ?4 "
                            "RETURNING " CO_ACCOUNT_COLUMNS,
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, co_platform_to_string (platform), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, remote_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _co_store_set_error (self->store, error, _("saving an account"));
      return NULL;
    }
  return _co_account_new_from_row (stmt);
}

/**
 * co_account_book_set_state:
 * @self: a #CoAccountBook
 * @id: an account id
 * @state: the new state
 * @checked_at: when the platform last accepted the token (µs since 1970, UTC), or 0
 *   to leave that time as it is
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, else %FALSE with %CO_ACCOUNT_ERROR_NOT_FOUND or a
 *   %CO_STORE_ERROR
 */
gboolean
co_account_book_set_state (CoAccountBook   *self,
                           gint64           id,
                           CoAccountState   state,
                           gint64           checked_at,
                           GError         **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_ACCOUNT_BOOK (self), FALSE);

  locker = _co_store_lock (self->store);
  stmt = _co_store_prepare (self->store,
                            "UPDATE accounts SET state = ?2, updated_at = ?3, "
                            "  checked_at = CASE WHEN ?4 > 0 THEN ?4 ELSE checked_at END "
                            "WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, co_account_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, _co_store_now ());
  sqlite3_bind_int64 (stmt, 4, checked_at);
  if (!_co_store_step_done (self->store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_co_store_get_db (self->store)) == 0)
    {
      set_not_found (error, id);
      return FALSE;
    }
  return TRUE;
}
