/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-analytics-charts.h"

/* A view of the analytics as the data of its charts: the days of the range
 * as the lines' axis (each day, with or without gains), the top posts as
 * bars, and the weekday × hour sums as a heat map. */

/* The local day of @usec, as GDate's Julian day. */
static guint32
julian_day (gint64     usec,
            GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return g_date_get_julian (&date);
}

static guint32
day_julian (const CoAnalyticsDay *day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day->day, day->month, day->year);
  return g_date_get_julian (&date);
}

/* The range's days, as Julian days: its bounds, or else the days with gains. */
static gboolean
day_span (const CoAnalyticsView *view,
          GTimeZone             *zone,
          guint32               *out_first,
          guint32               *out_last)
{
  if (view->days->len == 0 && (view->range.since == 0 || view->range.until == 0))
    return FALSE;
  *out_first = view->range.since != 0 ? julian_day (view->range.since, zone)
               : day_julian (&g_array_index (view->days, CoAnalyticsDay, 0));
  *out_last = view->range.until != 0 ? julian_day (view->range.until - 1, zone)
              : day_julian (&g_array_index (view->days, CoAnalyticsDay, view->days->len - 1));
  return *out_first <= *out_last;
}

static void
add_day_labels (CoChartData *data,
                guint32      first,
                guint32      last)
{
  for (guint32 j = first; j <= last; j++)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, j);
      g_ptr_array_add (data->labels, g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                                                      g_date_get_month (&date),
                                                      g_date_get_day (&date)));
    }
}

/* The gains of each day (of one platform, or of all when @platform is -1). */
static void
sum_days (const CoAnalyticsView *view,
          int                    platform,
          guint32                first,
          CoEngagement          *sums,
          guint                  n_days)
{
  for (guint i = 0; i < view->days->len; i++)
    {
      const CoAnalyticsDay *day = &g_array_index (view->days, CoAnalyticsDay, i);
      guint32 j = day_julian (day);

      if (j >= first && j - first < n_days && (platform < 0 || (int)day->platform == platform))
        co_engagement_add (&sums[j - first], &day->gained);
    }
}

static gboolean
has_platform (const CoAnalyticsView *view,
              CoPlatform             platform)
{
  if (view->range.platform != NULL)
    return *view->range.platform == platform;
  for (guint i = 0; i < view->days->len; i++)
    if (g_array_index (view->days, CoAnalyticsDay, i).platform == platform)
      return TRUE;
  return FALSE;
}

static CoChartData *
make_views (const CoAnalyticsView *view,
            GTimeZone             *zone)
{
  CoChartData *data = co_chart_data_new (CO_CHART_LINES, _("Views over time"), _("views"));
  guint32 first, last;

  if (!day_span (view, zone, &first, &last))
    return data;
  add_day_labels (data, first, last);
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    {
      g_autofree CoEngagement *sums = g_new0 (CoEngagement, last - first + 1);
      CoChartSeries *series;
      GdkRGBA color;

      if (!has_platform (view, p))
        continue;
      co_chart_platform_color (p, &color);
      series = co_chart_data_add_series (data, co_platform_display_name (p), &color);
      sum_days (view, p, first, sums, last - first + 1);
      for (guint i = 0; i <= last - first; i++)
        co_chart_series_add (series, sums[i].views);
    }
  return data;
}

static CoChartData *
make_engagement (const CoAnalyticsView *view,
                 GTimeZone             *zone)
{
  CoChartData *data = co_chart_data_new (CO_CHART_LINES, _("Engagement rate"), NULL);
  g_autofree CoEngagement *sums = NULL;
  CoChartSeries *series;
  guint32 first, last;
  GdkRGBA color;

  if (!day_span (view, zone, &first, &last))
    return data;
  add_day_labels (data, first, last);
  co_chart_platform_color (-1, &color);
  series = co_chart_data_add_series (data, _("Engagement rate"), &color);
  sums = g_new0 (CoEngagement, last - first + 1);
  sum_days (view, -1, first, sums, last - first + 1);
  for (guint i = 0; i <= last - first; i++)
    co_chart_series_add (series, sums[i].n_posts > 0 ? co_engagement_rate (&sums[i]) : 0);
  return data;
}

static CoChartData *
make_top_posts (const CoAnalyticsView *view)
{
  CoChartData *data = co_chart_data_new (CO_CHART_BARS, _("Top posts"), _("views"));
  CoChartSeries *series;
  GdkRGBA color;

  co_chart_platform_color (view->range.platform != NULL ? (int)*view->range.platform : -1,
                           &color);
  series = co_chart_data_add_series (data, _("Views"), &color);
  for (guint i = 0; i < view->posts->len; i++)
    {
      const CoAnalyticsPost *post = &g_array_index (view->posts, CoAnalyticsPost, i);

      /* Translators: a post on a platform: "YouTube · dQw4w9WgXcQ". */
      g_ptr_array_add (data->labels, g_strdup_printf (_("%s · %s"),
                                                      co_platform_display_name (post->platform),
                                                      post->post_id));
      co_chart_series_add (series, post->counts.views);
    }
  return data;
}

static CoChartData *
make_heat_map (const CoAnalyticsView *view)
{
  const char *weekdays[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"),
                             N_("Sun") };
  CoChartData *data = co_chart_data_new (CO_CHART_HEAT, _("Views by weekday and hour posted"),
                                         _("views"));
  CoChartSeries *series;
  GdkRGBA color;

  co_chart_platform_color (view->range.platform != NULL ? (int)*view->range.platform : -1,
                           &color);
  series = co_chart_data_add_series (data, _("Views"), &color);
  data->row_labels = g_ptr_array_new_with_free_func (g_free);
  for (int h = 0; h < 24; h++)
    g_ptr_array_add (data->labels, g_strdup_printf ("%02d:00", h));
  for (int d = 0; d < 7; d++)
    {
      g_ptr_array_add (data->row_labels, g_strdup (_(weekdays[d])));
      for (int h = 0; h < 24; h++)
        co_chart_series_add (series, view->report.week[d][h].views);
    }
  return data;
}

/**
 * co_analytics_charts_make:
 * @view: a view of the analytics
 * @zone: the zone of its days
 * @chart: which chart
 *
 * Returns: (transfer full): the chart's data
 */
CoChartData *
co_analytics_charts_make (const CoAnalyticsView *view,
                          GTimeZone             *zone,
                          CoAnalyticsChart       chart)
{
  g_return_val_if_fail (view != NULL && zone != NULL, NULL);

  switch (chart)
    {
    case CO_ANALYTICS_CHART_VIEWS:
      return make_views (view, zone);
    case CO_ANALYTICS_CHART_ENGAGEMENT:
      return make_engagement (view, zone);
    case CO_ANALYTICS_CHART_TOP_POSTS:
      return make_top_posts (view);
    case CO_ANALYTICS_CHART_HEAT_MAP:
    case CO_ANALYTICS_N_CHARTS:
    default:
      return make_heat_map (view);
    }
}
