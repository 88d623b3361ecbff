/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Offline idea generation over a large vault (issue 16): builds a library of
 * 100,000 items (or BENCH_IDEAS_ITEMS of them), a tenth of them
 * trashed and some excluded, with tags, transcripts, trends and published
 * posts, then times what `ideas generate --count 20` does: the context, the
 * offline generator on the main loop, and the near-duplicate flags against
 * 500 stored ideas.  Prints the wall time of each step over several runs.
 * The rows are inserted with set-based SQL in one transaction, as
 * bench-vault.c explains.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "co-idea-context.h"
#include "co-idea-duplicates.h"
#include "co-idea-generator-offline.h"
#include "co-ideas.h"
#include "co-store-private.h"
#include "co-test-util.h"
#include "co-trend-store.h"

#define N_ITEMS_DEFAULT 100000
#define N_RUNS 10
#define N_IDEAS 20
#define N_STORED_IDEAS 500

static void
exec_or_die (CoStore    *store,
             const char *sql)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(GError) error = NULL;

  if (!_co_store_exec (store, sql, &error))
    g_error ("%s", error->message);
}

static void
fill (CoStore *store,
      int      n_items)
{
  gint64 now = g_get_real_time ();
  g_autofree char *items = NULL;

  exec_or_die (store, "BEGIN");
  exec_or_die (store, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
               " WHERE i < 20) INSERT INTO tags (name) SELECT 'tag' || i FROM n");
  items = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO vault_items (id, type, title, body, notes, duration, created_at, imported_at,"
    "  trashed_at, excluded)"
    " SELECT i, CASE i %% 3 WHEN 0 THEN 'video' WHEN 1 THEN 'note' ELSE 'image' END,"
    "  'Item ' || i || ' on tag' || (i %% 20 + 1), 'Words about item ' || i || '.',"
    "  'Noted for later.', CASE WHEN i %% 3 = 0 THEN 30 + i %% 600 END,"
    "  %" G_GINT64_FORMAT " - i, %" G_GINT64_FORMAT " + i * 1000000,"
    "  CASE WHEN i %% 10 = 0 THEN %" G_GINT64_FORMAT " END, i %% 17 = 0 FROM n",
    n_items, now, now - (gint64)n_items * G_USEC_PER_SEC, now);
  exec_or_die (store, items);
  exec_or_die (store, "INSERT INTO item_tags (item_id, tag_id) SELECT id, id % 20 + 1"
               " FROM vault_items");
  exec_or_die (store, "INSERT INTO vault_fts (rowid, title, body, notes, tags, transcript)"
               " SELECT id, title, body, notes, 'tag' || (id % 20 + 1),"
               " CASE type WHEN 'video' THEN 'today I show you item ' || id ||"
               "  ' and why it matters to everyone who films' ELSE '' END FROM vault_items");
  exec_or_die (store, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
               " WHERE i < 200) INSERT INTO drafts (stage, title, body, created_at, updated_at,"
               " stage_changed_at) SELECT 'draft', 'Post ' || i, 'The text of post ' || i ||"
               " '. It did well.', 1, 1, 1 FROM n");
  exec_or_die (store, "INSERT INTO post_metrics (platform, post_id, draft_id, posted_at, views,"
               " collected_at) SELECT 'youtube', 'p' || id, id, id, id * 37 % 1000, 1"
               " FROM drafts");
  exec_or_die (store, "COMMIT");
  exec_or_die (store, "ANALYZE");
}

