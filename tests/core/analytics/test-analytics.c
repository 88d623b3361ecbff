/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "co-analytics.h"
#include "co-ideas.h"
#include "drafts-fixture.h"

/* The migration that added metric samples and ideas.  The lead renumbers
 * migrations at merge: this is the one line to change. */
#define INSIGHTS_SCHEMA_VERSION 17

static void
record (DraftsFixture *fx,
        CoPlatform     platform,
        const char    *post_id,
        gint64         posted_at,
        gint64         views,
        gint64         likes,
        gint64         comments,
        gint64         shares)
{
  CoPostMetrics metrics = { platform, post_id, 0, posted_at, views, likes, comments, shares };
  g_autoptr(GError) error = NULL;

  g_assert_true (co_schedule_record_metrics (fx->schedule, &metrics, &error));
  g_assert_no_error (error);
}

/* A Thursday evening post on X that did well, a Monday morning one that did
 * not, and a LinkedIn post late on a Tuesday in UTC, which is already
 * Wednesday in Berlin. */
static void
plant_posts (DraftsFixture *fx)
{
  record (fx, CO_PLATFORM_X, "x-1", utc_usec (2027, 1, 7, 17, 0), 1000, 100, 10, 5);
  record (fx, CO_PLATFORM_X, "x-2", utc_usec (2027, 1, 4, 8, 0), 500, 5, 0, 0);
  record (fx, CO_PLATFORM_LINKEDIN, "li-1", utc_usec (2027, 1, 5, 23, 30), 200, 20, 4, 0);
}

static void
assert_counts (const CoEngagement *counts,
               guint               n_posts,
               gint64              views,
               gint64              likes,
               gint64              comments,
               gint64              shares)
{
  g_assert_cmpuint (counts->n_posts, ==, n_posts);
  g_assert_cmpint (counts->views, ==, views);
  g_assert_cmpint (counts->likes, ==, likes);
  g_assert_cmpint (counts->comments, ==, comments);
  g_assert_cmpint (counts->shares, ==, shares);
}

/* The one definition: a comment weighs two likes, a share three, per view;
 * no views count as one; the rate of several posts is that of their sums. */
static void
test_rate (void)
{
  CoEngagement one = { 1, 100, 10, 5, 2 };
  CoEngagement none = { 1, 0, 3, 0, 0 };
  CoEngagement sum = { 0 };
  CoEngagement other = { 1, 900, 0, 0, 0 };

  g_assert_cmpfloat_with_epsilon (co_engagement_rate (&one), 0.26, 1e-12);
  g_assert_cmpfloat_with_epsilon (co_engagement_rate (&none), 3.0, 1e-12);
  co_engagement_add (&sum, &one);
  co_engagement_add (&sum, &other);
  assert_counts (&sum, 2, 1000, 10, 5, 2);
  g_assert_cmpfloat_with_epsilon (co_engagement_rate (&sum), 0.026, 1e-12);
}

static void
test_report (DraftsFixture *fx,
             gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CoAnalyticsRange all = { 0 };
  CoAnalyticsReport report;
  g_autoptr(GError) error = NULL;

  plant_posts (fx);
  g_assert_true (co_analytics_report (fx->base.store, &all, berlin, &report, &error));
  g_assert_no_error (error);
  assert_counts (&report.total, 3, 1700, 125, 14, 5);
  assert_counts (&report.platforms[CO_PLATFORM_X], 2, 1500, 105, 10, 5);
  assert_counts (&report.platforms[CO_PLATFORM_LINKEDIN], 1, 200, 20, 4, 0);
  assert_counts (&report.platforms[CO_PLATFORM_YOUTUBE], 0, 0, 0, 0, 0);
  assert_counts (&report.hours[18], 1, 1000, 100, 10, 5);
  assert_counts (&report.hours[9], 1, 500, 5, 0, 0);
  assert_counts (&report.hours[0], 1, 200, 20, 4, 0);
  assert_counts (&report.weekdays[3], 1, 1000, 100, 10, 5);
  /* LinkedIn's 0.14 beats X's Thursday 0.135: 00:30 on Wednesday in Berlin. */
  g_assert_cmpint (co_analytics_report_best_hour (&report), ==, 0);
  g_assert_cmpint (co_analytics_report_best_weekday (&report), ==, 2);
  g_assert_true (co_analytics_report (fx->base.store, &all, utc, &report, &error));
  g_assert_cmpint (co_analytics_report_best_hour (&report), ==, 23);
  g_assert_cmpint (co_analytics_report_best_weekday (&report), ==, 1);
}

