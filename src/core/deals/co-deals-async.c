/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-deals"

#include "config.h"

#include "co-deals.h"
#include "co-task.h"

/* The _async/_finish pairs of what a view of the deals reads: the blocking
 * calls of co-deals.c and co-deals-report.c, run in a thread. */

typedef struct
{
  gint64 now;
  gint64 horizon;
} DueArgs;

static gpointer
due_work (gpointer       source,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  const DueArgs *args = data;

  return co_deals_list_due (source, args->now, args->horizon, error);
}

/**
 * co_deals_list_due_async:
 * @store: the library
 * @now: the time to compare with (µs since 1970, UTC)
 * @horizon: how far ahead to look, in µs
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_deals_list_due() in a thread.
 */
void
co_deals_list_due_async (CoStore             *store,
                         gint64               now,
                         gint64               horizon,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  DueArgs *args;

  g_return_if_fail (CO_IS_STORE (store) && horizon >= 0);

  args = g_new (DueArgs, 1);
  args->now = now;
  args->horizon = horizon;
  co_task_run_async (store, co_deals_list_due_async, due_work, args, g_free,
                     (GDestroyNotify) g_array_unref, cancellable, callback, user_data);
}

/**
 * co_deals_list_due_finish:
 * @store: the library
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoDealReminder) (nullable): the
 *   reminders, or %NULL with @error set
 */
GArray *
co_deals_list_due_finish (CoStore       *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return co_task_propagate (result, store, co_deals_list_due_async, error);
}

static gpointer
list_work (gpointer       source,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return co_deals_list (source, error);
}

/**
 * co_deals_list_async:
 * @store: the library
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_deals_list() in a thread.
 */
void
co_deals_list_async (CoStore             *store,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (CO_IS_STORE (store));

  co_task_run_async (store, co_deals_list_async, list_work, NULL, NULL,
                     (GDestroyNotify) g_array_unref, cancellable, callback, user_data);
}

/**
 * co_deals_list_finish:
 * @store: the library
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoDeal) (nullable): the deals, or
 *   %NULL with @error set
 */
GArray *
co_deals_list_finish (CoStore       *store,
                      GAsyncResult  *result,
                      GError       **error)
{
  return co_task_propagate (result, store, co_deals_list_async, error);
}
