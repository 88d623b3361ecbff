/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The cloud mirror against a local PouchDB Server (in memory): the first
 * sync of a library of 10,000 vault items and 10,000 drafts (each draft
 * linked to an item, with a variant for X), in records per second and as a
 * ratio to the server's own floor in the same run (the same number of small
 * documents stored with plain _bulk_docs calls of the same batch size); then
 * a sync with nothing to do, 50 times: the requests each made and the wall
 * time's median and 95th percentile, also as a ratio to one GET of the
 * database's information.  The target for the latter: one request
 * each way, p95 at most 50 ms.
 */
#include "config.h"

#include <stdio.h>

#include "co-mirror-sync.h"
#include "co-store-private.h"
#include "co-test-couch.h"
#include "co-test-mirror.h"
#include "co-test-server.h"
#include "co-test-util.h"

#define N_ITEMS 10000
#define N_DRAFTS 10000
#define N_IDLE_RUNS 50

static void
exec_or_die (CoStore    *store,
             const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!_co_store_exec (store, sql, &error))
    g_error ("%s", error->message);
}

/* Rows written with batched SQL in one transaction; the mirror's triggers
 * mark every record, as they do for edits. */
static void
fill (CoStore *store)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);

  exec_or_die (store,
               "PRAGMA synchronous = OFF; BEGIN;"
               "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)"
               " INSERT INTO vault_items (type, title, body, notes, created_at, imported_at)"
               " SELECT 'note', 'Idea ' || i, 'Film the ' || i || 'th take at golden hour',"
               "  'notes', 1700000000000000 + i, 1700000000000000 + i FROM n;"
               "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)"
               " INSERT INTO drafts (id, stage, title, body, created_at, updated_at,"
               "  stage_changed_at)"
               " SELECT i, 'draft', 'Post ' || i, 'A body to post, number ' || i,"
               "  1700000000000000 + i, 1700000000000000 + i, 1700000000000000 + i FROM n;"
               "INSERT INTO draft_variants (draft_id, platform) SELECT id, 'x' FROM drafts;"
               "INSERT INTO draft_items (draft_id, item_id, position, created_at)"
               " SELECT id, id, 0, 1700000000000000 FROM drafts;"
               "COMMIT; PRAGMA synchronous = FULL;");
}

static CoCouch *
connect (CoHttpClient *client,
         const char   *url)
{
  g_autoptr(GError) error = NULL;
  CoCouch *couch = co_couch_new (client, url, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (co_couch_open (couch, TRUE, NULL, &error));
  g_assert_no_error (error);
  return couch;
}

/* The server's floor: N small documents in batches, as plain _bulk_docs. */
static double
reference_store (CoHttpClient *client,
                 const char   *url,
                 guint         n)
{
  g_autoptr(CoCouch) couch = connect (client, url);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GError) error = NULL;

  for (guint first = 0; first < n; first += CO_MIRROR_SYNC_BATCH)
    {
      g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

      for (guint i = first; i < MIN (n, first + CO_MIRROR_SYNC_BATCH); i++)
        {
          g_autofree char *json = g_strdup_printf ("{\"_id\": \"ref:%u\", \"_rev\": \"1-%032x\","
                                                   " \"title\": \"Idea %u\"}", i, i, i);

          g_ptr_array_add (docs, json_from_string (json, NULL));
        }
      g_assert_true (co_couch_bulk_docs (couch, docs, NULL, &error));
      g_assert_no_error (error);
    }
  return g_timer_elapsed (timer, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* The value at @fraction of the sorted times (0.5: the median). */
static double
quantile (GArray *times,
          double  fraction)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, (guint)(fraction * (times->len - 1) + 0.5));
}

/* One GET of the database's information, the cheapest request there is. */
static GArray *
reference_requests (CoHttpClient *client,
                    const char   *url)
{
  g_autoptr(CoCouch) couch = connect (client, url);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < N_IDLE_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_assert_true (co_couch_open (couch, FALSE, NULL, &error));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  return times;
}

static CoMirrorSyncReport
sync_once (CoMirror *mirror,
           CoCouch  *couch)
{
  g_autoptr(GError) error = NULL;
  CoMirrorSyncReport report;

  if (!co_mirror_sync_once (mirror, couch, NULL, NULL, &report, NULL, &error))
    g_error ("sync: %s", error->message);
  return report;
}

static void
bench_idle (CoMirror     *mirror,
            CoCouch      *couch,
            CoHttpClient *client,
            const char   *reference_url)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reference = reference_requests (client, reference_url);
  guint most_requests = 0;
  double median, p95, ref_p95;

  for (int i = 0; i < N_IDLE_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      CoMirrorSyncReport report = sync_once (mirror, couch);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      g_assert_cmpuint (report.pushed + report.pulled, ==, 0);
      most_requests = MAX (most_requests, report.requests);
      g_array_append_val (times, ms);
    }
  median = quantile (times, 0.5);
  p95 = quantile (times, 0.95);
  ref_p95 = quantile (reference, 0.95);
  printf ("mirror-bench sync with nothing to do: %u requests (one per direction: the pull's "
          "checkpoint and its _changes), median %.1f ms, p95 %.1f ms (target 50 ms; %.1f× the "
          "p95 of one GET of the database, %.2f ms)\n", most_requests, median, p95,
          p95 / ref_p95, ref_p95);
}

static void
bench_mirror (void)
{
  CoTestCouch *server = co_test_couch_get ();
  g_autofree char *db = server ? co_test_couch_new_db (server, "bench") : NULL;
  g_autofree char *reference_db = server ? co_test_couch_new_db (server, "reference") : NULL;
  g_autoptr(CoTestSide) side = NULL;
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoCouch) couch = NULL;
  CoMirrorSyncReport report;
  double seconds, reference;
  gint64 start;

  if (db == NULL)
    return;
  side = co_test_side_new ("bench");
  fill (side->store);
  couch = connect (client, db);
  reference = reference_store (client, reference_db, N_ITEMS + N_DRAFTS);

  start = g_get_monotonic_time ();
  report = sync_once (side->mirror, couch);
  seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  g_assert_cmpuint (report.pushed, ==, N_ITEMS + N_DRAFTS);
  printf ("mirror-bench first sync of %d vault items and %d drafts: %.1f s, %.0f records/s, "
          "%u requests (%.1f× the server's floor: the same number of small documents with "
          "plain _bulk_docs, %.1f s, %.0f documents/s)\n", N_ITEMS, N_DRAFTS, seconds,
          report.pushed / seconds, report.requests, seconds / reference, reference,
          (N_ITEMS + N_DRAFTS) / reference);

  /* The next sync reads the library's own documents back, once. */
  start = g_get_monotonic_time ();
  report = sync_once (side->mirror, couch);
  printf ("mirror-bench the sync after it (the library's own %u changes read back): %.1f s, "
          "%u requests\n", N_ITEMS + N_DRAFTS,
          (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC, report.requests);
  bench_idle (side->mirror, couch, client, reference_db);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Run as a test for the isolated folders and the server's helper; the
   * figures go to stdout. */
  co_test_network_init (&argc, &argv);
  g_test_add_func ("/bench/mirror", bench_mirror);
  status = g_test_run ();
  co_test_couch_stop ();
  return status;
}
