/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "co-mirror-private.h"

/*
 * What the user does with conflict copies: list them beside the record as
 * it is now, and keep one version.  "Local" is the version made in this
 * library when one of the two was; otherwise the one the record has now.
 */

#define CONFLICT_COLUMNS \
  "c.id, c.doc_id, c.record_id, c.record_type, c.lost_rev, c.copy, c.modified_at, c.modified_by"

/* The record's current body, or NULL when it is gone. */
static JsonNode *
dup_current (CoMirror    *self,
             const char  *record_id,
             gint64      *out_local_id,
             GError     **error)
{
  CoStore *store = co_mirror_get_store (self);
  g_autoptr(CoMirrorRecord) record = _co_mirror_record_load (store, record_id, error);
  g_autoptr(JsonObject) body = NULL;

  *out_local_id = 0;
  if (record == NULL || record->deleted || record->local_id == 0)
    return NULL;
  body = _co_mirror_build_body (store, record, co_mirror_get_device (self), error);
  if (body == NULL)
    return NULL;
  *out_local_id = record->local_id;
  return json_node_init_object (json_node_alloc (), body);
}

static CoMirrorConflict *
conflict_from_row (CoMirror      *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(CoMirrorConflict) conflict = g_new0 (CoMirrorConflict, 1);
  g_autoptr(GError) local_error = NULL;

  conflict->id = sqlite3_column_int64 (stmt, 0);
  conflict->doc_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  conflict->record_id = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  conflict->record_type = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  conflict->lost_rev = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  /* This library wrote the copy from a body it validated. */
  conflict->copy = json_from_string ((const char *)sqlite3_column_text (stmt, 5), NULL);
  g_assert (conflict->copy != NULL);
  conflict->modified_at = sqlite3_column_int64 (stmt, 6);
  conflict->copy_is_local = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 7),
                                       co_mirror_get_device (self)) == 0;
  conflict->current = dup_current (self, conflict->record_id, &conflict->local_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&conflict);
}

/**
 * co_mirror_list_conflicts:
 * @self: a #CoMirror
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type CoMirrorConflict) (nullable):
 *   the conflict copies, oldest first
 */
GPtrArray *
co_mirror_list_conflicts (CoMirror  *self,
                          GError   **error)
{
  CoStore *store;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_MIRROR (self), NULL);

  store = co_mirror_get_store (self);
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT " CONFLICT_COLUMNS " FROM mirror_conflicts c"
                                   " ORDER BY c.id", error);
  if (stmt == NULL)
    return NULL;
  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify)co_mirror_conflict_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoMirrorConflict *conflict = conflict_from_row (self, stmt, error);

      if (conflict == NULL)
        return NULL;
      g_ptr_array_add (conflicts, conflict);
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("listing the conflict copies"));
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

/**
 * co_mirror_get_conflict:
 * @self: a #CoMirror
 * @id: the conflict's id in this library, or its document id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the conflict, or %NULL with
 *   %CO_MIRROR_ERROR_NOT_FOUND
 */
CoMirrorConflict *
co_mirror_get_conflict (CoMirror    *self,
                        const char  *id,
                        GError     **error)
{
  CoStore *store;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *end = NULL;
  gint64 number;
  int rc;

  g_return_val_if_fail (CO_IS_MIRROR (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  store = co_mirror_get_store (self);
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT " CONFLICT_COLUMNS " FROM mirror_conflicts c"
                                   " WHERE c.id = ? OR c.doc_id = ?", error);
  if (stmt == NULL)
    return NULL;
  number = g_ascii_strtoll (id, &end, 10);
  sqlite3_bind_int64 (stmt, 1, end != id && *end == '\0' ? number : -1);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return conflict_from_row (self, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_FOUND,
                 _("No conflict copy has the id “%s”"), id);
  else
    _co_store_set_error (store, error, _("reading a conflict copy"));
  return NULL;
}

/* After a restore created the record's row again, its triggers gave the row
 * a new document: the record keeps its own.  Either way it is sent. */
static gboolean
adopt_row (CoStore         *store,
           CoMirrorRecord  *record,
           GError         **error)
{
  g_autoptr(sqlite3_stmt) drop = NULL;

  drop = _co_store_prepare (store, "DELETE FROM mirror_records WHERE kind = ? AND local_id = ?"
                                   " AND doc_id <> ?", error);
  if (drop == NULL)
    return FALSE;
  sqlite3_bind_text (drop, 1, _co_mirror_kind_to_string (record->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (drop, 2, record->local_id);
  sqlite3_bind_text (drop, 3, record->doc_id, -1, SQLITE_TRANSIENT);
  if (!_co_store_step_done (store, drop, error))
    return FALSE;
  record->dirty = TRUE;
  record->deleted = FALSE;
  record->modified_at = _co_store_now ();
  g_clear_pointer (&record->modified_by, g_free);
  return _co_mirror_record_save (store, record, TRUE, error);
}

/* Writes the copy over its record, as a local edit (the drafts' rules hold). */
static gboolean
restore_copy (CoMirror          *self,
              CoMirrorConflict  *conflict,
              GError           **error)
{
  CoStore *store = co_mirror_get_store (self);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CoMirrorRecord) record = _co_mirror_record_load (store, conflict->record_id,
                                                             &local_error);
  JsonObject *body = json_node_get_object (conflict->copy);
  gboolean trashed = json_object_has_member (body, "trashed_at") &&
                     !json_object_get_null_member (body, "trashed_at");

  if (record == NULL)
    {
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_RESTORE_REFUSED,
                   _("Cannot restore the conflict copy %lld: its record “%s” is not here"),
                   (long long)conflict->id, conflict->record_id);
      return FALSE;
    }
  if (record->deleted)
    record->local_id = 0;
  /* Restoring is a local change: links to items that are gone stay out of
   * the revision it makes. */
  switch (_co_mirror_apply_body (store, record, body, trashed, TRUE, &local_error))
    {
    case CO_MIRROR_APPLY_OK:
    case CO_MIRROR_APPLY_PARTIAL:
      return adopt_row (store, record, error);
    default:
      break;
    }
  g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_RESTORE_REFUSED,
               _("Cannot restore the conflict copy %lld over “%s”: %s"),
               (long long)conflict->id, conflict->record_id,
               local_error != NULL ? local_error->message : _("a record it refers to is missing"));
  return FALSE;
}

