/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "open-race.h"
#include "vault-fixture.h"

/*
 * Eight processes open one library at the same moment, twenty times over:
 * a new library, and an older one that each of them would upgrade.  Every
 * process must succeed and see the finished schema (the open-library
 * helper adds a note after opening), and the library must be whole.  The
 * benchmark bench-store-open runs many more rounds.
 */

#define N_PROCESSES 8
#define N_ROUNDS 20

static void
check_library (const char *dir,
               gint64      n_notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (dir, NULL, &error);
  g_autofree char *report = NULL;

  g_assert_no_error (error);
  g_assert_true (co_store_check_integrity (store, TRUE, &report, &error));
  g_assert_cmpstr (report, ==, "ok");
  g_assert_cmpint (sql_int (store, "SELECT count (*) FROM schema_migrations"), ==,
                   CO_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (store, "SELECT count (*) FROM vault_items"), ==, n_notes);
  g_assert_cmpint (sql_int (store, "SELECT count (*) FROM vault_fts"), ==, n_notes);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
race (const char *dir,
      guint       round)
{
  g_autofree char *first_error = NULL;
  guint n_failed = co_open_race (OPEN_LIBRARY, dir, N_PROCESSES, CO_STORE_SCHEMA_VERSION,
                                 &first_error);

  if (n_failed > 0)
    g_error ("round %u: %u of %u processes failed; the first: %s", round, n_failed,
             N_PROCESSES, first_error);
}

static void
test_first_open (void)
{
  for (guint round = 0, n = co_test_cases (N_ROUNDS); round < n; round++)
    {
      g_autofree char *dir = co_test_make_temp_dir ("new");

      race (dir, round);
      check_library (dir, N_PROCESSES);
    }
}

static void
test_upgrade (void)
{
  for (guint round = 0, n = co_test_cases (N_ROUNDS); round < n; round++)
    {
      g_autofree char *dir = co_test_make_temp_dir ("old");
      int version = 1 + round % (CO_STORE_SCHEMA_VERSION - 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(CoStore) store = _co_store_new_at_version (dir, version, &error);

      g_assert_no_error (error);
      g_assert_finalize_object (g_steal_pointer (&store));
      race (dir, round);
      check_library (dir, N_PROCESSES);
    }
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/store/concurrent/first-open", test_first_open);
  g_test_add_func ("/core/store/concurrent/upgrade", test_upgrade);

  return g_test_run ();
}
