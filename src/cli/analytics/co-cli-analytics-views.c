/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "co-cli-analytics.h"

/* The views of analytics: the summary, the posts, one post, the days. */

#define TOP_POSTS 5

static const char *const weekday_names[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
  N_("Sunday"),
};

static const char *const weekday_keys[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static char *
format_utc (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("?");
}

static char *
format_local (gint64     usec,
              GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static JsonNode *
post_to_json (const CoAnalyticsPost *post)
{
  g_autoptr(JsonNode) node = co_cli_analytics_counts_json (&post->counts);
  JsonObject *object = json_node_get_object (node);
  g_autofree char *posted = format_utc (post->posted_at);
  g_autofree char *collected = format_utc (post->collected_at);

  json_object_remove_member (object, "posts");
  json_object_set_string_member (object, "platform", co_platform_to_string (post->platform));
  json_object_set_string_member (object, "post_id", post->post_id);
  if (post->draft_id > 0)
    json_object_set_int_member (object, "draft", post->draft_id);
  else
    json_object_set_null_member (object, "draft");
  json_object_set_string_member (object, "posted_at", posted);
  json_object_set_string_member (object, "collected_at", collected);
  return g_steal_pointer (&node);
}

static JsonNode *
posts_to_json (GArray *posts)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < posts->len; i++)
    json_array_add_element (array, post_to_json (&g_array_index (posts, CoAnalyticsPost, i)));
  return co_cli_json_take_array (array);
}

static void
print_posts_table (GArray    *posts,
                   GTimeZone *zone)
{
  g_autoptr(CoCliTable) table = co_cli_table_new (_("POSTED"), _("PLATFORM"), _("POST"),
                                                  _("VIEWS"), _("LIKES"), _("COMMENTS"),
                                                  _("SHARES"), _("ENGAGEMENT"), NULL);

  for (guint i = 0; i < posts->len; i++)
    {
      const CoAnalyticsPost *post = &g_array_index (posts, CoAnalyticsPost, i);
      g_autofree char *posted = format_local (post->posted_at, zone);
      g_auto(GStrv) cells = co_cli_analytics_counts_cells (&post->counts);

      co_cli_table_add_row (table, posted, co_platform_to_string (post->platform), post->post_id,
                            cells[0], cells[1], cells[2], cells[3], cells[4], NULL);
    }
  co_cli_table_print (table);
}

static JsonNode *
slots_to_json (const CoEngagement *slots,
               guint               n_slots)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n_slots; i++)
    json_array_add_element (array, co_cli_analytics_counts_json (&slots[i]));
  return co_cli_json_take_array (array);
}

/* The totals of the range as long just before the view's, when it has a
 * start (its end is now when it has none). */
static gboolean
read_previous (CoCliAnalyticsView  *view,
               CoEngagement        *out_previous,
               gboolean            *out_found,
               GError             **error)
{
  CoAnalyticsRange range = view->range, previous;
  CoAnalyticsReport report;

  *out_found = FALSE;
  if (range.since != 0 && range.until == 0)
    range.until = MAX (g_get_real_time (), range.since + 1);
  if (!co_analytics_range_previous (&range, &previous))
    return TRUE;
  if (!co_analytics_report (view->store, &previous, view->zone, &report, error))
    return FALSE;
  *out_previous = report.total;
  *out_found = TRUE;
  return TRUE;
}

static void
set_growth_member (JsonObject *object,
                   const char *name,
                   double      growth)
{
  if (isnan (growth))
    json_object_set_null_member (object, name);
  else
    json_object_set_double_member (object, name, growth);
}

