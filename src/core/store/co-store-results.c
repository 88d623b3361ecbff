/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-store-error.h"
#include "co-store-private.h"

/**
 * co_store_put_result:
 * @self: a #CoStore
 * @kind: what the result is ("analysis", "transcript", "subtitles"…)
 * @source_key: what it was computed from (an asset's sha256, or a key
 *   naming an outside file by path, size and modification time)
 * @params_key: a stable digest of the parameters used
 * @json: the result as JSON text
 * @data: (nullable): a compact binary part (a waveform, for example)
 * @error: return location for a #GError
 *
 * Keeps a computed result so that asking again with the same parameters is
 * instant.  A result for the same key is replaced.
 *
 * Returns: %TRUE on success
 */
gboolean
co_store_put_result (CoStore     *self,
                     const char  *kind,
                     const char  *source_key,
                     const char  *params_key,
                     const char  *json,
                     GBytes      *data,
                     GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL && source_key != NULL && params_key != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  locker = _co_store_lock (self);
  stmt = _co_store_prepare (self,
                            "INSERT OR REPLACE INTO results"
                            " (kind, source_key, params_key, json, data, created_at)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, params_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, json, -1, SQLITE_TRANSIENT);
  if (data != NULL)
    {
      gsize size;
      gconstpointer bytes = g_bytes_get_data (data, &size);
      sqlite3_bind_blob64 (stmt, 5, bytes, size, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int64 (stmt, 6, _co_store_now ());
  return _co_store_step_done (self, stmt, error);
}

/**
 * co_store_get_result:
 * @self: a #CoStore
 * @kind: what the result is
 * @source_key: what it was computed from
 * @params_key: the parameters' digest
 * @out_json: (out) (optional) (transfer full): the JSON text
 * @out_data: (out) (optional) (transfer full) (nullable): the binary part
 * @error: return location for a #GError
 *
 * Returns: %TRUE if a result was found; %FALSE without an error when there
 *   is none, %FALSE with an error when the database failed
 */
gboolean
co_store_get_result (CoStore     *self,
                     const char  *kind,
                     const char  *source_key,
                     const char  *params_key,
                     char       **out_json,
                     GBytes     **out_data,
                     GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL && source_key != NULL && params_key != NULL, FALSE);

  locker = _co_store_lock (self);
  stmt = _co_store_prepare (self,
                            "SELECT json, data FROM results"
                            " WHERE kind = ? AND source_key = ? AND params_key = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, params_key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      _co_store_set_error (self, error, _("reading a stored result"));
      return FALSE;
    }
  if (out_json != NULL)
    *out_json = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  if (out_data != NULL)
    *out_data = sqlite3_column_type (stmt, 1) == SQLITE_NULL
                  ? NULL
                  : g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
  return TRUE;
}

/**
 * co_store_delete_results:
 * @self: a #CoStore
 * @source_key: the source whose results go
 *
 * Drops every stored result computed from a source (when it is purged).
 *
 * Returns: how many results were removed
 */
guint
co_store_delete_results (CoStore    *self,
                         const char *source_key)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (self), 0);
  g_return_val_if_fail (source_key != NULL, 0);

  locker = _co_store_lock (self);
  /* A failure here only leaves a cache entry behind; the store logs it. */
  stmt = _co_store_prepare (self, "DELETE FROM results WHERE source_key = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, source_key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return 0;
  return sqlite3_changes (_co_store_get_db (self));
}

struct _CoStoreBlob
{
  CoStore      *store;
  sqlite3_blob *handle;
  gsize         offset;
  gsize         size;
};

/**
 * co_store_blob_write:
 * @blob: the blob a #CoStoreBlobFunc is given
 * @data: (array length=size): the next bytes of it
 * @size: how many
 * @error: return location for a #GError
 *
 * Writes the next @size bytes of a result's data straight into the
 * database.
 *
 * Returns: %TRUE on success; %FALSE, with %CO_STORE_ERROR, when the bytes
 *   would run past the size the blob was made with or cannot be written
 */
gboolean
co_store_blob_write (CoStoreBlob   *blob,
                     gconstpointer  data,
                     gsize          size,
                     GError       **error)
{
  g_return_val_if_fail (blob != NULL && (data != NULL || size == 0), FALSE);

  if (size > blob->size - blob->offset)
    {
      g_set_error_literal (error, CO_STORE_ERROR, CO_STORE_ERROR_FAILED,
                           _("A result to keep is larger than its writer said it would be"));
      return FALSE;
    }
  if (sqlite3_blob_write (blob->handle, data, (int) size, (int) blob->offset) != SQLITE_OK)
    {
      _co_store_set_error (blob->store, error, _("writing a stored result"));
      return FALSE;
    }
  blob->offset += size;
  return TRUE;
}

/* Inserts the row with room for @data_size bytes of data; returns its rowid, or 0. */
static sqlite3_int64
insert_with_room (CoStore     *self,
                  const char  *kind,
                  const char  *source_key,
                  const char  *params_key,
                  const char  *json,
                  gsize        data_size,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (self,
                                                    "INSERT OR REPLACE INTO results"
                                                    " (kind, source_key, params_key, json, data,"
                                                    "  created_at)"
                                                    " VALUES (?, ?, ?, ?, zeroblob (?), ?)",
                                                    error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, params_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, (sqlite3_int64) data_size);
  sqlite3_bind_int64 (stmt, 6, _co_store_now ());
  if (!_co_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_co_store_get_db (self));
}

/* Pages of a result being streamed in that the connection's page cache
 * holds before it writes them out to the log, KiB.  The default (2 MiB)
 * would keep up to 2 MiB of an hour's waveform in memory until the commit,
 * and less of a shorter one: memory that grows with the media's duration. */
#define STREAMED_CACHE_KIB 256

/* The connection's page cache size as PRAGMA cache_size gives it, or 0. */
static gint64
cache_size (CoStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (self, "PRAGMA cache_size", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static void
set_cache_size (CoStore *self,
                gint64   size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);

  _co_store_exec (self, sql, NULL);
}

/**
 * co_store_put_result_streamed:
 * @self: a #CoStore
 * @kind: what the result is ("analysis", "transcript"…)
 * @source_key: what it was computed from
 * @params_key: the parameters it was computed with
 * @json: the result as JSON text
 * @data_size: the size of the binary part
 * @write: (scope call): writes the binary part, @data_size bytes in all,
 *   with co_store_blob_write()
 * @user_data: passed to @write
 * @error: return location for a #GError
 *
 * co_store_put_result() for a binary part that is never held whole in
 * memory: a row is made with room for it, and @write fills that room
 * piece by piece, straight into the database, in one transaction.
 *
 * Returns: %TRUE on success; on failure nothing is kept
 */
gboolean
co_store_put_result_streamed (CoStore          *self,
                              const char       *kind,
                              const char       *source_key,
                              const char       *params_key,
                              const char       *json,
                              gsize             data_size,
                              CoStoreBlobFunc   write,
                              gpointer          user_data,
                              GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  CoStoreBlob blob = { self, NULL, 0, data_size };
  sqlite3_int64 row;
  gint64 cache;
  gboolean ok;

  g_return_val_if_fail (CO_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL && source_key != NULL && params_key != NULL, FALSE);
  g_return_val_if_fail (json != NULL && write != NULL && data_size <= G_MAXINT, FALSE);

  locker = _co_store_lock (self);
  cache = cache_size (self);
  if (!_co_store_begin (self, error))
    return FALSE;
  /* The store's lock is held until the size is set back. */
  if (cache != 0)
    set_cache_size (self, -STREAMED_CACHE_KIB);
  row = insert_with_room (self, kind, source_key, params_key, json, data_size, error);
  ok = row != 0;
  if (ok && sqlite3_blob_open (_co_store_get_db (self), "main", "results", "data", row, 1,
                               &blob.handle) != SQLITE_OK)
    {
      _co_store_set_error (self, error, _("writing a stored result"));
      ok = FALSE;
    }
  ok = ok && write (&blob, user_data, error);
  if (ok && blob.offset != data_size)
    {
      g_set_error_literal (error, CO_STORE_ERROR, CO_STORE_ERROR_FAILED,
                           _("A result to keep is smaller than its writer said it would be"));
      ok = FALSE;
    }
  g_clear_pointer (&blob.handle, sqlite3_blob_close);
  ok = ok ? _co_store_commit (self, error) : (_co_store_rollback (self), FALSE);
  if (cache != 0)
    set_cache_size (self, cache);
  return ok;
}
