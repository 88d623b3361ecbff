/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-store-private.h"
#include "co-vault.h"

#include "bench-target.h"

/* App start to first frame with a vault of 100,000 items, under Xvfb.  The
 * vault is built once and kept in the build folder; the app is spawned as a
 * user starts it, with --screenshot so it quits by itself, and reports the
 * time from its start to the first frame that shows the vault. */

#define N_ITEMS 100000
#define BATCH 5000
#define RUNS 3
#define TARGET_MS 400.0

static const char *words[] = {
  "sunset", "kitchen", "hook", "b-roll", "interview", "drone", "city", "coffee", "tutorial",
  "review", "unboxing", "travel", "studio", "light", "voice", "edit", "podcast", "street",
};

static void
add_batch (CoVault *vault,
           guint    start)
{
  CoStore *store = co_vault_get_store (vault);
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(GError) error = NULL;

  /* One transaction per batch: a durable commit per item would take hours. */
  if (!_co_store_begin (store, &error))
    g_error ("%s", error->message);
  for (guint i = start; i < start + BATCH; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s %s %u", words[i % G_N_ELEMENTS (words)],
                                                words[(i / 7) % G_N_ELEMENTS (words)], i);
      g_autofree char *body = g_strdup_printf ("Idea %u about %s and %s.", i,
                                               words[(i / 3) % G_N_ELEMENTS (words)],
                                               words[(i / 11) % G_N_ELEMENTS (words)]);
      g_autofree char *url = g_strdup_printf ("https://example.org/clip/%u", i);
      gint64 id = i % 10 == 0
                  ? co_vault_add_link (vault, url, title, body, NULL, &error)
                  : co_vault_add_note (vault, title, body, NULL, &error);
      if (id <= 0)
        g_error ("%s", error->message);
    }
  if (!_co_store_commit (store, &error))
    g_error ("%s", error->message);
}

static void
remove_library (const char *dir)
{
  const char *names[] = { "creatorops.db", "creatorops.db-wal", "creatorops.db-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
}

static void
ensure_vault (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(CoVault) vault = NULL;
  CoVaultQuery all = { .trash = CO_VAULT_TRASH_INCLUDE };
  gint64 count;
  gint64 start;

  store = co_store_new (dir, NULL, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  vault = co_vault_new (store);
  count = co_vault_count (vault, &all, &error);
  if (count == N_ITEMS)
    {
      g_print ("app-start: reusing the vault of %d items in %s\n", N_ITEMS, dir);
      return;
    }
  if (count != 0)
    {
      /* Left by an older build of this benchmark: start again. */
      g_print ("app-start: %s holds %" G_GINT64_FORMAT " items, rebuilding\n", dir, count);
      g_clear_object (&vault);
      g_clear_object (&store);
      remove_library (dir);
      store = co_store_new (dir, NULL, &error);
      if (store == NULL)
        g_error ("%s", error->message);
      vault = co_vault_new (store);
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_ITEMS; i += BATCH)
    add_batch (vault, i);
  g_print ("app-start: built a vault of %d items in %.1f s\n", N_ITEMS,
           (g_get_monotonic_time () - start) / 1e6);
}

static double
run_app (const char *exe,
         const char *dir,
         const char *png)
{
  const char *argv[] = { exe, "--data-dir", dir, "--screenshot", png, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "CREATOROPS_TIMING", "1", TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *line;
  int status;

  if (!g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("%s", error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("creatorops failed: %s\n%s", error->message, err);
  line = strstr (out, "first-frame-ms: ");
  if (line == NULL)
    g_error ("creatorops did not report its first frame:\n%s%s", out, err);
  return g_ascii_strtod (line + strlen ("first-frame-ms: "), NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *png = NULL;
  double times[RUNS];
  const char *exe;

  if (argc != 3)
    {
      g_printerr ("Usage: %s CREATOROPS VAULT-DIR\n", argv[0]);
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("app-start: skipped: no display (run the benchmarks under xvfb-run)\n");
      return 77;
    }
  exe = argv[1];
  ensure_vault (argv[2]);
  png = g_build_filename (argv[2], "..", "bench-app-start.png", NULL);

  for (guint i = 0; i < RUNS; i++)
    {
      times[i] = run_app (exe, argv[2], png);
      g_print ("app-start: run %u: %.0f ms\n", i + 1, times[i]);
    }
  qsort (times, RUNS, sizeof (double), compare_doubles);
  g_print ("app-start: first frame in %.0f ms with %d items (target <= %.0f ms): %s\n",
           times[RUNS / 2], N_ITEMS, TARGET_MS, bench_target (times[RUNS / 2] <= TARGET_MS));
  return bench_target_status (0);
}
