/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-mirror-json.h"
#include "co-mirror-private.h"

/*
 * The target side of a pull: which revisions this library lacks (the local
 * _revs_diff), and the batch of received documents, checked in full before
 * anything is written and then merged in one transaction with the local
 * checkpoint, so that a pull cut short anywhere resumes at the last batch.
 * Documents that wait for a record they refer to are kept in
 * mirror_pending and tried again after each batch.
 */

/**
 * _co_mirror_add_known:
 * @store: the store, in a write transaction
 * @doc_id: the document
 * @leaf: a revision off the document's current branch: a closing tombstone
 *   this library made (@pushed %FALSE: it must be sent), or a revision
 *   received that the current one does not descend from
 * @pushed: whether the server has it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_co_mirror_add_known (CoStore       *store,
                      const char    *doc_id,
                      CoMirrorLeaf  *leaf,
                      gboolean       pushed,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *ancestry = _co_mirror_ancestry_to_json (leaf->ancestry);
  g_autofree char *body = NULL;

  if (!pushed)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), leaf->body);

      body = json_to_string (node, FALSE);
    }
  stmt = _co_store_prepare (store,
                            "INSERT INTO mirror_losers (doc_id, rev, ancestry, body, pushed)"
                            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, leaf->rev, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, ancestry, -1, SQLITE_TRANSIENT);
  if (body != NULL)
    sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, pushed);
  return _co_store_step_done (store, stmt, error);
}

static gboolean
waiting_has (CoStore    *store,
             const char *doc_id,
             const char *rev)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Prepare failures are logged by the store and read as "not known". */
  stmt = _co_store_prepare (store, "SELECT 1 FROM mirror_pending p, json_each (p.leaves) l"
                                   " WHERE p.doc_id = ? AND json_extract (l.value, '$._rev') = ?",
                            NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * _co_mirror_is_known:
 * @store: the store
 * @record: the document's record
 * @rev: a revision
 *
 * Returns: whether this library has @rev: on the record's branch, on a
 *   branch it closed or saw closed, or waiting to be written
 */
gboolean
_co_mirror_is_known (CoStore        *store,
                     CoMirrorRecord *record,
                     const char     *rev)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (_co_mirror_ancestry_has (record->rev, record->ancestry, rev))
    return TRUE;
  /* Prepare failures are logged by the store and read as "not known". */
  stmt = _co_store_prepare (store, "SELECT rev, ancestry FROM mirror_losers WHERE doc_id = ?",
                            NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->doc_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) ancestry = _co_mirror_ancestry_parse ((const char *)sqlite3_column_text (stmt,
                                                                                             1));

      if (_co_mirror_ancestry_has ((const char *)sqlite3_column_text (stmt, 0), ancestry, rev))
        return TRUE;
    }
  return waiting_has (store, record->doc_id, rev);
}

static GPtrArray *
leaves_from_docs (JsonArray  *docs,
                  GError    **error)
{
  g_autoptr(GPtrArray) leaves = _co_mirror_leaf_array_new ();

  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      CoMirrorLeaf *leaf = _co_mirror_leaf_from_doc (co_mirror_json_element (docs, i),
                                                     error);

      if (leaf == NULL)
        return NULL;
      g_ptr_array_add (leaves, leaf);
    }
  return g_steal_pointer (&leaves);
}

/**
 * _co_mirror_take_waiting:
 * @self: a #CoMirror, in a write transaction
 * @doc_id: a document
 * @error: return location for a #GError
 *
 * Removes the document's waiting revisions from mirror_pending.
 *
 * Returns: (transfer container) (element-type CoMirrorLeaf): them (perhaps
 *   none), or %NULL on errors
 */
