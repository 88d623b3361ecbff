/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-account-manager.h"
#include "co-error.h"
#include "co-sync-error.h"
#include "co-secrets.h"
#include "co-test-clock.h"
#include "co-test-oauth.h"
#include "co-test-secrets.h"
#include "co-test-server.h"
#include "co-test-util.h"

#define SECOND G_GINT64_CONSTANT (1000000)
#define NOW (G_GINT64_CONSTANT (1714564800) * SECOND)

/* A profiler for the fake platform: GET /me with the token. */
#define TEST_TYPE_PROFILER (test_profiler_get_type ())
G_DECLARE_FINAL_TYPE (TestProfiler, test_profiler, TEST, PROFILER, GObject)

struct _TestProfiler
{
  GObject       parent_instance;
  CoHttpClient *client;
  char         *url;
};

static void test_profiler_iface_init (CoAccountProfilerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestProfiler, test_profiler, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_ACCOUNT_PROFILER,
                                                      test_profiler_iface_init))

static void
me_cb (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonNode) json = NULL;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || !co_http_response_check (response, &error) ||
      (json = co_http_response_parse_json (response, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, json_node_ref (json), (GDestroyNotify)json_node_unref);
}

static void
test_profiler_fetch_async (CoAccountProfiler   *profiler,
                           const char          *access_token,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  TestProfiler *self = TEST_PROFILER (profiler);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(CoHttpRequest) request = co_http_request_new ("GET", self->url);

  co_http_request_set_bearer (request, access_token);
  co_http_client_send_async (self->client, request, cancellable, me_cb, task);
}

static gboolean
test_profiler_fetch_finish (CoAccountProfiler  *profiler,
                            GAsyncResult       *result,
                            char              **out_remote_id,
                            char              **out_display_name,
                            GError            **error)
{
  g_autoptr(JsonNode) json = g_task_propagate_pointer (G_TASK (result), error);
  JsonObject *object;

  if (json == NULL)
    return FALSE;
  object = json_node_get_object (json);
  *out_remote_id = g_strdup (json_object_get_string_member (object, "id"));
  *out_display_name = g_strdup (json_object_get_string_member (object, "name"));
  return TRUE;
}

static void
test_profiler_finalize (GObject *object)
{
  TestProfiler *self = TEST_PROFILER (object);

  g_clear_object (&self->client);
  g_free (self->url);
  G_OBJECT_CLASS (test_profiler_parent_class)->finalize (object);
}

static void
test_profiler_iface_init (CoAccountProfilerInterface *iface)
{
  iface->fetch_async = test_profiler_fetch_async;
  iface->fetch_finish = test_profiler_fetch_finish;
}

static void
test_profiler_class_init (TestProfilerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_profiler_finalize;
}

static void
test_profiler_init (TestProfiler *self)
{
}

typedef struct
{
  CoStore          *store;
  CoTestServer     *server;
  CoTestOAuth      *provider;
  CoTestClock      *clock;
  CoHttpClient     *client;
  CoServiceConfig  *config;
  CoAccountManager *manager;
  TestProfiler     *profiler;
  char             *remote_id;
  gboolean          done;
  GObject          *result;
  CoToken          *token;
  GError           *error;
} Fixture;

static void
me_handler (CoTestServer      *server,
            SoupServerMessage *message,
            const char        *path,
            gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *json = NULL;

  if (!co_test_oauth_accepts (fixture->provider, co_test_get_bearer (message)))
    {
      co_test_reply_json (message, 401, "{\"title\": \"Unauthorized\"}");
      return;
    }
  json = g_strdup_printf ("{\"id\": \"%s\", \"name\": \"@maker\"}", fixture->remote_id);
  co_test_reply_json (message, 200, json);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoAccountBook) book = NULL;

  fixture->store = co_test_store_new ();
  fixture->server = co_test_server_new ();
  fixture->provider = co_test_oauth_new (fixture->server, CO_PLATFORM_X, "client-x");
  co_test_server_route (fixture->server, "GET", "/me", me_handler, fixture);
  fixture->clock = co_test_clock_new (NOW);
  co_test_clock_set_auto_advance (fixture->clock, TRUE);
  fixture->client = co_http_client_new (CO_CLOCK (fixture->clock));
  fixture->config = co_service_config_new ();
  co_service_config_set_base (fixture->config, CO_SERVICE_OAUTH_X,
                              co_test_server_get_url (fixture->server), NULL);
  co_service_config_set_client_id (fixture->config, CO_PLATFORM_X, "client-x");
  book = co_account_book_new (fixture->store);
  fixture->manager = co_account_manager_new (book, fixture->client, fixture->config);
  fixture->profiler = g_object_new (TEST_TYPE_PROFILER, NULL);
  fixture->profiler->client = g_object_ref (fixture->client);
  fixture->profiler->url = g_strconcat (co_test_server_get_url (fixture->server), "/me", NULL);
  co_account_manager_set_profiler (fixture->manager, CO_PLATFORM_X,
                                   CO_ACCOUNT_PROFILER (fixture->profiler));
  /* Each test has an account of its own in the shared keyring. */
  fixture->remote_id = g_strdup_printf ("u-%08x", g_random_int ());
}

