/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-http"

#include "config.h"

#include "co-sync-wait.h"

/**
 * co_sync_wait_begin:
 * @wait: (out caller-allocates): the wait
 *
 * Makes a private main context the calling thread's default until
 * co_sync_wait_end().
 */
void
co_sync_wait_begin (CoSyncWait *wait)
{
  g_return_if_fail (wait != NULL);

  wait->context = g_main_context_new ();
  wait->result = NULL;
  g_main_context_push_thread_default (wait->context);
}

/**
 * co_sync_wait_cb:
 * @object: the call's source object
 * @result: its result
 * @wait: the #CoSyncWait
 *
 * The #GAsyncReadyCallback to give the asynchronous call.
 */
void
co_sync_wait_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      wait)
{
  ((CoSyncWait *)wait)->result = g_object_ref (result);
}

/**
 * co_sync_wait_end:
 * @wait: the wait
 *
 * Runs the private context until the call's result came, then gives the thread
 * its previous default context back.
 *
 * Returns: (transfer full): the result, for the call's `_finish`
 */
GAsyncResult *
co_sync_wait_end (CoSyncWait *wait)
{
  g_return_val_if_fail (wait != NULL && wait->context != NULL, NULL);

  while (wait->result == NULL)
    g_main_context_iteration (wait->context, TRUE);
  /* Sources the call left behind (a cancelled timeout) are dispatched here
   * rather than on a context nobody runs. */
  while (g_main_context_iteration (wait->context, FALSE))
    ;
  g_main_context_pop_thread_default (wait->context);
  g_clear_pointer (&wait->context, g_main_context_unref);
  return g_steal_pointer (&wait->result);
}
