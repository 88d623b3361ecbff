/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-analytics-error.h"
#include "co-csv-reader.h"
#include "co-engagement.h"
#include "co-platform.h"
#include "co-schedule.h"
#include "co-store.h"

G_BEGIN_DECLS

/* The largest CSV export of platform metrics an import reads. */
#define CO_ANALYTICS_IMPORT_MAX_SIZE (64 * 1024 * 1024)

/**
 * CoAnalyticsRange:
 * @since: the first instant (µs since 1970, UTC), or 0 for no lower bound
 * @until: the instant after the last (µs since 1970, UTC), or 0 for none
 * @platform: (nullable): only this platform, or %NULL for all of them
 *
 * Which posts (by the time they went out) or which samples (by the time they
 * were collected) a view covers.
 */
typedef struct
{
  gint64            since;
  gint64            until;
  const CoPlatform *platform;
} CoAnalyticsRange;

/**
 * CoAnalyticsReport:
 * @total: the sums over every post in the range
 * @platforms: the sums per platform
 * @hours: the sums per hour of posting, 0–23, local time
 * @weekdays: the sums per weekday of posting, Monday (0) to Sunday (6), local time
 * @week: the sums per weekday (as @weekdays) and hour (as @hours) of posting
 *
 * What the creator's posts in a range add up to.  Each post counts with its
 * latest counts.  Rates come from co_engagement_rate() of the sums.
 */
typedef struct
{
  CoEngagement total;
  CoEngagement platforms[CO_N_PLATFORMS];
  CoEngagement hours[24];
  CoEngagement weekdays[7];
  CoEngagement week[7][24];
} CoAnalyticsReport;

/**
 * CoAnalyticsPost:
 * @platform: where it went out
 * @post_id: the platform's id of the post
 * @draft_id: the draft it came from, or 0
 * @posted_at: when it went out (µs since 1970, UTC)
 * @collected_at: when its counts were last collected (µs since 1970, UTC)
 * @counts: its latest counts (@n_posts is 1)
 */
typedef struct
{
  CoPlatform    platform;
  char         *post_id;
  gint64        draft_id;
  gint64        posted_at;
  gint64        collected_at;
  CoEngagement  counts;
} CoAnalyticsPost;

/**
 * CoAnalyticsSample:
 * @collected_at: when the counts were collected (µs since 1970, UTC)
 * @counts: the post's counts then (@n_posts is 1)
 */
typedef struct
{
  gint64       collected_at;
  CoEngagement counts;
} CoAnalyticsSample;

/**
 * CoAnalyticsDay:
 * @year: the local day's year
 * @month: its month, 1–12
 * @day: its day of the month, 1–31
 * @platform: the platform
 * @gained: the counts gained that day by the posts on @platform, as seen by
 *   the collections that day (@n_posts: the posts collected that day)
 */
typedef struct
{
  int          year;
  int          month;
  int          day;
  CoPlatform   platform;
  CoEngagement gained;
} CoAnalyticsDay;

/**
 * CoAnalyticsView:
 * @range: the range, its platform pointing at @platform
 * @platform: the platform of @range, when it has one
 * @report: what the posts in @range add up to
 * @has_previous: whether @previous is there (@range has both ends)
 * @previous: the same for the range as long just before @range
 * @days: (element-type CoAnalyticsDay): what the posts gained per day
 * @posts: (element-type CoAnalyticsPost): the most viewed posts in @range
 *
 * All a view of the analytics shows at once, read together.
 */
typedef struct
{
  CoAnalyticsRange  range;
  CoPlatform        platform;
  CoAnalyticsReport report;
  gboolean          has_previous;
  CoAnalyticsReport previous;
  GArray           *days;
  GArray           *posts;
} CoAnalyticsView;

gboolean  co_analytics_range_check   (const CoAnalyticsRange  *range,
                                      GError                 **error);
gboolean  co_analytics_report        (CoStore                 *store,
                                      const CoAnalyticsRange  *range,
                                      GTimeZone               *zone,
                                      CoAnalyticsReport       *out_report,
                                      GError                 **error);
gboolean  co_analytics_range_previous (const CoAnalyticsRange *range,
                                      CoAnalyticsRange       *out_previous);
double    co_analytics_growth        (gint64                  before,
                                      gint64                  now);
int       co_analytics_report_best_hour    (const CoAnalyticsReport *report);
int       co_analytics_report_best_weekday (const CoAnalyticsReport *report);
GArray   *co_analytics_list_posts    (CoStore                 *store,
                                      const CoAnalyticsRange  *range,
                                      guint                    n_max,
                                      GError                 **error);
GArray   *co_analytics_post_series   (CoStore                 *store,
                                      CoPlatform               platform,
                                      const char              *post_id,
                                      GError                 **error);
GArray   *co_analytics_daily         (CoStore                 *store,
                                      const CoAnalyticsRange  *range,
                                      GTimeZone               *zone,
                                      GError                 **error);

CoAnalyticsView *co_analytics_view_load        (CoStore                 *store,
                                                const CoAnalyticsRange  *range,
                                                GTimeZone               *zone,
                                                guint                    n_posts,
                                                GError                 **error);
void             co_analytics_view_load_async  (CoStore                 *store,
                                                const CoAnalyticsRange  *range,
                                                GTimeZone               *zone,
                                                guint                    n_posts,
                                                GCancellable            *cancellable,
                                                GAsyncReadyCallback      callback,
                                                gpointer                 user_data);
CoAnalyticsView *co_analytics_view_load_finish (CoStore                 *store,
                                                GAsyncResult            *result,
                                                GError                 **error);
void             co_analytics_view_free        (CoAnalyticsView         *view);

char     *co_analytics_posts_to_csv     (GArray                 *posts);
char     *co_analytics_platforms_to_csv (const CoAnalyticsReport *report);
char     *co_analytics_daily_to_csv     (GArray                 *days);

CoCsvReport *co_analytics_import_csv    (CoSchedule             *schedule,
                                         const char             *path,
                                         CoPlatform              platform,
                                         GTimeZone              *zone,
                                         GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoAnalyticsView, co_analytics_view_free)

G_END_DECLS
