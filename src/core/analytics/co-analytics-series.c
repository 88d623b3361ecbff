/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-analytics"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-analytics-private.h"

/*
 * The views that list rows: the posts with their latest counts, one post's
 * counts over time, and the counts gained per day and platform.  The series
 * come from post_metric_samples, which a trigger fills on every write of
 * post_metrics (migration 17).
 */

/* 1970-01-01 in GDate's Julian days (0001-01-01 is day 1). */
#define JULIAN_1970 719163

static void
clear_post (gpointer data)
{
  CoAnalyticsPost *post = data;

  g_free (post->post_id);
}

static gboolean
finish_rows (CoStore  *store,
             int       rc,
             GError  **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  _co_store_set_error (store, error, _("reading post metrics"));
  return FALSE;
}

/**
 * co_analytics_list_posts:
 * @store: the library
 * @range: the posts, by the time they went out
 * @n_max: how many at most, or 0 for all
 * @error: return location for a #GError
 *
 * Lists the posts in @range with their latest counts, the most viewed first.
 *
 * Returns: (transfer full) (element-type CoAnalyticsPost) (nullable): the
 *   posts, or %NULL with %CO_ANALYTICS_ERROR_BAD_RANGE or a #CoStoreError
 */
GArray *
co_analytics_list_posts (CoStore                 *store,
                         const CoAnalyticsRange  *range,
                         guint                    n_max,
                         GError                 **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) posts = g_array_new (FALSE, TRUE, sizeof (CoAnalyticsPost));
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store) && range != NULL, NULL);

  g_array_set_clear_func (posts, clear_post);
  if (!co_analytics_range_check (range, error))
    return NULL;
  locker = _co_store_lock (store);
  sql = _co_analytics_range_sql (range, "SELECT platform, post_id, coalesce (draft_id, 0),"
                                 " posted_at, collected_at, views, likes, comments, shares"
                                 " FROM post_metrics", "posted_at",
                                 "ORDER BY views DESC, posted_at DESC, id LIMIT ?4");
  stmt = _co_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  _co_analytics_bind_range (stmt, range);
  sqlite3_bind_int64 (stmt, 4, n_max > 0 ? (gint64)n_max : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoAnalyticsPost post = { 0 };

      /* A NULL error: a platform this build does not know is left out. */
      if (!co_platform_from_string ((const char *)sqlite3_column_text (stmt, 0), &post.platform,
                                    NULL))
        continue;
      post.post_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      post.draft_id = sqlite3_column_int64 (stmt, 2);
      post.posted_at = sqlite3_column_int64 (stmt, 3);
      post.collected_at = sqlite3_column_int64 (stmt, 4);
      _co_analytics_read_counts (stmt, 5, &post.counts);
      g_array_append_val (posts, post);
    }
  return finish_rows (store, rc, error) ? g_steal_pointer (&posts) : NULL;
}

/**
 * co_analytics_post_series:
 * @store: the library
 * @platform: where the post went out
 * @post_id: the platform's id of the post
 * @error: return location for a #GError
 *
 * Lists the counts of one post at each collection, the oldest first.
 *
 * Returns: (transfer full) (element-type CoAnalyticsSample) (nullable): the
 *   samples, or %NULL with %CO_ANALYTICS_ERROR_NOT_FOUND when none were
 *   collected, or a #CoStoreError
 */
GArray *
co_analytics_post_series (CoStore     *store,
                          CoPlatform   platform,
                          const char  *post_id,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, TRUE, sizeof (CoAnalyticsSample));
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store) && platform < CO_N_PLATFORMS, NULL);
  g_return_val_if_fail (post_id != NULL, NULL);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT collected_at, views, likes, comments, shares"
                            " FROM post_metric_samples WHERE platform = ? AND post_id = ?"
                            " ORDER BY collected_at", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, co_platform_to_string (platform), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, post_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoAnalyticsSample sample = { sqlite3_column_int64 (stmt, 0), { 0 } };

      _co_analytics_read_counts (stmt, 1, &sample.counts);
      g_array_append_val (samples, sample);
    }
  if (!finish_rows (store, rc, error))
    return NULL;
  if (samples->len > 0)
    return g_steal_pointer (&samples);
  g_set_error (error, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_NOT_FOUND,
               _("No metrics were collected for post “%s” on %s"), post_id,
               co_platform_display_name (platform));
  return NULL;
}

