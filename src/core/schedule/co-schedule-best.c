/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-engagement.h"
#include "co-schedule-private.h"

/*
 * Best times to post, from the creator's own history when there is enough
 * of it: each post's engagement rate is co_engagement_rate()'s, a comment
 * or a share taking more than a like; a slot (weekday and hour, local
 * time) scores the mean rate of its posts, pulled toward
 * the platform's mean as if it had two more average posts, so one lucky
 * post does not outrank a slot that does well every week.  With fewer than
 * CO_BEST_TIMES_MIN_POSTS posts on a platform the defaults below are used:
 * the slots general advice for each platform names most often, in the
 * creator's local time.
 */

#define PRIOR_POSTS 2.0
#define MAX_SLOTS 10
#define WEEKS_AHEAD 4

typedef struct
{
  int weekday;
  int hour;
} Slot;

static const Slot default_slots[CO_N_PLATFORMS][5] = {
  [CO_PLATFORM_X] = { { 2, 9 }, { 3, 9 }, { 4, 9 }, { 3, 12 }, { 5, 9 } },
  [CO_PLATFORM_LINKEDIN] = { { 2, 9 }, { 3, 9 }, { 4, 10 }, { 2, 12 }, { 3, 12 } },
  [CO_PLATFORM_INSTAGRAM] = { { 2, 11 }, { 3, 11 }, { 4, 11 }, { 5, 10 }, { 3, 18 } },
  [CO_PLATFORM_YOUTUBE] = { { 5, 15 }, { 6, 11 }, { 7, 11 }, { 4, 15 }, { 3, 15 } },
};

typedef struct
{
  double sum;
  guint  n;
} Tally;

static CoStore *
get_store (CoSchedule *self)
{
  return co_drafts_get_store (co_schedule_get_drafts (self));
}

static gboolean
check_metrics (const CoPostMetrics  *metrics,
               GError              **error)
{
  if (metrics->platform >= CO_N_PLATFORMS || metrics->post_id == NULL ||
      metrics->post_id[0] == '\0' || !g_utf8_validate (metrics->post_id, -1, NULL) ||
      metrics->posted_at <= 0 || metrics->views < 0 || metrics->likes < 0 ||
      metrics->comments < 0 || metrics->shares < 0)
    {
      g_set_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_INVALID,
                   _("The metrics of post “%s” need a platform, a post id, a time and counts "
                     "of 0 or more"),
                   metrics->post_id != NULL && g_utf8_validate (metrics->post_id, -1, NULL)
                     ? metrics->post_id : "?");
      return FALSE;
    }
  return TRUE;
}

/**
 * co_schedule_record_metrics:
 * @self: a schedule
 * @metrics: the engagement of one post
 * @error: return location for a #GError
 *
 * Keeps (or updates) the engagement of a published post, from which best
 * times are computed.  The analytics work calls this as it collects.
 *
 * Returns: %TRUE on success
 */
gboolean
co_schedule_record_metrics (CoSchedule           *self,
                            const CoPostMetrics  *metrics,
                            GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_SCHEDULE (self), FALSE);
  g_return_val_if_fail (metrics != NULL, FALSE);

  if (!check_metrics (metrics, error))
    return FALSE;
  locker = _co_store_lock (get_store (self));
  stmt = _co_store_prepare (get_store (self),
                            "INSERT INTO post_metrics (platform, post_id, draft_id, posted_at,"
                            " views, likes, comments, shares, collected_at)"
                            " VALUES (?, ?, nullif (?, 0), ?, ?, ?, ?, ?, ?)"
                            " ON CONFLICT (platform, post_id) DO UPDATE SET"
                            " posted_at = excluded.posted_at, views = excluded.views,"
                            " likes = excluded.likes, comments = excluded.comments,"
                            " shares = excluded.shares, collected_at = excluded.collected_at",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, co_platform_to_string (metrics->platform), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, metrics->post_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, metrics->draft_id);
  sqlite3_bind_int64 (stmt, 4, metrics->posted_at);
  sqlite3_bind_int64 (stmt, 5, metrics->views);
  sqlite3_bind_int64 (stmt, 6, metrics->likes);
  sqlite3_bind_int64 (stmt, 7, metrics->comments);
  sqlite3_bind_int64 (stmt, 8, metrics->shares);
  sqlite3_bind_int64 (stmt, 9, co_drafts_now (co_schedule_get_drafts (self)));
  return _co_store_step_done (get_store (self), stmt, error);
}

