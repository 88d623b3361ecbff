/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-network.h"
#include "co-cli-outbox.h"

/*
 * outbox list|retry|discard|send: what waits to reach the network, what
 * failed and why; a failed operation retried or given up; and one pass that
 * sends what is due (the app and its background service send by themselves).
 */

static int outbox_list    (CoCli *cli);
static int outbox_retry   (CoCli *cli);
static int outbox_discard (CoCli *cli);
static int outbox_send    (CoCli *cli);

static const CoCliCommand outbox_commands[] = {
  { "outbox", "list", NULL, N_("List what waits to be sent, and what failed"), outbox_list },
  { "outbox", "retry", N_("ID…"), N_("Try failed operations again"), outbox_retry },
  { "outbox", "discard", N_("ID…"), N_("Give operations up; they are kept as discarded"),
    outbox_discard },
  { "outbox", "send", NULL, N_("Send what is due now, once"), outbox_send },
};

/**
 * co_cli_outbox_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the outbox commands
 */
const CoCliCommand *
co_cli_outbox_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (outbox_commands);
  return outbox_commands;
}

static char *
dup_error_text (CoOutboxOperation *operation)
{
  g_autoptr(GError) error = co_outbox_operation_dup_error (operation);

  if (error == NULL || co_outbox_operation_get_state (operation) == CO_OUTBOX_DONE)
    return g_strdup ("");
  return g_strdup (error->message);
}

static void
print_table (GListModel *operations)
{
  g_autoptr(CoCliTable) table = co_cli_table_new (_("ID"), _("KIND"), _("ACCOUNT"), _("STATE"),
                                                  _("ATTEMPTS"), _("NEXT"), _("RESULT"), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (operations); i++)
    {
      g_autoptr(CoOutboxOperation) op = g_list_model_get_item (operations, i);
      CoOutboxState state = co_outbox_operation_get_state (op);
      g_autofree char *id = g_strdup_printf ("%lld", (long long)co_outbox_operation_get_id (op));
      g_autofree char *account = co_outbox_operation_get_account_id (op) != 0
        ? g_strdup_printf ("%lld", (long long)co_outbox_operation_get_account_id (op))
        : g_strdup ("");
      g_autofree char *attempts = g_strdup_printf ("%d", co_outbox_operation_get_attempts (op));
      g_autofree char *next = co_cli_format_time (
        state == CO_OUTBOX_PENDING ? co_outbox_operation_get_next_attempt_at (op) : 0);
      g_autofree char *result = state == CO_OUTBOX_DONE
        ? g_strdup (co_outbox_operation_get_remote_url (op) ?: co_outbox_operation_get_remote_id (op) ?: "")
        : dup_error_text (op);

      co_cli_table_add_row (table, id, co_outbox_operation_get_kind (op), account,
                            co_outbox_state_to_string (state), attempts, next, result, NULL);
    }
  co_cli_table_print (table);
}

static gboolean
parse_states (CoCli       *cli,
              const char  *names,
              gboolean     all,
              guint       *out_states,
              int         *out_exit)
{
  g_auto(GStrv) parts = NULL;

  *out_states = all ? ~0u : CO_OUTBOX_OPEN_STATES;
  if (names == NULL)
    return TRUE;
  *out_states = 0;
  parts = g_strsplit (names, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      CoOutboxState state;

      if (!co_outbox_state_from_string (g_strstrip (parts[i]), &state))
        {
          *out_exit = co_cli_usage (cli, _("“%s” is not an outbox state: use pending, sending, "
                                           "done, failed or discarded"), parts[i]);
          return FALSE;
        }
      *out_states |= CO_OUTBOX_STATE_BIT (state);
    }
  return TRUE;
}