/* Adds one sample's gain to its day and platform. */
static void
add_gain (GArray             *days,
          GHashTable         *index,
          CoAnalyticsClock   *clock,
          CoPlatform          platform,
          gint64              collected_at,
          const CoEngagement *gained)
{
  CoAnalyticsDay *slot;
  gpointer found;
  gint64 day;
  int hour;

  _co_analytics_local_day (clock, collected_at, &day, &hour);
  if (!g_hash_table_lookup_extended (index, GINT_TO_POINTER ((int)day * CO_N_PLATFORMS + platform),
                                     NULL, &found))
    {
      GDate date;
      CoAnalyticsDay fresh = { 0 };

      g_date_clear (&date, 1);
      g_date_set_julian (&date, (guint32)(day + JULIAN_1970));
      fresh.year = g_date_get_year (&date);
      fresh.month = g_date_get_month (&date);
      fresh.day = g_date_get_day (&date);
      fresh.platform = platform;
      found = GUINT_TO_POINTER (days->len);
      g_array_append_val (days, fresh);
      g_hash_table_insert (index, GINT_TO_POINTER ((int)day * CO_N_PLATFORMS + platform), found);
    }
  slot = &g_array_index (days, CoAnalyticsDay, GPOINTER_TO_UINT (found));
  co_engagement_add (&slot->gained, gained);
}

/* The samples in the order of their key, so that each post's come together,
 * oldest first, and no row is sorted or looked up. */
#define DAILY_SQL(platform)                                                          \
  "SELECT platform, post_id, collected_at, views, likes, comments, shares"          \
  " FROM post_metric_samples WHERE " platform " AND collected_at < ?3"               \
  " ORDER BY platform, post_id, collected_at"

/* The previous sample of the post being read. */
typedef struct
{
  char         *key;
  CoEngagement  counts;
} Previous;

/* Each sample's gain since the post's previous one (all of it for its
 * first), added to its day when it is in the range. */
static void
read_gain (GArray           *days,
           GHashTable       *index,
           CoAnalyticsClock *clock,
           gint64            since,
           Previous         *previous,
           sqlite3_stmt     *stmt)
{
  g_autofree char *key = g_strconcat ((const char *)sqlite3_column_text (stmt, 0), "\n",
                                      (const char *)sqlite3_column_text (stmt, 1), NULL);
  gint64 collected_at = sqlite3_column_int64 (stmt, 2);
  CoEngagement counts, gained;
  CoPlatform platform;

  _co_analytics_read_counts (stmt, 3, &counts);
  gained = counts;
  if (g_strcmp0 (key, previous->key) == 0)
    {
      gained.views -= previous->counts.views;
      gained.likes -= previous->counts.likes;
      gained.comments -= previous->counts.comments;
      gained.shares -= previous->counts.shares;
    }
  g_free (previous->key);
  previous->key = g_steal_pointer (&key);
  previous->counts = counts;
  /* A NULL error: a platform this build does not know is left out. */
  if (collected_at >= since &&
      co_platform_from_string ((const char *)sqlite3_column_text (stmt, 0), &platform, NULL))
    add_gain (days, index, clock, platform, collected_at, &gained);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const CoAnalyticsDay *x = a, *y = b;

  if (x->year != y->year)
    return x->year - y->year;
  if (x->month != y->month)
    return x->month - y->month;
  if (x->day != y->day)
    return x->day - y->day;
  return (int)x->platform - (int)y->platform;
}

/**
 * co_analytics_daily:
 * @store: the library
 * @range: the collections, by the time they were made
 * @zone: the zone of the days
 * @error: return location for a #GError
 *
 * Works out what the posts gained per local day and platform: each
 * collection adds what the post gained since the one before it (all it had,
 * for its first).  Counts a platform took back (a like withdrawn) make a
 * gain negative.
 *
 * Returns: (transfer full) (element-type CoAnalyticsDay) (nullable): the
 *   days, oldest first, then by platform; or %NULL with
 *   %CO_ANALYTICS_ERROR_BAD_RANGE or a #CoStoreError
 */
GArray *
co_analytics_daily (CoStore                 *store,
                    const CoAnalyticsRange  *range,
                    GTimeZone               *zone,
                    GError                 **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (CoAnalyticsDay));
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  g_autoptr(CoAnalyticsClock) clock = NULL;
  Previous previous = { NULL, { 0 } };
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store) && range != NULL && zone != NULL, NULL);

  if (!co_analytics_range_check (range, error))
    return NULL;
  locker = _co_store_lock (store);
  /* The days are sorted at the end. */
  stmt = _co_store_prepare (store, range->platform != NULL ? DAILY_SQL ("platform = ?1")
                                                           : DAILY_SQL ("?1 IS NULL"), error);
  if (stmt == NULL)
    return NULL;
  _co_analytics_bind_range (stmt, range);
  clock = _co_analytics_clock_new (zone);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    read_gain (days, index, clock, range->since != 0 ? range->since : G_MININT64, &previous,
               stmt);
  g_free (previous.key);
  if (!finish_rows (store, rc, error))
    return NULL;
  g_array_sort (days, compare_days);
  return g_steal_pointer (&days);
}
