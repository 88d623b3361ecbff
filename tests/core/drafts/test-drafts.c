/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-assets.h"
#include "drafts-fixture.h"

/* The schema version whose migration adds drafts and the schedule. */
#define DRAFTS_SCHEMA_VERSION 9

static gint64
count_drafts (DraftsFixture *fx)
{
  return sql_int (fx->base.store, "SELECT count (*) FROM drafts");
}

static void
test_create_saved (DraftsFixture *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = NULL;
  CoDraftNew spec = { 0 };
  gint64 id;
  guint n_items;

  id = co_drafts_create (fx->drafts, &spec, &error);
  g_assert_no_error (error);
  draft = get_draft (fx, id);
  g_assert_cmpint (co_draft_get_stage (draft), ==, CO_DRAFT_STAGE_SAVED);
  g_assert_cmpstr (co_draft_get_title (draft), ==, "");
  g_assert_cmpint (co_draft_get_created_at (draft), ==, fx->now);
  g_assert_cmpint (co_draft_get_origin_id (draft), ==, 0);
  g_assert_cmpint (g_list_model_get_n_items (co_draft_get_variants (draft)), ==, 0);
  co_draft_get_item_ids (draft, &n_items);
  g_assert_cmpint (n_items, ==, 0);
  g_assert_false (co_draft_get_read_only (draft));
  g_assert_cmpint (fx->n_changes, ==, 1);
}

static void
test_create_draft_needs_text (DraftsFixture *fx,
                              gconstpointer  data)
{
  g_autoptr(GError) no_title = NULL;
  g_autoptr(GError) blank_body = NULL;
  g_autoptr(GError) scheduled = NULL;
  CoDraftNew spec = { .stage = CO_DRAFT_STAGE_DRAFT, .body = "Body" };

  g_assert_cmpint (co_drafts_create (fx->drafts, &spec, &no_title), ==, 0);
  g_assert_error (no_title, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (no_title->message, "title"));
  spec.title = "Title";
  spec.body = " \n\t ";
  g_assert_cmpint (co_drafts_create (fx->drafts, &spec, &blank_body), ==, 0);
  g_assert_error (blank_body, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (blank_body->message, "body"));
  spec.stage = CO_DRAFT_STAGE_SCHEDULED;
  g_assert_cmpint (co_drafts_create (fx->drafts, &spec, &scheduled), ==, 0);
  g_assert_error (scheduled, CO_DRAFT_ERROR, CO_DRAFT_ERROR_MOVE_REFUSED);
  g_assert_cmpint (count_drafts (fx), ==, 0);
  g_assert_cmpint (fx->n_changes, ==, 0);
}

/* A bad part of a new draft leaves no draft at all. */
static void
test_create_all_or_nothing (DraftsFixture *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) missing = NULL;
  g_autoptr(GError) utf8 = NULL;
  gint64 note = add_note (&fx->base, "Idea", "Film the sunrise");
  gint64 items[] = { note, 9999 };
  CoPlatform platforms[] = { CO_PLATFORM_X, CO_PLATFORM_YOUTUBE };
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Sunrise", "At 6am", platforms, 2, items, 2 };

  g_assert_cmpint (co_drafts_create (fx->drafts, &spec, &missing), ==, 0);
  g_assert_error (missing, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (missing->message, "9999"));
  spec.n_items = 1;
  spec.title = "Sun\xff";
  g_assert_cmpint (co_drafts_create (fx->drafts, &spec, &utf8), ==, 0);
  g_assert_error (utf8, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID);
  g_assert_nonnull (strstr (utf8->message, "title"));
  g_assert_cmpint (count_drafts (fx), ==, 0);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM draft_variants"), ==, 0);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM draft_items"), ==, 0);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM draft_stage_history"), ==, 0);
}

