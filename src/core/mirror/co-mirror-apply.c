/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-mirror-json.h"
#include "co-assets-private.h"
#include "co-mirror-private.h"
#include "co-vault-private.h"

/*
 * A validated body written into the local tables: the dispatcher, the
 * helpers the types share, and vault items.  While the mirror writes what it
 * received, mirror_applying holds a row: the triggers then neither mark the
 * record changed nor apply the drafts' rules of local edits.
 */

/**
 * _co_mirror_set_applying:
 * @store: the store, in a write transaction
 * @applying: whether the mirror is writing received records
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_co_mirror_set_applying (CoStore   *store,
                         gboolean   applying,
                         GError   **error)
{
  return _co_store_exec (store,
                         applying ? "INSERT INTO mirror_applying (applying) VALUES (1)"
                                  : "DELETE FROM mirror_applying",
                         error);
}

/**
 * _co_mirror_local_id:
 * @store: the store
 * @kind: the kind of record
 * @doc_id: its document id
 *
 * Returns: the record's row id in its table, or 0 when it is not here
 */
gint64
_co_mirror_local_id (CoStore      *store,
                     CoMirrorKind  kind,
                     const char   *doc_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Prepare failures are logged by the store and read as "not here". */
  stmt = _co_store_prepare (store, "SELECT local_id FROM mirror_records"
                                   " WHERE doc_id = ? AND kind = ? AND local_id IS NOT NULL", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, _co_mirror_kind_to_string (kind), -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* Binds a member of @body by its JSON type (validated before). */
static void
bind_member (sqlite3_stmt *stmt,
             int           index,
             JsonObject   *body,
             const char   *name)
{
  JsonNode *node = json_object_get_member (body, name);
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                            : G_TYPE_INVALID;

  if (type == G_TYPE_STRING)
    sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
  else if (type == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    sqlite3_bind_double (stmt, index, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, index, json_node_get_boolean (node));
  else
    sqlite3_bind_null (stmt, index);
}

/**
 * _co_mirror_bind_members:
 * @stmt: a statement
 * @first: the index of the first parameter to bind
 * @body: a validated body
 * @names: (array zero-terminated=1): members to bind, in order
 */
void
_co_mirror_bind_members (sqlite3_stmt       *stmt,
                         int                 first,
                         JsonObject         *body,
                         const char * const *names)
{
  for (int i = 0; names[i] != NULL; i++)
    bind_member (stmt, first + i, body, names[i]);
}

/**
 * _co_mirror_step_id:
 * @store: the store
 * @stmt: an INSERT or upsert of one row, or a SELECT of one id
 * @error: return location for a #GError
 *
 * Returns: the row id it wrote (or read), or 0 with @error set
 */
gint64
_co_mirror_step_id (CoStore       *store,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);
  gint64 id;

  if (rc != SQLITE_ROW)
    {
      _co_store_set_error (store, error, _("writing a record from the server"));
      return 0;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
attach_tags (CoStore     *store,
             gint64       id,
             JsonArray   *tags,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) add_tag = NULL;
  g_autoptr(sqlite3_stmt) link = NULL;

  clear = _co_store_prepare (store, "DELETE FROM item_tags WHERE item_id = ?", error);
  add_tag = _co_store_prepare (store, "INSERT INTO tags (name) VALUES (?)"
                                      " ON CONFLICT (name) DO NOTHING", error);
  link = _co_store_prepare (store, "INSERT INTO item_tags (item_id, tag_id)"
                                   " SELECT ?, id FROM tags WHERE name = ? ON CONFLICT DO NOTHING",
                            error);
  if (clear == NULL || add_tag == NULL || link == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, id);
  if (!_co_store_step_done (store, clear, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      const char *tag = json_array_get_string_element (tags, i);

      sqlite3_bind_text (add_tag, 1, tag, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (link, 1, id);
      sqlite3_bind_text (link, 2, tag, -1, SQLITE_TRANSIENT);
      if (!_co_store_step_done (store, add_tag, error) || !_co_store_step_done (store, link, error))
        return FALSE;
      _co_stmt_release (add_tag);
      _co_stmt_release (link);
    }
  return TRUE;
}

/* The item's stored file has an asset row even before the file itself is
 * here (the media mirror fetches it); the item's row refers to it, so it is
 * made first. */
static gboolean
register_file (CoStore     *store,
               JsonObject  *body,
               GError     **error)
{
  const char *sha256 = co_mirror_json_string (body, "sha256");

  return sha256 == NULL ||
         _co_assets_register (store, sha256, json_object_get_int_member (body, "size"),
                              co_mirror_json_string (body, "mime"), error);
}

/* Then the item's reference to it. */
static gboolean
refer_to_file (CoStore     *store,
               gint64       id,
               JsonObject  *body,
               GError     **error)
{
  const char *sha256 = co_mirror_json_string (body, "sha256");

  if (!co_assets_remove_refs_of (store, "vault", id, error))
    return FALSE;
  return sha256 == NULL || co_assets_add_ref (store, sha256, "vault", id, error);
}

static gint64
upsert_item (CoStore     *store,
             gint64       id,
             JsonObject  *body,
             GError     **error)
{
  static const char *const names[] = {
    "item_type", "title", "body", "notes", "mime", "size", "sha256", "width", "height",
    "duration", "codecs", "source_url", "original_name", "created_at", "imported_at",
    "trashed_at", "excluded", NULL,
  };
  const char *phash = co_mirror_json_string (body, "phash");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store,
                            "INSERT INTO vault_items (id, type, title, body, notes, mime, size,"
                            " sha256, width, height, duration, codecs, source_url, original_name,"
                            " created_at, imported_at, trashed_at, excluded, phash)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            " ON CONFLICT (id) DO UPDATE SET type = excluded.type,"
                            "  title = excluded.title, body = excluded.body,"
                            "  notes = excluded.notes, mime = excluded.mime, size = excluded.size,"
                            "  sha256 = excluded.sha256, width = excluded.width,"
                            "  height = excluded.height, duration = excluded.duration,"
                            "  codecs = excluded.codecs, source_url = excluded.source_url,"
                            "  original_name = excluded.original_name,"
                            "  created_at = excluded.created_at,"
                            "  imported_at = excluded.imported_at,"
                            "  trashed_at = excluded.trashed_at, excluded = excluded.excluded,"
                            "  phash = excluded.phash"
                            " RETURNING id", error);
  if (stmt == NULL)
    return 0;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  _co_mirror_bind_members (stmt, 2, body, names);
  if (phash != NULL)
    sqlite3_bind_int64 (stmt, 19, (gint64)g_ascii_strtoull (phash, NULL, 16));
  return _co_mirror_step_id (store, stmt, error);
}

/**
 * _co_mirror_apply_vault_item:
 * @store: the store, in a write transaction
 * @record: the item's record; its local id is set when the item is created
 *   or purged
 * @body: a validated body
 * @deleted: whether the revision is a deletion (the trash, or a purge)
 * @error: return location for a #GError
 *
 * Returns: %CO_MIRROR_APPLY_OK, or %CO_MIRROR_APPLY_FAILED with @error set
 */
CoMirrorApply
_co_mirror_apply_vault_item (CoStore         *store,
                             CoMirrorRecord  *record,
                             JsonObject      *body,
                             gboolean         deleted,
                             GError         **error)
{
  gint64 id;

  if (deleted && co_mirror_json_true (body, "purged"))
    {
      if (record->local_id != 0 &&
          (!_co_mirror_keep_links_to (store, record->local_id, error) ||
           !_co_vault_delete_item (store, record->local_id, error)))
        return CO_MIRROR_APPLY_FAILED;
      record->local_id = 0;
      return CO_MIRROR_APPLY_OK;
    }
  if (!register_file (store, body, error))
    return CO_MIRROR_APPLY_FAILED;
  id = upsert_item (store, record->local_id, body, error);
  if (id == 0 ||
      !refer_to_file (store, id, body, error) ||
      !attach_tags (store, id, co_mirror_json_array (body, "tags"), error) ||
      !_co_vault_reindex_item (store, id, error))
    return CO_MIRROR_APPLY_FAILED;
  record->local_id = id;
  return CO_MIRROR_APPLY_OK;
}

/**
 * _co_mirror_apply_body:
 * @store: the store, in a write transaction
 * @record: the record; its local id follows the row
 * @body: a validated body of the record's kind
 * @deleted: whether the revision is a deletion
 * @lenient: write what can be written even when a record it refers to is
 *   missing (at the end of a pull, when nothing more will come)
 * @error: return location for a #GError
 *
 * Returns: whether the body was written, must wait for a record it refers
 *   to, or failed (with @error set)
 */
CoMirrorApply
_co_mirror_apply_body (CoStore         *store,
                       CoMirrorRecord  *record,
                       JsonObject      *body,
                       gboolean         deleted,
                       gboolean         lenient,
                       GError         **error)
{
  switch (record->kind)
    {
    case CO_MIRROR_KIND_VAULT_ITEM:
      return _co_mirror_apply_vault_item (store, record, body, deleted, error);
    case CO_MIRROR_KIND_DRAFT:
      return _co_mirror_apply_draft (store, record, body, deleted, lenient, error);
    case CO_MIRROR_KIND_SCHEDULE:
      return _co_mirror_apply_schedule (store, record, body, deleted, lenient, error);
    case CO_MIRROR_KIND_CONFLICT:
      return _co_mirror_apply_conflict (store, record, body, deleted, error);
    default:
      g_assert_not_reached ();
    }
}
