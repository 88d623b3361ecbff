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

typedef struct
{
  CoTaskWork     work;
  gpointer       data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  if (call->data_free != NULL)
    call->data_free (call->data);
  g_free (call);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;
  result = call->work (source, call->data, cancellable, &error);
  g_assert (result != NULL || error != NULL);
  co_task_return (task, result, call->result_free, error);
}

/**
 * co_task_run_async:
 * @source: the object the call is made on
 * @source_tag: the public _async function, checked by co_task_propagate()
 * @work: the blocking call, run in a thread
 * @data: (transfer full) (nullable): a copy of its inputs
 * @data_free: (nullable): frees @data
 * @result_free: (nullable): frees a result nobody takes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context
 * @user_data: closure
 *
 * The one way an _async() of the libraries runs a blocking call: in a
 * thread, on a copy of its inputs.  The store's lock makes the calls safe
 * from any thread.  The caller's _finish() takes the value with
 * co_task_propagate().
 */
void
co_task_run_async (gpointer             source,
                   gpointer             source_tag,
                   CoTaskWork           work,
                   gpointer             data,
                   GDestroyNotify       data_free,
                   GDestroyNotify       result_free,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  call->work = work;
  call->data = data;
  call->data_free = data_free;
  call->result_free = result_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, call_free);
  g_task_run_in_thread (task, run_thread);
}
