/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-analytics.h"
#include "co-store-private.h"

G_BEGIN_DECLS

char    *_co_analytics_range_sql   (const CoAnalyticsRange *range,
                                    const char             *select,
                                    const char             *column,
                                    const char             *tail);
void     _co_analytics_bind_range  (sqlite3_stmt           *stmt,
                                    const CoAnalyticsRange *range);
void     _co_analytics_read_counts (sqlite3_stmt           *stmt,
                                    int                     first_column,
                                    CoEngagement           *out_counts);
/* Local days and hours of many instants in one zone: the zone's offset is
 * looked up once per quarter of an hour of UTC (co-analytics-clock.c). */
typedef struct _CoAnalyticsClock CoAnalyticsClock;

CoAnalyticsClock *_co_analytics_clock_new  (GTimeZone        *zone);
void              _co_analytics_clock_free (CoAnalyticsClock *clock);
void              _co_analytics_local_day  (CoAnalyticsClock *clock,
                                            gint64            usec,
                                            gint64           *out_day,
                                            int              *out_hour);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoAnalyticsClock, _co_analytics_clock_free)

G_END_DECLS
