/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-vault"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "co-assets-private.h"
#include "co-store-private.h"
#include "co-vault-private.h"

/* A file younger than this may belong to an import that has copied its data
 * but not yet committed; strays are only removed once older. */
#define STRAY_MIN_AGE_SECONDS 3600

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

static gboolean
delete_rows (CoStore            *store,
             GArray             *doomed,
             GPtrArray          *unlink_list,
             CoVaultPurgeReport *report,
             GError            **error)
{
  for (guint i = 0; i < doomed->len; i++)
    {
      if (!delete_item (store, g_array_index (doomed, Doomed, i).id, error))
        return FALSE;
      report->items++;
    }

  for (guint i = 0; i < doomed->len; i++)
    {
      const char *sha256 = g_array_index (doomed, Doomed, i).sha256;
      gboolean deleted;
      gint64 bytes;

      if (sha256 == NULL)
        continue;
      if (!_co_assets_delete_unused (store, sha256, &deleted, &bytes, error))
        return FALSE;
      if (deleted)
        {
          g_ptr_array_add (unlink_list, g_strdup (sha256));
          report->files++;
          report->bytes += bytes;
        }
    }

  return _co_store_exec (store,
                         "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM item_tags)",
                         error);
}

gboolean
_co_vault_purge_trashed (CoVault             *self,
                         CoVaultPurgeReport  *report,
                         GError             **error)
{
  CoStore *store = co_vault_get_store (self);
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(GPtrArray) unlink_list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) doomed = NULL;
  CoVaultPurgeReport found = { 0 };

  if (!_co_store_begin (store, error))
    return FALSE;
  doomed = list_trashed (store, error);
  if (doomed == NULL || !delete_rows (store, doomed, unlink_list, &found, error))
    {
      _co_store_rollback (store);
      return FALSE;
    }
  if (!_co_store_commit (store, error))
    return FALSE;

  /* Files go only once the rows that named them are durably gone. */
  for (guint i = 0; i < unlink_list->len; i++)
    {
      _co_assets_unlink_files (store, g_ptr_array_index (unlink_list, i));
      co_store_delete_results (store, g_ptr_array_index (unlink_list, i));
    }

  *report = found;
  return TRUE;
}

static gboolean
is_known_asset (CoStore    *store,
                const char *sha256)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* When in doubt (the query cannot run), keep the file. */
  stmt = _co_store_prepare (store, "SELECT 1 FROM assets WHERE sha256 = ?", NULL);
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) != SQLITE_DONE;
}

static gboolean
remove_if_stray (CoStore    *store,
                 const char *path,
                 const char *sha256,
                 gint64     *bytes)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  if (g_get_real_time () / G_USEC_PER_SEC - st.st_mtime < STRAY_MIN_AGE_SECONDS)
    return FALSE;
  if (sha256 != NULL && is_known_asset (store, sha256))
    return FALSE;
  if (g_unlink (path) != 0)
    return FALSE;
  g_info ("Removed stray file %s", path);
  *bytes += st.st_size;
  return TRUE;
}

/* Walks one folder of the store.  With @tmp, every old file is a leftover
 * of an interrupted import; otherwise a file is a stray when no asset has
 * its name (with @suffix removed, for thumbnails). */
static guint
sweep_folder (CoStore    *store,
              const char *dir_path,
              gboolean    tmp,
              const char *suffix,
              gint64     *bytes)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint removed = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *sha256 = NULL;

      if (!tmp)
        {
          if (suffix != NULL && !g_str_has_suffix (name, suffix))
            continue;
          sha256 = g_strndup (name, strlen (name) - (suffix ? strlen (suffix) : 0));
          if (strlen (sha256) != 64)
            continue;
        }
      removed += remove_if_stray (store, path, sha256, bytes);
    }
  return removed;
}

guint
_co_vault_remove_strays (CoVault *self,
                         gint64  *bytes)
{
  CoStore *store = co_vault_get_store (self);
  const char *data_dir = co_store_get_data_dir (store);
  g_autofree char *blobs = g_build_filename (data_dir, "blobs", NULL);
  g_autofree char *thumbs = g_build_filename (data_dir, "thumbnails", NULL);
  g_autoptr(GDir) dir = g_dir_open (blobs, 0, NULL);
  const char *name;
  guint removed = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (blobs, name, NULL);

      if (g_file_test (sub, G_FILE_TEST_IS_DIR))
        removed += sweep_folder (store, sub, g_str_equal (name, "tmp"), NULL, bytes);
    }
  /* Thumbnails are caches: they do not count as files purged. */
  sweep_folder (store, thumbs, FALSE, ".png", bytes);
  return removed;
}
