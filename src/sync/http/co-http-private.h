/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-http-request.h"

G_BEGIN_DECLS

void            _co_http_request_begin_attempt (CoHttpRequest      *self);
void            _co_http_request_set_retry_at  (CoHttpRequest      *self,
                                                gint64              retry_at);
SoupMessage    *_co_http_request_new_message   (CoHttpRequest      *self,
                                                GError            **error);
CoHttpResponse *_co_http_response_new          (CoHttpRequest      *request,
                                                SoupMessage        *message,
                                                GBytes             *body);
char           *_co_http_dup_host              (const char         *uri);

G_END_DECLS
