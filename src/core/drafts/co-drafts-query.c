/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-drafts-private.h"

/* Listing and counting drafts for the board and the command line.  The
 * stage filter is written into the SQL from the fixed stage names, the
 * platform and the search are bound, so each shape of query is prepared
 * once and cached by the store. */

static const char *const sort_sql[] = {
  [CO_DRAFT_SORT_UPDATED] = " ORDER BY d.updated_at DESC, d.id DESC",
  [CO_DRAFT_SORT_CREATED] = " ORDER BY d.created_at DESC, d.id DESC",
  [CO_DRAFT_SORT_TITLE] = " ORDER BY d.title COLLATE NOCASE, d.id",
};

static void
append_where (GString            *sql,
              const CoDraftQuery *query)
{
  const char *glue = " WHERE ";

  if (query->stages != 0)
    {
      const char *sep = "";

      g_string_append_printf (sql, "%sd.stage IN (", glue);
      for (int i = 0; i < CO_N_DRAFT_STAGES; i++)
        if (query->stages & CO_DRAFT_STAGE_MASK (i))
          {
            g_string_append_printf (sql, "%s'%s'", sep, co_draft_stage_to_string (i));
            sep = ", ";
          }
      g_string_append_c (sql, ')');
      glue = " AND ";
    }
  if (query->by_platform)
    {
      g_string_append_printf (sql, "%sEXISTS (SELECT 1 FROM draft_variants v"
                                   " WHERE v.draft_id = d.id AND v.platform = ?1)", glue);
      glue = " AND ";
    }
  if (query->search != NULL && query->search[0] != '\0')
    g_string_append_printf (sql, "%s(d.title LIKE ?2 ESCAPE '\\' OR d.body LIKE ?2 ESCAPE '\\')",
                            glue);
}

/* "%word%" with LIKE's own wildcards taken literally. */
static char *
like_pattern (const char *search)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = search; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static sqlite3_stmt *
prepare_query (CoDrafts            *self,
               const CoDraftQuery  *query,
               const char          *select,
               gboolean             paged,
               GError             **error)
{
  g_autoptr(GString) sql = g_string_new (select);
  sqlite3_stmt *stmt;

  if (query->sort > CO_DRAFT_SORT_TITLE)
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID, _("Unknown draft order %d"),
                   query->sort);
      return NULL;
    }
  if (query->search != NULL && !g_utf8_validate (query->search, -1, NULL))
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                   _("The search for drafts is not valid UTF-8 text"));
      return NULL;
    }
  append_where (sql, query);
  if (paged)
    g_string_append_printf (sql, "%s LIMIT ?3 OFFSET ?4", sort_sql[query->sort]);
  stmt = _co_store_prepare (co_drafts_get_store (self), sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (query->by_platform)
    sqlite3_bind_text (stmt, 1, co_platform_to_string (query->platform), -1, SQLITE_STATIC);
  if (query->search != NULL && query->search[0] != '\0')
    sqlite3_bind_text (stmt, 2, like_pattern (query->search), -1, g_free);
  return stmt;
}

/**
 * co_drafts_list:
 * @self: the drafts
 * @query: (nullable): the filter and order; %NULL for every draft
 * @offset: how many to skip
 * @limit: how many at most
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoDraft) (nullable): the drafts
 */
GPtrArray *
co_drafts_list (CoDrafts            *self,
                const CoDraftQuery  *query,
                guint                offset,
                guint                limit,
                GError             **error)
{
  static const CoDraftQuery all = { 0 };
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (CO_IS_DRAFTS (self), NULL);

  locker = _co_store_lock (co_drafts_get_store (self));
  stmt = prepare_query (self, query != NULL ? query : &all, "SELECT " CO_DRAFT_COLUMNS
                        " FROM drafts d", TRUE, error);
  if (stmt == NULL)
    return NULL;
  /* SQLite reads a limit beyond G_MAXINT64 as none; G_MAXUINT is plenty. */
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (drafts, _co_draft_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (co_drafts_get_store (self), error, _("listing drafts"));
      return NULL;
    }
  if (!_co_drafts_load_details (self, drafts, error))
    return NULL;
  return g_steal_pointer (&drafts);
}

/**
 * co_drafts_count:
 * @self: the drafts
 * @query: (nullable): the filter; %NULL for every draft
 * @error: return location for a #GError
 *
 * Returns: how many drafts match, or -1 with @error set
 */
gint64
co_drafts_count (CoDrafts            *self,
                 const CoDraftQuery  *query,
                 GError             **error)
{
  static const CoDraftQuery all = { 0 };
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_DRAFTS (self), -1);

  locker = _co_store_lock (co_drafts_get_store (self));
  stmt = prepare_query (self, query != NULL ? query : &all, "SELECT count (*) FROM drafts d",
                        FALSE, error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _co_store_set_error (co_drafts_get_store (self), error, _("counting drafts"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static CoDraftStageChange *
change_from_row (sqlite3_stmt *stmt)
{
  CoDraftStageChange *change = g_new0 (CoDraftStageChange, 1);
  CoDraftStage from;

  /* Names come from the table's CHECKs; NULL errors as they cannot fail. */
  change->from = -1;
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL &&
      co_draft_stage_from_string ((const char *)sqlite3_column_text (stmt, 0), &from, NULL))
    change->from = from;
  co_draft_stage_from_string ((const char *)sqlite3_column_text (stmt, 1), &change->to, NULL);
  change->actor = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  change->at = sqlite3_column_int64 (stmt, 3);
  return change;
}

/**
 * co_drafts_list_history:
 * @self: the drafts
 * @id: a draft id
 * @error: return location for %CO_DRAFT_ERROR_NOT_FOUND or a store error
 *
 * Returns: (transfer full) (element-type CoDraftStageChange) (nullable): the
 *   draft's stage changes, oldest (its creation) first
 */
GPtrArray *
co_drafts_list_history (CoDrafts  *self,
                        gint64     id,
                        GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  CoDraftStage stage;
  int rc;

  g_return_val_if_fail (CO_IS_DRAFTS (self), NULL);

  locker = _co_store_lock (co_drafts_get_store (self));
  if (!_co_drafts_get_stage (self, id, &stage, error))
    return NULL;
  stmt = _co_store_prepare (co_drafts_get_store (self),
                            "SELECT from_stage, to_stage, actor, at FROM draft_stage_history"
                            " WHERE draft_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify)co_draft_stage_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (changes, change_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (co_drafts_get_store (self), error, _("reading a draft's history"));
      return NULL;
    }
  return g_steal_pointer (&changes);
}
