/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "co-mirror-error.h"
#include "co-store.h"

G_BEGIN_DECLS

/*
 * The local side of the cloud mirror: what the CouchDB replication reads from
 * and writes to this library.  Records (vault items, drafts, schedule
 * entries, conflict copies) are documents with revisions; local changes are
 * marked by the database itself and get a revision when they are sent.  No
 * network here: the replication (sync/mirror) moves the documents.
 */

/**
 * CoMirrorKeep:
 * @CO_MIRROR_KEEP_LOCAL: keep the version made in this library (or, when
 *   neither was, the one it has now)
 * @CO_MIRROR_KEEP_REMOTE: keep the version that came from elsewhere
 */
typedef enum
{
  CO_MIRROR_KEEP_LOCAL,
  CO_MIRROR_KEEP_REMOTE,
} CoMirrorKeep;

/**
 * CoMirrorConflict:
 * @id: the conflict's id in this library
 * @doc_id: the conflict copy's document id (the same in every library)
 * @record_id: the document id of the record it is a copy of
 * @record_type: "vault_item", "draft" or "schedule"
 * @local_id: the record's id in its table here (vault item or draft id), or 0
 * @lost_rev: the revision that lost
 * @copy: the losing version's body
 * @current: (nullable): the record's body as it is now, %NULL when it is gone
 * @modified_at: when the losing edit was made (µs since 1970, UTC)
 * @copy_is_local: whether the losing edit was made in this library
 *
 * A conflict copy: when two libraries changed one record, the later change
 * won and the other is kept here, to compare and restore.
 */
typedef struct
{
  gint64    id;
  char     *doc_id;
  char     *record_id;
  char     *record_type;
  gint64    local_id;
  char     *lost_rev;
  JsonNode *copy;
  JsonNode *current;
  gint64    modified_at;
  gboolean  copy_is_local;
} CoMirrorConflict;

void co_mirror_conflict_free (CoMirrorConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoMirrorConflict, co_mirror_conflict_free)
JsonNode *co_mirror_conflict_to_json (CoMirrorConflict *conflict);

/**
 * CoMirrorPullStats:
 * @applied: revisions written into the library
 * @conflicts: conflicts resolved (each left a conflict copy or closed a
 *   losing deletion)
 * @waiting: documents waiting for a record they refer to
 *
 * What one batch of received documents did.
 */
typedef struct
{
  guint applied;
  guint conflicts;
  guint waiting;
} CoMirrorPullStats;

/**
 * CoMirrorStatus:
 * @records: records the mirror knows (tombstones included)
 * @changed: records with changes not sent since @since
 * @conflicts: conflict copies to look at
 * @waiting: received documents waiting for a record they refer to
 */
typedef struct
{
  gint64 records;
  gint64 changed;
  gint64 conflicts;
  gint64 waiting;
} CoMirrorStatus;

#define CO_TYPE_MIRROR (co_mirror_get_type ())
G_DECLARE_FINAL_TYPE (CoMirror, co_mirror, CO, MIRROR, GObject)

CoMirror    *co_mirror_new               (CoStore             *store,
                                          GError             **error);
CoStore     *co_mirror_get_store         (CoMirror            *self);
const char  *co_mirror_get_device        (CoMirror            *self);

/* Sending: the source side of a push. */
GPtrArray   *co_mirror_read_changes      (CoMirror            *self,
                                          gint64               since,
                                          guint                limit,
                                          gint64              *out_last_seq,
                                          GError             **error);
gboolean     co_mirror_mark_sent         (CoMirror            *self,
                                          GPtrArray           *docs,
                                          GError             **error);
gint64       co_mirror_get_last_seq      (CoMirror            *self,
                                          GError             **error);

/* Receiving: the target side of a pull. */
JsonObject  *co_mirror_revs_diff         (CoMirror            *self,
                                          JsonObject          *revs,
                                          GError             **error);
gboolean     co_mirror_apply_docs        (CoMirror            *self,
                                          GPtrArray           *docs,
                                          const char          *replication_id,
                                          const char          *checkpoint,
                                          CoMirrorPullStats   *out_stats,
                                          GError             **error);
gboolean     co_mirror_settle_waiting    (CoMirror            *self,
                                          CoMirrorPullStats   *out_stats,
                                          GError             **error);

/* The local copies of the replication checkpoints. */
char        *co_mirror_dup_checkpoint    (CoMirror            *self,
                                          const char          *replication_id,
                                          char               **out_remote_rev);
gboolean     co_mirror_set_checkpoint    (CoMirror            *self,
                                          const char          *replication_id,
                                          const char          *checkpoint,
                                          const char          *remote_rev,
                                          GError             **error);
gboolean     co_mirror_forget_checkpoints (CoMirror           *self,
                                           GError            **error);

/* What the user sees. */
gboolean     co_mirror_get_status        (CoMirror            *self,
                                          gint64               since,
                                          CoMirrorStatus      *out_status,
                                          GError             **error);
gint64       co_mirror_count_conflicts   (CoMirror            *self,
                                          GError             **error);
GPtrArray   *co_mirror_list_conflicts    (CoMirror            *self,
                                          GError             **error);
CoMirrorConflict *co_mirror_get_conflict (CoMirror            *self,
                                          const char          *id,
                                          GError             **error);
gboolean     co_mirror_resolve           (CoMirror            *self,
                                          const char          *id,
                                          CoMirrorKeep         keep,
                                          GError             **error);
char        *co_mirror_dup_record_id     (CoMirror            *self,
                                          const char          *kind,
                                          gint64               local_id);

G_END_DECLS
