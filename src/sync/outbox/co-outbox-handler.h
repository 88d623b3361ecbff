/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-outbox.h"

G_BEGIN_DECLS

/**
 * CoOutboxResult:
 * @remote_id: (nullable): the server's id for what the operation made
 * @remote_url: (nullable): where people see it
 * @json: (nullable): what to keep of the server's answer
 *
 * What a handler reports for an operation the server has.
 */
typedef struct
{
  char *remote_id;
  char *remote_url;
  char *json;
} CoOutboxResult;

CoOutboxResult *co_outbox_result_new  (const char     *remote_id,
                                       const char     *remote_url,
                                       const char     *json);
void            co_outbox_result_free (CoOutboxResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoOutboxResult, co_outbox_result_free)

#define CO_TYPE_OUTBOX_HANDLER (co_outbox_handler_get_type ())
G_DECLARE_INTERFACE (CoOutboxHandler, co_outbox_handler, CO, OUTBOX_HANDLER, GObject)

/**
 * CoOutboxHandlerInterface:
 * @get_kinds: the operation kinds it sends ("x.post"…), %NULL-terminated
 * @send_async: sends one operation.  Errors follow the HTTP client's: a
 *   request that may have arrived is %CO_SYNC_ERROR_UNCERTAIN; a server that
 *   asked to wait sets the time in @out_retry_at of @send_finish
 * @send_finish: the result, or %NULL with the error
 * @lookup_async: (nullable): asks the server whether it already has the
 *   operation (its recent posts, matched by the operation's marker, made no
 *   earlier than its first attempt, and not claimed by another operation, see
 *   co_outbox_is_remote_claimed()).  A handler without it must send an
 *   idempotency key the server honours, since an unsure operation is then
 *   simply sent again
 * @lookup_finish: the result if found; %NULL without an error if not found
 *
 * Sends operations of some kinds: the platform clients implement it, and the
 * cloud mirror will.
 */
struct _CoOutboxHandlerInterface
{
  GTypeInterface parent_iface;

  const char * const *(*get_kinds)     (CoOutboxHandler      *self);
  void                (*send_async)    (CoOutboxHandler      *self,
                                        CoOutbox             *outbox,
                                        CoOutboxOperation    *operation,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
  CoOutboxResult     *(*send_finish)   (CoOutboxHandler      *self,
                                        GAsyncResult         *result,
                                        gint64               *out_retry_at,
                                        GError              **error);
  void                (*lookup_async)  (CoOutboxHandler      *self,
                                        CoOutbox             *outbox,
                                        CoOutboxOperation    *operation,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
  CoOutboxResult     *(*lookup_finish) (CoOutboxHandler      *self,
                                        GAsyncResult         *result,
                                        GError              **error);
};

const char * const *co_outbox_handler_get_kinds     (CoOutboxHandler      *self);
gboolean            co_outbox_handler_can_look_up   (CoOutboxHandler      *self);
void                co_outbox_handler_send_async    (CoOutboxHandler      *self,
                                                     CoOutbox             *outbox,
                                                     CoOutboxOperation    *operation,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
CoOutboxResult     *co_outbox_handler_send_finish   (CoOutboxHandler      *self,
                                                     GAsyncResult         *result,
                                                     gint64               *out_retry_at,
                                                     GError              **error);
void                co_outbox_handler_lookup_async  (CoOutboxHandler      *self,
                                                     CoOutbox             *outbox,
                                                     CoOutboxOperation    *operation,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
CoOutboxResult     *co_outbox_handler_lookup_finish (CoOutboxHandler      *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
