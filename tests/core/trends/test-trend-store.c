/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "co-file-error.h"
#include "co-store-private.h"
#include "co-test-util.h"
#include "co-trend-store.h"

/*
 * Trends kept from CSV: ranked listing with filters and paging, decay and
 * archiving, the import's report, and the upgrade.  Property tests print
 * their seed (co_test_seed()); CO_PROPERTY_SEED=<seed> replays one.
 */

/* The migration that added the trends table.  The lead renumbers migrations
 * at merge: this is the one line to change. */
#define TRENDS_SCHEMA_VERSION 19

#define NOW (G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC)
#define N_ROUNDS 200

static void
put (CoStore           *store,
     CoPlatform         platform,
     CoStoredTrendKind  kind,
     const char        *name,
     double             score,
     double             days_ago)
{
  CoStoredTrend trend = { 0, platform, kind, (char *)name, score,
                          NOW - (gint64)(days_ago * G_TIME_SPAN_DAY), NOW, 0, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (co_trend_store_put (store, &trend, &error));
  g_assert_no_error (error);
}

static GArray *
list (CoStore            *store,
      const CoTrendQuery *query,
      guint              *out_total)
{
  g_autoptr(GError) error = NULL;
  GArray *trends = co_trend_store_list (store, query, out_total, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trends);
  return trends;
}

static const char *
name_at (GArray *trends,
         guint   i)
{
  return g_array_index (trends, CoStoredTrend, i).name;
}

/* Ranked by decayed score: an old high score falls below a fresh low one. */
static void
test_rank_filters_paging (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  CoPlatform youtube = CO_PLATFORM_YOUTUBE;
  CoStoredTrendKind hashtag = CO_STORED_TREND_HASHTAG;
  CoTrendQuery query = { .now = NOW, .half_life_days = 7 };
  g_autoptr(GArray) all = NULL, page = NULL, filtered = NULL;
  guint total;

  put (store, CO_PLATFORM_YOUTUBE, CO_STORED_TREND_FORMAT, "shorts", 100, 14);
  put (store, CO_PLATFORM_X, CO_STORED_TREND_HASHTAG, "#new", 30, 0);
  put (store, CO_PLATFORM_YOUTUBE, CO_STORED_TREND_HASHTAG, "#tour", 50, 7);
  put (store, CO_PLATFORM_INSTAGRAM, CO_STORED_TREND_TOPIC, "studio", 10, 0);

  all = list (store, &query, &total);
  g_assert_cmpuint (total, ==, 4);
  g_assert_cmpstr (name_at (all, 0), ==, "#new");
  g_assert_cmpstr (name_at (all, 1), ==, "#tour");
  g_assert_cmpstr (name_at (all, 2), ==, "shorts");
  g_assert_cmpstr (name_at (all, 3), ==, "studio");
  g_assert_cmpfloat_with_epsilon (g_array_index (all, CoStoredTrend, 1).current, 25, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (all, CoStoredTrend, 2).current, 25, 1e-9);

  query.offset = 1;
  query.limit = 2;
  page = list (store, &query, &total);
  g_assert_cmpuint (total, ==, 4);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (name_at (page, 0), ==, "#tour");
  g_assert_cmpstr (name_at (page, 1), ==, "shorts");

  query = (CoTrendQuery) { .now = NOW, .half_life_days = 7, .platform = &youtube,
                           .kind = &hashtag, .offset = 5 };
  filtered = list (store, &query, &total);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (filtered->len, ==, 0);
}

/* A newer observation replaces the score and unarchives; an older one is
 * ignored.  Bad values are refused. */
static void
test_put_replaces (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  CoTrendQuery query = { .now = NOW, .half_life_days = 7, .archived = TRUE };
  CoStoredTrend bad = { 0, CO_PLATFORM_X, CO_STORED_TREND_TOPIC, (char *)"x", -1, NOW, NOW, 0, 0 };
  g_autoptr(GArray) trends = NULL;
  g_autoptr(GError) error = NULL;
  guint archived = 0;

  put (store, CO_PLATFORM_X, CO_STORED_TREND_TOPIC, "ai", 1, 30);
  g_assert_true (co_trend_store_archive (store, NOW, 7, 1, &archived, &error));
  g_assert_cmpuint (archived, ==, 1);
  put (store, CO_PLATFORM_X, CO_STORED_TREND_TOPIC, "ai", 5, 40);
  put (store, CO_PLATFORM_X, CO_STORED_TREND_TOPIC, "ai", 9, 1);
  trends = list (store, &query, NULL);
  g_assert_cmpuint (trends->len, ==, 1);
  g_assert_cmpfloat (g_array_index (trends, CoStoredTrend, 0).score, ==, 9);
  g_assert_cmpint (g_array_index (trends, CoStoredTrend, 0).archived_at, ==, 0);
  g_assert_false (co_trend_store_put (store, &bad, &error));
  g_assert_error (error, CO_TRENDS_ERROR, CO_TRENDS_ERROR_INVALID);
  g_clear_error (&error);
  query.half_life_days = 0;
  g_assert_null (co_trend_store_list (store, &query, NULL, &error));
  g_assert_error (error, CO_TRENDS_ERROR, CO_TRENDS_ERROR_INVALID);
}

/* Property: a score never grows with time, halves each half-life, and is
 * never above the score observed. */
static void
test_decay_monotonic (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (int round = 0; round < (int) co_test_cases (N_ROUNDS * 10); round++)
    {
      double score = g_rand_double_range (rand, 0, 1e6);
      double half_life = g_rand_double_range (rand, 0.1, 365);
      gint64 observed = NOW + g_rand_int_range (rand, -1000, 1000) * G_TIME_SPAN_HOUR;
      gint64 t1 = NOW + g_rand_int_range (rand, -2000, 2000) * G_TIME_SPAN_HOUR;
      gint64 t2 = t1 + (gint64)g_rand_int_range (rand, 0, 5000) * G_TIME_SPAN_MINUTE;
      double d1 = co_trend_decay (score, observed, t1, half_life);
      double d2 = co_trend_decay (score, observed, t2, half_life);
      double later = co_trend_decay (score, observed, MAX (t1, observed) +
                                     (gint64)(half_life * G_TIME_SPAN_DAY), half_life);

      g_assert_cmpfloat (d2, <=, d1);
      g_assert_cmpfloat (d1, <=, score);
      g_assert_cmpfloat (d2, >=, 0);
      g_assert_cmpfloat_with_epsilon (later, co_trend_decay (score, observed, MAX (t1, observed),
                                                             half_life) / 2, score * 1e-9);
    }
}

/* Property: archiving at a time is idempotent, archives exactly the trends
 * below the threshold, keeps them, and archiving later archives a superset. */
static void
test_archive_idempotent (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (int round = 0; round < (int) co_test_cases (N_ROUNDS / 10); round++)
    {
      g_autoptr(CoStore) store = co_test_store_new ();
      int n = g_rand_int_range (rand, 0, 40);
      double half_life = g_rand_double_range (rand, 0.5, 30);
      double threshold = g_rand_double_range (rand, 0, 50);
      CoTrendQuery query = { .now = NOW, .half_life_days = half_life, .archived = TRUE };
      g_autoptr(GArray) first = NULL, second = NULL;
      g_autoptr(GError) error = NULL;
      guint archived = 0, again = 1, later = 0, expected = 0;

      for (int i = 0; i < n; i++)
        {
          g_autofree char *name = g_strdup_printf ("t%d", i);
          double score = g_rand_double_range (rand, 0, 100);
          double days = g_rand_double_range (rand, 0, 60);

          put (store, g_rand_int_range (rand, 0, CO_N_PLATFORMS),
               g_rand_int_range (rand, 0, 3), name, score, days);
          expected += co_trend_decay (score, NOW - (gint64)(days * G_TIME_SPAN_DAY), NOW,
                                      half_life) < threshold;
        }
      g_assert_true (co_trend_store_archive (store, NOW, half_life, threshold, &archived, &error));
      g_assert_cmpuint (archived, ==, expected);
      first = list (store, &query, NULL);
      g_assert_true (co_trend_store_archive (store, NOW, half_life, threshold, &again, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (again, ==, 0);
      second = list (store, &query, NULL);
      g_assert_cmpuint (first->len, ==, (guint)n);
      g_assert_cmpuint (second->len, ==, (guint)n);
      for (guint i = 0; i < first->len; i++)
        {
          const CoStoredTrend *a = &g_array_index (first, CoStoredTrend, i);
          const CoStoredTrend *b = &g_array_index (second, CoStoredTrend, i);

          g_assert_cmpint (a->id, ==, b->id);
          g_assert_cmpint (a->archived_at, ==, b->archived_at);
          g_assert_true ((a->archived_at != 0) == (a->current < threshold));
        }
      g_assert_true (co_trend_store_archive (store, NOW + G_TIME_SPAN_DAY * 10, half_life,
                                             threshold, &later, &error));
      query.archived = FALSE;
      g_clear_pointer (&second, g_array_unref);
      second = list (store, &query, NULL);
      g_assert_cmpuint (second->len + archived + later, ==, (guint)n);
    }
}

static char *
write_csv (const char *name,
           const char *text)
{
  g_autofree char *dir = co_test_make_temp_dir ("trend-csv");

  return co_test_write_file (dir, name, text, -1);
}

/* Good rows are kept and bad ones reported by line with the reason. */
static void
test_import (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *path = write_csv ("trends.csv",
                                     "Name,platform,KIND,score,observed_at,note\r\n"
                                     "\"Shorts, under 30 s\",youtube,format,80,2027-03-01,\r\n"
                                     "#tour,instagram,hashtag,42.5,,\"two\nlines\"\r\n"
                                     "x,tiktok,topic,1,,\r\n"
                                     "y,x,meme,1,,\r\n"
                                     "z,x,topic,-3,,\r\n"
                                     "w,x,topic,1,yesterday,\r\n"
                                     ",x,topic,1,,\r\n"
                                     "short,x\r\n"
                                     "q,x,topic,7,2027-01-01T10:00:00+01:00,\r\n");
  CoTrendQuery query = { .now = NOW, .half_life_days = 7 };
  g_autoptr(CoCsvReport) report = NULL;
  g_autoptr(GArray) trends = NULL;
  g_autoptr(GError) error = NULL;
  static const guint bad_lines[] = { 5, 6, 7, 8, 9, 10 };

  report = co_trend_import_csv (store, path, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 9);
  g_assert_cmpuint (report->n_imported, ==, 3);
  g_assert_cmpuint (report->problems->len, ==, G_N_ELEMENTS (bad_lines));
  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    g_assert_cmpuint (g_array_index (report->problems, CoCsvProblem, i).line, ==, bad_lines[i]);
  g_assert_nonnull (strstr (g_array_index (report->problems, CoCsvProblem, 0).reason, "tiktok"));
  g_assert_nonnull (strstr (g_array_index (report->problems, CoCsvProblem, 1).reason, "meme"));
  g_assert_nonnull (strstr (g_array_index (report->problems, CoCsvProblem, 2).reason, "-3"));
  g_assert_nonnull (strstr (g_array_index (report->problems, CoCsvProblem, 3).reason,
                            "yesterday"));
  g_assert_nonnull (strstr (g_array_index (report->problems, CoCsvProblem, 5).reason, "fields"));
  trends = list (store, &query, NULL);
  g_assert_cmpuint (trends->len, ==, 3);
}

/* Whole-file errors name the file; nothing is kept. */
static void
test_import_refused (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *no_score = write_csv ("no-score.csv", "platform,kind,name\nx,topic,a\n");
  g_autofree char *latin1 = write_csv ("latin1.csv", "platform,kind,name,score\nx,topic,caf\xe9,1\n");
  g_autoptr(GError) error = NULL;

  g_assert_null (co_trend_import_csv (store, no_score, NOW, &error));
  g_assert_error (error, CO_CSV_ERROR, CO_CSV_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "no-score.csv"));
  g_assert_nonnull (strstr (error->message, "score"));
  g_clear_error (&error);
  g_assert_null (co_trend_import_csv (store, latin1, NOW, &error));
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "latin1.csv"));
  g_clear_error (&error);
  g_assert_null (co_trend_import_csv (store, "/nonexistent/t.csv", NOW, &error));
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND);
}

