/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-schedule-private.h"

/*
 * Conflicts and free times.  A post conflicts with another on the same
 * platform less than CO_SCHEDULE_GAP away.  Free times are looked for on a
 * five-minute grid from the wanted time outwards, nearest first, among the
 * posts of a window around it that grows until enough are found.
 */

#define FIRST_WINDOW (6 * G_TIME_SPAN_HOUR)
#define LAST_WINDOW (400 * G_TIME_SPAN_DAY)

static CoStore *
get_store (CoSchedule *self)
{
  return co_drafts_get_store (co_schedule_get_drafts (self));
}

gboolean
_co_schedule_find_conflict (CoSchedule  *self,
                            CoPlatform   platform,
                            gint64       at,
                            gint64       ignore_draft,
                            gint64      *out_draft,
                            gint64      *out_at,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _co_store_prepare (get_store (self),
                            "SELECT draft_id, at FROM schedule_entries WHERE platform = ?1"
                            " AND at > ?2 - ?4 AND at < ?2 + ?4 AND draft_id <> ?3"
                            " ORDER BY abs (at - ?2), at LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, co_platform_to_string (platform), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_int64 (stmt, 3, ignore_draft);
  sqlite3_bind_int64 (stmt, 4, CO_SCHEDULE_GAP);
  rc = sqlite3_step (stmt);
  *out_draft = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *out_at = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 1) : 0;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  _co_store_set_error (get_store (self), error, _("reading the schedule"));
  return FALSE;
}

/* The posts on @platform that can block a time in [from, to], in order. */
static GArray *
load_taken (CoSchedule  *self,
            CoPlatform   platform,
            gint64       from,
            gint64       to,
            gint64       ignore_draft,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = _co_store_prepare (get_store (self),
                            "SELECT at FROM schedule_entries WHERE platform = ?1"
                            " AND at > ?2 AND at < ?3 AND draft_id <> ?4 ORDER BY at", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, co_platform_to_string (platform), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, from - CO_SCHEDULE_GAP);
  sqlite3_bind_int64 (stmt, 3, to + CO_SCHEDULE_GAP);
  sqlite3_bind_int64 (stmt, 4, ignore_draft);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (taken, at);
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (get_store (self), error, _("reading the schedule"));
      return NULL;
    }
  return g_steal_pointer (&taken);
}

/* Whether no post in @taken (sorted) is less than the gap from @at. */
static gboolean
is_free (GArray *taken,
         gint64  at)
{
  guint low = 0, high = taken->len;

  /* The first post after at - gap. */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (taken, gint64, middle) <= at - CO_SCHEDULE_GAP)
        low = middle + 1;
      else
        high = middle;
    }
  return low == taken->len || g_array_index (taken, gint64, low) >= at + CO_SCHEDULE_GAP;
}

static gint64
grid_floor (gint64 at)
{
  gint64 floor = at / CO_SCHEDULE_GAP * CO_SCHEDULE_GAP;

  return floor > at ? floor - CO_SCHEDULE_GAP : floor;
}

/* Walks the grid outward from @around, nearest first (the earlier of two
 * as near), keeping free future times within @window of it. */
static void
scan_grid (GArray *taken,
           gint64  around,
           gint64  now,
           gint64  window,
           guint   n_max,
           GArray *found)
{
  gint64 down = grid_floor (MAX (around, now));
  gint64 up = down + CO_SCHEDULE_GAP;

  if (around <= now)
    down = G_MININT64;
  while (found->len < n_max)
    {
      gboolean down_ok = down > now && around - down <= window;
      gboolean up_ok = up - around <= window;
      gint64 pick;

      if (!down_ok && !up_ok)
        break;
      if (down_ok && (!up_ok || around - down <= up - around))
        {
          pick = down;
          down -= CO_SCHEDULE_GAP;
        }
      else
        {
          pick = up;
          up += CO_SCHEDULE_GAP;
        }
      if (is_free (taken, pick))
        g_array_append_val (found, pick);
    }
}

GArray *
_co_schedule_free_times (CoSchedule  *self,
                         CoPlatform   platform,
                         gint64       around,
                         gint64       ignore_draft,
                         guint        n_max,
                         GError     **error)
{
  gint64 now = co_drafts_now (co_schedule_get_drafts (self));
  gint64 centre = MAX (around, now);

  for (gint64 window = FIRST_WINDOW; ; window *= 4)
    {
      g_autoptr(GArray) taken = load_taken (self, platform, centre - window, centre + window,
                                            ignore_draft, error);
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (taken == NULL)
        return NULL;
      scan_grid (taken, around, now, window + (centre - around), n_max, found);
      if (found->len >= n_max || window >= LAST_WINDOW)
        return g_steal_pointer (&found);
    }
}
