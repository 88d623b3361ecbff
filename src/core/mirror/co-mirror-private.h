/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "co-mirror.h"
#include "co-store-private.h"

G_BEGIN_DECLS

/*
 * The parts of the mirror's core that its files share.  Everything here runs
 * with the store's lock held, most of it inside a write transaction.
 */

/* A revision's history is kept for this many revisions (CouchDB's revs_limit
 * is 1000; a conflict older than this is taken for an unrelated edit). */
#define CO_MIRROR_MAX_ANCESTRY 100

/* The shape of the documents (README.md says what each field means). */
#define CO_MIRROR_SCHEMA 1

typedef enum
{
  CO_MIRROR_KIND_VAULT_ITEM,
  CO_MIRROR_KIND_DRAFT,
  CO_MIRROR_KIND_SCHEDULE,
  CO_MIRROR_KIND_CONFLICT,
} CoMirrorKind;

#define CO_MIRROR_N_KINDS (CO_MIRROR_KIND_CONFLICT + 1)

const char *_co_mirror_kind_to_string   (CoMirrorKind   kind);
gboolean    _co_mirror_kind_for_doc_id  (const char    *doc_id,
                                         CoMirrorKind  *out_kind);

/* co-mirror-rev.c: revisions ("N-hash") and their histories (ancestries:
 * the hashes, newest first, the first one the revision's own). */
gboolean    _co_mirror_rev_parse        (const char    *rev,
                                         int           *out_generation,
                                         const char   **out_hash);
char       *_co_mirror_rev_next         (const char    *parent,
                                         gboolean       deleted,
                                         JsonObject    *body);
char      **_co_mirror_ancestry_extend  (const char    *rev,
                                         char         **parent_ancestry);
gboolean    _co_mirror_ancestry_has     (const char    *tip,
                                         char         **ancestry,
                                         const char    *rev);
char      **_co_mirror_ancestry_parse   (const char    *json);
char       *_co_mirror_ancestry_to_json (char         **ancestry);
JsonObject *_co_mirror_revisions_json   (const char    *rev,
                                         char         **ancestry);
char       *_co_mirror_hash_text        (const char    *first,
                                         ...) G_GNUC_NULL_TERMINATED;

/* One revision of a document: its body (the members without a leading
 * underscore), whether it is deleted, and its history. */
typedef struct
{
  char        *rev;
  char       **ancestry;
  gboolean     deleted;
  JsonObject  *body;
} CoMirrorLeaf;

CoMirrorLeaf *_co_mirror_leaf_new        (const char    *rev,
                                          char         **ancestry,
                                          gboolean       deleted,
                                          JsonObject    *body);
CoMirrorLeaf *_co_mirror_leaf_from_doc   (JsonObject    *doc,
                                          GError       **error);
JsonNode     *_co_mirror_leaf_to_doc     (CoMirrorLeaf  *leaf,
                                          const char    *doc_id);
void          _co_mirror_leaf_free       (CoMirrorLeaf  *leaf);
GPtrArray    *_co_mirror_leaf_array_new  (void);
gboolean      _co_mirror_leaf_descends   (CoMirrorLeaf  *leaf,
                                          const char    *rev);
gboolean      _co_mirror_leaf_is_closed  (CoMirrorLeaf  *leaf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoMirrorLeaf, _co_mirror_leaf_free)

/* A row of mirror_records. */
typedef struct
{
  char          *doc_id;
  CoMirrorKind   kind;
  gint64         local_id;
  char          *rev;
  char         **ancestry;
  gboolean       dirty;
  gboolean       deleted;
  gint64         modified_at;
  char          *modified_by;
  gint64         seq;
} CoMirrorRecord;

#define CO_MIRROR_RECORD_COLUMNS \
  "doc_id, kind, local_id, rev, ancestry, dirty, deleted, modified_at, modified_by, seq"

CoMirrorRecord *_co_mirror_record_from_row (sqlite3_stmt   *stmt);
CoMirrorRecord *_co_mirror_record_load     (CoStore        *store,
                                            const char     *doc_id,
                                            GError        **error);
void            _co_mirror_record_free     (CoMirrorRecord *record);
gboolean        _co_mirror_record_save     (CoStore        *store,
                                            CoMirrorRecord *record,
                                            gboolean        bump_seq,
                                            GError        **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoMirrorRecord, _co_mirror_record_free)

/* co-mirror-build.c: a record's local state as a document body. */
JsonObject *_co_mirror_build_body        (CoStore         *store,
                                          CoMirrorRecord  *record,
                                          const char      *device,
                                          GError         **error);