/* Property: over random files of good and bad rows, every good row is
 * kept and every bad one reported, by its line. */
static void
test_import_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  static const char *const bad[] = {
    "nowhere,topic,%s,1", "x,meme,%s,1", "x,topic,%s,abc", "x,topic,%s,-1", "x,topic,%s",
    "x,topic,\"%s\"z,1", "x,topic,%s,1,extra",
  };

  for (int round = 0; round < (int) co_test_cases (N_ROUNDS / 10); round++)
    {
      g_autoptr(CoStore) store = co_test_store_new ();
      g_autoptr(GString) text = g_string_new ("platform,kind,name,score\n");
      g_autoptr(GArray) bad_lines = g_array_new (FALSE, FALSE, sizeof (guint));
      CoTrendQuery query = { .now = NOW, .half_life_days = 7, .archived = TRUE };
      g_autoptr(CoCsvReport) report = NULL;
      g_autoptr(GArray) kept = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      int n = g_rand_int_range (rand, 0, 60);
      guint line = 2, n_good = 0;

      for (int i = 0; i < n; i++, line++)
        {
          g_autofree char *name = g_strdup_printf (g_rand_boolean (rand) ? "n%d" : "n%d\nz", i);

          if (g_rand_int_range (rand, 0, 3) == 0)
            {
              g_string_append_printf (text, bad[g_rand_int_range (rand, 0, G_N_ELEMENTS (bad))],
                                      "b");
              g_array_append_val (bad_lines, line);
            }
          else
            {
              g_string_append_printf (text, "youtube,hashtag,\"%s\",%d", name, i);
              n_good++;
              line += strchr (name, '\n') != NULL;
            }
          g_string_append (text, g_rand_boolean (rand) ? "\r\n" : "\n");
        }
      path = write_csv ("random.csv", text->str);
      report = co_trend_import_csv (store, path, NOW, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->n_imported, ==, n_good);
      g_assert_cmpuint (report->problems->len, ==, bad_lines->len);
      for (guint i = 0; i < bad_lines->len; i++)
        g_assert_cmpuint (g_array_index (report->problems, CoCsvProblem, i).line, ==,
                          g_array_index (bad_lines, guint, i));
      kept = list (store, &query, NULL);
      g_assert_cmpuint (kept->len, ==, n_good);
    }
}

