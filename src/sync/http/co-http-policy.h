/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * When a request may be repeated, and how long to wait first: the rules the
 * client follows, kept apart so that they can be checked on their own.
 */

/* RFC 6585's status, which libsoup 3.2 has no name for. */
#define CO_HTTP_STATUS_TOO_MANY_REQUESTS 429

/* At most this many retries after the first attempt. */
#define CO_HTTP_MAX_RETRIES 3
/* The first back-off's ceiling; each retry doubles it: 1 s, 2 s, 4 s. */
#define CO_HTTP_BACKOFF_BASE (G_GINT64_CONSTANT (1) * G_USEC_PER_SEC)

gint64    co_http_backoff_ceiling      (guint                retry);
gint64    co_http_backoff_delay        (guint                retry,
                                        double               unit_random);
gboolean  co_http_method_is_idempotent (const char          *method);
gboolean  co_http_status_is_transient  (guint                status);
gint64    co_http_parse_retry_after    (SoupMessageHeaders  *headers,
                                        gint64               now);
gboolean  co_http_parse_rate_limit     (SoupMessageHeaders  *headers,
                                        gint64              *out_remaining,
                                        gint64              *out_reset);
gint64    co_http_server_wait_until    (SoupMessageHeaders  *headers,
                                        guint                status,
                                        gint64               now);

G_END_DECLS
