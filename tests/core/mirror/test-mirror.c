/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-mirror-private.h"
#include "co-test-mirror.h"
#include "co-test-util.h"

/*
 * The mirror's local side without a server: local changes marked and given
 * revisions, documents written into another library, the conflict rule,
 * waiting references, tombstones, checkpoints, and the upgrade that brings
 * the mirror to an existing library.
 */

typedef struct
{
  CoTestSide *a;
  CoTestSide *b;
  gint64      a_sent;   /* how far a's changes reached b */
  gint64      b_sent;
} Pair;

static void
pair_set_up (Pair          *pair,
             gconstpointer  data)
{
  pair->a = co_test_side_new ("a");
  pair->b = co_test_side_new ("b");
}

static void
pair_tear_down (Pair          *pair,
                gconstpointer  data)
{
  g_clear_pointer (&pair->a, co_test_side_free);
  g_clear_pointer (&pair->b, co_test_side_free);
}

#define PAIR_TEST(path, func) \
  g_test_add (path, Pair, NULL, pair_set_up, func, pair_tear_down)

static GPtrArray *
read_changes (CoTestSide *side,
              gint64      since,
              gint64     *out_last)
{
  g_autoptr(GError) error = NULL;
  gint64 last = 0;
  GPtrArray *docs = co_mirror_read_changes (side->mirror, since, 100, &last, &error);

  g_assert_no_error (error);
  if (out_last != NULL)
    *out_last = last;
  return docs;
}

static JsonObject *
doc_at (GPtrArray *docs,
        guint      index)
{
  return json_node_get_object (g_ptr_array_index (docs, index));
}

static char *
doc_id_of (CoTestSide *side,
           const char *kind,
           gint64      local_id)
{
  char *doc_id = co_mirror_dup_record_id (side->mirror, kind, local_id);

  g_assert_nonnull (doc_id);
  return doc_id;
}

static void
sync_both (Pair *pair)
{
  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
  co_test_side_exchange (pair->b, pair->a, &pair->b_sent);
  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
}

static void
assert_converged (Pair *pair)
{
  g_autofree char *a = co_test_side_state (pair->a);
  g_autofree char *b = co_test_side_state (pair->b);

  g_assert_cmpstr (a, ==, b);
}

/* Every local change marks its record; sending gives it the next revision. */
static void
test_marks (Pair          *pair,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = co_test_side_add_note (pair->a, "First idea", "ideas");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) second = NULL;
  JsonObject *doc, *revisions;
  gint64 last = 0, after = 0;

  first = read_changes (pair->a, 0, &last);
  g_assert_cmpuint (first->len, ==, 1);
  doc = doc_at (first, 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (doc, "_id"), "vault:"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (doc, "_rev"), "1-"));
  g_assert_cmpstr (json_object_get_string_member (doc, "type"), ==, "vault_item");
  g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==, "First idea");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (doc, "tags"), 0),
                   ==, "ideas");
  g_assert_cmpstr (json_object_get_string_member (doc, "modified_by"), ==,
                   co_mirror_get_device (pair->a->mirror));

  none = read_changes (pair->a, last, &after);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpint (after, ==, last);

  g_assert_true (co_vault_update_text (pair->a->vault, id, "Better idea", NULL, &error));
  g_assert_no_error (error);
  second = read_changes (pair->a, last, NULL);
  g_assert_cmpuint (second->len, ==, 1);
  doc = doc_at (second, 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (doc, "_rev"), "2-"));
  revisions = json_object_get_object_member (doc, "_revisions");
  g_assert_cmpint (json_object_get_int_member (revisions, "start"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (revisions, "ids")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (doc, "_id"), ==,
                   json_object_get_string_member (doc_at (first, 0), "_id"));
}

/* The same state always makes the same revision: a replay after a crash
 * sends what was sent before. */
static void
test_revision_stable (Pair          *pair,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(JsonNode) a = NULL;

  co_test_side_add_draft (pair->a, "Launch", co_test_side_add_note (pair->a, "Clip", NULL));
  first = read_changes (pair->a, 0, NULL);
  again = read_changes (pair->a, 0, NULL);
  g_assert_cmpuint (first->len, ==, 2);
  for (guint i = 0; i < first->len; i++)
    {
      g_autofree char *one = json_to_string (g_ptr_array_index (first, i), FALSE);
      g_autofree char *two = json_to_string (g_ptr_array_index (again, i), FALSE);

      g_assert_cmpstr (one, ==, two);
    }
}

