/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-mirror-private.h"

/*
 * The mirror of one library: its device id (which library made a change),
 * the source side of a push, the local copies of the checkpoints and what
 * the user sees of it.  The pull's side is in co-mirror-pull.c, conflicts in
 * co-mirror-conflicts.c.
 */

/* The settings key of the library's device id. */
#define DEVICE_KEY "mirror-device"

struct _CoMirror
{
  GObject  parent_instance;

  CoStore *store;
  char    *device;
};

G_DEFINE_FINAL_TYPE (CoMirror, co_mirror, G_TYPE_OBJECT)

static void
co_mirror_finalize (GObject *object)
{
  CoMirror *self = CO_MIRROR (object);

  g_clear_object (&self->store);
  g_free (self->device);
  G_OBJECT_CLASS (co_mirror_parent_class)->finalize (object);
}

static void
co_mirror_class_init (CoMirrorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_mirror_finalize;
}

static void
co_mirror_init (CoMirror *self)
{
}

/* A random id for this library, made once and kept in its settings. */
static char *
dup_device (CoStore  *store,
            GError  **error)
{
  g_autofree char *device = co_store_dup_setting (store, DEVICE_KEY);
  g_autofree char *uuid = NULL;
  g_auto(GStrv) parts = NULL;

  if (device != NULL)
    return g_steal_pointer (&device);
  uuid = g_uuid_string_random ();
  parts = g_strsplit (uuid, "-", -1);
  device = g_strjoinv ("", parts);
  if (!co_store_set_setting (store, DEVICE_KEY, device, error))
    return NULL;
  return g_steal_pointer (&device);
}

/**
 * co_mirror_new:
 * @store: the library
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the library's mirror, or %NULL when
 *   its device id cannot be stored
 */