static void
test_text (DraftsFixture *fx,
           gconstpointer  data)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Old", "Old body", CO_PLATFORM_X);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) empty = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(CoDraft) draft = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fx->now += G_TIME_SPAN_MINUTE;
  g_assert_true (co_drafts_set_text (fx->drafts, id, "New", NULL, &error));
  g_assert_no_error (error);
  draft = get_draft (fx, id);
  g_assert_cmpstr (co_draft_get_title (draft), ==, "New");
  g_assert_cmpstr (co_draft_get_body (draft), ==, "Old body");
  g_assert_cmpint (co_draft_get_updated_at (draft), ==, fx->now);

  /* A draft in stage Draft keeps a title. */
  before = fingerprint (fx->base.store);
  g_assert_false (co_drafts_set_text (fx->drafts, id, "   ", NULL, &empty));
  g_assert_error (empty, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (empty->message, "Draft"));
  g_assert_nonnull (strstr (empty->message, "title"));
  g_assert_false (co_drafts_set_text (fx->drafts, 4242, "x", NULL, &missing));
  g_assert_error (missing, CO_DRAFT_ERROR, CO_DRAFT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (missing->message, "4242"));
  after = fingerprint (fx->base.store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_variants (DraftsFixture *fx,
               gconstpointer  data)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Tour", "Studio tour", CO_PLATFORM_X);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) not_target = NULL;
  g_autoptr(CoDraft) draft = NULL;
  CoDraftVariant *youtube;
  CoDraftVariant *x;

  g_assert_true (co_drafts_set_variant (fx->drafts, id, CO_PLATFORM_YOUTUBE, "Studio tour 2027",
                                        NULL, &error));
  g_assert_no_error (error);
  g_assert_true (co_drafts_set_variant (fx->drafts, id, CO_PLATFORM_X, NULL, "Come see", &error));
  g_assert_no_error (error);
  draft = get_draft (fx, id);
  g_assert_cmpint (g_list_model_get_n_items (co_draft_get_variants (draft)), ==, 2);
  youtube = co_draft_get_variant (draft, CO_PLATFORM_YOUTUBE);
  x = co_draft_get_variant (draft, CO_PLATFORM_X);
  g_assert_cmpstr (co_draft_variant_get_title (youtube), ==, "Studio tour 2027");
  g_assert_cmpstr (co_draft_variant_get_text (youtube), ==, "Studio tour");
  g_assert_null (co_draft_variant_get_body_override (youtube));
  g_assert_cmpstr (co_draft_variant_get_text (x), ==, "Come see");
  g_assert_false (co_draft_has_platform (draft, CO_PLATFORM_LINKEDIN));

  g_assert_true (co_drafts_remove_variant (fx->drafts, id, CO_PLATFORM_YOUTUBE, &error));
  g_assert_no_error (error);
  g_assert_false (co_drafts_remove_variant (fx->drafts, id, CO_PLATFORM_LINKEDIN, &not_target));
  g_assert_error (not_target, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID);
  g_assert_nonnull (strstr (not_target->message, "LinkedIn"));
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM draft_variants"), ==, 1);
}

static void
test_item_links (DraftsFixture *fx,
                 gconstpointer  data)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_SAVED, NULL, NULL, CO_PLATFORM_X);
  gint64 a = add_note (&fx->base, "A", "first");
  gint64 b = add_note (&fx->base, "B", "second");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) trashed = NULL;
  g_autoptr(GError) unlinked = NULL;
  g_autoptr(CoDraft) draft = NULL;
  const gint64 *ids;
  guint n;

  g_assert_true (co_drafts_link_item (fx->drafts, id, b, &error));
  g_assert_true (co_drafts_link_item (fx->drafts, id, a, &error));
  g_assert_true (co_drafts_link_item (fx->drafts, id, b, &error));
  g_assert_no_error (error);
  draft = get_draft (fx, id);
  ids = co_draft_get_item_ids (draft, &n);
  g_assert_cmpint (n, ==, 2);
  g_assert_cmpint (ids[0], ==, b);
  g_assert_cmpint (ids[1], ==, a);

  g_assert_true (co_vault_trash (fx->base.vault, a, NULL));
  g_assert_true (co_drafts_unlink_item (fx->drafts, id, a, &error));
  g_assert_no_error (error);
  g_assert_false (co_drafts_link_item (fx->drafts, id, a, &trashed));
  g_assert_error (trashed, CO_VAULT_ERROR, CO_VAULT_ERROR_WRONG_STATE);
  g_assert_false (co_drafts_unlink_item (fx->drafts, id, a, &unlinked));
  g_assert_error (unlinked, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID);
}

static char *
import_video (DraftsFixture *fx,
              const char    *name,
              gint64        *out_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoVaultItem) item = NULL;

  *out_id = import_bytes (&fx->base, name, name, CO_VAULT_TYPE_VIDEO, NULL, NULL, &error);
  g_assert_no_error (error);
  item = co_vault_get (fx->base.vault, *out_id, &error);
  g_assert_no_error (error);
  return g_strdup (co_vault_item_get_sha256 (item));
}

