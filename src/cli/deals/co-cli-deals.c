/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "co-cli-deals-private.h"
#include "co-cli-drafts.h"

/* deals add, done, list and report; milestones are in
 * co-cli-deals-milestone.c.  Amounts are read and written as decimals of
 * their currency and kept as minor units; JSON gives both. */

static const CoCliCommand deals_commands[] = {
  { "deals", "add", N_("BRAND TITLE AMOUNT CURRENCY"),
    N_("Add a deal, or with --deliverable a deliverable to a deal"), co_cli_deals_add },
  { "deals", "done", N_("DELIVERABLE"), N_("Mark a deliverable done"), co_cli_deals_done },
  { "deals", "list", NULL, N_("List the deals and their payments, or with --due what is due"),
    co_cli_deals_list },
  { "deals", "milestone", N_("add|split|set|history …"),
    N_("Add, split and settle payment milestones, and show their history"),
    co_cli_deals_milestone },
  { "deals", "report", NULL, N_("Write the payments report as CSV"), co_cli_deals_report },
};

/**
 * co_cli_deals_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the deals commands
 */
const CoCliCommand *
co_cli_deals_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (deals_commands);
  return deals_commands;
}

/**
 * co_cli_deals_open:
 * @cli: the state of the run
 * @out_exit: (out): the exit code when %NULL is returned
 *
 * Returns: (transfer none) (nullable): the library's store
 */
CoStore *
co_cli_deals_open (CoCli *cli,
                   int   *out_exit)
{
  CoVault *vault = co_cli_open_vault (cli, out_exit);

  return vault != NULL ? co_vault_get_store (vault) : NULL;
}

/**
 * co_cli_deals_set_money:
 * @object: a JSON object
 * @name: the member's name
 * @minor: an amount in minor units
 * @currency: its currency
 *
 * Sets @name to the amount as decimal text and `@name_minor` to the
 * integer, so that scripts never need floating point.
 */
void
co_cli_deals_set_money (JsonObject *object,
                        const char *name,
                        gint64      minor,
                        const char *currency)
{
  g_autofree char *text = co_money_format (minor, currency);
  g_autofree char *minor_name = g_strdup_printf ("%s_minor", name);

  json_object_set_string_member (object, name, text);
  json_object_set_int_member (object, minor_name, minor);
}

/**
 * co_cli_deals_print_id:
 * @cli: the state of the run
 * @id: what was added or changed
 * @format: the line for people, printf()-style
 * @...: its arguments
 *
 * Prints what was done: the line for people, or `{"id": …}` with --json.
 */
void
co_cli_deals_print_id (CoCli      *cli,
                       gint64      id,
                       const char *format,
                       ...)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;
  va_list args;

  if (!cli->json)
    {
      va_start (args, format);
      line = g_strdup_vprintf (format, args);
      va_end (args);
      g_print ("%s\n", line);
      return;
    }
  root = co_cli_json_take_object (json_object_new ());
  json_object_set_int_member (json_node_get_object (root), "id", id);
  co_cli_print_json (root);
}

