/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "co-schedule-error.h"

G_BEGIN_DECLS

/*
 * Local time in any IANA zone.  Times are stored in UTC and entered and shown
 * in a zone, where a local time may not exist (the hour the clocks skip when
 * daylight saving time starts) or exist twice (the hour they repeat when it
 * ends).  The first is refused with the nearest times that exist; for the
 * second the caller picks which one, and the answer says which was taken.
 */

/**
 * CoScheduleFold:
 * @CO_SCHEDULE_FOLD_EARLIER: a repeated local time means its first
 *   occurrence, still in daylight saving time (the default)
 * @CO_SCHEDULE_FOLD_LATER: it means the second occurrence, after the clocks
 *   went back
 */
typedef enum
{
  CO_SCHEDULE_FOLD_EARLIER,
  CO_SCHEDULE_FOLD_LATER,
} CoScheduleFold;

/**
 * CoTimeReading:
 * @CO_TIME_READING_EXACT: the text named one instant: it had a UTC offset, or
 *   the local time happens once
 * @CO_TIME_READING_EARLIER: the local time happens twice; the first was taken
 * @CO_TIME_READING_LATER: the local time happens twice; the second was taken
 */
typedef enum
{
  CO_TIME_READING_EXACT,
  CO_TIME_READING_EARLIER,
  CO_TIME_READING_LATER,
} CoTimeReading;

/**
 * CoScheduleTime:
 * @usec: the instant, µs since 1970, UTC
 * @reading: how the text was read
 * @note: (nullable): a translated sentence that says which of two times was
 *   taken, or %NULL for an exact reading
 */
typedef struct
{
  gint64         usec;
  CoTimeReading  reading;
  char          *note;
} CoScheduleTime;

void        co_schedule_time_clear        (CoScheduleTime  *time);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CoScheduleTime, co_schedule_time_clear)

const char *co_time_reading_to_string     (CoTimeReading    reading);
GTimeZone  *co_schedule_zone_new          (const char      *identifier,
                                           GError         **error);
gboolean    co_schedule_time_from_local   (GTimeZone       *zone,
                                           int              year,
                                           int              month,
                                           int              day,
                                           int              hour,
                                           int              minute,
                                           int              second,
                                           CoScheduleFold   fold,
                                           CoScheduleTime  *out_time,
                                           GError         **error);
gboolean    co_schedule_time_parse        (const char      *text,
                                           GTimeZone       *zone,
                                           CoScheduleFold   fold,
                                           CoScheduleTime  *out_time,
                                           GError         **error);
char       *co_schedule_time_format       (gint64           usec,
                                           GTimeZone       *zone);
char       *co_schedule_time_format_iso   (gint64           usec,
                                           GTimeZone       *zone);
gint64      co_schedule_day_start         (GTimeZone       *zone,
                                           int              year,
                                           int              month,
                                           int              day);
void        co_schedule_month_range       (GTimeZone       *zone,
                                           int              year,
                                           int              month,
                                           gint64          *out_from,
                                           gint64          *out_to);
void        co_schedule_week_range        (GTimeZone       *zone,
                                           gint64           usec,
                                           gint64          *out_from,
                                           gint64          *out_to);

G_END_DECLS
