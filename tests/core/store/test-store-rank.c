/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-store-private.h"
#include "co-test-util.h"

/*
 * The search rank (co-store-rank.c) gives every row the score FTS5's
 * bm25() gives it, to the last bit, while it keeps the phrases' counts:
 * after writes by its own connection, by another, and inside a
 * transaction that is rolled back.
 */

static void
index_row (CoStore    *store,
           const char *title,
           const char *body)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (store),
                                       "INSERT INTO vault_fts (title, body, notes, tags,"
                                       " transcript) VALUES (?, ?, '', '', '')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
exec_sql (CoStore    *store,
          const char *sql)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(GError) error = NULL;

  g_assert_true (_co_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* Asserts that @match finds rows, each ranked as bm25() ranks it. */
static void
assert_rank_is_bm25 (CoStore    *store,
                     const char *match)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  sqlite3_stmt *stmt = NULL;
  int n_rows = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (store),
                                       "SELECT " CO_STORE_RANK_FUNCTION " (vault_fts, ?1),"
                                       " bm25 (vault_fts) FROM vault_fts WHERE vault_fts MATCH ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  for (; sqlite3_step (stmt) == SQLITE_ROW; n_rows++)
    g_assert_cmpfloat (sqlite3_column_double (stmt, 0), ==, sqlite3_column_double (stmt, 1));
  sqlite3_finalize (stmt);
  g_test_message ("%s: %d rows", match, n_rows);
  g_assert_cmpint (n_rows, >, 0);
}

static void
assert_all_ranks (CoStore *store)
{
  static const char *const matches[] = {
    "\"drone\"", "\"drone\"*", "(\"shots\"* OR \"shot\") AND \"drone\"*",
    "\"dr\"* OR \"city\"", "\"sunset\"* AND (\"city\" OR \"light\"*)",
    /* Not what the vault writes: the counts are taken afresh. */
    "title : \"drone\"", "\"drone shot\"", "NEAR (\"drone\" \"city\")",
  };

  for (guint i = 0; i < G_N_ELEMENTS (matches); i++)
    assert_rank_is_bm25 (store, matches[i]);
}

static void
fill (CoStore *store)
{
  index_row (store, "Drone shot", "over the city at sunset");
  index_row (store, "City light", "the city at night, long shots of the light");
  index_row (store, "Sunset", "a drone shot of the sunset, the city below, another drone");
  index_row (store, "Kitchen", "cooking at home");
  index_row (store, "Garden", "flowers and light");
  index_row (store, "Notes", "nothing of interest");
  index_row (store, "Lighting", "softbox placement");
  index_row (store, "Drone city", "drone city drone city");
}

static void
test_rank_own_writes (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();

  fill (store);
  assert_all_ranks (store);
  /* Drone in one row more changes its weight, so a kept count would show. */
  index_row (store, "Drone", "drone over the sunset light");
  assert_all_ranks (store);
  exec_sql (store, "DELETE FROM vault_fts WHERE rowid = 1");
  assert_all_ranks (store);
  exec_sql (store, "UPDATE vault_fts SET body = 'drone drone' WHERE rowid = 4");
  assert_all_ranks (store);
}

static void
test_rank_transaction (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();

  fill (store);
  assert_all_ranks (store);
  exec_sql (store, "BEGIN");
  index_row (store, "Drone", "drone drone city");
  index_row (store, "Drone again", "drone light");
  assert_all_ranks (store);
  exec_sql (store, "ROLLBACK");
  assert_all_ranks (store);
}

static void
test_rank_other_connection (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoStore) other = NULL;
  g_autoptr(GError) error = NULL;

  fill (store);
  assert_all_ranks (store);
  other = co_store_new (co_store_get_data_dir (store), NULL, &error);
  g_assert_no_error (error);
  index_row (other, "Drone", "drone over the city");
  index_row (other, "Drone light", "drone light sunset shot");
  assert_all_ranks (store);
  exec_sql (other, "DELETE FROM vault_fts WHERE rowid = 3");
  assert_all_ranks (store);
  g_assert_finalize_object (g_steal_pointer (&other));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  g_test_add_func ("/core/store/rank/own-writes", test_rank_own_writes);
  g_test_add_func ("/core/store/rank/transaction", test_rank_transaction);
  g_test_add_func ("/core/store/rank/other-connection", test_rank_other_connection);
  return g_test_run ();
}
