/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-analytics"

#include "config.h"

#include "co-analytics-private.h"

/*
 * All of one view of the analytics, read at once: the report of a range and
 * of the range before it, the daily gains and the top posts.  The app reads
 * it off the main thread, since a large library takes a while to add up.
 */

/** co_analytics_view_free: @view: (transfer full) (nullable): a view */
void
co_analytics_view_free (CoAnalyticsView *view)
{
  if (view == NULL)
    return;
  g_clear_pointer (&view->days, g_array_unref);
  g_clear_pointer (&view->posts, g_array_unref);
  g_free (view);
}

static CoAnalyticsView *
view_new (const CoAnalyticsRange *range)
{
  CoAnalyticsView *view = g_new0 (CoAnalyticsView, 1);

  view->range = *range;
  if (range->platform != NULL)
    {
      view->platform = *range->platform;
      view->range.platform = &view->platform;
    }
  return view;
}

/**
 * co_analytics_view_load:
 * @store: the library
 * @range: the posts by the time they went out, the gains by the time they were collected
 * @zone: the zone of hours, weekdays and days
 * @n_posts: how many of the most viewed posts to list, or 0 for all
 * @error: return location for a #GError
 *
 * Reads co_analytics_report() of @range and of the range before it (when
 * @range has both ends), co_analytics_daily() and co_analytics_list_posts().
 *
 * Returns: (transfer full) (nullable): the view, or %NULL with
 *   %CO_ANALYTICS_ERROR_BAD_RANGE or a #CoStoreError
 */
CoAnalyticsView *
co_analytics_view_load (CoStore                 *store,
                        const CoAnalyticsRange  *range,
                        GTimeZone               *zone,
                        guint                    n_posts,
                        GError                 **error)
{
  g_autoptr(CoAnalyticsView) view = NULL;
  CoAnalyticsRange previous;

  g_return_val_if_fail (CO_IS_STORE (store) && range != NULL && zone != NULL, NULL);

  view = view_new (range);
  if (!co_analytics_report (store, &view->range, zone, &view->report, error))
    return NULL;
  view->has_previous = co_analytics_range_previous (&view->range, &previous);
  if (view->has_previous &&
      !co_analytics_report (store, &previous, zone, &view->previous, error))
    return NULL;
  view->days = co_analytics_daily (store, &view->range, zone, error);
  if (view->days == NULL)
    return NULL;
  view->posts = co_analytics_list_posts (store, &view->range, n_posts, error);
  return view->posts != NULL ? g_steal_pointer (&view) : NULL;
}

typedef struct
{
  CoAnalyticsView *range;   /* only its range, copied */
  GTimeZone       *zone;
  guint            n_posts;
} LoadData;

static void
load_data_free (LoadData *data)
{
  co_analytics_view_free (data->range);
  g_time_zone_unref (data->zone);
  g_free (data);
}

static void
load_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  CoAnalyticsView *view = co_analytics_view_load (source, &data->range->range, data->zone,
                                                  data->n_posts, &error);

  if (view == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, view, (GDestroyNotify)co_analytics_view_free);
}

/**
 * co_analytics_view_load_async:
 * @store: the library
 * @range: as for co_analytics_view_load(); copied
 * @zone: as for co_analytics_view_load()
 * @n_posts: as for co_analytics_view_load()
 * @cancellable: (nullable): cancels the reading
 * @callback: called when the view is read
 * @user_data: for @callback
 *
 * co_analytics_view_load() in a worker thread.
 */
void
co_analytics_view_load_async (CoStore                 *store,
                              const CoAnalyticsRange  *range,
                              GTimeZone               *zone,
                              guint                    n_posts,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (CO_IS_STORE (store) && range != NULL && zone != NULL);

  data = g_new0 (LoadData, 1);
  data->range = view_new (range);
  data->zone = g_time_zone_ref (zone);
  data->n_posts = n_posts;
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_analytics_view_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * co_analytics_view_load_finish:
 * @store: the library
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the view, or %NULL with the error of
 *   co_analytics_view_load(), or %G_IO_ERROR_CANCELLED
 */
CoAnalyticsView *
co_analytics_view_load_finish (CoStore       *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == co_analytics_view_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
