/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-idea-generator-llm.h"
#include "co-idea-prompt.h"
#include "co-secrets.h"
#include "co-test-secrets.h"
#include "idea-fixture.h"

typedef struct
{
  CoTestServer       *server;
  CoTestLlm          *llm;
  CoTestClock        *clock;
  CoHttpClient       *http;
  CoLlmClient        *client;
  CoStubGenerator    *offline;
  CoIdeaGeneratorLlm *generator;
  CoIdeaContext      *context;
  GCancellable       *cancellable;
  GString            *partial;
  gsize               partial_at_end;
  gboolean            done;
  CoIdeaResult       *result;
  GError             *error;
} Fixture;

static const char answer[] =
  "Here are your ideas:\n"
  "```json\n"
  "{\"title\": \"Three knots in ninety seconds\", \"hook\": \"You tie this one wrong.\", "
  "\"outline\": [\"Bowline\", \"Clove hitch\", \"Trucker's hitch\"], \"edits\": [\"Cut the "
  "pause at 0:12\"], \"hashtags\": [\"knots\", \"#outdoor skills\"], \"sources\": [2, 999]}\n"
  "- {\"title\": \"Ropes on a budget\", \"hook\": \"Ten euros.\", \"outline\": \"One step\", "
  "\"sources\": [\"1\"]}\n"
  "```\n";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = co_test_server_new ();
  fixture->llm = co_test_llm_new (fixture->server);
  co_test_llm_set_answer (fixture->llm, answer, 7);
  fixture->clock = co_test_clock_new (NOW);
  fixture->http = co_http_client_new (CO_CLOCK (fixture->clock));
  fixture->client = co_llm_client_new (fixture->http, co_test_server_get_url (fixture->server),
                                       "test-model");
  fixture->offline = g_object_new (CO_TYPE_STUB_GENERATOR, NULL);
  fixture->generator = co_idea_generator_llm_new (fixture->client,
                                                  CO_IDEA_GENERATOR (fixture->offline));
  fixture->context = make_context (3, 40);
  fixture->cancellable = g_cancellable_new ();
  fixture->partial = g_string_new (NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_error (&fixture->error);
  g_clear_pointer (&fixture->result, co_idea_result_free);
  g_string_free (fixture->partial, TRUE);
  g_object_unref (fixture->cancellable);
  co_idea_context_free (fixture->context);
  co_test_assert_finalized (g_steal_pointer (&fixture->generator), 5000);
  g_object_unref (fixture->offline);
  g_object_unref (fixture->client);
  g_object_unref (fixture->http);
  g_object_unref (fixture->clock);
  co_test_llm_free (fixture->llm);
  g_object_unref (fixture->server);
}

static void
partial_cb (const char *text,
            gpointer    user_data)
{
  Fixture *fixture = user_data;

  g_assert_false (fixture->done);
  g_string_append (fixture->partial, text);
}

static void
generated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->result = co_idea_generator_generate_finish (CO_IDEA_GENERATOR (object), result,
                                                       &fixture->error);
  fixture->partial_at_end = fixture->partial->len;
  fixture->done = TRUE;
}

static void
start (Fixture *fixture)
{
  co_idea_generator_generate_async (CO_IDEA_GENERATOR (fixture->generator), fixture->context,
                                    partial_cb, fixture, fixture->cancellable, generated_cb,
                                    fixture);
}

static void
generate (Fixture *fixture)
{
  start (fixture);
  co_test_wait_flag (&fixture->done, 10000);
}

static gboolean
is_held (gpointer data)
{
  Fixture *fixture = data;

  return co_test_llm_count_held (fixture->llm) > 0;
}

static gboolean
has_partial (gpointer data)
{
  Fixture *fixture = data;

  return fixture->partial->len > 0;
}

static void
test_answer (Fixture       *fixture,
             gconstpointer  data)
{
  CoIdeaSuggestion *first;
  CoIdeaSuggestion *second;

  generate (fixture);
  g_assert_no_error (fixture->error);
  /* Every token came through, in order, before the result. */
  g_assert_cmpstr (fixture->partial->str, ==, answer);
  g_assert_cmpuint (fixture->partial_at_end, ==, strlen (answer));
  g_assert_cmpstr (fixture->result->generator, ==, "model:test-model");
  g_assert_null (fixture->result->fallback_reason);
  g_assert_cmpuint (fixture->offline->calls, ==, 0);
  g_assert_cmpuint (fixture->result->suggestions->len, ==, 2);
  first = g_ptr_array_index (fixture->result->suggestions, 0);
  g_assert_cmpstr (first->title, ==, "Three knots in ninety seconds");
  g_assert_cmpstr (first->hook, ==, "You tie this one wrong.");
  g_assert_cmpuint (g_strv_length (first->outline), ==, 3);
  g_assert_cmpstr (first->edits[0], ==, "Cut the pause at 0:12");
  g_assert_cmpstr (first->hashtags[0], ==, "#knots");
  g_assert_cmpstr (first->hashtags[1], ==, "#outdoorskills");
  /* 999 is not in the context: it is dropped. */
  g_assert_cmpuint (first->source_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (first->source_ids, gint64, 0), ==, 2);
  second = g_ptr_array_index (fixture->result->suggestions, 1);
  g_assert_cmpstr (second->outline[0], ==, "One step");
  g_assert_cmpuint (g_strv_length (second->hashtags), ==, 0);
  g_assert_cmpint (g_array_index (second->source_ids, gint64, 0), ==, 1);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  co_test_llm_set_mode (fixture->llm, CO_TEST_LLM_HOLD, 2);
  start (fixture);
  g_assert_true (co_test_wait_until (has_partial, fixture, 10000));
  g_cancellable_cancel (fixture->cancellable);
  co_test_wait_flag (&fixture->done, 10000);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (fixture->result);
  /* Cancelled is not failed: the offline generator is not asked. */
  g_assert_cmpuint (fixture->offline->calls, ==, 0);
}

