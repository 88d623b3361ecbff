/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Opening one library from many processes at once (issue 11), the long run
 * of test-store-concurrent: ROUNDS rounds of 8 processes released together
 * on a new library and on an older one that each would upgrade.  The
 * reference is the same opens run one after another in the same run; the
 * figure is the ratio of the two times.  Any failed open fails the
 * benchmark.
 *
 * Usage: bench-store-open OPEN_LIBRARY [ROUNDS]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "co-store-private.h"
#include "open-race.h"

#define N_PROCESSES 8

static const char *helper;
static char *top;

/* A library to open: new, or at an older schema version. */
static char *
make_library (guint round)
{
  g_autofree char *name = g_strdup_printf ("round-%u", round);
  char *dir = g_build_filename (top, name, NULL);
  int version = round % CO_STORE_SCHEMA_VERSION;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = NULL;

  if (version > 0)
    {
      store = _co_store_new_at_version (dir, version, &error);
      g_assert_no_error (error);
    }
  return dir;
}

static void
remove_libraries (void)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", top);

  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

/* Opens @n_rounds libraries, each from N_PROCESSES processes: together
 * when @together, otherwise one after another.  Returns the seconds. */
static double
run (guint     n_rounds,
     gboolean  together,
     guint    *n_failed)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  double seconds = 0;

  for (guint round = 0; round < n_rounds; round++)
    {
      g_autofree char *dir = make_library (round);
      g_autofree char *first_error = NULL;
      guint failed = 0;

      g_timer_start (timer);
      if (together)
        failed = co_open_race (helper, dir, N_PROCESSES, CO_STORE_SCHEMA_VERSION, &first_error);
      for (guint i = 0; !together && i < N_PROCESSES; i++)
        failed += co_open_race (helper, dir, 1, CO_STORE_SCHEMA_VERSION,
                                first_error == NULL ? &first_error : NULL);
      seconds += g_timer_elapsed (timer, NULL);
      if (failed > 0)
        g_printerr ("round %u: %u failed: %s\n", round, failed, first_error);
      *n_failed += failed;
    }
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  guint n_rounds = argc > 2 ? (guint)atoi (argv[2]) : 200;
  guint n_failed = 0;
  double together, apart;

  if (argc < 2)
    {
      g_printerr ("Usage: %s OPEN_LIBRARY [ROUNDS]\n", argv[0]);
      return 2;
    }
  helper = argv[1];
  top = g_dir_make_tmp ("bench-store-open-XXXXXX", NULL);
  g_assert_nonnull (top);

  together = run (n_rounds, TRUE, &n_failed);
  remove_libraries ();
  apart = run (n_rounds, FALSE, &n_failed);
  remove_libraries ();
  printf ("%u rounds of %u processes opening one library (new or older schema)\n",
          n_rounds, N_PROCESSES);
  printf ("  together:           %.2f s, %.1f ms per round\n", together,
          together * 1000 / n_rounds);
  printf ("  one after another:  %.2f s, %.1f ms per round (reference)\n", apart,
          apart * 1000 / n_rounds);
  printf ("  ratio together/apart: %.2f\n", together / apart);
  printf ("  failed opens: %u of %u\n", n_failed, 2 * n_rounds * N_PROCESSES);
  return n_failed == 0 ? 0 : 1;
}