/* A library receives another's vault items, drafts and schedule, exactly. */
static void
test_round_trip (Pair          *pair,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 note = co_test_side_add_note (pair->a, "Sunset", "travel");
  gint64 link = co_vault_add_link (pair->a->vault, "https://example.com/a", "A page", "notes",
                                   NULL, &error);
  gint64 draft = co_test_side_add_draft (pair->a, "Trip report", note);
  g_autofree char *draft_id = doc_id_of (pair->a, "draft", draft);
  g_autoptr(CoDraft) received = NULL;
  g_autoptr(GPtrArray) nothing = NULL;
  g_autofree char *state_a = NULL;
  g_autofree char *state_again = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (link, >, 0);
  g_assert_true (co_drafts_set_variant (pair->a->drafts, draft, CO_PLATFORM_X, NULL,
                                        "Short text for X", &error));
  g_assert_no_error (error);
  co_test_side_schedule (pair->a, draft, CO_PLATFORM_X, 24 * 60);

  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
  assert_converged (pair);
  received = co_drafts_get (pair->b->drafts, co_test_side_local_id (pair->b, draft_id), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_draft_get_title (received), ==, "Trip report");
  g_assert_cmpstr (co_draft_variant_get_text (co_draft_get_variant (received, CO_PLATFORM_X)), ==,
                   "Short text for X");
  g_assert_cmpint (co_draft_variant_get_scheduled_at (co_draft_get_variant (received,
                                                                             CO_PLATFORM_X)), >, 0);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM draft_items"), ==, 1);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM vault_fts"
                                                " WHERE vault_fts MATCH 'travel'"), ==, 1);
  /* What came from the server is not sent back. */
  nothing = read_changes (pair->b, 0, NULL);
  g_assert_cmpuint (nothing->len, ==, 0);
  /* And sending it again changes nothing. */
  state_a = co_test_side_state (pair->b);
  pair->a_sent = 0;
  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
  state_again = co_test_side_state (pair->b);
  g_assert_cmpstr (state_again, ==, state_a);
}

/* Dates a record's last local change, so that a test says which of two
 * changes is the later without waiting for the clock. */
