/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-http-policy.h"
#include "co-rate-limiter.h"
#include "co-test-util.h"

#define SECOND G_GINT64_CONSTANT (1000000)
/* 2024-05-01 12:00:00 UTC, a whole second, so that HTTP dates are exact. */
#define NOW (G_GINT64_CONSTANT (1714564800) * SECOND)

static void
test_backoff (void)
{
  g_assert_cmpint (co_http_backoff_ceiling (0), ==, 1 * SECOND);
  g_assert_cmpint (co_http_backoff_ceiling (1), ==, 2 * SECOND);
  g_assert_cmpint (co_http_backoff_ceiling (2), ==, 4 * SECOND);
  g_assert_cmpint (co_http_backoff_delay (2, 0.0), ==, 0);
  g_assert_cmpint (co_http_backoff_delay (2, 0.5), ==, 2 * SECOND);
  g_assert_cmpint (co_http_backoff_delay (1, 0.999999), <, 2 * SECOND);
  g_assert_cmpint (co_http_backoff_delay (1, 0.999999), >, 2 * SECOND - 10);
}

static void
test_idempotent (void)
{
  g_assert_true (co_http_method_is_idempotent ("GET"));
  g_assert_true (co_http_method_is_idempotent ("PUT"));
  g_assert_true (co_http_method_is_idempotent ("DELETE"));
  g_assert_false (co_http_method_is_idempotent ("POST"));
  g_assert_false (co_http_method_is_idempotent ("PATCH"));
  g_assert_true (co_http_status_is_transient (503));
  g_assert_true (co_http_status_is_transient (CO_HTTP_STATUS_TOO_MANY_REQUESTS));
  g_assert_false (co_http_status_is_transient (400));
  g_assert_false (co_http_status_is_transient (401));
  g_assert_false (co_http_status_is_transient (501));
}

static SoupMessageHeaders *
headers_with (const char *name,
              const char *value,
              ...)
{
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  va_list args;

  va_start (args, value);
  for (; name != NULL; name = va_arg (args, const char *), value = va_arg (args, const char *))
    soup_message_headers_append (headers, name, value);
  va_end (args);
  return headers;
}

static void
test_retry_after (void)
{
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_utc (NOW / SECOND + 90);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autoptr(SoupMessageHeaders) seconds = headers_with ("Retry-After", "120", NULL);
  g_autoptr(SoupMessageHeaders) http_date = headers_with ("Retry-After", date, NULL);
  g_autoptr(SoupMessageHeaders) garbage = headers_with ("Retry-After", "soon", NULL);
  g_autoptr(SoupMessageHeaders) past = headers_with ("Retry-After",
                                                     "Wed, 21 Oct 2015 07:28:00 GMT", NULL);
  g_autoptr(SoupMessageHeaders) huge = headers_with ("Retry-After", "99999999999", NULL);
  g_autoptr(SoupMessageHeaders) none = headers_with (NULL, NULL);

  g_assert_cmpint (co_http_parse_retry_after (seconds, NOW), ==, NOW + 120 * SECOND);
  g_assert_cmpint (co_http_parse_retry_after (http_date, NOW), ==, NOW + 90 * SECOND);
  g_assert_cmpint (co_http_parse_retry_after (garbage, NOW), ==, 0);
  g_assert_cmpint (co_http_parse_retry_after (past, NOW), ==, NOW);
  g_assert_cmpint (co_http_parse_retry_after (huge, NOW), ==, NOW + 24 * 3600 * SECOND);
  g_assert_cmpint (co_http_parse_retry_after (none, NOW), ==, 0);

  /* Retry-After counts on a 429 or a 503 only. */
  g_assert_cmpint (co_http_server_wait_until (seconds, 503, NOW), ==, NOW + 120 * SECOND);
  g_assert_cmpint (co_http_server_wait_until (seconds, 500, NOW), ==, 0);
}

