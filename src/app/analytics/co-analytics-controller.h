/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-analytics.h"
#include "co-analytics-charts.h"

G_BEGIN_DECLS

/**
 * CoAnalyticsState:
 * @CO_ANALYTICS_STATE_LOADING: the view is being read
 * @CO_ANALYTICS_STATE_EMPTY: the range has no metrics
 * @CO_ANALYTICS_STATE_READY: the view is there
 * @CO_ANALYTICS_STATE_INVALID: the custom range was refused; the error says why
 * @CO_ANALYTICS_STATE_FAILED: the library could not be read; the error says why
 *
 * What the Analytics section shows.
 */
typedef enum
{
  CO_ANALYTICS_STATE_LOADING,
  CO_ANALYTICS_STATE_EMPTY,
  CO_ANALYTICS_STATE_READY,
  CO_ANALYTICS_STATE_INVALID,
  CO_ANALYTICS_STATE_FAILED,
} CoAnalyticsState;

GType co_analytics_state_get_type (void) G_GNUC_CONST;
#define CO_TYPE_ANALYTICS_STATE (co_analytics_state_get_type ())

/**
 * CoAnalyticsFigure:
 * @CO_ANALYTICS_FIGURE_POSTS: posts
 * @CO_ANALYTICS_FIGURE_VIEWS: views
 * @CO_ANALYTICS_FIGURE_LIKES: likes
 * @CO_ANALYTICS_FIGURE_COMMENTS: comments
 * @CO_ANALYTICS_FIGURE_SHARES: shares
 * @CO_ANALYTICS_FIGURE_ENGAGEMENT: the engagement rate
 * @CO_ANALYTICS_N_FIGURES: how many there are
 *
 * The summary's figures.
 */
typedef enum
{
  CO_ANALYTICS_FIGURE_POSTS,
  CO_ANALYTICS_FIGURE_VIEWS,
  CO_ANALYTICS_FIGURE_LIKES,
  CO_ANALYTICS_FIGURE_COMMENTS,
  CO_ANALYTICS_FIGURE_SHARES,
  CO_ANALYTICS_FIGURE_ENGAGEMENT,
  CO_ANALYTICS_N_FIGURES,
} CoAnalyticsFigure;

/**
 * CoAnalyticsCsv:
 * @CO_ANALYTICS_CSV_DAILY: the gains per day and platform
 * @CO_ANALYTICS_CSV_POSTS: the posts with their counts
 * @CO_ANALYTICS_CSV_PLATFORMS: the sums per platform
 */
typedef enum
{
  CO_ANALYTICS_CSV_DAILY,
  CO_ANALYTICS_CSV_POSTS,
  CO_ANALYTICS_CSV_PLATFORMS,
} CoAnalyticsCsv;

/* The most viewed posts the view lists. */
#define CO_ANALYTICS_TOP_POSTS 10

typedef gint64 (*CoAnalyticsClockFunc) (gpointer user_data);

#define CO_TYPE_ANALYTICS_CONTROLLER (co_analytics_controller_get_type ())
G_DECLARE_FINAL_TYPE (CoAnalyticsController, co_analytics_controller, CO, ANALYTICS_CONTROLLER,
                      GObject)

CoAnalyticsController *co_analytics_controller_new          (CoStore               *store,
                                                             GTimeZone             *zone);
void              co_analytics_controller_set_clock         (CoAnalyticsController *self,
                                                             CoAnalyticsClockFunc   clock,
                                                             gpointer               user_data);
void              co_analytics_controller_set_days          (CoAnalyticsController *self,
                                                             int                    days);
gboolean          co_analytics_controller_set_custom        (CoAnalyticsController *self,
                                                             const char            *first_day,
                                                             const char            *last_day,
                                                             GError               **error);
void              co_analytics_controller_set_platform      (CoAnalyticsController *self,
                                                             const CoPlatform      *platform);
void              co_analytics_controller_reload            (CoAnalyticsController *self);
CoAnalyticsState  co_analytics_controller_get_state         (CoAnalyticsController *self);
const GError     *co_analytics_controller_get_error         (CoAnalyticsController *self);
int               co_analytics_controller_get_days          (CoAnalyticsController *self);
const CoAnalyticsView *co_analytics_controller_get_view     (CoAnalyticsController *self);
char             *co_analytics_controller_format_figure     (CoAnalyticsController *self,
                                                             CoAnalyticsFigure      figure);
char             *co_analytics_controller_format_growth     (CoAnalyticsController *self,
                                                             CoAnalyticsFigure      figure);
CoChartData      *co_analytics_controller_make_chart        (CoAnalyticsController *self,
                                                             CoAnalyticsChart       chart);
char             *co_analytics_controller_to_csv            (CoAnalyticsController *self,
                                                             CoAnalyticsCsv         kind);

G_END_DECLS