static gboolean
is_unreferenced (CoStore    *store,
                 const char *sha256)
{
  g_autoptr(GPtrArray) assets = co_assets_list_unreferenced (store, 0, NULL);

  for (guint i = 0; i < assets->len; i++)
    if (g_str_equal (((CoAsset *)g_ptr_array_index (assets, i))->sha256, sha256))
      return TRUE;
  return FALSE;
}

/* A file a draft uses is never offered for archival; deleting the draft
 * drops its references and nothing else. */
static void
test_file_links (DraftsFixture *fx,
                 gconstpointer  data)
{
  gint64 item, other_item;
  g_autofree char *sha = import_video (fx, "final-cut.webm", &item);
  g_autofree char *other = import_video (fx, "b-roll.webm", &other_item);
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_SAVED, NULL, NULL, CO_PLATFORM_X);
  gint64 keep = new_draft (fx, CO_DRAFT_STAGE_SAVED, "Other", NULL, CO_PLATFORM_X);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) bad = NULL;
  g_autoptr(GError) unknown = NULL;
  g_autofree char *blob = co_store_dup_blob_path (fx->base.store, sha);
  g_autoptr(GPtrArray) refs = NULL;

  g_assert_true (co_drafts_link_file (fx->drafts, id, sha, &error));
  g_assert_true (co_drafts_link_file (fx->drafts, id, other, &error));
  g_assert_true (co_drafts_link_file (fx->drafts, keep, other, &error));
  g_assert_true (co_drafts_link_item (fx->drafts, id, other_item, &error));
  g_assert_no_error (error);
  g_assert_false (co_drafts_link_file (fx->drafts, id, "ABC", &bad));
  g_assert_error (bad, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID);
  g_assert_false (co_drafts_link_file (fx->drafts, id, "0000000000000000000000000000000000000000"
                                       "000000000000000000000000", &unknown));
  g_assert_error (unknown, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
  refs = co_assets_list_refs (fx->base.store, sha, NULL);
  g_assert_cmpint (refs->len, ==, 2);

  /* The vault item goes; the draft still holds the file. */
  g_assert_true (co_vault_trash (fx->base.vault, item, NULL));
  g_assert_true (co_vault_purge (fx->base.vault, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (blob, G_FILE_TEST_EXISTS));
  g_assert_false (is_unreferenced (fx->base.store, sha));

  g_assert_true (co_drafts_delete (fx->drafts, id, &error));
  g_assert_no_error (error);
  g_assert_true (is_unreferenced (fx->base.store, sha));
  g_assert_false (is_unreferenced (fx->base.store, other));
  g_assert_true (g_file_test (blob, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM vault_items"), ==, 1);
  g_assert_cmpint (count_drafts (fx), ==, 1);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM draft_items"), ==, 0);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM draft_stage_history"), ==, 1);

  /* Unlinking drops that one reference; the vault item still uses the file. */
  g_assert_true (co_drafts_unlink_file (fx->drafts, keep, other, &error));
  g_assert_no_error (error);
  g_clear_pointer (&refs, g_ptr_array_unref);
  refs = co_assets_list_refs (fx->base.store, other, NULL);
  g_assert_cmpint (refs->len, ==, 1);
  g_assert_cmpstr (((CoAssetRef *)g_ptr_array_index (refs, 0))->owner_kind, ==, "vault");
  g_assert_false (is_unreferenced (fx->base.store, other));
}

static void
test_delete (DraftsFixture *fx,
             gconstpointer  data)
{
  gint64 origin = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Origin", "Text", CO_PLATFORM_X);
  gint64 copy = co_drafts_repurpose (fx->drafts, origin, CO_PLATFORM_LINKEDIN, NULL);
  gint64 scheduled = scheduled_draft (fx, CO_PLATFORM_YOUTUBE, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(CoDraft) orphan = NULL;

  g_assert_cmpint (copy, >, 0);
  g_assert_true (co_drafts_delete (fx->drafts, origin, &error));
  g_assert_no_error (error);
  orphan = get_draft (fx, copy);
  g_assert_cmpint (co_draft_get_origin_id (orphan), ==, 0);
  g_assert_false (co_drafts_delete (fx->drafts, origin, &missing));
  g_assert_error (missing, CO_DRAFT_ERROR, CO_DRAFT_ERROR_NOT_FOUND);

  /* A scheduled draft's entries go with it. */
  g_assert_true (co_drafts_delete (fx->drafts, scheduled, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM schedule_entries"), ==, 0);
}

static void
test_history (DraftsFixture *fx,
              gconstpointer  data)
{
  gint64 start = fx->now;
  gint64 id = scheduled_draft (fx, CO_PLATFORM_X, 0);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  CoDraftStageChange *change;

  co_drafts_set_actor (fx->drafts, "publisher");
  fx->now += G_TIME_SPAN_MINUTE;
  move_ok (fx, id, CO_DRAFT_STAGE_DRAFT);
  history = co_drafts_list_history (fx->drafts, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (history->len, ==, 3);
  change = g_ptr_array_index (history, 0);
  g_assert_cmpint (change->from, ==, -1);
  g_assert_cmpint (change->to, ==, CO_DRAFT_STAGE_DRAFT);
  g_assert_cmpstr (change->actor, ==, "tester");
  g_assert_cmpint (change->at, ==, start);
  change = g_ptr_array_index (history, 1);
  g_assert_cmpint (change->from, ==, CO_DRAFT_STAGE_DRAFT);
  g_assert_cmpint (change->to, ==, CO_DRAFT_STAGE_SCHEDULED);
  change = g_ptr_array_index (history, 2);
  g_assert_cmpint (change->from, ==, CO_DRAFT_STAGE_SCHEDULED);
  g_assert_cmpint (change->to, ==, CO_DRAFT_STAGE_DRAFT);
  g_assert_cmpstr (change->actor, ==, "publisher");
  g_assert_cmpint (change->at, ==, start + G_TIME_SPAN_MINUTE);
  g_assert_null (co_drafts_list_history (fx->drafts, 999, NULL));
}

static void
assert_read_only (GError *error)
{
  g_assert_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "published"));
}

/* Every change the API offers is refused for a published draft, and
 * nothing changes. */
static void
test_published_read_only (DraftsFixture *fx,
                          gconstpointer  data)
{
  gint64 id = published_draft (fx, CO_PLATFORM_X);
  gint64 note = add_note (&fx->base, "Note", "text");
  g_autofree char *before = fingerprint (fx->base.store);
  g_autofree char *after = NULL;
  GError *errors[12] = { NULL };
  g_autoptr(CoScheduleEntry) added = NULL;
  g_autoptr(CoScheduleEntry) moved = NULL;

  g_assert_false (co_drafts_set_text (fx->drafts, id, "New", NULL, &errors[0]));
  g_assert_false (co_drafts_set_variant (fx->drafts, id, CO_PLATFORM_X, NULL, "x", &errors[1]));
  g_assert_false (co_drafts_remove_variant (fx->drafts, id, CO_PLATFORM_X, &errors[2]));
  g_assert_false (co_drafts_link_item (fx->drafts, id, note, &errors[3]));
  g_assert_false (co_drafts_unlink_item (fx->drafts, id, note, &errors[4]));
  g_assert_false (co_drafts_link_file (fx->drafts, id, "ab", &errors[5]));
  g_assert_false (co_drafts_record_publication (fx->drafts, id, CO_PLATFORM_X, "9",
                                                "https://x.com/9", fx->now, &errors[6]));
  g_assert_false (co_drafts_delete (fx->drafts, id, &errors[7]));
  g_assert_false (co_drafts_move (fx->drafts, id, CO_DRAFT_STAGE_DRAFT, &errors[8]));
  added = co_schedule_add (fx->schedule, id, CO_PLATFORM_X, fx->now + G_TIME_SPAN_DAY, "UTC",
                           &errors[9]);
  moved = co_schedule_move (fx->schedule, id, CO_PLATFORM_X, fx->now + G_TIME_SPAN_DAY, "UTC",
                            &errors[10]);
  g_assert_false (co_schedule_cancel (fx->schedule, id, CO_PLATFORM_X, &errors[11]));
  g_assert_null (added);
  g_assert_null (moved);
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      if (i == 8)
        g_assert_error (errors[i], CO_DRAFT_ERROR, CO_DRAFT_ERROR_MOVE_REFUSED);
      else
        assert_read_only (errors[i]);
      g_clear_error (&errors[i]);
    }
  after = fingerprint (fx->base.store);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_sql_refused (CoStore    *store,
                    const char *sql)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(GError) error = NULL;

  if (_co_store_exec (store, sql, &error))
    g_error ("The store took “%s”", sql);
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_FAILED);
}

/* The store's own fence: SQL written around the drafts code. */
static void
test_published_triggers (DraftsFixture *fx,
                         gconstpointer  data)
{
  gint64 id = published_draft (fx, CO_PLATFORM_X);
  gint64 note = add_note (&fx->base, "Note", "text");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *const statements[] = {
    "UPDATE drafts SET title = 'changed' WHERE id = %1$lld",
    "UPDATE drafts SET stage = 'draft' WHERE id = %1$lld",
    "DELETE FROM drafts WHERE id = %1$lld",
    "UPDATE draft_variants SET body = 'x' WHERE draft_id = %1$lld",
    "DELETE FROM draft_variants WHERE draft_id = %1$lld",
    "INSERT INTO draft_variants (draft_id, platform) VALUES (%1$lld, 'linkedin')",
    "INSERT INTO draft_items VALUES (%1$lld, %2$lld, 1, 0)",
    "UPDATE schedule_entries SET at = at + 1 WHERE draft_id = %1$lld",
    "DELETE FROM schedule_entries WHERE draft_id = %1$lld",
    "UPDATE draft_stage_history SET actor = 'someone else' WHERE draft_id = %1$lld",
  };

  before = fingerprint (fx->base.store);
  for (gsize i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *sql = g_strdup_printf (statements[i], (long long)id, (long long)note);
      assert_sql_refused (fx->base.store, sql);
    }
  after = fingerprint (fx->base.store);
  g_assert_cmpstr (before, ==, after);
}

/* Moves the rule forbids, and drafts the stage does not allow, are refused
 * by the store even without the drafts code. */
static void
test_stage_triggers (DraftsFixture *fx,
                     gconstpointer  data)
{
  gint64 saved = new_draft (fx, CO_DRAFT_STAGE_SAVED, "", "", CO_PLATFORM_X);
  gint64 draft = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "T", "B", CO_PLATFORM_X);
  g_autofree char *skip = g_strdup_printf ("UPDATE drafts SET stage = 'scheduled' WHERE id = %lld",
                                           (long long)saved);
  g_autofree char *back = g_strdup_printf ("UPDATE drafts SET stage = 'saved' WHERE id = %lld",
                                           (long long)draft);
  g_autofree char *empty = g_strdup_printf ("UPDATE drafts SET title = '' WHERE id = %lld",
                                            (long long)draft);

  assert_sql_refused (fx->base.store, skip);
  assert_sql_refused (fx->base.store, back);
  assert_sql_refused (fx->base.store, empty);
  assert_sql_refused (fx->base.store, "INSERT INTO drafts (stage, title, body, created_at,"
                                      " updated_at, stage_changed_at)"
                                      " VALUES ('published', 't', 'b', 0, 0, 0)");
  assert_sql_refused (fx->base.store, "INSERT INTO drafts (stage, created_at, updated_at,"
                                      " stage_changed_at) VALUES ('bogus', 0, 0, 0)");
  g_assert_cmpint (count_drafts (fx), ==, 2);
}

