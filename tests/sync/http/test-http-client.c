/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-error.h"
#include "co-sync-error.h"
#include "co-http-client.h"
#include "co-http-policy.h"
#include "co-test-clock.h"
#include "co-test-server.h"
#include "co-test-util.h"

#define SECOND G_GINT64_CONSTANT (1000000)
#define NOW (G_GINT64_CONSTANT (1714564800) * SECOND)

typedef struct
{
  CoTestServer *server;
  CoTestClock  *clock;
  CoHttpClient *client;
  guint         handled;
} Fixture;

typedef struct
{
  gboolean        done;
  CoHttpResponse *response;
  GError         *error;
} Result;

static void
ok_handler (CoTestServer      *server,
            SoupServerMessage *message,
            const char        *path,
            gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->handled++;
  co_test_reply_json (message, 200, "{\"ok\": true}");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = co_test_server_new ();
  co_test_server_route (fixture->server, NULL, "/", ok_handler, fixture);
  fixture->clock = co_test_clock_new (NOW);
  co_test_clock_set_auto_advance (fixture->clock, TRUE);
  fixture->client = co_http_client_new (CO_CLOCK (fixture->clock));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_assert_finalized (fixture->client, 2000);
  co_test_assert_finalized (fixture->server, 2000);
  co_test_assert_finalized (fixture->clock, 2000);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &r->error);
  r->done = TRUE;
}

static CoHttpRequest *
new_request (Fixture    *fixture,
             const char *method,
             const char *path)
{
  g_autofree char *uri = g_strconcat (co_test_server_get_url (fixture->server), path, NULL);
  CoHttpRequest *request = co_http_request_new (method, uri);

  co_http_request_set_bucket (request, "test");
  return request;
}

