/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-analytics-controller.h"
#include "co-chart-layout.h"
#include "co-test-util.h"
#include "analytics-fixture.h"

/* The Analytics section's controller and its charts' data, without a
 * display: what a range and a platform show, refused ranges, the figures
 * with their growth, the charts' numbers in words, and CSV. */

#define WAIT_MS 10000

typedef struct
{
  CoStore               *store;
  CoAnalyticsController *controller;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  fx->store = co_test_store_new ();
  if (data != NULL)
    plant_metrics (fx->store);
  fx->controller = co_analytics_controller_new (fx->store, utc);
  co_analytics_controller_set_clock (fx->controller, analytics_now, NULL);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  co_test_assert_finalized (g_steal_pointer (&fx->controller), WAIT_MS);
  co_test_assert_finalized (g_steal_pointer (&fx->store), WAIT_MS);
}

static gboolean
not_loading (gpointer data)
{
  return co_analytics_controller_get_state (data) != CO_ANALYTICS_STATE_LOADING;
}

static void
show_days (Fixture *fx,
           int      days)
{
  co_analytics_controller_set_days (fx->controller, days);
  g_assert_true (co_test_wait_until (not_loading, fx->controller, WAIT_MS));
}

static double
value_of (const CoChartData *data,
          guint              series,
          const char        *label)
{
  for (guint i = 0; i < data->labels->len; i++)
    if (g_str_equal (g_ptr_array_index (data->labels, i), label))
      return g_array_index (co_chart_data_get_series (data, series)->values, double, i);
  g_error ("No point “%s” in “%s”", label, data->title);
}

static void
assert_figure (Fixture           *fx,
               CoAnalyticsFigure  figure,
               const char        *value,
               const char        *growth)
{
  g_autofree char *shown = co_analytics_controller_format_figure (fx->controller, figure);
  g_autofree char *grown = co_analytics_controller_format_growth (fx->controller, figure);

  g_assert_cmpstr (shown, ==, value);
  g_assert_cmpstr (grown, ==, growth);
}

/* The last 7 days: the figures with their growth, and each chart's numbers. */
static void
test_week (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(CoChartData) views = NULL;
  g_autoptr(CoChartData) engagement = NULL;

  show_days (fx, 7);
  g_assert_cmpint (co_analytics_controller_get_state (fx->controller), ==,
                   CO_ANALYTICS_STATE_READY);
  assert_figure (fx, CO_ANALYTICS_FIGURE_POSTS, "3", "+200 % on the previous 7 days");
  assert_figure (fx, CO_ANALYTICS_FIGURE_VIEWS, "1500", "+200 % on the previous 7 days");
  assert_figure (fx, CO_ANALYTICS_FIGURE_SHARES, "3", "Nothing in the previous range to compare");
  /* (99 + 12 + 9) / 1500 now, 5 / 500 before. */
  assert_figure (fx, CO_ANALYTICS_FIGURE_ENGAGEMENT, "8.0 %", "+700 % on the previous 7 days");

  views = co_analytics_controller_make_chart (fx->controller, CO_ANALYTICS_CHART_VIEWS);
  g_assert_cmpint (views->kind, ==, CO_CHART_LINES);
  g_assert_cmpuint (views->labels->len, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (views->labels, 0), ==, "2027-03-04");
  g_assert_cmpstr (g_ptr_array_index (views->labels, 6), ==, "2027-03-10");
  g_assert_cmpuint (views->series->len, ==, 2);
  g_assert_cmpstr (co_chart_data_get_series (views, 0)->name, ==, "X");
  g_assert_cmpstr (co_chart_data_get_series (views, 1)->name, ==, "YouTube");
  g_assert_cmpfloat (value_of (views, 0, "2027-03-08"), ==, 400);
  g_assert_cmpfloat (value_of (views, 0, "2027-03-09"), ==, 600);
  g_assert_cmpfloat (value_of (views, 0, "2027-03-10"), ==, 200);
  g_assert_cmpfloat (value_of (views, 0, "2027-03-04"), ==, 0);
  g_assert_cmpfloat (value_of (views, 1, "2027-03-09"), ==, 200);

  engagement = co_analytics_controller_make_chart (fx->controller, CO_ANALYTICS_CHART_ENGAGEMENT);
  g_assert_null (engagement->unit);
  /* 03-08: (45 likes + 2 × 4 comments + 3 × 2 shares) / 500 views. */
  g_assert_cmpfloat_with_epsilon (value_of (engagement, 0, "2027-03-08"), 59.0 / 500, 1e-9);
  g_assert_cmpfloat (value_of (engagement, 0, "2027-03-05"), ==, 0);
}