static void
clear_result (Fixture *fixture)
{
  g_clear_object (&fixture->result);
  g_clear_pointer (&fixture->token, co_token_free);
  g_clear_error (&fixture->error);
  fixture->done = FALSE;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_forget_token ("x", fixture->remote_id);
  clear_result (fixture);
  g_free (fixture->remote_id);
  g_clear_pointer (&fixture->provider, co_test_oauth_free);
  co_test_assert_finalized (fixture->manager, 2000);
  co_test_assert_finalized (fixture->profiler, 2000);
  co_test_assert_finalized (fixture->client, 2000);
  co_test_assert_finalized (fixture->config, 2000);
  co_test_assert_finalized (fixture->server, 2000);
  co_test_assert_finalized (fixture->clock, 2000);
  co_test_assert_finalized (fixture->store, 2000);
}

static void
browse_cb (const char *uri,
           gpointer    user_data)
{
  co_test_oauth_browse (((Fixture *)user_data)->provider, uri);
}

static void
account_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *fixture = user_data;

  /* All the account calls finish the same way: a task holding an account. */
  fixture->result = g_task_propagate_pointer (G_TASK (result), &fixture->error);
  fixture->done = TRUE;
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->token = co_account_manager_get_token_finish (CO_ACCOUNT_MANAGER (object), result,
                                                        &fixture->error);
  fixture->done = TRUE;
}

static CoAccount *
connect (Fixture *fixture)
{
  clear_result (fixture);
  co_account_manager_connect_async (fixture->manager, CO_PLATFORM_X, browse_cb, fixture, NULL,
                                    account_cb, fixture);
  co_test_wait_flag (&fixture->done, 10000);
  g_assert_no_error (fixture->error);
  return CO_ACCOUNT (fixture->result);
}

static void
get_token (Fixture *fixture,
           gint64   id,
           gboolean force)
{
  clear_result (fixture);
  co_account_manager_get_token_async (fixture->manager, id, force, NULL, token_cb, fixture);
  co_test_wait_flag (&fixture->done, 10000);
}

static void
check (Fixture *fixture,
       gint64   id)
{
  clear_result (fixture);
  co_account_manager_check_async (fixture->manager, id, NULL, account_cb, fixture);
  co_test_wait_flag (&fixture->done, 10000);
}

typedef struct
{
  gboolean  done;
  CoToken  *token;
} Lookup;

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autofree char *json = co_secrets_lookup_finish (result, NULL);

  lookup->token = json != NULL ? co_token_new_from_json (json, NOW, NULL) : NULL;
  lookup->done = TRUE;
}

/* What the keyring holds for the fixture's account, or NULL. */
static CoToken *
kept_token (Fixture *fixture)
{
  Lookup lookup = { FALSE, NULL };

  co_secrets_lookup_async ("x", fixture->remote_id, NULL, looked_up_cb, &lookup);
  co_test_wait_flag (&lookup.done, 10000);
  return lookup.token;
}

static CoAccountState
state_of (Fixture *fixture,
          gint64   id)
{
  g_autoptr(CoAccount) account = co_account_book_get (
    co_account_manager_get_book (fixture->manager), id, NULL);

  return co_account_get_state (account);
}

static void
test_connect (Fixture       *fixture,
              gconstpointer  data)
{
  CoAccount *account;
  g_autoptr(CoToken) kept = NULL;

  if (co_test_skip_without_keyring ())
    return;
  account = connect (fixture);
  g_assert_cmpstr (co_account_get_remote_id (account), ==, fixture->remote_id);
  g_assert_cmpstr (co_account_get_display_name (account), ==, "@maker");
  g_assert_cmpint (co_account_get_state (account), ==, CO_ACCOUNT_CONNECTED);
  kept = kept_token (fixture);
  g_assert_nonnull (kept);
  g_assert_true (co_test_oauth_accepts (fixture->provider, kept->access_token));

  /* The database has the account, and none of its secrets. */
  co_test_assert_no_secret_in_dir (co_store_get_data_dir (fixture->store),
                                   co_test_oauth_get_issued (fixture->provider));
}

