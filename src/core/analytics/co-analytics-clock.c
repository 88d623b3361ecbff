/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-analytics-private.h"

/*
 * The local day and hour of each of many instants.  g_time_zone_find_interval()
 * walks the zone's transitions, which costs more than the rest of a report's
 * row; a report's instants fall into far fewer quarters of an hour (in UTC)
 * than there are rows, and every zone in use changes its offset only at the
 * start of one.  So the offset is kept per quarter, in a small direct-mapped
 * cache, once both ends of the quarter are seen to have it; a quarter whose
 * ends differ (a transition at an odd second, in old history) is looked up
 * for each instant.
 */

#define QUARTER 900
#define N_SLOTS 4096

typedef struct
{
  gint64   quarter;
  int      offset;
  gboolean known;
} Slot;

struct _CoAnalyticsClock
{
  GTimeZone *zone;
  Slot       slots[N_SLOTS];
};

CoAnalyticsClock *
_co_analytics_clock_new (GTimeZone *zone)
{
  CoAnalyticsClock *clock = g_new0 (CoAnalyticsClock, 1);

  clock->zone = g_time_zone_ref (zone);
  return clock;
}

void
_co_analytics_clock_free (CoAnalyticsClock *clock)
{
  g_time_zone_unref (clock->zone);
  g_free (clock);
}

static int
find_offset (GTimeZone *zone,
             gint64     seconds,
             int       *out_interval)
{
  *out_interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, seconds);
  return *out_interval >= 0 ? g_time_zone_get_offset (zone, *out_interval) : 0;
}

static int
offset_at (CoAnalyticsClock *clock,
           gint64            seconds)
{
  gint64 quarter = seconds / QUARTER - (seconds % QUARTER < 0 ? 1 : 0);
  Slot *slot = &clock->slots[(guint64)quarter % N_SLOTS];
  int first, last, offset;

  if (slot->known && slot->quarter == quarter)
    return slot->offset;
  offset = find_offset (clock->zone, quarter * QUARTER, &first);
  find_offset (clock->zone, quarter * QUARTER + QUARTER - 1, &last);
  if (first != last)
    return find_offset (clock->zone, seconds, &first);
  *slot = (Slot){ quarter, offset, TRUE };
  return offset;
}

/* The local day (days since 1970-01-01, local) and hour of @usec. */
void
_co_analytics_local_day (CoAnalyticsClock *clock,
                         gint64            usec,
                         gint64           *out_day,
                         int              *out_hour)
{
  gint64 seconds = usec / G_USEC_PER_SEC - (usec % G_USEC_PER_SEC < 0 ? 1 : 0);
  gint64 local = seconds + offset_at (clock, seconds);
  gint64 day = local / 86400 - (local % 86400 < 0 ? 1 : 0);

  *out_day = day;
  *out_hour = (int)((local - day * 86400) / 3600);
}
