/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-mirror-json.h"
#include "co-mirror-private.h"

/*
 * A record's local state as the body of its document (README.md describes
 * each type).  Members come in a fixed order and lists in a fixed order, so
 * the same state always gives the same text, and so the same revision.
 */

typedef gboolean (*RowFunc) (sqlite3_stmt *stmt,
                             JsonObject   *into,
                             gpointer      data);

JsonObject *
_co_mirror_body_new (CoMirrorKind  kind,
                     gint64        modified_at,
                     const char   *modified_by)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "type", _co_mirror_kind_to_string (kind));
  json_object_set_int_member (body, "schema", CO_MIRROR_SCHEMA);
  json_object_set_int_member (body, "modified_at", modified_at);
  json_object_set_string_member (body, "modified_by", modified_by);
  return body;
}

/* Sets @name from column @column as SQLite typed it. */
static void
set_column (JsonObject   *object,
            const char   *name,
            sqlite3_stmt *stmt,
            int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      json_object_set_null_member (object, name);
      break;
    case SQLITE_INTEGER:
      json_object_set_int_member (object, name, sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      json_object_set_double_member (object, name, sqlite3_column_double (stmt, column));
      break;
    default:
      json_object_set_string_member (object, name,
                                     (const char *)sqlite3_column_text (stmt, column));
      break;
    }
}

/* Sets the columns of the current row under @names, in order. */
static void
set_columns (JsonObject         *object,
             sqlite3_stmt       *stmt,
             const char * const *names)
{
  for (int i = 0; names[i] != NULL; i++)
    set_column (object, names[i], stmt, i);
}

