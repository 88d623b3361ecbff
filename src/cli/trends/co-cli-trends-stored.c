/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-csv.h"
#include "co-cli-drafts.h"
#include "co-cli-network.h"
#include "co-cli-trends.h"
#include "co-trend-store.h"

/*
 * trends list, import and decay: the topics, hashtags and formats kept from
 * CSV files.  Scores decay with the app's trends-half-life-days setting
 * (--half-life overrides it); decay archives below trends-archive-threshold
 * (--threshold overrides it).
 */

#define DEFAULT_LIMIT 20

static double
half_life_setting (void)
{
  return co_cli_network_get_double_setting ("trends-half-life-days",
                                            CO_TREND_HALF_LIFE_DAYS_DEFAULT);
}

static CoStore *
open_store (CoCli *cli,
            int   *out_exit)
{
  CoVault *vault = co_cli_open_vault (cli, out_exit);

  return vault != NULL ? co_vault_get_store (vault) : NULL;
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static JsonObject *
trend_to_json (const CoStoredTrend *trend)
{
  JsonObject *object = json_object_new ();
  g_autoptr(GDateTime) observed = g_date_time_new_from_unix_utc (trend->observed_at /
                                                                G_USEC_PER_SEC);

  json_object_set_int_member (object, "id", trend->id);
  json_object_set_string_member (object, "platform", co_platform_to_string (trend->platform));
  json_object_set_string_member (object, "kind", co_stored_trend_kind_to_string (trend->kind));
  json_object_set_string_member (object, "name", trend->name);
  json_object_set_double_member (object, "score", trend->score);
  json_object_set_double_member (object, "current", trend->current);
  json_object_set_int_member (object, "observed_at", trend->observed_at / G_USEC_PER_SEC);
  json_object_set_boolean_member (object, "archived", trend->archived_at != 0);
  return object;
}

static void
print_trends (CoCli  *cli,
              GArray *trends,
              guint   total)
{
  g_autoptr(CoCliTable) table = NULL;
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());

  if (!cli->json && trends->len == 0)
    {
      g_print (_("No trends (%u in all).\n"), total);
      return;
    }
  table = co_cli_table_new (_("PLATFORM"), _("KIND"), _("NAME"), _("SCORE"), _("NOW"),
                            _("OBSERVED"), _("ARCHIVED"), NULL);
  for (guint i = 0; i < trends->len; i++)
    {
      const CoStoredTrend *trend = &g_array_index (trends, CoStoredTrend, i);
      g_autofree char *score = g_strdup_printf ("%.2f", trend->score);
      g_autofree char *current = g_strdup_printf ("%.2f", trend->current);
      g_autofree char *observed = format_time (trend->observed_at);

      json_array_add_object_element (json_node_get_array (root), trend_to_json (trend));
      co_cli_table_add_row (table, co_platform_to_string (trend->platform),
                            co_stored_trend_kind_to_string (trend->kind), trend->name, score,
                            current, observed, trend->archived_at != 0 ? _("yes") : "", NULL);
    }
  if (cli->json)
    co_cli_print_json (root);
  else
    co_cli_table_print (table);
}

/* Reads --platform and --kind into @query. */
static gboolean
read_filters (const char    *platform_name,
              const char    *kind_name,
              CoPlatform    *platform,
              CoStoredTrendKind *kind,
              CoTrendQuery  *query,
              GError       **error)
{
  if (platform_name != NULL)
    {
      if (!co_platform_from_string (platform_name, platform, error))
        return FALSE;
      query->platform = platform;
    }
  if (kind_name != NULL)
    {
      if (!co_stored_trend_kind_from_string (kind_name, kind, error))
        return FALSE;
      query->kind = kind;
    }
  return TRUE;
}

/**
 * co_cli_trends_list:
 * @cli: the state of the run
 *
 * `trends list [--platform P] [--kind K] [--archived] [--limit N]
 * [--offset N] [--half-life DAYS]`: the kept trends ranked by their score
 * decayed to now.
 *
 * Returns: the exit code
 */