JsonObject *_co_mirror_body_new          (CoMirrorKind     kind,
                                          gint64           modified_at,
                                          const char      *modified_by);
CoMirrorLeaf *_co_mirror_materialize     (CoStore         *store,
                                          CoMirrorRecord  *record,
                                          const char      *device,
                                          GError         **error);

/* co-mirror-validate.c: a received body against the shape of its type. */
gboolean    _co_mirror_validate          (const char      *doc_id,
                                          CoMirrorLeaf    *leaf,
                                          GError         **error);

/* co-mirror-apply*.c: a body written into the local tables.  @record's
 * local_id is set when the apply created the row. */
typedef enum
{
  CO_MIRROR_APPLY_OK,
  CO_MIRROR_APPLY_WAIT,      /* a record it refers to is not here yet */
  CO_MIRROR_APPLY_PARTIAL,   /* written (leniently) without a link to a
                              * record that is not here: the revision
                              * waits to be written again in full */
  CO_MIRROR_APPLY_FAILED,
} CoMirrorApply;

CoMirrorApply _co_mirror_apply_body      (CoStore         *store,
                                          CoMirrorRecord  *record,
                                          JsonObject      *body,
                                          gboolean         deleted,
                                          gboolean         lenient,
                                          GError         **error);
CoMirrorApply _co_mirror_apply_vault_item (CoStore        *store,
                                           CoMirrorRecord *record,
                                           JsonObject     *body,
                                           gboolean        deleted,
                                           GError        **error);
CoMirrorApply _co_mirror_apply_draft     (CoStore         *store,
                                          CoMirrorRecord  *record,
                                          JsonObject      *body,
                                          gboolean         deleted,
                                          gboolean         lenient,
                                          GError         **error);
CoMirrorApply _co_mirror_apply_schedule  (CoStore         *store,
                                          CoMirrorRecord  *record,
                                          JsonObject      *body,
                                          gboolean         deleted,
                                          gboolean         lenient,
                                          GError         **error);
CoMirrorApply _co_mirror_apply_conflict  (CoStore         *store,
                                          CoMirrorRecord  *record,
                                          JsonObject      *body,
                                          gboolean         deleted,
                                          GError         **error);
void          _co_mirror_bind_members    (sqlite3_stmt       *stmt,
                                          int                 first,
                                          JsonObject         *body,
                                          const char * const *names);
gint64        _co_mirror_step_id         (CoStore         *store,
                                          sqlite3_stmt    *stmt,
                                          GError         **error);
gint64        _co_mirror_local_id        (CoStore         *store,
                                          CoMirrorKind     kind,
                                          const char      *doc_id);
gboolean      _co_mirror_set_applying    (CoStore         *store,
                                          gboolean         applying,
                                          GError         **error);

/* co-mirror-merge.c: the documents of one pull, merged with the local state. */
gboolean    _co_mirror_merge_doc         (CoMirror           *self,
                                          const char         *doc_id,
                                          GPtrArray          *leaves,
                                          gboolean            lenient,
                                          CoMirrorPullStats  *stats,
                                          GError            **error);

/* co-mirror-conflicts.c */
gboolean    _co_mirror_add_conflict_copy (CoMirror           *self,
                                          CoMirrorRecord     *record,
                                          CoMirrorLeaf       *loser,
                                          GError            **error);

/* co-mirror-pull.c: documents waiting for a record they refer to. */
GPtrArray  *_co_mirror_take_waiting      (CoMirror           *self,
                                          const char         *doc_id,
                                          GError            **error);
gboolean    _co_mirror_keep_partial      (CoStore            *store,
                                          const char         *doc_id,
                                          CoMirrorLeaf       *leaf,
                                          GError            **error);
gboolean    _co_mirror_drop_partial      (CoStore            *store,
                                          const char         *doc_id,
                                          GError            **error);
gboolean    _co_mirror_keep_links_to     (CoStore            *store,
                                          gint64              item_id,
                                          GError            **error);
gboolean    _co_mirror_complete_partials (CoStore            *store,
                                          const char         *doc_id,
                                          GError            **error);
gboolean    _co_mirror_keep_waiting      (CoMirror           *self,
                                          const char         *doc_id,
                                          GPtrArray          *leaves,
                                          GError            **error);
gboolean    _co_mirror_add_known         (CoStore            *store,
                                          const char         *doc_id,
                                          CoMirrorLeaf       *leaf,
                                          gboolean            pushed,
                                          GError            **error);
gboolean    _co_mirror_is_known          (CoStore            *store,
                                          CoMirrorRecord     *record,
                                          const char         *rev);

G_END_DECLS
