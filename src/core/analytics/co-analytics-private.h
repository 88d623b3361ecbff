/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-analytics.h"
#include "co-store-private.h"

G_BEGIN_DECLS

void     _co_analytics_bind_range  (sqlite3_stmt           *stmt,
                                    const CoAnalyticsRange *range);
void     _co_analytics_read_counts (sqlite3_stmt           *stmt,
                                    int                     first_column,
                                    CoEngagement           *out_counts);
void     _co_analytics_local_day   (GTimeZone              *zone,
                                    gint64                  usec,
                                    gint64                 *out_day,
                                    int                    *out_hour);

G_END_DECLS
