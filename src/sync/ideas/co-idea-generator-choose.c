/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-llm"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-idea-generator-choose.h"
#include "co-idea-generator-llm.h"
#include "co-service-settings.h"

/*
 * Which generator answers: a language model when an address is given for the
 * call (`--endpoint`), in `CREATOROPS_API_BASE_LLM` or in the settings (key
 * api-base-llm), in that order; otherwise the offline generator, with the
 * reason.  The model's name, context size and timeouts come from the settings.
 */

/**
 * co_idea_settings_open:
 *
 * Returns: (transfer full) (nullable): the app's settings, or %NULL when its
 *   schema is not installed where this runs (the command line may run so)
 */
GSettings *
co_idea_settings_open (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "api-base-llm"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * co_idea_generator_dup_endpoint:
 * @endpoint: (nullable): an address given for this call
 * @settings: (nullable): the app's settings
 * @why: (out): set when %NULL is returned
 *
 * The model's address by precedence: @endpoint, then `CREATOROPS_API_BASE_LLM`,
 * then the settings; without a trailing slash.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL with @why saying
 *   that none is configured or that the one given cannot be used
 */
char *
co_idea_generator_dup_endpoint (const char  *endpoint,
                                GSettings   *settings,
                                char       **why)
{
  g_autoptr(CoServiceConfig) config = co_service_config_new ();
  const char *given = endpoint;
  g_autoptr(GError) error = NULL;
  const char *base;

  if (given == NULL || given[0] == '\0')
    given = g_getenv (co_service_get_env_name (CO_SERVICE_LLM));
  if (settings != NULL)
    co_service_config_apply_settings (config, settings);
  if (given != NULL && given[0] != '\0' &&
      !co_service_config_set_base (config, CO_SERVICE_LLM, given, &error))
    {
      *why = g_strdup (error->message);
      return NULL;
    }
  base = co_service_config_get_base (config, CO_SERVICE_LLM);
  if (base == NULL)
    *why = g_strdup (_("No language model is configured"));
  return g_strdup (base);
}

static CoIdeaGenerator *
new_model_generator (CoIdeaGenerator *offline,
                     const char      *base,
                     CoHttpClient    *http,
                     GSettings       *settings)
{
  g_autofree char *model = settings != NULL ? g_settings_get_string (settings, "llm-model")
                                            : NULL;
  g_autoptr(CoLlmClient) client = co_llm_client_new (http, base, model);
  CoIdeaGeneratorLlm *generator = co_idea_generator_llm_new (client, offline);

  if (settings != NULL)
    {
      co_llm_client_set_timeouts (client,
                                  g_settings_get_int (settings, "llm-first-token-timeout") *
                                  G_USEC_PER_SEC,
                                  g_settings_get_int (settings, "llm-timeout") * G_USEC_PER_SEC);
      co_idea_generator_llm_set_context_tokens (generator,
                                                g_settings_get_int (settings,
                                                                    "llm-context-tokens"));
    }
  return CO_IDEA_GENERATOR (generator);
}

/**
 * co_idea_generator_choose_full:
 * @offline: the offline generator, the answer of last resort
 * @endpoint: (nullable): a model's base address given for this call
 * @http: the program's HTTP client
 * @settings: (nullable): the app's settings (co_idea_settings_open())
 * @why_offline: (out) (optional): set to why @offline was chosen, or %NULL
 *
 * co_idea_generator_choose() with the client and settings given.  A bad
 * address (in @endpoint or the environment) chooses @offline, the address
 * and the reason said in @why_offline.
 *
 * Returns: (transfer full): the generator
 */
CoIdeaGenerator *
co_idea_generator_choose_full (CoIdeaGenerator  *offline,
                               const char       *endpoint,
                               CoHttpClient     *http,
                               GSettings        *settings,
                               char            **why_offline)
{
  g_autofree char *why = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (CO_IS_IDEA_GENERATOR (offline), NULL);
  g_return_val_if_fail (CO_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  base = co_idea_generator_dup_endpoint (endpoint, settings, &why);
  if (why_offline != NULL)
    *why_offline = g_steal_pointer (&why);
  if (base == NULL)
    return g_object_ref (offline);
  return new_model_generator (offline, base, http, settings);
}

/**
 * co_idea_generator_choose:
 * @offline: the offline generator, the answer of last resort
 * @endpoint: (nullable): a language model's base URL given for this call
 *   (`--endpoint`), overriding `CREATOROPS_API_BASE_LLM` and the settings
 * @why_offline: (out) (optional): set to why @offline was chosen, or %NULL
 *
 * Picks the generator to ask: a language model when one is configured (it
 * falls back to @offline by itself when the model cannot answer), otherwise
 * @offline.  The model's generator has an HTTP client of its own, for a
 * program that makes one generator in its run (the command line); the app
 * calls co_idea_generator_choose_full() with its one client.
 *
 * Returns: (transfer full): the generator
 */
CoIdeaGenerator *
co_idea_generator_choose (CoIdeaGenerator  *offline,
                          const char       *endpoint,
                          char            **why_offline)
{
  g_autoptr(CoHttpClient) http = co_http_client_new (NULL);
  g_autoptr(GSettings) settings = co_idea_settings_open ();

  g_return_val_if_fail (CO_IS_IDEA_GENERATOR (offline), NULL);

  return co_idea_generator_choose_full (offline, endpoint, http, settings, why_offline);
}
