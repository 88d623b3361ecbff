/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-error.h"
#include "co-llm-client.h"
#include "co-sync-error.h"
#include "idea-fixture.h"

typedef struct
{
  CoTestServer *server;
  CoTestLlm    *llm;
  CoTestClock  *clock;
  CoHttpClient *http;
  CoLlmClient  *client;
  GCancellable *cancellable;
  GPtrArray    *tokens;
  guint         tokens_at_end;
  gboolean      done;
  char         *text;
  GError       *error;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = co_test_server_new ();
  fixture->llm = co_test_llm_new (fixture->server);
  fixture->clock = co_test_clock_new (NOW);
  fixture->http = co_http_client_new (CO_CLOCK (fixture->clock));
  fixture->client = co_llm_client_new (fixture->http, co_test_server_get_url (fixture->server),
                                       "test-model");
  fixture->cancellable = g_cancellable_new ();
  fixture->tokens = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_error (&fixture->error);
  g_free (fixture->text);
  g_ptr_array_unref (fixture->tokens);
  g_object_unref (fixture->cancellable);
  co_test_assert_finalized (g_steal_pointer (&fixture->client), 5000);
  g_object_unref (fixture->http);
  g_object_unref (fixture->clock);
  co_test_llm_free (fixture->llm);
  g_object_unref (fixture->server);
}

static void
token_cb (const char *token,
          gpointer    user_data)
{
  Fixture *fixture = user_data;

  g_assert_false (fixture->done);
  g_ptr_array_add (fixture->tokens, g_strdup (token));
}

static void
chat_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->text = co_llm_client_chat_finish (CO_LLM_CLIENT (object), result, &fixture->error);
  fixture->tokens_at_end = fixture->tokens->len;
  fixture->done = TRUE;
}

static void
start (Fixture *fixture)
{
  co_llm_client_chat_async (fixture->client, "be brief", "say hello", token_cb, fixture,
                            fixture->cancellable, chat_cb, fixture);
}

static void
chat (Fixture *fixture)
{
  start (fixture);
  co_test_wait_flag (&fixture->done, 10000);
}

/* Runs what is ready to run, so that a deadline that passed has its effect. */
static void
settle (void)
{
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static gboolean
has_tokens (gpointer data)
{
  Fixture *fixture = data;

  return fixture->tokens->len >= 2;
}

static gboolean
is_held (gpointer data)
{
  Fixture *fixture = data;

  return co_test_llm_count_held (fixture->llm) > 0;
}

static void
test_stream (Fixture       *fixture,
             gconstpointer  data)
{
  const char *tokens[] = { "One", " knot", ", two", " knots", "…", NULL };
  JsonObject *body;
  JsonArray *messages;

  co_test_llm_set_tokens (fixture->llm, tokens);
  chat (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (fixture->text, ==, "One knot, two knots…");
  g_assert_cmpuint (fixture->tokens_at_end, ==, 5);
  for (guint i = 0; tokens[i] != NULL; i++)
    g_assert_cmpstr (g_ptr_array_index (fixture->tokens, i), ==, tokens[i]);
  body = json_node_get_object (co_test_llm_get_body (fixture->llm));
  g_assert_true (json_object_get_boolean_member (body, "stream"));
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "test-model");
  messages = json_object_get_array_member (body, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 1),
                                                  "content"), ==, "say hello");
  g_assert_null (co_test_llm_get_bearer (fixture->llm));
}

static void
test_key (Fixture       *fixture,
          gconstpointer  data)
{
  co_llm_client_set_key (fixture->client, "sk-test-key");
  chat (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (co_test_llm_get_bearer (fixture->llm), ==, "sk-test-key");
}

static void
test_url (void)
{
  g_autoptr(CoHttpClient) http = co_http_client_new (NULL);
  const struct { const char *base; const char *url; } cases[] = {
    { "http://127.0.0.1:11434", "http://127.0.0.1:11434/v1/chat/completions" },
    { "https://api.example.com/v1", "https://api.example.com/v1/chat/completions" },
    { "https://example.com/openai/v12", "https://example.com/openai/v12/chat/completions" },
    { "https://example.com/vx", "https://example.com/vx/v1/chat/completions" },
    { "https://example.com/v", "https://example.com/v/v1/chat/completions" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CoLlmClient) client = co_llm_client_new (http, cases[i].base, NULL);
      g_autofree char *url = co_llm_client_dup_url (client);

      g_assert_cmpstr (url, ==, cases[i].url);
      g_assert_cmpstr (co_llm_client_get_model (client), ==, "default");
    }
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  co_test_llm_set_mode (fixture->llm, CO_TEST_LLM_HOLD, 2);
  start (fixture);
  g_assert_true (co_test_wait_until (has_tokens, fixture, 10000));
  g_assert_false (fixture->done);
  g_cancellable_cancel (fixture->cancellable);
  co_test_wait_flag (&fixture->done, 10000);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->tokens->len, ==, 2);
}