static void
test_reconnect_keeps_refresh (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(CoToken) first = NULL;
  g_autoptr(CoToken) second = NULL;
  g_autoptr(CoToken) third = NULL;
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  id = co_account_get_id (connect (fixture));
  first = kept_token (fixture);

  /* The provider sends no refresh token this time: the one kept stays. */
  co_test_oauth_set_code_refresh (fixture->provider, FALSE);
  g_assert_cmpint (co_account_get_id (connect (fixture)), ==, id);
  second = kept_token (fixture);
  g_assert_cmpstr (second->access_token, !=, first->access_token);
  g_assert_cmpstr (second->refresh_token, ==, first->refresh_token);

  /* It sends one: that replaces it. */
  co_test_oauth_set_code_refresh (fixture->provider, TRUE);
  connect (fixture);
  third = kept_token (fixture);
  g_assert_nonnull (third->refresh_token);
  g_assert_cmpstr (third->refresh_token, !=, first->refresh_token);
}

static void
test_refresh_before_expiry (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CoToken) before = NULL;
  g_autoptr(CoToken) after = NULL;
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  id = co_account_get_id (connect (fixture));
  before = kept_token (fixture);
  get_token (fixture, id, FALSE);
  g_assert_cmpstr (fixture->token->access_token, ==, before->access_token);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "refresh_token"), ==, 0);

  /* Within five minutes of its expiry it is renewed, and the renewal kept. */
  co_test_clock_advance (fixture->clock, 3600 * SECOND - CO_TOKEN_REFRESH_MARGIN + SECOND);
  get_token (fixture, id, FALSE);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (fixture->token->access_token, !=, before->access_token);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "refresh_token"), ==, 1);
  after = kept_token (fixture);
  g_assert_cmpstr (after->access_token, ==, fixture->token->access_token);
  g_assert_cmpstr (after->refresh_token, ==, co_test_oauth_get_last_refresh (fixture->provider));
  g_assert_cmpstr (after->refresh_token, !=, before->refresh_token);
}

static void
test_refresh_kept (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CoToken) before = NULL;
  g_autoptr(CoToken) after = NULL;
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  co_test_oauth_set_rotation (fixture->provider, CO_TEST_OAUTH_KEEP);
  id = co_account_get_id (connect (fixture));
  before = kept_token (fixture);
  get_token (fixture, id, TRUE);
  g_assert_no_error (fixture->error);
  after = kept_token (fixture);
  g_assert_cmpstr (after->access_token, !=, before->access_token);
  g_assert_cmpstr (after->refresh_token, ==, before->refresh_token);
}

static void
test_refused_refresh (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  id = co_account_get_id (connect (fixture));
  co_test_oauth_revoke_refresh (fixture->provider);
  co_test_clock_advance (fixture->clock, 3600 * SECOND);
  get_token (fixture, id, FALSE);
  g_assert_error (fixture->error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH);
  g_assert_cmpint (state_of (fixture, id), ==, CO_ACCOUNT_RECONNECT);

  /* Marked: no more requests until the user connects it again. */
  get_token (fixture, id, FALSE);
  g_assert_error (fixture->error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "refresh_token"), ==, 1);
  connect (fixture);
  g_assert_cmpint (state_of (fixture, id), ==, CO_ACCOUNT_CONNECTED);
}

static void
test_transient_refresh (Fixture       *fixture,
                        gconstpointer  data)
{
  CoTestFault unavailable = { CO_TEST_FAULT_STATUS, 503, NULL, 0 };
  g_autoptr(CoToken) before = NULL;
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  id = co_account_get_id (connect (fixture));
  before = kept_token (fixture);

  /* Due for renewal but still valid: the renewal fails, the token is used. */
  co_test_clock_advance (fixture->clock, 3600 * SECOND - 60 * SECOND);
  co_test_server_push_fault (fixture->server, &unavailable);
  get_token (fixture, id, FALSE);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (fixture->token->access_token, ==, before->access_token);
  g_assert_cmpint (state_of (fixture, id), ==, CO_ACCOUNT_CONNECTED);

  /* Expired: the caller learns the renewal failed, and may try again later. */
  co_test_clock_advance (fixture->clock, 120 * SECOND);
  co_test_server_push_fault (fixture->server, &unavailable);
  get_token (fixture, id, FALSE);
  g_assert_error (fixture->error, CO_SYNC_ERROR, CO_SYNC_ERROR_HTTP);
  g_assert_true (co_error_is_retryable (fixture->error));
  g_assert_cmpint (state_of (fixture, id), ==, CO_ACCOUNT_CONNECTED);
  get_token (fixture, id, FALSE);
  g_assert_no_error (fixture->error);
}

typedef struct
{
  gboolean  done;
  CoToken  *token;
} Waiter;

static void
waiter_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->token = co_account_manager_get_token_finish (CO_ACCOUNT_MANAGER (object), result,
                                                       NULL);
  waiter->done = TRUE;
}

