/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-ideas-model.h"
#include "co-idea-generator-choose.h"
#include "co-idea-generator-llm.h"
#include "co-secrets.h"
#include "co-service-config.h"
#include "co-sync-error.h"
#include "co-sync-wait.h"

/*
 * ideas model: the language model that ideas are asked of, for scripted
 * set-ups.  The address and model go to the app's settings; the key, read
 * from standard input so it stays out of the shell's history and the process
 * list, goes to the keyring only, for that address.  The key is never
 * printed: only whether one is kept.
 */

static gboolean
store_key (CoCli       *cli,
           const char  *endpoint,
           const char  *key,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CoSyncWait wait;

  co_sync_wait_begin (&wait);
  if (key != NULL)
    co_secrets_store_async (CO_LLM_KEYRING_PLATFORM, endpoint, key, co_cli_get_cancellable (cli),
                            co_sync_wait_cb, &wait);
  else
    co_secrets_clear_async (CO_LLM_KEYRING_PLATFORM, endpoint, co_cli_get_cancellable (cli),
                            co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  return key != NULL ? co_secrets_store_finish (result, error)
                     : co_secrets_clear_finish (result, error);
}

static gboolean
has_key (CoCli      *cli,
         const char *endpoint)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *key = NULL;
  CoSyncWait wait;

  co_sync_wait_begin (&wait);
  co_secrets_lookup_async (CO_LLM_KEYRING_PLATFORM, endpoint, co_cli_get_cancellable (cli),
                           co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  /* A keyring that cannot be read holds no key for this purpose. */
  key = co_secrets_lookup_finish (result, NULL);
  return key != NULL;
}

/* The key from standard input, without the newline a pipe adds. */
static char *
read_key (CoCli   *cli,
          GError **error)
{
  g_autofree char *text = co_cli_read_stdin (cli, error);

  if (text == NULL)
    return NULL;
  g_strstrip (text);
  if (text[0] == '\0')
    {
      g_set_error_literal (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
                           _("Standard input held no key for the language model"));
      return NULL;
    }
  return g_steal_pointer (&text);
}

static gboolean
save_settings (GSettings   *settings,
               const char  *endpoint,
               const char  *model,
               GError     **error)
{
  g_autoptr(CoServiceConfig) config = co_service_config_new ();

  if (endpoint != NULL && !co_service_config_set_base (config, CO_SERVICE_LLM, endpoint, error))
    return FALSE;
  if ((endpoint != NULL || model != NULL) && settings == NULL)
    {
      g_set_error_literal (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
                           _("The app's settings are not installed here; set "
                             "CREATOROPS_API_BASE_LLM instead"));
      return FALSE;
    }
  if (endpoint != NULL)
    g_settings_set_string (settings, "api-base-llm",
                           co_service_config_get_base (config, CO_SERVICE_LLM));
  if (model != NULL)
    g_settings_set_string (settings, "llm-model", model);
  return TRUE;
}

static void
print_model (CoCli      *cli,
             GSettings  *settings,
             const char *endpoint,
             gboolean    key)
{
  g_autofree char *model = settings != NULL ? g_settings_get_string (settings, "llm-model")
                                            : NULL;
  int tokens = settings != NULL ? g_settings_get_int (settings, "llm-context-tokens")
                                : CO_LLM_DEFAULT_CONTEXT_TOKENS;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (!cli->json)
    {
      g_print (_("Endpoint: %s\n"), endpoint != NULL ? endpoint : _("none (ideas are made offline)"));
      g_print (_("Model: %s\n"), model != NULL && model[0] != '\0' ? model : "default");
      g_print (_("Context size: %d tokens\n"), tokens);
      g_print (_("Key: %s\n"), key ? _("kept in the keyring") : _("none"));
      return;
    }
  root = co_cli_json_take_object (json_object_new ());
  object = json_node_get_object (root);
  if (endpoint != NULL)
    json_object_set_string_member (object, "endpoint", endpoint);
  else
    json_object_set_null_member (object, "endpoint");
  json_object_set_string_member (object, "model",
                                 model != NULL && model[0] != '\0' ? model : "default");
  json_object_set_int_member (object, "context_tokens", tokens);
  json_object_set_boolean_member (object, "key", key);
  co_cli_print_json (root);
}

/**
 * co_cli_ideas_model:
 * @cli: the state of the run
 *
 * `ideas model [--endpoint URL] [--model NAME] [--key-stdin | --forget-key]`
 *
 * Returns: the exit code
 */
int
co_cli_ideas_model (CoCli *cli)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *model = NULL;
  g_autofree char *base = NULL;
  g_autofree char *why = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GSettings) settings = co_idea_settings_open ();
  g_autoptr(GError) error = NULL;
  gboolean key_stdin = FALSE;
  gboolean forget = FALSE;
  guint n_args;
  int exit;
  const GOptionEntry entries[] = {
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint,
      N_("The model's OpenAI-compatible address, kept in the settings"), N_("URL") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, N_("The model to ask for"), N_("NAME") },
    { "key-stdin", 0, 0, G_OPTION_ARG_NONE, &key_stdin,
      N_("Read the model's key from standard input into the keyring"), NULL },
    { "forget-key", 0, 0, G_OPTION_ARG_NONE, &forget,
      N_("Remove the model's key from the keyring"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  co_cli_get_args (cli, &n_args);
  if (n_args != 0)
    return co_cli_usage (cli, _("ideas model takes options only"));
  if (key_stdin && forget)
    return co_cli_usage (cli, _("Give --key-stdin or --forget-key, not both"));
  if (!save_settings (settings, endpoint, model, &error))
    return co_cli_fail (cli, error);
  base = co_idea_generator_dup_endpoint (endpoint, settings, &why);
  if ((key_stdin || forget) && base == NULL)
    return co_cli_usage (cli, _("A key is kept for one address: give --endpoint URL (%s)"), why);
  if (key_stdin && (key = read_key (cli, &error)) == NULL)
    return co_cli_fail (cli, error);
  if ((key_stdin || forget) && !store_key (cli, base, key, &error))
    return co_cli_fail (cli, error);
  print_model (cli, settings, base, base != NULL && has_key (cli, base));
  return CO_CLI_EXIT_OK;
}