GPtrArray *
_co_mirror_take_waiting (CoMirror    *self,
                         const char  *doc_id,
                         GError     **error)
{
  CoStore *store = co_mirror_get_store (self);
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autoptr(JsonNode) node = NULL;

  read = _co_store_prepare (store, "SELECT leaves FROM mirror_pending WHERE doc_id = ?", error);
  drop = _co_store_prepare (store, "DELETE FROM mirror_pending WHERE doc_id = ?", error);
  if (read == NULL || drop == NULL)
    return NULL;
  sqlite3_bind_text (read, 1, doc_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (read) != SQLITE_ROW)
    return _co_mirror_leaf_array_new ();
  /* This library wrote the text from documents it had validated. */
  node = json_from_string ((const char *)sqlite3_column_text (read, 0), NULL);
  g_assert (node != NULL && JSON_NODE_HOLDS_ARRAY (node));
  sqlite3_bind_text (drop, 1, doc_id, -1, SQLITE_TRANSIENT);
  if (!_co_store_step_done (store, drop, error))
    return NULL;
  return leaves_from_docs (json_node_get_array (node), error);
}

/**
 * _co_mirror_keep_waiting:
 * @self: a #CoMirror, in a write transaction
 * @doc_id: a document
 * @leaves: (element-type CoMirrorLeaf): its received revisions
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_co_mirror_keep_waiting (CoMirror    *self,
                         const char  *doc_id,
                         GPtrArray   *leaves,
                         GError     **error)
{
  CoStore *store = co_mirror_get_store (self);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *docs = json_array_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < leaves->len; i++)
    json_array_add_element (docs, _co_mirror_leaf_to_doc (g_ptr_array_index (leaves, i), doc_id));
  json_node_take_array (node, docs);
  text = json_to_string (node, FALSE);
  stmt = _co_store_prepare (store, "INSERT OR REPLACE INTO mirror_pending (doc_id, leaves,"
                                   " received_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, _co_store_now ());
  return _co_store_step_done (store, stmt, error);
}

/**
 * co_mirror_revs_diff:
 * @self: a #CoMirror
 * @revs: document ids, each with an array of revisions (as in `_changes`)
 * @error: return location for a #GError
 *
 * The local side of CouchDB's `_revs_diff`: which of the revisions this
 * library lacks.  Documents of no kind it keeps are never missing.
 *
 * Returns: (transfer full): an object with a member `{"missing": […]}` for
 *   each document that lacks some
 */
JsonObject *
co_mirror_revs_diff (CoMirror    *self,
                     JsonObject  *revs,
                     GError     **error)
{
  CoStore *store = co_mirror_get_store (self);
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(JsonObject) diff = json_object_new ();
  JsonObjectIter iter;
  const char *doc_id;
  JsonNode *node;

  g_return_val_if_fail (CO_IS_MIRROR (self), NULL);

  json_object_iter_init (&iter, revs);
  while (json_object_iter_next (&iter, &doc_id, &node))
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CoMirrorRecord) record = NULL;
      CoMirrorRecord none = { .doc_id = (char *)doc_id };
      JsonArray *wanted = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      JsonArray *missing = json_array_new ();
      CoMirrorKind kind;

      if (wanted == NULL || !_co_mirror_kind_for_doc_id (doc_id, &kind))
        {
          json_array_unref (missing);
          continue;
        }
      record = _co_mirror_record_load (store, doc_id, &local_error);
      if (local_error != NULL)
        {
          json_array_unref (missing);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (wanted); i++)
        {
          const char *rev = json_node_get_string (json_array_get_element (wanted, i));

          if (rev != NULL && !_co_mirror_is_known (store, record ? record : &none, rev))
            json_array_add_string_element (missing, rev);
        }
      if (json_array_get_length (missing) == 0)
        {
          json_array_unref (missing);
          continue;
        }
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
      json_object_set_array_member (json_node_get_object (node), "missing", missing);
      json_object_set_member (diff, doc_id, node);
    }
  return g_steal_pointer (&diff);
}

/* Received documents by id, checked; the ids in the order they are written:
 * the records others refer to first. */
