/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "co-cli-drafts.h"
#include "co-cli-schedule.h"
#include "co-schedule.h"

/* schedule list and schedule suggest: reading the calendar. */

#define DEFAULT_DAYS 30
#define DEFAULT_SUGGESTIONS 5

typedef struct
{
  char     *from;
  char     *to;
  char     *month;
  char     *week;
  char     *platform;
  char     *tz;
  gboolean  due;
} ListOptions;

static void
list_options_clear (ListOptions *options)
{
  g_free (options->from);
  g_free (options->to);
  g_free (options->month);
  g_free (options->week);
  g_free (options->platform);
  g_free (options->tz);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListOptions, list_options_clear)

/* A day (YYYY-MM-DD, its first instant) or a time, in @zone. */
static gboolean
read_instant (const char  *text,
              GTimeZone   *zone,
              gint64      *out_usec,
              GError     **error)
{
  g_auto(CoScheduleTime) time = { 0 };
  int year, month, day;
  char end;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3 &&
      strlen (text) == 10 && g_date_valid_dmy (day, month, year))
    {
      *out_usec = co_schedule_day_start (zone, year, month, day);
      return TRUE;
    }
  if (!co_schedule_time_parse (text, zone, CO_SCHEDULE_FOLD_EARLIER, &time, error))
    return FALSE;
  *out_usec = time.usec;
  return TRUE;
}

static gboolean
read_month (const char  *text,
            GTimeZone   *zone,
            gint64      *out_from,
            gint64      *out_to,
            GError     **error)
{
  int year, month;
  char end;

  if (sscanf (text, "%4d-%2d%c", &year, &month, &end) != 2 || strlen (text) != 7 ||
      year < 1 || month < 1 || month > 12)
    {
      g_set_error (error, CO_CLI_ERROR, CO_CLI_ERROR_USAGE,
                   _("“%s” is not a month: write it as 2027-03"), text);
      return FALSE;
    }
  co_schedule_month_range (zone, year, month, out_from, out_to);
  return TRUE;
}

static gboolean
read_range (ListOptions  *options,
            GTimeZone    *zone,
            gint64        now,
            gint64       *out_from,
            gint64       *out_to,
            GError      **error)
{
  *out_from = now;
  *out_to = now + DEFAULT_DAYS * G_TIME_SPAN_DAY;
  if (options->month != NULL)
    return read_month (options->month, zone, out_from, out_to, error);
  if (options->week != NULL)
    {
      if (!read_instant (options->week, zone, out_from, error))
        return FALSE;
      co_schedule_week_range (zone, *out_from, out_from, out_to);
      return TRUE;
    }
  if (options->from != NULL && !read_instant (options->from, zone, out_from, error))
    return FALSE;
  *out_to = *out_from + DEFAULT_DAYS * G_TIME_SPAN_DAY;
  return options->to == NULL || read_instant (options->to, zone, out_to, error);
}

static void
print_entries (CoCli      *cli,
               GListModel *entries,
               GTimeZone  *zone)
{
  g_autoptr(CoCliTable) table = NULL;
  guint n = g_list_model_get_n_items (entries);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CoScheduleEntry) entry = g_list_model_get_item (entries, i);
          json_array_add_element (json_node_get_array (root),
                                  co_schedule_entry_to_json (entry, zone));
        }
      co_cli_print_json (root);
      return;
    }
  if (n == 0)
    {
      g_print ("%s\n", _("Nothing scheduled."));
      return;
    }
  table = co_cli_table_new (_("WHEN"), _("PLATFORM"), _("DRAFT"), _("STAGE"), _("TITLE"), NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoScheduleEntry) entry = g_list_model_get_item (entries, i);
      g_autofree char *when = co_schedule_time_format (co_schedule_entry_get_at (entry), zone);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT "%s",
                                             co_schedule_entry_get_draft_id (entry),
                                             co_schedule_entry_get_unwatched (entry) ? "*" : "");

      co_cli_table_add_row (table, when,
                            co_platform_to_string (co_schedule_entry_get_platform (entry)), id,
                            co_draft_stage_to_string (co_schedule_entry_get_draft_stage (entry)),
                            co_schedule_entry_get_draft_title (entry), NULL);
    }
  co_cli_table_print (table);
}

static GListModel *
read_entries (CoSchedule   *schedule,
              ListOptions  *options,
              GTimeZone    *zone,
              GError      **error)
{
  CoPlatform platform;
  gint64 from, to;

  if (options->due)
    return co_schedule_list_due (schedule, error);
  if (!read_range (options, zone, co_drafts_now (co_schedule_get_drafts (schedule)), &from, &to,
                   error))
    return NULL;
  if (options->platform != NULL &&
      !co_platform_from_string (options->platform, &platform, error))
    return NULL;
  return co_schedule_list_range (schedule, from, to, options->platform != NULL ? &platform : NULL,
                                 error);
}

/**
 * co_cli_schedule_list:
 * @cli: the state of the run
 *
 * `schedule list [--from DAY|TIME] [--to DAY|TIME] [--month YYYY-MM]
 * [--week DAY] [--platform P] [--due] [--tz ZONE]`: the next 30 days by
 * default.  With --due, the posts whose time has come and that were not
 * published; a `*` marks those that came due while CreatorOps was closed.
 *
 * Returns: the exit code
 */
