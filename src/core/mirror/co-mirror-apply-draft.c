/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-mirror-json.h"
#include "co-assets-private.h"
#include "co-mirror-private.h"

/*
 * Drafts and schedule entries received, written into their tables.  A draft
 * refers to vault items and a schedule entry to its draft's variant: when
 * one of those has not arrived yet, the document waits (mirror_pending) and
 * is written when it comes, or, at the end of the pull, without the missing
 * link; then the revision still waits, and is written again in full if the
 * record comes later (a purged item brought back by an edit that won over
 * the purge).  A draft's origin is only a hint and never makes it wait.
 */

/* Runs @sql once for each element of the array @name, with the draft id as
 * parameter 1 and the element's members @names after it. */
static gboolean
insert_each (CoStore            *store,
             gint64              id,
             JsonObject         *body,
             const char         *name,
             const char         *sql,
             const char * const *names,
             GError            **error)
{
  JsonArray *array = co_mirror_json_array (body, name);
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      _co_mirror_bind_members (stmt, 2, co_mirror_json_element (array, i), names);
      if (!_co_store_step_done (store, stmt, error))
        return FALSE;
      _co_stmt_release (stmt);
    }
  return TRUE;
}

static gboolean
run_with_id (CoStore     *store,
             const char  *sql,
             gint64       id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _co_store_step_done (store, stmt, error);
}

/* The local ids of the linked items, in order; FALSE when one is missing. */
static gboolean
resolve_items (CoStore     *store,
               JsonObject  *body,
               GArray      *ids)
{
  JsonArray *items = co_mirror_json_array (body, "items");
  gboolean all = TRUE;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *link = co_mirror_json_element (items, i);
      gint64 id = _co_mirror_local_id (store, CO_MIRROR_KIND_VAULT_ITEM,
                                       json_object_get_string_member (link, "item"));

      g_array_append_val (ids, id);
      all = all && id != 0;
    }
  return all;
}

static gint64
upsert_draft (CoStore     *store,
              gint64       id,
              JsonObject  *body,
              GError     **error)
{
  static const char *const names[] = {
    "stage", "title", "body", "created_at", "updated_at", "stage_changed_at", NULL,
  };
  const char *origin = co_mirror_json_string (body, "origin");
  gint64 origin_id = origin != NULL ? _co_mirror_local_id (store, CO_MIRROR_KIND_DRAFT, origin) : 0;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store,
                            "INSERT INTO drafts (id, origin_id, stage, title, body, created_at,"
                            " updated_at, stage_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            " ON CONFLICT (id) DO UPDATE SET origin_id = excluded.origin_id,"
                            "  stage = excluded.stage, title = excluded.title,"
                            "  body = excluded.body, created_at = excluded.created_at,"
                            "  updated_at = excluded.updated_at,"
                            "  stage_changed_at = excluded.stage_changed_at"
                            " RETURNING id", error);
  if (stmt == NULL)
    return 0;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  if (origin_id != 0 && origin_id != id)
    sqlite3_bind_int64 (stmt, 2, origin_id);
  _co_mirror_bind_members (stmt, 3, body, names);
  return _co_mirror_step_id (store, stmt, error);
}

/* Variants are updated in place: deleting one would take its schedule entry
 * (a record of its own) with it. */
static gboolean
write_variants (CoStore     *store,
                gint64       id,
                JsonObject  *body,
                GError     **error)
{
  static const char *const names[] = {
    "platform", "title", "body", "post_id", "post_url", "published_at", NULL,
  };
  JsonArray *variants = co_mirror_json_array (body, "variants");
  g_autoptr(JsonArray) platforms = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autofree char *kept = NULL;

  for (guint i = 0; i < json_array_get_length (variants); i++)
    json_array_add_string_element (platforms, json_object_get_string_member (
                                     co_mirror_json_element (variants, i), "platform"));
  json_node_set_array (node, platforms);
  kept = json_to_string (node, FALSE);
  drop = _co_store_prepare (store, "DELETE FROM draft_variants WHERE draft_id = ?"
                                   " AND platform NOT IN (SELECT value FROM json_each (?))", error);
  if (drop == NULL)
    return FALSE;
  sqlite3_bind_int64 (drop, 1, id);
  sqlite3_bind_text (drop, 2, kept, -1, SQLITE_TRANSIENT);
  return _co_store_step_done (store, drop, error) &&
         insert_each (store, id, body, "variants",
                      "INSERT INTO draft_variants (draft_id, platform, title, body, post_id,"
                      " post_url, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                      " ON CONFLICT (draft_id, platform) DO UPDATE SET title = excluded.title,"
                      "  body = excluded.body, post_id = excluded.post_id,"
                      "  post_url = excluded.post_url, published_at = excluded.published_at",
                      names, error);
}

static gboolean
write_items (CoStore     *store,
             gint64       id,
             JsonObject  *body,
             GArray      *item_ids,
             GError     **error)
{
  JsonArray *items = co_mirror_json_array (body, "items");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!run_with_id (store, "DELETE FROM draft_items WHERE draft_id = ?", id, error))
    return FALSE;
  stmt = _co_store_prepare (store, "INSERT INTO draft_items (draft_id, item_id, position,"
                                   " created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *link = co_mirror_json_element (items, i);

      /* Lenient: a link to an item that never came is left out. */
      if (g_array_index (item_ids, gint64, i) == 0)
        continue;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (item_ids, gint64, i));
      sqlite3_bind_int64 (stmt, 3, json_object_get_int_member (link, "position"));
      sqlite3_bind_int64 (stmt, 4, json_object_get_int_member (link, "created_at"));
      if (!_co_store_step_done (store, stmt, error))
        return FALSE;
      _co_stmt_release (stmt);
    }
  return TRUE;
}

