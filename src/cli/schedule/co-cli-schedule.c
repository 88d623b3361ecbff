/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-drafts.h"
#include "co-cli-schedule.h"
#include "co-schedule.h"

/*
 * schedule add, move and cancel.  Times are ISO 8601 with an offset, or a
 * local time read in --tz (the local zone by default); a local time the
 * clocks skip is refused, and of a repeated one the first is taken unless
 * --later is given.  The answer says which reading was taken.
 */

static const CoCliCommand schedule_commands[] = {
  { "schedule", "add", N_("DRAFT"), N_("Give a draft a time on one of its platforms"),
    co_cli_schedule_add },
  { "schedule", "list", NULL, N_("List the calendar: upcoming, a month, a week, or what is due"),
    co_cli_schedule_list },
  { "schedule", "move", N_("DRAFT"), N_("Move a draft's post on a platform to another time"),
    co_cli_schedule_move },
  { "schedule", "cancel", N_("DRAFT"), N_("Take a draft's time on a platform away"),
    co_cli_schedule_cancel },
  { "schedule", "suggest", NULL, N_("Suggest times to post, from your history or the defaults"),
    co_cli_schedule_suggest },
};

/**
 * co_cli_schedule_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the schedule commands
 */
const CoCliCommand *
co_cli_schedule_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (schedule_commands);
  return schedule_commands;
}

typedef struct
{
  char     *platform;
  char     *at;
  char     *tz;
  gboolean  later;
} TimeOptions;

static void
time_options_clear (TimeOptions *options)
{
  g_free (options->platform);
  g_free (options->at);
  g_free (options->tz);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TimeOptions, time_options_clear)

/* What add and move share: the draft, the platform and the time. */
typedef struct
{
  gint64          id;
  CoPlatform      platform;
  GTimeZone      *zone;
  CoScheduleTime  time;
} Wanted;

static void
wanted_clear (Wanted *wanted)
{
  g_clear_pointer (&wanted->zone, g_time_zone_unref);
  co_schedule_time_clear (&wanted->time);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Wanted, wanted_clear)

static gboolean
read_wanted (CoCli        *cli,
             TimeOptions  *options,
             Wanted       *wanted,
             int          *out_exit)
{
  g_autoptr(GError) error = NULL;

  if (!co_cli_drafts_args (cli, 1, _("Missing the draft id"), &wanted->id, NULL, out_exit) ||
      !co_cli_drafts_platform (cli, options->platform, &wanted->platform, out_exit))
    return FALSE;
  if (options->at == NULL)
    {
      *out_exit = co_cli_usage (cli, _("Missing --at: the time to post"));
      return FALSE;
    }
  wanted->zone = co_schedule_zone_new (options->tz, &error);
  if (wanted->zone == NULL ||
      !co_schedule_time_parse (options->at, wanted->zone,
                               options->later ? CO_SCHEDULE_FOLD_LATER : CO_SCHEDULE_FOLD_EARLIER,
                               &wanted->time, &error))
    {
      *out_exit = co_cli_fail (cli, error);
      return FALSE;
    }
  return TRUE;
}

static void
print_entry (CoCli           *cli,
             CoScheduleEntry *entry,
             Wanted          *wanted)
{
  g_autofree char *when = co_schedule_time_format (co_schedule_entry_get_at (entry), wanted->zone);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_schedule_entry_to_json (entry, wanted->zone);
      JsonObject *object = json_node_get_object (root);

      json_object_set_string_member (object, "reading",
                                     co_time_reading_to_string (wanted->time.reading));
      if (wanted->time.note != NULL)
        json_object_set_string_member (object, "note", wanted->time.note);
      else
        json_object_set_null_member (object, "note");
      co_cli_print_json (root);
      return;
    }
  g_print (_("Draft %lld goes out on %s at %s.\n"),
           (long long)co_schedule_entry_get_draft_id (entry),
           co_platform_display_name (co_schedule_entry_get_platform (entry)), when);
  if (wanted->time.note != NULL)
    g_print ("%s\n", wanted->time.note);
}

