/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-mirror-json.h"
#include "co-error.h"
#include "co-mirror-sync.h"
#include "co-task.h"

/*
 * CouchDB's replication protocol, both ways, between this library and one
 * database: a pull (the server is the source, the library the target), then
 * a push (the other way round).  Each direction
 *
 *   1. reads its checkpoint on both sides (`_local/ID` on the server, a row
 *      here) and starts after the last sequence both recorded in one
 *      session, or from the start;
 *   2. reads the source's changes after it, in batches;
 *   3. asks the target which of those revisions it lacks (`_revs_diff`);
 *   4. fetches them with their history and stores them as they are
 *      (`_bulk_docs` with `new_edits: false` on the server; one transaction
 *      with the checkpoint here);
 *   5. records the checkpoint on both sides.
 *
 * A sync cut short anywhere resumes at the last checkpoint; what is sent
 * again the target already has, and says so.  When the library's checkpoint
 * matches the server's, the server is the database it last talked to: the
 * push then trusts its own checkpoint without asking again, so that a sync
 * with nothing to do costs one request each way (the pull's checkpoint and
 * its _changes).
 */

/* Entries kept in a checkpoint's history. */
#define MAX_HISTORY 10

typedef struct
{
  CoMirror           *mirror;
  CoCouch            *couch;
  CoProgressFunc      progress;
  gpointer            progress_data;
  GCancellable       *cancellable;
  CoMirrorSyncReport  report;
  gboolean            server_known;   /* the pull's checkpoints matched */
  gboolean            opened;         /* the database was checked (and made) */
} Sync;

/* A direction's state: its replication id and checkpoint. */
typedef struct
{
  char       *id;
  char       *session;
  char       *remote_rev;
  JsonObject *previous;    /* the local checkpoint it started from, or NULL */
  JsonNode   *start_seq;
  JsonNode   *seq;         /* how far it got */
  gint64      started_at;
  guint       docs_read;
  guint       docs_written;
} Direction;

static void
direction_clear (Direction *direction)
{
  g_clear_pointer (&direction->id, g_free);
  g_clear_pointer (&direction->session, g_free);
  g_clear_pointer (&direction->remote_rev, g_free);
  g_clear_pointer (&direction->previous, json_object_unref);
  g_clear_pointer (&direction->start_seq, json_node_unref);
  g_clear_pointer (&direction->seq, json_node_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Direction, direction_clear)

static void
report_progress (Sync       *sync,
                 double      fraction,
                 const char *message)
{
  if (sync->progress != NULL)
    sync->progress (fraction, message, sync->progress_data);
}

/* The replication's id: the same for this library, this database and this
 * direction every time, and for nothing else. */
static char *
replication_id (CoMirror   *mirror,
                CoCouch    *couch,
                const char *direction)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_MD5);
  g_autofree char *text = g_strdup_printf ("creatorops-mirror\n1\n%s\n%s\n%s\n",
                                           co_mirror_get_device (mirror),
                                           co_couch_get_url (couch), direction);

  g_checksum_update (checksum, (const guchar *)text, strlen (text));
  return g_strdup (g_checksum_get_string (checksum));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = text != NULL ? json_from_string (text, NULL) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node)
         ? json_object_ref (json_node_get_object (node)) : NULL;
}

static gboolean
same_session (JsonObject *a,
              JsonObject *b)
{
  const char *session = co_mirror_json_string (a, "session_id");

  return session != NULL &&
         g_strcmp0 (session, co_mirror_json_string (b, "session_id")) == 0;
}

/* The protocol's "compare replication logs": the last sequence both sides
 * recorded in one session, or NULL to start from the beginning. */
static JsonNode *
common_seq (JsonObject *local,
            JsonObject *remote)
{
  JsonArray *ours, *theirs;

  if (local == NULL || remote == NULL)
    return NULL;
  if (same_session (local, remote))
    return json_object_has_member (local, "source_last_seq")
           ? json_node_copy (json_object_get_member (local, "source_last_seq")) : NULL;
  ours = co_mirror_json_array (local, "history");
  theirs = co_mirror_json_array (remote, "history");
  for (guint i = 0; ours != NULL && i < json_array_get_length (ours); i++)
    {
      JsonObject *entry = co_mirror_json_element (ours, i);

      for (guint j = 0; theirs != NULL && j < json_array_get_length (theirs); j++)
        {
          if (entry != NULL && json_object_has_member (entry, "recorded_seq") &&
              same_session (entry, co_mirror_json_element (theirs, j)))
            return json_node_copy (json_object_get_member (entry, "recorded_seq"));
        }
    }
  return NULL;
}