static gboolean
write_files (CoStore     *store,
             gint64       id,
             JsonObject  *body,
             GError     **error)
{
  JsonArray *files = co_mirror_json_array (body, "files");

  if (!co_assets_remove_refs_of (store, "draft", id, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = co_mirror_json_element (files, i);
      const char *sha256 = json_object_get_string_member (file, "sha256");

      if (!_co_assets_register (store, sha256, json_object_get_int_member (file, "size"),
                                json_object_get_string_member (file, "mime"), error) ||
          !co_assets_add_ref (store, sha256, "draft", id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_history (CoStore     *store,
               gint64       id,
               JsonObject  *body,
               GError     **error)
{
  static const char *const names[] = { "from", "to", "actor", "at", NULL };

  return run_with_id (store, "DELETE FROM draft_stage_history WHERE draft_id = ?", id, error) &&
         insert_each (store, id, body, "history",
                      "INSERT INTO draft_stage_history (draft_id, from_stage, to_stage, actor, at)"
                      " VALUES (?, ?, ?, ?, ?)", names, error);
}

static gboolean
delete_draft (CoStore         *store,
              CoMirrorRecord  *record,
              GError         **error)
{
  if (record->local_id != 0 &&
      (!co_assets_remove_refs_of (store, "draft", record->local_id, error) ||
       !run_with_id (store, "DELETE FROM drafts WHERE id = ?", record->local_id, error)))
    return FALSE;
  record->local_id = 0;
  return TRUE;
}

/**
 * _co_mirror_apply_draft:
 * @store: the store, in a write transaction
 * @record: the draft's record; its local id follows the row
 * @body: a validated body
 * @deleted: whether the revision deletes the draft
 * @lenient: leave out links to vault items that are not here
 * @error: return location for a #GError
 *
 * Returns: whether the draft was written, must wait for a vault item, was
 *   written without the links to items that are not here (@lenient), or
 *   failed (with @error set)
 */
CoMirrorApply
_co_mirror_apply_draft (CoStore         *store,
                        CoMirrorRecord  *record,
                        JsonObject      *body,
                        gboolean         deleted,
                        gboolean         lenient,
                        GError         **error)
{
  g_autoptr(GArray) item_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gboolean complete;
  gint64 id;

  if (deleted)
    return delete_draft (store, record, error) ? CO_MIRROR_APPLY_OK : CO_MIRROR_APPLY_FAILED;
  complete = resolve_items (store, body, item_ids);
  if (!complete && !lenient)
    return CO_MIRROR_APPLY_WAIT;
  id = upsert_draft (store, record->local_id, body, error);
  if (id == 0 ||
      !write_variants (store, id, body, error) ||
      !write_items (store, id, body, item_ids, error) ||
      !write_files (store, id, body, error) ||
      !write_history (store, id, body, error))
    return CO_MIRROR_APPLY_FAILED;
  record->local_id = id;
  return complete ? CO_MIRROR_APPLY_OK : CO_MIRROR_APPLY_PARTIAL;
}

static gint64
find_variant_draft (CoStore    *store,
                    JsonObject *body)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 draft_id = _co_mirror_local_id (store, CO_MIRROR_KIND_DRAFT,
                                         json_object_get_string_member (body, "draft"));

  /* Prepare failures are logged by the store and read as "not here yet". */
  stmt = _co_store_prepare (store, "SELECT 1 FROM draft_variants WHERE draft_id = ?"
                                   " AND platform = ?", NULL);
  if (draft_id == 0 || stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  sqlite3_bind_text (stmt, 2, json_object_get_string_member (body, "platform"), -1,
                     SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? draft_id : 0;
}

/**
 * _co_mirror_apply_schedule:
 * @store: the store, in a write transaction
 * @record: the entry's record; its local id follows the row
 * @body: a validated body
 * @deleted: whether the revision takes the entry away
 * @lenient: when the draft's variant is not here, write nothing and take
 *   the revision as the record's state
 * @error: return location for a #GError
 *
 * Returns: whether the entry was written, must wait for its draft, was left
 *   out because its draft is not here (@lenient), or failed (with @error set)
 */
CoMirrorApply
_co_mirror_apply_schedule (CoStore         *store,
                           CoMirrorRecord  *record,
                           JsonObject      *body,
                           gboolean         deleted,
                           gboolean         lenient,
                           GError         **error)
{
  static const char *const names[] = { "platform", "at", "zone", "created_at", "updated_at", NULL };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 draft_id;

  if (deleted)
    {
      if (record->local_id != 0 &&
          !run_with_id (store, "DELETE FROM schedule_entries WHERE id = ?", record->local_id,
                        error))
        return CO_MIRROR_APPLY_FAILED;
      record->local_id = 0;
      return CO_MIRROR_APPLY_OK;
    }
  draft_id = find_variant_draft (store, body);
  if (draft_id == 0)
    return lenient ? CO_MIRROR_APPLY_PARTIAL : CO_MIRROR_APPLY_WAIT;
  stmt = _co_store_prepare (store,
                            "INSERT INTO schedule_entries (draft_id, platform, at, zone,"
                            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                            " ON CONFLICT (draft_id, platform) DO UPDATE SET at = excluded.at,"
                            "  zone = excluded.zone, created_at = excluded.created_at,"
                            "  updated_at = excluded.updated_at RETURNING id", error);
  if (stmt == NULL)
    return CO_MIRROR_APPLY_FAILED;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  _co_mirror_bind_members (stmt, 2, body, names);
  record->local_id = _co_mirror_step_id (store, stmt, error);
  return record->local_id != 0 ? CO_MIRROR_APPLY_OK : CO_MIRROR_APPLY_FAILED;
}
