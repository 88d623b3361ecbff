/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-schedule-private.h"

/*
 * The calendar: one entry per draft and platform, stored in UTC with the
 * zone it was entered in.  An entry exists only for a platform the draft
 * targets (the table's foreign key), a Saved draft has none, a Scheduled
 * draft keeps one for every platform, and two entries on one platform are
 * never less than five minutes apart (checked here with suggestions, and
 * by a trigger behind it).  Changes go through the drafts' edit
 * transaction, so a published draft's entries cannot change either.
 */

struct _CoSchedule
{
  GObject   parent_instance;

  CoDrafts *drafts;
};

G_DEFINE_FINAL_TYPE (CoSchedule, co_schedule, G_TYPE_OBJECT)

static CoStore *
get_store (CoSchedule *self)
{
  return co_drafts_get_store (self->drafts);
}

static void
co_schedule_dispose (GObject *object)
{
  CoSchedule *self = (CoSchedule *)object;

  g_clear_object (&self->drafts);

  G_OBJECT_CLASS (co_schedule_parent_class)->dispose (object);
}

static void
co_schedule_class_init (CoScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_schedule_dispose;
}

static void
co_schedule_init (CoSchedule *self)
{
}

static CoScheduleEntry *
load_entry (CoSchedule  *self,
            gint64       draft_id,
            CoPlatform   platform,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _co_store_prepare (get_store (self), "SELECT " CO_SCHEDULE_ENTRY_COLUMNS
                            CO_SCHEDULE_ENTRY_FROM " WHERE s.draft_id = ? AND s.platform = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  sqlite3_bind_text (stmt, 2, co_platform_to_string (platform), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _co_schedule_entry_new_from_row (stmt, G_MAXINT64);
  if (rc == SQLITE_DONE)
    g_set_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_NOT_FOUND,
                 _("Draft %lld has no time on %s"), (long long)draft_id,
                 co_platform_display_name (platform));
  else
    _co_store_set_error (get_store (self), error, _("reading the schedule"));
  return NULL;
}

static gboolean
is_target (CoSchedule *self,
           gint64      draft_id,
           CoPlatform  platform)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* A prepare failure is logged by the store and reads as "not a target". */
  stmt = _co_store_prepare (get_store (self), "SELECT 1 FROM draft_variants"
                            " WHERE draft_id = ? AND platform = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  sqlite3_bind_text (stmt, 2, co_platform_to_string (platform), -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* A draft gets a time on a platform it targets once it is a Draft. */
static gboolean
check_schedulable (CoSchedule  *self,
                   gint64       draft_id,
                   CoPlatform   platform,
                   GError     **error)
{
  CoDraftStage stage;

  if (!_co_drafts_get_stage (self->drafts, draft_id, &stage, error))
    return FALSE;
  if (stage == CO_DRAFT_STAGE_SAVED)
    {
      g_set_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_WRONG_STAGE,
                   _("Draft %lld is Saved: move it to Draft before giving it a time"),
                   (long long)draft_id);
      return FALSE;
    }
  if (!is_target (self, draft_id, platform))
    {
      g_set_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_NOT_A_TARGET,
                   _("Draft %lld does not target %s: add the platform to it first"),
                   (long long)draft_id, co_platform_display_name (platform));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_future (CoSchedule  *self,
              gint64       draft_id,
              gint64       at,
              GTimeZone   *zone,
              GError     **error)
{
  gint64 now = co_drafts_now (self->drafts);
  g_autofree char *when = NULL;
  g_autofree char *now_text = NULL;

  if (at > now)
    return TRUE;
  when = co_schedule_time_format (at, zone);
  now_text = co_schedule_time_format (now, zone);
  g_set_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_PAST,
               _("Draft %lld cannot be scheduled for %s: that is in the past (it is now %s)"),
               (long long)draft_id, when, now_text);
  return FALSE;
}