static int
add_deliverable (CoCli       *cli,
                 const char  *deal_text,
                 const char  *title,
                 const char  *draft_text,
                 const char  *due_text)
{
  g_autoptr(GError) error = NULL;
  gint64 deal_id, draft_id = 0, due_at = 0, id;
  CoStore *store;
  int exit;

  if (!co_cli_parse_id (deal_text, &deal_id, &error) ||
      (draft_text != NULL && !co_cli_parse_id (draft_text, &draft_id, &error)) ||
      (due_text != NULL && !co_cli_parse_date (due_text, &due_at, &error)))
    return co_cli_fail (cli, error);
  if ((store = co_cli_deals_open (cli, &exit)) == NULL)
    return exit;
  if ((id = co_deals_add_deliverable (store, deal_id, title, draft_id, due_at, &error)) == 0)
    return co_cli_fail (cli, error);
  co_cli_deals_print_id (cli, id, _("Deliverable %lld added."), (long long)id);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_deals_add:
 * @cli: the state of the run
 *
 * `deals add BRAND TITLE AMOUNT CURRENCY`, or
 * `deals add --deliverable DEAL TITLE [--draft DRAFT] [--due DATE]`
 *
 * Returns: the exit code
 */
int
co_cli_deals_add (CoCli *cli)
{
  g_autofree char *deal_text = NULL;
  g_autofree char *draft_text = NULL;
  g_autofree char *due_text = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  CoStore *store;
  guint n_args;
  gint64 amount = 0, id;
  int exit;
  const GOptionEntry entries[] = {
    { "deliverable", 0, 0, G_OPTION_ARG_STRING, &deal_text,
      N_("Add a deliverable called TITLE to the deal DEAL instead"), N_("DEAL") },
    { "draft", 0, 0, G_OPTION_ARG_STRING, &draft_text,
      N_("With --deliverable: the draft that makes it"), N_("DRAFT") },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due_text,
      N_("With --deliverable: when it is due"), N_("DATE") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (deal_text != NULL)
    return n_args == 1 ? add_deliverable (cli, deal_text, args[0], draft_text, due_text)
                       : co_cli_usage (cli, _("Give the deliverable's title"));
  if (draft_text != NULL || due_text != NULL)
    return co_cli_usage (cli, _("--draft and --due go with --deliverable"));
  if (n_args != 4)
    return co_cli_usage (cli, _("Give the brand, the deal's title, the amount and the currency, "
                                "such as: Acme \"Review\" 1500.00 USD"));
  if (!co_money_parse (args[2], args[3], &amount, &error))
    return co_cli_fail (cli, error);
  if ((store = co_cli_deals_open (cli, &exit)) == NULL)
    return exit;
  if ((id = co_deals_add (store, args[0], args[1], amount, args[3], &error)) == 0)
    return co_cli_fail (cli, error);
  co_cli_deals_print_id (cli, id, _("Deal %lld added."), (long long)id);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_deals_done:
 * @cli: the state of the run
 *
 * `deals done DELIVERABLE`
 *
 * Returns: the exit code
 */
int
co_cli_deals_done (CoCli *cli)
{
  g_autoptr(GError) error = NULL;
  const char **args;
  CoStore *store;
  guint n_args;
  gint64 id;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1)
    return co_cli_usage (cli, _("Give the id of the deliverable"));
  if (!co_cli_parse_id (args[0], &id, &error))
    return co_cli_fail (cli, error);
  if ((store = co_cli_deals_open (cli, &exit)) == NULL)
    return exit;
  if (!co_deals_set_deliverable_done (store, id, g_get_real_time (), &error))
    return co_cli_fail (cli, error);
  co_cli_deals_print_id (cli, id, _("Deliverable %lld is done."), (long long)id);
  return CO_CLI_EXIT_OK;
}

static JsonNode *
deal_to_json (const CoDeal *deal)
{
  JsonObject *object = json_object_new ();
  g_autofree char *created = co_cli_format_time (deal->created_at);

  json_object_set_int_member (object, "id", deal->id);
  json_object_set_string_member (object, "brand", deal->brand);
  json_object_set_string_member (object, "title", deal->title);
  json_object_set_string_member (object, "currency", deal->currency);
  co_cli_deals_set_money (object, "amount", deal->amount, deal->currency);
  co_cli_deals_set_money (object, "completed", deal->completed, deal->currency);
  co_cli_deals_set_money (object, "pending", deal->pending, deal->currency);
  co_cli_deals_set_money (object, "disputed", deal->disputed, deal->currency);
  co_cli_deals_set_money (object, "unallocated", deal->unallocated, deal->currency);
  json_object_set_int_member (object, "deliverables", deal->n_deliverables);
  json_object_set_int_member (object, "deliverables_done", deal->n_done);
  json_object_set_string_member (object, "created_at", created);
  return co_cli_json_take_object (object);
}

static void
print_deals (CoCli  *cli,
             GArray *deals)
{
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  g_autoptr(CoCliTable) table = NULL;

  if (!cli->json && deals->len == 0)
    {
      g_print ("%s\n", _("No deals."));
      return;
    }
  table = co_cli_table_new (_("ID"), _("BRAND"), _("TITLE"), _("AMOUNT"), _("PAID"),
                            _("PENDING"), _("DISPUTED"), _("DELIVERABLES"), NULL);
  for (guint i = 0; i < deals->len; i++)
    {
      const CoDeal *deal = &g_array_index (deals, CoDeal, i);
      g_autofree char *id = g_strdup_printf ("%lld", (long long)deal->id);
      g_autofree char *amount = co_money_format (deal->amount, deal->currency);
      g_autofree char *with_code = g_strdup_printf ("%s %s", amount, deal->currency);
      g_autofree char *paid = co_money_format (deal->completed, deal->currency);
      g_autofree char *pending = co_money_format (deal->pending, deal->currency);
      g_autofree char *disputed = co_money_format (deal->disputed, deal->currency);
      g_autofree char *made = g_strdup_printf ("%u/%u", deal->n_done, deal->n_deliverables);

      json_array_add_element (json_node_get_array (root), deal_to_json (deal));
      co_cli_table_add_row (table, id, deal->brand, deal->title, with_code, paid, pending,
                            disputed, made, NULL);
    }
  if (cli->json)
    co_cli_print_json (root);
  else
    co_cli_table_print (table);
}

static JsonNode *
reminder_to_json (const CoDealReminder *reminder)
{
  JsonObject *object = json_object_new ();
  g_autofree char *due = co_cli_format_time (reminder->due_at);

  json_object_set_string_member (object, "kind", reminder->is_milestone ? "milestone"
                                                                        : "deliverable");
  json_object_set_int_member (object, "id", reminder->id);
  json_object_set_int_member (object, "deal_id", reminder->deal_id);
  json_object_set_string_member (object, "brand", reminder->brand);
  json_object_set_string_member (object, "deal", reminder->deal);
  json_object_set_string_member (object, "title", reminder->title);
  json_object_set_string_member (object, "due", due);
  json_object_set_boolean_member (object, "overdue", reminder->overdue);
  if (reminder->draft_id != 0)
    json_object_set_int_member (object, "draft_id", reminder->draft_id);
  if (reminder->is_milestone)
    co_cli_deals_set_money (object, "amount", reminder->amount, reminder->currency);
  return co_cli_json_take_object (object);
}

static void
print_due (CoCli  *cli,
           GArray *reminders)
{
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  g_autoptr(CoCliTable) table = NULL;

  if (!cli->json && reminders->len == 0)
    {
      g_print ("%s\n", _("Nothing is due."));
      return;
    }
  table = co_cli_table_new (_("DUE"), _("KIND"), _("ID"), _("BRAND"), _("DEAL"), _("WHAT"),
                            NULL);
  for (guint i = 0; i < reminders->len; i++)
    {
      const CoDealReminder *reminder = &g_array_index (reminders, CoDealReminder, i);
      g_autofree char *due = co_cli_format_time (reminder->due_at);
      g_autofree char *when = reminder->overdue ? g_strdup_printf (_("%s (overdue)"), due)
                                                : g_strdup (due);
      g_autofree char *id = g_strdup_printf ("%lld", (long long)reminder->id);

      json_array_add_element (json_node_get_array (root), reminder_to_json (reminder));
      co_cli_table_add_row (table, when, reminder->is_milestone ? _("payment") : _("deliverable"),
                            id, reminder->brand, reminder->deal, reminder->title, NULL);
    }
  if (cli->json)
    co_cli_print_json (root);
  else
    co_cli_table_print (table);
}

/**
 * co_cli_deals_list:
 * @cli: the state of the run
 *
 * `deals list [--due [--days N]]`
 *
 * Returns: the exit code
 */
int
co_cli_deals_list (CoCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  gboolean due = FALSE;
  int days = 7;
  CoStore *store;
  int exit;
  const GOptionEntry entries[] = {
    { "due", 0, 0, G_OPTION_ARG_NONE, &due,
      N_("What is due: deliverables not done and payments pending"), NULL },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("With --due: how many days ahead (7)"),
      N_("N") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_drafts_no_args (cli, &exit))
    return exit;
  if (days < 0 || days > 3660)
    return co_cli_usage (cli, _("--days must be from 0 to 3660"));
  if ((store = co_cli_deals_open (cli, &exit)) == NULL)
    return exit;
  if (due)
    rows = co_deals_list_due (store, g_get_real_time (), days * G_TIME_SPAN_DAY, &error);
  else
    rows = co_deals_list (store, &error);
  if (rows == NULL)
    return co_cli_fail (cli, error);
  if (due)
    print_due (cli, rows);
  else
    print_deals (cli, rows);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_deals_report:
 * @cli: the state of the run
 *
 * `deals report`: the payments report as CSV on standard output; with
 * --json, the deals with their milestones.
 *
 * Returns: the exit code
 */
int
co_cli_deals_report (CoCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  CoStore *store;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit) || !co_cli_drafts_no_args (cli, &exit))
    return exit;
  if ((store = co_cli_deals_open (cli, &exit)) == NULL)
    return exit;
  if (cli->json)
    return co_cli_deals_print_report_json (cli, store);
  if ((csv = co_deals_payments_csv (store, &error)) == NULL)
    return co_cli_fail (cli, error);
  fwrite (csv, 1, strlen (csv), stdout);
  return CO_CLI_EXIT_OK;
}
