/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-vault"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "co-file-error.h"
#include "co-store-private.h"
#include "co-vault.h"

/*
 * Transcripts in the search index.  The words recognised in a file are kept
 * by the transcript store under the file's key; an item is found by them
 * when its stored file is that file.  The index is the only place the item
 * side of a transcript lives: the kept words stay the reference, and an
 * import reads them back (co-vault.c) when the content was transcribed
 * before it was imported.
 */

/**
 * co_vault_index_transcript:
 * @store: the library
 * @sha256: the digest of a stored file
 * @transcript: the words spoken in it, separated by spaces
 * @error: return location for a #GError
 *
 * Makes @transcript the spoken text, for search, of every item whose
 * stored file is @sha256, in the trash or not.  A later call replaces it.
 *
 * Returns: how many items now have @transcript, or -1 with a
 *   %CO_STORE_ERROR set
 */
gint64
co_vault_index_transcript (CoStore     *store,
                           const char  *sha256,
                           const char  *transcript,
                           GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), -1);
  g_return_val_if_fail (sha256 != NULL && transcript != NULL, -1);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store,
                            "UPDATE vault_fts SET transcript = ?1"
                            " WHERE rowid IN (SELECT id FROM vault_items WHERE sha256 = ?2)",
                            error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, transcript, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_TRANSIENT);
  if (!_co_store_step_done (store, stmt, error))
    return -1;
  return sqlite3_changes (_co_store_get_db (store));
}

/* The digests of the stored files of items of @size bytes. */
static GPtrArray *
digests_of_size (CoStore  *store,
                 gint64    size,
                 GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) digests = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = _co_store_prepare (store,
                            "SELECT DISTINCT sha256 FROM vault_items"
                            " WHERE size = ? AND sha256 IS NOT NULL",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, size);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (digests, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("finding items by size"));
      return NULL;
    }
  return g_steal_pointer (&digests);
}

/**
 * co_vault_dup_digest_for_file:
 * @store: the library
 * @path: a file, usually outside the library
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds whether an item of the vault holds the content of @path, as when a
 * creator works on the original of an imported video.  The file is hashed
 * only when an item of the same size exists.
 *
 * Returns: (transfer full) (nullable): the digest of the item's stored
 *   file; %NULL without an error when no item holds the content, or with a
 *   %CO_FILE_ERROR naming @path or a %CO_STORE_ERROR
 */
char *
co_vault_dup_digest_for_file (CoStore       *store,
                              const char    *path,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GPtrArray) digests = NULL;
  g_autofree char *digest = NULL;
  GStatBuf st;

  g_return_val_if_fail (CO_IS_STORE (store) && path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CO_FILE_ERROR,
                   saved_errno == ENOENT ? CO_FILE_ERROR_NOT_FOUND : CO_FILE_ERROR_UNREADABLE,
                   _("Cannot read “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  digests = digests_of_size (store, st.st_size, error);
  if (digests == NULL || digests->len == 0)
    return NULL;
  digest = co_store_hash_file (path, NULL, cancellable, error);
  if (digest == NULL)
    return NULL;
  for (guint i = 0; i < digests->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (digests, i), digest))
        return g_steal_pointer (&digest);
    }
  return NULL;
}
