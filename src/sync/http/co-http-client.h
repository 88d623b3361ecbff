/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "co-clock.h"
#include "co-http-request.h"
#include "co-rate-limiter.h"

G_BEGIN_DECLS

/* Longest wait the client sits through itself before it gives up and reports when to
 * try again (a rate limit that resets in a quarter of an hour, for example). */
#define CO_HTTP_DEFAULT_MAX_WAIT (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

#define CO_TYPE_HTTP_CLIENT (co_http_client_get_type ())
G_DECLARE_FINAL_TYPE (CoHttpClient, co_http_client, CO, HTTP_CLIENT, GObject)

CoHttpClient   *co_http_client_new              (CoClock              *clock);
CoClock        *co_http_client_get_clock        (CoHttpClient         *self);
SoupSession    *co_http_client_get_session      (CoHttpClient         *self);
CoRateLimiter  *co_http_client_get_rate_limiter (CoHttpClient         *self);
void            co_http_client_set_max_wait     (CoHttpClient         *self,
                                                 gint64                usec);
void            co_http_client_set_jitter_seed  (CoHttpClient         *self,
                                                 guint32               seed);
void            co_http_client_send_async       (CoHttpClient         *self,
                                                 CoHttpRequest        *request,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
CoHttpResponse *co_http_client_send_finish      (CoHttpClient         *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
CoHttpResponse *co_http_client_send_sync        (CoHttpClient         *self,
                                                 CoHttpRequest        *request,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

G_END_DECLS
