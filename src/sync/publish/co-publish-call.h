/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-account-manager.h"
#include "co-outbox-handler.h"

G_BEGIN_DECLS

/*
 * One outbox operation on its way through a platform client: the account it is
 * sent as, its token from the keyring (renewed once when the platform refuses
 * it), the requests of its steps, and what the client keeps between them.  The
 * LinkedIn and Instagram clients share it; each step is a CoPublishStepFunc
 * that the call runs once it has a token, and runs again after a renewal.
 */

typedef void (*CoPublishStepFunc) (GTask *task);

typedef struct
{
  CoAccountManager  *accounts;
  CoOutbox          *outbox;
  CoOutboxOperation *operation;
  CoAccount         *account;
  CoToken           *token;
  CoHttpRequest     *request;     /* the last one sent, for its retry time */
  CoPublishStepFunc  step;
  gboolean           refreshed;
  gboolean           looking_up;
  JsonObject        *state;       /* the client's checkpoint, as it goes */
  gint64             retry_at;    /* set by the client when it must wait */
  char              *page;        /* the look-up's next page, as the platform names it */
  guint              n_pages;     /* pages the look-up has read */
} CoPublishCall;

void            co_publish_call_start         (gpointer              client,
                                               CoAccountManager     *accounts,
                                               CoOutbox             *outbox,
                                               CoOutboxOperation    *operation,
                                               gboolean              looking_up,
                                               CoPublishStepFunc     step,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void            co_publish_call_not_found     (gpointer              client,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
CoPublishCall  *co_publish_call_get           (GTask                *task);
void            co_publish_call_set_step      (GTask                *task,
                                               CoPublishStepFunc     step);
void            co_publish_call_send          (GTask                *task,
                                               CoHttpRequest        *request,
                                               GAsyncReadyCallback   callback);
void            co_publish_call_send_unsigned (GTask                *task,
                                               CoHttpRequest        *request,
                                               GAsyncReadyCallback   callback);
void            co_publish_call_fail          (GTask                *task,
                                               GError               *error);
gboolean        co_publish_call_turn_page     (CoPublishCall        *call,
                                               const char           *next,
                                               guint                 max_pages);
gboolean        co_publish_call_save_state    (GTask                *task,
                                               GError              **error);
gboolean        co_publish_call_save_or_return (GTask               *task);
const char     *co_publish_call_payload_string (CoPublishCall       *call,
                                               const char           *member);
gint64          co_publish_call_keep_size     (GTask                *task,
                                               CoPlatform            platform);
void            co_publish_call_sleep         (GTask                *task,
                                               gint64                usec,
                                               GAsyncReadyCallback   callback);
gboolean        co_publish_call_poll_later    (GTask                *task,
                                               gint64                usec,
                                               int                   max_polls,
                                               GAsyncReadyCallback   callback);
gint64          co_publish_call_now           (GTask                *task);
CoOutboxResult *co_publish_call_finish        (GAsyncResult         *result,
                                               gint64               *out_retry_at,
                                               GError              **error);
gboolean        co_publish_call_has_state     (CoPublishCall        *call,
                                               const char           *member);

JsonObject     *co_publish_parse_object       (CoHttpResponse       *response,
                                               GError              **error);
char           *co_publish_object_to_string   (JsonObject           *object);
CoOutboxResult *co_publish_result_new         (const char           *remote_id,
                                               const char           *remote_url,
                                               JsonObject           *answer);
char           *co_publish_normalize_text     (const char           *text);

G_END_DECLS
