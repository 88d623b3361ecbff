/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the Analytics tests: metrics written through the core's API
 * (the schedule, on a clock the test sets), so that every number the
 * section shows is known.  "Today" is Wednesday 2027-03-10, in UTC.
 *
 *   posted                      collected 03-08   03-09   03-10
 *   x-1  X        Mon 03-08 09:00   400/40/4/2  1000/80/6/3
 *   yt-1 YouTube  Mon 03-08 15:00   100/5/0/0    300/9/0/0
 *   x-2  X        Wed 03-10 08:00                           200/10/0/0
 *   x-0  X        Thu 02-25 10:00   (collected 02-25) 500/5/0/0
 *
 * The last 7 days (03-04 to 03-10) hold 3 posts with 1500 views; the 7
 * before them one post with 500, so views grew by 200 %. */

#include "co-drafts.h"
#include "co-schedule.h"

static inline gint64
utc_at (int month,
        int day,
        int hour)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2027, month, day, hour, 0, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static inline gint64
analytics_now (gpointer data)
{
  return utc_at (3, 10, 12);
}

static inline gint64
fixture_clock (gpointer data)
{
  return *(gint64 *)data;
}

static inline void
record_at (CoSchedule *schedule,
           CoPlatform  platform,
           const char *post_id,
           gint64      posted_at,
           gint64      views,
           gint64      likes,
           gint64      comments,
           gint64      shares)
{
  CoPostMetrics metrics = { platform, post_id, 0, posted_at, views, likes, comments, shares };
  g_autoptr(GError) error = NULL;

  g_assert_true (co_schedule_record_metrics (schedule, &metrics, &error));
  g_assert_no_error (error);
}

static inline void
plant_metrics (CoStore *store)
{
  g_autoptr(CoDrafts) drafts = co_drafts_new (store);
  g_autoptr(CoSchedule) schedule = NULL;
  gint64 now = utc_at (2, 25, 12);

  co_drafts_set_clock (drafts, fixture_clock, &now, NULL);
  schedule = co_schedule_new (drafts);
  record_at (schedule, CO_PLATFORM_X, "x-0", utc_at (2, 25, 10), 500, 5, 0, 0);
  now = utc_at (3, 8, 12);
  record_at (schedule, CO_PLATFORM_X, "x-1", utc_at (3, 8, 9), 400, 40, 4, 2);
  record_at (schedule, CO_PLATFORM_YOUTUBE, "yt-1", utc_at (3, 8, 15), 100, 5, 0, 0);
  now = utc_at (3, 9, 12);
  record_at (schedule, CO_PLATFORM_X, "x-1", utc_at (3, 8, 9), 1000, 80, 6, 3);
  record_at (schedule, CO_PLATFORM_YOUTUBE, "yt-1", utc_at (3, 8, 15), 300, 9, 0, 0);
  now = utc_at (3, 10, 12);
  record_at (schedule, CO_PLATFORM_X, "x-2", utc_at (3, 10, 8), 200, 10, 0, 0);
}