/* The weekday × hour matrix a heat map draws: each post in the one cell of
 * its local weekday and hour, and the cells sum to the weekdays and hours. */
static void
test_report_week (DraftsFixture *fx,
                  gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  CoAnalyticsRange all = { 0 };
  CoAnalyticsReport report;
  g_autoptr(GError) error = NULL;
  guint n_cells = 0;

  plant_posts (fx);
  g_assert_true (co_analytics_report (fx->base.store, &all, berlin, &report, &error));
  g_assert_no_error (error);
  assert_counts (&report.week[3][18], 1, 1000, 100, 10, 5);
  assert_counts (&report.week[0][9], 1, 500, 5, 0, 0);
  assert_counts (&report.week[2][0], 1, 200, 20, 4, 0);
  for (int d = 0; d < 7; d++)
    {
      CoEngagement day = { 0 };

      for (int h = 0; h < 24; h++)
        {
          co_engagement_add (&day, &report.week[d][h]);
          n_cells += report.week[d][h].n_posts > 0;
        }
      assert_counts (&day, report.weekdays[d].n_posts, report.weekdays[d].views,
                     report.weekdays[d].likes, report.weekdays[d].comments,
                     report.weekdays[d].shares);
    }
  g_assert_cmpuint (n_cells, ==, 3);
}

typedef struct
{
  CoAnalyticsView *view;
  gpointer         task;   /* weak: the task, until its thread lets go of it */
} Loading;

static void
view_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError *error = NULL;
  Loading *loading = user_data;

  loading->view = co_analytics_view_load_finish (CO_STORE (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loading->view);
  loading->task = result;
  g_object_add_weak_pointer (G_OBJECT (result), &loading->task);
}

static gboolean
view_is_loaded (gpointer data)
{
  Loading *loading = data;

  return loading->view != NULL && loading->task == NULL;
}

/* A view reads the range, the range before it, the days and the top posts
 * at once, in a worker thread too; a bad range is refused the same way. */
static void
test_view_load (DraftsFixture *fx,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CoPlatform x = CO_PLATFORM_X;
  CoAnalyticsRange week = { utc_usec (2027, 1, 4, 0, 0), utc_usec (2027, 1, 11, 0, 0), &x };
  CoAnalyticsRange bad = { utc_usec (2027, 1, 11, 0, 0), utc_usec (2027, 1, 4, 0, 0), NULL };
  g_autoptr(CoAnalyticsView) view = NULL;
  Loading loading = { NULL, NULL };
  g_autoptr(GError) error = NULL;

  plant_posts (fx);
  record (fx, CO_PLATFORM_X, "x-0", utc_usec (2026, 12, 30, 9, 0), 100, 1, 0, 0);
  view = co_analytics_view_load (fx->base.store, &week, utc, 1, &error);
  g_assert_no_error (error);
  g_assert_true (view->range.platform == &view->platform);
  g_assert_cmpint (view->platform, ==, CO_PLATFORM_X);
  assert_counts (&view->report.total, 2, 1500, 105, 10, 5);
  g_assert_true (view->has_previous);
  assert_counts (&view->previous.total, 1, 100, 1, 0, 0);
  g_assert_cmpuint (view->posts->len, ==, 1);
  g_assert_cmpstr (g_array_index (view->posts, CoAnalyticsPost, 0).post_id, ==, "x-1");
  /* The fixture's clock collected everything on 2027-03-01, after the week. */
  g_assert_cmpuint (view->days->len, ==, 0);

  co_analytics_view_load_async (fx->base.store, &week, utc, 0, NULL, view_loaded_cb, &loading);
  /* The task is gone too, so that the store can be finalized at the end. */
  g_assert_true (co_test_wait_until (view_is_loaded, &loading, 10000));
  assert_counts (&loading.view->report.total, 2, 1500, 105, 10, 5);
  g_assert_cmpuint (loading.view->posts->len, ==, 2);
  co_analytics_view_free (loading.view);

  g_assert_null (co_analytics_view_load (fx->base.store, &bad, utc, 0, &error));
  g_assert_error (error, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_BAD_RANGE);
}

