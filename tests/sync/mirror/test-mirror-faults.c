/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-sync-error.h"
#include "mirror-fixture.h"

/*
 * Syncs through a loopback proxy in front of PouchDB Server that injects
 * faults into one request in five: server errors before or after the
 * server did the work, connections dropped before or after it, and answers
 * cut short.  A sync may fail; the next one resumes.  Once the faults stop,
 * both libraries converge, and nothing is there twice.  The HTTP client's
 * back-offs are short (its deadlines are not).  Each case prints its seed.
 */

/* The system's clock, except that the client's own waits (back-offs) last
 * at most a tenth of a second. */
#define SHORT_DELAY (G_USEC_PER_SEC / 10)
#define FAST_TYPE_CLOCK (fast_clock_get_type ())
G_DECLARE_FINAL_TYPE (FastClock, fast_clock, FAST, CLOCK, CoClock)

struct _FastClock
{
  CoClock parent_instance;
};

G_DEFINE_FINAL_TYPE (FastClock, fast_clock, CO_TYPE_CLOCK)

static void
fast_clock_sleep_async (CoClock             *clock,
                        gint64               usec,
                        CoClockSleep         kind,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  CO_CLOCK_CLASS (fast_clock_parent_class)->sleep_async (clock, kind == CO_CLOCK_DELAY
                                                                ? MIN (usec, SHORT_DELAY) : usec,
                                                          kind, cancellable, callback, user_data);
}

static void
fast_clock_class_init (FastClockClass *klass)
{
  CO_CLOCK_CLASS (klass)->sleep_async = fast_clock_sleep_async;
}

static void
fast_clock_init (FastClock *self)
{
}

#define N_CASES 20

typedef struct
{
  GRand      *rand;
  SoupSession *session;
  char       *target;     /* PouchDB Server's address */
  gboolean    faulty;
  guint       n_faults;
} Proxy;

/* Passes the request on to the server, and its answer back (cut short one
 * time in twenty when faults are on). */
static void
forward_cb (CoTestServer      *server,
            SoupServerMessage *message,
            const char        *path,
            gpointer           data)
{
  Proxy *proxy = data;
  GUri *uri = soup_server_message_get_uri (message);
  g_autofree char *url = g_strconcat (proxy->target, path, g_uri_get_query (uri) ? "?" : "",
                                      g_uri_get_query (uri) ? g_uri_get_query (uri) : "", NULL);
  g_autoptr(SoupMessage) request = soup_message_new (soup_server_message_get_method (message),
                                                     url);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GBytes) answer = NULL;
  gsize length;

  if (g_bytes_get_size (bytes) > 0)
    soup_message_set_request_body_from_bytes (request, "application/json", bytes);
  answer = soup_session_send_and_read (proxy->session, request, NULL, NULL);
  g_assert_nonnull (answer);
  length = g_bytes_get_size (answer);
  if (proxy->faulty && g_rand_int_range (proxy->rand, 0, 20) == 0)
    {
      length /= 2;
      proxy->n_faults++;
    }
  soup_server_message_set_status (message, soup_message_get_status (request), NULL);
  /* No connection is used twice.  libsoup 3.2.3 dereferences NULL, now and
   * then, when a request is sent again on a pooled connection after the
   * server dropped one mid-request (the dropped connection faults here); a
   * fresh connection per request keeps these tests about the mirror. */
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Connection",
                                "close");
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (answer, NULL), length);
}

static void
fault_cb (CoTestServer      *server,
          SoupServerMessage *message,
          const char        *path,
          CoTestFault       *fault,
          gpointer           data)
{
  static const CoTestFaultKind kinds[] = {
    CO_TEST_FAULT_STATUS, CO_TEST_FAULT_STATUS_AFTER, CO_TEST_FAULT_DROP,
    CO_TEST_FAULT_DROP_AFTER,
  };
  Proxy *proxy = data;

  if (!proxy->faulty || g_rand_int_range (proxy->rand, 0, 5) != 0)
    return;
  fault->kind = kinds[g_rand_int_range (proxy->rand, 0, G_N_ELEMENTS (kinds))];
  fault->status = g_rand_boolean (proxy->rand) ? SOUP_STATUS_INTERNAL_SERVER_ERROR
                                               : SOUP_STATUS_SERVICE_UNAVAILABLE;
  proxy->n_faults++;
}

