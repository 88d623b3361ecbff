/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-http-request.h"
#include "co-test-clock.h"
#include "co-test-server.h"
#include "co-test-util.h"

typedef struct
{
  char          *method;
  char          *prefix;
  CoTestHandler  handler;
  gpointer       user_data;
} Route;

typedef struct
{
  char *method;
  char *path;
} Seen;

struct _CoTestServer
{
  GObject          parent_instance;

  SoupServer      *server;
  char            *url;
  GPtrArray       *routes;    /* Route */
  GArray          *seen;      /* Seen */
  GQueue           faults;    /* CoTestFault, used before the fault function */
  CoTestFaultFunc  fault_func;
  gpointer         fault_data;
  CoTestHeldFunc   held_func;
  gpointer         held_data;
  CoTestHandler    finished_func;
  gpointer         finished_data;
  GPtrArray       *held;      /* SoupServerMessage */
};

G_DEFINE_FINAL_TYPE (CoTestServer, co_test_server, G_TYPE_OBJECT)

static void
route_free (Route *route)
{
  g_free (route->method);
  g_free (route->prefix);
  g_free (route);
}

static void
seen_clear (Seen *seen)
{
  g_free (seen->method);
  g_free (seen->path);
}

static gboolean
prefix_matches (const char *prefix,
                const char *path)
{
  gsize length = strlen (prefix);

  return strncmp (path, prefix, length) == 0 &&
         (path[length] == '\0' || path[length] == '/' || prefix[length - 1] == '/');
}

static Route *
find_route (CoTestServer *self,
            const char   *method,
            const char   *path)
{
  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *route = g_ptr_array_index (self->routes, i);

      if ((route->method == NULL || g_str_equal (route->method, method)) &&
          prefix_matches (route->prefix, path))
        return route;
    }
  return NULL;
}

static void
run_route (CoTestServer      *self,
           SoupServerMessage *message,
           const char        *path)
{
  Route *route = find_route (self, soup_server_message_get_method (message), path);

  if (route == NULL)
    {
      co_test_reply_json (message, SOUP_STATUS_NOT_FOUND, "{\"error\": \"no such route\"}");
      return;
    }
  route->handler (self, message, path, route->user_data);
}

static void
reply_fault (SoupServerMessage *message,
             const CoTestFault *fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT, fault->rate_limit_reset);

  co_test_reply_json (message, fault->status, "{\"error\": \"injected fault\"}");
  if (fault->retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After", fault->retry_after);
  if (fault->rate_limit_reset != 0)
    {
      soup_message_headers_replace (headers, "x-rate-limit-remaining", "0");
      soup_message_headers_replace (headers, "x-rate-limit-reset", reset);
    }
}

/* Closes the connection of @message without an answer: for a fake that
 * takes part of a request before the connection breaks. */
void
co_test_server_drop (SoupServerMessage *message)
{
  GIOStream *stream = soup_server_message_steal_connection (message);

  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static void
hold (CoTestServer      *self,
      SoupServerMessage *message)
{
  soup_server_message_pause (message);
  g_ptr_array_add (self->held, g_object_ref (message));
  if (self->held_func != NULL)
    self->held_func (self, self->held_data);
}

static CoTestFault
next_fault (CoTestServer      *self,
            SoupServerMessage *message,
            const char        *path)
{
  CoTestFault fault = { CO_TEST_FAULT_NONE, 0, NULL, 0 };
  CoTestFault *queued = g_queue_pop_head (&self->faults);

  if (queued != NULL)
    {
      fault = *queued;
      g_free (queued);
    }
  else if (self->fault_func != NULL)
    self->fault_func (self, message, path, &fault, self->fault_data);
  return fault;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  CoTestServer *self = user_data;
  Seen seen = { g_strdup (soup_server_message_get_method (message)), g_strdup (path) };
  CoTestFault fault;

  g_array_append_val (self->seen, seen);
  fault = next_fault (self, message, path);
  if (fault.kind == CO_TEST_FAULT_STATUS_AFTER || fault.kind == CO_TEST_FAULT_DROP_AFTER ||
      fault.kind == CO_TEST_FAULT_HOLD_AFTER || fault.kind == CO_TEST_FAULT_NONE)
    run_route (self, message, path);
  switch (fault.kind)
    {
    case CO_TEST_FAULT_STATUS:
    case CO_TEST_FAULT_STATUS_AFTER:
      reply_fault (message, &fault);
      break;
    case CO_TEST_FAULT_DROP:
    case CO_TEST_FAULT_DROP_AFTER:
      co_test_server_drop (message);
      break;
    case CO_TEST_FAULT_HOLD:
    case CO_TEST_FAULT_HOLD_AFTER:
      hold (self, message);
      break;
    case CO_TEST_FAULT_NONE:
      break;
    }
}

static void
request_aborted_cb (SoupServer        *server,
                    SoupServerMessage *message,
                    CoTestServer      *self)
{
  g_ptr_array_remove (self->held, message);
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *message,
                     CoTestServer      *self)
{
  if (self->finished_func != NULL)
    self->finished_func (self, message, g_uri_get_path (soup_server_message_get_uri (message)),
                         self->finished_data);
}

static void
co_test_server_dispose (GObject *object)
{
  CoTestServer *self = (CoTestServer *)object;

  if (self->server != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->server, self);
      soup_server_disconnect (self->server);
    }
  g_clear_object (&self->server);
  g_clear_pointer (&self->held, g_ptr_array_unref);

  G_OBJECT_CLASS (co_test_server_parent_class)->dispose (object);
}

