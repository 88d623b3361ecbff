/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-schedule"

#include "config.h"

#include "co-schedule-private.h"
#include "co-task.h"

/* The calendar's calls that may wait on the database, as _async/_finish
 * pairs for the desktop, on the drafts' one way of running them. */

typedef struct
{
  gint64             draft_id;
  CoPlatform         platform;
  gboolean           by_platform;
  gint64             at;
  gint64             to;
  char              *zone_id;
  GTimeZone         *zone;
  guint              n_max;
  CoBestTimesSource  source;
} Args;

static void
args_free (gpointer data)
{
  Args *args = data;

  g_free (args->zone_id);
  g_clear_pointer (&args->zone, g_time_zone_unref);
  g_free (args);
}

static gpointer
add_work (gpointer       source,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Args *args = data;

  return co_schedule_add (source, args->draft_id, args->platform, args->at, args->zone_id, error);
}

static gpointer
move_work (gpointer       source,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Args *args = data;

  return co_schedule_move (source, args->draft_id, args->platform, args->at, args->zone_id,
                           error);
}

static Args *
time_args (gint64       draft_id,
           CoPlatform   platform,
           gint64       at,
           const char  *zone)
{
  Args *args = g_new0 (Args, 1);

  args->draft_id = draft_id;
  args->platform = platform;
  args->at = at;
  args->zone_id = g_strdup (zone);
  return args;
}

/**
 * co_schedule_add_async:
 * @self: a schedule
 * @draft_id: a draft
 * @platform: a platform it targets
 * @at: when (µs since 1970, UTC)
 * @zone: (nullable): the zone it was entered in
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_schedule_add() in a thread.
 */
void
co_schedule_add_async (CoSchedule          *self,
                       gint64               draft_id,
                       CoPlatform           platform,
                       gint64               at,
                       const char          *zone,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CO_IS_SCHEDULE (self));

  co_task_run_async (self, co_schedule_add_async, add_work,
                     time_args (draft_id, platform, at, zone), args_free, g_object_unref,
                     cancellable, callback, user_data);
}

/**
 * co_schedule_add_finish:
 * @self: a schedule
 * @result: the result
 * @error: return location for the error co_schedule_add() gives
 *
 * Returns: (transfer full) (nullable): the entry
 */
CoScheduleEntry *
co_schedule_add_finish (CoSchedule    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return co_task_propagate (result, self, co_schedule_add_async, error);
}

/**
 * co_schedule_move_async:
 * @self: a schedule
 * @draft_id: a draft
 * @platform: the platform of its entry
 * @at: the new time (µs since 1970, UTC)
 * @zone: (nullable): the zone it was entered in
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_schedule_move() in a thread.
 */
void
co_schedule_move_async (CoSchedule          *self,
                        gint64               draft_id,
                        CoPlatform           platform,
                        gint64               at,
                        const char          *zone,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CO_IS_SCHEDULE (self));

  co_task_run_async (self, co_schedule_move_async, move_work,
                     time_args (draft_id, platform, at, zone), args_free, g_object_unref,
                     cancellable, callback, user_data);
}

/**
 * co_schedule_move_finish:
 * @self: a schedule
 * @result: the result
 * @error: return location for the error co_schedule_move() gives
 *
 * Returns: (transfer full) (nullable): the entry
 */
CoScheduleEntry *
co_schedule_move_finish (CoSchedule    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return co_task_propagate (result, self, co_schedule_move_async, error);
}

static gpointer
range_work (gpointer       source,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Args *args = data;

  return co_schedule_list_range (source, args->at, args->to,
                                 args->by_platform ? &args->platform : NULL, error);
}

/**
 * co_schedule_list_range_async:
 * @self: a schedule
 * @from: the first instant, included
 * @to: the last instant, excluded
 * @platform: (nullable): only this platform
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_schedule_list_range() in a thread.
 */
void
co_schedule_list_range_async (CoSchedule          *self,
                              gint64               from,
                              gint64               to,
                              const CoPlatform    *platform,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Args *args = g_new0 (Args, 1);

  g_return_if_fail (CO_IS_SCHEDULE (self));

  args->at = from;
  args->to = to;
  args->by_platform = platform != NULL;
  args->platform = platform != NULL ? *platform : CO_PLATFORM_X;
  co_task_run_async (self, co_schedule_list_range_async, range_work, args, args_free,
                     g_object_unref, cancellable, callback, user_data);
}

/**
 * co_schedule_list_range_finish:
 * @self: a schedule
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of #CoScheduleEntry
 */
GListModel *
co_schedule_list_range_finish (CoSchedule    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return co_task_propagate (result, self, co_schedule_list_range_async, error);
}

static gpointer
due_work (gpointer       source,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return co_schedule_list_due (source, error);
}

/**
 * co_schedule_list_due_async:
 * @self: a schedule
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_schedule_list_due() in a thread.
 */
void
co_schedule_list_due_async (CoSchedule          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CO_IS_SCHEDULE (self));

  co_task_run_async (self, co_schedule_list_due_async, due_work, NULL, NULL, g_object_unref,
                     cancellable, callback, user_data);
}

/**
 * co_schedule_list_due_finish:
 * @self: a schedule
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of #CoScheduleEntry
 */
GListModel *
co_schedule_list_due_finish (CoSchedule    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return co_task_propagate (result, self, co_schedule_list_due_async, error);
}

typedef struct
{
  GArray            *suggestions;
  CoBestTimesSource  source;
} Suggested;

static void
suggested_free (gpointer data)
{
  Suggested *suggested = data;

  g_array_unref (suggested->suggestions);
  g_free (suggested);
}

static gpointer
suggest_work (gpointer       source,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Args *args = data;
  g_autoptr(GArray) found = NULL;
  Suggested *suggested;

  found = co_schedule_suggest (source, args->platform, args->zone, args->n_max, &args->source,
                               error);
  if (found == NULL)
    return NULL;
  suggested = g_new0 (Suggested, 1);
  suggested->suggestions = g_steal_pointer (&found);
  suggested->source = args->source;
  return suggested;
}

/**
 * co_schedule_suggest_async:
 * @self: a schedule
 * @platform: the platform
 * @zone: the creator's zone
 * @n_max: how many times at most
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_schedule_suggest() in a thread.
 */
void
co_schedule_suggest_async (CoSchedule          *self,
                           CoPlatform           platform,
                           GTimeZone           *zone,
                           guint                n_max,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Args *args = g_new0 (Args, 1);

  g_return_if_fail (CO_IS_SCHEDULE (self));

  args->platform = platform;
  args->zone = g_time_zone_ref (zone);
  args->n_max = n_max;
  co_task_run_async (self, co_schedule_suggest_async, suggest_work, args, args_free,
                     suggested_free, cancellable, callback, user_data);
}

/**
 * co_schedule_suggest_finish:
 * @self: a schedule
 * @result: the result
 * @out_source: (out) (optional): where the times come from
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoTimeSuggestion) (nullable): the
 *   suggestions
 */
GArray *
co_schedule_suggest_finish (CoSchedule         *self,
                            GAsyncResult       *result,
                            CoBestTimesSource  *out_source,
                            GError            **error)
{
  Suggested *suggested = co_task_propagate (result, self, co_schedule_suggest_async, error);
  GArray *suggestions;

  if (suggested == NULL)
    return NULL;
  if (out_source != NULL)
    *out_source = suggested->source;
  suggestions = g_array_ref (suggested->suggestions);
  suggested_free (suggested);
  return suggestions;
}