typedef struct
{
  CoTestLlmMode  mode;
  guint          hold_after;
  const char    *reason;
} Failure;

static const Failure failures[] = {
  { CO_TEST_LLM_DROP, 3, "stopped answering" },
  { CO_TEST_LLM_RATE_LIMITED, 0, "is busy (HTTP 429); it asks to wait 20 s" },
  { CO_TEST_LLM_MALFORMED, 2, "not a JSON chunk" },
  { CO_TEST_LLM_HOLD, 0, "did not answer within 30 s" },
  { CO_TEST_LLM_UNAUTHORIZED, 0, "refused the key (HTTP 401)" },
  { CO_TEST_LLM_NORMAL, 0, "holds no ideas" },
};

static void
test_fallback (Fixture       *fixture,
               gconstpointer  data)
{
  const Failure *failure = data;

  co_test_llm_set_mode (fixture->llm, failure->mode, failure->hold_after);
  if (failure->mode == CO_TEST_LLM_NORMAL)
    co_test_llm_set_answer (fixture->llm, "I cannot help with that.", 5);
  start (fixture);
  if (failure->mode == CO_TEST_LLM_HOLD)
    {
      g_assert_true (co_test_wait_until (is_held, fixture, 10000));
      co_test_clock_advance (fixture->clock, 31 * SECOND);
    }
  co_test_wait_flag (&fixture->done, 10000);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (fixture->offline->calls, ==, 1);
  g_assert_cmpstr (fixture->result->generator, ==, "offline");
  g_assert_nonnull (fixture->result->fallback_reason);
  g_assert_nonnull (strstr (fixture->result->fallback_reason, failure->reason));
  g_assert_nonnull (strstr (fixture->result->fallback_reason,
                            co_test_server_get_url (fixture->server)));
  /* The model's text that came stays, then the offline answer's. */
  g_assert_true (g_str_has_suffix (fixture->partial->str, "Offline idea\n"));
}

static void
test_fallback_offline (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CoLlmClient) closed = co_llm_client_new (fixture->http, "http://127.0.0.1:1", NULL);
  g_autoptr(CoIdeaGeneratorLlm) generator = NULL;

  generator = co_idea_generator_llm_new (closed, CO_IDEA_GENERATOR (fixture->offline));
  co_idea_generator_generate_async (CO_IDEA_GENERATOR (generator), fixture->context, partial_cb,
                                    fixture, NULL, generated_cb, fixture);
  co_test_wait_flag (&fixture->done, 10000);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (fixture->result->generator, ==, "offline");
  g_assert_nonnull (strstr (fixture->result->fallback_reason,
                            "The model at http://127.0.0.1:1 could not be reached"));
}

static gsize
prompt_length (Fixture *fixture)
{
  JsonArray *messages = json_object_get_array_member (
    json_node_get_object (co_test_llm_get_body (fixture->llm)), "messages");
  gsize length = 0;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    length += strlen (json_object_get_string_member (json_array_get_object_element (messages, i),
                                                     "content"));
  return length;
}

static gboolean
prompt_has (Fixture    *fixture,
            const char *text)
{
  JsonArray *messages = json_object_get_array_member (
    json_node_get_object (co_test_llm_get_body (fixture->llm)), "messages");

  return strstr (json_object_get_string_member (json_array_get_object_element (messages, 1),
                                                "content"), text) != NULL;
}