static JsonNode *
int_node (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

static char *
new_session (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_auto(GStrv) parts = g_strsplit (uuid, "-", -1);

  return g_strjoinv ("", parts);
}

/* Reads both checkpoints of @name ("pull" or "push") and where to start.
 * @trust: take the local checkpoint without asking the server. */
static gboolean
begin_direction (Sync        *sync,
                 const char  *name,
                 gboolean     trust,
                 Direction   *direction,
                 gboolean    *out_server_lost,
                 GError     **error)
{
  g_autofree char *local = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(GError) local_error = NULL;

  direction->id = replication_id (sync->mirror, sync->couch, name);
  direction->session = new_session ();
  direction->started_at = g_get_real_time ();
  local = co_mirror_dup_checkpoint (sync->mirror, direction->id, &direction->remote_rev);
  direction->previous = parse_object (local);
  *out_server_lost = FALSE;
  if (trust && direction->previous != NULL)
    direction->start_seq = common_seq (direction->previous, direction->previous);
  else
    {
      remote = co_couch_get_local (sync->couch, direction->id, sync->cancellable, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* No checkpoint there: a first sync, a database that is not there yet
       * or a server that is not CouchDB.  The protocol's "verify peers". */
      if (remote == NULL && !sync->opened)
        {
          if (!co_couch_open (sync->couch, TRUE, sync->cancellable, error))
            return FALSE;
          sync->opened = TRUE;
        }
      g_clear_pointer (&direction->remote_rev, g_free);
      if (remote != NULL)
        direction->remote_rev = g_strdup (co_mirror_json_string (remote, "_rev"));
      *out_server_lost = direction->previous != NULL && remote == NULL;
      direction->start_seq = common_seq (direction->previous, remote);
      if (g_strcmp0 (name, "pull") == 0)
        sync->server_known = remote != NULL && direction->previous != NULL &&
                             same_session (direction->previous, remote);
    }
  if (direction->start_seq == NULL)
    direction->start_seq = int_node (0);
  direction->seq = json_node_copy (direction->start_seq);
  return TRUE;
}

static JsonObject *
history_entry (Direction *direction)
{
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "session_id", direction->session);
  json_object_set_int_member (entry, "start_time", direction->started_at);
  json_object_set_int_member (entry, "end_time", g_get_real_time ());
  json_object_set_member (entry, "start_last_seq", json_node_copy (direction->start_seq));
  json_object_set_member (entry, "end_last_seq", json_node_copy (direction->seq));
  json_object_set_member (entry, "recorded_seq", json_node_copy (direction->seq));
  json_object_set_int_member (entry, "docs_read", direction->docs_read);
  json_object_set_int_member (entry, "docs_written", direction->docs_written);
  return entry;
}

/* The checkpoint document both sides keep: this session first in its
 * history, then the earlier sessions. */
static JsonObject *
build_checkpoint (Direction *direction)
{
  JsonObject *doc = json_object_new ();
  JsonArray *history = json_array_new ();
  JsonArray *earlier = direction->previous != NULL
                       ? co_mirror_json_array (direction->previous, "history") : NULL;

  json_object_set_string_member (doc, "session_id", direction->session);
  json_object_set_member (doc, "source_last_seq", json_node_copy (direction->seq));
  json_object_set_int_member (doc, "replication_id_version", 3);
  json_array_add_object_element (history, history_entry (direction));
  for (guint i = 0; earlier != NULL && i < json_array_get_length (earlier); i++)
    {
      JsonNode *entry = json_array_get_element (earlier, i);

      if (json_array_get_length (history) >= MAX_HISTORY)
        break;
      if (JSON_NODE_HOLDS_OBJECT (entry) &&
          g_strcmp0 (co_mirror_json_string (json_node_get_object (entry), "session_id"),
                     direction->session) != 0)
        json_array_add_element (history, json_node_copy (entry));
    }
  json_object_set_array_member (doc, "history", history);
  return doc;
}

static char *
object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* Writes the checkpoint to the server, then its copy here with the server's
 * revision of it (for the next write). */
static gboolean
record_checkpoint (Sync       *sync,
                   Direction  *direction,
                   JsonObject *doc,
                   GError    **error)
{
  g_autofree char *text = object_to_text (doc);
  g_autofree char *rev = NULL;

  if (direction->remote_rev != NULL)
    json_object_set_string_member (doc, "_rev", direction->remote_rev);
  rev = co_couch_put_local (sync->couch, direction->id, doc, sync->cancellable, error);
  json_object_remove_member (doc, "_rev");
  if (rev == NULL)
    return FALSE;
  g_free (direction->remote_rev);
  direction->remote_rev = g_strdup (rev);
  return co_mirror_set_checkpoint (sync->mirror, direction->id, text, rev, error);
}

/* The leaf revisions each changed document has on the server, for the kinds
 * this library keeps (`_revs_diff`'s question). */
static JsonObject *
changed_revs (JsonArray *results)
{
  JsonObject *revs = json_object_new ();

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = co_mirror_json_element (results, i);
      const char *id = result ? co_mirror_json_string (result, "id")
                              : NULL;
      JsonArray *changes = id ? co_mirror_json_array (result, "changes") : NULL;
      JsonArray *wanted;

      if (changes == NULL || id[0] == '_')
        continue;
      wanted = json_array_new ();
      for (guint j = 0; j < json_array_get_length (changes); j++)
        {
          JsonObject *change = co_mirror_json_element (changes, j);
          const char *rev = change ? co_mirror_json_string (change, "rev") : NULL;

          if (rev != NULL)
            json_array_add_string_element (wanted, rev);
        }
      json_object_set_array_member (revs, id, wanted);
    }
  return revs;
}

