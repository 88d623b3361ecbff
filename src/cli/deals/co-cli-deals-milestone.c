/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-deals-private.h"

/* deals milestone add|split|set|history|list, and the report as JSON. */

static JsonNode *
milestone_to_json (const CoDealMilestone *milestone,
                   const char            *currency)
{
  JsonObject *object = json_object_new ();
  g_autofree char *due = co_cli_format_time (milestone->due_at);
  g_autofree char *changed = co_cli_format_time (milestone->changed_at);

  json_object_set_int_member (object, "id", milestone->id);
  json_object_set_int_member (object, "deal_id", milestone->deal_id);
  json_object_set_string_member (object, "title", milestone->title);
  co_cli_deals_set_money (object, "amount", milestone->amount, currency);
  json_object_set_string_member (object, "state",
                                 co_milestone_state_to_string (milestone->state));
  if (milestone->due_at != 0)
    json_object_set_string_member (object, "due", due);
  else
    json_object_set_null_member (object, "due");
  json_object_set_string_member (object, "changed_at", changed);
  return co_cli_json_take_object (object);
}

static int
print_milestones (CoCli   *cli,
                  CoStore *store,
                  gint64   deal_id)
{
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  g_autoptr(CoCliTable) table = NULL;
  g_autoptr(GArray) milestones = NULL;
  g_autoptr(GError) error = NULL;
  CoDeal deal = { 0 };

  if (!co_deals_get (store, deal_id, &deal, &error) ||
      (milestones = co_deals_list_milestones (store, deal_id, &error)) == NULL)
    {
      co_deal_clear (&deal);
      return co_cli_fail (cli, error);
    }
  table = co_cli_table_new (_("ID"), _("TITLE"), _("AMOUNT"), _("STATE"), _("DUE"), NULL);
  for (guint i = 0; i < milestones->len; i++)
    {
      const CoDealMilestone *milestone = &g_array_index (milestones, CoDealMilestone, i);
      g_autofree char *id = g_strdup_printf ("%lld", (long long)milestone->id);
      g_autofree char *amount = co_money_format (milestone->amount, deal.currency);
      g_autofree char *due = co_cli_format_time (milestone->due_at);

      json_array_add_element (json_node_get_array (root),
                              milestone_to_json (milestone, deal.currency));
      co_cli_table_add_row (table, id, milestone->title, amount,
                            co_milestone_state_to_string (milestone->state), due, NULL);
    }
  if (cli->json)
    co_cli_print_json (root);
  else
    {
      g_autofree char *rest = co_money_format (deal.unallocated, deal.currency);

      co_cli_table_print (table);
      g_print (_("Not in a milestone yet: %s %s\n"), rest, deal.currency);
    }
  co_deal_clear (&deal);
  return CO_CLI_EXIT_OK;
}

static int
print_history (CoCli   *cli,
               CoStore *store,
               gint64   id)
{
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  g_autoptr(CoCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = co_deals_list_milestone_history (store, id, &error);

  if (changes == NULL)
    return co_cli_fail (cli, error);
  table = co_cli_table_new (_("WHEN"), _("FROM"), _("TO"), _("WHO"), _("NOTE"), NULL);
  for (guint i = 0; i < changes->len; i++)
    {
      const CoDealChange *change = &g_array_index (changes, CoDealChange, i);
      g_autofree char *when = co_cli_format_time (change->at);
      const char *from = change->from >= 0 ? co_milestone_state_to_string (change->from) : "";
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "at", when);
      if (change->from >= 0)
        json_object_set_string_member (object, "from", from);
      else
        json_object_set_null_member (object, "from");
      json_object_set_string_member (object, "to", co_milestone_state_to_string (change->to));
      json_object_set_string_member (object, "actor", change->actor);
      json_object_set_string_member (object, "note", change->note);
      json_array_add_element (json_node_get_array (root), co_cli_json_take_object (object));
      co_cli_table_add_row (table, when, from, co_milestone_state_to_string (change->to),
                            change->actor, change->note, NULL);
    }
  if (cli->json)
    co_cli_print_json (root);
  else
    co_cli_table_print (table);
  return CO_CLI_EXIT_OK;
}

static int
add_milestone (CoCli       *cli,
               CoStore     *store,
               gint64       deal_id,
               const char  *title,
               const char  *amount_text,
               gint64       due_at)
{
  g_autoptr(GError) error = NULL;
  CoDeal deal = { 0 };
  gint64 amount = 0, id = 0;

  if (co_deals_get (store, deal_id, &deal, &error) &&
      co_money_parse (amount_text, deal.currency, &amount, &error))
    id = co_deals_add_milestone (store, deal_id, title, amount, due_at, NULL, &error);
  co_deal_clear (&deal);
  if (id == 0)
    return co_cli_fail (cli, error);
  co_cli_deals_print_id (cli, id, _("Milestone %lld added."), (long long)id);
  return CO_CLI_EXIT_OK;
}

