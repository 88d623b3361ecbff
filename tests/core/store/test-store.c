/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "co-file-error.h"
#include "co-store-error.h"
#include "co-store-private.h"
#include "co-test-util.h"
#include "co-vault.h"

static char *
read_all (const char *path,
          gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static gint64
pragma_int (CoStore    *store,
            const char *sql)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
pragma_text (CoStore    *store,
             const char *sql)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
exec_sql (CoStore    *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);

  _co_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

static void
test_open_create (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("create");
  g_autofree char *nested = g_build_filename (dir, "a", "b", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (nested, NULL, &error);
  g_autofree char *expected_db = g_build_filename (nested, "creatorops.db", NULL);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (co_store_get_data_dir (store), ==, nested);
  g_assert_cmpstr (co_store_get_database_path (store), ==, expected_db);
  g_assert_true (g_file_test (expected_db, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (co_store_get_schema_version (store), ==, CO_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (co_store_get_open_report (store), ==, "ok");
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_open_settings (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *mode = pragma_text (store, "PRAGMA journal_mode");

  /* WAL and synchronous=FULL (2) make each commit durable across a crash. */
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (pragma_int (store, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (pragma_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_open_default_dir (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("env");
  g_autofree char *fallback = NULL;
  g_autofree char *chosen = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = NULL;

  g_unsetenv ("CREATOROPS_DATA_DIR");
  fallback = co_store_dup_default_data_dir ();
  g_assert_true (g_str_has_prefix (fallback, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (fallback, "creatorops"));

  g_setenv ("CREATOROPS_DATA_DIR", dir, TRUE);
  chosen = co_store_dup_default_data_dir ();
  g_assert_cmpstr (chosen, ==, dir);
  store = co_store_new (NULL, NULL, &error);
  g_unsetenv ("CREATOROPS_DATA_DIR");
  g_assert_no_error (error);
  g_assert_cmpstr (co_store_get_data_dir (store), ==, dir);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_open_unwritable_dir (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("blocked");
  g_autofree char *file = co_test_write_file (dir, "plain-file", "x", 1);
  g_autofree char *below = g_build_filename (file, "library", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (below, NULL, &error);

  /* A data folder below a regular file cannot be created, even by root. */
  g_assert_null (store);
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, below));
}

static void
test_settings (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = g_strdup (co_store_get_data_dir (store));
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_null (co_store_dup_setting (store, "colour"));
  g_assert_true (co_store_set_setting (store, "colour", "blue", &error));
  g_assert_no_error (error);
  g_assert_true (co_store_set_setting (store, "colour", "green", &error));
  g_assert_true (co_store_set_setting (store, "shape", "round", &error));
  g_assert_true (co_store_set_setting (store, "shape", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (co_store_dup_setting (store, "shape"));
  g_assert_finalize_object (g_steal_pointer (&store));

  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  value = co_store_dup_setting (store, "colour");
  g_assert_cmpstr (value, ==, "green");
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_transactions_nest (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *dropped = NULL;

  {
    g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);

    g_assert_true (_co_store_begin (store, &error));
    g_assert_true (co_store_set_setting (store, "outer", "1", &error));
    g_assert_true (_co_store_begin (store, &error));
    g_assert_true (co_store_set_setting (store, "inner", "1", &error));
    _co_store_rollback (store);
    g_assert_true (_co_store_commit (store, &error));
    g_assert_no_error (error);
  }
  kept = co_store_dup_setting (store, "outer");
  dropped = co_store_dup_setting (store, "inner");
  g_assert_cmpstr (kept, ==, "1");
  g_assert_null (dropped);

  {
    g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);

    g_assert_true (_co_store_begin (store, &error));
    g_assert_true (co_store_set_setting (store, "gone", "1", &error));
    _co_store_rollback (store);
  }
  g_assert_null (co_store_dup_setting (store, "gone"));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_integrity_full (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  g_assert_true (co_store_check_integrity (store, TRUE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report, ==, "ok");
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Makes a real library with enough rows to span many pages, closes it and
 * returns its database path. */
static char *
make_filled_database (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoVault) vault = co_vault_new (store);
  g_autoptr(GError) error = NULL;
  char *path = g_strdup (co_store_get_database_path (store));

  for (int i = 0; i < 300; i++)
    {
      g_autofree char *body = g_strdup_printf ("Note number %d about filming %s", i,
                                               "b-roll and lighting and sound design and pacing");
      g_assert_cmpint (co_vault_add_note (vault, NULL, body, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_finalize_object (g_steal_pointer (&vault));
  g_assert_finalize_object (g_steal_pointer (&store));
  return path;
}

/* Spoils @n_pages leaf pages of the items' table in @data (the database's
 * bytes), from the middle of them: damage there hits rows, never the schema,
 * wherever the migrations left the schema's own pages (later ones put them
 * after the first tables). */
static void
spoil_item_pages (const char *db_path,
                  char       *data,
                  guint       n_pages,
                  gboolean    random)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = 'vault_items'"
                                           " AND pagetype = 'leaf' ORDER BY pageno", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 page = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (pages, page);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (pages->len, >=, n_pages + 2);
  for (guint i = 0; i < n_pages; i++)
    {
      /* Pages count from 1. */
      char *page = data + (g_array_index (pages, gint64, pages->len / 2 + i) - 1) * 4096;

      for (gsize j = 0; j < 4096; j++)
        page[j] = random ? (char)g_rand_int_range (rand, 0, 256) : (char)0xa5;
    }
}

static void
assert_open_fails_unchanged (const char *db_path,
                             int         code)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = NULL;

  before = read_all (db_path, &before_len);
  store = co_store_new (dir, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, CO_STORE_ERROR, code);
  g_test_message ("open error: %s", error->message);
  g_assert_nonnull (strstr (error->message, db_path));

  after = read_all (db_path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_corrupt_pages (void)
{
  g_autofree char *db_path = make_filled_database ();
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  data = read_all (db_path, &len);
  g_assert_cmpuint (len / 4096, >=, 8);
  /* Garbage over a few pages in the middle, as a failing disk might leave. */
  spoil_item_pages (db_path, data, 3, TRUE);
  g_file_set_contents (db_path, data, len, &error);
  g_assert_no_error (error);

  assert_open_fails_unchanged (db_path, CO_STORE_ERROR_CORRUPT);
}

/* The app defers the check until its window shows: the open succeeds, the
 * check finds the damage, and nothing was written in between. */
static void
test_corrupt_deferred (void)
{
  g_autofree char *db_path = make_filled_database ();
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *data = NULL;
  g_autofree char *after = NULL;
  g_autofree char *report = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize len, after_len;

  data = read_all (db_path, &len);
  spoil_item_pages (db_path, data, 2, FALSE);
  g_file_set_contents (db_path, data, len, &error);
  g_assert_no_error (error);

  store = g_initable_new (CO_TYPE_STORE, NULL, &error, "data-dir", dir, "defer-check", TRUE, NULL);
  g_assert_no_error (error);
  g_assert_null (co_store_get_open_report (store));
  g_assert_false (co_store_check_integrity (store, FALSE, &report, &error));
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT);
  g_assert_null (report);
  g_assert_finalize_object (g_steal_pointer (&store));

  after = read_all (db_path, &after_len);
  g_assert_cmpmem (data, len, after, after_len);
}

/* The async edge the app opens its library with: the same store, the same
 * errors and the deferred check, from a worker thread. */
static void
test_open_async (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("async");
  g_autofree char *report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(GError) error = NULL;

  co_store_new_async (dir, CO_STORE_OPEN_NONE, NULL, co_test_async_ready_cb, &result);
  store = co_store_new_finish (co_test_async_wait (&result, 20000), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_store_get_data_dir (store), ==, dir);
  g_assert_cmpstr (co_store_get_open_report (store), ==, "ok");
  co_test_assert_finalized (g_steal_pointer (&result), 20000);

  co_store_check_integrity_async (store, TRUE, NULL, co_test_async_ready_cb, &result);
  g_assert_true (co_store_check_integrity_finish (store, co_test_async_wait (&result, 20000),
                                                  &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report, ==, "ok");
  co_test_assert_finalized (g_steal_pointer (&result), 20000);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* A cancelled open reports the cancellation, not a store. */
  g_cancellable_cancel (cancellable);
  co_store_new_async (dir, CO_STORE_OPEN_NONE, cancellable, co_test_async_ready_cb, &result);
  g_assert_null (co_store_new_finish (co_test_async_wait (&result, 20000), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Opened with the check deferred, a damaged database opens; the check run
 * later finds the damage, and nothing was written in between. */
static void
test_open_async_damaged (void)
{
  g_autofree char *db_path = make_filled_database ();
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *text = g_strnfill (20000, 'q');
  g_autofree char *notdb_dir = co_test_make_temp_dir ("async-notdb");
  g_autofree char *notdb = co_test_write_file (notdb_dir, "creatorops.db", text, -1);
  g_autofree char *data = NULL;
  g_autofree char *after = NULL;
  g_autofree char *report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize len, after_len;

  data = read_all (db_path, &len);
  spoil_item_pages (db_path, data, 2, FALSE);
  g_file_set_contents (db_path, data, len, &error);
  g_assert_no_error (error);

  co_store_new_async (dir, CO_STORE_OPEN_DEFER_CHECK, NULL, co_test_async_ready_cb, &result);
  store = co_store_new_finish (co_test_async_wait (&result, 20000), &error);
  g_assert_no_error (error);
  g_assert_null (co_store_get_open_report (store));
  co_test_assert_finalized (g_steal_pointer (&result), 20000);
  co_store_check_integrity_async (store, FALSE, NULL, co_test_async_ready_cb, &result);
  g_assert_false (co_store_check_integrity_finish (store, co_test_async_wait (&result, 20000),
                                                   &report, &error));
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT);
  g_assert_null (report);
  co_test_assert_finalized (g_steal_pointer (&result), 20000);
  g_assert_finalize_object (g_steal_pointer (&store));
  after = read_all (db_path, &after_len);
  g_assert_cmpmem (data, len, after, after_len);
  g_clear_error (&error);

  /* Without a deferred check, the open itself fails as co_store_new() does. */
  co_store_new_async (notdb_dir, CO_STORE_OPEN_NONE, NULL, co_test_async_ready_cb, &result);
  g_assert_null (co_store_new_finish (co_test_async_wait (&result, 20000), &error));
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT);
  g_free (after);
  after = read_all (notdb, &after_len);
  g_assert_cmpmem (text, strlen (text), after, after_len);
}

static void
test_corrupt_header (void)
{
  g_autofree char *db_path = make_filled_database ();
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  data = read_all (db_path, &len);
  memset (data, 0x5a, 100);
  g_file_set_contents (db_path, data, len, &error);
  g_assert_no_error (error);

  assert_open_fails_unchanged (db_path, CO_STORE_ERROR_CORRUPT);
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("notdb");
  g_autofree char *text = g_strnfill (20000, 'q');
  g_autofree char *db_path = co_test_write_file (dir, "creatorops.db", text, -1);

  assert_open_fails_unchanged (db_path, CO_STORE_ERROR_CORRUPT);
}

static void
test_too_new (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = g_strdup (co_store_get_data_dir (store));
  g_autofree char *db_path = g_strdup (co_store_get_database_path (store));
  g_autofree char *sql = g_strdup_printf ("INSERT INTO schema_migrations VALUES (%d, 0)",
                                          CO_STORE_SCHEMA_VERSION + 1);
  g_autoptr(GError) error = NULL;

  exec_sql (store, sql);
  g_assert_finalize_object (g_steal_pointer (&store));

  store = co_store_new (dir, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, db_path));
}

/* Rows written with the plain SQL each schema version understood, as an
 * older CreatorOps would have written them. */
static const char *const v1_rows =
  "INSERT INTO assets (sha256, size, mime, created_at, unreferenced_since) VALUES ('" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  "', 11, 'image/png', 1, NULL);"
  "INSERT INTO asset_refs VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',"
  " 'vault', 1, 1);"
  "INSERT INTO vault_items (id, type, title, body, mime, size, sha256, width, height,"
  " created_at, imported_at) VALUES (1, 'image', 'Sunset timelapse', '', 'image/png', 11,"
  " 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 160, 120, 1000, 1000);"
  "INSERT INTO vault_items (id, type, title, body, created_at, imported_at)"
  " VALUES (2, 'note', 'Vlogging checklist', 'Charge batteries before the shoot', 2000, 2000);"
  "INSERT INTO tags VALUES (1, 'Travel');"
  "INSERT INTO item_tags VALUES (1, 1);";

static const char *const v2_rows =
  "INSERT INTO vault_items (id, type, title, body, created_at, imported_at, phash)"
  " VALUES (3, 'note', 'Microphone review', 'Lavalier against shotgun', 3000, 3000, 77);"
  "INSERT INTO vault_fts (rowid, title, body, notes, tags, transcript)"
  " VALUES (3, 'Microphone review', 'Lavalier against shotgun', '', '', 'spoken intro');";

/* Version 2 kept the index in step with every row it wrote. */
static const char *const v2_index_v1_rows =
  "INSERT INTO vault_fts (rowid, title, body, notes, tags, transcript)"
  " VALUES (1, 'Sunset timelapse', '', '', 'Travel', ''),"
  "        (2, 'Vlogging checklist', 'Charge batteries before the shoot', '', '', '');";

static const char *const v3_rows =
  "INSERT INTO settings VALUES ('quota-bytes', '123456');";

/* Job 2 was deleted before the upgrade; job 1 stays. */
static const char *const v4_rows =
  "INSERT INTO jobs (id, kind, title, state, created_at) VALUES"
  " (1, 'analyze', 'Analyse the interview', 'done', 4000);"
  /* Named columns: version 11 moved data after created_at. */
  "INSERT INTO results (kind, source_key, params_key, json, data, created_at)"
  " VALUES ('analysis', 'src', 'p', '{}', X'C0FFEE', 4000);"
  "INSERT INTO results (kind, source_key, params_key, json, data, created_at) VALUES"
  " ('transcript', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'p',"
  " '{\"words\": [{\"text\": \"golden\", \"start\": 0, \"end\": 1, \"confidence\": 1},"
  "  {\"text\": \"narration\", \"start\": 1, \"end\": 2, \"confidence\": 1}]}', NULL, 4001),"
  " ('transcript', 'damaged', 'p', '{\"words\": [', NULL, 4002);";

static void
fill_old_database (CoStore *store,
                   int      version)
{
  exec_sql (store, v1_rows);
  if (version >= 2)
    {
      exec_sql (store, v2_index_v1_rows);
      exec_sql (store, v2_rows);
    }
  if (version >= 3)
    exec_sql (store, v3_rows);
  if (version >= 4)
    exec_sql (store, v4_rows);
}

/* Since version 7 an id, once given, is never given again. */
static void
check_ids_grow (CoStore *store,
                CoVault *vault,
                int      version)
{
  g_autoptr(GError) error = NULL;
  gint64 note, after;
  const char *tables[] = { "vault_items", "jobs" };

  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM sqlite_master WHERE"
                                              " name = '%s' AND sql LIKE '%%AUTOINCREMENT%%'",
                                              tables[i]);
      g_assert_cmpint (pragma_int (store, sql), ==, 1);
    }
  note = co_vault_add_note (vault, NULL, "Briefly kept", NULL, &error);
  g_assert_true (co_vault_trash (vault, note, &error));
  g_assert_true (co_vault_purge (vault, NULL, &error));
  after = co_vault_add_note (vault, NULL, "Kept for good", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after, >, note);
  if (version >= 4)
    {
      g_autofree char *title = pragma_text (store, "SELECT title FROM jobs WHERE id = 1");
      g_assert_cmpstr (title, ==, "Analyse the interview");
      exec_sql (store, "INSERT INTO jobs (kind, state, created_at) VALUES ('x', 'queued', 5)");
      g_assert_cmpint (pragma_int (store, "SELECT max (id) FROM jobs"), ==, 2);
      g_assert_cmpint (pragma_int (store, "SELECT count (*) FROM results"), ==, 3);
    }
}

/* Since version 10 a result's data ends its row (where SQLite leaves a
 * zeroblob() unwritten), and older results kept their data. */
static void
check_results_data_last (CoStore *store,
                         int      version)
{
  g_autofree char *row = NULL;

  g_assert_cmpint (pragma_int (store, "SELECT max (cid) FROM pragma_table_info ('results')"), ==,
                   pragma_int (store, "SELECT cid FROM pragma_table_info ('results')"
                                      " WHERE name = 'data'"));
  if (version < 4)
    return;
  row = pragma_text (store, "SELECT json || hex (data) || created_at FROM results"
                            " WHERE kind = 'analysis' AND source_key = 'src'");
  g_assert_cmpstr (row, ==, "{}C0FFEE4000");
}

static gint64
count_search (CoVault    *vault,
              const char *words)
{
  CoVaultQuery query = { .search = words };
  g_autoptr(GError) error = NULL;
  gint64 n = co_vault_count (vault, &query, &error);

  g_assert_no_error (error);
  return n;
}

static void
check_upgraded (CoStore *store,
                int      version)
{
  g_autoptr(CoVault) vault = co_vault_new (store);
  g_autoptr(CoVaultItem) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  gint64 note;

  g_assert_cmpint (co_store_get_schema_version (store), ==, CO_STORE_SCHEMA_VERSION);
  image = co_vault_get (vault, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_vault_item_get_title (image), ==, "Sunset timelapse");
  g_assert_cmpstr (co_vault_item_get_tags (image)[0], ==, "Travel");
  g_assert_cmpint (co_vault_item_get_width (image), ==, 160);

  /* Rows from before full-text search existed are found after the upgrade. */
  g_assert_cmpint (count_search (vault, "sunset"), ==, 1);
  g_assert_cmpint (count_search (vault, "travel"), ==, 1);
  g_assert_cmpint (count_search (vault, "batteries"), ==, 1);
  g_assert_cmpint (count_search (vault, "vlog*"), ==, 1);
  g_assert_cmpint (count_search (vault, "vloggi*"), ==, 1);
  /* Words are found by any beginning and, whole, by their stem. */
  g_assert_cmpint (count_search (vault, "timela"), ==, 1);
  g_assert_cmpint (count_search (vault, "battery"), ==, 1);
  g_assert_cmpint (count_search (vault, "vlogs"), ==, 1);
  if (version >= 2)
    {
      g_assert_cmpint (count_search (vault, "lavalier"), ==, 1);
      g_assert_cmpint (count_search (vault, "spoken"), ==, 1);
    }
  if (version >= 3)
    g_assert_cmpint (co_store_get_schema_version (store), ==, CO_STORE_SCHEMA_VERSION);
  /* Transcripts kept before they were searchable are found (version 12);
   * from then on saving one indexes it, which these raw rows skipped. */
  g_assert_cmpint (count_search (vault, "narrat"), ==, version >= 4 && version < 12 ? 1 : 0);

  /* And the upgraded library is fully usable. */
  note = co_vault_add_note (vault, NULL, "Interview questions for the podcast", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (note, >, version >= 2 ? 3 : 2);
  g_assert_cmpint (count_search (vault, "podcast"), ==, 1);
  check_ids_grow (store, vault, version);
  check_results_data_last (store, version);
  /* Rebuilding the items' table kept their tags, and the index agrees. */
  g_assert_cmpint (pragma_int (store, "SELECT count (*) FROM item_tags"), ==, 1);
  g_assert_cmpint (count_search (vault, "travel"), ==, 1);
  g_assert_true (co_store_set_setting (store, "after-upgrade", "yes", &error));
  g_assert_no_error (error);
  g_assert_true (co_store_check_integrity (store, TRUE, &report, &error));
  g_assert_cmpstr (report, ==, "ok");
  g_assert_finalize_object (g_steal_pointer (&vault));
}

static void
test_upgrade (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *dir = co_test_make_temp_dir ("upgrade");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = _co_store_new_at_version (dir, version, &error);
  g_autofree char *quota = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (co_store_get_schema_version (store), ==, version);
  fill_old_database (store, version);
  g_assert_finalize_object (g_steal_pointer (&store));

  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  check_upgraded (store, version);
  quota = co_store_dup_setting (store, "quota-bytes");
  g_assert_cmpstr (quota, ==, version >= 3 ? "123456" : NULL);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* Opening again does not migrate twice. */
  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_store_get_schema_version (store), ==, CO_STORE_SCHEMA_VERSION);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_blob_dedup (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("src");
  g_autofree char *a = co_test_write_file (dir, "a.bin", "same bytes", -1);
  g_autofree char *b = co_test_write_file (dir, "b.bin", "same bytes", -1);
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "same bytes", -1);
  g_autofree char *sha_a = NULL;
  g_autofree char *sha_b = NULL;
  g_autofree char *blob = NULL;
  g_autofree char *blob_dir = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *content = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 size = 0;
  guint n_files = 0;

  sha_a = co_store_add_blob (store, a, &size, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha_a, ==, expected);
  g_assert_cmpint (size, ==, 10);
  sha_b = co_store_add_blob (store, b, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha_b, ==, expected);

  blob = co_store_dup_blob_path (store, expected);
  content = read_all (blob, NULL);
  g_assert_cmpstr (content, ==, "same bytes");
  blob_dir = g_path_get_dirname (blob);
  listing = g_dir_open (blob_dir, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  /* No temporary copy is left behind. */
  tmp_dir = g_build_filename (co_store_get_data_dir (store), "blobs", "tmp", NULL);
  g_clear_pointer (&listing, g_dir_close);
  listing = g_dir_open (tmp_dir, 0, NULL);
  g_assert_true (listing == NULL || g_dir_read_name (listing) == NULL);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_blob_hash_file (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("hash");
  g_autofree char *big = g_malloc (700 * 1024);
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(GError) error = NULL;
  gint64 size = 0;

  /* Larger than one read chunk, so the loop runs more than once. */
  for (gsize i = 0; i < 700 * 1024; i++)
    big[i] = (char)(i * 31 + i / 997);
  path = co_test_write_file (dir, "big.bin", big, 700 * 1024);
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *)big, 700 * 1024);
  sha = co_store_hash_file (path, &size, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, expected);
  g_assert_cmpint (size, ==, 700 * 1024);
}

static void
test_blob_source_errors (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("errors");
  g_autofree char *missing = g_build_filename (dir, "missing.png", NULL);
  g_autofree char *sha = NULL;
  g_autoptr(GError) error = NULL;

  sha = co_store_add_blob (store, missing, NULL, NULL, &error);
  g_assert_null (sha);
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  sha = co_store_add_blob (store, dir, NULL, NULL, &error);
  g_assert_null (sha);
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_REGULAR);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  sha = co_store_hash_file ("/dev/null", NULL, NULL, &error);
  g_assert_null (sha);
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_REGULAR);
  g_assert_nonnull (strstr (error->message, "/dev/null"));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_blob_cancelled (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("cancel");
  g_autofree char *path = co_test_write_file (dir, "a.bin", "some content", -1);
  g_autofree char *tmp_dir = g_build_filename (co_store_get_data_dir (store), "blobs", "tmp",
                                               NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *sha = NULL;

  g_cancellable_cancel (cancellable);
  sha = co_store_add_blob (store, path, NULL, cancellable, &error);
  g_assert_null (sha);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  listing = g_dir_open (tmp_dir, 0, NULL);
  g_assert_true (listing == NULL || g_dir_read_name (listing) == NULL);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_blob_store_error (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("blocked");
  g_autofree char *path = co_test_write_file (dir, "a.bin", "blocked content", -1);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "blocked content", -1);
  g_autofree char *final = co_store_dup_blob_path (store, sha);
  g_autofree char *tmp_dir = g_build_filename (co_store_get_data_dir (store), "blobs", "tmp",
                                               NULL);
  g_autofree char *result = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;

  /* A folder squatting on the final name makes the rename fail: the error
   * names the store's path and the temporary copy is gone. */
  g_assert_no_errno (g_mkdir_with_parents (final, 0700));
  g_assert_no_errno (g_mkdir_with_parents (tmp_dir, 0700));
  g_free (co_test_write_file (final, "x", "x", 1));
  result = co_store_add_blob (store, path, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, final));
  listing = g_dir_open (tmp_dir, 0, NULL);
  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_paths (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  const char *sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  g_autofree char *blob = co_store_dup_blob_path (store, sha);
  g_autofree char *thumb = co_store_dup_thumbnail_path (store, sha);
  g_autofree char *expected_blob = g_build_filename (co_store_get_data_dir (store), "blobs", "01",
                                                     sha, NULL);
  g_autofree char *name = g_strconcat (sha, ".png", NULL);
  g_autofree char *expected_thumb = g_build_filename (co_store_get_data_dir (store),
                                                      "thumbnails", name, NULL);

  g_assert_cmpstr (blob, ==, expected_blob);
  g_assert_cmpstr (thumb, ==, expected_thumb);
  g_assert_finalize_object (g_steal_pointer (&store));
}

typedef struct
{
  CoStore *store;
  int      most_cached;   /* bytes of page cache, the most seen */
  gint64   cache_size;    /* PRAGMA cache_size while writing */
} Streaming;

static gboolean
write_pieces_cb (CoStoreBlob *blob,
                 gpointer     user_data,
                 GError     **error)
{
  Streaming *streaming = user_data;
  g_autofree guint8 *piece = g_malloc (64 << 10);

  streaming->cache_size = pragma_int (streaming->store, "PRAGMA cache_size");
  for (guint i = 0; i < 128; i++)
    {
      int used = 0, highest = 0;

      memset (piece, (int) i, 64 << 10);
      if (!co_store_blob_write (blob, piece, 64 << 10, error))
        return FALSE;
      sqlite3_db_status (_co_store_get_db (streaming->store), SQLITE_DBSTATUS_CACHE_USED, &used,
                         &highest, FALSE);
      streaming->most_cached = MAX (streaming->most_cached, used);
    }
  return TRUE;
}

/* A result streamed in (an hour's waveform) does not fill the connection's
 * page cache, which would make memory grow with the media's duration, and
 * the cache is as large as before once it is kept. */
static void
test_results_streamed_cache (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("store-streamed");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (dir, NULL, &error);
  Streaming streaming = { store, 0, 0 };
  gint64 before;

  g_assert_no_error (error);
  before = pragma_int (store, "PRAGMA cache_size");
  g_assert_cmpint (before, !=, -256);
  g_assert_true (co_store_put_result_streamed (store, "analysis", "source", "params", "{}",
                                               8 << 20, write_pieces_cb, &streaming, &error));
  g_assert_no_error (error);
  g_assert_cmpint (streaming.cache_size, ==, -256);
  /* 8 MiB went through a cache of 256 KiB (and its bookkeeping). */
  g_assert_cmpint (streaming.most_cached, <, 768 << 10);
  g_assert_cmpint (pragma_int (store, "PRAGMA cache_size"), ==, before);
  g_assert_cmpint (pragma_int (store, "SELECT length (data) FROM results"), ==, 8 << 20);
  g_assert_cmpint (pragma_int (store, "SELECT unicode (substr (data, 8388608, 1)) FROM results"),
                   ==, 127);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/store/open/create", test_open_create);
  g_test_add_func ("/core/store/results/streamed-cache", test_results_streamed_cache);
  g_test_add_func ("/core/store/corrupt/deferred-check", test_corrupt_deferred);
  g_test_add_func ("/core/store/open/async", test_open_async);
  g_test_add_func ("/core/store/open/async-damaged", test_open_async_damaged);
  g_test_add_func ("/core/store/open/wal-synchronous", test_open_settings);
  g_test_add_func ("/core/store/open/default-dir", test_open_default_dir);
  g_test_add_func ("/core/store/open/unwritable-dir", test_open_unwritable_dir);
  g_test_add_func ("/core/store/settings", test_settings);
  g_test_add_func ("/core/store/transactions/nest", test_transactions_nest);
  g_test_add_func ("/core/store/integrity/full", test_integrity_full);
  g_test_add_func ("/core/store/integrity/damaged-pages", test_corrupt_pages);
  g_test_add_func ("/core/store/integrity/damaged-header", test_corrupt_header);
  g_test_add_func ("/core/store/integrity/not-a-database", test_not_a_database);
  g_test_add_func ("/core/store/schema/too-new", test_too_new);
  for (int v = 1; v < CO_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("/core/store/schema/upgrade-from-v%d", v);
      g_test_add_data_func (path, GINT_TO_POINTER (v), test_upgrade);
    }
  g_test_add_func ("/core/store/blobs/dedup", test_blob_dedup);
  g_test_add_func ("/core/store/blobs/hash-file", test_blob_hash_file);
  g_test_add_func ("/core/store/blobs/source-errors", test_blob_source_errors);
  g_test_add_func ("/core/store/blobs/cancelled", test_blob_cancelled);
  g_test_add_func ("/core/store/blobs/store-error", test_blob_store_error);
  g_test_add_func ("/core/store/blobs/paths", test_paths);

  return g_test_run ();
}