/* One batch of the pull: what changed, what this library lacks of it,
 * fetched and written with the checkpoint.  Sets @out_done after the last. */
static gboolean
pull_batch (Sync       *sync,
            Direction  *direction,
            gboolean   *out_done,
            GError    **error)
{
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(JsonObject) revs = NULL;
  g_autoptr(JsonObject) missing = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(JsonObject) checkpoint = NULL;
  g_autofree char *text = NULL;
  CoMirrorPullStats stats = { 0 };
  JsonArray *results;

  changes = co_couch_changes (sync->couch, direction->seq, CO_MIRROR_SYNC_BATCH, 0,
                              sync->cancellable, error);
  if (changes == NULL)
    return FALSE;
  results = co_mirror_json_array (changes, "results");
  *out_done = json_array_get_length (results) < CO_MIRROR_SYNC_BATCH;
  if (json_array_get_length (results) == 0)
    return TRUE;
  revs = changed_revs (results);
  missing = co_mirror_revs_diff (sync->mirror, revs, error);
  docs = missing != NULL ? co_couch_fetch (sync->couch, missing, sync->cancellable, error) : NULL;
  if (docs == NULL)
    return FALSE;
  g_clear_pointer (&direction->seq, json_node_unref);
  direction->seq = json_node_copy (json_object_get_member (changes, "last_seq"));
  direction->docs_read += json_array_get_length (results);
  direction->docs_written += docs->len;
  checkpoint = build_checkpoint (direction);
  text = object_to_text (checkpoint);
  if (!co_mirror_apply_docs (sync->mirror, docs, direction->id, text, &stats, error))
    return FALSE;
  sync->report.pulled += stats.applied;
  sync->report.conflicts += stats.conflicts;
  sync->report.waiting = stats.waiting;
  return record_checkpoint (sync, direction, checkpoint, error);
}

static gboolean
pull (Sync    *sync,
      GError **error)
{
  g_auto(Direction) direction = { 0 };
  gboolean done = FALSE;
  gboolean lost = FALSE;

  report_progress (sync, 0.0, _("Receiving changes"));
  if (!begin_direction (sync, "pull", FALSE, &direction, &lost, error))
    return FALSE;
  /* The server lost what it had (a new database): everything is sent again. */
  if (lost && !co_mirror_forget_checkpoints (sync->mirror, error))
    return FALSE;
  while (!done)
    {
      g_autofree char *message = NULL;

      if (!pull_batch (sync, &direction, &done, error))
        return FALSE;
      message = g_strdup_printf (_("Received %u changes"), direction.docs_read);
      report_progress (sync, 0.25, message);
    }
  if (sync->report.waiting > 0)
    {
      CoMirrorPullStats stats = { 0 };

      if (!co_mirror_settle_waiting (sync->mirror, &stats, error))
        return FALSE;
      sync->report.pulled += stats.applied;
      sync->report.conflicts += stats.conflicts;
      sync->report.waiting = stats.waiting;
    }
  return TRUE;
}

