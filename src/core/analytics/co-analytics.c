/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-analytics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "co-analytics-private.h"

/*
 * What the posts in a range add up to.  post_metrics holds each post's
 * latest counts, so one pass over it in SQLite, with the weekday and hour
 * worked out from the zone's offset (co-analytics-clock.c) rather than a
 * GDateTime per row, gives every sum at once.
 */

/**
 * _co_analytics_range_sql:
 * @range: a range
 * @select: the query up to its WHERE ("SELECT … FROM post_metrics")
 * @column: the time the range applies to
 * @tail: (nullable): what follows the WHERE clause
 *
 * The WHERE clause reads the platform from ?1 and the range from ?2 and ?3
 * (_co_analytics_bind_range()).  With a platform, the index on the
 * platform and the time finds the rows; without one, reading the table in
 * its order beats looking each row up through an index, so the unary +
 * keeps SQLite from using one for the time alone.
 *
 * Returns: (transfer full): the query
 */
char *
_co_analytics_range_sql (const CoAnalyticsRange *range,
                         const char             *select,
                         const char             *column,
                         const char             *tail)
{
  const char *sign = range->platform != NULL ? "" : "+";

  return g_strdup_printf ("%s WHERE %s AND %s%s >= ?2 AND %s%s < ?3 %s", select,
                          range->platform != NULL ? "platform = ?1" : "?1 IS NULL", sign, column,
                          sign, column, tail != NULL ? tail : "");
}

/* The columns ?1 (platform or NULL), ?2 and ?3 (the range) of a query. */
void
_co_analytics_bind_range (sqlite3_stmt           *stmt,
                          const CoAnalyticsRange *range)
{
  if (range->platform != NULL)
    sqlite3_bind_text (stmt, 1, co_platform_to_string (*range->platform), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, range->since != 0 ? range->since : G_MININT64);
  sqlite3_bind_int64 (stmt, 3, range->until != 0 ? range->until : G_MAXINT64);
}

/* views, likes, comments and shares from @first_column on. */
void
_co_analytics_read_counts (sqlite3_stmt *stmt,
                           int           first_column,
                           CoEngagement *out_counts)
{
  out_counts->n_posts = 1;
  out_counts->views = sqlite3_column_int64 (stmt, first_column);
  out_counts->likes = sqlite3_column_int64 (stmt, first_column + 1);
  out_counts->comments = sqlite3_column_int64 (stmt, first_column + 2);
  out_counts->shares = sqlite3_column_int64 (stmt, first_column + 3);
}

static char *
format_instant (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format_iso8601 (time) : g_strdup ("?");
}

/**
 * co_analytics_range_check:
 * @range: a range
 * @error: return location for a #GError
 *
 * Refuses a range that ends where or before it starts.
 *
 * Returns: %TRUE when @range is a range, else %FALSE with
 *   %CO_ANALYTICS_ERROR_BAD_RANGE naming both ends
 */
gboolean
co_analytics_range_check (const CoAnalyticsRange  *range,
                          GError                 **error)
{
  g_autofree char *since = NULL, *until = NULL;

  g_return_val_if_fail (range != NULL, FALSE);

  if (range->since == 0 || range->until == 0 || range->since < range->until)
    return TRUE;
  since = format_instant (range->since);
  until = format_instant (range->until);
  g_set_error (error, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_BAD_RANGE,
               _("The range from %s until %s is empty: it must end after it starts"), since,
               until);
  return FALSE;
}

/**
 * co_analytics_range_previous:
 * @range: a range with both ends
 * @out_previous: (out caller-allocates): the range as long, just before it,
 *   on the same platform
 *
 * Returns: %TRUE when @range has both ends, so that there is a previous one
 */
gboolean
co_analytics_range_previous (const CoAnalyticsRange *range,
                             CoAnalyticsRange       *out_previous)
{
  g_return_val_if_fail (range != NULL && out_previous != NULL, FALSE);

  if (range->since == 0 || range->until == 0 || range->until <= range->since)
    return FALSE;
  *out_previous = *range;
  out_previous->until = range->since;
  out_previous->since = range->since - (range->until - range->since);
  return out_previous->since != 0;
}

