/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-http"

#include "config.h"

#include <math.h>

#include "co-http-policy.h"

/* A server asking for more than a day is taken to mean a day. */
#define LONGEST_WAIT_SECONDS (24 * 60 * 60)

/**
 * co_http_backoff_ceiling:
 * @retry: 0 for the first retry
 *
 * Returns: the longest wait before that retry: 1 s, 2 s, 4 s…
 */
gint64
co_http_backoff_ceiling (guint retry)
{
  return CO_HTTP_BACKOFF_BASE << MIN (retry, 20u);
}

/**
 * co_http_backoff_delay:
 * @retry: 0 for the first retry
 * @unit_random: a random number in [0, 1)
 *
 * "Full jitter": a wait drawn evenly between zero and the ceiling, so that many
 * clients that failed together do not come back together.
 *
 * Returns: the wait before that retry, in µs
 */
gint64
co_http_backoff_delay (guint  retry,
                       double unit_random)
{
  g_return_val_if_fail (unit_random >= 0 && unit_random < 1, 0);
  return (gint64)floor ((double)co_http_backoff_ceiling (retry) * unit_random);
}

/**
 * co_http_method_is_idempotent:
 * @method: an HTTP method
 *
 * Returns: %TRUE for the methods RFC 9110 defines as idempotent
 */
gboolean
co_http_method_is_idempotent (const char *method)
{
  static const char *const idempotent[] = { "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE" };

  for (guint i = 0; i < G_N_ELEMENTS (idempotent); i++)
    if (g_strcmp0 (method, idempotent[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * co_http_status_is_transient:
 * @status: an HTTP status
 *
 * Returns: %TRUE for the answers that say "not now" rather than "no": a request
 *   timeout, too many requests, and the server and gateway errors
 */
gboolean
co_http_status_is_transient (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_REQUEST_TIMEOUT:
    case CO_HTTP_STATUS_TOO_MANY_REQUESTS:
    case SOUP_STATUS_INTERNAL_SERVER_ERROR:
    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * co_http_parse_retry_after:
 * @headers: a response's headers
 * @now: the time (µs since 1970, UTC)
 *
 * Reads `Retry-After` in either of its forms: seconds, or an HTTP date.
 *
 * Returns: the time the server asks to wait for (µs since 1970, UTC), or 0 when
 *   there is no usable header
 */
gint64
co_http_parse_retry_after (SoupMessageHeaders *headers,
                           gint64              now)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *digits = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;
  value += strspn (value, " \t");
  if (g_ascii_isdigit (value[0]))
    {
      digits = g_strstrip (g_strdup (value));
      if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT64, &seconds, NULL))
        return 0;
      return now + (gint64)MIN (seconds, LONGEST_WAIT_SECONDS) * G_USEC_PER_SEC;
    }
  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return 0;
  return CLAMP (g_date_time_to_unix (date) * G_USEC_PER_SEC, now,
                now + (gint64)LONGEST_WAIT_SECONDS * G_USEC_PER_SEC);
}

/**
 * co_http_parse_rate_limit:
 * @headers: a response's headers
 * @out_remaining: (out): requests left in the window
 * @out_reset: (out): when the window resets (µs since 1970, UTC)
 *
 * Reads X's `x-rate-limit-remaining` and `x-rate-limit-reset` (Unix seconds).
 *
 * Returns: %TRUE if both were there and readable
 */
gboolean
co_http_parse_rate_limit (SoupMessageHeaders *headers,
                          gint64             *out_remaining,
                          gint64             *out_reset)
{
  const char *remaining = soup_message_headers_get_one (headers, "x-rate-limit-remaining");
  const char *reset = soup_message_headers_get_one (headers, "x-rate-limit-reset");
  guint64 remaining_value, reset_value;

  if (remaining == NULL || reset == NULL ||
      !g_ascii_string_to_unsigned (remaining, 10, 0, G_MAXINT64, &remaining_value, NULL) ||
      !g_ascii_string_to_unsigned (reset, 10, 0, G_MAXINT64 / G_USEC_PER_SEC, &reset_value,
                                   NULL))
    return FALSE;
  *out_remaining = (gint64)remaining_value;
  *out_reset = (gint64)reset_value * G_USEC_PER_SEC;
  return TRUE;
}

/**
 * co_http_server_wait_until:
 * @headers: a response's headers
 * @status: its status
 * @now: the time (µs since 1970, UTC)
 *
 * What the server says about waiting: `Retry-After` on a 429 or 503, and an
 * exhausted X rate-limit window on any answer.
 *
 * Returns: the time until which no request should go (µs since 1970, UTC), or 0
 */
gint64
co_http_server_wait_until (SoupMessageHeaders *headers,
                           guint               status,
                           gint64              now)
{
  gint64 until = 0;
  gint64 remaining, reset;

  if (status == CO_HTTP_STATUS_TOO_MANY_REQUESTS || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    until = co_http_parse_retry_after (headers, now);
  if (co_http_parse_rate_limit (headers, &remaining, &reset) && remaining == 0 && reset > now)
    until = MAX (until, MIN (reset, now + (gint64)LONGEST_WAIT_SECONDS * G_USEC_PER_SEC));
  return until;
}