static void
test_report_filters (DraftsFixture *fx,
                     gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CoPlatform x = CO_PLATFORM_X;
  CoAnalyticsRange only_x = { 0, 0, &x };
  CoAnalyticsRange since = { utc_usec (2027, 1, 5, 0, 0), 0, NULL };
  CoAnalyticsRange until = { 0, utc_usec (2027, 1, 5, 0, 0), NULL };
  CoAnalyticsRange exact = { utc_usec (2027, 1, 7, 17, 0), utc_usec (2027, 1, 7, 17, 1), &x };
  CoAnalyticsReport report;

  plant_posts (fx);
  g_assert_true (co_analytics_report (fx->base.store, &only_x, utc, &report, NULL));
  assert_counts (&report.total, 2, 1500, 105, 10, 5);
  assert_counts (&report.platforms[CO_PLATFORM_LINKEDIN], 0, 0, 0, 0, 0);
  g_assert_true (co_analytics_report (fx->base.store, &since, utc, &report, NULL));
  assert_counts (&report.total, 2, 1200, 120, 14, 5);
  g_assert_true (co_analytics_report (fx->base.store, &until, utc, &report, NULL));
  assert_counts (&report.total, 1, 500, 5, 0, 0);
  /* The start is in the range, the end is not. */
  g_assert_true (co_analytics_report (fx->base.store, &exact, utc, &report, NULL));
  assert_counts (&report.total, 1, 1000, 100, 10, 5);
  exact.since++;
  g_assert_true (co_analytics_report (fx->base.store, &exact, utc, &report, NULL));
  assert_counts (&report.total, 0, 0, 0, 0, 0);
  g_assert_cmpint (co_analytics_report_best_hour (&report), ==, -1);
  g_assert_cmpint (co_analytics_report_best_weekday (&report), ==, -1);
}