static void
date_change (CoTestSide *side,
             const char *doc_id,
             gint64      modified_at)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (side->store);
  g_autofree char *sql = g_strdup_printf ("UPDATE mirror_records SET modified_at = %lld"
                                          " WHERE doc_id = '%s'", (long long)modified_at, doc_id);

  g_assert_cmpint (sqlite3_exec (_co_store_get_db (side->store), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

static void
edit_title (CoTestSide *side,
            const char *doc_id,
            const char *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (co_vault_update_text (side->vault, co_test_side_local_id (side, doc_id), title,
                                       NULL, &error));
  g_assert_no_error (error);
}

/* Both sides changed one record: the later change wins everywhere, the
 * other is a conflict copy everywhere, and restoring it is a change. */
static void
test_conflict (Pair          *pair,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = doc_id_of (pair->a, "vault_item",
                                   co_test_side_add_note (pair->a, "Original", NULL));
  g_autoptr(GPtrArray) on_a = NULL;
  g_autoptr(GPtrArray) on_b = NULL;
  g_autofree char *title = NULL;
  CoMirrorConflict *conflict;

  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
  edit_title (pair->a, id, "Edited on A");
  edit_title (pair->b, id, "Edited on B");
  date_change (pair->a, id, G_GINT64_CONSTANT (1800000000000000));
  date_change (pair->b, id, G_GINT64_CONSTANT (1800000000000001));
  sync_both (pair);
  assert_converged (pair);

  title = co_test_side_title (pair->a, id);
  g_assert_cmpstr (title, ==, "Edited on B");
  on_a = co_mirror_list_conflicts (pair->a->mirror, &error);
  on_b = co_mirror_list_conflicts (pair->b->mirror, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (on_a->len, ==, 1);
  g_assert_cmpuint (on_b->len, ==, 1);
  g_assert_cmpint (co_mirror_count_conflicts (pair->a->mirror, &error), ==, 1);
  g_assert_no_error (error);
  conflict = g_ptr_array_index (on_a, 0);
  g_assert_cmpstr (conflict->doc_id, ==, ((CoMirrorConflict *)g_ptr_array_index (on_b, 0))->doc_id);
  g_assert_cmpstr (conflict->record_id, ==, id);
  g_assert_true (conflict->copy_is_local);
  g_assert_false (((CoMirrorConflict *)g_ptr_array_index (on_b, 0))->copy_is_local);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (conflict->copy), "title"),
                   ==, "Edited on A");

  /* A keeps its own version: restored there, and sent. */
  g_assert_true (co_mirror_resolve (pair->a->mirror, conflict->doc_id, CO_MIRROR_KEEP_LOCAL,
                                    &error));
  g_assert_no_error (error);
  sync_both (pair);
  assert_converged (pair);
  g_free (title);
  title = co_test_side_title (pair->b, id);
  g_assert_cmpstr (title, ==, "Edited on A");
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM mirror_conflicts"), ==, 0);
  g_assert_cmpint (co_test_side_count (pair->a, "SELECT count (*) FROM mirror_conflicts"), ==, 0);
  g_assert_cmpint (co_mirror_count_conflicts (pair->a->mirror, &error), ==, 0);
  g_assert_no_error (error);
}

/* Two libraries that resolve the same conflict on their own make the same
 * documents: no second conflict follows. */
static void
test_conflict_both_resolve (Pair          *pair,
                            gconstpointer  data)
{
  g_autofree char *id = doc_id_of (pair->a, "vault_item",
                                   co_test_side_add_note (pair->a, "Original", NULL));
  g_autoptr(GPtrArray) from_a = NULL;
  g_autoptr(GPtrArray) from_b = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a_last = 0, b_last = 0;

  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
  edit_title (pair->a, id, "A");
  edit_title (pair->b, id, "B");
  from_a = read_changes (pair->a, pair->a_sent, &a_last);
  from_b = read_changes (pair->b, 0, &b_last);
  g_assert_true (co_mirror_apply_docs (pair->b->mirror, from_a, NULL, NULL, NULL, &error));
  g_assert_true (co_mirror_apply_docs (pair->a->mirror, from_b, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pair->a_sent = a_last;
  pair->b_sent = b_last;
  sync_both (pair);
  assert_converged (pair);
  g_assert_cmpint (co_test_side_count (pair->a, "SELECT count (*) FROM mirror_conflicts"), ==, 1);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM mirror_conflicts"), ==, 1);
  g_assert_cmpint (co_test_side_count (pair->a, "SELECT count (*) FROM mirror_losers"), ==, 1);
}

/* A draft that arrives before the vault item it links waits for it. */
static void
test_waiting (Pair          *pair,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 item = co_test_side_add_note (pair->a, "Clip", NULL);
  gint64 draft = co_test_side_add_draft (pair->a, "Uses the clip", item);
  g_autofree char *draft_id = doc_id_of (pair->a, "draft", draft);
  g_autoptr(GPtrArray) docs = read_changes (pair->a, 0, NULL);
  g_autoptr(GPtrArray) draft_only = g_ptr_array_new ();
  g_autoptr(GPtrArray) item_only = g_ptr_array_new ();
  CoMirrorPullStats stats = { 0 };

  for (guint i = 0; i < docs->len; i++)
    g_ptr_array_add (g_str_has_prefix (json_object_get_string_member (doc_at (docs, i), "_id"),
                                       "draft:") ? draft_only : item_only,
                     g_ptr_array_index (docs, i));
  g_assert_true (co_mirror_apply_docs (pair->b->mirror, draft_only, NULL, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.waiting, ==, 1);
  g_assert_cmpint (co_test_side_local_id (pair->b, draft_id), ==, 0);

  g_assert_true (co_mirror_apply_docs (pair->b->mirror, item_only, NULL, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.waiting, ==, 0);
  g_assert_cmpint (co_test_side_local_id (pair->b, draft_id), >, 0);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM draft_items"), ==, 1);
  assert_converged (pair);
}

/* At the end of a pull a draft whose item never comes is written without
 * the link. */
static void
test_settle_waiting (Pair          *pair,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 item = co_test_side_add_note (pair->a, "Clip", NULL);
  g_autofree char *draft_id = doc_id_of (pair->a, "draft",
                                         co_test_side_add_draft (pair->a, "Uses it", item));
  g_autoptr(GPtrArray) docs = read_changes (pair->a, 0, NULL);
  CoMirrorPullStats stats = { 0 };

  g_ptr_array_remove_index (docs, 0);   /* the item */
  g_assert_true (co_mirror_apply_docs (pair->b->mirror, docs, NULL, NULL, &stats, &error));
  g_assert_cmpuint (stats.waiting, ==, 1);
  g_assert_true (co_mirror_settle_waiting (pair->b->mirror, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.waiting, ==, 0);
  g_assert_cmpint (co_test_side_local_id (pair->b, draft_id), >, 0);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM draft_items"), ==, 0);
}

/* A draft written without its item gets the link when the item comes in a
 * later pull, under the same revision. */
static void
test_settle_then_item (Pair          *pair,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 item = co_test_side_add_note (pair->a, "Clip", NULL);
  g_autofree char *draft_id = doc_id_of (pair->a, "draft",
                                         co_test_side_add_draft (pair->a, "Uses it", item));
  g_autoptr(GPtrArray) docs = read_changes (pair->a, 0, NULL);
  g_autoptr(GPtrArray) item_only = g_ptr_array_new ();
  CoMirrorPullStats stats = { 0 };

  g_ptr_array_add (item_only, json_node_ref (g_ptr_array_index (docs, 0)));
  g_ptr_array_set_free_func (item_only, (GDestroyNotify)json_node_unref);
  g_ptr_array_remove_index (docs, 0);
  g_assert_true (co_mirror_apply_docs (pair->b->mirror, docs, NULL, NULL, &stats, &error));
  g_assert_true (co_mirror_settle_waiting (pair->b->mirror, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM draft_items"), ==, 0);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM mirror_partial"), ==, 1);

  g_assert_true (co_mirror_apply_docs (pair->b->mirror, item_only, NULL, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM draft_items"), ==, 1);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM mirror_partial"), ==, 0);
  g_assert_cmpint (co_test_side_local_id (pair->b, draft_id), >, 0);
  assert_converged (pair);
}

/* A purge received from a third library takes a draft's link away here;
 * when an edit that won over the purge brings the item back, the link
 * comes back with it. */
static void
test_purge_lost_keeps_links (Pair          *pair,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CoTestSide *c = co_test_side_new ("c");
  gint64 a_to_c = 0, c_to_b = 0;
  gint64 item = co_test_side_add_note (pair->a, "Clip", NULL);
  g_autofree char *item_id = doc_id_of (pair->a, "vault_item", item);
  CoVaultPurgeReport report;

  co_test_side_exchange (pair->a, c, &a_to_c);
  co_test_side_add_draft (pair->a, "Uses the clip", item);
  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM draft_items"), ==, 1);

  /* c never saw the draft: it empties its trash of the item. */
  g_assert_true (co_vault_trash (c->vault, co_test_side_local_id (c, item_id), &error));
  g_assert_true (co_vault_purge (c->vault, &report, &error));
  g_assert_no_error (error);
  co_test_side_exchange (c, pair->b, &c_to_b);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM vault_items"), ==, 0);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM draft_items"), ==, 0);

  /* a renamed the item later than c purged it: the edit wins. */
  edit_title (pair->a, item_id, "Clip, renamed");
  date_change (pair->a, item_id, g_get_real_time () + G_TIME_SPAN_HOUR);
  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM vault_items"), ==, 1);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM draft_items"), ==, 1);
  co_test_side_free (c);
}

/* The trash and a purge are deletions; a restore is the revision after. */
static void
test_trash_and_purge (Pair          *pair,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 item = co_test_side_add_note (pair->a, "Old", NULL);
  g_autofree char *id = doc_id_of (pair->a, "vault_item", item);
  g_autoptr(GPtrArray) docs = NULL;
  CoVaultPurgeReport report;

  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
  g_assert_true (co_vault_trash (pair->a->vault, item, &error));
  docs = read_changes (pair->a, pair->a_sent, NULL);
  g_assert_true (json_object_get_boolean_member (doc_at (docs, 0), "_deleted"));
  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM vault_items"
                                                " WHERE trashed_at IS NOT NULL"), ==, 1);
  g_assert_true (co_vault_restore (pair->b->vault, co_test_side_local_id (pair->b, id), &error));
  co_test_side_exchange (pair->b, pair->a, &pair->b_sent);
  g_assert_cmpint (co_test_side_count (pair->a, "SELECT count (*) FROM vault_items"
                                                " WHERE trashed_at IS NULL"), ==, 1);
  g_assert_true (co_vault_trash (pair->a->vault, item, &error));
  g_assert_true (co_vault_purge (pair->a->vault, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.items, ==, 1);
  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM vault_items"), ==, 0);
  g_assert_cmpint (co_test_side_local_id (pair->b, id), ==, 0);
  assert_converged (pair);
}

/* A published draft wins over a later edit that is not published, and both
 * sides' post ids stay when both published. */
static void
test_published_wins (Pair          *pair,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 draft = co_test_side_add_draft (pair->a, "Launch", 0);
  g_autofree char *id = doc_id_of (pair->a, "draft", draft);
  gint64 on_b;
  gint64 now = g_get_real_time ();

  co_test_side_schedule (pair->a, draft, CO_PLATFORM_X, 10);
  co_test_side_schedule (pair->a, draft, CO_PLATFORM_LINKEDIN, 20);
  g_assert_true (co_drafts_move (pair->a->drafts, draft, CO_DRAFT_STAGE_SCHEDULED, &error));
  g_assert_no_error (error);
  co_test_side_exchange (pair->a, pair->b, &pair->a_sent);
  on_b = co_test_side_local_id (pair->b, id);

  g_assert_true (co_drafts_record_publication (pair->a->drafts, draft, CO_PLATFORM_X, "111",
                                               "https://x.example/111", now, &error));
  g_assert_true (co_drafts_record_publication (pair->a->drafts, draft, CO_PLATFORM_LINKEDIN,
                                               "222", "https://li.example/222", now, &error));
  g_assert_no_error (error);
  g_assert_true (co_drafts_move (pair->a->drafts, draft, CO_DRAFT_STAGE_PUBLISHED, &error));
  g_assert_no_error (error);
  g_assert_true (co_drafts_set_text (pair->b->drafts, on_b, "Launch!", "Edited later", &error));
  g_assert_no_error (error);
  date_change (pair->a, id, G_GINT64_CONSTANT (1800000000000000));
  date_change (pair->b, id, G_GINT64_CONSTANT (1900000000000000));

  sync_both (pair);
  assert_converged (pair);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM drafts"
                                                " WHERE stage = 'published'"), ==, 1);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM draft_variants"
                                                " WHERE post_id IN ('111', '222')"), ==, 2);
  g_assert_cmpint (co_test_side_count (pair->b, "SELECT count (*) FROM mirror_conflicts"), ==, 1);
}

