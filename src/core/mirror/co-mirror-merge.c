/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-mirror-json.h"
#include "co-mirror-private.h"

/*
 * The received revisions of one document, merged with the local state.
 *
 * The leaves are the local revision (local changes get theirs first) and
 * the received ones; a leaf that another one descends from is history, and
 * a tombstone that closes a resolved branch says nothing.  One leaf left:
 * it is the record's state.  More: both sides changed the record, and
 * every library picks the same winner — a published draft over one that is
 * not, then the later modified_at, then CouchDB's order of revisions.  Each
 * loser with content is kept as a conflict copy (a record of its own, with
 * an id every library computes alike) and its branch is closed with a
 * tombstone that is sent to the server, so other libraries converge.  When
 * both sides published, the post ids of the loser join the winner.
 */

typedef struct
{
  CoMirror        *self;
  CoMirrorRecord  *record;
  GPtrArray       *leaves;    /* CoMirrorLeaf; the candidates */
  CoMirrorLeaf    *local;     /* borrowed from @leaves, or NULL */
  gboolean         lenient;
} Merge;

static gboolean
is_published (CoMirrorRecord *record,
              CoMirrorLeaf   *leaf)
{
  return record->kind == CO_MIRROR_KIND_DRAFT && !leaf->deleted &&
         g_strcmp0 (co_mirror_json_string (leaf->body, "stage"),
                    "published") == 0;
}

/* Positive when @a wins over @b. */
static int
compare_leaves (CoMirrorRecord *record,
                CoMirrorLeaf   *a,
                CoMirrorLeaf   *b)
{
  gint64 at_a = co_mirror_json_int (a->body, "modified_at", 0);
  gint64 at_b = co_mirror_json_int (b->body, "modified_at", 0);
  int gen_a = 0, gen_b = 0;
  const char *hash_a = "", *hash_b = "";

  if (is_published (record, a) != is_published (record, b))
    return is_published (record, a) ? 1 : -1;
  if (at_a != at_b)
    return at_a > at_b ? 1 : -1;
  _co_mirror_rev_parse (a->rev, &gen_a, &hash_a);
  _co_mirror_rev_parse (b->rev, &gen_b, &hash_b);
  if (gen_a != gen_b)
    return gen_a > gen_b ? 1 : -1;
  return strcmp (hash_a, hash_b);
}