static void
add_trends_and_ideas (CoStore *store)
{
  g_autoptr(GError) error = NULL;

  for (int i = 1; i <= 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("tag%d", i);
      CoStoredTrend trend = { .platform = i % 2 ? CO_PLATFORM_YOUTUBE : CO_PLATFORM_X,
                              .kind = CO_STORED_TREND_TOPIC, .name = name, .score = 10.0 * i,
                              .observed_at = g_get_real_time (),
                              .imported_at = g_get_real_time () };

      if (!co_trend_store_put (store, &trend, &error))
        g_error ("%s", error->message);
    }
  for (int i = 1; i <= N_STORED_IDEAS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Stored idea %d about tag%d", i, i % 20 + 1);

      if (co_ideas_add (store, title, "Hook: something said once.", &error) == 0)
        g_error ("%s", error->message);
    }
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
print_figures (const char *what,
               double     *ms)
{
  qsort (ms, N_RUNS, sizeof (double), compare_doubles);
  printf ("%-24s median %8.2f ms   max %8.2f ms\n", what, ms[N_RUNS / 2], ms[N_RUNS - 1]);
}

/* Trashed items are every tenth, excluded every seventeenth. */
static void
check_result (const CoIdeaResult *result)
{
  if (result->suggestions->len != N_IDEAS)
    g_error ("%u ideas instead of %d", result->suggestions->len, N_IDEAS);
  for (guint i = 0; i < result->suggestions->len; i++)
    {
      const CoIdeaSuggestion *s = g_ptr_array_index (result->suggestions, i);

      for (guint j = 0; j < s->source_ids->len; j++)
        {
          gint64 id = g_array_index (s->source_ids, gint64, j);

          if (id % 10 == 0 || id % 17 == 0)
            g_error ("idea %u draws on trashed or excluded item %" G_GINT64_FORMAT, i, id);
        }
    }
}

static void
run_once (CoStore         *store,
          CoIdeaGenerator *generator,
          double          *context_ms,
          double          *generate_ms,
          double          *flag_ms)
{
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(CoIdeaResult) result = NULL;
  g_autoptr(GAsyncResult) async = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  context = co_idea_context_build (store, "youtube", NULL, 0, N_IDEAS, &error);
  if (context == NULL)
    g_error ("%s", error->message);
  *context_ms = elapsed_ms (start);
  start = g_get_monotonic_time ();
  co_idea_generator_generate_async (generator, context, NULL, NULL, NULL,
                                    co_test_async_ready_cb, &async);
  co_test_async_wait (&async, 60000);
  result = co_idea_generator_generate_finish (generator, async, &error);
  if (result == NULL)
    g_error ("%s", error->message);
  *generate_ms = elapsed_ms (start);
  start = g_get_monotonic_time ();
  if (!co_ideas_flag_duplicates (store, result, &error))
    g_error ("%s", error->message);
  *flag_ms = elapsed_ms (start);
  check_result (result);
}

static void
bench_ideas (void)
{
  const char *count = g_getenv ("BENCH_IDEAS_ITEMS");
  int n_items = count != NULL ? atoi (count) : N_ITEMS_DEFAULT;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(CoIdeaGenerator) generator = co_idea_generator_offline_new ();
  double context_ms[N_RUNS], generate_ms[N_RUNS], flag_ms[N_RUNS], total_ms[N_RUNS];
  gint64 start;

  g_assert_cmpint (n_items, >=, 100);
  store = co_test_store_new ();
  start = g_get_monotonic_time ();
  fill (store, n_items);
  add_trends_and_ideas (store);
  printf ("Ideas over %d vault items (filled in %.1f s), %d ideas a run, %d runs:\n", n_items,
          elapsed_ms (start) / 1000.0, N_IDEAS, N_RUNS);
  for (int i = 0; i < N_RUNS; i++)
    {
      run_once (store, generator, &context_ms[i], &generate_ms[i], &flag_ms[i]);
      total_ms[i] = context_ms[i] + generate_ms[i] + flag_ms[i];
    }
  print_figures ("context", context_ms);
  print_figures ("offline generator", generate_ms);
  print_figures ("near-duplicate flags", flag_ms);
  print_figures ("wall time in all", total_ms);
}

int
main (int   argc,
      char *argv[])
{
  /* Run as a test only for the isolated folders; the figures go to stdout.
   * BENCH_IDEAS_ITEMS sets a smaller vault for a quick check. */
  co_test_init (&argc, &argv);
  g_test_add_func ("/bench/ideas", bench_ideas);
  return g_test_run ();
}
