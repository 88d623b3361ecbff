/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-error.h"
#include "co-sync-error.h"
#include "co-oauth.h"
#include "co-test-clock.h"
#include "co-test-oauth.h"
#include "co-test-server.h"
#include "co-test-util.h"

#define SECOND G_GINT64_CONSTANT (1000000)
#define NOW (G_GINT64_CONSTANT (1714564800) * SECOND)

typedef struct
{
  CoTestServer    *server;
  CoTestOAuth     *provider;
  CoTestClock     *clock;
  CoHttpClient    *client;
  CoServiceConfig *config;
  char            *opened;
  gboolean         done;
  CoToken         *token;
  GError          *error;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = co_test_server_new ();
  fixture->provider = co_test_oauth_new (fixture->server, CO_PLATFORM_X, "client-x");
  fixture->clock = co_test_clock_new (NOW);
  co_test_clock_set_auto_advance (fixture->clock, TRUE);
  fixture->client = co_http_client_new (CO_CLOCK (fixture->clock));
  fixture->config = co_service_config_new ();
  co_service_config_set_base (fixture->config, CO_SERVICE_OAUTH_X,
                              co_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  co_service_config_set_client_id (fixture->config, CO_PLATFORM_X, "client-x");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->token, co_token_free);
  g_clear_error (&fixture->error);
  g_free (fixture->opened);
  g_clear_pointer (&fixture->provider, co_test_oauth_free);
  co_test_assert_finalized (fixture->client, 2000);
  co_test_assert_finalized (fixture->config, 2000);
  co_test_assert_finalized (fixture->server, 2000);
  co_test_assert_finalized (fixture->clock, 2000);
}

/* Plays the user: opens the page in the fake browser. */
static void
open_cb (const char *uri,
         gpointer    user_data)
{
  Fixture *fixture = user_data;

  fixture->opened = g_strdup (uri);
  co_test_oauth_browse (fixture->provider, uri);
}

/* Plays a user who never comes back. */
static void
open_nothing_cb (const char *uri,
                 gpointer    user_data)
{
  Fixture *fixture = user_data;

  fixture->opened = g_strdup (uri);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->token = co_oauth_authorize_finish (result, &fixture->error);
  fixture->done = TRUE;
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->token = co_oauth_refresh_finish (result, &fixture->error);
  fixture->done = TRUE;
}

static void
authorize (Fixture         *fixture,
           CoOAuthOpenFunc  open_func,
           GCancellable    *cancellable)
{
  fixture->done = FALSE;
  co_oauth_authorize_async (fixture->client, fixture->config, CO_PLATFORM_X, open_func, fixture,
                            cancellable, done_cb, fixture);
  co_test_wait_flag (&fixture->done, 10000);
}

static void
refresh (Fixture    *fixture,
         const char *refresh_token)
{
  g_clear_pointer (&fixture->token, co_token_free);
  g_clear_error (&fixture->error);
  fixture->done = FALSE;
  co_oauth_refresh_async (fixture->client, fixture->config, CO_PLATFORM_X, refresh_token, NULL,
                          refreshed_cb, fixture);
  co_test_wait_flag (&fixture->done, 10000);
}

static gboolean
browsed (gpointer data)
{
  return co_test_oauth_browsed (data, NULL);
}

static void
test_authorize (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) query = NULL;
  guint status = 0;

  authorize (fixture, open_cb, NULL);
  g_assert_no_error (fixture->error);
  g_assert_nonnull (fixture->token);
  g_assert_true (g_str_has_prefix (fixture->token->access_token, "at-"));
  g_assert_true (g_str_has_prefix (fixture->token->refresh_token, "rt-"));
  g_assert_cmpint (fixture->token->expires_at, ==, NOW + 3600 * SECOND);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "authorization_code"), ==, 1);

  /* RFC 8252: a loopback IP literal with a port of our own, S256, a state. */
  uri = g_uri_parse (fixture->opened, G_URI_FLAGS_NONE, NULL);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/i/oauth2/authorize");
  query = soup_form_decode (g_uri_get_query (uri));
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (query, "redirect_uri"),
                                   "http://127.0.0.1:"));
  g_assert_cmpstr (g_hash_table_lookup (query, "code_challenge_method"), ==, "S256");
  g_assert_cmpuint (strlen (g_hash_table_lookup (query, "state")), >=, 32);
  g_assert_nonnull (strstr (g_hash_table_lookup (query, "scope"), "offline.access"));
  g_assert_true (co_test_wait_until (browsed, fixture->provider, 5000));
  co_test_oauth_browsed (fixture->provider, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_state_mismatch (Fixture       *fixture,
                     gconstpointer  data)
{
  guint status = 0;

  co_test_oauth_set_wrong_state (fixture->provider, TRUE);
  authorize (fixture, open_cb, NULL);
  g_assert_null (fixture->token);
  g_assert_error (fixture->error, CO_SYNC_ERROR, CO_SYNC_ERROR_OAUTH);
  g_assert_nonnull (strstr (fixture->error->message, "state"));
  /* The code that came with the wrong state was never exchanged. */
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "authorization_code"), ==, 0);
  g_assert_true (co_test_wait_until (browsed, fixture->provider, 5000));
  co_test_oauth_browsed (fixture->provider, &status);
  g_assert_cmpuint (status, ==, 400);
}

