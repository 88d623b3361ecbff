/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-schedule-private.h"

/*
 * Reading the calendar: a range of it (a month or week view), and the posts
 * that are due.  A post is due when its time has come, its draft is
 * Scheduled and it was not published on that platform yet.  The setting
 * below remembers until when a running CreatorOps watched the calendar, so
 * posts that came due while it was closed can be told apart on start.
 */

#define WATCHED_KEY "schedule-watched-until"

static CoStore *
get_store (CoSchedule *self)
{
  return co_drafts_get_store (co_schedule_get_drafts (self));
}

static GListModel *
collect (CoSchedule    *self,
         sqlite3_stmt  *stmt,
         gint64         watched_until,
         GError       **error)
{
  g_autoptr(GListStore) entries = g_list_store_new (CO_TYPE_SCHEDULE_ENTRY);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _co_schedule_entry_new_from_row (stmt, watched_until));
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (get_store (self), error, _("reading the schedule"));
      return NULL;
    }
  /* One splice, not one change signal per post. */
  g_list_store_splice (entries, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (g_steal_pointer (&entries));
}

/**
 * co_schedule_list_range:
 * @self: a schedule
 * @from: the first instant (µs since 1970, UTC), included
 * @to: the last instant, excluded
 * @platform: (nullable): only this platform, or %NULL for all
 * @error: return location for a #GError
 *
 * Lists the posts of a stretch of the calendar (co_schedule_month_range(),
 * co_schedule_week_range()), in time order, published ones included.
 *
 * Returns: (transfer full) (nullable): a #GListModel of #CoScheduleEntry
 */
GListModel *
co_schedule_list_range (CoSchedule        *self,
                        gint64             from,
                        gint64             to,
                        const CoPlatform  *platform,
                        GError           **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_SCHEDULE (self), NULL);

  locker = _co_store_lock (get_store (self));
  stmt = _co_store_prepare (get_store (self), "SELECT " CO_SCHEDULE_ENTRY_COLUMNS
                            CO_SCHEDULE_ENTRY_FROM " WHERE s.at >= ?1 AND s.at < ?2"
                            " AND (?3 IS NULL OR s.platform = ?3) ORDER BY s.at, s.platform",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  if (platform != NULL)
    sqlite3_bind_text (stmt, 3, co_platform_to_string (*platform), -1, SQLITE_STATIC);
  return collect (self, stmt, G_MAXINT64, error);
}

static gint64
watched_until (CoSchedule *self)
{
  g_autofree char *value = co_store_dup_setting (get_store (self), WATCHED_KEY);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

/**
 * co_schedule_list_due:
 * @self: a schedule
 * @error: return location for a #GError
 *
 * Lists the posts that are due: their time has come by the drafts' clock,
 * their draft is Scheduled and they were not published yet; oldest first.
 * Each says whether it came due while no CreatorOps was watching the
 * calendar (co_schedule_entry_get_unwatched()): the app calls this on start,
 * then co_schedule_mark_watched().
 *
 * Returns: (transfer full) (nullable): a #GListModel of #CoScheduleEntry
 */
GListModel *
co_schedule_list_due (CoSchedule  *self,
                      GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_SCHEDULE (self), NULL);

  locker = _co_store_lock (get_store (self));
  stmt = _co_store_prepare (get_store (self), "SELECT " CO_SCHEDULE_ENTRY_COLUMNS
                            CO_SCHEDULE_ENTRY_FROM " WHERE s.at <= ?1 AND d.stage = 'scheduled'"
                            " AND v.published_at IS NULL ORDER BY s.at, s.platform", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, co_drafts_now (co_schedule_get_drafts (self)));
  return collect (self, stmt, watched_until (self), error);
}

/**
 * co_schedule_mark_watched:
 * @self: a schedule
 * @error: return location for a #GError
 *
 * Records that a running CreatorOps has seen the calendar up to now, so
 * that posts coming due later and found on the next start count as having
 * come due while it was closed.
 *
 * Returns: %TRUE on success
 */
gboolean
co_schedule_mark_watched (CoSchedule  *self,
                          GError     **error)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (CO_IS_SCHEDULE (self), FALSE);

  now = g_strdup_printf ("%" G_GINT64_FORMAT, co_drafts_now (co_schedule_get_drafts (self)));
  return co_store_set_setting (get_store (self), WATCHED_KEY, now, error);
}
