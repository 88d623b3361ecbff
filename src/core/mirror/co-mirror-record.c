/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-mirror-private.h"

/*
 * Rows of mirror_records: what the mirror knows of each record.  Local edits
 * mark them through the triggers of migration 13; the mirror writes them
 * itself when it gives a record a revision or takes one from the server.
 */

static gboolean
kind_from_string (const char   *name,
                  CoMirrorKind *out_kind)
{
  for (guint i = 0; i < CO_MIRROR_N_KINDS; i++)
    {
      if (g_strcmp0 (name, _co_mirror_kind_to_string (i)) == 0)
        {
          *out_kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Reads the CO_MIRROR_RECORD_COLUMNS of the current row. */
CoMirrorRecord *
_co_mirror_record_from_row (sqlite3_stmt *stmt)
{
  CoMirrorRecord *record = g_new0 (CoMirrorRecord, 1);

  record->doc_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  /* The table's CHECK allows only the kinds there are. */
  if (!kind_from_string ((const char *)sqlite3_column_text (stmt, 1), &record->kind))
    g_assert_not_reached ();
  record->local_id = sqlite3_column_int64 (stmt, 2);
  record->rev = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  record->ancestry = _co_mirror_ancestry_parse ((const char *)sqlite3_column_text (stmt, 4));
  record->dirty = sqlite3_column_int (stmt, 5) != 0;
  record->deleted = sqlite3_column_int (stmt, 6) != 0;
  record->modified_at = sqlite3_column_int64 (stmt, 7);
  record->modified_by = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
  record->seq = sqlite3_column_int64 (stmt, 9);
  return record;
}

void
_co_mirror_record_free (CoMirrorRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->doc_id);
  g_free (record->rev);
  g_strfreev (record->ancestry);
  g_free (record->modified_by);
  g_free (record);
}

/**
 * _co_mirror_record_load:
 * @store: the store
 * @doc_id: a document id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the record, or %NULL without an error
 *   when the library has never had it
 */
CoMirrorRecord *
_co_mirror_record_load (CoStore     *store,
                        const char  *doc_id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _co_store_prepare (store, "SELECT " CO_MIRROR_RECORD_COLUMNS
                                   " FROM mirror_records WHERE doc_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _co_mirror_record_from_row (stmt);
  if (rc != SQLITE_DONE)
    _co_store_set_error (store, error, _("reading the mirror's records"));
  return NULL;
}

/**
 * _co_mirror_record_save:
 * @store: the store
 * @record: the record, as it is to be kept
 * @bump_seq: whether the record must be sent (it gets the next sequence
 *   number, so the next push reads it); otherwise it keeps its number, and a
 *   record received from the server keeps 0, which no push reads
 * @error: return location for a #GError
 *
 * Writes the whole row, creating it when needed.
 *
 * Returns: %TRUE on success
 */
gboolean
_co_mirror_record_save (CoStore         *store,
                        CoMirrorRecord  *record,
                        gboolean         bump_seq,
                        GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *ancestry = _co_mirror_ancestry_to_json (record->ancestry);

  stmt = _co_store_prepare (store,
                            "INSERT INTO mirror_records (doc_id, kind, local_id, rev, ancestry,"
                            " dirty, deleted, modified_at, modified_by, seq)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                            "  CASE WHEN ?10 THEN (SELECT coalesce (max (seq), 0) + 1"
                            "   FROM mirror_records) ELSE ?11 END)"
                            " ON CONFLICT (doc_id) DO UPDATE SET local_id = excluded.local_id,"
                            "  rev = excluded.rev, ancestry = excluded.ancestry,"
                            "  dirty = excluded.dirty, deleted = excluded.deleted,"
                            "  modified_at = excluded.modified_at,"
                            "  modified_by = excluded.modified_by, seq = excluded.seq",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->doc_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, _co_mirror_kind_to_string (record->kind), -1, SQLITE_STATIC);
  if (record->local_id != 0)
    sqlite3_bind_int64 (stmt, 3, record->local_id);
  if (record->rev != NULL)
    sqlite3_bind_text (stmt, 4, record->rev, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, ancestry, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, record->dirty);
  sqlite3_bind_int (stmt, 7, record->deleted);
  sqlite3_bind_int64 (stmt, 8, record->modified_at);
  if (record->modified_by != NULL)
    sqlite3_bind_text (stmt, 9, record->modified_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, bump_seq);
  sqlite3_bind_int64 (stmt, 11, record->seq);
  return _co_store_step_done (store, stmt, error);
}
