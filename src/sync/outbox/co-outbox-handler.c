/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-outbox"

#include "config.h"

#include "co-outbox-handler.h"

G_DEFINE_INTERFACE (CoOutboxHandler, co_outbox_handler, G_TYPE_OBJECT)

static void
co_outbox_handler_default_init (CoOutboxHandlerInterface *iface)
{
}

/**
 * co_outbox_result_new:
 * @remote_id: (nullable): the server's id for what was made
 * @remote_url: (nullable): where people see it
 * @json: (nullable): what to keep of the answer
 *
 * Returns: (transfer full): a result
 */
CoOutboxResult *
co_outbox_result_new (const char *remote_id,
                      const char *remote_url,
                      const char *json)
{
  CoOutboxResult *result = g_new0 (CoOutboxResult, 1);

  result->remote_id = g_strdup (remote_id);
  result->remote_url = g_strdup (remote_url);
  result->json = g_strdup (json);
  return result;
}

/**
 * co_outbox_result_free:
 * @result: (transfer full) (nullable): a result
 */
void
co_outbox_result_free (CoOutboxResult *result)
{
  if (result == NULL)
    return;
  g_free (result->remote_id);
  g_free (result->remote_url);
  g_free (result->json);
  g_free (result);
}

/**
 * co_outbox_handler_get_kinds:
 * @self: a #CoOutboxHandler
 *
 * Returns: (transfer none): the kinds it sends, %NULL-terminated
 */
const char * const *
co_outbox_handler_get_kinds (CoOutboxHandler *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_HANDLER (self), NULL);
  return CO_OUTBOX_HANDLER_GET_IFACE (self)->get_kinds (self);
}

/**
 * co_outbox_handler_can_look_up:
 * @self: a #CoOutboxHandler
 *
 * Returns: %TRUE if it can ask the server whether an operation arrived
 */
gboolean
co_outbox_handler_can_look_up (CoOutboxHandler *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_HANDLER (self), FALSE);
  return CO_OUTBOX_HANDLER_GET_IFACE (self)->lookup_async != NULL;
}

/**
 * co_outbox_handler_send_async:
 * @self: a #CoOutboxHandler
 * @outbox: the outbox, for checkpoints
 * @operation: the operation, being sent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Sends @operation.
 */
void
co_outbox_handler_send_async (CoOutboxHandler     *self,
                              CoOutbox            *outbox,
                              CoOutboxOperation   *operation,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CO_IS_OUTBOX_HANDLER (self));
  CO_OUTBOX_HANDLER_GET_IFACE (self)->send_async (self, outbox, operation, cancellable, callback,
                                                  user_data);
}

/**
 * co_outbox_handler_send_finish:
 * @self: a #CoOutboxHandler
 * @result: the result
 * @out_retry_at: (out): when the server allows a new attempt (µs since 1970, UTC),
 *   or 0 if it did not say
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what was made, or %NULL with @error
 */
CoOutboxResult *
co_outbox_handler_send_finish (CoOutboxHandler  *self,
                               GAsyncResult     *result,
                               gint64           *out_retry_at,
                               GError          **error)
{
  g_return_val_if_fail (CO_IS_OUTBOX_HANDLER (self), NULL);

  *out_retry_at = 0;
  return CO_OUTBOX_HANDLER_GET_IFACE (self)->send_finish (self, result, out_retry_at, error);
}

/**
 * co_outbox_handler_lookup_async:
 * @self: a #CoOutboxHandler that can look up
 * @outbox: the outbox, to tell results other operations claimed
 * @operation: the unsure operation
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Asks the server whether it has @operation already.
 */
void
co_outbox_handler_lookup_async (CoOutboxHandler     *self,
                                CoOutbox            *outbox,
                                CoOutboxOperation   *operation,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (co_outbox_handler_can_look_up (self));
  CO_OUTBOX_HANDLER_GET_IFACE (self)->lookup_async (self, outbox, operation, cancellable, callback,
                                                    user_data);
}

/**
 * co_outbox_handler_lookup_finish:
 * @self: a #CoOutboxHandler
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the server has; %NULL without an error
 *   when it has nothing for the operation
 */
CoOutboxResult *
co_outbox_handler_lookup_finish (CoOutboxHandler  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (CO_IS_OUTBOX_HANDLER (self), NULL);
  return CO_OUTBOX_HANDLER_GET_IFACE (self)->lookup_finish (self, result, error);
}
