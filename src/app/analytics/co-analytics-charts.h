/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-analytics.h"
#include "co-chart-data.h"

G_BEGIN_DECLS

/**
 * CoAnalyticsChart:
 * @CO_ANALYTICS_CHART_VIEWS: views gained per day, a line per platform
 * @CO_ANALYTICS_CHART_ENGAGEMENT: the engagement rate of each day's gains
 * @CO_ANALYTICS_CHART_TOP_POSTS: the most viewed posts
 * @CO_ANALYTICS_CHART_HEAT_MAP: views by weekday and hour of posting
 * @CO_ANALYTICS_N_CHARTS: how many there are
 */
typedef enum
{
  CO_ANALYTICS_CHART_VIEWS,
  CO_ANALYTICS_CHART_ENGAGEMENT,
  CO_ANALYTICS_CHART_TOP_POSTS,
  CO_ANALYTICS_CHART_HEAT_MAP,
  CO_ANALYTICS_N_CHARTS,
} CoAnalyticsChart;

CoChartData *co_analytics_charts_make (const CoAnalyticsView *view,
                                      GTimeZone             *zone,
                                      CoAnalyticsChart       chart);

G_END_DECLS