/* Purging a vault item a published draft links still works: the link goes
 * with the item, and the draft keeps everything else. */
static void
test_purge_linked_item (DraftsFixture *fx,
                        gconstpointer  data)
{
  gint64 note = add_note (&fx->base, "Script", "The words");
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "T", "B", CO_PLATFORM_X);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = NULL;
  guint n;

  g_assert_true (co_drafts_link_item (fx->drafts, id, note, &error));
  schedule_ok (fx, id, CO_PLATFORM_X, fx->now + G_TIME_SPAN_HOUR);
  move_ok (fx, id, CO_DRAFT_STAGE_SCHEDULED);
  fx->now += 2 * G_TIME_SPAN_HOUR;
  g_assert_true (co_drafts_record_publication (fx->drafts, id, CO_PLATFORM_X, "77",
                                               "https://x.com/77", fx->now, &error));
  move_ok (fx, id, CO_DRAFT_STAGE_PUBLISHED);
  g_assert_true (co_vault_trash (fx->base.vault, note, &error));
  g_assert_true (co_vault_purge (fx->base.vault, NULL, &error));
  g_assert_no_error (error);
  draft = get_draft (fx, id);
  co_draft_get_item_ids (draft, &n);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpint (co_draft_get_stage (draft), ==, CO_DRAFT_STAGE_PUBLISHED);
}