static JsonObject *
sent_revs (GPtrArray *docs)
{
  JsonObject *revs = json_object_new ();

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = json_node_get_object (g_ptr_array_index (docs, i));
      const char *id = json_object_get_string_member (doc, "_id");
      JsonArray *list = co_mirror_json_array (revs, id);

      if (list == NULL)
        {
          list = json_array_new ();
          json_object_set_array_member (revs, id, list);
        }
      json_array_add_string_element (list, json_object_get_string_member (doc, "_rev"));
    }
  return revs;
}

static gboolean
is_missing (JsonObject *missing,
            JsonObject *doc)
{
  JsonObject *entry = co_mirror_json_object (missing,
                                                    json_object_get_string_member (doc, "_id"));
  JsonArray *revs = entry != NULL ? co_mirror_json_array (entry, "missing") : NULL;
  const char *rev = json_object_get_string_member (doc, "_rev");

  for (guint i = 0; revs != NULL && i < json_array_get_length (revs); i++)
    {
      if (g_strcmp0 (json_array_get_string_element (revs, i), rev) == 0)
        return TRUE;
    }
  return FALSE;
}

/* One batch of the push; sets @out_done when nothing was left to send. */
static gboolean
push_batch (Sync       *sync,
            Direction  *direction,
            gboolean   *out_done,
            GError    **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(JsonObject) revs = NULL;
  g_autoptr(JsonObject) missing = NULL;
  g_autoptr(JsonObject) checkpoint = NULL;
  gint64 last = 0;

  docs = co_mirror_read_changes (sync->mirror, json_node_get_int (direction->seq),
                                 CO_MIRROR_SYNC_BATCH, &last, error);
  if (docs == NULL)
    return FALSE;
  *out_done = docs->len == 0;
  if (*out_done)
    return TRUE;
  revs = sent_revs (docs);
  missing = co_couch_revs_diff (sync->couch, revs, sync->cancellable, error);
  if (missing == NULL)
    return FALSE;
  for (guint i = 0; i < docs->len; i++)
    {
      if (is_missing (missing, json_node_get_object (g_ptr_array_index (docs, i))))
        g_ptr_array_add (wanted, g_ptr_array_index (docs, i));
    }
  if (wanted->len > 0 && !co_couch_bulk_docs (sync->couch, wanted, sync->cancellable, error))
    return FALSE;
  if (!co_mirror_mark_sent (sync->mirror, docs, error))
    return FALSE;
  json_node_set_int (direction->seq, last);
  direction->docs_read += docs->len;
  direction->docs_written += wanted->len;
  sync->report.pushed += wanted->len;
  checkpoint = build_checkpoint (direction);
  return record_checkpoint (sync, direction, checkpoint, error);
}

/* The records a push starting at @since has to send, for its progress. */
static gint64
count_changed (Sync     *sync,
               gint64    since,
               GError  **error)
{
  CoMirrorStatus status = { 0 };

  return co_mirror_get_status (sync->mirror, since, &status, error) ? status.changed : -1;
}

static gboolean
push (Sync    *sync,
      GError **error)
{
  g_auto(Direction) direction = { 0 };
  gint64 total = -1;
  gboolean done = FALSE;
  gboolean lost = FALSE;

  if (!begin_direction (sync, "push", sync->server_known, &direction, &lost, error))
    return FALSE;
  if (lost)
    {
      g_clear_pointer (&direction.previous, json_object_unref);
      if (!co_mirror_forget_checkpoints (sync->mirror, error))
        return FALSE;
      json_node_set_int (direction.seq, 0);
    }
  /* A sequence from another program's checkpoint is not a number here. */
  if (json_node_get_value_type (direction.seq) != G_TYPE_INT64)
    json_node_set_int (direction.seq, 0);
  while (!done)
    {
      gint64 since = json_node_get_int (direction.seq);
      g_autofree char *message = NULL;

      if (!push_batch (sync, &direction, &done, error))
        return FALSE;
      /* Counted after the first batch (which it includes): a push with
       * nothing to send does not count. */
      if (!done && total < 0 && (total = count_changed (sync, since, error)) < 0)
        return FALSE;
      if (done)
        break;
      message = g_strdup_printf (_("Sent %u of %lld changed records"), direction.docs_read,
                                 (long long)total);
      report_progress (sync, 0.5 + 0.5 * MIN (1.0, direction.docs_read / (double)MAX (total, 1)),
                       message);
    }
  return TRUE;
}