int
co_cli_trends_list (CoCli *cli)
{
  g_autofree char *platform_name = NULL, *kind_name = NULL;
  CoTrendQuery query = { .limit = DEFAULT_LIMIT, .half_life_days = half_life_setting () };
  int limit = DEFAULT_LIMIT, offset = 0, exit;
  g_autoptr(GArray) trends = NULL;
  g_autoptr(GError) error = NULL;
  CoStoredTrendKind kind;
  CoPlatform platform;
  CoStore *store;
  guint total;
  const GOptionEntry entries[] = {
    { "platform", 'p', 0, G_OPTION_ARG_STRING, &platform_name,
      N_("Only platform P: x, linkedin, instagram or youtube"), N_("P") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name,
      N_("Only kind K: topic, hashtag or format"), N_("K") },
    { "archived", 0, 0, G_OPTION_ARG_NONE, &query.archived,
      N_("Include archived trends"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N trends (default 20, 0 for all)"),
      N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N trends"), N_("N") },
    { "half-life", 0, 0, G_OPTION_ARG_DOUBLE, &query.half_life_days,
      N_("Halve scores every DAYS days (default: the app's setting, 7)"), N_("DAYS") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_drafts_no_args (cli, &exit))
    return exit;
  if (limit < 0 || offset < 0)
    return co_cli_usage (cli, _("--limit and --offset must be 0 or more"));
  query.limit = limit;
  query.offset = offset;
  query.now = g_get_real_time ();
  if (!read_filters (platform_name, kind_name, &platform, &kind, &query, &error))
    return co_cli_fail (cli, error);
  if ((store = open_store (cli, &exit)) == NULL)
    return exit;
  if ((trends = co_trend_store_list (store, &query, &total, &error)) == NULL)
    return co_cli_fail (cli, error);
  print_trends (cli, trends, total);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_trends_import:
 * @cli: the state of the run
 *
 * `trends import FILE`: keeps the trends of a CSV file; bad rows are
 * reported by line and skipped.
 *
 * Returns: the exit code
 */
int
co_cli_trends_import (CoCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CoCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  guint n_args;
  CoStore *store;
  int exit;

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1)
    return co_cli_usage (cli, _("Give one CSV file of trends"));
  if ((store = open_store (cli, &exit)) == NULL)
    return exit;
  report = co_trend_import_csv (store, args[0], g_get_real_time (), &error);
  if (report == NULL)
    return co_cli_fail (cli, error);
  return co_cli_csv_print_report (cli, args[0], report);
}

/**
 * co_cli_trends_decay:
 * @cli: the state of the run
 *
 * `trends decay [--half-life DAYS] [--threshold S]`: archives the trends
 * whose score, decayed to now, is below the threshold.
 *
 * Returns: the exit code
 */
int
co_cli_trends_decay (CoCli *cli)
{
  double half_life = half_life_setting ();
  double threshold = co_cli_network_get_double_setting ("trends-archive-threshold",
                                                        CO_TREND_ARCHIVE_THRESHOLD_DEFAULT);
  g_autoptr(GError) error = NULL;
  guint archived = 0;
  CoStore *store;
  int exit;
  const GOptionEntry entries[] = {
    { "half-life", 0, 0, G_OPTION_ARG_DOUBLE, &half_life,
      N_("Halve scores every DAYS days (default: the app's setting, 7)"), N_("DAYS") },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("Archive below score S (default: the app's setting, 1)"), N_("S") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_drafts_no_args (cli, &exit))
    return exit;
  if ((store = open_store (cli, &exit)) == NULL)
    return exit;
  if (!co_trend_store_archive (store, g_get_real_time (), half_life, threshold, &archived,
                               &error))
    return co_cli_fail (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());

      json_object_set_int_member (json_node_get_object (root), "archived", archived);
      json_object_set_double_member (json_node_get_object (root), "half_life_days", half_life);
      json_object_set_double_member (json_node_get_object (root), "threshold", threshold);
      co_cli_print_json (root);
    }
  else
    g_print (ngettext ("%u trend archived\n", "%u trends archived\n", archived), archived);
  return CO_CLI_EXIT_OK;
}