/* The copy goes, here and (as a deletion) everywhere. */
static gboolean
drop_copy (CoStore           *store,
           CoMirrorConflict  *conflict,
           GError           **error)
{
  g_autoptr(CoMirrorRecord) record = _co_mirror_record_load (store, conflict->doc_id, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store, "DELETE FROM mirror_conflicts WHERE id = ?", error);
  if (record == NULL || stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conflict->id);
  if (!_co_store_step_done (store, stmt, error))
    return FALSE;
  record->local_id = 0;
  record->deleted = TRUE;
  record->dirty = TRUE;
  record->modified_at = _co_store_now ();
  g_clear_pointer (&record->modified_by, g_free);
  return _co_mirror_record_save (store, record, TRUE, error);
}

typedef struct
{
  CoMirror         *self;
  CoMirrorConflict *conflict;
  gboolean          restore;
} Resolve;

static gboolean
resolve_tx (CoStore   *store,
            gpointer   data,
            GError   **error)
{
  Resolve *resolve = data;

  return (!resolve->restore || restore_copy (resolve->self, resolve->conflict, error)) &&
         drop_copy (store, resolve->conflict, error);
}

/**
 * co_mirror_resolve:
 * @self: a #CoMirror
 * @id: the conflict's id in this library, or its document id
 * @keep: which version to keep
 * @error: return location for a #GError
 *
 * Keeps one version of a record both sides changed: when that is the
 * conflict copy, it is restored over the record (and sent, like any local
 * change); the copy is then deleted, here and on the server.
 *
 * Returns: %TRUE on success; %CO_MIRROR_ERROR_NOT_FOUND for an unknown id,
 *   %CO_MIRROR_ERROR_RESTORE_REFUSED when the record cannot take the copy
 *   (nothing is changed then)
 */
gboolean
co_mirror_resolve (CoMirror      *self,
                   const char    *id,
                   CoMirrorKeep   keep,
                   GError       **error)
{
  g_autoptr(CoMirrorConflict) conflict = NULL;
  Resolve resolve = { self, NULL, FALSE };

  g_return_val_if_fail (CO_IS_MIRROR (self), FALSE);

  conflict = co_mirror_get_conflict (self, id, error);
  if (conflict == NULL)
    return FALSE;
  resolve.conflict = conflict;
  resolve.restore = (keep == CO_MIRROR_KEEP_LOCAL) == conflict->copy_is_local;
  return _co_store_write (co_mirror_get_store (self), resolve_tx, &resolve, error);
}

/**
 * co_mirror_dup_record_id:
 * @self: a #CoMirror
 * @kind: "vault_item", "draft" or "schedule"
 * @local_id: the row's id in its table
 *
 * Returns: (transfer full) (nullable): the record's document id
 */
char *
co_mirror_dup_record_id (CoMirror   *self,
                         const char *kind,
                         gint64      local_id)
{
  CoStore *store;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_MIRROR (self), NULL);

  store = co_mirror_get_store (self);
  locker = _co_store_lock (store);
  /* Prepare failures are logged by the store and read as "no record". */
  stmt = _co_store_prepare (store, "SELECT doc_id FROM mirror_records WHERE kind = ?"
                                   " AND local_id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, local_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? g_strdup ((const char *)sqlite3_column_text (stmt, 0))
                                           : NULL;
}
