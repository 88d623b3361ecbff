/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-idea-generator-choose.h"
#include "co-idea-generator-llm.h"
#include "idea-fixture.h"

#define ENV "CREATOROPS_API_BASE_LLM"

typedef struct
{
  CoHttpClient    *http;
  GSettings       *settings;
  CoStubGenerator *offline;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_unsetenv (ENV);
  fixture->http = co_http_client_new (NULL);
  /* The tests run with the built schema and the memory backend. */
  fixture->settings = co_idea_settings_open ();
  g_assert_nonnull (fixture->settings);
  fixture->offline = g_object_new (CO_TYPE_STUB_GENERATOR, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unsetenv (ENV);
  g_settings_reset (fixture->settings, "api-base-llm");
  g_settings_reset (fixture->settings, "llm-model");
  g_settings_reset (fixture->settings, "llm-context-tokens");
  g_settings_reset (fixture->settings, "llm-first-token-timeout");
  g_clear_object (&fixture->settings);
  co_test_assert_finalized (g_steal_pointer (&fixture->offline), 1000);
  g_clear_object (&fixture->http);
}

/* The base address of the model chosen, or NULL when the offline one was. */
static char *
choose (Fixture     *fixture,
        const char  *endpoint,
        char       **why)
{
  g_autoptr(CoIdeaGenerator) generator = NULL;

  generator = co_idea_generator_choose_full (CO_IDEA_GENERATOR (fixture->offline), endpoint,
                                             fixture->http, fixture->settings, why);
  if (generator == CO_IDEA_GENERATOR (fixture->offline))
    return NULL;
  g_assert_true (CO_IS_IDEA_GENERATOR_LLM (generator));
  g_assert_true (co_idea_generator_llm_get_fallback (CO_IDEA_GENERATOR_LLM (generator)) ==
                 CO_IDEA_GENERATOR (fixture->offline));
  return g_strdup (co_llm_client_get_base (
    co_idea_generator_llm_get_client (CO_IDEA_GENERATOR_LLM (generator))));
}

static void
test_none (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *why = NULL;
  g_autofree char *base = choose (fixture, NULL, &why);

  g_assert_null (base);
  g_assert_cmpstr (why, ==, "No language model is configured");
}

static void
test_precedence (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *from_settings = NULL;
  g_autofree char *from_env = NULL;
  g_autofree char *from_arg = NULL;
  g_autofree char *why = NULL;

  g_settings_set_string (fixture->settings, "api-base-llm", "http://127.0.0.1:8001/");
  from_settings = choose (fixture, NULL, &why);
  g_assert_cmpstr (from_settings, ==, "http://127.0.0.1:8001");
  g_assert_null (why);
  g_setenv (ENV, "http://localhost:8002", TRUE);
  from_env = choose (fixture, NULL, NULL);
  g_assert_cmpstr (from_env, ==, "http://localhost:8002");
  from_arg = choose (fixture, "https://models.example.com/v1", NULL);
  g_assert_cmpstr (from_arg, ==, "https://models.example.com/v1");
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CoIdeaGenerator) generator = NULL;
  CoIdeaGeneratorLlm *llm;

  g_settings_set_string (fixture->settings, "llm-model", "llama3.2");
  g_settings_set_int (fixture->settings, "llm-context-tokens", 8192);
  generator = co_idea_generator_choose_full (CO_IDEA_GENERATOR (fixture->offline),
                                             "http://127.0.0.1:8003", fixture->http,
                                             fixture->settings, NULL);
  g_assert_true (CO_IS_IDEA_GENERATOR_LLM (generator));
  llm = CO_IDEA_GENERATOR_LLM (generator);
  g_assert_cmpstr (co_llm_client_get_model (co_idea_generator_llm_get_client (llm)), ==,
                   "llama3.2");
  g_assert_cmpuint (co_idea_generator_llm_get_context_tokens (llm), ==, 8192);
}

static void
test_bad_address (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *why = NULL;
  g_autofree char *base = NULL;
  g_autofree char *arg_why = NULL;
  g_autofree char *arg_base = NULL;

  g_setenv (ENV, "http://192.0.2.7:8080", TRUE);
  base = choose (fixture, NULL, &why);
  g_assert_null (base);
  g_assert_nonnull (strstr (why, "http://192.0.2.7:8080"));
  g_assert_nonnull (strstr (why, ENV));
  g_unsetenv (ENV);
  arg_base = choose (fixture, "ftp://models", &arg_why);
  g_assert_null (arg_base);
  g_assert_nonnull (strstr (arg_why, "ftp://models"));
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/ideas/choose/none", test_none);
  ADD ("/sync/ideas/choose/precedence", test_precedence);
  ADD ("/sync/ideas/choose/settings", test_settings);
  ADD ("/sync/ideas/choose/bad-address", test_bad_address);
#undef ADD

  return g_test_run ();
}
