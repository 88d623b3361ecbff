/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-drafts-private.h"

/*
 * A draft's variants (with their schedule entries), vault item links and
 * stored files come from three queries for a whole page of drafts at once,
 * the page's ids given as one JSON array that SQLite reads with
 * json_each(): a board column's first page is four queries, whatever its
 * size.
 */

typedef void (*AddRow) (CoDraft      *draft,
                        sqlite3_stmt *stmt);

static void
add_variant_row (CoDraft      *draft,
                 sqlite3_stmt *stmt)
{
  _co_draft_add_variant (draft, stmt);
}

static void
add_item_row (CoDraft      *draft,
              sqlite3_stmt *stmt)
{
  _co_draft_add_item (draft, sqlite3_column_int64 (stmt, 1));
}

static void
add_file_row (CoDraft      *draft,
              sqlite3_stmt *stmt)
{
  _co_draft_add_file (draft, (const char *)sqlite3_column_text (stmt, 1));
}

/* Runs @sql, whose rows start with a draft id, handing each row to the
 * draft it belongs to. */
static gboolean
collect (CoDrafts    *self,
         const char  *sql,
         const char  *ids,
         GHashTable  *by_id,
         AddRow       add,
         GError     **error)
{
  CoStore *store = co_drafts_get_store (self);
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ids, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CoDraft *draft = g_hash_table_lookup (by_id, &id);

      if (draft != NULL)
        add (draft, stmt);
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  _co_store_set_error (store, error, _("reading drafts"));
  return FALSE;
}

/* Adds the details to drafts just read with CO_DRAFT_COLUMNS.  Callers
 * hold the store's lock. */
gboolean
_co_drafts_load_details (CoDrafts   *self,
                         GPtrArray  *drafts,
                         GError    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GString) ids = g_string_new ("[");

  if (drafts->len == 0)
    return TRUE;
  for (guint i = 0; i < drafts->len; i++)
    {
      CoDraft *draft = g_ptr_array_index (drafts, i);

      gint64 id = co_draft_get_id (draft);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "", id);
      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), draft);
    }
  g_string_append_c (ids, ']');
  return collect (self, "SELECT " CO_DRAFT_VARIANT_COLUMNS " FROM draft_variants v"
                  " LEFT JOIN schedule_entries s"
                  "   ON s.draft_id = v.draft_id AND s.platform = v.platform"
                  " WHERE v.draft_id IN (SELECT value FROM json_each (?1))"
                  " ORDER BY v.draft_id, v.platform", ids->str, by_id, add_variant_row, error) &&
         collect (self, "SELECT draft_id, item_id FROM draft_items"
                  " WHERE draft_id IN (SELECT value FROM json_each (?1))"
                  " ORDER BY draft_id, position", ids->str, by_id, add_item_row, error) &&
         collect (self, "SELECT owner_id, sha256 FROM asset_refs WHERE owner_kind = 'draft'"
                  " AND owner_id IN (SELECT value FROM json_each (?1))"
                  " ORDER BY owner_id, created_at, sha256", ids->str, by_id, add_file_row, error);
}