static char *
ids_of (GPtrArray *drafts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < drafts->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? " " : "",
                            co_draft_get_id (g_ptr_array_index (drafts, i)));
  return g_string_free (out, FALSE);
}

static char *
list_ids_for (DraftsFixture      *fx,
              const CoDraftQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = co_drafts_list (fx->drafts, query, 0, 100, &error);

  g_assert_no_error (error);
  g_assert_cmpint (co_drafts_count (fx->drafts, query, NULL), ==, drafts->len);
  return ids_of (drafts);
}

static void
test_list (DraftsFixture *fx,
           gconstpointer  data)
{
  gint64 a = new_draft (fx, CO_DRAFT_STAGE_SAVED, "Zebra 100%", "", CO_PLATFORM_X);
  gint64 b, c;
  g_autofree char *all = NULL, *saved = NULL, *linkedin = NULL, *search = NULL;
  g_autofree char *percent = NULL, *by_title = NULL, *by_created = NULL;
  g_autofree char *expected_all = NULL, *expected_search = NULL;

  fx->now += G_TIME_SPAN_SECOND;
  b = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "apple", "Crunchy body", CO_PLATFORM_LINKEDIN);
  fx->now += G_TIME_SPAN_SECOND;
  c = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Mango", "crunchy too", CO_PLATFORM_X);
  fx->now += G_TIME_SPAN_SECOND;
  g_assert_true (co_drafts_set_text (fx->drafts, a, "Zebra 100%", "edited", NULL));

  all = list_ids_for (fx, NULL);
  expected_all = g_strdup_printf ("%lld %lld %lld", (long long)a, (long long)c, (long long)b);
  g_assert_cmpstr (all, ==, expected_all);
  saved = list_ids_for (fx, &(CoDraftQuery) { .stages = CO_DRAFT_STAGE_MASK (0) });
  g_assert_cmpint (g_ascii_strtoll (saved, NULL, 10), ==, a);
  linkedin = list_ids_for (fx, &(CoDraftQuery) { .by_platform = TRUE,
                                                  .platform = CO_PLATFORM_LINKEDIN });
  g_assert_cmpint (g_ascii_strtoll (linkedin, NULL, 10), ==, b);
  search = list_ids_for (fx, &(CoDraftQuery) { .search = "CRUNCHY", .sort = CO_DRAFT_SORT_TITLE });
  expected_search = g_strdup_printf ("%lld %lld", (long long)b, (long long)c);
  g_assert_cmpstr (search, ==, expected_search);
  percent = list_ids_for (fx, &(CoDraftQuery) { .search = "0%" });
  g_assert_cmpint (g_ascii_strtoll (percent, NULL, 10), ==, a);
  by_title = list_ids_for (fx, &(CoDraftQuery) { .sort = CO_DRAFT_SORT_TITLE });
  g_assert_cmpint (g_ascii_strtoll (by_title, NULL, 10), ==, b);
  by_created = list_ids_for (fx, &(CoDraftQuery) { .sort = CO_DRAFT_SORT_CREATED });
  g_assert_cmpint (g_ascii_strtoll (by_created, NULL, 10), ==, c);
}