static void
assert_failed (Fixture    *fixture,
               int         code,
               const char *says,
               guint       tokens)
{
  g_assert_error (fixture->error, CO_SYNC_ERROR, code);
  g_assert_nonnull (strstr (fixture->error->message, says));
  g_assert_nonnull (strstr (fixture->error->message, co_test_server_get_url (fixture->server)));
  g_assert_cmpuint (fixture->tokens->len, ==, tokens);
  g_assert_null (fixture->text);
}

static void
test_drop (Fixture       *fixture,
           gconstpointer  data)
{
  co_test_llm_set_mode (fixture->llm, CO_TEST_LLM_DROP, 2);
  chat (fixture);
  assert_failed (fixture, CO_SYNC_ERROR_UNCERTAIN, "stopped answering", 2);
}

static void
test_rate_limited (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_llm_set_mode (fixture->llm, CO_TEST_LLM_RATE_LIMITED, 0);
  chat (fixture);
  assert_failed (fixture, CO_SYNC_ERROR_RATE_LIMITED, "wait 20 s", 0);
  /* A chat is not repeated by itself. */
  g_assert_cmpuint (co_test_llm_count_requests (fixture->llm), ==, 1);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  co_test_llm_set_mode (fixture->llm, CO_TEST_LLM_MALFORMED, 2);
  chat (fixture);
  assert_failed (fixture, CO_SYNC_ERROR_PROTOCOL, "not a JSON chunk", 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->tokens, 1), ==, ", ");
}

static void
test_slow_first_token (Fixture       *fixture,
                       gconstpointer  data)
{
  co_test_llm_set_mode (fixture->llm, CO_TEST_LLM_HOLD, 0);
  start (fixture);
  g_assert_true (co_test_wait_until (is_held, fixture, 10000));
  co_test_clock_advance (fixture->clock, 29 * SECOND);
  settle ();
  g_assert_false (fixture->done);
  co_test_clock_advance (fixture->clock, 2 * SECOND);
  co_test_wait_flag (&fixture->done, 10000);
  assert_failed (fixture, CO_SYNC_ERROR_UNCERTAIN, "did not answer within 30 s", 0);
}

static void
test_total_timeout (Fixture       *fixture,
                    gconstpointer  data)
{
  co_test_llm_set_mode (fixture->llm, CO_TEST_LLM_HOLD, 2);
  start (fixture);
  g_assert_true (co_test_wait_until (has_tokens, fixture, 10000));
  /* The first text came, so only the whole answer's deadline is left. */
  co_test_clock_advance (fixture->clock, 60 * SECOND);
  settle ();
  g_assert_false (fixture->done);
  co_test_clock_advance (fixture->clock, 121 * SECOND);
  co_test_wait_flag (&fixture->done, 10000);
  assert_failed (fixture, CO_SYNC_ERROR_UNCERTAIN, "did not finish its answer within 180 s", 2);
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  co_llm_client_set_key (fixture->client, "sk-secret-8841");
  co_test_llm_set_mode (fixture->llm, CO_TEST_LLM_UNAUTHORIZED, 0);
  chat (fixture);
  assert_failed (fixture, CO_SYNC_ERROR_AUTH, "refused the key (HTTP 401)", 0);
  g_assert_cmpstr (co_test_llm_get_bearer (fixture->llm), ==, "sk-secret-8841");
  g_assert_null (strstr (fixture->error->message, "8841"));
}

/* A server that ignores "stream" still answers, in one piece. */
static void
test_not_streamed (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_llm_set_mode (fixture->llm, CO_TEST_LLM_NOT_STREAMED, 0);
  chat (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (fixture->text, ==, "Hello, world");
  g_assert_cmpuint (fixture->tokens_at_end, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->tokens, 0), ==, "Hello, world");
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CoLlmClient) closed = co_llm_client_new (fixture->http, "http://127.0.0.1:1", NULL);

  co_llm_client_chat_async (closed, "s", "u", token_cb, fixture, NULL, chat_cb, fixture);
  co_test_wait_flag (&fixture->done, 10000);
  g_assert_error (fixture->error, CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE);
  g_assert_nonnull (strstr (fixture->error->message, "could not be reached"));
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/ideas/llm-client/stream", test_stream);
  ADD ("/sync/ideas/llm-client/key", test_key);
  g_test_add_func ("/sync/ideas/llm-client/url", test_url);
  ADD ("/sync/ideas/llm-client/cancel", test_cancel);
  ADD ("/sync/ideas/llm-client/drop", test_drop);
  ADD ("/sync/ideas/llm-client/rate-limited", test_rate_limited);
  ADD ("/sync/ideas/llm-client/malformed", test_malformed);
  ADD ("/sync/ideas/llm-client/slow-first-token", test_slow_first_token);
  ADD ("/sync/ideas/llm-client/total-timeout", test_total_timeout);
  ADD ("/sync/ideas/llm-client/unauthorized", test_unauthorized);
  ADD ("/sync/ideas/llm-client/not-streamed", test_not_streamed);
  ADD ("/sync/ideas/llm-client/offline", test_offline);
#undef ADD

  return g_test_run ();
}