static char *
describe_free_times (GArray    *times,
                     GTimeZone *zone)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < times->len; i++)
    {
      g_autofree char *one = co_schedule_time_format (g_array_index (times, gint64, i), zone);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", one);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
check_free (CoSchedule  *self,
            gint64       draft_id,
            CoPlatform   platform,
            gint64       at,
            GTimeZone   *zone,
            GError     **error)
{
  g_autoptr(GArray) free_times = NULL;
  g_autofree char *when = NULL, *other_when = NULL, *suggestions = NULL;
  gint64 other = 0, other_at = 0;

  if (!_co_schedule_find_conflict (self, platform, at, draft_id, &other, &other_at, error))
    return FALSE;
  if (other == 0)
    return TRUE;
  free_times = _co_schedule_free_times (self, platform, at, draft_id, 3, error);
  if (free_times == NULL)
    return FALSE;
  when = co_schedule_time_format (at, zone);
  other_when = co_schedule_time_format (other_at, zone);
  suggestions = describe_free_times (free_times, zone);
  g_set_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_CONFLICT,
               _("Draft %lld cannot go on %s at %s: draft %lld is on %s at %s, less than %d "
                 "minutes apart. The nearest free times are %s"),
               (long long)draft_id, co_platform_display_name (platform), when, (long long)other,
               co_platform_display_name (platform), other_when, CO_SCHEDULE_GAP_MINUTES,
               suggestions);
  return FALSE;
}

static gboolean
write_entry (CoSchedule  *self,
             gint64       draft_id,
             CoPlatform   platform,
             gint64       at,
             GTimeZone   *zone,
             gboolean     existing,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (existing)
    stmt = _co_store_prepare (get_store (self), "UPDATE schedule_entries SET at = ?1, zone = ?2,"
                              " updated_at = ?3 WHERE draft_id = ?4 AND platform = ?5", error);
  else
    stmt = _co_store_prepare (get_store (self), "INSERT INTO schedule_entries (at, zone,"
                              " created_at, updated_at, draft_id, platform)"
                              " VALUES (?1, ?2, ?3, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, at);
  sqlite3_bind_text (stmt, 2, g_time_zone_get_identifier (zone), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, co_drafts_now (self->drafts));
  sqlite3_bind_int64 (stmt, 4, draft_id);
  sqlite3_bind_text (stmt, 5, co_platform_to_string (platform), -1, SQLITE_STATIC);
  return _co_store_step_done (get_store (self), stmt, error);
}

/* An add needs no entry yet; a move needs one. */
static gboolean
check_existing (CoSchedule  *self,
                gint64       draft_id,
                CoPlatform   platform,
                gboolean     existing,
                GTimeZone   *zone,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CoScheduleEntry) entry = load_entry (self, draft_id, platform, &local_error);
  g_autofree char *when = NULL;

  if (existing && entry == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing || entry == NULL)
    return TRUE;
  when = co_schedule_time_format (co_schedule_entry_get_at (entry), zone);
  g_set_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_EXISTS,
               _("Draft %lld already has a time on %s, %s: move it instead"),
               (long long)draft_id, co_platform_display_name (platform), when);
  return FALSE;
}

typedef struct
{
  CoSchedule *self;
  CoPlatform  platform;
  gint64      at;
  GTimeZone  *zone;
  gboolean    existing;
} TimeChange;

static gboolean
apply_time (CoDrafts  *drafts,
            gint64     draft_id,
            gpointer   data,
            GError   **error)
{
  TimeChange *change = data;
  CoSchedule *self = change->self;

  return check_schedulable (self, draft_id, change->platform, error) &&
         check_existing (self, draft_id, change->platform, change->existing, change->zone,
                         error) &&
         check_future (self, draft_id, change->at, change->zone, error) &&
         check_free (self, draft_id, change->platform, change->at, change->zone, error) &&
         write_entry (self, draft_id, change->platform, change->at, change->zone,
                      change->existing, error);
}

