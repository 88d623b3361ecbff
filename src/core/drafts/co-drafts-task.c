/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include "co-drafts-private.h"

/*
 * The _async/_finish pairs of drafts and schedule: the work is the blocking
 * call itself, run in a thread on a copy of its inputs.  The store's lock
 * makes the calls safe from any thread; "changed" still reaches views on
 * their own thread.
 */

typedef struct
{
  CoDraftsWork   work;
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
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, call->result_free);
}

void
_co_drafts_run_async (gpointer             source,
                      gpointer             source_tag,
                      CoDraftsWork         work,
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

gpointer
_co_drafts_run_finish (gpointer       source,
                       gpointer       source_tag,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A non-NULL result that carries an id. */
gpointer
_co_drafts_boxed_id (gint64 id)
{
  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}