/* Two callers who need a renewal at once share one: a rotating refresh token
 * used twice would be refused the second time. */
static void
test_one_refresh_at_a_time (Fixture       *fixture,
                            gconstpointer  data)
{
  Waiter waiters[3] = { { 0 } };
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  id = co_account_get_id (connect (fixture));
  co_test_clock_advance (fixture->clock, 3600 * SECOND);
  for (guint i = 0; i < G_N_ELEMENTS (waiters); i++)
    co_account_manager_get_token_async (fixture->manager, id, FALSE, NULL, waiter_cb,
                                        &waiters[i]);
  for (guint i = 0; i < G_N_ELEMENTS (waiters); i++)
    {
      co_test_wait_flag (&waiters[i].done, 10000);
      g_assert_nonnull (waiters[i].token);
      g_assert_cmpstr (waiters[i].token->access_token, ==, waiters[0].token->access_token);
    }
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "refresh_token"), ==, 1);
  g_assert_cmpint (state_of (fixture, id), ==, CO_ACCOUNT_CONNECTED);
  for (guint i = 0; i < G_N_ELEMENTS (waiters); i++)
    co_token_free (waiters[i].token);
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  id = co_account_get_id (connect (fixture));
  check (fixture, id);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "refresh_token"), ==, 0);

  /* Refused although in date: one forced renewal, then accepted. */
  co_test_oauth_revoke_access (fixture->provider);
  check (fixture, id);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "refresh_token"), ==, 1);
  g_assert_cmpint (co_account_get_state (CO_ACCOUNT (fixture->result)), ==,
                   CO_ACCOUNT_CONNECTED);

  co_test_oauth_revoke_access (fixture->provider);
  co_test_oauth_revoke_refresh (fixture->provider);
  check (fixture, id);
  g_assert_error (fixture->error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH);
  g_assert_cmpint (state_of (fixture, id), ==, CO_ACCOUNT_RECONNECT);
}

static void
test_disconnect (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CoToken) kept = NULL;
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  id = co_account_get_id (connect (fixture));
  clear_result (fixture);
  co_account_manager_disconnect_async (fixture->manager, id, NULL, account_cb, fixture);
  co_test_wait_flag (&fixture->done, 10000);
  g_assert_no_error (fixture->error);
  g_assert_cmpint (co_account_get_state (CO_ACCOUNT (fixture->result)), ==,
                   CO_ACCOUNT_DISCONNECTED);
  kept = kept_token (fixture);
  g_assert_null (kept);
  get_token (fixture, id, FALSE);
  g_assert_error (fixture->error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_NOT_CONNECTED);
}

static void
add_token (Fixture    *fixture,
           const char *json,
           const char *remote_id,
           const char *name)
{
  clear_result (fixture);
  co_account_manager_add_token_async (fixture->manager, CO_PLATFORM_X, json, remote_id, name,
                                      NULL, account_cb, fixture);
  co_test_wait_flag (&fixture->done, 10000);
}

static void
test_add_token (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *minted = co_test_oauth_mint (fixture->provider, 3600);
  g_autoptr(CoToken) kept = NULL;

  if (co_test_skip_without_keyring ())
    return;
  /* Without an id and a name, the platform is asked. */
  add_token (fixture, minted, NULL, NULL);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (co_account_get_remote_id (CO_ACCOUNT (fixture->result)), ==,
                   fixture->remote_id);
  kept = kept_token (fixture);
  g_assert_nonnull (kept->refresh_token);

  add_token (fixture, "{\"access_token\": \"secret-1\", \"expires_in\": \"soon\"}", "7", "@a");
  g_assert_error (fixture->error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID);
  g_assert_null (strstr (fixture->error->message, "secret-1"));

  /* A platform nobody can ask needs the id and the name given. */
  co_account_manager_set_profiler (fixture->manager, CO_PLATFORM_X, NULL);
  add_token (fixture, minted, NULL, "@named");
  g_assert_error (fixture->error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID);
  g_assert_nonnull (strstr (fixture->error->message, "add-token"));
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync/accounts/manager/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("connect", test_connect);
  ADD ("reconnect-keeps-refresh", test_reconnect_keeps_refresh);
  ADD ("refresh-before-expiry", test_refresh_before_expiry);
  ADD ("refresh-kept", test_refresh_kept);
  ADD ("refused-refresh", test_refused_refresh);
  ADD ("transient-refresh", test_transient_refresh);
  ADD ("one-refresh-at-a-time", test_one_refresh_at_a_time);
  ADD ("check", test_check);
  ADD ("disconnect", test_disconnect);
  ADD ("add-token", test_add_token);
#undef ADD

  return g_test_run ();
}
