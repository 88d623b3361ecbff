/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "co-cli-accounts.h"
#include "co-cli-network.h"
#include "co-sync-wait.h"

/*
 * accounts list|connect|add-token|disconnect|check.  Tokens never appear in
 * what these print: an account is its platform, id, name and state.
 */

/* A token JSON is small; more than this on standard input is a mistake. */
#define MAX_TOKEN_JSON (64 * 1024)

static int accounts_list       (CoCli *cli);
static int accounts_connect    (CoCli *cli);
static int accounts_add_token  (CoCli *cli);
static int accounts_disconnect (CoCli *cli);
static int accounts_check      (CoCli *cli);

static const CoCliCommand accounts_commands[] = {
  { "accounts", "list", NULL, N_("List the connected accounts and their state"), accounts_list },
  { "accounts", "connect", NULL, N_("Connect an account by signing in in the browser"),
    accounts_connect },
  { "accounts", "add-token", NULL, N_("Connect an account with a token JSON read from standard "
                                      "input"), accounts_add_token },
  { "accounts", "disconnect", N_("ID"), N_("Disconnect an account and forget its token"),
    accounts_disconnect },
  { "accounts", "check", N_("[ID…]"), N_("Check that the platforms accept the accounts' tokens"),
    accounts_check },
};

/**
 * co_cli_accounts_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the accounts commands
 */
const CoCliCommand *
co_cli_accounts_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (accounts_commands);
  return accounts_commands;
}

static void
print_accounts (CoCli      *cli,
                GListModel *accounts)
{
  g_autoptr(CoCliTable) table = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (cli->json)
    {
      root = co_cli_json_take_array (json_array_new ());
      for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
        {
          g_autoptr(CoAccount) account = g_list_model_get_item (accounts, i);

          json_array_add_element (json_node_get_array (root), co_account_to_json (account));
        }
      co_cli_print_json (root);
      return;
    }
  table = co_cli_table_new (_("ID"), _("PLATFORM"), _("NAME"), _("STATE"), _("CHECKED"), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(CoAccount) account = g_list_model_get_item (accounts, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, co_account_get_id (account));
      g_autofree char *checked = co_cli_format_time (co_account_get_checked_at (account));

      co_cli_table_add_row (table, id, co_platform_to_string (co_account_get_platform (account)),
                            co_account_get_display_name (account),
                            co_account_state_to_string (co_account_get_state (account)), checked,
                            NULL);
    }
  co_cli_table_print (table);
}

static void
print_account (CoCli      *cli,
               CoAccount  *account,
               const char *format)
{
  g_autoptr(JsonNode) json = NULL;

  if (!cli->json)
    {
      /* The name comes from the platform or the command line. */
      g_autofree char *name = co_cli_escape (co_account_get_display_name (account));

      g_print (format, co_platform_display_name (co_account_get_platform (account)), name,
               (long long)co_account_get_id (account));
      return;
    }
  json = co_account_to_json (account);
  co_cli_print_json (json);
}

static gboolean
no_arguments (CoCli *cli,
              int   *out_exit)
{
  guint n_args;
  const char **args = co_cli_get_args (cli, &n_args);

  if (n_args == 0)
    return TRUE;
  *out_exit = co_cli_usage (cli, _("Unexpected argument “%s”"), args[0]);
  return FALSE;
}

static gboolean
parse_platform (CoCli       *cli,
                const char  *name,
                CoPlatform  *out_platform,
                int         *out_exit)
{
  g_autoptr(GError) error = NULL;

  if (name == NULL)
    {
      *out_exit = co_cli_usage (cli, _("Say which platform with --platform (x, linkedin, "
                                       "instagram, youtube)"));
      return FALSE;
    }
  if (co_platform_from_string (name, out_platform, &error))
    return TRUE;
  *out_exit = co_cli_fail (cli, error);
  return FALSE;
}