static void
test_denied (Fixture       *fixture,
             gconstpointer  data)
{
  co_test_oauth_set_deny (fixture->provider, TRUE);
  authorize (fixture, open_cb, NULL);
  g_assert_error (fixture->error, CO_SYNC_ERROR, CO_SYNC_ERROR_OAUTH);
  g_assert_nonnull (strstr (fixture->error->message, "access_denied"));
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "authorization_code"), ==, 0);
}

static void
test_no_client_id (Fixture       *fixture,
                   gconstpointer  data)
{
  co_service_config_set_client_id (fixture->config, CO_PLATFORM_X, NULL);
  authorize (fixture, open_cb, NULL);
  g_assert_error (fixture->error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
  g_assert_nonnull (strstr (fixture->error->message, "CREATOROPS_OAUTH_CLIENT_ID_X"));
  g_assert_null (fixture->opened);
}

static void
test_browser_timeout (Fixture       *fixture,
                      gconstpointer  data)
{
  fixture->done = FALSE;
  co_oauth_authorize_async (fixture->client, fixture->config, CO_PLATFORM_X, open_nothing_cb,
                            fixture, NULL, done_cb, fixture);
  g_assert_nonnull (fixture->opened);
  g_assert_cmpuint (co_test_clock_count_pending (fixture->clock, CO_CLOCK_DEADLINE), ==, 1);
  co_test_clock_advance (fixture->clock, CO_OAUTH_BROWSER_TIMEOUT);
  co_test_wait_flag (&fixture->done, 5000);
  g_assert_error (fixture->error, CO_SYNC_ERROR, CO_SYNC_ERROR_OAUTH);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  fixture->done = FALSE;
  co_oauth_authorize_async (fixture->client, fixture->config, CO_PLATFORM_X, open_nothing_cb,
                            fixture, cancellable, done_cb, fixture);
  g_cancellable_cancel (cancellable);
  co_test_wait_flag (&fixture->done, 5000);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (co_test_clock_count_pending (fixture->clock, CO_CLOCK_DEADLINE), ==, 0);
}

static void
test_refresh_rotates (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *first = NULL;

  authorize (fixture, open_cb, NULL);
  first = g_strdup (fixture->token->refresh_token);
  refresh (fixture, first);
  g_assert_no_error (fixture->error);
  g_assert_nonnull (fixture->token->refresh_token);
  g_assert_cmpstr (fixture->token->refresh_token, !=, first);

  /* The old one was spent. */
  refresh (fixture, first);
  g_assert_error (fixture->error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH);
  g_assert_nonnull (strstr (fixture->error->message, "invalid_grant"));
}

static void
test_refresh_keeps (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *first = NULL;

  co_test_oauth_set_rotation (fixture->provider, CO_TEST_OAUTH_KEEP);
  authorize (fixture, open_cb, NULL);
  first = g_strdup (fixture->token->refresh_token);
  refresh (fixture, first);
  g_assert_no_error (fixture->error);
  /* No new refresh token came: the caller keeps the old one, still valid. */
  g_assert_null (fixture->token->refresh_token);
  refresh (fixture, first);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "refresh_token"), ==, 2);
}

/* A failure on the way is never taken for a refused token. */
static void
test_refresh_transient (Fixture       *fixture,
                        gconstpointer  data)
{
  static const CoTestFault faults[] = {
    { CO_TEST_FAULT_STATUS, 503, NULL, 0 },
    { CO_TEST_FAULT_STATUS, 500, NULL, 0 },
    { CO_TEST_FAULT_DROP, 0, NULL, 0 },
    { CO_TEST_FAULT_HOLD, 0, NULL, 0 },
  };
  g_autofree char *first = NULL;

  authorize (fixture, open_cb, NULL);
  first = g_strdup (fixture->token->refresh_token);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      co_test_server_push_fault (fixture->server, &faults[i]);
      if (faults[i].kind == CO_TEST_FAULT_HOLD)
        co_test_server_set_held_func (fixture->server, co_test_expire_cb, fixture->clock);
      refresh (fixture, first);
      g_assert_nonnull (fixture->error);
      g_assert_false (g_error_matches (fixture->error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH));
      g_assert_true (co_error_is_retryable (fixture->error));
    }
  /* Each was sent once, not repeated, and the token still works afterwards. */
  g_assert_cmpuint (co_test_server_count (fixture->server, "POST", "/2/oauth2/token"), ==,
                    1 + G_N_ELEMENTS (faults));
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "refresh_token"), ==, 0);
  refresh (fixture, first);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "refresh_token"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync/accounts/oauth/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("authorize", test_authorize);
  ADD ("state-mismatch", test_state_mismatch);
  ADD ("denied", test_denied);
  ADD ("no-client-id", test_no_client_id);
  ADD ("browser-timeout", test_browser_timeout);
  ADD ("cancelled", test_cancelled);
  ADD ("refresh-rotates", test_refresh_rotates);
  ADD ("refresh-keeps", test_refresh_keeps);
  ADD ("refresh-transient", test_refresh_transient);
#undef ADD

  return g_test_run ();
}