static int
outbox_list (CoCli *cli)
{
  g_autofree char *state_names = NULL;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all,
      N_("Also list what was sent and what was discarded"), NULL },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_names,
      N_("Only operations in these states (pending,sending,done,failed,discarded)"),
      N_("STATES") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CoCliNetwork) network = NULL;
  g_autoptr(GListModel) operations = NULL;
  g_autoptr(GError) error = NULL;
  guint states, n_args;
  int exit;

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  co_cli_get_args (cli, &n_args);
  if (n_args > 0)
    return co_cli_usage (cli, _("“outbox list” takes no arguments"));
  if (!parse_states (cli, state_names, all, &states, &exit) ||
      (network = co_cli_network_open (cli, &exit)) == NULL)
    return exit;
  operations = co_outbox_list (network->outbox, states, &error);
  if (operations == NULL)
    return co_cli_fail (cli, error);
  if (!cli->json)
    {
      print_table (operations);
      return CO_CLI_EXIT_OK;
    }
  {
    g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());

    for (guint i = 0; i < g_list_model_get_n_items (operations); i++)
      {
        g_autoptr(CoOutboxOperation) op = g_list_model_get_item (operations, i);

        json_array_add_element (json_node_get_array (root), co_outbox_operation_to_json (op));
      }
    co_cli_print_json (root);
  }
  return CO_CLI_EXIT_OK;
}

typedef CoOutboxOperation *(*Change) (CoOutbox  *outbox,
                                      gint64     id,
                                      gint64     now,
                                      GError   **error);

/* Retry and discard take many ids: each is changed on its own, failures are
 * reported and the others still go through. */
static int
change_each (CoCli      *cli,
             Change      change,
             const char *done_format)
{
  g_autoptr(CoCliNetwork) network = NULL;
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  guint n_args, n_failed = 0;
  int exit, first_failure = CO_CLI_EXIT_OK;
  const char **args;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args == 0)
    return co_cli_usage (cli, _("Give the ids of the operations (see “outbox list”)"));
  if ((network = co_cli_network_open (cli, &exit)) == NULL)
    return exit;
  for (guint i = 0; i < n_args; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CoOutboxOperation) op = NULL;
      gint64 id = 0;

      if (co_cli_parse_id (args[i], &id, &error))
        op = change (network->outbox, id, g_get_real_time (), &error);
      if (op == NULL)
        {
          JsonObject *failed = json_object_new ();

          co_cli_report (cli, error);
          if (n_failed++ == 0)
            first_failure = co_cli_exit_for_error (error);
          json_object_set_string_member (failed, "id", args[i]);
          json_object_set_member (failed, "error", co_cli_error_to_json (error));
          json_array_add_element (json_node_get_array (root), co_cli_json_take_object (failed));
          continue;
        }
      if (!cli->json)
        g_print (done_format, (long long)id);
      json_array_add_element (json_node_get_array (root), co_outbox_operation_to_json (op));
    }
  if (cli->json)
    co_cli_print_json (root);
  return co_cli_batch_exit (n_args - n_failed, n_failed, first_failure);
}

static int
outbox_retry (CoCli *cli)
{
  return change_each (cli, co_outbox_retry, _("Operation %lld will be sent again\n"));
}

static int
outbox_discard (CoCli *cli)
{
  return change_each (cli, co_outbox_discard, _("Discarded operation %lld\n"));
}

static void
print_summary (CoCli                 *cli,
               const CoOutboxSummary *summary)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (!cli->json)
    {
      g_print (_("Sent %u, found already there %u, to try again %u, failed %u\n"), summary->sent,
               summary->found, summary->waiting, summary->failed);
      return;
    }
  root = co_cli_json_take_object (json_object_new ());
  object = json_node_get_object (root);
  json_object_set_int_member (object, "sent", summary->sent);
  json_object_set_int_member (object, "found", summary->found);
  json_object_set_int_member (object, "waiting", summary->waiting);
  json_object_set_int_member (object, "failed", summary->failed);
  co_cli_print_json (root);
}

static int
outbox_send (CoCli *cli)
{
  g_autoptr(CoCliNetwork) network = NULL;
  g_autoptr(GError) error = NULL;
  CoOutboxSummary summary = { 0 };
  guint n_args;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  co_cli_get_args (cli, &n_args);
  if (n_args > 0)
    return co_cli_usage (cli, _("“outbox send” takes no arguments"));
  if ((network = co_cli_network_open (cli, &exit)) == NULL)
    return exit;
  if (!co_outbox_sender_send_due_sync (network->sender, co_cli_progress_cb, cli,
                                       co_cli_get_cancellable (cli), &summary, &error))
    return co_cli_fail (cli, error);
  co_cli_clear_progress (cli);
  print_summary (cli, &summary);
  /* Operations left to try again or failed: see "outbox list". */
  return summary.waiting + summary.failed > 0 ? CO_CLI_EXIT_PARTIAL : CO_CLI_EXIT_OK;
}