static void
test_top_and_heat (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(CoChartData) top = NULL;
  g_autoptr(CoChartData) heat = NULL;
  g_autofree char *point = NULL;

  show_days (fx, 7);
  top = co_analytics_controller_make_chart (fx->controller, CO_ANALYTICS_CHART_TOP_POSTS);
  g_assert_cmpuint (top->labels->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (top->labels, 0), ==, "X · x-1");
  g_assert_cmpstr (g_ptr_array_index (top->labels, 1), ==, "YouTube · yt-1");
  g_assert_cmpfloat (value_of (top, 0, "X · x-2"), ==, 200);

  heat = co_analytics_controller_make_chart (fx->controller, CO_ANALYTICS_CHART_HEAT_MAP);
  g_assert_cmpuint (heat->labels->len, ==, 24);
  g_assert_cmpuint (heat->row_labels->len, ==, 7);
  g_assert_cmpuint (co_chart_data_get_series (heat, 0)->values->len, ==, 7 * 24);
  /* Monday 09:00 and 15:00, Wednesday 08:00. */
  g_assert_cmpfloat (g_array_index (co_chart_data_get_series (heat, 0)->values, double, 9), ==,
                     1000);
  g_assert_cmpfloat (g_array_index (co_chart_data_get_series (heat, 0)->values, double, 15), ==,
                     300);
  g_assert_cmpfloat (g_array_index (co_chart_data_get_series (heat, 0)->values, double,
                                    2 * 24 + 8), ==, 200);
  point = co_chart_data_point_text (heat, 0, 2 * 24 + 8);
  g_assert_cmpstr (point, ==, "Wed 08:00: 200 views");
}

/* One platform: only its line, and only its posts. */
static void
test_platform (Fixture       *fx,
               gconstpointer  data)
{
  CoPlatform youtube = CO_PLATFORM_YOUTUBE;
  g_autoptr(CoChartData) views = NULL;
  g_autofree char *figure = NULL;

  co_analytics_controller_set_platform (fx->controller, &youtube);
  show_days (fx, 7);
  figure = co_analytics_controller_format_figure (fx->controller, CO_ANALYTICS_FIGURE_VIEWS);
  g_assert_cmpstr (figure, ==, "300");
  views = co_analytics_controller_make_chart (fx->controller, CO_ANALYTICS_CHART_VIEWS);
  g_assert_cmpuint (views->series->len, ==, 1);
  g_assert_cmpstr (co_chart_data_get_series (views, 0)->name, ==, "YouTube");
}

/* Ranges typed wrong are refused, naming the input and the reason, and the
 * state says so until a good one is chosen. */
static void
test_custom_range (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoChartData) views = NULL;

  g_assert_false (co_analytics_controller_set_custom (fx->controller, "2027-03-10", "2027-03-01",
                                                      &error));
  g_assert_error (error, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_BAD_RANGE);
  g_assert_nonnull (strstr (error->message, "2027-03-01"));
  g_assert_nonnull (strstr (error->message, "2027-03-10"));
  g_assert_cmpint (co_analytics_controller_get_state (fx->controller), ==,
                   CO_ANALYTICS_STATE_INVALID);
  g_assert_cmpstr (co_analytics_controller_get_error (fx->controller)->message, ==,
                   error->message);
  g_clear_error (&error);

  g_assert_false (co_analytics_controller_set_custom (fx->controller, "2027-02-30", "2027-03-01",
                                                      &error));
  g_assert_error (error, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_BAD_RANGE);
  g_assert_nonnull (strstr (error->message, "“2027-02-30” is not a date"));
  g_clear_error (&error);

  g_assert_true (co_analytics_controller_set_custom (fx->controller, "2027-03-08", "2027-03-09",
                                                     &error));
  g_assert_no_error (error);
  g_assert_true (co_test_wait_until (not_loading, fx->controller, WAIT_MS));
  g_assert_cmpint (co_analytics_controller_get_state (fx->controller), ==,
                   CO_ANALYTICS_STATE_READY);
  g_assert_null (co_analytics_controller_get_error (fx->controller));
  g_assert_cmpint (co_analytics_controller_get_days (fx->controller), ==, 0);
  views = co_analytics_controller_make_chart (fx->controller, CO_ANALYTICS_CHART_VIEWS);
  g_assert_cmpuint (views->labels->len, ==, 2);
}

/* A library without metrics says so (the page then says where they come from). */
static void
test_empty (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(CoChartData) views = NULL;
  g_autofree char *text = NULL;

  show_days (fx, 30);
  g_assert_cmpint (co_analytics_controller_get_state (fx->controller), ==,
                   CO_ANALYTICS_STATE_EMPTY);
  views = co_analytics_controller_make_chart (fx->controller, CO_ANALYTICS_CHART_VIEWS);
  g_assert_true (co_chart_data_is_empty (views));
  text = co_chart_data_describe (views);
  g_assert_cmpstr (text, ==, "Views over time. Nothing to show in this range.");
}

