/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-drafts.h"
#include "co-cli-trends.h"
#include "co-trends.h"

/* trends: the tags and words that rise in the library; trends list, import
 * and decay (co-cli-trends-stored.c): the trends kept from CSV files. */

#define DEFAULT_DAYS 30
#define MAX_DAYS 3650
#define DEFAULT_LIMIT 20

static const CoCliCommand trends_commands[] = {
  { "trends", NULL, NULL, N_("Show the tags and words that rise in your vault and drafts"),
    co_cli_trends },
  { "trends", "list", NULL, N_("List imported trends, highest decayed score first"),
    co_cli_trends_list },
  { "trends", "import", N_("FILE"), N_("Import topics, hashtags and formats from a CSV file"),
    co_cli_trends_import },
  { "trends", "decay", NULL, N_("Archive the trends whose decayed score fell below the threshold"),
    co_cli_trends_decay },
};

/**
 * co_cli_trends_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the trends commands
 */
const CoCliCommand *
co_cli_trends_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (trends_commands);
  return trends_commands;
}

static void
print_trends (CoCli  *cli,
              GArray *trends,
              int     days)
{
  g_autoptr(CoCliTable) table = NULL;
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());

  if (!cli->json && trends->len == 0)
    {
      g_print (_("Nothing rose in the last %d days.\n"), days);
      return;
    }
  table = co_cli_table_new (_("KIND"), _("NAME"), _("RECENT"), _("BEFORE"), _("GROWTH"), NULL);
  for (guint i = 0; i < trends->len; i++)
    {
      const CoTrend *trend = &g_array_index (trends, CoTrend, i);
      g_autofree char *recent = g_strdup_printf ("%u", trend->recent);
      g_autofree char *before = g_strdup_printf ("%u", trend->before);
      g_autofree char *growth = g_strdup_printf ("×%.1f", trend->growth);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "kind", co_trend_kind_to_string (trend->kind));
      json_object_set_string_member (object, "name", trend->name);
      json_object_set_int_member (object, "recent", trend->recent);
      json_object_set_int_member (object, "before", trend->before);
      json_object_set_double_member (object, "growth", trend->growth);
      json_array_add_object_element (json_node_get_array (root), object);
      co_cli_table_add_row (table, co_trend_kind_to_string (trend->kind), trend->name, recent,
                            before, growth, NULL);
    }
  if (cli->json)
    co_cli_print_json (root);
  else
    co_cli_table_print (table);
}

/**
 * co_cli_trends:
 * @cli: the state of the run
 *
 * `trends [--days N] [--limit N]`: the tags and words of the vault items
 * imported, and the drafts started, in the last N days (30 by default)
 * that more of them have than in the N days before.
 *
 * Returns: the exit code
 */
int
co_cli_trends (CoCli *cli)
{
  g_autoptr(GArray) trends = NULL;
  g_autoptr(GError) error = NULL;
  int days = DEFAULT_DAYS, limit = DEFAULT_LIMIT;
  CoVault *vault;
  int exit;
  const GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days,
      N_("Compare the last N days with the N days before (default 30)"), N_("N") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N trends (default 20, 0 for all)"),
      N_("N") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_drafts_no_args (cli, &exit))
    return exit;
  if (days < 1 || days > MAX_DAYS)
    return co_cli_usage (cli, _("--days must be 1 to %d, not %d"), MAX_DAYS, days);
  if (limit < 0)
    return co_cli_usage (cli, _("--limit must be 0 or more, not %d"), limit);
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  trends = co_trends_rising (co_vault_get_store (vault), g_get_real_time (), days, limit, &error);
  if (trends == NULL)
    return co_cli_fail (cli, error);
  print_trends (cli, trends, days);
  return CO_CLI_EXIT_OK;
}