static CoHttpResponse *
send (Fixture        *fixture,
      CoHttpRequest  *request,
      GCancellable   *cancellable,
      GError        **error)
{
  Result r = { 0 };

  co_http_client_send_async (fixture->client, request, cancellable, sent_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.response;
}

static void
push_status (Fixture    *fixture,
             guint       status,
             const char *retry_after,
             gint64      reset)
{
  CoTestFault fault = { CO_TEST_FAULT_STATUS, status, retry_after, reset };

  co_test_server_push_fault (fixture->server, &fault);
}

static void
push_fault (Fixture         *fixture,
            CoTestFaultKind  kind)
{
  CoTestFault fault = { kind, 0, NULL, 0 };

  co_test_server_push_fault (fixture->server, &fault);
}

static GArray *
delays (Fixture *fixture)
{
  return co_test_clock_dup_log (fixture->clock, CO_CLOCK_DELAY);
}

/* Three failures, then success: three back-offs under 1, 2 and 4 s.  Over many
 * seeds each wait stays under its ceiling, varies, and comes near it. */
static void
test_backoff_schedule (Fixture       *fixture,
                       gconstpointer  data)
{
  guint32 seed = co_test_seed ();
  gint64 longest[3] = { 0 };
  gint64 first_seen = -1;
  gboolean varied = FALSE;

  for (int run = 0; run < 40; run++)
    {
      g_autoptr(CoHttpRequest) request = new_request (fixture, "GET", "/item");
      g_autoptr(CoHttpResponse) response = NULL;
      g_autoptr(GArray) log = NULL;
      g_autoptr(GError) error = NULL;

      co_http_client_set_jitter_seed (fixture->client, seed + run);
      co_test_clock_clear_log (fixture->clock);
      push_status (fixture, 503, NULL, 0);
      push_status (fixture, 502, NULL, 0);
      push_status (fixture, 500, NULL, 0);
      response = send (fixture, request, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (co_http_response_get_status (response), ==, 200);
      g_assert_cmpint (co_http_request_get_attempts (request), ==, 4);

      log = delays (fixture);
      g_assert_cmpuint (log->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        {
          gint64 usec = g_array_index (log, CoTestSleep, i).usec;

          g_assert_cmpint (usec, >=, 0);
          g_assert_cmpint (usec, <, co_http_backoff_ceiling (i));
          longest[i] = MAX (longest[i], usec);
        }
      if (first_seen >= 0 && g_array_index (log, CoTestSleep, 2).usec != first_seen)
        varied = TRUE;
      first_seen = g_array_index (log, CoTestSleep, 2).usec;
    }
  g_assert_true (varied);
  g_assert_cmpint (longest[2], >, 2 * SECOND);
  g_assert_cmpint (longest[1], >, 1 * SECOND);
  g_assert_cmpuint (co_test_server_count (fixture->server, "GET", "/item"), ==, 160);
  g_assert_cmpuint (fixture->handled, ==, 40);
}

static void
test_gives_up (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CoHttpRequest) request = new_request (fixture, "GET", "/item");
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 5; i++)
    push_status (fixture, 503, NULL, 0);
  response = send (fixture, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (co_http_response_get_status (response), ==, 503);
  g_assert_cmpuint (co_test_server_count (fixture->server, NULL, "/item"), ==, 4);
  g_assert_false (co_http_response_check (response, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "/item"));
  g_assert_nonnull (strstr (error->message, "503"));
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_utc (NOW / SECOND + 9);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autoptr(CoHttpRequest) request = new_request (fixture, "GET", "/item");
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(GArray) log = NULL;
  g_autoptr(GError) error = NULL;

  /* Seconds first, then a date nine seconds after the clock's start, which the
   * first wait has already taken seven of. */
  push_status (fixture, 429, "7", 0);
  push_status (fixture, 503, date, 0);
  response = send (fixture, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (co_http_response_get_status (response), ==, 200);
  log = delays (fixture);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpint (g_array_index (log, CoTestSleep, 0).usec, ==, 7 * SECOND);
  g_assert_cmpint (g_array_index (log, CoTestSleep, 1).usec, >=, 2 * SECOND);
  g_assert_cmpint (g_array_index (log, CoTestSleep, 1).usec, <, 2 * SECOND + 10000);
}

static void
test_rate_limit_headers (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CoHttpRequest) first = new_request (fixture, "GET", "/item");
  g_autoptr(CoHttpRequest) second = NULL;
  g_autoptr(CoHttpRequest) third = NULL;
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(GArray) log = NULL;
  g_autoptr(GError) error = NULL;
  gint64 reset = NOW / SECOND + 5;

  /* A 429 whose window resets in 5 s: the retry waits for the reset. */
  push_status (fixture, 429, NULL, reset);
  response = send (fixture, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (co_http_response_get_status (response), ==, 200);
  log = delays (fixture);
  g_assert_cmpuint (log->len, >=, 1);
  g_assert_cmpint (g_array_index (log, CoTestSleep, 0).usec, ==, 5 * SECOND);

  /* An empty window on a success holds the next request for 40 s: longer than the
   * client waits by itself, so it reports when to try again and sends nothing. */
  g_clear_object (&response);
  push_status (fixture, 200, NULL, co_clock_now (CO_CLOCK (fixture->clock)) / SECOND + 40);
  second = new_request (fixture, "GET", "/item");
  response = send (fixture, second, NULL, &error);
  g_assert_no_error (error);
  co_http_client_set_max_wait (fixture->client, 30 * SECOND);
  third = new_request (fixture, "GET", "/item");
  g_assert_null (send (fixture, third, NULL, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpint (co_http_request_get_retry_at (third), ==,
                   co_clock_now (CO_CLOCK (fixture->clock)) + 40 * SECOND);
  g_assert_cmpint (co_http_request_get_attempts (third), ==, 0);
  g_assert_cmpuint (co_test_server_count (fixture->server, NULL, "/item"), ==, 3);
}

static void
test_limiter_paces (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GArray) log = NULL;

  co_rate_limiter_set_rate (co_http_client_get_rate_limiter (fixture->client), "test", 4,
                            SECOND, 1);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(CoHttpRequest) request = new_request (fixture, "GET", "/item");
      g_autoptr(CoHttpResponse) response = send (fixture, request, NULL, NULL);

      g_assert_nonnull (response);
    }
  /* The test clock stands still but for these waits: a quarter second each. */
  log = delays (fixture);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpint (g_array_index (log, CoTestSleep, 0).usec, ==, SECOND / 4);
  g_assert_cmpint (g_array_index (log, CoTestSleep, 1).usec, ==, SECOND / 4);
}

/* A request that may not be repeated is sent once, whatever happens. */
static void
test_no_retry_unsafe (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CoHttpRequest) post = new_request (fixture, "POST", "/post");
  g_autoptr(CoHttpRequest) dropped = new_request (fixture, "POST", "/dropped");
  g_autoptr(CoHttpRequest) failed = new_request (fixture, "POST", "/failed");
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(GArray) log = NULL;
  g_autoptr(GError) error = NULL;

  push_status (fixture, 503, "1", 0);
  response = send (fixture, post, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (co_http_response_get_status (response), ==, 503);
  g_assert_cmpuint (co_test_server_count (fixture->server, NULL, "/post"), ==, 1);
  g_assert_cmpint (co_http_request_get_retry_at (post), ==, NOW + SECOND);

  push_fault (fixture, CO_TEST_FAULT_DROP_AFTER);
  g_assert_null (send (fixture, dropped, NULL, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN);
  g_assert_cmpuint (co_test_server_count (fixture->server, NULL, "/dropped"), ==, 1);
  g_assert_cmpuint (fixture->handled, ==, 1);
  g_clear_error (&error);

  /* A 500 after such a request may have come after the work was done. */
  g_clear_object (&response);
  push_status (fixture, 500, NULL, 0);
  response = send (fixture, failed, NULL, &error);
  g_assert_false (co_http_response_check (response, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN);
  g_assert_cmpuint (co_test_server_count (fixture->server, NULL, "/failed"), ==, 1);
  /* No back-off: the one wait is the second send honouring the first's
   * Retry-After in the rate limiter. */
  log = delays (fixture);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpint (g_array_index (log, CoTestSleep, 0).usec, ==, SECOND);
}

static void
test_keyed_retries (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CoHttpRequest) post = new_request (fixture, "POST", "/keyed");
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  co_http_request_set_idempotency_key (post, "Idempotency-Key", "op-1");
  push_fault (fixture, CO_TEST_FAULT_DROP_AFTER);
  push_status (fixture, 500, NULL, 0);
  response = send (fixture, post, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (co_http_response_get_status (response), ==, 200);
  g_assert_cmpuint (co_test_server_count (fixture->server, "POST", "/keyed"), ==, 3);
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CoTestServer) gone = co_test_server_new ();
  g_autofree char *uri = g_strconcat (co_test_server_get_url (gone), "/x", NULL);
  g_autoptr(CoHttpRequest) get = co_http_request_new ("GET", uri);
  g_autoptr(CoHttpRequest) post = co_http_request_new ("POST", uri);
  g_autoptr(GError) error = NULL;

  g_clear_object (&gone);
  g_assert_null (send (fixture, get, NULL, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE);
  g_assert_true (co_error_is_retryable (error));
  g_assert_cmpint (co_http_request_get_attempts (get), ==, 4);
  g_clear_error (&error);
  g_assert_null (send (fixture, post, NULL, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE);
  g_assert_cmpint (co_http_request_get_attempts (post), ==, 1);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CoHttpRequest) get = new_request (fixture, "GET", "/slow");
  g_autoptr(CoHttpRequest) post = new_request (fixture, "POST", "/slow-post");
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  co_test_server_set_held_func (fixture->server, co_test_expire_cb, fixture->clock);
  push_fault (fixture, CO_TEST_FAULT_HOLD);
  response = send (fixture, get, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (co_http_response_get_status (response), ==, 200);
  g_assert_cmpint (co_http_request_get_attempts (get), ==, 2);

  push_fault (fixture, CO_TEST_FAULT_HOLD_AFTER);
  g_assert_null (send (fixture, post, NULL, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN);
  g_assert_nonnull (strstr (error->message, "timed out"));
  g_assert_cmpint (co_http_request_get_attempts (post), ==, 1);
  g_assert_cmpuint (co_test_clock_count_pending (fixture->clock, CO_CLOCK_DEADLINE), ==, 0);
}

static void
cancel_cb (CoTestServer *server,
           gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CoHttpRequest) get = new_request (fixture, "GET", "/slow");
  g_autoptr(GError) error = NULL;

  co_test_server_set_held_func (fixture->server, cancel_cb, cancellable);
  push_fault (fixture, CO_TEST_FAULT_HOLD);
  g_assert_null (send (fixture, get, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (co_http_request_get_attempts (get), ==, 1);
  g_assert_cmpuint (co_test_clock_count_pending (fixture->clock, CO_CLOCK_DEADLINE), ==, 0);
}

typedef struct
{
  Fixture        *fixture;
  CoHttpResponse *response;
  GError         *error;
  GMainContext   *context;
  gboolean        done;
} Worker;

static gpointer
worker_thread (gpointer data)
{
  Worker *worker = data;
  g_autoptr(CoHttpRequest) request = new_request (worker->fixture, "GET", "/from-thread");

  worker->response = co_http_client_send_sync (worker->fixture->client, request, NULL,
                                               &worker->error);
  /* The call left the thread's default context as it found it. */
  worker->context = g_main_context_ref_thread_default ();
  g_atomic_int_set (&worker->done, TRUE);
  return NULL;
}

static gboolean
worker_done (gpointer data)
{
  return g_atomic_int_get (&((Worker *)data)->done);
}

static void
test_sync_from_thread (Fixture       *fixture,
                       gconstpointer  data)
{
  Worker worker = { fixture };
  GThread *thread;

  push_status (fixture, 503, NULL, 0);
  thread = g_thread_new ("http-worker", worker_thread, &worker);
  /* The server runs here, on the main context, while the worker waits. */
  g_assert_true (co_test_wait_until (worker_done, &worker, 10000));
  g_thread_join (thread);
  g_assert_no_error (worker.error);
  g_assert_cmpuint (co_http_response_get_status (worker.response), ==, 200);
  g_assert_true (worker.context == g_main_context_default ());
  g_assert_cmpuint (co_test_server_count (fixture->server, NULL, "/from-thread"), ==, 2);
  g_object_unref (worker.response);
  g_main_context_unref (worker.context);
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  static const struct
  {
    guint status;
    int   code;
  } cases[] = {
    { 401, CO_SYNC_ERROR_AUTH },
    { 403, CO_SYNC_ERROR_REJECTED },
    { 429, CO_SYNC_ERROR_RATE_LIMITED },
    { 503, CO_SYNC_ERROR_HTTP },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CoHttpRequest) request = new_request (fixture, "GET", "/check");
      g_autoptr(CoHttpResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      co_http_request_set_max_retries (request, 0);
      push_status (fixture, cases[i].status, NULL, 0);
      response = send (fixture, request, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (co_http_response_check (response, &error));
      g_assert_error (error, CO_SYNC_ERROR, cases[i].code);
      /* The server's own reason is in the message. */
      g_assert_nonnull (strstr (error->message, "injected fault"));
    }
}

/* Makes a self-signed certificate for 127.0.0.1 with openssl (Debian's
 * openssl package), in the test's own folder. */
static GTlsCertificate *
make_self_signed (GError **error)
{
  g_autofree char *dir = co_test_make_temp_dir ("tls");
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                         "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                         "-keyout", key, "-out", cert, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH |
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return NULL;
  return g_tls_certificate_new_from_files (cert, key, error);
}

static void
tls_handler (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  ok_handler (NULL, message, path, user_data);
}

static void
test_tls_refused (void)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoHttpRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  Fixture fixture = { .client = client };
  GSList *uris;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend (glib-networking) is installed");
      return;
    }
  certificate = make_self_signed (&error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, tls_handler, &fixture, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  uri = g_strdup_printf ("https://127.0.0.1:%d/secret", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  /* A GET may be repeated, yet a certificate failure is not tried again. */
  request = co_http_request_new ("GET", uri);
  co_http_request_set_bearer (request, "never-sent-token");
  g_assert_null (send (&fixture, request, NULL, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_TLS);
  g_assert_false (co_error_is_retryable (error));
  g_assert_cmpint (co_http_request_get_attempts (request), ==, 1);
  g_assert_cmpuint (fixture.handled, ==, 0);
  soup_server_disconnect (server);
}

/* GnuTLS, which GIO loads as a module, has dynamic thread-local storage that
 * gcc 12's LeakSanitizer misreads when it stops the threads at exit ("Tracer
 * caught signal 11"); it need not follow __tls_get_addr for this test.  Read by
 * AddressSanitizer builds only, under what ASAN_OPTIONS says. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "intercept_tls_get_addr=0";
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync/http/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("backoff-schedule", test_backoff_schedule);
  ADD ("gives-up", test_gives_up);
  ADD ("retry-after", test_retry_after);
  ADD ("rate-limit-headers", test_rate_limit_headers);
  ADD ("limiter-paces", test_limiter_paces);
  ADD ("no-retry-unsafe", test_no_retry_unsafe);
  ADD ("keyed-retries", test_keyed_retries);
  ADD ("unreachable", test_unreachable);
  ADD ("timeout", test_timeout);
  ADD ("cancel", test_cancel);
  ADD ("sync-from-thread", test_sync_from_thread);
  ADD ("check", test_check);
#undef ADD
  g_test_add_func ("/sync/http/tls/self-signed-refused", test_tls_refused);

  return g_test_run ();
}
