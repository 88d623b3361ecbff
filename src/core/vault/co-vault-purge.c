/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-vault"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-assets-private.h"
#include "co-store-private.h"
#include "co-vault-private.h"

/*
 * Emptying the trash happens in two transactions.  The first deletes the
 * items' rows and releases the files nothing else uses (the store records
 * them in file_deletions); the second removes those files under the write
 * lock, after checking that no import (in this process or another) has
 * recorded the same content since.  An import puts its file in place under
 * the same lock, so a file it found is never removed after its commit.
 */

static CoVaultPurgeHook purge_hook;
static gpointer purge_hook_data;

typedef struct
{
  gint64  id;
  char   *sha256;
} Doomed;

static void
doomed_clear (Doomed *doomed)
{
  g_free (doomed->sha256);
}

static GArray *
list_trashed (CoStore  *store,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) doomed = g_array_new (FALSE, FALSE, sizeof (Doomed));
  int rc;

  g_array_set_clear_func (doomed, (GDestroyNotify)doomed_clear);
  stmt = _co_store_prepare (store, "SELECT id, sha256 FROM vault_items WHERE trashed_at IS NOT NULL",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Doomed d = { sqlite3_column_int64 (stmt, 0),
                   g_strdup ((const char *)sqlite3_column_text (stmt, 1)) };
      g_array_append_val (doomed, d);
    }
  /* A read error must not purge only part of the trash. */
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("listing the trash"));
      return NULL;
    }
  return g_steal_pointer (&doomed);
}

static gboolean
delete_item (CoStore  *store,
             gint64    id,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) fts = NULL;
  g_autoptr(sqlite3_stmt) row = NULL;

  fts = _co_store_prepare (store, "DELETE FROM vault_fts WHERE rowid = ?", error);
  row = _co_store_prepare (store, "DELETE FROM vault_items WHERE id = ?", error);
  if (fts == NULL || row == NULL)
    return FALSE;
  sqlite3_bind_int64 (fts, 1, id);
  sqlite3_bind_int64 (row, 1, id);
  return _co_store_step_done (store, fts, error) &&
         co_assets_remove_refs_of (store, "vault", id, error) &&
         _co_store_step_done (store, row, error);
}

/* Deletes the assets only the purged items used and releases their files. */
static gboolean
release_files (CoStore  *store,
               GArray   *doomed,
               GError  **error)
{
  for (guint i = 0; i < doomed->len; i++)
    {
      const char *sha256 = g_array_index (doomed, Doomed, i).sha256;
      gboolean deleted;
      gint64 bytes;

      if (sha256 == NULL)
        continue;
      if (!_co_assets_delete_unused (store, sha256, &deleted, &bytes, error))
        return FALSE;
      if (deleted && !_co_store_release_file (store, sha256, error))
        return FALSE;
      /* Kept results (analyses, transcripts) of the content go with it. */
      if (deleted)
        co_store_delete_results (store, sha256);
    }
  return TRUE;
}

static gboolean
purge_rows_tx (CoStore   *store,
               gpointer   data,
               GError   **error)
{
  CoVaultPurgeReport *found = data;
  g_autoptr(GArray) doomed = list_trashed (store, error);

  /* This may run a second time, after the space reserve was released. */
  found->items = 0;
  if (doomed == NULL)
    return FALSE;
  for (guint i = 0; i < doomed->len; i++)
    {
      if (!delete_item (store, g_array_index (doomed, Doomed, i).id, error))
        return FALSE;
      found->items++;
    }
  return release_files (store, doomed, error) &&
         _co_store_exec (store, "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM item_tags)",
                         error);
}

/**
 * _co_vault_delete_item:
 * @store: the store, in a write transaction
 * @id: a vault item
 * @error: return location for a #GError
 *
 * Deletes one item as the purge does, and releases its file when nothing else
 * uses it; the caller removes released files after its commit
 * (_co_store_delete_released_files()).  The mirror uses this when another
 * library purged the item.
 *
 * Returns: %TRUE on success
 */
gboolean
_co_vault_delete_item (CoStore  *store,
                       gint64    id,
                       GError  **error)
{
  g_autoptr(GArray) doomed = g_array_new (FALSE, FALSE, sizeof (Doomed));
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store,
                                                    "SELECT sha256 FROM vault_items WHERE id = ?",
                                                    error);
  Doomed one = { id, NULL };

  if (stmt == NULL)
    return FALSE;
  g_array_set_clear_func (doomed, (GDestroyNotify)doomed_clear);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  one.sha256 = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  g_array_append_val (doomed, one);
  return delete_item (store, id, error) && release_files (store, doomed, error);
}

/**
 * _co_vault_purge_trashed:
 * @self: a #CoVault
 * @report: (out caller-allocates): what was removed
 * @error: return location for a #GError
 *
 * Deletes the trashed items, then the files they alone used.  When the
 * first step fails nothing is removed; when only the second fails, the
 * items are gone and the next purge removes their files.
 *
 * Returns: %TRUE on success
 */
gboolean
_co_vault_purge_trashed (CoVault             *self,
                         CoVaultPurgeReport  *report,
                         GError             **error)
{
  CoStore *store = co_vault_get_store (self);
  CoVaultPurgeReport found = { 0 };

  if (!_co_store_write (store, purge_rows_tx, &found, error))
    return FALSE;
  *report = found;
  if (purge_hook != NULL)
    purge_hook (purge_hook_data);
  if (!_co_store_delete_released_files (store, &report->files, &report->bytes, error))
    {
      g_prefix_error (error, _("The trash was emptied, but its files stay until the next "
                               "purge: "));
      return FALSE;
    }
  return TRUE;
}

/**
 * _co_vault_set_purge_hook:
 * @hook: (nullable): called between the two steps of a purge
 * @data: passed to @hook
 *
 * Tests hold a purge there, after the rows are committed and before any
 * file is removed, to run an import of the same content in another process.
 */
void
_co_vault_set_purge_hook (CoVaultPurgeHook hook,
                          gpointer         data)
{
  purge_hook = hook;
  purge_hook_data = data;
}