/* A library one version older gets the table and keeps working. */
static void
test_upgrade (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("trends-upgrade");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) old = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autofree char *report = NULL;
  CoTrendQuery query = { .now = NOW, .half_life_days = 7 };
  g_autoptr(GArray) trends = NULL;

  old = _co_store_new_at_version (dir, TRENDS_SCHEMA_VERSION - 1, &error);
  g_assert_no_error (error);
  g_assert_false (_co_store_exec (old, "SELECT count (*) FROM trends", NULL));
  g_clear_object (&old);
  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_store_get_schema_version (store), >=, TRENDS_SCHEMA_VERSION);
  put (store, CO_PLATFORM_LINKEDIN, CO_STORED_TREND_TOPIC, "after the upgrade", 3, 0);
  trends = list (store, &query, NULL);
  g_assert_cmpuint (trends->len, ==, 1);
  g_assert_true (co_store_check_integrity (store, TRUE, &report, &error));
  g_assert_cmpstr (report, ==, "ok");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/trends/stored/rank-filters-paging", test_rank_filters_paging);
  g_test_add_func ("/core/trends/stored/put-replaces", test_put_replaces);
  g_test_add_func ("/core/trends/stored/decay-monotonic", test_decay_monotonic);
  g_test_add_func ("/core/trends/stored/archive-idempotent", test_archive_idempotent);
  g_test_add_func ("/core/trends/import/rows", test_import);
  g_test_add_func ("/core/trends/import/refused", test_import_refused);
  g_test_add_func ("/core/trends/import/property", test_import_property);
  g_test_add_func ("/core/trends/upgrade", test_upgrade);
  return g_test_run ();
}
