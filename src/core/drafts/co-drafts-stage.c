/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-draft-json.h"
#include "co-drafts-private.h"

/*
 * What each stage requires, and moves between stages.  Requirements add up:
 * Draft needs a title and a body; Scheduled needs those, at least one target
 * platform, a time for each and text each platform takes; Published needs
 * those and, for each platform, the post's id, address and time.  A time in
 * the past is refused when a draft moves to Scheduled; once scheduled, a
 * time that passes makes the post due, which is what it is for.
 */

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

char *
_co_drafts_text_missing (const char *title,
                         const char *body)
{
  if (is_blank (title))
    return g_strdup (_("its title is empty"));
  if (is_blank (body))
    return g_strdup (_("its body is empty"));
  return NULL;
}

static char *
variant_unscheduled (CoDraftVariant *variant,
                     gint64          now,
                     gboolean        moving)
{
  const char *name = co_platform_display_name (co_draft_variant_get_platform (variant));
  gint64 at = co_draft_variant_get_scheduled_at (variant);
  g_autoptr(GError) problem = NULL;

  if (at == 0)
    return g_strdup_printf (_("%s has no time; schedule it first"), name);
  if (moving && at <= now)
    {
      g_autofree char *when = _co_draft_format_local (at, co_draft_variant_get_zone (variant));
      return g_strdup_printf (_("the time for %s, %s, has passed"), name, when);
    }
  if (!co_draft_variant_check_text (variant, &problem))
    return g_strdup (problem->message);
  return NULL;
}

static char *
variant_unpublished (CoDraftVariant *variant)
{
  const char *name = co_platform_display_name (co_draft_variant_get_platform (variant));

  if (co_draft_variant_get_post_id (variant) == NULL)
    return g_strdup_printf (_("%s has no post id"), name);
  if (co_draft_variant_get_post_url (variant) == NULL)
    return g_strdup_printf (_("%s has no post address"), name);
  if (co_draft_variant_get_published_at (variant) == 0)
    return g_strdup_printf (_("%s has no publication time"), name);
  return NULL;
}

static char *
variants_missing (CoDraft      *draft,
                  CoDraftStage  stage,
                  gint64        now,
                  gboolean      moving)
{
  GListModel *variants = co_draft_get_variants (draft);
  guint n = g_list_model_get_n_items (variants);

  if (n == 0)
    return g_strdup (_("it has no target platform"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (variants, i);
      char *missing = stage == CO_DRAFT_STAGE_SCHEDULED
                        ? variant_unscheduled (variant, now, moving)
                        : variant_unpublished (variant);
      if (missing != NULL)
        return missing;
    }
  return NULL;
}

/* Says what @draft lacks for @stage, or NULL when it has everything.
 * @moving also refuses times that have passed. */
char *
_co_drafts_find_missing (CoDraft      *draft,
                         CoDraftStage  stage,
                         gint64        now,
                         gboolean      moving)
{
  char *missing = NULL;

  if (stage >= CO_DRAFT_STAGE_DRAFT)
    missing = _co_drafts_text_missing (co_draft_get_title (draft), co_draft_get_body (draft));
  if (missing == NULL && stage >= CO_DRAFT_STAGE_SCHEDULED)
    missing = variants_missing (draft, stage, now, moving);
  return missing;
}

gboolean
_co_drafts_add_history (CoDrafts      *self,
                        gint64         id,
                        int            from,
                        CoDraftStage   to,
                        GError       **error)
{
  CoStore *store = co_drafts_get_store (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store,
                            "INSERT INTO draft_stage_history (draft_id, from_stage, to_stage,"
                            " actor, at) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (from >= 0)
    sqlite3_bind_text (stmt, 2, co_draft_stage_to_string (from), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, co_draft_stage_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, co_drafts_get_actor (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, co_drafts_now (self));
  return _co_store_step_done (store, stmt, error);
}

static gboolean
check_move (CoDrafts      *self,
            CoDraft       *draft,
            CoDraftStage   to,
            GError       **error)
{
  g_autofree char *missing = NULL;

  if (!co_draft_stage_check_move (co_draft_get_id (draft), co_draft_get_stage (draft), to,
                                  error))
    return FALSE;
  missing = _co_drafts_find_missing (draft, to, co_drafts_now (self), TRUE);
  if (missing == NULL)
    return TRUE;
  g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INCOMPLETE,
               _("Draft %lld cannot move to %s: %s"), (long long)co_draft_get_id (draft),
               co_draft_stage_display_name (to), missing);
  return FALSE;
}

static gboolean
write_stage (CoDrafts      *self,
             CoDraft       *draft,
             CoDraftStage   to,
             GError       **error)
{
  CoStore *store = co_drafts_get_store (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store,
                            "UPDATE drafts SET stage = ?1, stage_changed_at = ?2, updated_at = ?2"
                            " WHERE id = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, co_draft_stage_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, co_drafts_now (self));
  sqlite3_bind_int64 (stmt, 3, co_draft_get_id (draft));
  return _co_store_step_done (store, stmt, error) &&
         _co_drafts_add_history (self, co_draft_get_id (draft), co_draft_get_stage (draft), to,
                                 error);
}

/**
 * co_drafts_move:
 * @self: the drafts
 * @id: a draft id
 * @stage: the stage to move it to
 * @error: return location for a #GError
 *
 * Moves a draft one stage forward, or from Scheduled back to Draft, when it
 * has everything @stage requires, and records the move in its history.
 *
 * Returns: %TRUE when moved; else %FALSE with %CO_DRAFT_ERROR_NOT_FOUND,
 *   %CO_DRAFT_ERROR_MOVE_REFUSED (the rule forbids the move) or
 *   %CO_DRAFT_ERROR_INCOMPLETE (the message names what is missing)
 */
gboolean
co_drafts_move (CoDrafts      *self,
                gint64         id,
                CoDraftStage   stage,
                GError       **error)
{
  CoStore *store;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(CoDraft) draft = NULL;

  g_return_val_if_fail (CO_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (stage < CO_N_DRAFT_STAGES, FALSE);

  store = co_drafts_get_store (self);
  locker = _co_store_lock (store);
  if (!_co_store_begin (store, error))
    return FALSE;
  draft = _co_drafts_load (self, id, error);
  if (draft == NULL || !check_move (self, draft, stage, error) ||
      !write_stage (self, draft, stage, error))
    {
      _co_store_rollback (store);
      return FALSE;
    }
  if (!_co_store_commit (store, error))
    return FALSE;
  _co_drafts_emit_changed (self, id);
  return TRUE;
}