static void
test_checkpoints (Pair          *pair,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *rev = NULL;

  g_assert_null (co_mirror_dup_checkpoint (pair->a->mirror, "r1", &rev));
  g_assert_true (co_mirror_set_checkpoint (pair->a->mirror, "r1", "{\"a\":1}", "0-1", &error));
  g_assert_no_error (error);
  doc = co_mirror_dup_checkpoint (pair->a->mirror, "r1", &rev);
  g_assert_cmpstr (doc, ==, "{\"a\":1}");
  g_assert_cmpstr (rev, ==, "0-1");
  g_assert_true (co_mirror_forget_checkpoints (pair->a->mirror, &error));
  g_clear_pointer (&doc, g_free);
  doc = co_mirror_dup_checkpoint (pair->a->mirror, "r1", NULL);
  g_assert_null (doc);
}

/* A library from before the mirror (migration 13) gets a record for
 * everything it has.  Today's vault and drafts write to it, so it is the
 * version just before. */
static void
test_upgrade (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("old");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) old = _co_store_new_at_version (dir, 12, &error);
  g_autoptr(CoTestSide) side = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  g_assert_no_error (error);
  {
    g_autoptr(CoVault) vault = co_vault_new (old);
    g_autoptr(CoDrafts) drafts = co_drafts_new (old);
    CoDraftNew spec = { CO_DRAFT_STAGE_SAVED, "Saved idea", NULL, NULL, 0, NULL, 0 };

    g_assert_cmpint (co_vault_add_note (vault, "Old note", "text", NULL, &error), >, 0);
    g_assert_cmpint (co_drafts_create (drafts, &spec, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_finalize_object (g_steal_pointer (&old));
  side = co_test_side_open (dir);
  g_assert_cmpint (co_test_side_count (side, "SELECT count (*) FROM mirror_records"), ==, 2);
  docs = read_changes (side, 0, NULL);
  g_assert_cmpuint (docs->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (doc_at (docs, 0), "type"), ==, "vault_item");
  g_assert_cmpstr (json_object_get_string_member (doc_at (docs, 1), "type"), ==, "draft");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  PAIR_TEST ("/core/mirror/marks", test_marks);
  PAIR_TEST ("/core/mirror/revision-stable", test_revision_stable);
  PAIR_TEST ("/core/mirror/round-trip", test_round_trip);
  PAIR_TEST ("/core/mirror/conflict/later-wins", test_conflict);
  PAIR_TEST ("/core/mirror/conflict/both-resolve", test_conflict_both_resolve);
  PAIR_TEST ("/core/mirror/conflict/published-wins", test_published_wins);
  PAIR_TEST ("/core/mirror/waiting/arrives", test_waiting);
  PAIR_TEST ("/core/mirror/waiting/settle", test_settle_waiting);
  PAIR_TEST ("/core/mirror/waiting/settle-then-item", test_settle_then_item);
  PAIR_TEST ("/core/mirror/waiting/purge-lost", test_purge_lost_keeps_links);
  PAIR_TEST ("/core/mirror/trash-purge", test_trash_and_purge);
  PAIR_TEST ("/core/mirror/checkpoints", test_checkpoints);
  g_test_add_func ("/core/mirror/upgrade", test_upgrade);

  return g_test_run ();
}