static void
test_async (DraftsFixture *fx,
            gconstpointer  data)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_SAVED, "T", "Body", CO_PLATFORM_X);
  g_autoptr(GAsyncResult) moved = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GAsyncResult) copied = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = NULL;
  gint64 copy;
  guint changes;

  co_drafts_move_async (fx->drafts, id, CO_DRAFT_STAGE_DRAFT, NULL, done_cb, &moved);
  g_assert_true (co_drafts_move_finish (fx->drafts, wait_result (&moved), &error));
  g_assert_no_error (error);
  co_drafts_move_async (fx->drafts, id, CO_DRAFT_STAGE_PUBLISHED, NULL, done_cb, &refused);
  g_assert_false (co_drafts_move_finish (fx->drafts, wait_result (&refused), &error));
  g_assert_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_MOVE_REFUSED);
  g_clear_error (&error);
  co_drafts_repurpose_async (fx->drafts, id, CO_PLATFORM_LINKEDIN, NULL, done_cb, &copied);
  copy = co_drafts_repurpose_finish (fx->drafts, wait_result (&copied), &error);
  g_assert_no_error (error);
  draft = get_draft (fx, copy);
  g_assert_cmpint (co_draft_get_origin_id (draft), ==, id);

  /* "changed" from the worker reaches this thread. */
  changes = fx->n_changes;
  co_drafts_delete_async (fx->drafts, copy, NULL, done_cb, &deleted);
  g_assert_true (co_drafts_delete_finish (fx->drafts, wait_result (&deleted), &error));
  g_assert_no_error (error);
  while (fx->n_changes == changes)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (count_drafts (fx), ==, 1);
}