static CoScheduleEntry *
set_time (CoSchedule  *self,
          gint64       draft_id,
          CoPlatform   platform,
          gint64       at,
          const char  *zone_id,
          gboolean     existing,
          GError     **error)
{
  g_autoptr(GTimeZone) zone = co_schedule_zone_new (zone_id, error);
  g_autoptr(GRecMutexLocker) locker = NULL;
  TimeChange change = { self, platform, at, zone, existing };

  if (zone == NULL)
    return NULL;
  /* Held across both steps, so the entry read is the one written. */
  locker = _co_store_lock (get_store (self));
  if (!_co_drafts_edit (self->drafts, draft_id, apply_time, &change, error))
    return NULL;
  return load_entry (self, draft_id, platform, error);
}

/** co_best_times_source_to_string: @source: a source  Returns: "history" or "defaults" */
const char *
co_best_times_source_to_string (CoBestTimesSource source)
{
  return source == CO_BEST_TIMES_HISTORY ? "history" : "defaults";
}

/**
 * co_schedule_new:
 * @drafts: the drafts to schedule
 *
 * Returns: (transfer full): the calendar of @drafts' library, on its clock
 */
CoSchedule *
co_schedule_new (CoDrafts *drafts)
{
  CoSchedule *self;

  g_return_val_if_fail (CO_IS_DRAFTS (drafts), NULL);

  self = g_object_new (CO_TYPE_SCHEDULE, NULL);
  self->drafts = g_object_ref (drafts);
  return self;
}

/** co_schedule_get_drafts: @self: a schedule  Returns: (transfer none): its drafts */
CoDrafts *
co_schedule_get_drafts (CoSchedule *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE (self), NULL);
  return self->drafts;
}

/**
 * co_schedule_add:
 * @self: a schedule
 * @draft_id: a draft in stage Draft or Scheduled
 * @platform: a platform the draft targets
 * @at: when to post (µs since 1970, UTC); see co_schedule_time_parse()
 * @zone: (nullable): the IANA zone the time was entered in, %NULL for local
 * @error: return location for a #GError
 *
 * Gives a draft a time on one of its platforms.  The time must be in the
 * future and at least five minutes from every other post on @platform.
 *
 * Returns: (transfer full) (nullable): the entry; or %NULL with a
 *   %CO_SCHEDULE_ERROR (%CO_SCHEDULE_ERROR_CONFLICT names the nearest three
 *   free times) or %CO_DRAFT_ERROR, and nothing changed
 */
