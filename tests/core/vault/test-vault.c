/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <utime.h>

#include "co-file-error.h"
#include "co-store-private.h"
#include "co-vault-error.h"
#include "co-vault-private.h"
#include "vault-fixture.h"

static void
test_import_basic (VaultFixture  *fx,
                   gconstpointer  data)
{
  const char *tags[] = { "Travel", "#b-roll", NULL };
  g_autofree char *path = co_test_write_file (fx->src_dir, "sunset.png", "PNG pixels", -1);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "PNG pixels", -1);
  g_autofree char *blob = NULL;
  CoVaultNewItem meta = {
    .type = CO_VAULT_TYPE_IMAGE, .mime = "image/png", .original_name = "sunset.png",
    .width = 160, .height = 120, .duration = -1, .created_at = 1000000, .tags = tags,
    .has_phash = TRUE, .phash = G_GUINT64_CONSTANT (0xf0f0f0f0f0f0f0f0),
  };
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(CoAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  gboolean duplicate = TRUE;
  guint64 phash = 0;
  gint64 id;

  id = co_vault_import_file (fx->vault, path, &meta, &duplicate, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (duplicate);
  g_assert_cmpuint (fx->n_changed, ==, 1);

  item = co_vault_get (fx->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_vault_item_get_item_type (item), ==, CO_VAULT_TYPE_IMAGE);
  g_assert_cmpstr (co_vault_item_get_title (item), ==, "sunset.png");
  g_assert_cmpstr (co_vault_item_get_mime (item), ==, "image/png");
  g_assert_cmpstr (co_vault_item_get_sha256 (item), ==, sha);
  g_assert_cmpint (co_vault_item_get_size (item), ==, 10);
  g_assert_cmpint (co_vault_item_get_width (item), ==, 160);
  g_assert_cmpint (co_vault_item_get_height (item), ==, 120);
  g_assert_cmpfloat (co_vault_item_get_duration (item), <, 0);
  g_assert_cmpint (co_vault_item_get_created_at (item), ==, 1000000);
  g_assert_cmpint (co_vault_item_get_imported_at (item), >, 1000000);
  g_assert_true (co_vault_item_get_phash (item, &phash));
  g_assert_cmpuint (phash, ==, meta.phash);
  g_assert_cmpstr (co_vault_item_get_tags (item)[0], ==, "b-roll");
  g_assert_cmpstr (co_vault_item_get_tags (item)[1], ==, "Travel");
  g_assert_null (co_vault_item_get_tags (item)[2]);

  blob = co_store_dup_blob_path (fx->store, sha);
  g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
  asset = co_assets_get (fx->store, sha, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (asset->n_refs, ==, 1);
  g_assert_cmpint (asset->unreferenced_since, ==, 0);
  g_assert_cmpint (search_count (fx, "travel"), ==, 1);
}

static void
test_import_dedup (VaultFixture  *fx,
                   gconstpointer  data)
{
  const char *first_tags[] = { "one", NULL };
  const char *second_tags[] = { "two", NULL };
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gboolean duplicate = FALSE;
  gint64 a, b;

  a = import_bytes (fx, "a.wav", "identical", CO_VAULT_TYPE_AUDIO, first_tags, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_false (duplicate);
  g_assert_true (co_vault_trash (fx->vault, a, &error));
  b = import_bytes (fx, "b.wav", "identical", CO_VAULT_TYPE_AUDIO, second_tags, &duplicate,
                    &error);
  g_assert_no_error (error);
  g_assert_true (duplicate);
  g_assert_cmpint (a, ==, b);

  /* The second import brings the item back from the trash with both tags. */
  item = co_vault_get (fx->vault, a, &error);
  g_assert_false (co_vault_item_get_trashed (item));
  g_assert_cmpstr (co_vault_item_get_tags (item)[0], ==, "one");
  g_assert_cmpstr (co_vault_item_get_tags (item)[1], ==, "two");
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM vault_items"), ==, 1);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM assets"), ==, 1);
  g_assert_cmpint (search_count (fx, "two"), ==, 1);

  g_assert_cmpint (import_bytes (fx, "c.wav", "different", CO_VAULT_TYPE_AUDIO, NULL, &duplicate,
                                 &error), >, a);
  g_assert_false (duplicate);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM assets"), ==, 2);
}

static void
test_import_errors (VaultFixture  *fx,
                    gconstpointer  data)
{
  const char *bad_tags[] = { "fine", "bad,tag", NULL };
  g_autofree char *missing = g_build_filename (fx->src_dir, "gone.mp4", NULL);
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_VIDEO, .duration = 2.0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *blob_dir = NULL;
  gint64 id;

  id = co_vault_import_file (fx->vault, missing, &meta, NULL, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  id = co_vault_import_file (fx->vault, fx->src_dir, &meta, NULL, NULL, &error);
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_REGULAR);
  g_assert_nonnull (strstr (error->message, fx->src_dir));
  g_clear_error (&error);

  /* A bad tag fails the whole import: no row, no asset, no stored file. */
  id = import_bytes (fx, "clip.webm", "clip bytes", CO_VAULT_TYPE_VIDEO, bad_tags, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad,tag"));
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM vault_items"), ==, 0);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM assets"), ==, 0);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM tags"), ==, 0);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM vault_fts"), ==, 0);
  {
    g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "clip bytes", -1);
    g_autofree char *blob = co_store_dup_blob_path (fx->store, sha);
    g_assert_false (g_file_test (blob, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpuint (fx->n_changed, ==, 0);
}

static void
test_notes (VaultFixture  *fx,
            gconstpointer  data)
{
  g_autofree char *long_line = g_strnfill (200, 'w');
  g_autofree char *body = g_strconcat ("  ", long_line, "\nsecond line", NULL);
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = add_note (fx, NULL, "First line is the title\nAnd then the rest");
  item = co_vault_get (fx->vault, id, &error);
  g_assert_cmpstr (co_vault_item_get_title (item), ==, "First line is the title");
  g_assert_cmpstr (co_vault_item_get_body (item), ==, "First line is the title\nAnd then the rest");
  g_assert_cmpint (co_vault_item_get_item_type (item), ==, CO_VAULT_TYPE_NOTE);
  g_assert_null (co_vault_item_get_sha256 (item));
  g_clear_object (&item);

  id = add_note (fx, NULL, body);
  item = co_vault_get (fx->vault, id, &error);
  g_assert_cmpint (g_utf8_strlen (co_vault_item_get_title (item), -1), ==, 80);
  g_clear_object (&item);

  id = add_note (fx, "Explicit", "body text");
  item = co_vault_get (fx->vault, id, &error);
  g_assert_cmpstr (co_vault_item_get_title (item), ==, "Explicit");

  g_assert_cmpint (co_vault_add_note (fx->vault, NULL, "   \n\t ", NULL, &error), ==, 0);
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (co_vault_add_note (fx->vault, NULL, "bad \xff\xfe utf8", NULL, &error), ==, 0);
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (co_vault_add_note (fx->vault, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM vault_items"), ==, 3);
}

static void
test_links (VaultFixture  *fx,
            gconstpointer  data)
{
  const char *bad[] = {
    "not a url", "ftp://example.com/file", "http://", "javascript:alert(1)", "example.com",
    "file:///etc/passwd", "", "https:///path-only",
  };
  const char *tags[] = { "later", NULL };
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, again;

  id = co_vault_add_link (fx->vault, "https://example.com/video?id=1", NULL, "great pacing",
                          NULL, &error);
  g_assert_no_error (error);
  item = co_vault_get (fx->vault, id, &error);
  g_assert_cmpint (co_vault_item_get_item_type (item), ==, CO_VAULT_TYPE_LINK);
  g_assert_cmpstr (co_vault_item_get_title (item), ==, "https://example.com/video?id=1");
  g_assert_cmpstr (co_vault_item_get_source_url (item), ==, "https://example.com/video?id=1");
  g_assert_cmpstr (co_vault_item_get_notes (item), ==, "great pacing");
  g_assert_cmpint (search_count (fx, "pacing"), ==, 1);

  again = co_vault_add_link (fx->vault, "https://example.com/video?id=1", "Other", NULL, tags,
                             &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_cmpint (search_count (fx, "later"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_cmpint (co_vault_add_link (fx->vault, bad[i], NULL, NULL, NULL, &error), ==, 0);
      g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_clear_error (&error);
    }
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM vault_items"), ==, 1);
}

static void
test_tags (VaultFixture  *fx,
           gconstpointer  data)
{
  g_autofree char *too_long = g_strnfill (65, 't');
  g_autofree char *longest = g_strnfill (64, 't');
  const char *bad[] = { "", "   ", "#", "##", "a,b", too_long };
  const char *good[] = { " Travel ", "#food", "travel", longest, "café", NULL };
  const char *drop[] = { "FOOD", "absent", NULL };
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) all = NULL;
  gint64 id = add_note (fx, NULL, "Tagged note");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *mixed[] = { "fine", bad[i], NULL };

      g_assert_false (co_vault_add_tags (fx->vault, id, mixed, &error));
      g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_clear_error (&error);
    }
  /* Nothing of a rejected call is kept, not even its good tags. */
  item = co_vault_get (fx->vault, id, NULL);
  g_assert_null (co_vault_item_get_tags (item)[0]);
  g_clear_object (&item);

  g_assert_true (co_vault_add_tags (fx->vault, id, good, &error));
  g_assert_no_error (error);
  item = co_vault_get (fx->vault, id, NULL);
  g_assert_cmpuint (g_strv_length ((char **)co_vault_item_get_tags (item)), ==, 4);
  g_assert_cmpstr (co_vault_item_get_tags (item)[0], ==, "café");
  g_assert_cmpstr (co_vault_item_get_tags (item)[1], ==, "food");
  g_assert_cmpstr (co_vault_item_get_tags (item)[2], ==, "Travel");
  g_clear_object (&item);
  g_assert_cmpint (search_count (fx, "cafe"), ==, 1);

  g_assert_true (co_vault_remove_tags (fx->vault, id, drop, &error));
  g_assert_no_error (error);
  item = co_vault_get (fx->vault, id, NULL);
  g_assert_cmpuint (g_strv_length ((char **)co_vault_item_get_tags (item)), ==, 3);
  g_assert_cmpint (search_count (fx, "food"), ==, 0);

  all = co_vault_list_tags (fx->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (all), ==, 3);
  g_assert_cmpstr (all[0], ==, "café");

  g_assert_false (co_vault_add_tags (fx->vault, 9999, good, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (co_vault_remove_tags (fx->vault, 9999, drop, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
}

/* Six items with distinct types, sizes, durations, titles and import times. */
static gint64 *
make_catalogue (VaultFixture *fx)
{
  static const struct
  {
    const char  *name;
    const char  *content;
    CoVaultType  type;
    double       duration;
    const char  *tag;
  } rows[] = {
    { "beta.webm", "video video video", CO_VAULT_TYPE_VIDEO, 12.5, "travel" },
    { "Alpha.wav", "audio audio", CO_VAULT_TYPE_AUDIO, 30.0, "music" },
    { "drone-delta.png", "a picture of a drone", CO_VAULT_TYPE_IMAGE, -1, "travel" },
    { "charlie.webm", "short", CO_VAULT_TYPE_VIDEO, 3.0, NULL },
  };
  gint64 *ids = g_new0 (gint64, 6);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *tags[] = { rows[i].tag, NULL };
      g_autofree char *path = co_test_write_file (fx->src_dir, rows[i].name, rows[i].content, -1);
      CoVaultNewItem meta = { .type = rows[i].type, .duration = rows[i].duration, .tags = tags };

      ids[i] = co_vault_import_file (fx->vault, path, &meta, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  ids[4] = add_note (fx, "echo", "a note about the drone shot");
  ids[5] = co_vault_add_link (fx->vault, "https://example.com/", "Foxtrot", NULL, NULL, &error);
  g_assert_no_error (error);

  /* Import times one hour apart, in id order, for the date filters. */
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE vault_items SET imported_at = %"
                                              G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                                              (gint64)(i + 1) * 3600 * G_USEC_PER_SEC, ids[i]);
      sql_exec (fx->store, sql);
    }
  return ids;
}

static void
assert_list (VaultFixture       *fx,
             const CoVaultQuery *query,
             const gint64       *ids,
             const char         *positions)
{
  g_autofree char *got = list_ids (fx, query);
  g_auto(GStrv) parts = g_strsplit (positions, " ", -1);
  g_autoptr(GString) expected = g_string_new (NULL);

  for (guint i = 0; positions[0] != '\0' && parts[i] != NULL; i++)
    g_string_append_printf (expected, "%s%" G_GINT64_FORMAT, i ? " " : "",
                            ids[atoi (parts[i])]);
  g_test_message ("list: got [%s] expected [%s] (positions %s)", got, expected->str, positions);
  g_assert_cmpstr (got, ==, expected->str);
}

static void
test_list_filters (VaultFixture  *fx,
                   gconstpointer  data)
{
  g_autofree gint64 *ids = make_catalogue (fx);
  gint64 hour = (gint64)3600 * G_USEC_PER_SEC;

  assert_list (fx, &(CoVaultQuery) { 0 }, ids, "5 4 3 2 1 0");
  assert_list (fx, &(CoVaultQuery) { .type = CO_VAULT_TYPE_VIDEO }, ids, "3 0");
  assert_list (fx, &(CoVaultQuery) { .type = CO_VAULT_TYPE_NOTE }, ids, "4");
  assert_list (fx, &(CoVaultQuery) { .type = CO_VAULT_TYPE_LINK }, ids, "5");
  assert_list (fx, &(CoVaultQuery) { .tag = "travel" }, ids, "2 0");
  assert_list (fx, &(CoVaultQuery) { .tag = "#TRAVEL" }, ids, "2 0");
  assert_list (fx, &(CoVaultQuery) { .tag = "nothing" }, ids, "");
  assert_list (fx, &(CoVaultQuery) { .since = 3 * hour }, ids, "5 4 3 2");
  assert_list (fx, &(CoVaultQuery) { .until = 3 * hour }, ids, "1 0");
  assert_list (fx, &(CoVaultQuery) { .since = 2 * hour, .until = 4 * hour }, ids, "2 1");
  assert_list (fx, &(CoVaultQuery) { .type = CO_VAULT_TYPE_VIDEO, .tag = "travel" }, ids, "0");
  assert_list (fx, &(CoVaultQuery) { .search = "drone" }, ids, "4 2");
  assert_list (fx, &(CoVaultQuery) { .search = "drone", .type = CO_VAULT_TYPE_NOTE }, ids, "4");

  g_assert_true (co_vault_trash (fx->vault, ids[1], NULL));
  g_assert_true (co_vault_trash (fx->vault, ids[4], NULL));
  assert_list (fx, &(CoVaultQuery) { 0 }, ids, "5 3 2 0");
  assert_list (fx, &(CoVaultQuery) { .trash = CO_VAULT_TRASH_ONLY }, ids, "4 1");
  assert_list (fx, &(CoVaultQuery) { .trash = CO_VAULT_TRASH_INCLUDE }, ids, "5 4 3 2 1 0");
  assert_list (fx, &(CoVaultQuery) { .search = "drone" }, ids, "2");
  assert_list (fx, &(CoVaultQuery) { .search = "drone", .trash = CO_VAULT_TRASH_ONLY }, ids, "4");
}

static void
test_list_sorts (VaultFixture  *fx,
                 gconstpointer  data)
{
  g_autofree gint64 *ids = make_catalogue (fx);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  assert_list (fx, &(CoVaultQuery) { .sort = CO_VAULT_SORT_NEWEST }, ids, "5 4 3 2 1 0");
  assert_list (fx, &(CoVaultQuery) { .sort = CO_VAULT_SORT_OLDEST }, ids, "0 1 2 3 4 5");
  /* Names sort without regard to case: Alpha, beta, charlie, drone-delta, echo, Foxtrot. */
  assert_list (fx, &(CoVaultQuery) { .sort = CO_VAULT_SORT_NAME }, ids, "1 0 3 2 4 5");
  /* Largest first; notes and links have no file, so size 0, newest first among equals. */
  assert_list (fx, &(CoVaultQuery) { .sort = CO_VAULT_SORT_SIZE }, ids, "2 0 1 3 5 4");
  /* Longest first, items without a duration last. */
  assert_list (fx, &(CoVaultQuery) { .sort = CO_VAULT_SORT_DURATION }, ids, "1 0 3 5 4 2");
  /* Relevance without a search falls back to newest first. */
  assert_list (fx, &(CoVaultQuery) { .sort = CO_VAULT_SORT_RELEVANCE }, ids, "5 4 3 2 1 0");

  page = co_vault_list (fx->vault, &(CoVaultQuery) { .sort = CO_VAULT_SORT_OLDEST }, 2, 3,
                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpint (co_vault_item_get_id (g_ptr_array_index (page, 0)), ==, ids[2]);
  g_assert_cmpint (co_vault_item_get_id (g_ptr_array_index (page, 2)), ==, ids[4]);
}

static void
test_sort_type_names (void)
{
  CoVaultSort sort;
  CoVaultType type;

  for (CoVaultSort s = CO_VAULT_SORT_NEWEST; s <= CO_VAULT_SORT_RELEVANCE; s++)
    {
      g_assert_true (co_vault_sort_from_string (co_vault_sort_to_string (s), &sort));
      g_assert_cmpint (sort, ==, s);
    }
  for (CoVaultType t = CO_VAULT_TYPE_ANY; t <= CO_VAULT_TYPE_LINK; t++)
    {
      g_assert_true (co_vault_type_from_string (co_vault_type_to_string (t), &type));
      g_assert_cmpint (type, ==, t);
    }
  g_assert_false (co_vault_sort_from_string ("sideways", &sort));
  g_assert_false (co_vault_sort_from_string (NULL, &sort));
  g_assert_false (co_vault_type_from_string ("hologram", &type));
  g_assert_true (co_vault_type_is_visual (CO_VAULT_TYPE_VIDEO));
  g_assert_false (co_vault_type_is_visual (CO_VAULT_TYPE_AUDIO));
}

static void
test_search_ranking (VaultFixture  *fx,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 weak, strong, none;

  weak = add_note (fx, "Weekly plan",
                   "Monday script, Tuesday shoot, Wednesday edit, Thursday thumbnails, "
                   "Friday upload and maybe a drone shot if the weather holds");
  strong = add_note (fx, "Drone footage", "Drone rules and drone batteries");
  none = add_note (fx, "Lighting", "Softbox placement");

  found = co_vault_list (fx->vault, &(CoVaultQuery) { .search = "drone",
                                                      .sort = CO_VAULT_SORT_RELEVANCE },
                         0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpint (co_vault_item_get_id (g_ptr_array_index (found, 0)), ==, strong);
  g_assert_cmpint (co_vault_item_get_id (g_ptr_array_index (found, 1)), ==, weak);
  g_assert_cmpint (search_count (fx, "softbox"), ==, 1);
  g_assert_cmpint (none, >, 0);

  /* Several words must all be present. */
  g_assert_cmpint (search_count (fx, "drone batteries"), ==, 1);
  g_assert_cmpint (search_count (fx, "drone softbox"), ==, 0);
  /* Case and accents do not matter. */
  g_assert_cmpint (search_count (fx, "DRÔNE"), ==, 2);
}

static void
test_search_prefix (VaultFixture  *fx,
                    gconstpointer  data)
{
  add_note (fx, "vlog", "plain");
  add_note (fx, "vlogging", "gerund");
  add_note (fx, "Vlogs", "plural");
  add_note (fx, "Cooking", "kitchen");
  add_note (fx, "blog", "other");

  g_assert_cmpint (search_count (fx, "vlog*"), ==, 3);
  g_assert_cmpint (search_count (fx, "vlog"), ==, 3);
  g_assert_cmpint (search_count (fx, "vloggi*"), ==, 1);
  g_assert_cmpint (search_count (fx, "vloggi"), ==, 1);
  g_assert_cmpint (search_count (fx, "v*"), ==, 3);
  g_assert_cmpint (search_count (fx, "v"), ==, 0);
  g_assert_cmpint (search_count (fx, "cook*"), ==, 1);
  g_assert_cmpint (search_count (fx, "cookin*"), ==, 1);
  g_assert_cmpint (search_count (fx, "cooking*"), ==, 1);
  g_assert_cmpint (search_count (fx, "cookings*"), ==, 0);
  g_assert_cmpint (search_count (fx, "log*"), ==, 0);
  g_assert_cmpint (search_count (fx, "log"), ==, 0);
  /* A whole word finds the other forms of itself. */
  g_assert_cmpint (search_count (fx, "cooked"), ==, 1);
  g_assert_cmpint (search_count (fx, "cooked*"), ==, 0);
}

/* The issue's note: every beginning of two letters or more of any word
 * finds it, case and accents aside, and whole words keep their stems. */
static void
test_search_word_beginnings (VaultFixture  *fx,
                             gconstpointer  data)
{
  const char *found[] = {
    "stab", "stabilis", "stabilisa", "stabilisation", "STAB", "gi", "gim", "gimbal", "tr",
    "tricks", "trick", "stabilising", "stabilised", "gimbals", "gimb stab", "stab tri",
    "ste", "steady", "steadi", "handheld", "hand", "vidéo", "VIDEO", "videos",
  };
  const char *missed[] = {
    "g", "abil", "bal", "stabilisationx", "tricky", "stab cooking", "imbal", "ticks",
  };
  const char *tags[] = { "Video", NULL };
  g_autoptr(GError) error = NULL;
  gint64 id = co_vault_add_note (fx->vault, "Gimbal stabilisation tricks",
                                 "Steady handheld shots", tags, &error);

  g_assert_no_error (error);
  add_note (fx, "Cooking", "kitchen");
  for (gsize i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autoptr(GPtrArray) list = co_vault_list (fx->vault, &(CoVaultQuery) { .search = found[i] },
                                                 0, 10, &error);

      g_assert_no_error (error);
      if (list->len != 1 || co_vault_item_get_id (g_ptr_array_index (list, 0)) != id)
        g_error ("“%s” found %u items, not the note", found[i], list->len);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (missed); i++)
    {
      if (search_count (fx, missed[i]) != 0)
        g_error ("“%s” found the note", missed[i]);
    }
}

static void
test_search_syntax (VaultFixture  *fx,
                    gconstpointer  data)
{
  const char *with_words[] = {
    "\"drone", "drone\"", "\"drone\"", "(drone", "drone)", "(drone)", "-drone", "drone -",
    "drone:", ":drone", "title:drone", "drone^", "^drone", "{title}: drone", "drone +",
    "drone*:", "drone AND", "AND drone", "drone OR", "NOT drone", "drone NEAR",
    "NEAR(drone shot)", "NEAR(drone shot, 2)", "drone \"\" shot", "'drone'", "drone;",
    "drone; DROP TABLE vault_items", "drone\\", "dr*one", "**drone", "drone**",
  };
  const char *without_words[] = { "", "   ", "\"\"", "()", "***", ":-^", "+", "\"*\"", NULL };
  gint64 drone = add_note (fx, "Drone shot", "near the river");
  g_autoptr(GError) error = NULL;

  add_note (fx, "and or not near", "operators as words");
  for (guint i = 0; i < G_N_ELEMENTS (with_words); i++)
    {
      gint64 n = co_vault_count (fx->vault, &(CoVaultQuery) { .search = with_words[i] }, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >=, 0);
      g_assert_cmpint (n, <=, 2);
    }
  /* Quotes, brackets and dashes are not syntax: the word is still found. */
  g_assert_cmpint (search_count (fx, "\"drone\""), ==, 1);
  g_assert_cmpint (search_count (fx, "(drone)"), ==, 1);
  g_assert_cmpint (search_count (fx, "-drone"), ==, 1);
  g_assert_cmpint (search_count (fx, "NEAR(drone shot)"), ==, 1);
  g_assert_cmpint (search_count (fx, "drone AND"), ==, 0);
  g_assert_cmpint (search_count (fx, "near and"), ==, 1);
  g_assert_cmpint (search_count (fx, "NOT"), ==, 1);
  g_assert_cmpint (drone, >, 0);

  for (guint i = 0; without_words[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) list = NULL;

      g_assert_cmpint (co_vault_count (fx->vault, &(CoVaultQuery) { .search = without_words[i] },
                                       &error), ==, -1);
      g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_BAD_QUERY);
      g_clear_error (&error);
      list = co_vault_list (fx->vault, &(CoVaultQuery) { .search = without_words[i] }, 0, 10,
                            &error);
      g_assert_null (list);
      g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_BAD_QUERY);
      g_clear_error (&error);
    }
}

static void
test_trash_restore (VaultFixture  *fx,
                    gconstpointer  data)
{
  gint64 id = add_note (fx, NULL, "Trash me");
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (co_vault_trash (fx->vault, id, &error));
  g_assert_no_error (error);
  item = co_vault_get (fx->vault, id, NULL);
  g_assert_true (co_vault_item_get_trashed (item));
  g_assert_cmpint (co_vault_item_get_trashed_at (item), >, 0);
  g_assert_cmpint (co_vault_count (fx->vault, NULL, NULL), ==, 0);
  g_assert_cmpint (search_count (fx, "trash"), ==, 0);

  g_assert_false (co_vault_trash (fx->vault, id, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_WRONG_STATE);
  g_clear_error (&error);

  g_assert_true (co_vault_restore (fx->vault, id, &error));
  g_assert_no_error (error);
  g_clear_object (&item);
  item = co_vault_get (fx->vault, id, NULL);
  g_assert_false (co_vault_item_get_trashed (item));
  g_assert_cmpint (search_count (fx, "trash"), ==, 1);
  g_assert_false (co_vault_restore (fx->vault, id, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_WRONG_STATE);
  g_clear_error (&error);

  g_assert_false (co_vault_trash (fx->vault, 4242, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "4242"));
  g_clear_error (&error);
  g_assert_false (co_vault_restore (fx->vault, 4242, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (co_vault_get (fx->vault, 4242, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
}

static char *
touch_thumbnail (VaultFixture *fx,
                 const char   *sha)
{
  g_autofree char *thumb = co_store_dup_thumbnail_path (fx->store, sha);
  g_autofree char *dir = g_path_get_dirname (thumb);

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  g_free (co_test_write_file (dir, strrchr (thumb, '/') + 1, "thumb", -1));
  return g_steal_pointer (&thumb);
}

static void
test_purge (VaultFixture  *fx,
            gconstpointer  data)
{
  const char *tags[] = { "doomed", "shared", NULL };
  const char *keep_tags[] = { "shared", NULL };
  g_autofree char *sha_kept = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "kept", -1);
  g_autofree char *sha_gone = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "gone!", -1);
  g_autofree char *blob_kept = co_store_dup_blob_path (fx->store, sha_kept);
  g_autofree char *blob_gone = co_store_dup_blob_path (fx->store, sha_gone);
  g_autofree char *thumb_kept = touch_thumbnail (fx, sha_kept);
  g_autofree char *thumb_gone = touch_thumbnail (fx, sha_gone);
  CoVaultPurgeReport report = { 99, 99, 99 };
  g_autoptr(GError) error = NULL;
  gint64 kept, gone, note, live;
  guint changed_before;

  kept = import_bytes (fx, "kept.png", "kept", CO_VAULT_TYPE_IMAGE, tags, NULL, &error);
  gone = import_bytes (fx, "gone.png", "gone!", CO_VAULT_TYPE_IMAGE, tags, NULL, &error);
  note = co_vault_add_note (fx->vault, NULL, "doomed note", tags, &error);
  live = co_vault_add_note (fx->vault, NULL, "living note", keep_tags, &error);
  g_assert_no_error (error);
  /* A draft also uses the first file, so purging its item must keep it. */
  g_assert_true (co_assets_add_ref (fx->store, sha_kept, "draft", 7, &error));

  g_assert_true (co_vault_purge (fx->vault, &report, &error));
  g_assert_cmpuint (report.items, ==, 0);
  g_assert_cmpuint (report.files, ==, 0);

  g_assert_true (co_vault_trash (fx->vault, kept, NULL));
  g_assert_true (co_vault_trash (fx->vault, gone, NULL));
  g_assert_true (co_vault_trash (fx->vault, note, NULL));
  changed_before = fx->n_changed;
  g_assert_true (co_vault_purge (fx->vault, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_changed, ==, changed_before + 1);
  g_assert_cmpuint (report.items, ==, 3);
  g_assert_cmpuint (report.files, ==, 1);
  g_assert_cmpint (report.bytes, ==, 5);

  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM vault_items"), ==, 1);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM vault_fts"), ==, 1);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM item_tags"), ==, 1);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM tags"), ==, 1);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM asset_refs WHERE owner_kind = 'vault'"),
                   ==, 0);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM assets"), ==, 1);
  g_assert_cmpint (search_count (fx, "doomed"), ==, 0);
  g_assert_cmpint (search_count (fx, "shared"), ==, 1);
  g_assert_false (g_file_test (blob_gone, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (thumb_gone, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (blob_kept, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (thumb_kept, G_FILE_TEST_EXISTS));
  g_assert_cmpint (live, >, 0);
  {
    g_autoptr(CoAsset) asset = co_assets_get (fx->store, sha_kept, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (asset->n_refs, ==, 1);
  }
}

static void
test_purge_strays (VaultFixture  *fx,
                   gconstpointer  data)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "orphan", -1);
  g_autofree char *stray = co_store_dup_blob_path (fx->store, sha);
  g_autofree char *stray_dir = g_path_get_dirname (stray);
  g_autofree char *tmp_dir = g_build_filename (co_store_get_data_dir (fx->store), "blobs", "tmp",
                                               NULL);
  g_autofree char *old_tmp = NULL;
  g_autofree char *young_tmp = NULL;
  CoVaultPurgeReport report;
  struct utimbuf old_time = { 1000, 1000 };
  g_autoptr(GError) error = NULL;

  /* A crash can leave a copied file with no row, or a temporary copy. */
  g_assert_no_errno (g_mkdir_with_parents (stray_dir, 0700));
  g_assert_no_errno (g_mkdir_with_parents (tmp_dir, 0700));
  g_free (co_test_write_file (stray_dir, sha, "orphan", -1));
  old_tmp = co_test_write_file (tmp_dir, "import-OLD123", "partial", -1);
  young_tmp = co_test_write_file (tmp_dir, "import-NEW123", "in flight", -1);
  g_assert_no_errno (g_utime (stray, &old_time));
  g_assert_no_errno (g_utime (old_tmp, &old_time));

  g_assert_true (co_vault_purge (fx->vault, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.files, ==, 2);
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_tmp, G_FILE_TEST_EXISTS));
  /* A young temporary file may belong to an import still running. */
  g_assert_true (g_file_test (young_tmp, G_FILE_TEST_EXISTS));
}

static void
test_exclude (VaultFixture  *fx,
              gconstpointer  data)
{
  gint64 id = add_note (fx, NULL, "Private idea");
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (co_vault_set_excluded (fx->vault, id, TRUE, &error));
  g_assert_no_error (error);
  item = co_vault_get (fx->vault, id, NULL);
  g_assert_true (co_vault_item_get_excluded (item));
  g_clear_object (&item);
  g_assert_true (co_vault_set_excluded (fx->vault, id, TRUE, &error));
  g_assert_true (co_vault_set_excluded (fx->vault, id, FALSE, &error));
  item = co_vault_get (fx->vault, id, NULL);
  g_assert_false (co_vault_item_get_excluded (item));
  g_assert_false (co_vault_set_excluded (fx->vault, 777, TRUE, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
}

static void
test_update_text (VaultFixture  *fx,
                  gconstpointer  data)
{
  gint64 id = add_note (fx, "Original heading", "body words");
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (co_vault_update_text (fx->vault, id, "  Renamed heading ", "fresh remarks",
                                       &error));
  g_assert_no_error (error);
  item = co_vault_get (fx->vault, id, NULL);
  g_assert_cmpstr (co_vault_item_get_title (item), ==, "Renamed heading");
  g_assert_cmpstr (co_vault_item_get_notes (item), ==, "fresh remarks");
  g_assert_cmpint (search_count (fx, "original"), ==, 0);
  g_assert_cmpint (search_count (fx, "renamed"), ==, 1);
  g_assert_cmpint (search_count (fx, "remarks"), ==, 1);
  g_assert_cmpint (search_count (fx, "body"), ==, 1);

  g_assert_false (co_vault_update_text (fx->vault, id, "   ", NULL, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (co_vault_update_text (fx->vault, 999, "Title", NULL, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (co_vault_update_text (fx->vault, 999, NULL, "notes", &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
}

static void
test_transcript (VaultFixture  *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "interview", NULL };
  gint64 id = import_bytes (fx, "talk.wav", "talk", CO_VAULT_TYPE_AUDIO, NULL, NULL, &error);
  guint changed_before = fx->n_changed;

  g_assert_no_error (error);
  g_assert_true (co_vault_set_transcript (fx->vault, id, "welcome to the photography podcast",
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_changed, ==, changed_before + 1);
  g_assert_cmpint (search_count (fx, "photography"), ==, 1);
  g_assert_cmpint (search_count (fx, "podc*"), ==, 1);

  /* Editing the item's text or tags keeps its transcript searchable. */
  g_assert_true (co_vault_update_text (fx->vault, id, "Talk", NULL, &error));
  g_assert_true (co_vault_add_tags (fx->vault, id, tags, &error));
  g_assert_cmpint (search_count (fx, "photography interview"), ==, 1);

  g_assert_true (co_vault_set_transcript (fx->vault, id, "replaced words", &error));
  g_assert_cmpint (search_count (fx, "photography"), ==, 0);
  g_assert_cmpint (search_count (fx, "replaced"), ==, 1);

  g_assert_false (co_vault_set_transcript (fx->vault, 31337, "x", &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
}

static const CoVaultMatch *
find_match (GPtrArray *matches,
            gint64     id)
{
  for (guint i = 0; i < matches->len; i++)
    {
      const CoVaultMatch *m = g_ptr_array_index (matches, i);
      if (co_vault_item_get_id (m->item) == id)
        return m;
    }
  return NULL;
}

static void
test_similar_text (VaultFixture  *fx,
                   gconstpointer  data)
{
  gint64 a = add_note (fx, "Drone shots at sunset", "Fly the drone low over the lake at sunset");
  gint64 b = add_note (fx, "Sunset drone ideas", "Low drone flight over a lake during sunset");
  gint64 c = add_note (fx, "Tax paperwork", "Invoices and receipts for the accountant");
  gint64 d = add_note (fx, "Sunset drone ideas again", "Low drone flight over a lake at sunset");
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  const CoVaultMatch *m;

  g_assert_true (co_vault_trash (fx->vault, d, NULL));
  matches = co_vault_similar (fx->vault, a, 10, &error);
  g_assert_no_error (error);
  m = find_match (matches, b);
  g_assert_nonnull (m);
  g_assert_cmpfloat (m->score, >, 0.2);
  g_assert_cmpfloat (m->score, <=, 1.0);
  g_assert_nonnull (strstr (m->reason, "%"));
  g_assert_null (find_match (matches, c));
  g_assert_null (find_match (matches, d));
  g_assert_null (find_match (matches, a));
  g_clear_pointer (&matches, g_ptr_array_unref);

  matches = co_vault_similar (fx->vault, c, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 0);
  g_clear_pointer (&matches, g_ptr_array_unref);

  g_assert_null (co_vault_similar (fx->vault, 5555, 10, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
}

static gint64
import_image_with_hash (VaultFixture *fx,
                        const char   *name,
                        guint64       phash)
{
  g_autofree char *path = co_test_write_file (fx->src_dir, name, name, -1);
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_IMAGE, .duration = -1, .has_phash = TRUE,
                          .phash = phash };
  g_autoptr(GError) error = NULL;
  gint64 id = co_vault_import_file (fx->vault, path, &meta, NULL, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_similar_phash (VaultFixture  *fx,
                    gconstpointer  data)
{
  guint64 base = G_GUINT64_CONSTANT (0x0123456789abcdef);
  gint64 a = import_image_with_hash (fx, "kilo", base);
  gint64 close = import_image_with_hash (fx, "lima", base ^ 0x7);
  gint64 far = import_image_with_hash (fx, "mike", ~base);
  gint64 edge = import_image_with_hash (fx, "november", base ^ 0xfff);
  gint64 beyond = import_image_with_hash (fx, "oscar", base ^ 0x1fff);
  g_autoptr(GPtrArray) matches = co_vault_similar (fx->vault, a, 0, NULL);
  const CoVaultMatch *m;

  m = find_match (matches, close);
  g_assert_nonnull (m);
  g_assert_cmpfloat_with_epsilon (m->score, 1.0 - 3.0 / 64.0, 1e-9);
  g_assert_nonnull (strstr (m->reason, "3 of 64"));
  g_assert_nonnull (find_match (matches, edge));
  g_assert_null (find_match (matches, beyond));
  g_assert_null (find_match (matches, far));
  /* Best first. */
  g_assert_true (((CoVaultMatch *)g_ptr_array_index (matches, 0))->item != NULL);
  g_assert_cmpint (co_vault_item_get_id (((CoVaultMatch *)g_ptr_array_index (matches, 0))->item),
                   ==, close);
}

/* The async pair gives what the blocking call gives, and its errors. */
static void
test_similar_async (VaultFixture  *fx,
                    gconstpointer  data)
{
  guint64 base = G_GUINT64_CONSTANT (0x0123456789abcdef);
  gint64 a = import_image_with_hash (fx, "papa", base);
  gint64 close = import_image_with_hash (fx, "quebec", base ^ 0x3);
  gint64 far = import_image_with_hash (fx, "romeo", ~base);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;

  co_vault_similar_async (fx->vault, a, 5, NULL, co_test_async_ready_cb, &result);
  matches = co_vault_similar_finish (fx->vault, co_test_async_wait (&result, 20000), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_nonnull (find_match (matches, close));
  g_assert_null (find_match (matches, far));
  co_test_assert_finalized (g_steal_pointer (&result), 20000);

  co_vault_similar_async (fx->vault, 5555, 5, NULL, co_test_async_ready_cb, &result);
  g_assert_null (co_vault_similar_finish (fx->vault, co_test_async_wait (&result, 20000),
                                          &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  co_test_assert_finalized (g_steal_pointer (&result), 20000);

  g_cancellable_cancel (cancellable);
  co_vault_similar_async (fx->vault, a, 5, cancellable, co_test_async_ready_cb, &result);
  g_assert_null (co_vault_similar_finish (fx->vault, co_test_async_wait (&result, 20000),
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  co_test_assert_finalized (g_steal_pointer (&result), 20000);
}

static void
test_near_duplicates (VaultFixture  *fx,
                      gconstpointer  data)
{
  const char *tags[] = { "lighting", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  const CoVaultMatch *m;
  gint64 a, b, c;

  a = co_vault_add_note (fx->vault, "Ten tips for better vlog lighting",
                         "Use a softbox, face the window, avoid mixed colour temperatures.",
                         tags, &error);
  b = co_vault_add_note (fx->vault, "10 tips for better vlog lighting!",
                         "Use a softbox; face the window; avoid mixed colour temperatures",
                         tags, &error);
  c = co_vault_add_note (fx->vault, "Lighting budget", "Buy a cheap softbox for the studio",
                         tags, &error);
  g_assert_no_error (error);

  matches = co_vault_near_duplicates (fx->vault, a, 0, &error);
  g_assert_no_error (error);
  m = find_match (matches, b);
  g_assert_nonnull (m);
  g_assert_cmpfloat (m->score, >=, 0.75);
  g_assert_nonnull (strstr (m->reason, "titles"));
  g_assert_nonnull (strstr (m->reason, "tags 100 %"));
  g_assert_null (find_match (matches, c));
  g_clear_pointer (&matches, g_ptr_array_unref);

  matches = co_vault_near_duplicates (fx->vault, a, 0.1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_match (matches, c));
  g_clear_pointer (&matches, g_ptr_array_unref);

  g_assert_null (co_vault_near_duplicates (fx->vault, a, 1.5, &error));
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1.5"));
}

static void
test_changed_signal (VaultFixture  *fx,
                     gconstpointer  data)
{
  const char *tags[] = { "x", NULL };
  const char *bad_tags[] = { ",", NULL };
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = add_note (fx, NULL, "Signal");
  g_assert_cmpuint (fx->n_changed, ==, 1);
  g_assert_true (co_vault_add_tags (fx->vault, id, tags, NULL));
  g_assert_cmpuint (fx->n_changed, ==, 2);
  g_assert_true (co_vault_remove_tags (fx->vault, id, tags, NULL));
  g_assert_cmpuint (fx->n_changed, ==, 3);
  g_assert_true (co_vault_update_text (fx->vault, id, "New", NULL, NULL));
  g_assert_cmpuint (fx->n_changed, ==, 4);
  g_assert_true (co_vault_set_excluded (fx->vault, id, TRUE, NULL));
  g_assert_cmpuint (fx->n_changed, ==, 5);
  g_assert_true (co_vault_trash (fx->vault, id, NULL));
  g_assert_cmpuint (fx->n_changed, ==, 6);
  g_assert_true (co_vault_restore (fx->vault, id, NULL));
  g_assert_cmpuint (fx->n_changed, ==, 7);
  g_assert_true (co_vault_add_link (fx->vault, "http://example.org", NULL, NULL, NULL, NULL) > 0);
  g_assert_cmpuint (fx->n_changed, ==, 8);

  /* Failures change nothing and say nothing. */
  g_assert_false (co_vault_add_tags (fx->vault, id, bad_tags, &error));
  g_clear_error (&error);
  g_assert_false (co_vault_trash (fx->vault, 999, &error));
  g_clear_error (&error);
  g_assert_false (co_vault_restore (fx->vault, id, &error));
  g_clear_error (&error);
  g_assert_cmpint (co_vault_add_note (fx->vault, NULL, "", NULL, &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpuint (fx->n_changed, ==, 8);

  g_assert_true (co_vault_trash (fx->vault, id, NULL));
  g_assert_true (co_vault_purge (fx->vault, NULL, NULL));
  g_assert_cmpuint (fx->n_changed, ==, 10);
}

static void
test_find_and_json (VaultFixture  *fx,
                    gconstpointer  data)
{
  const char *tags[] = { "json", NULL };
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "json bytes", -1);
  g_autoptr(GError) error = NULL;
  gint64 id = import_bytes (fx, "j.png", "json bytes", CO_VAULT_TYPE_IMAGE, tags, NULL, &error);
  g_autoptr(CoVaultItem) item = co_vault_find_by_sha256 (fx->vault, sha);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  g_assert_nonnull (item);
  g_assert_cmpint (co_vault_item_get_id (item), ==, id);
  g_assert_null (co_vault_find_by_sha256 (fx->vault, "0000"));

  node = co_vault_item_to_json (item);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "image");
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, sha);
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 10);
  g_assert_true (json_object_get_null_member (object, "duration"));
  g_assert_true (json_object_get_null_member (object, "width"));
  g_assert_false (json_object_get_boolean_member (object, "trashed"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "tags"),
                                                  0), ==, "json");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "imported_at"), "Z"));
}

/* A word in more items than relevance ranks: relevance orders the most
 * recent matches and counts agree with what it lists; other orders reach
 * every match. */
static void
test_search_relevance_cap (VaultFixture  *fx,
                           gconstpointer  data)
{
  CoVaultQuery relevance = { .search = "lantern", .sort = CO_VAULT_SORT_RELEVANCE };
  CoVaultQuery newest = { .search = "lantern", .sort = CO_VAULT_SORT_NEWEST };
  g_autoptr(GPtrArray) tail = NULL;
  g_autoptr(GError) error = NULL;
  guint total = CO_VAULT_RELEVANCE_CAP + 37;
  gint64 first_id = 0;

  /* One transaction keeps the many inserts from each flushing to disk. */
  g_assert_true (_co_store_begin (fx->store, &error));
  for (guint i = 0; i < total; i++)
    {
      g_autofree char *body = g_strdup_printf ("Paper lantern shot number %u", i);
      gint64 id = co_vault_add_note (fx->vault, NULL, body, NULL, &error);

      g_assert_no_error (error);
      if (i == 0)
        first_id = id;
    }
  g_assert_true (_co_store_commit (fx->store, &error));

  g_assert_cmpint (co_vault_count (fx->vault, &newest, &error), ==, total);
  g_assert_cmpint (co_vault_count (fx->vault, &relevance, &error), ==, CO_VAULT_RELEVANCE_CAP);
  g_assert_no_error (error);

  tail = co_vault_list (fx->vault, &relevance, CO_VAULT_RELEVANCE_CAP - 5, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tail->len, ==, 5);
  for (guint i = 0; i < tail->len; i++)
    g_assert_cmpint (co_vault_item_get_id (g_ptr_array_index (tail, i)), >=, first_id + 37);
  g_clear_pointer (&tail, g_ptr_array_unref);

  tail = co_vault_list (fx->vault, &newest, total - 1, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tail->len, ==, 1);
  g_assert_cmpint (co_vault_item_get_id (g_ptr_array_index (tail, 0)), ==, first_id);
}

/* Prefixes, stems and row lengths, in an order pinned by hand: three
 * beginnings in a short note outrank one, and one in a short note outranks
 * one in a long note. */
static void
test_search_relevance_prefix (VaultFixture  *fx,
                              gconstpointer  data)
{
  gint64 ids[4];

  ids[0] = add_note (fx, "Interview", "interview questions, interviewing tips");
  ids[1] = add_note (fx, "Long day", "notes from the long day of filming in the old city, "
                     "with an interview at the end and the light going");
  ids[2] = add_note (fx, "Internal", "memo");
  ids[3] = add_note (fx, "Winter", "snow");

  assert_list (fx, &(CoVaultQuery) { .search = "inter*", .sort = CO_VAULT_SORT_RELEVANCE }, ids,
               "0 2 1");
  /* A whole word also finds its other forms, by their stem. */
  assert_list (fx, &(CoVaultQuery) { .search = "interviews", .sort = CO_VAULT_SORT_RELEVANCE },
               ids, "0 1");
  g_assert_true (co_vault_trash (fx->vault, ids[0], NULL));
  assert_list (fx, &(CoVaultQuery) { .search = "inter*", .sort = CO_VAULT_SORT_RELEVANCE }, ids,
               "2 1");
  assert_list (fx, &(CoVaultQuery) { .search = "inter*", .sort = CO_VAULT_SORT_RELEVANCE,
                                     .trash = CO_VAULT_TRASH_ONLY }, ids, "0");
}

/* What relevance listed when every match was joined to its item and
 * ordered by FTS5's own bm25(), recounting each phrase on every search. */
static char *
bm25_ids (VaultFixture       *fx,
          const CoVaultQuery *query)
{
  static const char *const trash[] = { "v.trashed_at IS NULL", "v.trashed_at IS NOT NULL", "1" };
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (fx->store);
  g_autofree char *match = _co_vault_fts_query (fx->store, query->search, FALSE, FALSE, NULL);
  g_autofree char *sql = g_strdup_printf (
    "SELECT v.id FROM vault_items v JOIN vault_fts f ON f.rowid = v.id AND vault_fts MATCH ?1"
    " AND f.rowid >= coalesce ((SELECT rowid FROM vault_fts WHERE vault_fts MATCH ?1"
    "   ORDER BY rowid DESC LIMIT 1 OFFSET %d), 0)"
    " WHERE %s AND (?2 IS NULL OR v.type = ?2) ORDER BY bm25 (vault_fts), v.id DESC",
    CO_VAULT_RELEVANCE_CAP - 1, trash[query->trash]);
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_nonnull (match);
  g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (fx->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  if (query->type != CO_VAULT_TYPE_ANY)
    sqlite3_bind_text (stmt, 2, co_vault_type_to_string (query->type), -1, SQLITE_STATIC);
  for (int i = 0; sqlite3_step (stmt) == SQLITE_ROW; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? " " : "",
                            (gint64) sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static void
assert_bm25_order (VaultFixture *fx)
{
  static const char *const searches[] = {
    "drone", "dro*", "drone shot", "shots", "drone bat*", "interview", "inter*", "sunset city",
    "b-roll", "c", "edit review*",
  };

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    for (CoVaultTrash trash = CO_VAULT_TRASH_EXCLUDE; trash <= CO_VAULT_TRASH_INCLUDE; trash++)
      for (int typed = 0; typed < 2; typed++)
        {
          CoVaultQuery query = { .search = searches[i], .sort = CO_VAULT_SORT_RELEVANCE,
                                 .trash = trash,
                                 .type = typed ? CO_VAULT_TYPE_NOTE : CO_VAULT_TYPE_ANY };
          g_autofree char *got = list_ids (fx, &query);
          g_autofree char *expected = bm25_ids (fx, &query);

          g_test_message ("“%s”, trash %d, typed %d: [%s]", searches[i], trash, typed, got);
          g_assert_cmpstr (got, ==, expected);
        }
}

/* Relevance orders exactly as bm25() did, over many phrases and their
 * weights, with the trash and a filter that reads the items, and again
 * after each change that alters how many items hold a word. */
static void
test_search_relevance_bm25 (VaultFixture  *fx,
                            gconstpointer  data)
{
  static const char *const words[] = {
    "drone", "shot", "shots", "battery", "batteries", "interview", "internal", "sunset",
    "city", "b-roll", "edit", "review", "reviewing", "city", "light", "drone",
  };
  g_autoptr(GError) error = NULL;
  gint64 first = 0;

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      gint64 id;

      for (guint j = 0; j < 3 + (i * 7) % 11; j++)
        g_string_append_printf (body, "%s ", words[(i * 5 + j * j * 3) % G_N_ELEMENTS (words)]);
      id = add_note (fx, words[(i * 3) % G_N_ELEMENTS (words)], body->str);
      first = first != 0 ? first : id;
      if (i % 9 == 4)
        g_assert_true (co_vault_trash (fx->vault, id, &error));
    }
  g_assert_cmpint (co_vault_add_link (fx->vault, "https://example.com/drone", "Drone city shot",
                                      NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  assert_bm25_order (fx);

  /* More items with a word make it weigh less against the others. */
  for (guint i = 0; i < 40; i++)
    add_note (fx, "Drone", "drone drone shot");
  assert_bm25_order (fx);
  g_assert_true (co_vault_trash (fx->vault, first, &error));
  g_assert_true (co_vault_update_text (fx->vault, first + 1, "Sunset", "sunset city", &error));
  g_assert_no_error (error);
  assert_bm25_order (fx);
}

/* Names are words written with a capital where none is needed, and never
 * in lower case; trashed items do not count. */
static void
test_names (VaultFixture  *fx,
            gconstpointer  data)
{
  const char *tags[] = { "Travel", "DaVinci", "Iceland trip", "b-roll", NULL };
  const char *trashed_tags[] = { NULL };
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;
  gint64 gone;

  co_vault_add_note (fx->vault, "Sunrise over Kilimanjaro", "body", tags, &error);
  g_assert_no_error (error);
  add_note (fx, "Travel tips: Packing for Iceland", "Ten things");
  add_note (fx, "More travel ideas with my GoPro", "and I love it");
  add_note (fx, "Gimbal stabilisation tricks", "Nothing else");
  gone = co_vault_add_note (fx->vault, "Filmed with the Hasselblad", "x", trashed_tags, &error);
  g_assert_true (co_vault_trash (fx->vault, gone, &error));

  names = co_vault_dup_names (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (names, "kilimanjaro"), ==, "Kilimanjaro");
  g_assert_cmpstr (g_hash_table_lookup (names, "davinci"), ==, "DaVinci");
  g_assert_cmpstr (g_hash_table_lookup (names, "iceland"), ==, "Iceland");
  g_assert_cmpstr (g_hash_table_lookup (names, "gopro"), ==, "GoPro");
  /* "travel" is written in lower case too; "Packing" and "Gimbal" start a
   * sentence; "I" is too short; the trash is left out. */
  g_assert_false (g_hash_table_contains (names, "travel"));
  g_assert_false (g_hash_table_contains (names, "packing"));
  g_assert_false (g_hash_table_contains (names, "gimbal"));
  g_assert_false (g_hash_table_contains (names, "sunrise"));
  g_assert_false (g_hash_table_contains (names, "i"));
  g_assert_false (g_hash_table_contains (names, "hasselblad"));
  g_assert_cmpuint (g_hash_table_size (names), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  VAULT_TEST ("/core/vault/import/basic", test_import_basic);
  VAULT_TEST ("/core/vault/import/dedup", test_import_dedup);
  VAULT_TEST ("/core/vault/import/errors", test_import_errors);
  VAULT_TEST ("/core/vault/notes", test_notes);
  VAULT_TEST ("/core/vault/links", test_links);
  VAULT_TEST ("/core/vault/tags", test_tags);
  VAULT_TEST ("/core/vault/list/filters", test_list_filters);
  VAULT_TEST ("/core/vault/list/sorts", test_list_sorts);
  g_test_add_func ("/core/vault/names", test_sort_type_names);
  VAULT_TEST ("/core/vault/search/ranking", test_search_ranking);
  VAULT_TEST ("/core/vault/search/prefix", test_search_prefix);
  VAULT_TEST ("/core/vault/search/word-beginnings", test_search_word_beginnings);
  VAULT_TEST ("/core/vault/spoken-names", test_names);
  VAULT_TEST ("/core/vault/search/syntax", test_search_syntax);
  VAULT_TEST ("/core/vault/search/relevance-cap", test_search_relevance_cap);
  VAULT_TEST ("/core/vault/search/relevance-prefix", test_search_relevance_prefix);
  VAULT_TEST ("/core/vault/search/relevance-bm25", test_search_relevance_bm25);
  VAULT_TEST ("/core/vault/trash/restore", test_trash_restore);
  VAULT_TEST ("/core/vault/trash/purge", test_purge);
  VAULT_TEST ("/core/vault/trash/purge-strays", test_purge_strays);
  VAULT_TEST ("/core/vault/exclude", test_exclude);
  VAULT_TEST ("/core/vault/update-text", test_update_text);
  VAULT_TEST ("/core/vault/transcript", test_transcript);
  VAULT_TEST ("/core/vault/similar/text", test_similar_text);
  VAULT_TEST ("/core/vault/similar/phash", test_similar_phash);
  VAULT_TEST ("/core/vault/similar/async", test_similar_async);
  VAULT_TEST ("/core/vault/near-duplicates", test_near_duplicates);
  VAULT_TEST ("/core/vault/changed-signal", test_changed_signal);
  VAULT_TEST ("/core/vault/find-and-json", test_find_and_json);

  return g_test_run ();
}