CoMirror *
co_mirror_new (CoStore  *store,
               GError  **error)
{
  g_autoptr(CoMirror) self = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  self = g_object_new (CO_TYPE_MIRROR, NULL);
  self->store = g_object_ref (store);
  self->device = dup_device (store, error);
  if (self->device == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

CoStore *
co_mirror_get_store (CoMirror *self)
{
  g_return_val_if_fail (CO_IS_MIRROR (self), NULL);
  return self->store;
}

/**
 * co_mirror_get_device:
 * @self: a #CoMirror
 *
 * Returns: the library's device id: 32 hexadecimal digits, written into the
 *   documents it changes (`modified_by`)
 */
const char *
co_mirror_get_device (CoMirror *self)
{
  g_return_val_if_fail (CO_IS_MIRROR (self), NULL);
  return self->device;
}

typedef struct
{
  CoMirror  *self;
  gint64     since;
  guint      limit;
  GPtrArray *docs;
  gint64     last_seq;
} Read;

/* The records changed after @since, a batch of about @limit, never
 * splitting the records of one sequence number. */
static GPtrArray *
list_changed (CoStore  *store,
              gint64    since,
              guint     limit,
              GError  **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify)_co_mirror_record_free);
  stmt = _co_store_prepare (store,
                            "SELECT " CO_MIRROR_RECORD_COLUMNS " FROM mirror_records"
                            " WHERE seq > ?1 AND seq <= coalesce ((SELECT seq FROM mirror_records"
                            "  WHERE seq > ?1 ORDER BY seq LIMIT 1 OFFSET ?2), ?3)"
                            " ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, MAX (limit, 1) - 1);
  sqlite3_bind_int64 (stmt, 3, G_MAXINT64);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, _co_mirror_record_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("reading the changes to send"));
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* The closing tombstones of the record's lost branches not sent yet. */
static gboolean
add_closures (CoStore     *store,
              const char  *doc_id,
              GPtrArray   *docs,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _co_store_prepare (store, "SELECT rev, ancestry, body FROM mirror_losers"
                                   " WHERE doc_id = ? AND pushed = 0 ORDER BY rev", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) ancestry = _co_mirror_ancestry_parse ((const char *)sqlite3_column_text (stmt,
                                                                                             1));
      g_autoptr(JsonNode) body = json_from_string ((const char *)sqlite3_column_text (stmt, 2),
                                                   NULL);
      g_autoptr(CoMirrorLeaf) leaf = NULL;

      /* This library wrote the body, of a tombstone it made. */
      g_assert (body != NULL && JSON_NODE_HOLDS_OBJECT (body));
      leaf = _co_mirror_leaf_new ((const char *)sqlite3_column_text (stmt, 0), ancestry, TRUE,
                                  json_node_get_object (body));
      g_ptr_array_add (docs, _co_mirror_leaf_to_doc (leaf, doc_id));
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("reading the changes to send"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_tx (CoStore   *store,
         gpointer   data,
         GError   **error)
{
  Read *read = data;
  g_autoptr(GPtrArray) records = list_changed (store, read->since, read->limit, error);

  g_ptr_array_set_size (read->docs, 0);
  read->last_seq = read->since;
  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      CoMirrorRecord *record = g_ptr_array_index (records, i);
      g_autoptr(CoMirrorLeaf) leaf = _co_mirror_materialize (store, record, read->self->device,
                                                             error);

      if (leaf == NULL)
        return FALSE;
      g_ptr_array_add (read->docs, _co_mirror_leaf_to_doc (leaf, record->doc_id));
      if (!add_closures (store, record->doc_id, read->docs, error))
        return FALSE;
      read->last_seq = MAX (read->last_seq, record->seq);
    }
  return TRUE;
}

/**
 * co_mirror_read_changes:
 * @self: a #CoMirror
 * @since: the local sequence number the last push reached (0 for all)
 * @limit: about how many records to read
 * @out_last_seq: (out): the sequence number this batch reaches; @since when
 *   nothing changed after it
 * @error: return location for a #GError
 *
 * The source side of a push: the documents of the records changed after
 * @since, in the order they changed.  Local changes get their revision
 * here, in one transaction, so what is sent is exactly what was stored; the
 * tombstones that close the losing branches of resolved conflicts come with
 * their records.
 *
 * Returns: (transfer container) (element-type JsonNode): the documents, with
 *   `_id`, `_rev`, `_revisions` and, for deletions, `_deleted`
 */
GPtrArray *
co_mirror_read_changes (CoMirror  *self,
                        gint64     since,
                        guint      limit,
                        gint64    *out_last_seq,
                        GError   **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  Read read = { self, since, limit, docs, since };

  g_return_val_if_fail (CO_IS_MIRROR (self), NULL);
  g_return_val_if_fail (out_last_seq != NULL, NULL);

  if (!_co_store_write (self->store, read_tx, &read, error))
    return NULL;
  *out_last_seq = read.last_seq;
  return g_steal_pointer (&docs);
}

/**
 * co_mirror_mark_sent:
 * @self: a #CoMirror
 * @docs: (element-type JsonNode): documents the server accepted
 * @error: return location for a #GError
 *
 * Remembers that the closing tombstones among @docs reached the server.
 *
 * Returns: %TRUE on success
 */
gboolean
co_mirror_mark_sent (CoMirror   *self,
                     GPtrArray  *docs,
                     GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_MIRROR (self), FALSE);

  locker = _co_store_lock (self->store);
  stmt = _co_store_prepare (self->store, "UPDATE mirror_losers SET pushed = 1"
                                         " WHERE doc_id = ? AND rev = ? AND pushed = 0", error);
  if (stmt == NULL || !_co_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = json_node_get_object (g_ptr_array_index (docs, i));

      sqlite3_bind_text (stmt, 1, json_object_get_string_member (doc, "_id"), -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, json_object_get_string_member (doc, "_rev"), -1,
                         SQLITE_TRANSIENT);
      if (!_co_store_step_done (self->store, stmt, error))
        {
          _co_store_rollback (self->store);
          return FALSE;
        }
      _co_stmt_release (stmt);
    }
  return _co_store_commit (self->store, error);
}

static gint64
query_int (CoStore     *store,
           const char  *sql,
           gint64       parameter,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, parameter);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _co_store_set_error (store, error, _("reading the mirror's state"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * co_mirror_get_last_seq:
 * @self: a #CoMirror
 * @error: return location for a #GError
 *
 * Returns: the highest local sequence number, or -1 on errors
 */
gint64
co_mirror_get_last_seq (CoMirror  *self,
                        GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_MIRROR (self), -1);

  locker = _co_store_lock (self->store);
  return query_int (self->store, "SELECT coalesce (max (seq), 0) + 0 * ? FROM mirror_records", 0,
                    error);
}

/**
 * co_mirror_get_status:
 * @self: a #CoMirror
 * @since: the local sequence number the last push reached
 * @out_status: (out caller-allocates): the counts
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
co_mirror_get_status (CoMirror        *self,
                      gint64           since,
                      CoMirrorStatus  *out_status,
                      GError         **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  CoMirrorStatus status;

  g_return_val_if_fail (CO_IS_MIRROR (self), FALSE);

  locker = _co_store_lock (self->store);
  status.records = query_int (self->store, "SELECT count (*) + 0 * ? FROM mirror_records", 0,
                              error);
  status.changed = status.records < 0 ? -1 :
    query_int (self->store, "SELECT count (*) FROM mirror_records WHERE seq > ? OR dirty = 1",
               since, error);
  status.conflicts = status.changed < 0 ? -1 :
    co_mirror_count_conflicts (self, error);
  status.waiting = status.conflicts < 0 ? -1 :
    query_int (self->store, "SELECT count (*) + 0 * ? FROM mirror_pending", 0, error);
  if (status.waiting < 0)
    return FALSE;
  *out_status = status;
  return TRUE;
}

/**
 * co_mirror_count_conflicts:
 * @self: a #CoMirror
 * @error: return location for a #GError
 *
 * The conflict copies left to look at: what the app's mirror indicator
 * shows, without the counts of co_mirror_get_status(), which read every
 * record of the library.
 *
 * Returns: the number of conflicts, or -1 on errors
 */
gint64
co_mirror_count_conflicts (CoMirror  *self,
                           GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_MIRROR (self), -1);

  locker = _co_store_lock (self->store);
  return query_int (self->store, "SELECT count (*) + 0 * ? FROM mirror_conflicts", 0, error);
}

/**
 * co_mirror_dup_checkpoint:
 * @self: a #CoMirror
 * @replication_id: a replication
 * @out_remote_rev: (out) (optional) (nullable): the revision of the server's
 *   copy, as last written
 *
 * Returns: (transfer full) (nullable): the local copy of the replication's
 *   checkpoint document, or %NULL when there is none
 */
char *
co_mirror_dup_checkpoint (CoMirror    *self,
                          const char  *replication_id,
                          char       **out_remote_rev)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_MIRROR (self), NULL);

  if (out_remote_rev != NULL)
    *out_remote_rev = NULL;
  locker = _co_store_lock (self->store);
  /* Prepare failures are logged by the store and read as "none": the
   * replication then starts over, which is slower but never wrong. */
  stmt = _co_store_prepare (self->store, "SELECT doc, remote_rev FROM mirror_checkpoints"
                                         " WHERE replication_id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, replication_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  if (out_remote_rev != NULL)
    *out_remote_rev = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

/**
 * co_mirror_set_checkpoint:
 * @self: a #CoMirror
 * @replication_id: a replication
 * @checkpoint: the checkpoint document (JSON)
 * @remote_rev: (nullable): the revision the server gave its copy
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
co_mirror_set_checkpoint (CoMirror    *self,
                          const char  *replication_id,
                          const char  *checkpoint,
                          const char  *remote_rev,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_MIRROR (self), FALSE);

  locker = _co_store_lock (self->store);
  stmt = _co_store_prepare (self->store,
                            "INSERT INTO mirror_checkpoints (replication_id, doc, remote_rev)"
                            " VALUES (?, ?, ?) ON CONFLICT (replication_id) DO UPDATE SET"
                            " doc = excluded.doc, remote_rev = excluded.remote_rev", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, replication_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, checkpoint, -1, SQLITE_TRANSIENT);
  if (remote_rev != NULL)
    sqlite3_bind_text (stmt, 3, remote_rev, -1, SQLITE_TRANSIENT);
  return _co_store_step_done (self->store, stmt, error);
}

/**
 * co_mirror_forget_checkpoints:
 * @self: a #CoMirror
 * @error: return location for a #GError
 *
 * Starts over with a server that lost what it had (a new database): the
 * checkpoints go, and the records received from the server get sequence
 * numbers again, so that the next push sends everything.
 *
 * Returns: %TRUE on success
 */
gboolean
co_mirror_forget_checkpoints (CoMirror  *self,
                              GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_MIRROR (self), FALSE);

  locker = _co_store_lock (self->store);
  if (!_co_store_begin (self->store, error))
    return FALSE;
  if (!_co_store_exec (self->store,
                       "DELETE FROM mirror_checkpoints;"
                       "UPDATE mirror_losers SET pushed = 0 WHERE body IS NOT NULL;"
                       "UPDATE mirror_records SET seq = r.base + r.n"
                       " FROM (SELECT doc_id, row_number () OVER (ORDER BY doc_id) AS n,"
                       "        (SELECT coalesce (max (seq), 0) FROM mirror_records) AS base"
                       "       FROM mirror_records WHERE seq = 0) AS r"
                       " WHERE mirror_records.doc_id = r.doc_id", error))
    {
      _co_store_rollback (self->store);
      return FALSE;
    }
  return _co_store_commit (self->store, error);
}
