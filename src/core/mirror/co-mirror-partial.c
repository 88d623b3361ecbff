/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-mirror-json.h"
#include "co-mirror-private.h"

/*
 * Revisions written without a link.  At the end of a pull, a draft whose
 * vault item is not here is written without the link, and a schedule entry
 * whose draft is not here is left out; the revision is then the record's
 * state, so no later pull sends it again.  Its body is kept here, and when
 * the record it refers to comes (an item brought back by an edit that won
 * over a purge, say), it is written again in full — unless a newer
 * revision took its place, made here or received.  A purge received from
 * the server takes the links to the item out of the drafts here without a
 * revision of theirs (the library that purged made those); their current
 * revisions are kept the same way, so that the links come back with the
 * item if an edit elsewhere wins over the purge.
 */

/**
 * _co_mirror_keep_partial:
 * @store: the store, in a write transaction
 * @doc_id: the document
 * @leaf: the revision that was written without a link
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_co_mirror_keep_partial (CoStore       *store,
                         const char    *doc_id,
                         CoMirrorLeaf  *leaf,
                         GError       **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), leaf->body);
  g_autofree char *body = json_to_string (node, FALSE);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store, "INSERT OR REPLACE INTO mirror_partial (doc_id, rev, body)"
                                   " VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, leaf->rev, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_TRANSIENT);
  return _co_store_step_done (store, stmt, error);
}

/**
 * _co_mirror_drop_partial:
 * @store: the store, in a write transaction
 * @doc_id: a document whose revision was written in full
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_co_mirror_drop_partial (CoStore     *store,
                         const char  *doc_id,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store, "DELETE FROM mirror_partial WHERE doc_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  return _co_store_step_done (store, stmt, error);
}

/* Writes one kept revision again, if it is still the record's. */
static gboolean
complete_one (CoStore     *store,
              const char  *doc_id,
              const char  *rev,
              const char  *text,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CoMirrorRecord) record = _co_mirror_record_load (store, doc_id, &local_error);
  g_autoptr(JsonNode) node = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (record == NULL || record->dirty || g_strcmp0 (record->rev, rev) != 0)
    return _co_mirror_drop_partial (store, doc_id, error);
  /* This library wrote the text from a body it had validated. */
  node = json_from_string (text, NULL);
  g_assert (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
  switch (_co_mirror_apply_body (store, record, json_node_get_object (node), FALSE, FALSE,
                                 error))
    {
    case CO_MIRROR_APPLY_OK:
      return _co_mirror_drop_partial (store, doc_id, error) &&
             _co_mirror_record_save (store, record, FALSE, error) &&
             _co_mirror_complete_partials (store, doc_id, error);
    case CO_MIRROR_APPLY_FAILED:
      g_prefix_error (error, _("Cannot write the document “%s” from the server: "), doc_id);
      return FALSE;
    default:
      /* Another record it refers to is still missing. */
      return TRUE;
    }
}

/* Reads every row of @stmt (bound, not stepped yet) as @n_columns strings,
 * then releases it, so that what the rows name can be written. */
static GPtrArray *
read_rows (CoStore       *store,
           sqlite3_stmt  *stmt,
           int            n_columns,
           const char    *what,
           GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int column = 0; column < n_columns; column++)
      g_ptr_array_add (rows, g_strdup ((const char *)sqlite3_column_text (stmt, column)));
  _co_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, what);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * _co_mirror_complete_partials:
 * @store: the store, in a write transaction, with the mirror applying
 * @doc_id: a record that was just written from the server, with its
 *   mirror_records row saved (links are found through it)
 * @error: return location for a #GError
 *
 * Writes again in full the kept revisions that refer to @doc_id: drafts
 * that link to a vault item, schedule entries of a draft.
 *
 * Returns: %TRUE on success
 */
gboolean
_co_mirror_complete_partials (CoStore     *store,
                              const char  *doc_id,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) found = NULL;

  stmt = _co_store_prepare (store,
                            "SELECT doc_id, rev, body FROM mirror_partial p"
                            " WHERE json_extract (p.body, '$.draft') = ?1"
                            "  OR EXISTS (SELECT 1 FROM json_each (p.body, '$.items') i"
                            "   WHERE json_extract (i.value, '$.item') = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  found = read_rows (store, stmt, 3, _("reading the documents written without a link"), error);
  if (found == NULL)
    return FALSE;
  for (guint i = 0; i + 2 < found->len; i += 3)
    {
      if (!complete_one (store, g_ptr_array_index (found, i), g_ptr_array_index (found, i + 1),
                         g_ptr_array_index (found, i + 2), error))
        return FALSE;
    }
  return TRUE;
}

/**
 * _co_mirror_keep_links_to:
 * @store: the store, in a write transaction, with the mirror applying
 * @item_id: the local id of a vault item about to be purged by the mirror
 * @error: return location for a #GError
 *
 * Keeps the current revisions of the drafts here that link to the item.
 *
 * Returns: %TRUE on success
 */
gboolean
_co_mirror_keep_links_to (CoStore     *store,
                          gint64       item_id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) doc_ids = NULL;

  stmt = _co_store_prepare (store,
                            "SELECT r.doc_id FROM draft_items i JOIN mirror_records r"
                            " ON r.kind = 'draft' AND r.local_id = i.draft_id"
                            " WHERE i.item_id = ? AND r.dirty = 0 AND r.rev IS NOT NULL"
                            " AND NOT EXISTS (SELECT 1 FROM mirror_partial p"
                            "  WHERE p.doc_id = r.doc_id AND p.rev = r.rev)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  doc_ids = read_rows (store, stmt, 1, _("reading the drafts that link to an item"), error);
  if (doc_ids == NULL)
    return FALSE;
  for (guint i = 0; i < doc_ids->len; i++)
    {
      g_autoptr(CoMirrorRecord) record = _co_mirror_record_load (store,
                                                                 g_ptr_array_index (doc_ids, i),
                                                                 error);
      g_autoptr(CoMirrorLeaf) leaf = NULL;

      if (record == NULL)
        return FALSE;
      /* A clean record's revision is what its tables hold now. */
      leaf = _co_mirror_materialize (store, record, "", error);
      if (leaf == NULL || !_co_mirror_keep_partial (store, record->doc_id, leaf, error))
        return FALSE;
    }
  return TRUE;
}