/* Growth compares a range with the one as long just before it. */
static void
test_growth (void)
{
  CoPlatform x = CO_PLATFORM_X;
  CoAnalyticsRange week = { utc_usec (2027, 3, 8, 0, 0), utc_usec (2027, 3, 15, 0, 0), &x };
  CoAnalyticsRange open = { utc_usec (2027, 3, 8, 0, 0), 0, NULL };
  CoAnalyticsRange previous;

  g_assert_true (co_analytics_range_previous (&week, &previous));
  g_assert_cmpint (previous.since, ==, utc_usec (2027, 3, 1, 0, 0));
  g_assert_cmpint (previous.until, ==, utc_usec (2027, 3, 8, 0, 0));
  g_assert_true (previous.platform == &x);
  g_assert_false (co_analytics_range_previous (&open, &previous));
  g_assert_cmpfloat_with_epsilon (co_analytics_growth (200, 250), 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (co_analytics_growth (200, 100), -0.5, 1e-12);
  g_assert_true (isnan (co_analytics_growth (0, 100)));
}

/* A range that ends where or before it starts is refused by every view,
 * naming both ends. */
static void
test_bad_range (DraftsFixture *fx,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CoAnalyticsRange backwards = { utc_usec (2027, 2, 1, 0, 0), utc_usec (2027, 1, 1, 0, 0), NULL };
  CoAnalyticsRange empty = { utc_usec (2027, 2, 1, 0, 0), utc_usec (2027, 2, 1, 0, 0), NULL };
  CoAnalyticsReport report;
  g_autoptr(GError) error = NULL;

  g_assert_false (co_analytics_report (fx->base.store, &backwards, utc, &report, &error));
  g_assert_error (error, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_BAD_RANGE);
  g_assert_nonnull (strstr (error->message, "2027-02-01T00:00:00Z"));
  g_assert_nonnull (strstr (error->message, "2027-01-01T00:00:00Z"));
  g_clear_error (&error);
  g_assert_null (co_analytics_list_posts (fx->base.store, &empty, 0, &error));
  g_assert_error (error, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_BAD_RANGE);
  g_clear_error (&error);
  g_assert_null (co_analytics_daily (fx->base.store, &backwards, utc, &error));
  g_assert_error (error, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_BAD_RANGE);
}

static void
test_list_posts (DraftsFixture *fx,
                 gconstpointer  data)
{
  CoAnalyticsRange all = { 0 };
  g_autoptr(GArray) posts = NULL;
  g_autoptr(GArray) top = NULL;
  const CoAnalyticsPost *first;

  plant_posts (fx);
  posts = co_analytics_list_posts (fx->base.store, &all, 0, NULL);
  g_assert_cmpuint (posts->len, ==, 3);
  first = &g_array_index (posts, CoAnalyticsPost, 0);
  g_assert_cmpstr (first->post_id, ==, "x-1");
  g_assert_cmpint (first->platform, ==, CO_PLATFORM_X);
  g_assert_cmpint (first->posted_at, ==, utc_usec (2027, 1, 7, 17, 0));
  g_assert_cmpint (first->collected_at, ==, fx->now);
  g_assert_cmpint (first->draft_id, ==, 0);
  assert_counts (&first->counts, 1, 1000, 100, 10, 5);
  g_assert_cmpstr (g_array_index (posts, CoAnalyticsPost, 1).post_id, ==, "x-2");
  g_assert_cmpstr (g_array_index (posts, CoAnalyticsPost, 2).post_id, ==, "li-1");
  top = co_analytics_list_posts (fx->base.store, &all, 1, NULL);
  g_assert_cmpuint (top->len, ==, 1);
}

/* Every collection is kept as a sample; the days add up each post's gains
 * since its previous sample, even when that one is before the range. */
static void
test_series_and_daily (DraftsFixture *fx,
                       gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GError) error = NULL;
  gint64 posted = utc_usec (2027, 3, 1, 9, 0);
  CoAnalyticsRange all = { 0 };
  CoAnalyticsRange later = { utc_usec (2027, 3, 2, 0, 0), 0, NULL };
  const CoAnalyticsDay *day;

  fx->now = utc_usec (2027, 3, 1, 12, 0);
  record (fx, CO_PLATFORM_X, "x-1", posted, 100, 10, 0, 0);
  record (fx, CO_PLATFORM_YOUTUBE, "yt-1", posted, 50, 1, 1, 1);
  fx->now = utc_usec (2027, 3, 2, 12, 0);
  record (fx, CO_PLATFORM_X, "x-1", posted, 400, 12, 1, 0);
  fx->now = utc_usec (2027, 3, 3, 12, 0);
  record (fx, CO_PLATFORM_X, "x-1", posted, 1000, 11, 1, 2);

  samples = co_analytics_post_series (fx->base.store, CO_PLATFORM_X, "x-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, ==, 3);
  g_assert_cmpint (g_array_index (samples, CoAnalyticsSample, 0).collected_at, ==,
                   utc_usec (2027, 3, 1, 12, 0));
  assert_counts (&g_array_index (samples, CoAnalyticsSample, 2).counts, 1, 1000, 11, 1, 2);

  days = co_analytics_daily (fx->base.store, &all, utc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 4);
  day = &g_array_index (days, CoAnalyticsDay, 0);
  g_assert_cmpint (day->year, ==, 2027);
  g_assert_cmpint (day->month, ==, 3);
  g_assert_cmpint (day->day, ==, 1);
  g_assert_cmpint (day->platform, ==, CO_PLATFORM_X);
  assert_counts (&day->gained, 1, 100, 10, 0, 0);
  day = &g_array_index (days, CoAnalyticsDay, 1);
  g_assert_cmpint (day->platform, ==, CO_PLATFORM_YOUTUBE);
  assert_counts (&day->gained, 1, 50, 1, 1, 1);
  /* A like taken back makes a negative gain. */
  day = &g_array_index (days, CoAnalyticsDay, 3);
  g_assert_cmpint (day->day, ==, 3);
  assert_counts (&day->gained, 1, 600, -1, 0, 2);
  g_clear_pointer (&days, g_array_unref);

  days = co_analytics_daily (fx->base.store, &later, utc, &error);
  g_assert_cmpuint (days->len, ==, 2);
  day = &g_array_index (days, CoAnalyticsDay, 0);
  g_assert_cmpint (day->day, ==, 2);
  assert_counts (&day->gained, 1, 300, 2, 1, 0);
}

/* A collection written twice at the same time keeps one sample, the later. */
static void
test_same_time (DraftsFixture *fx,
                gconstpointer  data)
{
  g_autoptr(GArray) samples = NULL;

  record (fx, CO_PLATFORM_X, "x-1", utc_usec (2027, 1, 7, 17, 0), 10, 1, 0, 0);
  record (fx, CO_PLATFORM_X, "x-1", utc_usec (2027, 1, 7, 17, 0), 12, 2, 0, 0);
  samples = co_analytics_post_series (fx->base.store, CO_PLATFORM_X, "x-1", NULL);
  g_assert_cmpuint (samples->len, ==, 1);
  assert_counts (&g_array_index (samples, CoAnalyticsSample, 0).counts, 1, 12, 2, 0, 0);
}

static void
test_series_not_found (DraftsFixture *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  plant_posts (fx);
  g_assert_null (co_analytics_post_series (fx->base.store, CO_PLATFORM_LINKEDIN, "x-1", &error));
  g_assert_error (error, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“x-1”"));
  g_assert_nonnull (strstr (error->message, "LinkedIn"));
}

static void
test_csv (DraftsFixture *fx,
          gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CoAnalyticsRange all = { 0 };
  CoAnalyticsReport report;
  g_autoptr(GArray) posts = NULL;
  g_autoptr(GArray) days = NULL;
  g_autofree char *posts_csv = NULL, *platforms_csv = NULL, *days_csv = NULL;

  fx->now = utc_usec (2027, 3, 1, 12, 0);
  record (fx, CO_PLATFORM_X, "id, with \"quotes\"", utc_usec (2027, 3, 1, 9, 0), 200, 10, 2, 1);
  posts = co_analytics_list_posts (fx->base.store, &all, 0, NULL);
  posts_csv = co_analytics_posts_to_csv (posts);
  g_assert_cmpstr (posts_csv, ==,
                   "platform,post_id,draft_id,posted_at,collected_at,views,likes,comments,shares,"
                   "engagement_rate,posts\r\n"
                   "x,\"id, with \"\"quotes\"\"\",,2027-03-01T09:00:00Z,2027-03-01T12:00:00Z,"
                   "200,10,2,1,0.085000,1\r\n");
  g_assert_true (co_analytics_report (fx->base.store, &all, utc, &report, NULL));
  platforms_csv = co_analytics_platforms_to_csv (&report);
  g_assert_true (g_str_has_prefix (platforms_csv, "platform,views,likes,comments,shares,"
                                                  "engagement_rate,posts\r\n"
                                                  "x,200,10,2,1,0.085000,1\r\n"
                                                  "linkedin,0,0,0,0,0.000000,0\r\n"));
  g_assert_true (g_str_has_suffix (platforms_csv, "all,200,10,2,1,0.085000,1\r\n"));
  days = co_analytics_daily (fx->base.store, &all, utc, NULL);
  days_csv = co_analytics_daily_to_csv (days);
  g_assert_cmpstr (days_csv, ==,
                   "date,platform,views,likes,comments,shares,engagement_rate,posts\r\n"
                   "2027-03-01,x,200,10,2,1,0.085000,1\r\n");
}

/* A platform's CSV export: good rows recorded as a pull records them (a
 * second import later adds a sample), bad rows reported by line, a file
 * without a needed column refused by name with nothing kept. */
static void
test_import_csv (DraftsFixture *fx,
                 gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autofree char *dir = co_test_make_temp_dir ("metrics-csv");
  g_autofree char *path = co_test_write_file (dir, "x.csv",
                                              "shares,comments,likes,views,date,post_id\n"
                                              "1,2,10,200,2027-02-01,p1\n"
                                              "0,0,0,1.5,2027-02-01,p2\n"
                                              "0,0,0,5,2027-02-30,p3\n"
                                              "0,0,0,5,2027-02-01\n", -1);
  g_autofree char *short_path = co_test_write_file (dir, "short.csv", "post_id,date,views\n", -1);
  CoAnalyticsRange all = { 0 };
  g_autoptr(CoCsvReport) report = NULL, again = NULL;
  g_autoptr(GArray) posts = NULL, series = NULL;
  g_autoptr(GError) error = NULL;

  report = co_analytics_import_csv (fx->schedule, path, CO_PLATFORM_X, berlin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 4);
  g_assert_cmpuint (report->n_imported, ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 3);
  g_assert_cmpuint (g_array_index (report->problems, CoCsvProblem, 0).line, ==, 3);
  g_assert_nonnull (strstr (g_array_index (report->problems, CoCsvProblem, 0).reason, "1.5"));
  g_assert_nonnull (strstr (g_array_index (report->problems, CoCsvProblem, 1).reason,
                            "2027-02-30"));
  g_assert_cmpuint (g_array_index (report->problems, CoCsvProblem, 2).line, ==, 5);
  posts = co_analytics_list_posts (fx->base.store, &all, 0, &error);
  g_assert_cmpuint (posts->len, ==, 1);
  g_assert_cmpint (g_array_index (posts, CoAnalyticsPost, 0).posted_at, ==,
                   utc_usec (2027, 1, 31, 23, 0));
  g_assert_cmpint (g_array_index (posts, CoAnalyticsPost, 0).counts.shares, ==, 1);
  fx->now += G_TIME_SPAN_HOUR;
  again = co_analytics_import_csv (fx->schedule, path, CO_PLATFORM_X, berlin, &error);
  g_assert_no_error (error);
  series = co_analytics_post_series (fx->base.store, CO_PLATFORM_X, "p1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 2);
  g_assert_null (co_analytics_import_csv (fx->schedule, short_path, CO_PLATFORM_X, berlin,
                                          &error));
  g_assert_error (error, CO_CSV_ERROR, CO_CSV_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "short.csv"));
}

/* A library one version older keeps its metrics as each post's first
 * sample; later collections add samples; ideas can be noted. */
static void
test_upgrade (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("insights-upgrade");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) old = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autofree char *report = NULL;

  old = _co_store_new_at_version (dir, INSIGHTS_SCHEMA_VERSION - 1, &error);
  g_assert_no_error (error);
  g_assert_true (_co_store_exec (old, "INSERT INTO post_metrics (platform, post_id, posted_at,"
                                      " views, likes, comments, shares, collected_at)"
                                      " VALUES ('x', 'kept', 10, 70, 7, 0, 0, 20)", &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_store_get_schema_version (store), >=, INSIGHTS_SCHEMA_VERSION);
  g_assert_true (_co_store_exec (store, "UPDATE post_metrics SET views = 90, collected_at = 30",
                                 &error));
  samples = co_analytics_post_series (store, CO_PLATFORM_X, "kept", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, ==, 2);
  g_assert_cmpint (g_array_index (samples, CoAnalyticsSample, 0).collected_at, ==, 20);
  g_assert_cmpint (g_array_index (samples, CoAnalyticsSample, 0).counts.views, ==, 70);
  g_assert_cmpint (g_array_index (samples, CoAnalyticsSample, 1).counts.views, ==, 90);
  g_assert_cmpint (co_ideas_add (store, "After the upgrade", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (co_store_check_integrity (store, TRUE, &report, &error));
  g_assert_cmpstr (report, ==, "ok");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/analytics/rate", test_rate);
  g_test_add_func ("/core/analytics/growth", test_growth);
  DRAFTS_TEST ("/core/analytics/report", test_report);
  DRAFTS_TEST ("/core/analytics/report-week", test_report_week);
  DRAFTS_TEST ("/core/analytics/report-filters", test_report_filters);
  DRAFTS_TEST ("/core/analytics/view-load", test_view_load);
  DRAFTS_TEST ("/core/analytics/bad-range", test_bad_range);
  DRAFTS_TEST ("/core/analytics/list-posts", test_list_posts);
  DRAFTS_TEST ("/core/analytics/series-and-daily", test_series_and_daily);
  DRAFTS_TEST ("/core/analytics/same-time", test_same_time);
  DRAFTS_TEST ("/core/analytics/series-not-found", test_series_not_found);
  DRAFTS_TEST ("/core/analytics/csv", test_csv);
  DRAFTS_TEST ("/core/analytics/import-csv", test_import_csv);
  g_test_add_func ("/core/analytics/upgrade", test_upgrade);
  return g_test_run ();
}