static int
accounts_list (CoCli *cli)
{
  g_autoptr(CoCliNetwork) network = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit) || !no_arguments (cli, &exit))
    return exit;
  if ((network = co_cli_network_open (cli, &exit)) == NULL)
    return exit;
  accounts = co_account_book_list (co_account_manager_get_book (network->accounts), &error);
  if (accounts == NULL)
    return co_cli_fail (cli, error);
  print_accounts (cli, accounts);
  return CO_CLI_EXIT_OK;
}

static void
print_sign_in_uri (const char *uri,
                   gpointer    user_data)
{
  CoCli *cli = user_data;

  co_cli_clear_progress (cli);
  /* On standard error: standard output is kept for the result. */
  g_printerr ("%s\n  %s\n%s\n", _("Open this address in your browser to sign in:"), uri,
              _("Waiting for the browser to come back…"));
}

static int
accounts_connect (CoCli *cli)
{
  g_autofree char *platform_name = NULL;
  const GOptionEntry entries[] = {
    { "platform", 'p', 0, G_OPTION_ARG_STRING, &platform_name,
      N_("The platform: x, linkedin, instagram or youtube"), N_("PLATFORM") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CoCliNetwork) network = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  CoPlatform platform;
  CoSyncWait wait;
  int exit;

  if (!co_cli_parse (cli, entries, &exit) || !no_arguments (cli, &exit) ||
      !parse_platform (cli, platform_name, &platform, &exit))
    return exit;
  if ((network = co_cli_network_open (cli, &exit)) == NULL)
    return exit;
  co_sync_wait_begin (&wait);
  co_account_manager_connect_async (network->accounts, platform, print_sign_in_uri, cli,
                                    co_cli_get_cancellable (cli), co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  account = co_account_manager_connect_finish (network->accounts, result, &error);
  if (account == NULL)
    return co_cli_fail (cli, error);
  print_account (cli, account, _("Connected the %s account %s (id %lld)\n"));
  return CO_CLI_EXIT_OK;
}

/* Reads standard input to its end: the token, which is never printed back. */
static char *
read_standard_input (GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GInputStream) input = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[4096];
  gssize n;

  while ((n = g_input_stream_read (input, buffer, sizeof buffer, cancellable, error)) > 0)
    {
      g_byte_array_append (bytes, buffer, (guint)n);
      if (bytes->len > MAX_TOKEN_JSON)
        {
          g_set_error (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID,
                       _("The token on standard input is longer than %d bytes"),
                       MAX_TOKEN_JSON);
          return NULL;
        }
    }
  if (n < 0)
    return NULL;
  g_byte_array_append (bytes, (const guint8 *)"", 1);
  return (char *)g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

static CoAccount *
add_token (CoCliNetwork  *network,
           CoCli         *cli,
           CoPlatform     platform,
           const char    *json,
           const char    *remote_id,
           const char    *name,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CoSyncWait wait;

  co_sync_wait_begin (&wait);
  co_account_manager_add_token_async (network->accounts, platform, json, remote_id, name,
                                      co_cli_get_cancellable (cli), co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  return co_account_manager_add_token_finish (network->accounts, result, error);
}

static int
accounts_add_token (CoCli *cli)
{
  g_autofree char *platform_name = NULL;
  g_autofree char *remote_id = NULL;
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "platform", 'p', 0, G_OPTION_ARG_STRING, &platform_name,
      N_("The platform: x, linkedin, instagram or youtube"), N_("PLATFORM") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &remote_id,
      N_("The account's id on the platform (else asked from the platform)"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The account's name"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CoCliNetwork) network = NULL;
  g_autoptr(CoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  char *json = NULL;
  CoPlatform platform;
  int exit;

  if (!co_cli_parse (cli, entries, &exit) || !no_arguments (cli, &exit) ||
      !parse_platform (cli, platform_name, &platform, &exit))
    return exit;
  if ((network = co_cli_network_open (cli, &exit)) == NULL)
    return exit;
  json = read_standard_input (co_cli_get_cancellable (cli), &error);
  if (json != NULL)
    account = add_token (network, cli, platform, json, remote_id, name, &error);
  co_secret_free (json);
  if (account == NULL)
    return co_cli_fail (cli, error);
  print_account (cli, account, _("Connected the %s account %s (id %lld)\n"));
  return CO_CLI_EXIT_OK;
}

static int
accounts_disconnect (CoCli *cli)
{
  g_autoptr(CoCliNetwork) network = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  CoSyncWait wait;
  guint n_args;
  gint64 id;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1)
    return co_cli_usage (cli, _("Give the id of one account (see “accounts list”)"));
  if (!co_cli_parse_id (args[0], &id, &error))
    return co_cli_fail (cli, error);
  if ((network = co_cli_network_open (cli, &exit)) == NULL)
    return exit;
  co_sync_wait_begin (&wait);
  co_account_manager_disconnect_async (network->accounts, id, co_cli_get_cancellable (cli),
                                       co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  account = co_account_manager_disconnect_finish (network->accounts, result, &error);
  if (account == NULL)
    return co_cli_fail (cli, error);
  print_account (cli, account, _("Disconnected the %s account %s (id %lld)\n"));
  return CO_CLI_EXIT_OK;
}

/* The ids given, or every account that is not disconnected. */
static GArray *
ids_to_check (CoCli          *cli,
              CoCliNetwork   *network,
              GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GListModel) accounts = NULL;
  guint n_args;
  const char **args = co_cli_get_args (cli, &n_args);

  for (guint i = 0; i < n_args; i++)
    {
      gint64 id;

      if (!co_cli_parse_id (args[i], &id, error))
        return NULL;
      g_array_append_val (ids, id);
    }
  if (n_args > 0)
    return g_steal_pointer (&ids);
  accounts = co_account_book_list (co_account_manager_get_book (network->accounts), error);
  for (guint i = 0; accounts != NULL && i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(CoAccount) account = g_list_model_get_item (accounts, i);
      gint64 id = co_account_get_id (account);

      if (co_account_get_state (account) != CO_ACCOUNT_DISCONNECTED)
        g_array_append_val (ids, id);
    }
  return accounts != NULL ? g_steal_pointer (&ids) : NULL;
}

static CoAccount *
check_one (CoCliNetwork  *network,
           CoCli         *cli,
           gint64         id,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CoSyncWait wait;

  co_sync_wait_begin (&wait);
  co_account_manager_check_async (network->accounts, id, co_cli_get_cancellable (cli),
                                  co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  return co_account_manager_check_finish (network->accounts, result, error);
}

static JsonNode *
checked_to_json (CoCliNetwork *network,
                 gint64        id,
                 const GError *error)
{
  g_autoptr(CoAccount) account = co_account_book_get (
    co_account_manager_get_book (network->accounts), id, NULL);
  JsonNode *node = account != NULL ? co_account_to_json (account)
                                   : co_cli_json_take_object (json_object_new ());

  if (account == NULL)
    json_object_set_int_member (json_node_get_object (node), "id", id);
  if (error != NULL)
    json_object_set_member (json_node_get_object (node), "error", co_cli_error_to_json (error));
  return node;
}

static int
accounts_check (CoCli *cli)
{
  g_autoptr(CoCliNetwork) network = NULL;
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint n_failed = 0;
  int exit, first_failure = CO_CLI_EXIT_OK;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  if ((network = co_cli_network_open (cli, &exit)) == NULL)
    return exit;
  if ((ids = ids_to_check (cli, network, &error)) == NULL)
    return co_cli_fail (cli, error);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GError) check_error = NULL;
      g_autoptr(CoAccount) account = check_one (network, cli, id, &check_error);

      if (account == NULL && n_failed++ == 0)
        first_failure = co_cli_exit_for_error (check_error);
      if (account == NULL)
        co_cli_report (cli, check_error);
      else if (!cli->json)
        print_account (cli, account, _("The %s account %s (id %lld) works\n"));
      json_array_add_element (json_node_get_array (root),
                              checked_to_json (network, id, check_error));
    }
  if (cli->json)
    co_cli_print_json (root);
  return co_cli_batch_exit (ids->len - n_failed, n_failed, first_failure);
}