/* @before: (nullable): the previous range's totals, if it has one */
static void
add_growth_json (JsonObject         *object,
                 const CoEngagement *now,
                 const CoEngagement *before)
{
  JsonObject *growth;

  if (before == NULL)
    {
      json_object_set_null_member (object, "previous");
      json_object_set_null_member (object, "growth");
      return;
    }
  growth = json_object_new ();
  json_object_set_member (object, "previous", co_cli_analytics_counts_json (before));
  set_growth_member (growth, "views", co_analytics_growth (before->views, now->views));
  set_growth_member (growth, "likes", co_analytics_growth (before->likes, now->likes));
  set_growth_member (growth, "comments", co_analytics_growth (before->comments, now->comments));
  set_growth_member (growth, "shares", co_analytics_growth (before->shares, now->shares));
  json_object_set_object_member (object, "growth", growth);
}

static void
print_growth_text (const CoEngagement *now,
                   const CoEngagement *before)
{
  double views;

  if (before == NULL || before->n_posts == 0)
    return;
  views = co_analytics_growth (before->views, now->views);
  if (isnan (views))
    g_print (_("The period as long before it had %u posts and no views.\n"), before->n_posts);
  else
    g_print (_("Views: %+.1f %% against the period as long before it (%lld then, in %u "
               "posts).\n"), 100 * views, (long long)before->views, before->n_posts);
}

static void
print_summary_json (CoCliAnalyticsView      *view,
                    const CoAnalyticsReport *report,
                    const CoEngagement      *previous,
                    GArray                  *top)
{
  g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());
  JsonObject *object = json_node_get_object (root);
  JsonObject *platforms = json_object_new ();
  int hour = co_analytics_report_best_hour (report);
  int weekday = co_analytics_report_best_weekday (report);

  for (int i = 0; i < CO_N_PLATFORMS; i++)
    json_object_set_member (platforms, co_platform_to_string (i),
                            co_cli_analytics_counts_json (&report->platforms[i]));
  json_object_set_string_member (object, "zone", g_time_zone_get_identifier (view->zone));
  json_object_set_member (object, "total", co_cli_analytics_counts_json (&report->total));
  json_object_set_object_member (object, "platforms", platforms);
  if (hour >= 0)
    json_object_set_int_member (object, "best_hour", hour);
  else
    json_object_set_null_member (object, "best_hour");
  if (weekday >= 0)
    json_object_set_string_member (object, "best_weekday", weekday_keys[weekday]);
  else
    json_object_set_null_member (object, "best_weekday");
  json_object_set_member (object, "hours", slots_to_json (report->hours, 24));
  json_object_set_member (object, "weekdays", slots_to_json (report->weekdays, 7));
  json_object_set_member (object, "top_posts", posts_to_json (top));
  add_growth_json (object, &report->total, previous);
  co_cli_print_json (root);
}

static void
add_counts_row (CoCliTable         *table,
                const char         *name,
                const CoEngagement *counts)
{
  g_autofree char *posts = g_strdup_printf ("%u", counts->n_posts);
  g_auto(GStrv) cells = co_cli_analytics_counts_cells (counts);

  co_cli_table_add_row (table, name, posts, cells[0], cells[1], cells[2], cells[3], cells[4],
                        NULL);
}

static void
print_summary_text (CoCliAnalyticsView      *view,
                    const CoAnalyticsReport *report,
                    const CoEngagement      *previous,
                    GArray                  *top)
{
  g_autoptr(CoCliTable) table = NULL;
  g_autofree char *hour_rate = NULL, *weekday_rate = NULL;
  int hour = co_analytics_report_best_hour (report);
  int weekday = co_analytics_report_best_weekday (report);

  if (report->total.n_posts == 0)
    {
      g_print ("%s\n", _("No post in this range has metrics yet."));
      return;
    }
  table = co_cli_table_new (_("PLATFORM"), _("POSTS"), _("VIEWS"), _("LIKES"), _("COMMENTS"),
                            _("SHARES"), _("ENGAGEMENT"), NULL);
  for (int i = 0; i < CO_N_PLATFORMS; i++)
    if (report->platforms[i].n_posts > 0)
      add_counts_row (table, co_platform_display_name (i), &report->platforms[i]);
  add_counts_row (table, _("All"), &report->total);
  co_cli_table_print (table);
  print_growth_text (&report->total, previous);
  hour_rate = co_cli_analytics_format_rate (&report->hours[hour]);
  weekday_rate = co_cli_analytics_format_rate (&report->weekdays[weekday]);
  g_print (_("\nBest hour to post: %02d:00 (%s); best weekday: %s (%s), in %s.\n"), hour,
           hour_rate, _(weekday_names[weekday]), weekday_rate,
           g_time_zone_get_identifier (view->zone));
  g_print ("\n%s\n", _("Top posts:"));
  print_posts_table (top, view->zone);
}

