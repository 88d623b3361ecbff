/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-assets.h"
#include "co-drafts-private.h"

/*
 * Repurposing: a draft becomes the start of a new one for another platform.
 * The copy is a Saved draft that names its original, links the same vault
 * items and stored files, and has the text adapted to the platform; the
 * original is only read, so even a published draft can be repurposed.
 */

static gboolean
copy_item_links (CoDrafts  *self,
                 gint64     from,
                 gint64     to,
                 GError   **error)
{
  CoStore *store = co_drafts_get_store (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store,
                            "INSERT INTO draft_items (draft_id, item_id, position, created_at)"
                            " SELECT ?, item_id, position, ? FROM draft_items WHERE draft_id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, to);
  sqlite3_bind_int64 (stmt, 2, co_drafts_now (self));
  sqlite3_bind_int64 (stmt, 3, from);
  return _co_store_step_done (store, stmt, error);
}

static gboolean
copy_file_refs (CoDrafts  *self,
                CoDraft   *original,
                gint64     to,
                GError   **error)
{
  const char * const *files = co_draft_get_files (original);

  for (guint i = 0; files[i] != NULL; i++)
    if (!co_assets_add_ref (co_drafts_get_store (self), files[i], "draft", to, error))
      return FALSE;
  return TRUE;
}

static gint64
make_copy (CoDrafts    *self,
           CoDraft     *original,
           CoPlatform   platform,
           GError     **error)
{
  g_autofree char *text = NULL;
  gint64 id;

  text = co_platform_adapt_text (platform, co_draft_get_body (original), error);
  if (text == NULL)
    return 0;
  id = _co_drafts_insert_row (self, CO_DRAFT_STAGE_SAVED, co_draft_get_title (original), text,
                              co_draft_get_id (original), error);
  if (id == 0 ||
      !_co_drafts_insert_variant (self, id, platform, NULL, NULL, error) ||
      !copy_item_links (self, co_draft_get_id (original), id, error) ||
      !copy_file_refs (self, original, id, error) ||
      !_co_drafts_add_history (self, id, -1, CO_DRAFT_STAGE_SAVED, error))
    return 0;
  return id;
}

/**
 * co_drafts_repurpose:
 * @self: the drafts
 * @id: the draft to start from, in any stage
 * @platform: the platform the new draft is for
 * @error: return location for a #GError
 *
 * Clones a draft into a new Saved draft that targets @platform, names @id as
 * its origin, links the same vault items and stored files, and has its body
 * adapted to @platform (co_platform_adapt_text()).  The video format
 * suggestions for the copy come from co_drafts_get_format_hint().
 *
 * Returns: the new draft's id, or 0 with @error set
 */
gint64
co_drafts_repurpose (CoDrafts    *self,
                     gint64       id,
                     CoPlatform   platform,
                     GError     **error)
{
  CoStore *store;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(CoDraft) original = NULL;
  gint64 copy = 0;

  g_return_val_if_fail (CO_IS_DRAFTS (self), 0);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, 0);

  store = co_drafts_get_store (self);
  locker = _co_store_lock (store);
  if (!_co_store_begin (store, error))
    return 0;
  original = _co_drafts_load (self, id, error);
  if (original != NULL)
    copy = make_copy (self, original, platform, error);
  if (copy == 0)
    {
      _co_store_rollback (store);
      return 0;
    }
  if (!_co_store_commit (store, error))
    return 0;
  _co_drafts_emit_changed (self, copy);
  return copy;
}

/**
 * co_drafts_get_format_hint:
 * @self: the drafts
 * @id: a draft id
 * @platform: the platform to post on
 * @error: return location for a #GError
 *
 * Suggests how to post the draft's video on @platform, from the first linked
 * vault video whose size is known (its probed width, height and duration).
 * Without such a video the hint says so and gives the platform's limit.
 *
 * Returns: (transfer full) (nullable): the hint, or %NULL with
 *   %CO_DRAFT_ERROR_NOT_FOUND or a store error
 */
CoFormatHint *
co_drafts_get_format_hint (CoDrafts    *self,
                           gint64       id,
                           CoPlatform   platform,
                           GError     **error)
{
  CoStore *store;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CoFormatHint *hint;
  CoDraftStage stage;

  g_return_val_if_fail (CO_IS_DRAFTS (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);

  store = co_drafts_get_store (self);
  locker = _co_store_lock (store);
  if (!_co_drafts_get_stage (self, id, &stage, error))
    return NULL;
  stmt = _co_store_prepare (store,
                            "SELECT v.id, v.width, v.height, coalesce (v.duration, -1)"
                            " FROM draft_items di JOIN vault_items v ON v.id = di.item_id"
                            " WHERE di.draft_id = ? AND v.type = 'video'"
                            " AND v.width > 0 AND v.height > 0"
                            " ORDER BY di.position LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return co_format_hint_compute (platform, 0, 0, -1);
  hint = co_format_hint_compute (platform, sqlite3_column_int (stmt, 1),
                                 sqlite3_column_int (stmt, 2), sqlite3_column_double (stmt, 3));
  hint->item_id = sqlite3_column_int64 (stmt, 0);
  return hint;
}