/* The text alternative and the table name the numbers the chart draws. */
static void
test_words_and_table (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(CoChartData) views = NULL;
  g_autoptr(CoChartData) top = NULL;
  g_autoptr(GPtrArray) table = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bars = NULL;
  char **row;

  show_days (fx, 7);
  views = co_analytics_controller_make_chart (fx->controller, CO_ANALYTICS_CHART_VIEWS);
  text = co_chart_data_describe (views);
  g_assert_cmpstr (text, ==, "Views over time. X: 1200 views in all, the most on 2027-03-09 "
                   "(600 views). YouTube: 300 views in all, the most on 2027-03-09 (200 views).");
  table = co_chart_data_table (views);
  g_assert_cmpuint (table->len, ==, 8);
  row = g_ptr_array_index (table, 0);
  g_assert_cmpstr (row[1], ==, "X");
  row = g_ptr_array_index (table, 6);
  g_assert_cmpstr (row[0], ==, "2027-03-09");
  g_assert_cmpstr (row[1], ==, "600 views");
  g_assert_cmpstr (row[2], ==, "200 views");

  top = co_analytics_controller_make_chart (fx->controller, CO_ANALYTICS_CHART_TOP_POSTS);
  bars = co_chart_data_describe (top);
  g_assert_cmpstr (bars, ==, "Top posts. 1. X · x-1, 1000 views; 2. YouTube · yt-1, 300 views; "
                   "3. X · x-2, 200 views.");
}

/* The layout puts a hoverable mark on every value, where the value is. */
static void
test_layout (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(CoChartData) views = NULL;
  g_autoptr(GArray) marks = NULL;
  const CoChartMark *peak = NULL;
  const CoChartMark *hit;
  g_autofree char *text = NULL;

  show_days (fx, 7);
  views = co_analytics_controller_make_chart (fx->controller, CO_ANALYTICS_CHART_VIEWS);
  marks = co_chart_layout (views, 600, 300);
  for (guint i = 0; i < marks->len; i++)
    {
      const CoChartMark *mark = &g_array_index (marks, CoChartMark, i);

      if (mark->series == 0 && (peak == NULL || mark->y < peak->y))
        peak = mark;
    }
  g_assert_nonnull (peak);
  /* The highest point of X is its 600 views on 03-09, the sixth day. */
  g_assert_cmpuint (peak->index, ==, 5);
  hit = co_chart_layout_hit (marks, peak->x + peak->w / 2, peak->y + peak->h / 2);
  g_assert_true (hit == peak);
  text = co_chart_data_point_text (views, hit->series, hit->index);
  g_assert_cmpstr (text, ==, "X, 2027-03-09: 600 views");
  g_assert_null (co_chart_layout_hit (marks, 2, 298));
}

static void
test_csv (Fixture       *fx,
          gconstpointer  data)
{
  g_autofree char *posts = NULL;
  g_autofree char *daily = NULL;
  g_autofree char *before = co_analytics_controller_to_csv (fx->controller, CO_ANALYTICS_CSV_POSTS);

  g_assert_null (before);
  show_days (fx, 7);
  posts = co_analytics_controller_to_csv (fx->controller, CO_ANALYTICS_CSV_POSTS);
  g_assert_nonnull (strstr (posts, "x-1"));
  g_assert_nonnull (strstr (posts, "yt-1"));
  g_assert_null (strstr (posts, "x-0"));
  daily = co_analytics_controller_to_csv (fx->controller, CO_ANALYTICS_CSV_DAILY);
  g_assert_nonnull (strstr (daily, "2027-03-09"));
  g_assert_null (strstr (daily, "2027-02-25"));
}

#define TEST(path, func, planted) \
  g_test_add (path, Fixture, planted, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  TEST ("/app/analytics/controller/week", test_week, "planted");
  TEST ("/app/analytics/controller/top-and-heat", test_top_and_heat, "planted");
  TEST ("/app/analytics/controller/platform", test_platform, "planted");
  TEST ("/app/analytics/controller/custom-range", test_custom_range, "planted");
  TEST ("/app/analytics/controller/empty", test_empty, NULL);
  TEST ("/app/analytics/controller/words-and-table", test_words_and_table, "planted");
  TEST ("/app/analytics/controller/layout", test_layout, "planted");
  TEST ("/app/analytics/controller/csv", test_csv, "planted");

  return g_test_run ();
}