int
co_cli_schedule_list (CoCli *cli)
{
  g_auto(ListOptions) options = { 0 };
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoSchedule) schedule = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;
  int exit;
  const GOptionEntry entries_options[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &options.from,
      N_("From DAY (YYYY-MM-DD) or TIME on (default: now)"), N_("DAY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options.to,
      N_("Until DAY or TIME (default: 30 days later)"), N_("DAY") },
    { "month", 0, 0, G_OPTION_ARG_STRING, &options.month, N_("The month YYYY-MM"), N_("MONTH") },
    { "week", 0, 0, G_OPTION_ARG_STRING, &options.week,
      N_("The week (Monday to Sunday) of DAY"), N_("DAY") },
    { "platform", 0, 0, G_OPTION_ARG_STRING, &options.platform, N_("Only platform P"), N_("P") },
    { "due", 0, 0, G_OPTION_ARG_NONE, &options.due,
      N_("The posts that are due and not published"), NULL },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &options.tz,
      N_("Read and show times in ZONE (default: local)"), N_("ZONE") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries_options, &exit) || !co_cli_drafts_no_args (cli, &exit))
    return exit;
  if ((zone = co_schedule_zone_new (options.tz, &error)) == NULL)
    return co_cli_fail (cli, error);
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  schedule = co_schedule_new (drafts);
  if ((entries = read_entries (schedule, &options, zone, &error)) == NULL)
    return co_cli_fail (cli, error);
  print_entries (cli, entries, zone);
  return CO_CLI_EXIT_OK;
}

static const char *const weekday_names[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
  N_("Sunday"),
};

static JsonNode *
suggestion_to_json (const CoTimeSuggestion *suggestion,
                    GTimeZone              *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (suggestion->at / G_USEC_PER_SEC);
  g_autofree char *in_utc = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *local = co_schedule_time_format_iso (suggestion->at, zone);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "at", in_utc);
  json_object_set_string_member (object, "local", local);
  json_object_set_int_member (object, "weekday", suggestion->slot.weekday);
  json_object_set_int_member (object, "hour", suggestion->slot.hour);
  json_object_set_double_member (object, "score", suggestion->slot.score);
  json_object_set_int_member (object, "posts", suggestion->slot.n_posts);
  return co_cli_json_take_object (object);
}

static void
print_suggestions_json (CoPlatform         platform,
                        CoBestTimesSource  source,
                        GTimeZone         *zone,
                        GArray            *suggestions)
{
  g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());
  JsonObject *object = json_node_get_object (root);
  JsonArray *times = json_array_new ();

  for (guint i = 0; i < suggestions->len; i++)
    json_array_add_element (times, suggestion_to_json (&g_array_index (suggestions,
                                                                       CoTimeSuggestion, i),
                                                       zone));
  json_object_set_string_member (object, "platform", co_platform_to_string (platform));
  json_object_set_string_member (object, "source", co_best_times_source_to_string (source));
  json_object_set_string_member (object, "zone", g_time_zone_get_identifier (zone));
  json_object_set_array_member (object, "suggestions", times);
  co_cli_print_json (root);
}

static void
print_suggestions_text (CoPlatform         platform,
                        CoBestTimesSource  source,
                        GTimeZone         *zone,
                        GArray            *suggestions)
{
  if (source == CO_BEST_TIMES_HISTORY)
    g_print (_("Best times for %s, from your own posts and their engagement:\n"),
             co_platform_display_name (platform));
  else
    g_print (_("Best times for %s: the default times, as you have fewer than %d posts there "
               "with engagement figures:\n"),
             co_platform_display_name (platform), CO_BEST_TIMES_MIN_POSTS);
  for (guint i = 0; i < suggestions->len; i++)
    {
      CoTimeSuggestion *suggestion = &g_array_index (suggestions, CoTimeSuggestion, i);
      g_autofree char *when = co_schedule_time_format (suggestion->at, zone);

      g_print ("  %s  (%s %02d:00)\n", when, _(weekday_names[suggestion->slot.weekday - 1]),
               suggestion->slot.hour);
    }
}

/**
 * co_cli_schedule_suggest:
 * @cli: the state of the run
 *
 * `schedule suggest --platform P [--tz ZONE] [--count N]`: free times at
 * the best weekdays and hours, saying whether they come from the creator's
 * history or the defaults.
 *
 * Returns: the exit code
 */
int
co_cli_schedule_suggest (CoCli *cli)
{
  g_autofree char *platform_name = NULL, *tz = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoSchedule) schedule = NULL;
  g_autoptr(GArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  CoBestTimesSource source;
  CoPlatform platform;
  int count = DEFAULT_SUGGESTIONS;
  int exit;
  const GOptionEntry entries[] = {
    { "platform", 0, 0, G_OPTION_ARG_STRING, &platform_name,
      N_("The platform: x, linkedin, instagram or youtube"), N_("P") },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &tz,
      N_("Weekdays and hours in ZONE (default: local)"), N_("ZONE") },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, N_("How many times (default 5)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_drafts_no_args (cli, &exit) ||
      !co_cli_drafts_platform (cli, platform_name, &platform, &exit))
    return exit;
  if (count < 1)
    return co_cli_usage (cli, _("--count must be 1 or more, not %d"), count);
  if ((zone = co_schedule_zone_new (tz, &error)) == NULL)
    return co_cli_fail (cli, error);
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  schedule = co_schedule_new (drafts);
  suggestions = co_schedule_suggest (schedule, platform, zone, count, &source, &error);
  if (suggestions == NULL)
    return co_cli_fail (cli, error);
  if (cli->json)
    print_suggestions_json (platform, source, zone, suggestions);
  else
    print_suggestions_text (platform, source, zone, suggestions);
  return CO_CLI_EXIT_OK;
}