/**
 * co_mirror_sync_once:
 * @mirror: the library's mirror
 * @couch: the database
 * @progress: (scope call) (nullable): told how it goes
 * @progress_data: for @progress
 * @out_report: (out caller-allocates) (optional): what was done
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Replicates the server's changes into the library, then the library's to
 * the server, each from its last checkpoint.  Blocks: call it from a worker
 * thread.
 *
 * Returns: %TRUE on success.  On failure what was done is kept, and the next
 *   sync resumes after it.
 */
gboolean
co_mirror_sync_once (CoMirror            *mirror,
                     CoCouch             *couch,
                     CoProgressFunc       progress,
                     gpointer             progress_data,
                     CoMirrorSyncReport  *out_report,
                     GCancellable        *cancellable,
                     GError             **error)
{
  Sync sync = { mirror, couch, progress, progress_data, cancellable, { 0 }, FALSE, FALSE };
  g_autofree char *now = NULL;
  guint before;

  g_return_val_if_fail (CO_IS_MIRROR (mirror), FALSE);
  g_return_val_if_fail (CO_IS_COUCH (couch), FALSE);

  before = co_couch_get_requests (couch);
  if (!pull (&sync, error) || !push (&sync, error))
    return FALSE;
  sync.report.requests = co_couch_get_requests (couch) - before;
  now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
  /* Only what "sync status" shows: a sync that could not note it still synced. */
  if (!co_store_set_setting (co_mirror_get_store (mirror), CO_MIRROR_LAST_SYNC_KEY, now, NULL))
    g_debug ("Cannot note when the library last synced");
  report_progress (&sync, 1.0, _("Up to date"));
  if (out_report != NULL)
    *out_report = sync.report;
  return TRUE;
}

typedef struct
{
  CoCouch        *couch;
  CoProgressFunc  progress;
  gpointer        progress_data;
} Task;

static void
task_free (Task *task)
{
  g_object_unref (task->couch);
  g_free (task);
}

static void
sync_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Task *input = data;
  CoMirrorSyncReport *report = g_new0 (CoMirrorSyncReport, 1);
  GError *error = NULL;

  if (co_mirror_sync_once (source, input->couch, input->progress, input->progress_data, report,
                           cancellable, &error))
    g_task_return_pointer (task, report, g_free);
  else
    {
      g_free (report);
      g_task_return_error (task, error);
    }
}

/**
 * co_mirror_sync_async:
 * @mirror: the library's mirror
 * @couch: the database
 * @progress: (scope notified) (nullable): told how it goes, from the worker
 *   thread (a widget hands it over to its own thread, as the job queue does)
 * @progress_data: for @progress; it must live until the sync ends
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the sync ended
 * @user_data: for @callback
 *
 * Runs co_mirror_sync_once() in a worker thread.
 */
void
co_mirror_sync_async (CoMirror            *mirror,
                      CoCouch             *couch,
                      CoProgressFunc       progress,
                      gpointer             progress_data,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Task *input;

  g_return_if_fail (CO_IS_MIRROR (mirror));
  g_return_if_fail (CO_IS_COUCH (couch));

  task = g_task_new (mirror, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_mirror_sync_async);
  input = g_new0 (Task, 1);
  *input = (Task) { g_object_ref (couch), progress, progress_data };
  g_task_set_task_data (task, input, (GDestroyNotify)task_free);
  g_task_run_in_thread (task, sync_thread);
}

/**
 * co_mirror_sync_finish:
 * @mirror: the library's mirror
 * @result: the result given to the callback
 * @out_report: (out caller-allocates) (optional): what was done
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
co_mirror_sync_finish (CoMirror            *mirror,
                       GAsyncResult        *result,
                       CoMirrorSyncReport  *out_report,
                       GError             **error)
{
  g_autofree CoMirrorSyncReport *report = NULL;

  g_return_val_if_fail (g_task_is_valid (result, mirror), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == co_mirror_sync_async, FALSE);

  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report == NULL)
    return FALSE;
  if (out_report != NULL)
    *out_report = *report;
  return TRUE;
}

/**
 * co_mirror_sync_wait_remote:
 * @mirror: the library's mirror
 * @couch: the database
 * @timeout_ms: how long to wait at most
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Waits for a change on the server after the last one the library received
 * (`_changes` with `feed=longpoll`), for continuous sync.
 *
 * Returns: %TRUE when something changed, %FALSE when the time ran out or on
 *   errors (with @error set)
 */
