/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Analytics benchmark: 500,000 posts with their metrics, each collected
 * twice (1,000,000 samples, as issue 16 asks), over two years on four
 * platforms.  It prints the
 * median and 95th percentile of the report over every post (totals, per
 * platform, hour and weekday in Europe/Berlin), of the report of one
 * platform over one quarter, and of the gains per day over every sample;
 * each also as a ratio to a plain SQLite scan of the same rows in the same
 * run, which reads the columns and sums them and does nothing else.  Rows
 * are written with batched SQL in one transaction, as bench-drafts does.
 */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "co-analytics-private.h"
#include "co-test-util.h"

#define N_POSTS 500000
#define N_RUNS 30
#define YEAR_USEC (365 * G_TIME_SPAN_DAY)
/* 2027-01-01T00:00:00Z */
#define START_USEC (G_GINT64_CONSTANT (1798761600) * G_USEC_PER_SEC)

typedef struct
{
  double median;
  double p95;
} Figures;

typedef void (*RunFunc) (CoStore  *store,
                         gpointer  data);

static void
exec_or_die (CoStore    *store,
             const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!_co_store_exec (store, sql, &error))
    g_error ("%s", error->message);
}

static void
fill (CoStore *store)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  static const char *const platforms[] = { "x", "linkedin", "instagram", "youtube" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20270301);
  sqlite3 *db = _co_store_get_db (store);
  sqlite3_stmt *insert = NULL;
  gint64 start = START_USEC;

  exec_or_die (store, "PRAGMA synchronous = OFF; BEGIN");
  sqlite3_prepare_v2 (db, "INSERT INTO post_metrics (platform, post_id, posted_at, views, likes,"
                          " comments, shares, collected_at) VALUES (?, 'p' || ?, ?, ?, ?, ?, ?,"
                          " ?3 + 86400000000)", -1, &insert, NULL);
  for (int i = 0; i < N_POSTS; i++)
    {
      gint64 views = g_rand_int_range (rand, 0, 200000);

      sqlite3_bind_text (insert, 1, platforms[i % 4], -1, SQLITE_STATIC);
      sqlite3_bind_int (insert, 2, i);
      sqlite3_bind_int64 (insert, 3, start + (gint64)g_rand_double_range (rand, 0, 2 * YEAR_USEC));
      sqlite3_bind_int64 (insert, 4, views);
      sqlite3_bind_int64 (insert, 5, views / g_rand_int_range (rand, 10, 100));
      sqlite3_bind_int64 (insert, 6, views / g_rand_int_range (rand, 100, 1000));
      sqlite3_bind_int64 (insert, 7, views / g_rand_int_range (rand, 200, 2000));
      if (sqlite3_step (insert) != SQLITE_DONE)
        g_error ("fill: %s", sqlite3_errmsg (db));
      sqlite3_reset (insert);
    }
  sqlite3_finalize (insert);
  /* The second collection, a week later, through the update trigger. */
  exec_or_die (store, "UPDATE post_metrics SET views = views * 2, likes = likes + 1,"
                      " collected_at = collected_at + 7 * 86400000000;"
                      "COMMIT; ANALYZE; PRAGMA synchronous = FULL;");
}

/* Thread CPU time, not wall time: the machine's other work does not count
 * against a query. */
static gint64
now_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static Figures
measure (CoStore  *store,
         RunFunc   func,
         gpointer  data)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < N_RUNS; i++)
    {
      gint64 start = now_usec ();
      double ms;

      func (store, data);
      ms = (now_usec () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  return (Figures) { g_array_index (times, double, times->len / 2),
                     g_array_index (times, double, times->len * 95 / 100) };
}

/* The floor: the same rows read by SQLite, their counts summed. */
static void
plain_scan (CoStore  *store,
            gpointer  data)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, data, NULL);
  gint64 sum = 0;

  _co_analytics_bind_range (stmt, &(CoAnalyticsRange){ 0 });
  while (sqlite3_step (stmt) == SQLITE_ROW)
    sum += sqlite3_column_int64 (stmt, 2) + sqlite3_column_int64 (stmt, 3) +
           sqlite3_column_int64 (stmt, 4) + sqlite3_column_int64 (stmt, 5);
  g_assert_cmpint (sum, >, 0);
}

static void
run_report (CoStore  *store,
            gpointer  data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  CoAnalyticsReport report;

  if (!co_analytics_report (store, data, zone, &report, NULL) || report.total.n_posts == 0)
    g_error ("the report failed");
}

static void
run_daily (CoStore  *store,
           gpointer  data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GArray) days = co_analytics_daily (store, data, zone, NULL);

  if (days == NULL || days->len == 0)
    g_error ("the daily gains failed");
}

static void
report_figures (const char *label,
                Figures     figures,
                Figures     floor)
{
  printf ("analytics-bench %s: median %.2f ms, p95 %.2f ms; plain scan of the same rows: median "
          "%.2f ms, p95 %.2f ms; ratio %.1f× (median), %.1f× (p95)\n",
          label, figures.median, figures.p95, floor.median, floor.p95,
          figures.median / floor.median, figures.p95 / floor.p95);
}

static void
bench_analytics (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  CoPlatform x = CO_PLATFORM_X;
  CoAnalyticsRange all = { 0 };
  CoAnalyticsRange quarter = { START_USEC, START_USEC + 90 * G_TIME_SPAN_DAY, &x };
  const char *all_posts = "SELECT platform, posted_at, views, likes, comments, shares"
                          " FROM post_metrics WHERE ?1 IS NULL AND ?2 < ?3";
  const char *quarter_posts = "SELECT platform, posted_at, views, likes, comments, shares"
                              " FROM post_metrics WHERE platform = 'x'"
                              " AND posted_at >= 1798761600000000"
                              " AND posted_at < 1798761600000000 + 90 * 86400000000"
                              " AND ?1 IS NULL AND ?2 < ?3";
  const char *all_samples = "SELECT platform, collected_at, views, likes, comments, shares"
                            " FROM post_metric_samples WHERE ?1 IS NULL AND ?2 < ?3";

  fill (store);
  printf ("analytics-bench: %d posts, %d samples\n", N_POSTS, 2 * N_POSTS);
  report_figures ("report, every post", measure (store, run_report, &all),
                  measure (store, plain_scan, (gpointer)all_posts));
  report_figures ("report, X over a quarter", measure (store, run_report, &quarter),
                  measure (store, plain_scan, (gpointer)quarter_posts));
  report_figures ("gains per day, every sample", measure (store, run_daily, &all),
                  measure (store, plain_scan, (gpointer)all_samples));
}

int
main (int   argc,
      char *argv[])
{
  /* Run as a test only for the isolated folders; the figures go to stdout. */
  co_test_init (&argc, &argv);
  g_test_add_func ("/bench/analytics", bench_analytics);
  return g_test_run ();
}