static void
test_json (DraftsFixture *fx,
           gconstpointer  data)
{
  gint64 id = scheduled_draft (fx, CO_PLATFORM_X, 0);
  g_autoptr(CoDraft) draft = get_draft (fx, id);
  g_autoptr(JsonNode) node = co_draft_to_json (draft);
  JsonObject *object = json_node_get_object (node);
  JsonObject *variant;

  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "stage"), ==, "scheduled");
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Launch day");
  g_assert_true (json_object_get_null_member (object, "origin_id"));
  g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==,
                   "2027-03-01T12:00:00Z");
  g_assert_false (json_object_get_boolean_member (object, "read_only"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object,
                                                                                "platforms"), 0),
                   ==, "x");
  variant = json_array_get_object_element (json_object_get_array_member (object, "variants"), 0);
  g_assert_cmpstr (json_object_get_string_member (variant, "text"), ==, "We ship today.");
  g_assert_cmpstr (json_object_get_string_member (variant, "scheduled_at"), ==,
                   "2027-03-01T13:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (variant, "zone"), ==, "UTC");
  g_assert_true (json_object_get_boolean_member (variant, "valid"));
  g_assert_true (json_object_get_null_member (variant, "problem"));
}

static void
test_upgrade (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("upgrade");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = _co_store_new_at_version (dir, DRAFTS_SCHEMA_VERSION - 1, &error);
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoDraft) draft = NULL;
  gint64 item = 1;
  CoPlatform platform = CO_PLATFORM_YOUTUBE;
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Old library", "Body", &platform, 1, &item, 1 };
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT count (*) FROM sqlite_master WHERE name = 'drafts'"),
                   ==, 0);
  sql_exec (store, "INSERT INTO vault_items (id, type, title, created_at, imported_at)"
                   " VALUES (1, 'note', 'Kept from before', 1000, 1000)");
  g_assert_finalize_object (g_steal_pointer (&store));

  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_store_get_schema_version (store), >=, DRAFTS_SCHEMA_VERSION);
  drafts = co_drafts_new (store);
  id = co_drafts_create (drafts, &spec, &error);
  g_assert_no_error (error);
  draft = co_drafts_get (drafts, id, &error);
  g_assert_no_error (error);
  g_assert_true (co_draft_has_platform (draft, CO_PLATFORM_YOUTUBE));
  g_assert_cmpint (co_draft_get_item_ids (draft, &(guint) { 0 })[0], ==, 1);
  g_assert_true (co_store_check_integrity (store, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&draft);
  g_assert_finalize_object (g_steal_pointer (&drafts));
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  DRAFTS_TEST ("/core/drafts/create/saved-empty", test_create_saved);
  DRAFTS_TEST ("/core/drafts/create/draft-needs-text", test_create_draft_needs_text);
  DRAFTS_TEST ("/core/drafts/create/all-or-nothing", test_create_all_or_nothing);
  DRAFTS_TEST ("/core/drafts/text", test_text);
  DRAFTS_TEST ("/core/drafts/variants", test_variants);
  DRAFTS_TEST ("/core/drafts/links/items", test_item_links);
  DRAFTS_TEST ("/core/drafts/links/files", test_file_links);
  DRAFTS_TEST ("/core/drafts/delete", test_delete);
  DRAFTS_TEST ("/core/drafts/history", test_history);
  DRAFTS_TEST ("/core/drafts/published/read-only", test_published_read_only);
  DRAFTS_TEST ("/core/drafts/published/triggers", test_published_triggers);
  DRAFTS_TEST ("/core/drafts/published/purge-linked-item", test_purge_linked_item);
  DRAFTS_TEST ("/core/drafts/stage/triggers", test_stage_triggers);
  DRAFTS_TEST ("/core/drafts/list", test_list);
  DRAFTS_TEST ("/core/drafts/async", test_async);
  DRAFTS_TEST ("/core/drafts/json", test_json);
  g_test_add_func ("/core/drafts/schema/upgrade", test_upgrade);

  return g_test_run ();
}