/**
 * co_analytics_growth:
 * @before: a count in the previous range
 * @now: the same count in this one
 *
 * Returns: the growth from @before to @now as a fraction (0.25 is 25 %
 *   more), or NaN when @before is 0 and there is nothing to grow from
 */
double
co_analytics_growth (gint64 before,
                     gint64 now)
{
  return before != 0 ? (double)(now - before) / before : NAN;
}

static void
add_post (CoAnalyticsReport  *report,
          CoAnalyticsClock   *clock,
          sqlite3_stmt       *stmt)
{
  CoEngagement counts;
  CoPlatform platform;
  gint64 day;
  int hour, weekday;

  /* A NULL error: a platform this build does not know is left out. */
  if (!co_platform_from_string ((const char *)sqlite3_column_text (stmt, 0), &platform, NULL))
    return;
  _co_analytics_read_counts (stmt, 2, &counts);
  _co_analytics_local_day (clock, sqlite3_column_int64 (stmt, 1), &day, &hour);
  /* 1970-01-01 was a Thursday, weekday 3 counting from Monday. */
  weekday = (int)(((day + 3) % 7 + 7) % 7);
  co_engagement_add (&report->total, &counts);
  co_engagement_add (&report->platforms[platform], &counts);
  co_engagement_add (&report->hours[hour], &counts);
  co_engagement_add (&report->weekdays[weekday], &counts);
  co_engagement_add (&report->week[weekday][hour], &counts);
}

/**
 * co_analytics_report:
 * @store: the library
 * @range: the posts, by the time they went out
 * @zone: the zone of the hours and weekdays
 * @out_report: (out caller-allocates): the sums
 * @error: return location for a #GError
 *
 * Adds up the latest counts of the posts in @range: in all, per platform,
 * per hour, per weekday, and per weekday and hour of posting.
 *
 * Returns: %TRUE on success, else %FALSE with %CO_ANALYTICS_ERROR_BAD_RANGE
 *   or a #CoStoreError
 */
gboolean
co_analytics_report (CoStore                 *store,
                     const CoAnalyticsRange  *range,
                     GTimeZone               *zone,
                     CoAnalyticsReport       *out_report,
                     GError                 **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(CoAnalyticsClock) clock = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);
  g_return_val_if_fail (range != NULL && zone != NULL && out_report != NULL, FALSE);

  memset (out_report, 0, sizeof *out_report);
  if (!co_analytics_range_check (range, error))
    return FALSE;
  locker = _co_store_lock (store);
  sql = _co_analytics_range_sql (range, "SELECT platform, posted_at, views, likes, comments,"
                                 " shares FROM post_metrics", "posted_at", NULL);
  stmt = _co_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  _co_analytics_bind_range (stmt, range);
  clock = _co_analytics_clock_new (zone);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_post (out_report, clock, stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  _co_store_set_error (store, error, _("reading post metrics"));
  return FALSE;
}

static int
best_slot (const CoEngagement *slots,
           int                 n_slots)
{
  int best = -1;

  for (int i = 0; i < n_slots; i++)
    if (slots[i].n_posts > 0 &&
        (best < 0 || co_engagement_rate (&slots[i]) > co_engagement_rate (&slots[best])))
      best = i;
  return best;
}

/**
 * co_analytics_report_best_hour:
 * @report: a report
 *
 * The hour of posting whose posts together had the highest engagement rate.
 * co_schedule_best_times() weighs the creator's history more carefully to
 * suggest times; this says what happened.
 *
 * Returns: 0–23, or -1 when the report has no posts
 */
int
co_analytics_report_best_hour (const CoAnalyticsReport *report)
{
  g_return_val_if_fail (report != NULL, -1);

  return best_slot (report->hours, G_N_ELEMENTS (report->hours));
}

/**
 * co_analytics_report_best_weekday:
 * @report: a report
 *
 * Like co_analytics_report_best_hour(), for the weekday.
 *
 * Returns: 0 (Monday) to 6 (Sunday), or -1 when the report has no posts
 */
int
co_analytics_report_best_weekday (const CoAnalyticsReport *report)
{
  g_return_val_if_fail (report != NULL, -1);

  return best_slot (report->weekdays, G_N_ELEMENTS (report->weekdays));
}