static int
run_action (CoCli        *cli,
            CoStore      *store,
            const char  **args,
            guint         n_args,
            gint64        due_at,
            const char   *note)
{
  g_autoptr(GError) error = NULL;
  CoMilestoneState state;
  guint64 n_parts = 0;
  gint64 id = 0;

  if (!co_cli_parse_id (args[1], &id, &error))
    return co_cli_fail (cli, error);
  if (g_str_equal (args[0], "add") && n_args == 4)
    return add_milestone (cli, store, id, args[2], args[3], due_at);
  if (g_str_equal (args[0], "list") && n_args == 2)
    return print_milestones (cli, store, id);
  if (g_str_equal (args[0], "history") && n_args == 2)
    return print_history (cli, store, id);
  if (g_str_equal (args[0], "split") && n_args == 3)
    {
      if (!g_ascii_string_to_unsigned (args[2], 10, 1, 1000, &n_parts, NULL))
        return co_cli_usage (cli, _("“%s” is not a number of milestones: give 1 to 1000"),
                             args[2]);
      if (!co_deals_split_milestones (store, id, n_parts, NULL, &error))
        return co_cli_fail (cli, error);
      return print_milestones (cli, store, id);
    }
  if (!co_milestone_state_from_string (args[2], &state, &error) ||
      !co_deals_set_milestone_state (store, id, state, NULL, note, &error))
    return co_cli_fail (cli, error);
  co_cli_deals_print_id (cli, id, _("Milestone %lld is %s."), (long long)id, args[2]);
  return CO_CLI_EXIT_OK;
}

/* How many arguments each action takes, the action's name included. */
static gboolean
check_action (const char **args,
              guint        n_args)
{
  const struct { const char *name; guint n; } actions[] = {
    { "add", 4 }, { "split", 3 }, { "set", 3 }, { "history", 2 }, { "list", 2 },
  };

  for (gsize i = 0; n_args > 0 && i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (args[0], actions[i].name))
      return n_args == actions[i].n;
  return FALSE;
}

/**
 * co_cli_deals_milestone:
 * @cli: the state of the run
 *
 * `deals milestone add DEAL TITLE AMOUNT [--due DATE]`,
 * `deals milestone split DEAL N`, `deals milestone set MILESTONE STATE
 * [--note TEXT]`, `deals milestone history MILESTONE`,
 * `deals milestone list DEAL`
 *
 * Returns: the exit code
 */
int
co_cli_deals_milestone (CoCli *cli)
{
  g_autofree char *due_text = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  CoStore *store;
  guint n_args;
  gint64 due_at = 0;
  int exit;
  const GOptionEntry entries[] = {
    { "due", 0, 0, G_OPTION_ARG_STRING, &due_text, N_("With add: when it is due"), N_("DATE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("With set: why"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (!check_action (args, n_args))
    return co_cli_usage (cli, _("Use: add DEAL TITLE AMOUNT, split DEAL N, set MILESTONE "
                                "pending|completed|disputed, history MILESTONE or list DEAL"));
  if (due_text != NULL && !co_cli_parse_date (due_text, &due_at, &error))
    return co_cli_fail (cli, error);
  if ((store = co_cli_deals_open (cli, &exit)) == NULL)
    return exit;
  return run_action (cli, store, args, n_args, due_at, note);
}

/**
 * co_cli_deals_print_report_json:
 * @cli: the state of the run
 * @store: the library
 *
 * The payments report as JSON: each deal with its milestones and the rest
 * no milestone covers.
 *
 * Returns: the exit code
 */
int
co_cli_deals_print_report_json (CoCli   *cli,
                                CoStore *store)
{
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  g_autoptr(GArray) deals = NULL;
  g_autoptr(GArray) milestones = NULL;
  g_autoptr(GError) error = NULL;

  if ((deals = co_deals_list (store, &error)) == NULL ||
      (milestones = co_deals_list_milestones (store, 0, &error)) == NULL)
    return co_cli_fail (cli, error);
  for (guint i = 0; i < deals->len; i++)
    {
      const CoDeal *deal = &g_array_index (deals, CoDeal, i);
      JsonObject *object = json_object_new ();
      JsonArray *parts = json_array_new ();

      json_object_set_int_member (object, "id", deal->id);
      json_object_set_string_member (object, "brand", deal->brand);
      json_object_set_string_member (object, "title", deal->title);
      json_object_set_string_member (object, "currency", deal->currency);
      co_cli_deals_set_money (object, "amount", deal->amount, deal->currency);
      co_cli_deals_set_money (object, "unallocated", deal->unallocated, deal->currency);
      for (guint k = 0; k < milestones->len; k++)
        if (g_array_index (milestones, CoDealMilestone, k).deal_id == deal->id)
          json_array_add_element (parts, milestone_to_json (&g_array_index (milestones,
                                                                            CoDealMilestone, k),
                                                            deal->currency));
      json_object_set_array_member (object, "milestones", parts);
      json_array_add_element (json_node_get_array (root), co_cli_json_take_object (object));
    }
  co_cli_print_json (root);
  return CO_CLI_EXIT_OK;
}