/* A conflict's nearest free times go with the error, for scripts to pick. */
static int
fail_with_free_times (CoCli        *cli,
                      CoSchedule   *schedule,
                      Wanted       *wanted,
                      const GError *error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) times = NULL;
  JsonArray *suggestions;

  if (!cli->json || !g_error_matches (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_CONFLICT))
    return co_cli_fail (cli, error);
  co_cli_report (cli, error);
  /* A NULL error: the suggestions are already in the message. */
  times = co_schedule_find_free_times (schedule, wanted->platform, wanted->time.usec, wanted->id,
                                       3, NULL);
  suggestions = json_array_new ();
  for (guint i = 0; times != NULL && i < times->len; i++)
    {
      gint64 at = g_array_index (times, gint64, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
      g_autofree char *in_utc = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *local = co_schedule_time_format_iso (at, wanted->zone);
      JsonObject *one = json_object_new ();

      json_object_set_string_member (one, "at", in_utc);
      json_object_set_string_member (one, "local", local);
      json_array_add_object_element (suggestions, one);
    }
  root = co_cli_json_take_object (json_object_new ());
  json_object_set_member (json_node_get_object (root), "error", co_cli_error_to_json (error));
  json_object_set_array_member (json_node_get_object (root), "suggestions", suggestions);
  co_cli_print_json (root);
  return co_cli_exit_for_error (error);
}

static int
set_time (CoCli       *cli,
          TimeOptions *options,
          gboolean     move)
{
  g_auto(Wanted) wanted = { 0 };
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoSchedule) schedule = NULL;
  g_autoptr(CoScheduleEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  const char *zone;
  int exit;

  if (!read_wanted (cli, options, &wanted, &exit))
    return exit;
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  schedule = co_schedule_new (drafts);
  zone = g_time_zone_get_identifier (wanted.zone);
  entry = move ? co_schedule_move (schedule, wanted.id, wanted.platform, wanted.time.usec, zone,
                                   &error)
               : co_schedule_add (schedule, wanted.id, wanted.platform, wanted.time.usec, zone,
                                  &error);
  if (entry == NULL)
    return fail_with_free_times (cli, schedule, &wanted, error);
  print_entry (cli, entry, &wanted);
  return CO_CLI_EXIT_OK;
}

static int
run_time_command (CoCli    *cli,
                  gboolean  move)
{
  g_auto(TimeOptions) options = { 0 };
  int exit;
  const GOptionEntry entries[] = {
    { "platform", 0, 0, G_OPTION_ARG_STRING, &options.platform,
      N_("The platform: x, linkedin, instagram or youtube"), N_("P") },
    { "at", 0, 0, G_OPTION_ARG_FILENAME, &options.at,
      N_("When: 2027-03-28T09:30+02:00, or 2027-03-28 09:30 in --tz"), N_("TIME") },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &options.tz,
      N_("Read and show local times in ZONE, such as Europe/Berlin (default: local)"),
      N_("ZONE") },
    { "later", 0, 0, G_OPTION_ARG_NONE, &options.later,
      N_("Of a local time that happens twice (clocks going back), take the second"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  return set_time (cli, &options, move);
}

/**
 * co_cli_schedule_add:
 * @cli: the state of the run
 *
 * `schedule add DRAFT --platform P --at TIME [--tz ZONE] [--later]`
 *
 * Returns: the exit code
 */
int
co_cli_schedule_add (CoCli *cli)
{
  return run_time_command (cli, FALSE);
}

/**
 * co_cli_schedule_move:
 * @cli: the state of the run
 *
 * `schedule move DRAFT --platform P --at TIME [--tz ZONE] [--later]`
 *
 * Returns: the exit code
 */
int
co_cli_schedule_move (CoCli *cli)
{
  return run_time_command (cli, TRUE);
}

/**
 * co_cli_schedule_cancel:
 * @cli: the state of the run
 *
 * `schedule cancel DRAFT --platform P`
 *
 * Returns: the exit code
 */
int
co_cli_schedule_cancel (CoCli *cli)
{
  g_autofree char *platform_name = NULL;
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  CoPlatform platform;
  gint64 id;
  int exit;
  const GOptionEntry entries[] = {
    { "platform", 0, 0, G_OPTION_ARG_STRING, &platform_name,
      N_("The platform: x, linkedin, instagram or youtube"), N_("P") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) ||
      !co_cli_drafts_args (cli, 1, _("Missing the draft id"), &id, NULL, &exit) ||
      !co_cli_drafts_platform (cli, platform_name, &platform, &exit))
    return exit;
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  schedule = co_schedule_new (drafts);
  if (!co_schedule_cancel (schedule, id, platform, &error))
    return co_cli_fail (cli, error);
  return co_cli_drafts_print (cli, drafts, id);
}
