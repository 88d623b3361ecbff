/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-vault-error.h"
#include "co-assets.h"
#include "co-drafts-private.h"
#include "co-error.h"

/*
 * A draft's links to vault items (draft_items) and to stored files.  File
 * links are references in the assets table with the owner kind "draft", so
 * a file a draft uses is never offered for archival, and unlinking it
 * starts its unreferenced period when nothing else uses it.
 */

static gboolean
check_item (CoDrafts  *self,
            gint64     id,
            gint64     item_id,
            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _co_store_prepare (co_drafts_get_store (self),
                            "SELECT trashed_at IS NOT NULL FROM vault_items WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0)
    return TRUE;
  if (rc == SQLITE_ROW)
    g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_WRONG_STATE,
                 _("Cannot link vault item %lld to draft %lld: the item is in the trash"),
                 (long long)item_id, (long long)id);
  else if (rc == SQLITE_DONE)
    g_set_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND,
                 _("Cannot link vault item %lld to draft %lld: no vault item has that id"),
                 (long long)item_id, (long long)id);
  else
    _co_store_set_error (co_drafts_get_store (self), error, _("reading a vault item"));
  return FALSE;
}

gboolean
_co_drafts_insert_item_link (CoDrafts  *self,
                             gint64     id,
                             gint64     item_id,
                             GError   **error)
{
  CoStore *store = co_drafts_get_store (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!check_item (self, id, item_id, error))
    return FALSE;
  stmt = _co_store_prepare (store,
                            "INSERT INTO draft_items (draft_id, item_id, position, created_at)"
                            " SELECT ?1, ?2, coalesce (max (position), 0) + 1, ?3"
                            " FROM draft_items WHERE draft_id = ?1"
                            " ON CONFLICT (draft_id, item_id) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  sqlite3_bind_int64 (stmt, 3, co_drafts_now (self));
  return _co_store_step_done (store, stmt, error);
}

static gboolean
insert_item_link (CoDrafts  *self,
                  gint64     id,
                  gpointer   data,
                  GError   **error)
{
  return _co_drafts_insert_item_link (self, id, *(gint64 *)data, error);
}

/**
 * co_drafts_link_item:
 * @self: the drafts
 * @id: a draft id
 * @item_id: a vault item that is not in the trash
 * @error: return location for a #GError
 *
 * Links a vault item to a draft, after the ones already linked.  Linking it
 * twice is harmless.
 *
 * Returns: %TRUE on success; else %FALSE with a %CO_DRAFT_ERROR or
 *   %CO_VAULT_ERROR_NOT_FOUND / %CO_VAULT_ERROR_WRONG_STATE for the item
 */
gboolean
co_drafts_link_item (CoDrafts  *self,
                     gint64     id,
                     gint64     item_id,
                     GError   **error)
{
  g_return_val_if_fail (CO_IS_DRAFTS (self), FALSE);

  return _co_drafts_edit (self, id, insert_item_link, &item_id, error);
}

static gboolean
delete_item_link (CoDrafts  *self,
                  gint64     id,
                  gpointer   data,
                  GError   **error)
{
  gint64 item_id = *(gint64 *)data;
  CoStore *store = co_drafts_get_store (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store, "DELETE FROM draft_items WHERE draft_id = ? AND item_id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  if (!_co_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_co_store_get_db (store)) > 0)
    return TRUE;
  g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
               _("Vault item %lld is not linked to draft %lld"), (long long)item_id,
               (long long)id);
  return FALSE;
}

/**
 * co_drafts_unlink_item:
 * @self: the drafts
 * @id: a draft id
 * @item_id: a vault item linked to it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; nothing changes on failure
 */
gboolean
co_drafts_unlink_item (CoDrafts  *self,
                       gint64     id,
                       gint64     item_id,
                       GError   **error)
{
  g_return_val_if_fail (CO_IS_DRAFTS (self), FALSE);

  return _co_drafts_edit (self, id, delete_item_link, &item_id, error);
}

static gboolean
is_digest (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;
  for (int i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (sha256[i]) || g_ascii_isupper (sha256[i]))
      return FALSE;
  return TRUE;
}

/**
 * co_drafts_check_digest:
 * @id: the draft the file is for, for the message
 * @sha256: (nullable): what names a stored file
 * @error: return location for %CO_DRAFT_ERROR_INVALID
 *
 * Checks that @sha256 is written as a stored file's name is: 64 lowercase
 * hexadecimal digits.  Whether such a file is stored is another question
 * (co_assets_get()).
 *
 * Returns: %TRUE when it is
 */
gboolean
co_drafts_check_digest (gint64       id,
                        const char  *sha256,
                        GError     **error)
{
  if (is_digest (sha256))
    return TRUE;
  g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
               _("Cannot link “%s” to draft %lld: a stored file is named by its SHA-256 "
                 "digest, 64 lowercase hexadecimal digits"),
               sha256 != NULL && g_utf8_validate (sha256, -1, NULL) ? sha256 : "",
               (long long)id);
  return FALSE;
}