static void
test_rate_headers (void)
{
  g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT, NOW / SECOND + 300);
  g_autoptr(SoupMessageHeaders) empty = headers_with ("x-rate-limit-remaining", "0",
                                                      "x-rate-limit-reset", reset, NULL);
  g_autoptr(SoupMessageHeaders) left = headers_with ("x-rate-limit-remaining", "12",
                                                     "x-rate-limit-reset", reset, NULL);
  g_autoptr(SoupMessageHeaders) broken = headers_with ("x-rate-limit-remaining", "-1",
                                                       "x-rate-limit-reset", reset, NULL);
  gint64 remaining = -1, when = -1;

  g_assert_true (co_http_parse_rate_limit (left, &remaining, &when));
  g_assert_cmpint (remaining, ==, 12);
  g_assert_cmpint (when, ==, NOW + 300 * SECOND);
  g_assert_false (co_http_parse_rate_limit (broken, &remaining, &when));

  /* An empty window blocks until its reset, whatever the status. */
  g_assert_cmpint (co_http_server_wait_until (empty, 200, NOW), ==, NOW + 300 * SECOND);
  g_assert_cmpint (co_http_server_wait_until (left, 200, NOW), ==, 0);
  g_assert_cmpint (co_http_server_wait_until (empty, 200, NOW + 400 * SECOND), ==, 0);
}

static void
test_limiter_pace (void)
{
  g_autoptr(CoRateLimiter) limiter = co_rate_limiter_new ();
  gint64 wait = -1;

  /* Two per second, two at once: the third waits half a second, the fourth one. */
  co_rate_limiter_set_rate (limiter, "t", 2, SECOND, 2);
  g_assert_true (co_rate_limiter_reserve (limiter, "t", NOW, SECOND, &wait));
  g_assert_cmpint (wait, ==, 0);
  g_assert_true (co_rate_limiter_reserve (limiter, "t", NOW, SECOND, &wait));
  g_assert_cmpint (wait, ==, 0);
  g_assert_true (co_rate_limiter_reserve (limiter, "t", NOW, SECOND, &wait));
  g_assert_cmpint (wait, ==, SECOND / 2);
  g_assert_true (co_rate_limiter_reserve (limiter, "t", NOW, SECOND, &wait));
  g_assert_cmpint (wait, ==, SECOND);

  /* Too long a wait reserves nothing. */
  g_assert_false (co_rate_limiter_reserve (limiter, "t", NOW, SECOND, &wait));
  g_assert_cmpint (wait, ==, 3 * SECOND / 2);
  g_assert_true (co_rate_limiter_reserve (limiter, "t", NOW + 10 * SECOND, SECOND, &wait));
  g_assert_cmpint (wait, ==, 0);

  /* Other buckets are not slowed down. */
  g_assert_true (co_rate_limiter_reserve (limiter, "other", NOW, 0, &wait));
  g_assert_cmpint (wait, ==, 0);
}

static void
test_limiter_blocked (void)
{
  g_autoptr(CoRateLimiter) limiter = co_rate_limiter_new ();
  gint64 wait = -1;

  co_rate_limiter_block_until (limiter, "x", NOW + 30 * SECOND);
  co_rate_limiter_block_until (limiter, "x", NOW + 5 * SECOND);
  g_assert_cmpint (co_rate_limiter_get_blocked_until (limiter, "x"), ==, NOW + 30 * SECOND);
  g_assert_false (co_rate_limiter_reserve (limiter, "x", NOW, 10 * SECOND, &wait));
  g_assert_cmpint (wait, ==, 30 * SECOND);
  g_assert_true (co_rate_limiter_reserve (limiter, "x", NOW, 60 * SECOND, &wait));
  g_assert_cmpint (wait, ==, 30 * SECOND);
  g_assert_true (co_rate_limiter_reserve (limiter, "linkedin", NOW, 0, &wait));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/sync/http/policy/backoff", test_backoff);
  g_test_add_func ("/sync/http/policy/idempotent", test_idempotent);
  g_test_add_func ("/sync/http/policy/retry-after", test_retry_after);
  g_test_add_func ("/sync/http/policy/rate-headers", test_rate_headers);
  g_test_add_func ("/sync/http/limiter/pace", test_limiter_pace);
  g_test_add_func ("/sync/http/limiter/blocked", test_limiter_blocked);

  return g_test_run ();
}