/**
 * co_cli_analytics_summary:
 * @cli: the state of the run
 *
 * `analytics [--platform P] [--since DATE] [--until DATE] [--tz ZONE]
 * [--csv FILE]`: the totals per platform and in all with their engagement
 * rates, the best hour and weekday, and the top posts; as CSV, the totals.
 *
 * Returns: the exit code
 */
int
co_cli_analytics_summary (CoCli *cli)
{
  g_auto(CoCliAnalyticsView) view = { 0 };
  g_autoptr(GArray) top = NULL;
  g_autoptr(GError) error = NULL;
  CoAnalyticsReport report;
  CoEngagement previous = { 0 };
  gboolean has_previous;
  int exit;

  if (!co_cli_analytics_parse (cli, &view, NULL, 0, NULL, &exit))
    return exit;
  if (!co_analytics_report (view.store, &view.range, view.zone, &report, &error) ||
      !read_previous (&view, &previous, &has_previous, &error) ||
      (top = co_analytics_list_posts (view.store, &view.range, TOP_POSTS, &error)) == NULL)
    return co_cli_fail (cli, error);
  if (view.csv != NULL)
    return co_cli_analytics_write_csv (cli, &view, co_analytics_platforms_to_csv (&report));
  if (cli->json)
    print_summary_json (&view, &report, has_previous ? &previous : NULL, top);
  else
    print_summary_text (&view, &report, has_previous ? &previous : NULL, top);
  return CO_CLI_EXIT_OK;
}

/* The posts with their latest metrics; @export writes them as CSV even
 * without --csv. */
static int
run_posts (CoCli    *cli,
           gboolean  export)
{
  g_auto(CoCliAnalyticsView) view = { 0 };
  g_autoptr(GArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  int limit = 0;
  int exit;
  const GOptionEntry more[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N posts (default: all)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_analytics_parse (cli, &view, more, 0, NULL, &exit))
    return exit;
  if (limit < 0)
    return co_cli_usage (cli, _("--limit must be 0 or more, not %d"), limit);
  if ((posts = co_analytics_list_posts (view.store, &view.range, limit, &error)) == NULL)
    return co_cli_fail (cli, error);
  if (export && view.csv == NULL)
    view.csv = g_strdup ("-");
  if (view.csv != NULL)
    return co_cli_analytics_write_csv (cli, &view, co_analytics_posts_to_csv (posts));
  if (cli->json)
    {
      g_autoptr(JsonNode) root = posts_to_json (posts);
      co_cli_print_json (root);
    }
  else if (posts->len == 0)
    g_print ("%s\n", _("No post in this range has metrics yet."));
  else
    print_posts_table (posts, view.zone);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_analytics_posts:
 * @cli: the state of the run
 *
 * `analytics posts [--limit N] [view options]`: the posts with their
 * latest metrics, the most viewed first.
 *
 * Returns: the exit code
 */
int
co_cli_analytics_posts (CoCli *cli)
{
  return run_posts (cli, FALSE);
}

/**
 * co_cli_analytics_export_posts:
 * @cli: the state of the run
 *
 * `metrics export`: the posts view of co_cli_analytics_posts() as CSV, to
 * standard output unless --csv names a file.
 *
 * Returns: the exit code
 */
int
co_cli_analytics_export_posts (CoCli *cli)
{
  return run_posts (cli, TRUE);
}