static gboolean
has_leaf (GPtrArray  *leaves,
          const char *rev)
{
  for (guint i = 0; i < leaves->len; i++)
    {
      if (g_strcmp0 (((CoMirrorLeaf *)g_ptr_array_index (leaves, i))->rev, rev) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Adds the received leaves this library does not know yet. */
static void
add_received (Merge     *merge,
              GPtrArray *received)
{
  CoStore *store = co_mirror_get_store (merge->self);

  for (guint i = 0; received != NULL && i < received->len; i++)
    {
      CoMirrorLeaf *leaf = g_ptr_array_index (received, i);

      if (has_leaf (merge->leaves, leaf->rev) ||
          _co_mirror_is_known (store, merge->record, leaf->rev))
        continue;
      g_ptr_array_add (merge->leaves, _co_mirror_leaf_new (leaf->rev, leaf->ancestry,
                                                           leaf->deleted, leaf->body));
    }
}

/* Drops leaves that another leaf descends from, and closing tombstones
 * (remembered, so that they are never fetched again). */
static gboolean
drop_settled (Merge   *merge,
              GError **error)
{
  CoStore *store = co_mirror_get_store (merge->self);

  for (guint i = merge->leaves->len; i-- > 0;)
    {
      CoMirrorLeaf *leaf = g_ptr_array_index (merge->leaves, i);
      gboolean superseded = FALSE;

      for (guint j = 0; j < merge->leaves->len && !superseded; j++)
        superseded = j != i && _co_mirror_leaf_descends (g_ptr_array_index (merge->leaves, j),
                                                         leaf->rev);
      if (!superseded && !_co_mirror_leaf_is_closed (leaf))
        continue;
      if (leaf != merge->local && !_co_mirror_add_known (store, merge->record->doc_id, leaf,
                                                         TRUE, error))
        return FALSE;
      if (leaf == merge->local)
        merge->local = NULL;
      g_ptr_array_remove_index (merge->leaves, i);
    }
  return TRUE;
}

static CoMirrorLeaf *
pick_winner (Merge *merge)
{
  CoMirrorLeaf *winner = NULL;

  for (guint i = 0; i < merge->leaves->len; i++)
    {
      CoMirrorLeaf *leaf = g_ptr_array_index (merge->leaves, i);

      if (winner == NULL || compare_leaves (merge->record, leaf, winner) > 0)
        winner = leaf;
    }
  return winner;
}

/* Closes @loser's branch with a tombstone every library makes alike, to be
 * sent; keeps a copy of what it held. */
static gboolean
close_loser (Merge         *merge,
             CoMirrorLeaf  *loser,
             GError       **error)
{
  CoStore *store = co_mirror_get_store (merge->self);
  JsonObject *body = loser->body;
  g_autoptr(JsonObject) closing = NULL;
  g_autoptr(CoMirrorLeaf) tombstone = NULL;
  g_autofree char *rev = NULL;
  g_auto(GStrv) ancestry = NULL;

  if (merge->record->kind != CO_MIRROR_KIND_CONFLICT &&
      !co_mirror_json_true (body, "purged") &&
      !_co_mirror_add_conflict_copy (merge->self, merge->record, loser, error))
    return FALSE;
  closing = _co_mirror_body_new (merge->record->kind,
                                 co_mirror_json_int (body, "modified_at", 0),
                                 co_mirror_json_string_or (body, "modified_by", ""));
  json_object_set_boolean_member (closing, "closed", TRUE);
  rev = _co_mirror_rev_next (loser->rev, TRUE, closing);
  ancestry = _co_mirror_ancestry_extend (rev, loser->ancestry);
  tombstone = _co_mirror_leaf_new (rev, ancestry, TRUE, closing);
  return _co_mirror_add_known (store, merge->record->doc_id, tombstone, FALSE, error);
}

/* The post ids, addresses and times of @loser's variants that @winner lacks. */
static gboolean
take_publications (JsonObject *winner,
                   JsonObject *loser)
{
  JsonArray *ours = co_mirror_json_array (winner, "variants");
  JsonArray *theirs = co_mirror_json_array (loser, "variants");
  static const char *const fields[] = { "post_id", "post_url", "published_at" };
  gboolean changed = FALSE;

  for (guint i = 0; i < json_array_get_length (ours); i++)
    {
      JsonObject *variant = co_mirror_json_element (ours, i);

      for (guint j = 0; j < json_array_get_length (theirs); j++)
        {
          JsonObject *other = co_mirror_json_element (theirs, j);

          if (g_strcmp0 (json_object_get_string_member (variant, "platform"),
                         json_object_get_string_member (other, "platform")) != 0)
            continue;
          for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
            {
              if (!json_object_get_null_member (variant, fields[k]) ||
                  json_object_get_null_member (other, fields[k]))
                continue;
              json_object_set_member (variant, fields[k],
                                      json_node_copy (json_object_get_member (other, fields[k])));
              changed = TRUE;
            }
        }
    }
  return changed;
}

/* A body of @winner with the publications of the published losers, or NULL
 * when they add nothing. */
static JsonObject *
merge_publications (Merge        *merge,
                    CoMirrorLeaf *winner)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *text = NULL;
  gboolean changed = FALSE;

  if (!is_published (merge->record, winner))
    return NULL;
  /* A deep copy: json_node_copy() shares the members. */
  node = json_node_init_object (json_node_alloc (), winner->body);
  text = json_to_string (node, FALSE);
  copy = json_from_string (text, NULL);
  for (guint i = 0; i < merge->leaves->len; i++)
    {
      CoMirrorLeaf *leaf = g_ptr_array_index (merge->leaves, i);

      if (leaf != winner && is_published (merge->record, leaf))
        changed |= take_publications (json_node_get_object (copy), leaf->body);
    }
  return changed ? json_object_ref (json_node_get_object (copy)) : NULL;
}

static void
take_leaf_state (CoMirrorRecord *record,
                 CoMirrorLeaf   *leaf,
                 JsonObject     *body)
{
  g_free (record->rev);
  record->rev = g_strdup (leaf->rev);
  g_strfreev (record->ancestry);
  record->ancestry = g_strdupv (leaf->ancestry);
  record->deleted = leaf->deleted &&
                    co_mirror_json_true (body, "purged");
  record->modified_at = json_object_get_int_member (body, "modified_at");
  g_free (record->modified_by);
  record->modified_by = g_strdup (json_object_get_string_member (body, "modified_by"));
  record->dirty = FALSE;
}

/* Writes the winner into the library, with the publications of published
 * losers (a revision after the winner's, which every library makes alike:
 * it is built from the tables, as local changes are). */
static CoMirrorApply
apply_winner (Merge         *merge,
              CoMirrorLeaf  *winner,
              gboolean      *out_merged,
              GError       **error)
{
  CoStore *store = co_mirror_get_store (merge->self);
  g_autoptr(JsonObject) merged = merge_publications (merge, winner);
  JsonObject *body = merged != NULL ? merged : winner->body;
  g_autoptr(CoMirrorLeaf) rebuilt = NULL;
  CoMirrorApply result;

  *out_merged = merged != NULL;
  if (winner == merge->local && merged == NULL)
    return CO_MIRROR_APPLY_OK;
  result = _co_mirror_apply_body (store, merge->record, body, winner->deleted, merge->lenient,
                                  error);
  if (result == CO_MIRROR_APPLY_WAIT || result == CO_MIRROR_APPLY_FAILED)
    return result;
  take_leaf_state (merge->record, winner, winner->body);
  if (merged == NULL)
    return result;
  merge->record->dirty = TRUE;
  rebuilt = _co_mirror_materialize (store, merge->record, co_mirror_get_device (merge->self),
                                    error);
  return rebuilt != NULL ? result : CO_MIRROR_APPLY_FAILED;
}

static gboolean
wait_for_reference (Merge               *merge,
                    CoMirrorPullStats   *stats,
                    GError             **error)
{
  g_autoptr(GPtrArray) received = g_ptr_array_new ();

  for (guint i = 0; i < merge->leaves->len; i++)
    {
      if (g_ptr_array_index (merge->leaves, i) != merge->local)
        g_ptr_array_add (received, g_ptr_array_index (merge->leaves, i));
    }
  stats->waiting++;
  return _co_mirror_keep_waiting (merge->self, merge->record->doc_id, received, error);
}

/* Whether a revision written without a link may wait for @record: a vault
 * item (drafts link to it) or a draft (schedule entries refer to it), here. */
static gboolean
may_be_referred_to (CoMirrorRecord *record)
{
  return record->local_id != 0 &&
         (record->kind == CO_MIRROR_KIND_VAULT_ITEM || record->kind == CO_MIRROR_KIND_DRAFT);
}

static gboolean
settle (Merge              *merge,
        gboolean            existed,
        CoMirrorPullStats  *stats,
        GError            **error)
{
  CoStore *store = co_mirror_get_store (merge->self);
  CoMirrorLeaf *winner = pick_winner (merge);
  gboolean merged = FALSE;
  guint n_losers = merge->leaves->len - 1;

  switch (apply_winner (merge, winner, &merged, error))
    {
    case CO_MIRROR_APPLY_WAIT:
      return wait_for_reference (merge, stats, error);
    case CO_MIRROR_APPLY_FAILED:
      g_prefix_error (error, _("Cannot write the document “%s” from the server: "),
                      merge->record->doc_id);
      return FALSE;
    case CO_MIRROR_APPLY_PARTIAL:
      if (!merged && !_co_mirror_keep_partial (store, merge->record->doc_id, winner, error))
        return FALSE;
      break;
    default:
      if (winner != merge->local &&
          !_co_mirror_drop_partial (store, merge->record->doc_id, error))
        return FALSE;
      break;
    }
  for (guint i = 0; i < merge->leaves->len; i++)
    {
      CoMirrorLeaf *leaf = g_ptr_array_index (merge->leaves, i);

      if (leaf != winner && !close_loser (merge, leaf, error))
        return FALSE;
    }
  stats->conflicts += n_losers > 0;
  stats->applied += winner != merge->local;
  if (winner == merge->local && n_losers == 0 && existed)
    return TRUE;
  /* Closed branches and merged publications go to the server; what was
   * written without a link to this record gets it. */
  return _co_mirror_record_save (store, merge->record, n_losers > 0 || merged, error) &&
         (!may_be_referred_to (merge->record) ||
          _co_mirror_complete_partials (store, merge->record->doc_id, error));
}

static CoMirrorRecord *
new_record (const char *doc_id)
{
  CoMirrorRecord *record = g_new0 (CoMirrorRecord, 1);

  /* The caller checked the id. */
  if (!_co_mirror_kind_for_doc_id (doc_id, &record->kind))
    g_assert_not_reached ();
  record->doc_id = g_strdup (doc_id);
  record->ancestry = g_new0 (char *, 1);
  return record;
}

/**
 * _co_mirror_merge_doc:
 * @self: a #CoMirror; the store is in a write transaction, with the mirror
 *   applying
 * @doc_id: a document of a kind this library keeps
 * @received: (element-type CoMirrorLeaf) (nullable): validated revisions of
 *   it from the server (those waiting from earlier pulls join them)
 * @lenient: write what can be written even when a record it refers to is
 *   missing
 * @stats: (inout): counts what was done
 * @error: return location for a #GError
 *
 * Merges the received revisions of one document with the local state.
 *
 * Returns: %TRUE on success (a document left waiting is a success)
 */
gboolean
_co_mirror_merge_doc (CoMirror           *self,
                      const char         *doc_id,
                      GPtrArray          *received,
                      gboolean            lenient,
                      CoMirrorPullStats  *stats,
                      GError            **error)
{
  CoStore *store = co_mirror_get_store (self);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CoMirrorRecord) record = _co_mirror_record_load (store, doc_id, &local_error);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) leaves = _co_mirror_leaf_array_new ();
  Merge merge = { self, NULL, leaves, NULL, lenient };
  gboolean existed = record != NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  waiting = _co_mirror_take_waiting (self, doc_id, error);
  if (waiting == NULL)
    return FALSE;
  merge.record = record = existed ? record : new_record (doc_id);
  if (existed)
    {
      merge.local = _co_mirror_materialize (store, record, co_mirror_get_device (self), error);
      if (merge.local == NULL)
        return FALSE;
      g_ptr_array_add (leaves, merge.local);
    }
  add_received (&merge, waiting);
  add_received (&merge, received);
  if (leaves->len == (existed ? 1u : 0u))
    return TRUE;
  if (!drop_settled (&merge, error))
    return FALSE;
  if (leaves->len == 0)
    return TRUE;
  return settle (&merge, existed, stats, error);
}