gboolean
co_mirror_sync_wait_remote (CoMirror      *mirror,
                            CoCouch       *couch,
                            gint64         timeout_ms,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *id = replication_id (mirror, couch, "pull");
  g_autofree char *text = co_mirror_dup_checkpoint (mirror, id, NULL);
  g_autoptr(JsonObject) local = parse_object (text);
  g_autoptr(JsonNode) since = common_seq (local, local);
  g_autoptr(JsonObject) changes = NULL;

  changes = co_couch_changes (couch, since, 1, timeout_ms, cancellable, error);
  return changes != NULL &&
         json_array_get_length (co_mirror_json_array (changes, "results")) > 0;
}

typedef struct
{
  CoCouch *couch;
  gint64   timeout_ms;
} WaitTask;

static void
wait_task_free (gpointer data)
{
  WaitTask *wait = data;

  g_object_unref (wait->couch);
  g_free (wait);
}

/* Answers whether something changed, boxed: FALSE is an answer too. */
static gpointer
wait_work (gpointer       source,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  WaitTask *wait = data;
  GError *local = NULL;
  gboolean changed = co_mirror_sync_wait_remote (source, wait->couch, wait->timeout_ms,
                                                 cancellable, &local);

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return g_memdup2 (&changed, sizeof changed);
}

/**
 * co_mirror_sync_wait_remote_async:
 * @mirror: the library's mirror
 * @couch: the database
 * @timeout_ms: how long the server may hold the request without a change
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when a change came, the
 *   time ran out, or the request failed
 * @user_data: for @callback
 *
 * co_mirror_sync_wait_remote() in a worker thread, for the app's
 * continuous sync.
 */
void
co_mirror_sync_wait_remote_async (CoMirror            *mirror,
                                  CoCouch             *couch,
                                  gint64               timeout_ms,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  WaitTask *wait;

  g_return_if_fail (CO_IS_MIRROR (mirror));
  g_return_if_fail (CO_IS_COUCH (couch));

  wait = g_new0 (WaitTask, 1);
  *wait = (WaitTask) { g_object_ref (couch), timeout_ms };
  co_task_run_async (mirror, co_mirror_sync_wait_remote_async, wait_work, wait, wait_task_free,
                     g_free, cancellable, callback, user_data);
}

/**
 * co_mirror_sync_wait_remote_finish:
 * @mirror: the library's mirror
 * @result: the result given to the callback
 * @out_changed: (out): whether the server has a change the library has not
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server answered (a change, or the time ran out),
 *   %FALSE with the network's or the server's error, or cancelled
 */
gboolean
co_mirror_sync_wait_remote_finish (CoMirror      *mirror,
                                   GAsyncResult  *result,
                                   gboolean      *out_changed,
                                   GError       **error)
{
  g_autofree gboolean *changed = co_task_propagate (result, mirror,
                                                    co_mirror_sync_wait_remote_async, error);

  if (changed == NULL)
    return FALSE;
  *out_changed = *changed;
  return TRUE;
}

/**
 * co_mirror_sync_dup_push_since:
 * @mirror: the library's mirror
 * @couch: the database
 * @out_since: (out): the local sequence the last push to it reached
 *
 * Returns: (transfer full) (nullable): when the last push to @couch ended
 *   (its checkpoint's session), as ISO 8601, or %NULL when it never did
 */
char *
co_mirror_sync_dup_push_since (CoMirror *mirror,
                               CoCouch  *couch,
                               gint64   *out_since)
{
  g_autofree char *id = replication_id (mirror, couch, "push");
  g_autofree char *text = co_mirror_dup_checkpoint (mirror, id, NULL);
  g_autoptr(JsonObject) local = parse_object (text);
  g_autoptr(JsonNode) since = common_seq (local, local);
  JsonArray *history = local != NULL ? co_mirror_json_array (local, "history") : NULL;
  JsonObject *last = history != NULL && json_array_get_length (history) > 0
                     ? co_mirror_json_element (history, 0) : NULL;
  g_autoptr(GDateTime) end = NULL;

  *out_since = since != NULL && json_node_get_value_type (since) == G_TYPE_INT64
               ? json_node_get_int (since) : 0;
  if (last == NULL)
    return NULL;
  end = g_date_time_new_from_unix_utc (co_mirror_json_int (last, "end_time", 0) / G_USEC_PER_SEC);
  return end != NULL ? g_date_time_format_iso8601 (end) : NULL;
}
