/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-analytics.h"

/* The views of analytics over time: one post's samples, the daily gains. */

static char *
format_local (gint64     usec,
              GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;

  return local != NULL ? g_date_time_format_iso8601 (local) : g_strdup ("?");
}

/* One row of a table of counts: @first (and @second), then the counts. */
static void
add_counts_row (CoCliTable         *table,
                const char         *first,
                const char         *second,
                const CoEngagement *counts)
{
  g_auto(GStrv) cells = co_cli_analytics_counts_cells (counts);

  if (second != NULL)
    co_cli_table_add_row (table, first, second, cells[0], cells[1], cells[2], cells[3], cells[4],
                          NULL);
  else
    co_cli_table_add_row (table, first, cells[0], cells[1], cells[2], cells[3], cells[4], NULL);
}

static void
print_samples (CoCli     *cli,
               GArray    *samples,
               GTimeZone *zone)
{
  g_autoptr(CoCliTable) table = NULL;

  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());

      for (guint i = 0; i < samples->len; i++)
        {
          const CoAnalyticsSample *sample = &g_array_index (samples, CoAnalyticsSample, i);
          JsonNode *node = co_cli_analytics_counts_json (&sample->counts);
          g_autofree char *at = format_local (sample->collected_at, zone);

          json_object_remove_member (json_node_get_object (node), "posts");
          json_object_set_string_member (json_node_get_object (node), "collected_at", at);
          json_array_add_element (json_node_get_array (root), node);
        }
      co_cli_print_json (root);
      return;
    }
  table = co_cli_table_new (_("COLLECTED"), _("VIEWS"), _("LIKES"), _("COMMENTS"), _("SHARES"),
                            _("ENGAGEMENT"), NULL);
  for (guint i = 0; i < samples->len; i++)
    {
      const CoAnalyticsSample *sample = &g_array_index (samples, CoAnalyticsSample, i);
      g_autofree char *at = format_local (sample->collected_at, zone);

      add_counts_row (table, at, NULL, &sample->counts);
    }
  co_cli_table_print (table);
}

/**
 * co_cli_analytics_post:
 * @cli: the state of the run
 *
 * `analytics post PLATFORM POST-ID [--tz ZONE]`: the post's counts at each
 * collection, the oldest first.
 *
 * Returns: the exit code
 */
int
co_cli_analytics_post (CoCli *cli)
{
  g_auto(CoCliAnalyticsView) view = { 0 };
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  CoPlatform platform;
  guint n_args;
  int exit;

  if (!co_cli_analytics_parse (cli, &view, NULL, 2,
                               _("Give the platform and the post's id: analytics post x 1234"),
                               &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (view.csv != NULL)
    return co_cli_usage (cli, _("One post's metrics cannot be written as CSV; use "
                                "“analytics posts --csv FILE”"));
  if (!co_platform_from_string (args[0], &platform, &error) ||
      (samples = co_analytics_post_series (view.store, platform, args[1], &error)) == NULL)
    return co_cli_fail (cli, error);
  print_samples (cli, samples, view.zone);
  return CO_CLI_EXIT_OK;
}

static void
print_days (CoCli  *cli,
            GArray *days)
{
  g_autoptr(CoCliTable) table = NULL;
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());

  if (!cli->json && days->len == 0)
    {
      g_print ("%s\n", _("No metrics were collected in this range."));
      return;
    }
  table = co_cli_table_new (_("DAY"), _("PLATFORM"), _("VIEWS"), _("LIKES"), _("COMMENTS"),
                            _("SHARES"), _("ENGAGEMENT"), NULL);
  for (guint i = 0; i < days->len; i++)
    {
      const CoAnalyticsDay *day = &g_array_index (days, CoAnalyticsDay, i);
      g_autofree char *date = g_strdup_printf ("%04d-%02d-%02d", day->year, day->month, day->day);
      JsonNode *node = co_cli_analytics_counts_json (&day->gained);

      json_object_set_string_member (json_node_get_object (node), "date", date);
      json_object_set_string_member (json_node_get_object (node), "platform",
                                     co_platform_to_string (day->platform));
      json_array_add_element (json_node_get_array (root), node);
      add_counts_row (table, date, co_platform_to_string (day->platform), &day->gained);
    }
  if (cli->json)
    co_cli_print_json (root);
  else
    co_cli_table_print (table);
}

/**
 * co_cli_analytics_daily:
 * @cli: the state of the run
 *
 * `analytics daily [view options]`: what the posts gained per local day and
 * platform, from the collections in the range.
 *
 * Returns: the exit code
 */
int
co_cli_analytics_daily (CoCli *cli)
{
  g_auto(CoCliAnalyticsView) view = { 0 };
  g_autoptr(GArray) days = NULL;
  g_autoptr(GError) error = NULL;
  int exit;

  if (!co_cli_analytics_parse (cli, &view, NULL, 0, NULL, &exit))
    return exit;
  if ((days = co_analytics_daily (view.store, &view.range, view.zone, &error)) == NULL)
    return co_cli_fail (cli, error);
  if (view.csv != NULL)
    return co_cli_analytics_write_csv (cli, &view, co_analytics_daily_to_csv (days));
  print_days (cli, days);
  return CO_CLI_EXIT_OK;
}
