/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include "co-cli-network.h"
#include "co-service-settings.h"

/*
 * The service addresses come from the app's settings when its schema is
 * installed (the CLI may run where it is not), then from the environment,
 * which wins.  The commands run in a worker thread and call the network code
 * through its _sync forms, on private main contexts, over one HTTP session.
 */

/* The app's schema, when it is installed. */
static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  return source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
}

/* The app's settings, when its schema is installed and has @key. */
static GSettings *
open_settings (const char *key)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();

  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  return g_settings_new (APP_ID);
}

/**
 * co_cli_network_dup_setting:
 * @key: a string key of the app's settings
 *
 * Returns: (transfer full) (nullable): its value, or %NULL when the app's
 *   schema is not installed where the command line runs
 */
char *
co_cli_network_dup_setting (const char *key)
{
  g_autoptr(GSettings) settings = open_settings (key);

  return settings != NULL ? g_settings_get_string (settings, key) : NULL;
}

/**
 * co_cli_network_get_int_setting:
 * @key: an integer key of the app's settings
 * @fallback: what to give when the schema is not installed
 *
 * Returns: its value, or @fallback when the app's schema is not installed
 *   where the command line runs
 */
int
co_cli_network_get_int_setting (const char *key,
                                int         fallback)
{
  g_autoptr(GSettings) settings = open_settings (key);

  return settings != NULL ? g_settings_get_int (settings, key) : fallback;
}

/**
 * co_cli_network_get_double_setting:
 * @key: a double key of the app's settings
 * @fallback: what to give when the schema is not installed
 *
 * Returns: its value, or @fallback when the app's schema is not installed
 *   where the command line runs
 */
double
co_cli_network_get_double_setting (const char *key,
                                   double      fallback)
{
  g_autoptr(GSettings) settings = open_settings (key);

  return settings != NULL ? g_settings_get_double (settings, key) : fallback;
}

static void
read_settings (CoServiceConfig *config)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL)
    return;
  settings = g_settings_new (APP_ID);
  co_service_config_apply_settings (config, settings);
}

/* A platform's client identifies its accounts and sends its operations. */
static void
add_client (CoCliNetwork *network,
            CoPlatform    platform,
            gpointer      client)
{
  co_account_manager_set_profiler (network->accounts, platform, CO_ACCOUNT_PROFILER (client));
  co_outbox_sender_add_handler (network->sender, CO_OUTBOX_HANDLER (client));
}

/**
 * co_cli_network_open:
 * @cli: the state of the run
 * @out_exit: (out): the exit code when %NULL is returned
 *
 * Opens the library and sets up the network side of it.
 *
 * Returns: (transfer full) (nullable): the network, or %NULL after reporting
 */
CoCliNetwork *
co_cli_network_open (CoCli *cli,
                     int   *out_exit)
{
  g_autoptr(CoCliNetwork) network = g_new0 (CoCliNetwork, 1);
  g_autoptr(CoAccountBook) book = NULL;
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(GError) error = NULL;
  CoVault *vault = co_cli_open_vault (cli, out_exit);
  CoStore *store;

  if (vault == NULL)
    return NULL;
  store = co_vault_get_store (vault);
  network->config = co_service_config_new ();
  read_settings (network->config);
  if (!co_service_config_apply_environment (network->config, &error))
    {
      *out_exit = co_cli_fail (cli, error);
      return NULL;
    }
  network->client = co_http_client_new (NULL);
  co_service_config_pace (network->config, co_http_client_get_rate_limiter (network->client));
  book = co_account_book_new (store);
  network->accounts = co_account_manager_new (book, network->client, network->config);
  network->outbox = co_outbox_new (store);
  network->sender = co_outbox_sender_new (network->outbox, NULL);
  network->x = co_x_client_new (network->accounts);
  add_client (network, CO_PLATFORM_X, network->x);
  network->linkedin = co_linkedin_client_new (network->accounts);
  add_client (network, CO_PLATFORM_LINKEDIN, network->linkedin);
  network->instagram = co_instagram_client_new (network->accounts);
  add_client (network, CO_PLATFORM_INSTAGRAM, network->instagram);
  network->youtube = co_youtube_client_new (network->accounts);
  add_client (network, CO_PLATFORM_YOUTUBE, network->youtube);
  drafts = co_drafts_new (store);
  network->schedule = co_schedule_new (drafts);
  network->publisher = co_publisher_new (network->schedule, network->outbox, network->sender,
                                         book);
  network->puller = co_metrics_puller_new (network->schedule, network->outbox,
                                           network->accounts);
  return g_steal_pointer (&network);
}

/**
 * co_cli_network_free:
 * @network: (transfer full): the network side of a run
 */
void
co_cli_network_free (CoCliNetwork *network)
{
  g_clear_object (&network->puller);
  g_clear_object (&network->publisher);
  g_clear_object (&network->schedule);
  g_clear_object (&network->sender);
  g_clear_object (&network->instagram);
  g_clear_object (&network->youtube);
  g_clear_object (&network->linkedin);
  g_clear_object (&network->outbox);
  g_clear_object (&network->x);
  g_clear_object (&network->accounts);
  g_clear_object (&network->client);
  g_clear_object (&network->config);
  g_free (network);
}