typedef struct
{
  GHashTable *leaves;    /* doc id -> GPtrArray of CoMirrorLeaf */
  GPtrArray  *ids;
} Batch;

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->leaves, g_hash_table_unref);
  g_clear_pointer (&batch->ids, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Batch, batch_clear)

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const char *id_a = *(const char **)a, *id_b = *(const char **)b;
  CoMirrorKind kind_a, kind_b;

  _co_mirror_kind_for_doc_id (id_a, &kind_a);
  _co_mirror_kind_for_doc_id (id_b, &kind_b);
  if (kind_a != kind_b)
    return kind_a < kind_b ? -1 : 1;
  return strcmp (id_a, id_b);
}

static gboolean
read_batch (GPtrArray  *docs,
            Batch      *batch,
            GError    **error)
{
  batch->leaves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_ptr_array_unref);
  batch->ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonNode *node = g_ptr_array_index (docs, i);
      JsonObject *doc = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *doc_id = doc ? co_mirror_json_string (doc, "_id")
                               : NULL;
      g_autoptr(CoMirrorLeaf) leaf = NULL;
      CoMirrorKind kind;
      GPtrArray *leaves;

      if (doc_id == NULL || !_co_mirror_kind_for_doc_id (doc_id, &kind))
        continue;
      leaf = _co_mirror_leaf_from_doc (doc, error);
      if (leaf == NULL || !_co_mirror_validate (doc_id, leaf, error))
        return FALSE;
      leaves = g_hash_table_lookup (batch->leaves, doc_id);
      if (leaves == NULL)
        {
          leaves = _co_mirror_leaf_array_new ();
          g_hash_table_insert (batch->leaves, g_strdup (doc_id), leaves);
          g_ptr_array_add (batch->ids, g_strdup (doc_id));
        }
      g_ptr_array_add (leaves, g_steal_pointer (&leaf));
    }
  g_ptr_array_sort (batch->ids, compare_ids);
  return TRUE;
}

static GPtrArray *
list_waiting (CoStore  *store,
              GError  **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, "SELECT doc_id FROM mirror_pending",
                                                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("reading the documents waiting to be written"));
      return NULL;
    }
  g_ptr_array_sort (ids, compare_ids);
  return g_steal_pointer (&ids);
}

/* Tries the waiting documents again, until a round writes none of them. */
static gboolean
retry_waiting (CoMirror           *self,
               gboolean            lenient,
               CoMirrorPullStats  *stats,
               GError            **error)
{
  guint before = G_MAXUINT;

  for (;;)
    {
      g_autoptr(GPtrArray) ids = list_waiting (co_mirror_get_store (self), error);

      if (ids == NULL)
        return FALSE;
      if (ids->len == 0 || ids->len >= before)
        {
          stats->waiting = ids->len;
          return TRUE;
        }
      before = ids->len;
      for (guint i = 0; i < ids->len; i++)
        {
          CoMirrorPullStats ignored = { 0 };

          if (!_co_mirror_merge_doc (self, g_ptr_array_index (ids, i), NULL, lenient,
                                     &ignored, error))
            return FALSE;
          stats->applied += ignored.applied;
          stats->conflicts += ignored.conflicts;
        }
    }
}

typedef struct
{
  CoMirror          *self;
  Batch             *batch;
  const char        *replication_id;
  const char        *checkpoint;
  gboolean           lenient;
  CoMirrorPullStats  stats;
} Apply;

static gboolean
write_checkpoint (CoStore     *store,
                  const char  *replication_id,
                  const char  *checkpoint,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store,
                            "INSERT INTO mirror_checkpoints (replication_id, doc) VALUES (?, ?)"
                            " ON CONFLICT (replication_id) DO UPDATE SET doc = excluded.doc",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, replication_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, checkpoint, -1, SQLITE_TRANSIENT);
  return _co_store_step_done (store, stmt, error);
}

/* Runs in one write transaction; again from scratch when the space reserve
 * was released. */