static void
co_test_server_finalize (GObject *object)
{
  CoTestServer *self = (CoTestServer *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->routes, g_ptr_array_unref);
  g_clear_pointer (&self->seen, g_array_unref);
  g_queue_clear_full (&self->faults, g_free);

  G_OBJECT_CLASS (co_test_server_parent_class)->finalize (object);
}

static void
co_test_server_class_init (CoTestServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = co_test_server_dispose;
  G_OBJECT_CLASS (klass)->finalize = co_test_server_finalize;
}

static void
co_test_server_init (CoTestServer *self)
{
  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify)route_free);
  self->seen = g_array_new (FALSE, FALSE, sizeof (Seen));
  g_array_set_clear_func (self->seen, (GDestroyNotify)seen_clear);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_init (&self->faults);
}

/**
 * co_test_network_init:
 * @argc: the test's argument count
 * @argv: its arguments
 *
 * co_test_init() for tests that use the network.  The isolated folders hide
 * GNOME's proxy settings, whose resolver then aborts; loopback needs no proxy,
 * so the tests (and the CLI processes they start) use GIO's direct resolver.
 */
void
co_test_network_init (int    *argc,
                      char ***argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  co_test_init (argc, argv);
}

/**
 * co_test_server_new_at:
 * @port: the port to listen on, or 0 for one the system picks
 * @error: return location for a #GError
 *
 * A server listening on 127.0.0.1 at @port: the standalone runner of the
 * fakes (creatorops-fake-platforms) takes its ports from the user.
 *
 * Returns: (transfer full) (nullable): the server, or %NULL with the reason
 *   the port could not be used
 */
CoTestServer *
co_test_server_new_at (guint    port,
                       GError **error)
{
  g_autoptr(CoTestServer) self = g_object_new (CO_TYPE_TEST_SERVER, NULL);
  GSList *uris;

  self->server = soup_server_new ("server-header", "co-test-server", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  g_signal_connect (self->server, "request-aborted", G_CALLBACK (request_aborted_cb), self);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (request_finished_cb), self);
  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;
  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return g_steal_pointer (&self);
}

/* A server listening on 127.0.0.1 at a port the system picks. */
CoTestServer *
co_test_server_new (void)
{
  g_autoptr(GError) error = NULL;
  CoTestServer *self = co_test_server_new_at (0, &error);

  g_assert_no_error (error);
  return self;
}

/* "http://127.0.0.1:PORT", without a trailing slash. */
const char *
co_test_server_get_url (CoTestServer *self)
{
  return self->url;
}

/* Sends requests for @method (NULL: any) whose path is @prefix or under it to
 * @handler; the first route that matches wins. */
void
co_test_server_route (CoTestServer  *self,
                      const char    *method,
                      const char    *prefix,
                      CoTestHandler  handler,
                      gpointer       user_data)
{
  Route *route = g_new0 (Route, 1);

  route->method = g_strdup (method);
  route->prefix = g_strdup (prefix);
  route->handler = handler;
  route->user_data = user_data;
  g_ptr_array_add (self->routes, route);
}

/* Asks @func what to do with each request that no pushed fault covers. */
void
co_test_server_set_faults (CoTestServer    *self,
                           CoTestFaultFunc  func,
                           gpointer         user_data)
{
  self->fault_func = func;
  self->fault_data = user_data;
}