/* Each post's rate, as analytics defines it (co_engagement_rate()). */
static double
engagement_rate (sqlite3_stmt *stmt)
{
  CoEngagement engagement = { 1, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                              sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4) };

  return co_engagement_rate (&engagement);
}

/* Adds each post's rate to its weekday × hour tally; returns the number of
 * posts, or -1 on error. */
static int
tally_history (CoSchedule  *self,
               CoPlatform   platform,
               GTimeZone   *zone,
               Tally        tallies[7][24],
               double      *out_total,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc, n = 0;

  stmt = _co_store_prepare (get_store (self), "SELECT posted_at, views, likes, comments, shares"
                            " FROM post_metrics WHERE platform = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, co_platform_to_string (platform), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) utc =
        g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 0) / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
      Tally *tally;

      if (local == NULL)
        continue;
      tally = &tallies[g_date_time_get_day_of_week (local) - 1][g_date_time_get_hour (local)];
      tally->sum += engagement_rate (stmt);
      tally->n++;
      *out_total += engagement_rate (stmt);
      n++;
    }
  if (rc == SQLITE_DONE)
    return n;
  _co_store_set_error (get_store (self), error, _("reading post metrics"));
  return -1;
}

static int
compare_best (gconstpointer a,
              gconstpointer b)
{
  const CoBestTime *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  if (x->n_posts != y->n_posts)
    return x->n_posts < y->n_posts ? 1 : -1;
  return (x->weekday * 24 + x->hour) - (y->weekday * 24 + y->hour);
}

static GArray *
rank_slots (Tally  tallies[7][24],
            double mean)
{
  GArray *best = g_array_new (FALSE, FALSE, sizeof (CoBestTime));

  for (int day = 0; day < 7; day++)
    for (int hour = 0; hour < 24; hour++)
      {
        Tally *tally = &tallies[day][hour];
        CoBestTime slot = { day + 1, hour, 0, tally->n };

        if (tally->n == 0)
          continue;
        slot.score = (tally->sum + PRIOR_POSTS * mean) / (tally->n + PRIOR_POSTS);
        g_array_append_val (best, slot);
      }
  g_array_sort (best, compare_best);
  return best;
}

static GArray *
default_times (CoPlatform platform)
{
  GArray *best = g_array_new (FALSE, FALSE, sizeof (CoBestTime));

  for (guint i = 0; i < G_N_ELEMENTS (default_slots[platform]); i++)
    {
      CoBestTime slot = { default_slots[platform][i].weekday, default_slots[platform][i].hour,
                          1.0 - 0.1 * i, 0 };
      g_array_append_val (best, slot);
    }
  return best;
}

/**
 * co_schedule_best_times:
 * @self: a schedule
 * @platform: the platform
 * @zone: the zone whose weekdays and hours to use
 * @n_max: how many slots at most
 * @out_source: (out) (optional): whether they come from the creator's
 *   history or are the defaults
 * @error: return location for a #GError
 *
 * Ranks the weekday × hour slots for posting on @platform, best first.
 *
 * Returns: (transfer full) (element-type CoBestTime) (nullable): the slots
 */