static void
add_notes (CoTestSide *side,
           GRand      *rand,
           const char *prefix)
{
  for (int i = g_rand_int_range (rand, 20, 60); i > 0; i--)
    {
      g_autofree char *title = g_strdup_printf ("%s %d", prefix, i);

      co_test_side_add_note (side, title, NULL);
    }
}

/* Edits some of the notes, sometimes the same ones as the other side. */
static void
edit_notes (CoTestSide *side,
            GRand      *rand,
            const char *prefix)
{
  g_autoptr(GError) error = NULL;
  gint64 n = co_test_side_count (side, "SELECT max (id) FROM vault_items");

  for (int i = g_rand_int_range (rand, 1, 10); i > 0; i--)
    {
      g_autofree char *title = g_strdup_printf ("%s edit %d", prefix, i);

      co_vault_update_text (side->vault, g_rand_int_range (rand, 1, n + 1), title, NULL, &error);
      g_assert_no_error (error);
    }
}

/* A sync through the proxy: it may fail, but only as the network does. */
static gboolean
try_sync (CoTestSide   *side,
          const char   *url,
          CoHttpClient *client)
{
  g_auto(SyncRun) run;

  sync_side_run_with (side, url, client, 0, &run);
  if (run.ok)
    return run.report.pulled > 0 || run.report.pushed > 0;
  g_test_message ("a sync failed: %s", run.error->message);
  g_assert_true (run.error->domain == CO_SYNC_ERROR || run.error->domain == CO_MIRROR_ERROR);
  return TRUE;
}

static void
test_faults (gconstpointer data)
{
  CoTestCouch *couch = co_test_couch_get ();
  g_autofree char *db = couch ? co_test_couch_new_db (couch, "faults") : NULL;
  g_autoptr(CoTestServer) server = NULL;
  g_autoptr(CoClock) clock = NULL;
  g_autoptr(CoHttpClient) client = NULL;
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoTestSide) b = NULL;
  g_autofree char *url = NULL;
  g_autofree char *state_a = NULL;
  g_autofree char *state_b = NULL;
  Proxy proxy = { 0 };
  guint round;

  if (db == NULL)
    return;
  proxy.rand = g_rand_new_with_seed (co_test_seed () + GPOINTER_TO_UINT (data) * 2654435761u);
  proxy.session = soup_session_new ();
  proxy.target = g_strdup (co_test_couch_get_url (couch));
  server = co_test_server_new ();
  co_test_server_route (server, NULL, "/", forward_cb, &proxy);
  co_test_server_set_faults (server, fault_cb, &proxy);
  clock = g_object_new (FAST_TYPE_CLOCK, NULL);
  client = co_http_client_new (clock);
  co_http_client_set_jitter_seed (client, g_rand_int (proxy.rand));
  url = g_strconcat (co_test_server_get_url (server), db + strlen (proxy.target), NULL);
  a = co_test_side_new ("a");
  b = co_test_side_new ("b");

  proxy.faulty = TRUE;
  add_notes (a, proxy.rand, "A");
  add_notes (b, proxy.rand, "B");
  for (round = 0; round < 6; round++)
    {
      try_sync (a, url, client);
      try_sync (b, url, client);
      edit_notes (round % 2 ? a : b, proxy.rand, round % 2 ? "A" : "B");
    }
  proxy.faulty = FALSE;
  for (round = 0; round < 6; round++)
    {
      gboolean moved = try_sync (a, url, client);

      if (!(try_sync (b, url, client) || moved))
        break;
    }
  g_assert_cmpuint (round, <, 6);
  g_test_message ("%u faults injected", proxy.n_faults);
  state_a = co_test_side_state (a);
  state_b = co_test_side_state (b);
  g_assert_cmpstr (state_a, ==, state_b);
  g_assert_cmpint (co_test_side_count (a, "SELECT count (*) FROM vault_items"), ==,
                   co_test_side_count (a, "SELECT count (DISTINCT m.doc_id) FROM mirror_records m"
                                          " WHERE m.kind = 'vault_item' AND m.deleted = 0"));
  g_clear_object (&server);
  g_clear_object (&proxy.session);
  g_free (proxy.target);
  g_rand_free (proxy.rand);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  co_test_network_init (&argc, &argv);
  for (guint i = 0, n = co_test_cases (N_CASES); i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/sync/mirror/faults/%02u", i);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_faults);
    }
  status = g_test_run ();
  co_test_couch_stop ();
  return status;
}
