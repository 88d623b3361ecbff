/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-task"

#include "config.h"

#include "co-task.h"

/* The two ends every _async/_finish pair of the libraries shares: a worker
 * hands back what the blocking call returned, and _finish checks that the
 * result is its own before it takes the value. */

/**
 * co_task_return:
 * @task: the task of a worker thread
 * @result: (transfer full) (nullable): what the blocking call returned
 * @destroy: (nullable): frees @result when nobody takes it
 * @error: (transfer full) (nullable): why it failed
 *
 * Returns @error when it is set, else @result (which may be %NULL, for
 * calls where nothing found is no failure).
 */
void
co_task_return (GTask          *task,
                gpointer        result,
                GDestroyNotify  destroy,
                GError         *error)
{
  g_return_if_fail (G_IS_TASK (task));

  if (error != NULL)
    {
      if (result != NULL && destroy != NULL)
        destroy (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, destroy);
}

/**
 * co_task_propagate:
 * @result: the result given to an _async call's callback
 * @source_object: (nullable): the object the call was made on
 * @source_tag: the _async function
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the value co_task_return() handed
 *   back, or %NULL with @error set (%G_IO_ERROR_CANCELLED when the call
 *   was cancelled)
 */
gpointer
co_task_propagate (GAsyncResult  *result,
                   gpointer       source_object,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