static gboolean
apply_tx (CoStore   *store,
          gpointer   data,
          GError   **error)
{
  Apply *apply = data;

  memset (&apply->stats, 0, sizeof apply->stats);
  if (!_co_mirror_set_applying (store, TRUE, error))
    return FALSE;
  for (guint i = 0; apply->batch != NULL && i < apply->batch->ids->len; i++)
    {
      const char *doc_id = g_ptr_array_index (apply->batch->ids, i);

      if (!_co_mirror_merge_doc (apply->self, doc_id,
                                 g_hash_table_lookup (apply->batch->leaves, doc_id),
                                 FALSE, &apply->stats, error))
        return FALSE;
    }
  if (!retry_waiting (apply->self, apply->lenient, &apply->stats, error))
    return FALSE;
  if (apply->replication_id != NULL &&
      !write_checkpoint (store, apply->replication_id, apply->checkpoint, error))
    return FALSE;
  return _co_mirror_set_applying (store, FALSE, error);
}

static gboolean
run_apply (Apply              *apply,
           CoMirrorPullStats  *out_stats,
           GError            **error)
{
  CoStore *store = co_mirror_get_store (apply->self);
  guint files;
  gint64 bytes;

  if (!_co_store_write (store, apply_tx, apply, error))
    return FALSE;
  if (out_stats != NULL)
    *out_stats = apply->stats;
  /* The files of items purged elsewhere; a failure leaves them to the next
   * purge, as the vault's own purge does. */
  if (!_co_store_delete_released_files (store, &files, &bytes, NULL))
    g_debug ("Some files released by the mirror stay until the next purge");
  return TRUE;
}

/**
 * co_mirror_apply_docs:
 * @self: a #CoMirror
 * @docs: (element-type JsonNode): received documents with `_id`, `_rev` and
 *   `_revisions` (several revisions of one document may come)
 * @replication_id: (nullable): the replication whose checkpoint to keep
 * @checkpoint: (nullable): the checkpoint document to keep, with the batch
 * @out_stats: (out caller-allocates) (optional): what was done
 * @error: return location for a #GError
 *
 * Checks every document against the shape of its type, then writes them
 * into the library in one transaction with the checkpoint.  Documents of no
 * kind this library keeps are left alone.
 *
 * Returns: %TRUE on success; on failure nothing was written, and a document
 *   that does not match its type fails with %CO_MIRROR_ERROR_INVALID_DOCUMENT
 *   naming it
 */
gboolean
co_mirror_apply_docs (CoMirror           *self,
                      GPtrArray          *docs,
                      const char         *replication_id,
                      const char         *checkpoint,
                      CoMirrorPullStats  *out_stats,
                      GError            **error)
{
  g_auto(Batch) batch = { NULL, NULL };
  Apply apply = { self, &batch, replication_id, checkpoint, FALSE, { 0 } };

  g_return_val_if_fail (CO_IS_MIRROR (self), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);
  g_return_val_if_fail (replication_id == NULL || checkpoint != NULL, FALSE);

  if (!read_batch (docs, &batch, error))
    return FALSE;
  return run_apply (&apply, out_stats, error);
}

/**
 * co_mirror_settle_waiting:
 * @self: a #CoMirror
 * @out_stats: (out caller-allocates) (optional): what was done
 * @error: return location for a #GError
 *
 * Writes the documents still waiting for a record they refer to, without
 * the missing links: called at the end of a pull, when the server has sent
 * everything it has.
 *
 * Returns: %TRUE on success
 */
gboolean
co_mirror_settle_waiting (CoMirror           *self,
                          CoMirrorPullStats  *out_stats,
                          GError            **error)
{
  Apply apply = { self, NULL, NULL, NULL, TRUE, { 0 } };

  g_return_val_if_fail (CO_IS_MIRROR (self), FALSE);

  return run_apply (&apply, out_stats, error);
}