GArray *
co_schedule_best_times (CoSchedule         *self,
                        CoPlatform          platform,
                        GTimeZone          *zone,
                        guint               n_max,
                        CoBestTimesSource  *out_source,
                        GError            **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  Tally tallies[7][24] = { { { 0 } } };
  double total = 0;
  GArray *best;
  int n;

  g_return_val_if_fail (CO_IS_SCHEDULE (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS && zone != NULL, NULL);

  locker = _co_store_lock (get_store (self));
  n = tally_history (self, platform, zone, tallies, &total, error);
  if (n < 0)
    return NULL;
  if (out_source != NULL)
    *out_source = n >= CO_BEST_TIMES_MIN_POSTS ? CO_BEST_TIMES_HISTORY : CO_BEST_TIMES_DEFAULTS;
  best = n >= CO_BEST_TIMES_MIN_POSTS ? rank_slots (tallies, total / n) : default_times (platform);
  if (best->len > n_max)
    g_array_set_size (best, n_max);
  return best;
}

/* The next free time at @slot after now: its hour, or the first free
 * five minutes in it, this week or one of the next few. */
static gboolean
next_free_at_slot (CoSchedule       *self,
                   CoPlatform        platform,
                   GTimeZone        *zone,
                   const CoBestTime *slot,
                   gint64           *out_at,
                   GError          **error)
{
  gint64 now = co_drafts_now (co_schedule_get_drafts (self));
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  g_autoptr(GDateTime) today = g_date_time_to_timezone (utc, zone);
  int ahead = (slot->weekday - g_date_time_get_day_of_week (today) + 7) % 7;

  for (int day = ahead; day < ahead + 7 * WEEKS_AHEAD; day += 7)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (today, day);

      for (int minute = 0; minute < 60; minute += CO_SCHEDULE_GAP_MINUTES)
        {
          g_auto(CoScheduleTime) time = { 0 };
          gint64 other, other_at;

          /* A NULL error: a time the clocks skip that day is passed over. */
          if (!co_schedule_time_from_local (zone, g_date_time_get_year (date),
                                            g_date_time_get_month (date),
                                            g_date_time_get_day_of_month (date), slot->hour,
                                            minute, 0, CO_SCHEDULE_FOLD_EARLIER, &time, NULL))
            continue;
          if (time.usec <= now)
            continue;
          if (!_co_schedule_find_conflict (self, platform, time.usec, 0, &other, &other_at, error))
            return FALSE;
          *out_at = time.usec;
          if (other == 0)
            return TRUE;
        }
    }
  *out_at = 0;
  return TRUE;
}

/**
 * co_schedule_suggest:
 * @self: a schedule
 * @platform: the platform
 * @zone: the creator's zone
 * @n_max: how many times at most
 * @out_source: (out) (optional): whether the times come from the creator's
 *   history or the defaults
 * @error: return location for a #GError
 *
 * Suggests concrete times to post on @platform: for each of the best slots
 * (co_schedule_best_times()) in turn, its next occurrence that is in the
 * future and free.
 *
 * Returns: (transfer full) (element-type CoTimeSuggestion) (nullable): the
 *   suggestions, best slot first
 */
GArray *
co_schedule_suggest (CoSchedule         *self,
                     CoPlatform          platform,
                     GTimeZone          *zone,
                     guint               n_max,
                     CoBestTimesSource  *out_source,
                     GError            **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) best = NULL;
  g_autoptr(GArray) suggestions = g_array_new (FALSE, FALSE, sizeof (CoTimeSuggestion));

  g_return_val_if_fail (CO_IS_SCHEDULE (self), NULL);

  locker = _co_store_lock (get_store (self));
  best = co_schedule_best_times (self, platform, zone, MAX_SLOTS, out_source, error);
  if (best == NULL)
    return NULL;
  for (guint i = 0; i < best->len && suggestions->len < n_max; i++)
    {
      CoTimeSuggestion suggestion = { 0, g_array_index (best, CoBestTime, i) };

      if (!next_free_at_slot (self, platform, zone, &suggestion.slot, &suggestion.at, error))
        return NULL;
      if (suggestion.at != 0)
        g_array_append_val (suggestions, suggestion);
    }
  return g_steal_pointer (&suggestions);
}
