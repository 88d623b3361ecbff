/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The longest a request may take, unless it says otherwise. */
#define CO_HTTP_DEFAULT_TIMEOUT (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

#define CO_TYPE_HTTP_REQUEST (co_http_request_get_type ())
G_DECLARE_FINAL_TYPE (CoHttpRequest, co_http_request, CO, HTTP_REQUEST, GObject)

CoHttpRequest      *co_http_request_new                (const char     *method,
                                                        const char     *uri);
const char         *co_http_request_get_method         (CoHttpRequest  *self);
const char         *co_http_request_get_uri            (CoHttpRequest  *self);
void                co_http_request_set_header         (CoHttpRequest  *self,
                                                        const char     *name,
                                                        const char     *value);
void                co_http_request_set_bearer         (CoHttpRequest  *self,
                                                        const char     *token);
SoupMessageHeaders *co_http_request_get_headers        (CoHttpRequest  *self);
void                co_http_request_set_body           (CoHttpRequest  *self,
                                                        const char     *content_type,
                                                        GBytes         *body);
void                co_http_request_set_json           (CoHttpRequest  *self,
                                                        JsonNode       *node);
void                co_http_request_set_form           (CoHttpRequest  *self,
                                                        GHashTable     *fields);
GBytes             *co_http_request_get_body           (CoHttpRequest  *self);
const char         *co_http_request_get_content_type   (CoHttpRequest  *self);
void                co_http_request_set_idempotency_key (CoHttpRequest *self,
                                                        const char     *header,
                                                        const char     *key);
const char         *co_http_request_get_idempotency_key (CoHttpRequest *self);
void                co_http_request_set_idempotent     (CoHttpRequest  *self,
                                                        gboolean        idempotent);
gboolean            co_http_request_may_repeat         (CoHttpRequest  *self);
void                co_http_request_set_bucket         (CoHttpRequest  *self,
                                                        const char     *bucket);
const char         *co_http_request_get_bucket         (CoHttpRequest  *self);
void                co_http_request_set_timeout        (CoHttpRequest  *self,
                                                        gint64          usec);
gint64              co_http_request_get_timeout        (CoHttpRequest  *self);
void                co_http_request_set_max_retries    (CoHttpRequest  *self,
                                                        guint           retries);
guint               co_http_request_get_max_retries    (CoHttpRequest  *self);
char               *co_http_request_dup_display        (CoHttpRequest  *self);

/* What happened to it, filled in by the client. */
int                 co_http_request_get_attempts       (CoHttpRequest  *self);
gint64              co_http_request_get_retry_at       (CoHttpRequest  *self);

#define CO_TYPE_HTTP_RESPONSE (co_http_response_get_type ())
G_DECLARE_FINAL_TYPE (CoHttpResponse, co_http_response, CO, HTTP_RESPONSE, GObject)

guint               co_http_response_get_status        (CoHttpResponse *self);
SoupMessageHeaders *co_http_response_get_headers       (CoHttpResponse *self);
GBytes             *co_http_response_get_body          (CoHttpResponse *self);
CoHttpRequest      *co_http_response_get_request       (CoHttpResponse *self);
JsonNode           *co_http_response_parse_json        (CoHttpResponse *self,
                                                        GError        **error);
gboolean            co_http_response_check             (CoHttpResponse *self,
                                                        GError        **error);

G_END_DECLS
