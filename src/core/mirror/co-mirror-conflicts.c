/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "co-mirror-json.h"
#include "co-mirror-private.h"

/*
 * Conflict copies: the losing version of a record both sides changed.  A
 * copy is a record of its own (type "conflict"), named after the record and
 * the losing revision, so that every library that resolves the same conflict
 * makes the same document and all of them show it.  Resolving it keeps one
 * version: the copy is restored over the record (a local change, sent like
 * any other) or dismissed; either way the copy is deleted everywhere.
 */

void
co_mirror_conflict_free (CoMirrorConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->doc_id);
  g_free (conflict->record_id);
  g_free (conflict->record_type);
  g_free (conflict->lost_rev);
  g_clear_pointer (&conflict->copy, json_node_unref);
  g_clear_pointer (&conflict->current, json_node_unref);
  g_free (conflict);
}

/**
 * co_mirror_conflict_to_json:
 * @conflict: a conflict
 *
 * Returns: (transfer full): the conflict as the command line prints it
 */
JsonNode *
co_mirror_conflict_to_json (CoMirrorConflict *conflict)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "id", conflict->id);
  json_object_set_string_member (object, "doc_id", conflict->doc_id);
  json_object_set_string_member (object, "record", conflict->record_id);
  json_object_set_string_member (object, "record_type", conflict->record_type);
  if (conflict->local_id != 0)
    json_object_set_int_member (object, "local_id", conflict->local_id);
  else
    json_object_set_null_member (object, "local_id");
  json_object_set_string_member (object, "lost_rev", conflict->lost_rev);
  json_object_set_int_member (object, "modified_at", conflict->modified_at);
  json_object_set_string_member (object, "copy_from", conflict->copy_is_local ? "local" : "remote");
  json_object_set_member (object, "copy", json_node_copy (conflict->copy));
  json_object_set_member (object, "current", conflict->current != NULL
                                             ? json_node_copy (conflict->current)
                                             : json_node_new (JSON_NODE_NULL));
  json_node_take_object (node, object);
  return node;
}

/**
 * _co_mirror_add_conflict_copy:
 * @self: a #CoMirror, in a write transaction
 * @record: the record both sides changed
 * @loser: the version that lost
 * @error: return location for a #GError
 *
 * Keeps @loser as a conflict copy, unless this library already has (or had)
 * that copy.
 *
 * Returns: %TRUE on success
 */
gboolean
_co_mirror_add_conflict_copy (CoMirror      *self,
                              CoMirrorRecord *record,
                              CoMirrorLeaf  *loser,
                              GError       **error)
{
  CoStore *store = co_mirror_get_store (self);
  g_autofree char *hash = _co_mirror_hash_text (record->doc_id, loser->rev, NULL);
  g_autofree char *doc_id = g_strconcat ("conflict:", hash, NULL);
  g_autoptr(JsonNode) copy = json_node_init_object (json_node_alloc (), loser->body);
  g_autofree char *text = json_to_string (copy, FALSE);
  g_autoptr(CoMirrorRecord) existing = _co_mirror_record_load (store, doc_id, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CoMirrorRecord conflict = { 0 };

  if (existing != NULL)
    return TRUE;
  if (error != NULL && *error != NULL)
    return FALSE;
  stmt = _co_store_prepare (store,
                            "INSERT INTO mirror_conflicts (doc_id, record_id, record_type,"
                            " lost_rev, copy, modified_at, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
                            " RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  conflict.modified_at = co_mirror_json_int (loser->body, "modified_at", 0);
  conflict.modified_by = (char *)co_mirror_json_string (loser->body, "modified_by");
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record->doc_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, _co_mirror_kind_to_string (record->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, loser->rev, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, conflict.modified_at);
  sqlite3_bind_text (stmt, 7, conflict.modified_by, -1, SQLITE_TRANSIENT);
  conflict.local_id = _co_mirror_step_id (store, stmt, error);
  if (conflict.local_id == 0)
    return FALSE;
  conflict.doc_id = doc_id;
  conflict.kind = CO_MIRROR_KIND_CONFLICT;
  conflict.dirty = TRUE;
  return _co_mirror_record_save (store, &conflict, TRUE, error);
}

/**
 * _co_mirror_apply_conflict:
 * @store: the store, in a write transaction
 * @record: the conflict copy's record; its local id follows the row
 * @body: a validated body
 * @deleted: whether the copy was resolved
 * @error: return location for a #GError
 *
 * Returns: %CO_MIRROR_APPLY_OK, or %CO_MIRROR_APPLY_FAILED with @error set
 */
CoMirrorApply
_co_mirror_apply_conflict (CoStore         *store,
                           CoMirrorRecord  *record,
                           JsonObject      *body,
                           gboolean         deleted,
                           GError         **error)
{
  static const char *const names[] = {
    "record", "record_type", "lost_rev", "modified_at", "modified_by", NULL,
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *text = NULL;

  if (deleted)
    {
      stmt = _co_store_prepare (store, "DELETE FROM mirror_conflicts WHERE doc_id = ?", error);
      if (stmt == NULL)
        return CO_MIRROR_APPLY_FAILED;
      sqlite3_bind_text (stmt, 1, record->doc_id, -1, SQLITE_TRANSIENT);
      record->local_id = 0;
      return _co_store_step_done (store, stmt, error) ? CO_MIRROR_APPLY_OK : CO_MIRROR_APPLY_FAILED;
    }
  copy = json_node_init_object (json_node_alloc (), co_mirror_json_object (body, "copy"));
  text = json_to_string (copy, FALSE);
  stmt = _co_store_prepare (store,
                            "INSERT INTO mirror_conflicts (doc_id, copy, record_id, record_type,"
                            " lost_rev, modified_at, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
                            " ON CONFLICT (doc_id) DO UPDATE SET copy = excluded.copy,"
                            "  record_id = excluded.record_id, record_type = excluded.record_type,"
                            "  lost_rev = excluded.lost_rev, modified_at = excluded.modified_at,"
                            "  modified_by = excluded.modified_by RETURNING id", error);
  if (stmt == NULL)
    return CO_MIRROR_APPLY_FAILED;
  sqlite3_bind_text (stmt, 1, record->doc_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  _co_mirror_bind_members (stmt, 3, body, names);
  record->local_id = _co_mirror_step_id (store, stmt, error);
  return record->local_id != 0 ? CO_MIRROR_APPLY_OK : CO_MIRROR_APPLY_FAILED;
}