static gboolean
add_file_ref (CoDrafts  *self,
              gint64     id,
              gpointer   data,
              GError   **error)
{
  const char *sha256 = data;
  CoStore *store = co_drafts_get_store (self);
  g_autoptr(CoAsset) asset = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!co_drafts_check_digest (id, sha256, error))
    return FALSE;
  asset = co_assets_get (store, sha256, &local_error);
  if (asset == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot link a file to draft %lld: "), (long long)id);
      return FALSE;
    }
  return co_assets_add_ref (store, sha256, "draft", id, error);
}

/**
 * co_drafts_link_file:
 * @self: the drafts
 * @id: a draft id
 * @sha256: the digest of a stored file
 * @error: return location for a #GError
 *
 * Makes the draft a user of a stored file (an export, a final cut), so the
 * file is kept.  Linking it twice is harmless.
 *
 * Returns: %TRUE on success; else %FALSE with a %CO_DRAFT_ERROR, or
 *   %CO_VAULT_ERROR_NOT_FOUND when nothing is stored under @sha256
 */
gboolean
co_drafts_link_file (CoDrafts    *self,
                     gint64       id,
                     const char  *sha256,
                     GError     **error)
{
  g_return_val_if_fail (CO_IS_DRAFTS (self), FALSE);

  return _co_drafts_edit (self, id, add_file_ref, (gpointer)sha256, error);
}

/* co-assets.c drops every reference of an owner at once; one reference is
 * dropped here the same way: the file's unreferenced period starts when its
 * last reference goes. */
static gboolean
remove_file_ref (CoDrafts  *self,
                 gint64     id,
                 gpointer   data,
                 GError   **error)
{
  const char *sha256 = data;
  CoStore *store = co_drafts_get_store (self);
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;

  drop = _co_store_prepare (store, "DELETE FROM asset_refs WHERE sha256 = ?"
                                   " AND owner_kind = 'draft' AND owner_id = ?", error);
  mark = _co_store_prepare (store, "UPDATE assets SET unreferenced_since = ?1 WHERE sha256 = ?2"
                                   " AND NOT EXISTS (SELECT 1 FROM asset_refs r"
                                   "                 WHERE r.sha256 = ?2)", error);
  if (drop == NULL || mark == NULL)
    return FALSE;
  sqlite3_bind_text (drop, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (drop, 2, id);
  if (!_co_store_step_done (store, drop, error))
    return FALSE;
  if (sqlite3_changes (_co_store_get_db (store)) == 0)
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                   _("The file “%s” is not linked to draft %lld"), sha256, (long long)id);
      return FALSE;
    }
  sqlite3_bind_int64 (mark, 1, _co_store_now ());
  sqlite3_bind_text (mark, 2, sha256, -1, SQLITE_TRANSIENT);
  return _co_store_step_done (store, mark, error);
}

/**
 * co_drafts_unlink_file:
 * @self: the drafts
 * @id: a draft id
 * @sha256: the digest of a file linked to it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; nothing changes on failure
 */
gboolean
co_drafts_unlink_file (CoDrafts    *self,
                       gint64       id,
                       const char  *sha256,
                       GError     **error)
{
  g_return_val_if_fail (CO_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  return _co_drafts_edit (self, id, remove_file_ref, (gpointer)sha256, error);
}
