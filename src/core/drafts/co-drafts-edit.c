/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-assets.h"
#include "co-drafts-private.h"
#include "co-error.h"

/*
 * Changes to a draft's text, targets, links and publication records.  Each
 * runs between _co_drafts_begin_edit(), which refuses a missing or
 * published draft, and _co_drafts_end_edit(), which refuses a result its
 * stage does not allow; either way nothing is half done.
 */

static gboolean
run_stmt (CoDrafts      *self,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  return stmt != NULL && _co_store_step_done (co_drafts_get_store (self), stmt, error);
}

static int
changes (CoDrafts *self)
{
  return sqlite3_changes (_co_store_get_db (co_drafts_get_store (self)));
}

typedef struct
{
  CoPlatform  platform;
  const char *title;
  const char *body;
} TextChange;

static gboolean
update_text (CoDrafts  *self,
             gint64     id,
             gpointer   data,
             GError   **error)
{
  TextChange *change = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(CoDraft) draft = _co_drafts_load (self, id, error);
  g_autofree char *missing = NULL;

  /* Checked before writing: the table refuses such a draft, less clearly. */
  if (draft == NULL)
    return FALSE;
  if (co_draft_get_stage (draft) >= CO_DRAFT_STAGE_DRAFT)
    missing = _co_drafts_text_missing (change->title ? change->title : co_draft_get_title (draft),
                                       change->body ? change->body : co_draft_get_body (draft));
  if (missing != NULL)
    return _co_drafts_set_incomplete (error, id, co_draft_get_stage (draft), missing);
  stmt = _co_store_prepare (co_drafts_get_store (self),
                            "UPDATE drafts SET title = coalesce (?, title),"
                            " body = coalesce (?, body) WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  if (change->title != NULL)
    sqlite3_bind_text (stmt, 1, change->title, -1, SQLITE_TRANSIENT);
  if (change->body != NULL)
    sqlite3_bind_text (stmt, 2, change->body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return run_stmt (self, stmt, error);
}

/**
 * co_drafts_set_text:
 * @self: the drafts
 * @id: a draft id
 * @title: (nullable): the new title, or %NULL to keep it
 * @body: (nullable): the new text, or %NULL to keep it
 * @error: return location for a #GError
 *
 * Changes a draft's title and text.  Refused for a published draft, and when
 * the result would not suit the draft's stage (an empty title in Draft, a
 * text too long for a platform of a Scheduled draft).
 *
 * Returns: %TRUE on success; nothing changes on failure
 */
gboolean
co_drafts_set_text (CoDrafts    *self,
                    gint64       id,
                    const char  *title,
                    const char  *body,
                    GError     **error)
{
  TextChange change = { 0, title, body };

  g_return_val_if_fail (CO_IS_DRAFTS (self), FALSE);

  if (!_co_drafts_check_text (id, _("title"), title, error) ||
      !_co_drafts_check_text (id, _("body"), body, error))
    return FALSE;
  return _co_drafts_edit (self, id, update_text, &change, error);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

gboolean
_co_drafts_insert_variant (CoDrafts    *self,
                           gint64       id,
                           CoPlatform   platform,
                           const char  *title,
                           const char  *body,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (co_drafts_get_store (self),
                            "INSERT INTO draft_variants (draft_id, platform, title, body)"
                            " VALUES (?, ?, ?, ?) ON CONFLICT (draft_id, platform)"
                            " DO UPDATE SET title = excluded.title, body = excluded.body", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, co_platform_to_string (platform), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, title);
  bind_text_or_null (stmt, 4, body);
  return run_stmt (self, stmt, error);
}

static gboolean
upsert_variant (CoDrafts  *self,
                gint64     id,
                gpointer   data,
                GError   **error)
{
  TextChange *change = data;

  return _co_drafts_insert_variant (self, id, change->platform, change->title, change->body,
                                    error);
}

/**
 * co_drafts_set_variant:
 * @self: the drafts
 * @id: a draft id
 * @platform: a target platform, added if the draft does not target it yet
 * @title: (nullable): the platform's own title, or %NULL to use the draft's
 * @body: (nullable): the platform's own text, or %NULL to use the draft's
 * @error: return location for a #GError
 *
 * Sets both overrides of a platform's variant.  A Scheduled draft takes a
 * new platform only with a time, so adding one to it is refused: schedule
 * it or move the draft back to Draft first.
 *
 * Returns: %TRUE on success; nothing changes on failure
 */
gboolean
co_drafts_set_variant (CoDrafts    *self,
                       gint64       id,
                       CoPlatform   platform,
                       const char  *title,
                       const char  *body,
                       GError     **error)
{
  TextChange change = { platform, title, body };

  g_return_val_if_fail (CO_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);

  if (!_co_drafts_check_text (id, _("platform title"), title, error) ||
      !_co_drafts_check_text (id, _("platform text"), body, error))
    return FALSE;
  return _co_drafts_edit (self, id, upsert_variant, &change, error);
}

static gboolean
set_not_target (GError     **error,
                gint64       id,
                CoPlatform   platform)
{
  g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
               _("Draft %lld does not target %s"), (long long)id,
               co_platform_display_name (platform));
  return FALSE;
}

static gboolean
delete_variant (CoDrafts  *self,
                gint64     id,
                gpointer   data,
                GError   **error)
{
  CoPlatform platform = *(CoPlatform *)data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (co_drafts_get_store (self),
                            "DELETE FROM draft_variants WHERE draft_id = ? AND platform = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, co_platform_to_string (platform), -1, SQLITE_STATIC);
  if (!run_stmt (self, stmt, error))
    return FALSE;
  return changes (self) > 0 || set_not_target (error, id, platform);
}

/**
 * co_drafts_remove_variant:
 * @self: the drafts
 * @id: a draft id
 * @platform: a platform the draft targets
 * @error: return location for a #GError
 *
 * Stops targeting @platform, with its own text and its schedule entry.  A
 * Scheduled draft keeps at least one platform.
 *
 * Returns: %TRUE on success; nothing changes on failure
 */
gboolean
co_drafts_remove_variant (CoDrafts    *self,
                          gint64       id,
                          CoPlatform   platform,
                          GError     **error)
{
  g_return_val_if_fail (CO_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);

  return _co_drafts_edit (self, id, delete_variant, &platform, error);
}

typedef struct
{
  CoPlatform  platform;
  const char *post_id;
  const char *post_url;
  gint64      published_at;
} Publication;

static gboolean
check_publication (gint64              id,
                   CoDraftStage        stage,
                   const Publication  *post,
                   GError            **error)
{
  g_autoptr(GUri) uri = NULL;

  if (stage != CO_DRAFT_STAGE_SCHEDULED)
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                   _("Draft %lld is %s: a post is recorded only for a scheduled draft"),
                   (long long)id, co_draft_stage_display_name (stage));
      return FALSE;
    }
  if (post->post_id == NULL || post->post_id[0] == '\0' ||
      !g_utf8_validate (post->post_id, -1, NULL))
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                   _("The post id for draft %lld is empty or not UTF-8 text"), (long long)id);
      return FALSE;
    }
  if (post->post_url != NULL && g_utf8_validate (post->post_url, -1, NULL))
    uri = g_uri_parse (post->post_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                   _("The post address for draft %lld is not a web address (http or https)"),
                   (long long)id);
      return FALSE;
    }
  if (post->published_at <= 0)
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                   _("The publication time for draft %lld is missing"), (long long)id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_publication (CoDrafts  *self,
                   gint64     id,
                   gpointer   data,
                   GError   **error)
{
  const Publication *post = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CoDraftStage stage;

  if (!_co_drafts_get_stage (self, id, &stage, error) ||
      !check_publication (id, stage, post, error))
    return FALSE;
  stmt = _co_store_prepare (co_drafts_get_store (self),
                            "UPDATE draft_variants SET post_id = ?, post_url = ?, published_at = ?"
                            " WHERE draft_id = ? AND platform = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, post->post_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, post->post_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, post->published_at);
  sqlite3_bind_int64 (stmt, 4, id);
  sqlite3_bind_text (stmt, 5, co_platform_to_string (post->platform), -1, SQLITE_STATIC);
  if (!run_stmt (self, stmt, error))
    return FALSE;
  return changes (self) > 0 || set_not_target (error, id, post->platform);
}

/**
 * co_drafts_record_publication:
 * @self: the drafts
 * @id: a scheduled draft's id
 * @platform: the platform it was posted to
 * @post_id: the platform's id of the post
 * @post_url: the post's web address (http or https)
 * @published_at: when it was posted (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Records that a scheduled draft was posted to one of its platforms, as the
 * publisher (or a person who posted by hand) learns it.  Once every platform
 * has its record the draft can move to Published.
 *
 * Returns: %TRUE on success; nothing changes on failure
 */
gboolean
co_drafts_record_publication (CoDrafts    *self,
                              gint64       id,
                              CoPlatform   platform,
                              const char  *post_id,
                              const char  *post_url,
                              gint64       published_at,
                              GError     **error)
{
  Publication post = { platform, post_id, post_url, published_at };

  g_return_val_if_fail (CO_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);

  return _co_drafts_edit (self, id, write_publication, &post, error);
}

static gboolean
delete_row (CoDrafts  *self,
            gint64     id,
            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (co_drafts_get_store (self), "DELETE FROM drafts WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return run_stmt (self, stmt, error);
}

/**
 * co_drafts_delete:
 * @self: the drafts
 * @id: a draft id
 * @error: return location for a #GError
 *
 * Deletes a draft with its variants, schedule entries, links and history.
 * Its references to stored files go, so files nothing else uses start their
 * unreferenced period; the files, vault items and drafts repurposed from it
 * stay.  A published draft is a record of what was posted and is kept.
 *
 * Returns: %TRUE on success; else %FALSE with %CO_DRAFT_ERROR_NOT_FOUND or
 *   %CO_DRAFT_ERROR_READ_ONLY, and nothing changed
 */
gboolean
co_drafts_delete (CoDrafts  *self,
                  gint64     id,
                  GError   **error)
{
  CoStore *store;
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_DRAFTS (self), FALSE);

  store = co_drafts_get_store (self);
  locker = _co_store_lock (store);
  if (!_co_drafts_begin_edit (self, id, error))
    return FALSE;
  if (!co_assets_remove_refs_of (store, "draft", id, error) || !delete_row (self, id, error))
    {
      _co_store_rollback (store);
      return FALSE;
    }
  if (!_co_store_commit (store, error))
    return FALSE;
  _co_drafts_emit_changed (self, id);
  return TRUE;
}