CoScheduleEntry *
co_schedule_add (CoSchedule  *self,
                 gint64       draft_id,
                 CoPlatform   platform,
                 gint64       at,
                 const char  *zone,
                 GError     **error)
{
  g_return_val_if_fail (CO_IS_SCHEDULE (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);

  return set_time (self, draft_id, platform, at, zone, FALSE, error);
}

/**
 * co_schedule_move:
 * @self: a schedule
 * @draft_id: a draft with a time on @platform
 * @platform: the platform
 * @at: the new time (µs since 1970, UTC)
 * @zone: (nullable): the IANA zone it was entered in, %NULL for local
 * @error: return location for a #GError
 *
 * Moves a post to another time, with the checks of co_schedule_add().
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL with @error set
 *   and nothing changed
 */
CoScheduleEntry *
co_schedule_move (CoSchedule  *self,
                  gint64       draft_id,
                  CoPlatform   platform,
                  gint64       at,
                  const char  *zone,
                  GError     **error)
{
  g_return_val_if_fail (CO_IS_SCHEDULE (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);

  return set_time (self, draft_id, platform, at, zone, TRUE, error);
}

typedef struct
{
  CoSchedule *self;
  CoPlatform  platform;
} EntryRef;

static gboolean
delete_entry (CoDrafts  *drafts,
              gint64     draft_id,
              gpointer   data,
              GError   **error)
{
  CoSchedule *self = ((EntryRef *)data)->self;
  CoPlatform platform = ((EntryRef *)data)->platform;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(CoScheduleEntry) entry = load_entry (self, draft_id, platform, error);
  CoDraftStage stage;

  if (entry == NULL || !_co_drafts_get_stage (self->drafts, draft_id, &stage, error))
    return FALSE;
  if (stage == CO_DRAFT_STAGE_SCHEDULED)
    {
      g_set_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_WRONG_STAGE,
                   _("Draft %lld is Scheduled, so every platform keeps its time: move the draft "
                     "back to Draft first, or stop targeting %s"),
                   (long long)draft_id, co_platform_display_name (platform));
      return FALSE;
    }
  stmt = _co_store_prepare (get_store (self), "DELETE FROM schedule_entries"
                            " WHERE draft_id = ? AND platform = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  sqlite3_bind_text (stmt, 2, co_platform_to_string (platform), -1, SQLITE_STATIC);
  return _co_store_step_done (get_store (self), stmt, error);
}

/**
 * co_schedule_cancel:
 * @self: a schedule
 * @draft_id: a draft in stage Draft with a time on @platform
 * @platform: the platform
 * @error: return location for a #GError
 *
 * Takes a draft's time on a platform away.  A Scheduled draft keeps a time
 * for each of its platforms, so this is refused for one
 * (%CO_SCHEDULE_ERROR_WRONG_STAGE).
 *
 * Returns: %TRUE on success; nothing changes on failure
 */
gboolean
co_schedule_cancel (CoSchedule  *self,
                    gint64       draft_id,
                    CoPlatform   platform,
                    GError     **error)
{
  EntryRef entry = { self, platform };

  g_return_val_if_fail (CO_IS_SCHEDULE (self), FALSE);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);

  return _co_drafts_edit (self->drafts, draft_id, delete_entry, &entry, error);
}

/**
 * co_schedule_get:
 * @self: a schedule
 * @draft_id: a draft
 * @platform: a platform
 * @error: return location for %CO_SCHEDULE_ERROR_NOT_FOUND or a store error
 *
 * Returns: (transfer full) (nullable): the draft's entry on @platform
 */
CoScheduleEntry *
co_schedule_get (CoSchedule  *self,
                 gint64       draft_id,
                 CoPlatform   platform,
                 GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_SCHEDULE (self), NULL);

  locker = _co_store_lock (get_store (self));
  return load_entry (self, draft_id, platform, error);
}

/**
 * co_schedule_find_free_times:
 * @self: a schedule
 * @platform: the platform
 * @around: the time wanted (µs since 1970, UTC)
 * @ignore_draft: a draft whose own posts do not count (the one being
 *   moved), or 0
 * @n_max: how many times at most
 * @error: return location for a #GError
 *
 * Finds the free times nearest to @around on a five-minute grid: in the
 * future, and at least five minutes from every post on @platform.  Nearest
 * first; of two as near, the earlier.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the times
 */
GArray *
co_schedule_find_free_times (CoSchedule  *self,
                             CoPlatform   platform,
                             gint64       around,
                             gint64       ignore_draft,
                             guint        n_max,
                             GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_SCHEDULE (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);

  locker = _co_store_lock (get_store (self));
  return _co_schedule_free_times (self, platform, around, ignore_draft, n_max, error);
}

/**
 * co_schedule_find_conflict:
 * @self: a schedule
 * @platform: the platform
 * @at: the time wanted (µs since 1970, UTC)
 * @ignore_draft: a draft whose own posts do not count (the one being
 *   moved), or 0
 * @error: return location for a #GError
 *
 * Tells, before anything is written, whether a post at @at would conflict:
 * what co_schedule_add() and co_schedule_move() would refuse with
 * %CO_SCHEDULE_ERROR_CONFLICT.  A calendar asks this while a time is picked.
 *
 * Returns: (transfer full) (nullable): the nearest post on @platform less
 *   than five minutes from @at; %NULL without @error set when the time is
 *   free, or with it set when the schedule cannot be read
 */
CoScheduleEntry *
co_schedule_find_conflict (CoSchedule  *self,
                           CoPlatform   platform,
                           gint64       at,
                           gint64       ignore_draft,
                           GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 other = 0, other_at = 0;

  g_return_val_if_fail (CO_IS_SCHEDULE (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);

  locker = _co_store_lock (get_store (self));
  if (!_co_schedule_find_conflict (self, platform, at, ignore_draft, &other, &other_at, error)
      || other == 0)
    return NULL;
  return load_entry (self, other, platform, error);
}