/* Runs @sql with @id bound and calls @func on each row; %FALSE on errors. */
static gboolean
for_rows (CoStore     *store,
          const char  *sql,
          gint64       id,
          RowFunc      func,
          JsonObject  *into,
          gpointer     data,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!func (stmt, into, data))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("reading a record to mirror"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_row_object_cb (sqlite3_stmt *stmt,
                   JsonObject   *into,
                   gpointer      data)
{
  const char * const *names = data;
  JsonArray *array = co_mirror_json_array (into, names[0]);
  JsonObject *row = json_object_new ();

  set_columns (row, stmt, names + 1);
  json_array_add_object_element (array, row);
  return TRUE;
}

/* Adds the member names[0], an array of one object per row of @sql, with the
 * columns under names[1…]. */
static gboolean
add_list (CoStore            *store,
          JsonObject         *body,
          const char         *sql,
          gint64              id,
          const char * const *names,
          GError            **error)
{
  json_object_set_array_member (body, names[0], json_array_new ());
  return for_rows (store, sql, id, add_row_object_cb, body, (gpointer)names, error);
}

static gboolean
set_row_cb (sqlite3_stmt *stmt,
            JsonObject   *into,
            gpointer      data)
{
  gboolean *found = ((gpointer *)data)[1];

  set_columns (into, stmt, ((gpointer *)data)[0]);
  *found = TRUE;
  return TRUE;
}

/* Sets the columns of the one row of @sql; %FALSE with no error when there
 * is none. */
static gboolean
add_row (CoStore            *store,
         JsonObject         *body,
         const char         *sql,
         gint64              id,
         const char * const *names,
         GError            **error)
{
  gboolean found = FALSE;
  gpointer data[] = { (gpointer)names, &found };

  return for_rows (store, sql, id, set_row_cb, body, data, error) && found;
}

static gboolean
add_tag_cb (sqlite3_stmt *stmt,
            JsonObject   *into,
            gpointer      data)
{
  json_array_add_string_element (co_mirror_json_array (into, "tags"),
                                 (const char *)sqlite3_column_text (stmt, 0));
  return TRUE;
}

static gboolean
build_vault_item (CoStore     *store,
                  gint64       id,
                  JsonObject  *body,
                  GError     **error)
{
  static const char *const names[] = {
    "item_type", "title", "body", "notes", "mime", "size", "sha256", "width", "height",
    "duration", "codecs", "source_url", "original_name", "created_at", "imported_at",
    "trashed_at", "excluded", "phash", NULL,
  };

  if (!add_row (store, body,
                "SELECT type, title, body, notes, mime, size, sha256, width, height, duration,"
                " codecs, source_url, original_name, created_at, imported_at, trashed_at,"
                " excluded <> 0, CASE WHEN phash IS NULL THEN NULL"
                "  ELSE printf ('%016x', phash) END"
                " FROM vault_items WHERE id = ?", id, names, error))
    return FALSE;
  json_object_set_boolean_member (body, "excluded",
                                  json_object_get_int_member (body, "excluded") != 0);
  json_object_set_array_member (body, "tags", json_array_new ());
  return for_rows (store, "SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id"
                          " WHERE it.item_id = ? ORDER BY t.name",
                   id, add_tag_cb, body, NULL, error);
}

static gboolean
build_draft (CoStore     *store,
             gint64       id,
             JsonObject  *body,
             GError     **error)
{
  static const char *const names[] = {
    "stage", "title", "body", "origin", "created_at", "updated_at", "stage_changed_at", NULL,
  };
  static const char *const variants[] = {
    "variants", "platform", "title", "body", "post_id", "post_url", "published_at", NULL,
  };
  static const char *const items[] = { "items", "item", "position", "created_at", NULL };
  static const char *const files[] = { "files", "sha256", "size", "mime", NULL };
  static const char *const history[] = { "history", "from", "to", "actor", "at", NULL };

  return add_row (store, body,
                  "SELECT d.stage, d.title, d.body, m.doc_id, d.created_at, d.updated_at,"
                  " d.stage_changed_at FROM drafts d LEFT JOIN mirror_records m"
                  " ON m.kind = 'draft' AND m.local_id = d.origin_id WHERE d.id = ?",
                  id, names, error) &&
         add_list (store, body,
                   "SELECT platform, title, body, post_id, post_url, published_at"
                   " FROM draft_variants WHERE draft_id = ? ORDER BY platform", id, variants,
                   error) &&
         add_list (store, body,
                   "SELECT m.doc_id, di.position, di.created_at FROM draft_items di"
                   " JOIN mirror_records m ON m.kind = 'vault_item' AND m.local_id = di.item_id"
                   " WHERE di.draft_id = ? ORDER BY di.position, m.doc_id", id, items, error) &&
         add_list (store, body,
                   "SELECT a.sha256, a.size, a.mime FROM asset_refs r JOIN assets a"
                   " ON a.sha256 = r.sha256 WHERE r.owner_kind = 'draft' AND r.owner_id = ?"
                   " ORDER BY a.sha256", id, files, error) &&
         add_list (store, body,
                   "SELECT from_stage, to_stage, actor, at FROM draft_stage_history"
                   " WHERE draft_id = ? ORDER BY id", id, history, error);
}

static gboolean
build_schedule (CoStore     *store,
                gint64       id,
                JsonObject  *body,
                GError     **error)
{
  static const char *const names[] = {
    "draft", "platform", "at", "zone", "created_at", "updated_at", NULL,
  };

  return add_row (store, body,
                  "SELECT m.doc_id, s.platform, s.at, s.zone, s.created_at, s.updated_at"
                  " FROM schedule_entries s JOIN mirror_records m"
                  " ON m.kind = 'draft' AND m.local_id = s.draft_id WHERE s.id = ?",
                  id, names, error);
}

static gboolean
build_conflict (CoStore     *store,
                gint64       id,
                JsonObject  *body,
                GError     **error)
{
  static const char *const names[] = { "record", "record_type", "lost_rev", "copy", NULL };
  g_autoptr(JsonNode) copy = NULL;

  if (!add_row (store, body,
                "SELECT record_id, record_type, lost_rev, copy FROM mirror_conflicts WHERE id = ?",
                id, names, error))
    return FALSE;
  /* The copy is kept as the text of a body this library validated. */
  copy = json_from_string (json_object_get_string_member (body, "copy"), NULL);
  g_assert (copy != NULL && JSON_NODE_HOLDS_OBJECT (copy));
  json_object_set_member (body, "copy", g_steal_pointer (&copy));
  return TRUE;
}

/**
 * _co_mirror_build_body:
 * @store: the store
 * @record: a record
 * @device: this library's device id, for a change made here
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the body of the record's document as
 *   the local tables hold it; for a record that is gone, a tombstone's body
 */
JsonObject *
_co_mirror_build_body (CoStore         *store,
                       CoMirrorRecord  *record,
                       const char      *device,
                       GError         **error)
{
  g_autoptr(JsonObject) body = _co_mirror_body_new (record->kind, record->modified_at,
                                                    record->modified_by ? record->modified_by
                                                                        : device);
  g_autoptr(GError) local_error = NULL;
  gboolean found = FALSE;

  if (record->deleted || record->local_id == 0)
    {
      json_object_set_boolean_member (body, "purged", TRUE);
      return g_steal_pointer (&body);
    }
  switch (record->kind)
    {
    case CO_MIRROR_KIND_VAULT_ITEM:
      found = build_vault_item (store, record->local_id, body, &local_error);
      break;
    case CO_MIRROR_KIND_DRAFT:
      found = build_draft (store, record->local_id, body, &local_error);
      break;
    case CO_MIRROR_KIND_SCHEDULE:
      found = build_schedule (store, record->local_id, body, &local_error);
      break;
    case CO_MIRROR_KIND_CONFLICT:
      found = build_conflict (store, record->local_id, body, &local_error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* A row the trigger did not see go (deleted before migration 13). */
  if (!found)
    {
      g_clear_pointer (&body, json_object_unref);
      body = _co_mirror_body_new (record->kind, record->modified_at,
                                  record->modified_by ? record->modified_by : device);
      json_object_set_boolean_member (body, "purged", TRUE);
    }
  return g_steal_pointer (&body);
}

static gboolean
body_is_deleted (CoMirrorRecord *record,
                 JsonObject     *body)
{
  if (co_mirror_json_true (body, "purged"))
    return TRUE;
  /* An item in the trash is a deletion that keeps its body: CouchDB's own
   * views leave it out, and a restore is the revision after it. */
  return record->kind == CO_MIRROR_KIND_VAULT_ITEM &&
         !json_object_get_null_member (body, "trashed_at");
}

/**
 * _co_mirror_materialize:
 * @store: the store, in a write transaction
 * @record: a record; updated and saved when it had local changes
 * @device: this library's device id
 * @error: return location for a #GError
 *
 * Gives the local changes of a dirty record their revision, after the one it
 * was at; a clean record's state is its current revision.
 *
 * Returns: (transfer full) (nullable): the record's current revision
 */
CoMirrorLeaf *
_co_mirror_materialize (CoStore         *store,
                        CoMirrorRecord  *record,
                        const char      *device,
                        GError         **error)
{
  g_autoptr(JsonObject) body = _co_mirror_build_body (store, record, device, error);
  gboolean deleted;

  if (body == NULL)
    return NULL;
  deleted = body_is_deleted (record, body);
  if (record->dirty || record->rev == NULL)
    {
      g_autofree char *rev = _co_mirror_rev_next (record->rev, deleted, body);
      char **ancestry = _co_mirror_ancestry_extend (rev, record->ancestry);

      g_free (record->rev);
      record->rev = g_steal_pointer (&rev);
      g_strfreev (record->ancestry);
      record->ancestry = ancestry;
      record->dirty = FALSE;
      if (!_co_mirror_record_save (store, record, FALSE, error))
        return NULL;
    }
  return _co_mirror_leaf_new (record->rev, record->ancestry, deleted, body);
}
