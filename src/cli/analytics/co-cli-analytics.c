/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "co-cli-analytics.h"
#include "co-cli-drafts.h"
#include "co-cli-export.h"
#include "co-schedule.h"

/*
 * analytics: what the creator's posts add up to, from the metrics collected
 * for them.  Every view takes --platform, --since and --until (the posts by
 * the time they went out; the daily gains by the time they were collected),
 * --tz for hours, weekdays and days, and --csv FILE ("-" for standard
 * output) to write the view as CSV instead.
 */

static const CoCliCommand analytics_commands[] = {
  { "analytics", NULL, NULL,
    N_("What your posts add up to: totals, engagement, best hours and days, top posts"),
    co_cli_analytics_summary },
  { "analytics", "posts", NULL, N_("List the posts with their latest metrics, most viewed first"),
    co_cli_analytics_posts },
  { "analytics", "post", N_("PLATFORM POST-ID"), N_("Show one post's metrics over time"),
    co_cli_analytics_post },
  { "analytics", "daily", NULL, N_("Show what the posts gained per day and platform"),
    co_cli_analytics_daily },
};

/**
 * co_cli_analytics_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the analytics commands
 */
const CoCliCommand *
co_cli_analytics_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (analytics_commands);
  return analytics_commands;
}

/**
 * co_cli_analytics_view_clear:
 * @view: a view's options
 *
 * Frees what @view holds.
 */
void
co_cli_analytics_view_clear (CoCliAnalyticsView *view)
{
  g_clear_pointer (&view->platform_name, g_free);
  g_clear_pointer (&view->since, g_free);
  g_clear_pointer (&view->until, g_free);
  g_clear_pointer (&view->tz, g_free);
  g_clear_pointer (&view->csv, g_free);
  g_clear_pointer (&view->zone, g_time_zone_unref);
}

static gboolean
read_view (CoCliAnalyticsView  *view,
           GError             **error)
{
  if (view->platform_name != NULL)
    {
      if (!co_platform_from_string (view->platform_name, &view->platform, error))
        return FALSE;
      view->range.platform = &view->platform;
    }
  if ((view->since != NULL && !co_cli_parse_date (view->since, &view->range.since, error)) ||
      (view->until != NULL && !co_cli_parse_date (view->until, &view->range.until, error)))
    return FALSE;
  if (!co_analytics_range_check (&view->range, error) ||
      (view->csv != NULL && !co_cli_check_output (view->csv, view->force, error)))
    return FALSE;
  view->zone = co_schedule_zone_new (view->tz, error);
  return view->zone != NULL;
}

/**
 * co_cli_analytics_parse:
 * @cli: the state of the run
 * @view: (out caller-allocates): the view's options, zeroed
 * @more: (nullable): the command's own options, ending with %G_OPTION_ENTRY_NULL
 * @n_args: how many positional arguments the command takes
 * @usage: (nullable): what to say when there are not @n_args of them
 * @out_exit: (out): the exit code when %FALSE is returned
 *
 * Parses the options every view shares, and @more; checks the positional
 * arguments' number; reads the platform, the
 * range and the zone, refusing each that is not one by name; checks that
 * the CSV output may be written; and opens the library.
 *
 * Returns: %TRUE when the view can be made
 */
gboolean
co_cli_analytics_parse (CoCli              *cli,
                        CoCliAnalyticsView *view,
                        const GOptionEntry *more,
                        guint               n_args,
                        const char         *usage,
                        int                *out_exit)
{
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autoptr(GError) error = NULL;
  CoVault *vault;
  guint n_given;
  const GOptionEntry shared[] = {
    { "platform", 0, 0, G_OPTION_ARG_STRING, &view->platform_name,
      N_("Only platform P: x, linkedin, instagram or youtube"), N_("P") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &view->since,
      N_("From DATE on (YYYY-MM-DD, local midnight, or ISO 8601)"), N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &view->until, N_("Before DATE"), N_("DATE") },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &view->tz,
      N_("Hours, weekdays and days in ZONE (default: local)"), N_("ZONE") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &view->csv,
      N_("Write the view as CSV to FILE (- for standard output)"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &view->force, N_("Overwrite the CSV file"), NULL },
  };

  g_array_append_vals (entries, shared, G_N_ELEMENTS (shared));
  for (const GOptionEntry *entry = more; entry != NULL && entry->long_name != NULL; entry++)
    g_array_append_val (entries, *entry);
  if (!co_cli_parse (cli, (const GOptionEntry *)entries->data, out_exit) ||
      (n_args == 0 && !co_cli_drafts_no_args (cli, out_exit)))
    return FALSE;
  co_cli_get_args (cli, &n_given);
  if (n_given != n_args)
    {
      *out_exit = co_cli_usage (cli, "%s", usage);
      return FALSE;
    }
  if (!read_view (view, &error))
    {
      *out_exit = co_cli_fail (cli, error);
      return FALSE;
    }
  if ((vault = co_cli_open_vault (cli, out_exit)) == NULL)
    return FALSE;
  view->store = co_vault_get_store (vault);
  return TRUE;
}

/**
 * co_cli_analytics_write_csv:
 * @cli: the state of the run
 * @view: the view, with --csv given
 * @csv: (transfer full): the view as CSV
 *
 * Writes @csv to the --csv file, or to standard output for "-".
 *
 * Returns: the exit code
 */
int
co_cli_analytics_write_csv (CoCli              *cli,
                            CoCliAnalyticsView *view,
                            char               *csv)
{
  g_autofree char *text = csv;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (view->csv, "-") == 0)
    {
      fwrite (text, 1, strlen (text), stdout);
      return CO_CLI_EXIT_OK;
    }
  if (!g_file_set_contents (view->csv, text, -1, &error))
    return co_cli_fail (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());

      json_object_set_string_member (json_node_get_object (root), "output", view->csv);
      co_cli_print_json (root);
    }
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_analytics_format_rate:
 * @counts: counts
 *
 * Returns: (transfer full): the engagement rate of @counts for people, "4.25 %"
 */
char *
co_cli_analytics_format_rate (const CoEngagement *counts)
{
  return g_strdup_printf ("%.2f %%", 100 * co_engagement_rate (counts));
}

/**
 * co_cli_analytics_counts_cells:
 * @counts: counts
 *
 * Returns: (transfer full): the table cells of @counts: views, likes,
 *   comments, shares and the engagement rate
 */
GStrv
co_cli_analytics_counts_cells (const CoEngagement *counts)
{
  char **cells = g_new0 (char *, 6);

  cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, counts->views);
  cells[1] = g_strdup_printf ("%" G_GINT64_FORMAT, counts->likes);
  cells[2] = g_strdup_printf ("%" G_GINT64_FORMAT, counts->comments);
  cells[3] = g_strdup_printf ("%" G_GINT64_FORMAT, counts->shares);
  cells[4] = co_cli_analytics_format_rate (counts);
  return cells;
}

/**
 * co_cli_analytics_counts_json:
 * @counts: counts
 *
 * Returns: (transfer full): @counts as a JSON object: posts, views, likes,
 *   comments, shares, engagement_rate (a fraction)
 */
JsonNode *
co_cli_analytics_counts_json (const CoEngagement *counts)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "posts", counts->n_posts);
  json_object_set_int_member (object, "views", counts->views);
  json_object_set_int_member (object, "likes", counts->likes);
  json_object_set_int_member (object, "comments", counts->comments);
  json_object_set_int_member (object, "shares", counts->shares);
  json_object_set_double_member (object, "engagement_rate", co_engagement_rate (counts));
  return co_cli_json_take_object (object);
}