static void
test_prompt_bounded (Fixture       *fixture,
                     gconstpointer  data)
{
  guint sizes[] = { 512, 1024, 4096 };
  gsize last = 0;

  co_idea_context_free (fixture->context);
  fixture->context = make_context (200, 2000);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gsize length;

      co_idea_generator_llm_set_context_tokens (fixture->generator, sizes[i]);
      fixture->done = FALSE;
      g_clear_pointer (&fixture->result, co_idea_result_free);
      generate (fixture);
      g_assert_no_error (fixture->error);
      length = prompt_length (fixture);
      g_assert_cmpuint (length, <=, co_idea_prompt_budget (fixture->context, sizes[i]));
      g_assert_cmpuint (length, <=, sizes[i] * CO_IDEA_PROMPT_CHARS_PER_TOKEN);
      g_assert_cmpuint (length, >, last);
      last = length;
      /* The most relevant item comes first, shortened. */
      g_assert_true (prompt_has (fixture, "[id 1]") || sizes[i] == 512);
      g_assert_false (prompt_has (fixture, "[id 200]"));
    }
  /* With room for all of it, all of it is asked. */
  co_idea_generator_llm_set_context_tokens (fixture->generator, 1000000);
  fixture->done = FALSE;
  g_clear_pointer (&fixture->result, co_idea_result_free);
  generate (fixture);
  g_assert_true (prompt_has (fixture, "[id 200]"));
  g_assert_true (prompt_has (fixture, "#knots"));
  g_assert_true (prompt_has (fixture, "Five knots every hiker needs"));
}

static void
test_parse_tolerant (void)
{
  g_autoptr(CoIdeaContext) context = make_context (2, 10);
  const struct { const char *answer; guint count; const char *title; } cases[] = {
    { "[{\"title\": \"A\"}, {\"title\": \"B\"}]", 2, "A" },
    { "1. {\"title\": \"Numbered\", \"hashtags\": \"#one\"}", 1, "Numbered" },
    { "{\"title\": \"  spaced  \"}\n{\"hook\": \"no title\"}\n{broken", 1, "spaced" },
    { "Sorry, I cannot.", 0, NULL },
    { "{\"title\": \"\"}", 0, NULL },
    { "{\"title\":\"1\"}\n{\"title\":\"2\"}\n{\"title\":\"3\"}\n{\"title\":\"4\"}", 3, "1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) ideas = co_idea_prompt_parse (cases[i].answer, context);

      g_assert_cmpuint (ideas->len, ==, cases[i].count);
      if (cases[i].title != NULL)
        g_assert_cmpstr (((CoIdeaSuggestion *)g_ptr_array_index (ideas, 0))->title, ==,
                         cases[i].title);
    }
}

static GString *captured;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if (captured == NULL)
    return g_log_writer_default (level, fields, n_fields, user_data);
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      {
        g_string_append_len (captured, fields[i].value,
                             fields[i].length < 0 ? (gssize)strlen (fields[i].value)
                                                  : fields[i].length);
        g_string_append_c (captured, '\n');
      }
  return G_LOG_WRITER_HANDLED;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_assert_true (co_secrets_store_finish (result, NULL));
  *(gboolean *)user_data = TRUE;
}

/* The key from the keyring goes to the server and nowhere else: not in the
 * logs with every debug message on, not in the reason shown, even when the
 * server echoes it in its error. */
static void
test_key_not_logged (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *key = g_strdup_printf ("sk-test-%08x%08x", g_random_int (), g_random_int ());
  const char *base = co_test_server_get_url (fixture->server);
  gboolean stored = FALSE;

  if (co_test_skip_without_keyring ())
    return;
  co_secrets_store_async (CO_LLM_KEYRING_PLATFORM, base, key, NULL, stored_cb, &stored);
  co_test_wait_flag (&stored, 10000);
  captured = g_string_new (NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  co_test_llm_set_mode (fixture->llm, CO_TEST_LLM_UNAUTHORIZED, 0);
  generate (fixture);
  co_test_forget_token (CO_LLM_KEYRING_PLATFORM, base);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (co_test_llm_get_bearer (fixture->llm), ==, key);
  g_assert_nonnull (strstr (captured->str, "Asking the model"));
  g_assert_null (strstr (captured->str, key));
  g_assert_null (strstr (fixture->result->fallback_reason, key));
  g_assert_null (strstr (fixture->partial->str, key));
  g_string_free (g_steal_pointer (&captured), TRUE);
  g_unsetenv ("G_MESSAGES_DEBUG");
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/ideas/llm/answer", test_answer, NULL);
  ADD ("/sync/ideas/llm/cancel", test_cancel, NULL);
  ADD ("/sync/ideas/llm/fallback/dropped", test_fallback, &failures[0]);
  ADD ("/sync/ideas/llm/fallback/rate-limited", test_fallback, &failures[1]);
  ADD ("/sync/ideas/llm/fallback/malformed", test_fallback, &failures[2]);
  ADD ("/sync/ideas/llm/fallback/slow-first-token", test_fallback, &failures[3]);
  ADD ("/sync/ideas/llm/fallback/unauthorized", test_fallback, &failures[4]);
  ADD ("/sync/ideas/llm/fallback/unreadable", test_fallback, &failures[5]);
  ADD ("/sync/ideas/llm/fallback/offline", test_fallback_offline, NULL);
  ADD ("/sync/ideas/llm/prompt-bounded", test_prompt_bounded, NULL);
  ADD ("/sync/ideas/llm/key-not-logged", test_key_not_logged, NULL);
  g_test_add_func ("/sync/ideas/llm/parse-tolerant", test_parse_tolerant);
#undef ADD

  return g_test_run ();
}