/* Makes the next request fail as @fault says; pushed faults are used in order. */
void
co_test_server_push_fault (CoTestServer      *self,
                           const CoTestFault *fault)
{
  g_queue_push_tail (&self->faults, g_memdup2 (fault, sizeof *fault));
}

/* Calls @func whenever a request is held without an answer, so that the test can
 * move its clock past the client's deadline. */
void
co_test_server_set_held_func (CoTestServer   *self,
                              CoTestHeldFunc  func,
                              gpointer        user_data)
{
  self->held_func = func;
  self->held_data = user_data;
}

/* Calls @func once the answer to a request has been written (request-finished). */
void
co_test_server_set_finished_func (CoTestServer  *self,
                                  CoTestHandler  func,
                                  gpointer       user_data)
{
  self->finished_func = func;
  self->finished_data = user_data;
}

/* How many requests for @method (NULL: any) under @prefix arrived, failed or not. */
guint
co_test_server_count (CoTestServer *self,
                      const char   *method,
                      const char   *prefix)
{
  guint n = 0;

  for (guint i = 0; i < self->seen->len; i++)
    {
      Seen *seen = &g_array_index (self->seen, Seen, i);

      n += (method == NULL || g_str_equal (method, seen->method)) &&
           prefix_matches (prefix, seen->path);
    }
  return n;
}

/* How many requests are held and still connected. */
guint
co_test_server_count_held (CoTestServer *self)
{
  return self->held->len;
}

/**
 * co_test_expire_cb:
 * @server: the server holding a request
 * @clock: a #CoTestClock
 *
 * A #CoTestHeldFunc: moves @clock past the HTTP client's default timeout, so that
 * the client gives up on the request held.
 */
void
co_test_expire_cb (CoTestServer *server,
                   gpointer      clock)
{
  co_test_clock_advance (clock, CO_HTTP_DEFAULT_TIMEOUT);
}

/**
 * co_test_random_fault:
 * @rand: the test's seeded generator
 * @rate: the share of requests that fail, 0 to 1
 * @now: the time (µs since 1970, UTC) a rate limit's reset is counted from
 * @fault: (out): the fault, left alone when this request goes through
 *
 * Picks, for the fault injection tests, whether a request fails and how: in
 * one of the ways a network and a service fail, before or after the service
 * did the work (an error status, 429 with rate headers, a dropped connection,
 * no answer at all).
 *
 * Returns: whether @fault was set
 */
gboolean
co_test_random_fault (GRand       *rand,
                      double       rate,
                      gint64       now,
                      CoTestFault *fault)
{
  static const CoTestFault faults[] = {
    { CO_TEST_FAULT_STATUS, 503, "2", 0 },
    { CO_TEST_FAULT_STATUS, 429, NULL, 1 },
    { CO_TEST_FAULT_STATUS, 500, NULL, 0 },
    { CO_TEST_FAULT_STATUS_AFTER, 500, NULL, 0 },
    { CO_TEST_FAULT_STATUS_AFTER, 502, NULL, 0 },
    { CO_TEST_FAULT_DROP, 0, NULL, 0 },
    { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 },
    { CO_TEST_FAULT_HOLD, 0, NULL, 0 },
    { CO_TEST_FAULT_HOLD_AFTER, 0, NULL, 0 },
  };

  if (g_rand_double (rand) >= rate)
    return FALSE;
  *fault = faults[g_rand_int_range (rand, 0, G_N_ELEMENTS (faults))];
  if (fault->rate_limit_reset != 0)
    fault->rate_limit_reset = now / G_USEC_PER_SEC + 3;
  return TRUE;
}

void
co_test_reply_json (SoupServerMessage *message,
                    guint              status,
                    const char        *json)
{
  /* set_response() appends: a fault after the handler replaces its answer. */
  soup_message_body_truncate (soup_server_message_get_response_body (message));
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

/* The request's body as JSON, or NULL. */
JsonNode *
co_test_read_json (SoupServerMessage *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *text = g_strndup (data, length);

  return json_from_string (text, NULL);
}

/* The request's form fields (application/x-www-form-urlencoded). */
GHashTable *
co_test_read_form (SoupServerMessage *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *text = g_strndup (data, length);

  return soup_form_decode (text);
}

/* The token of `Authorization: Bearer TOKEN`, or NULL. */
const char *
co_test_get_bearer (SoupServerMessage *message)
{
  const char *value = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization");

  if (value == NULL || !g_str_has_prefix (value, "Bearer "))
    return NULL;
  return value + strlen ("Bearer ");
}
