/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <unistd.h>

#include "co-cli.h"
#include "co-cli-accounts.h"
#include "co-cli-analytics.h"
#include "co-cli-analyze.h"
#include "co-cli-assets.h"
#include "co-cli-drafts.h"
#include "co-cli-export.h"
#include "co-cli-ideas.h"
#include "co-cli-metrics.h"
#include "co-cli-outbox.h"
#include "co-cli-publish.h"
#include "co-cli-schedule.h"
#include "co-cli-subtitles.h"
#include "co-cli-sync.h"
#include "co-cli-text.h"
#include "co-cli-transcode.h"
#include "co-cli-trends.h"
#include "co-cli-vault.h"
#include "co-cli-workflows.h"
#include "co-cli-deals.h"

/*
 * The dispatcher is written by hand on top of GOptionContext: GOption knows
 * options, not subcommands.  main() picks the command from the first two
 * words ("vault import"); the command then parses the rest with its own
 * GOptionContext, which gives every command its own --help and its own
 * option errors.  A group may also be a command itself ("analyze FILE…"):
 * its command without a name runs when the second word is not the name of
 * one of the group's other commands ("subtitles check").  Commands run in a worker thread so that the main thread
 * can catch Ctrl+C (cancelling the job's GCancellable) and draw progress.
 */

typedef struct
{
  const char           *name;
  const char           *summary;
  const CoCliCommand *(*get_commands) (guint *n_commands);
} Group;

static const Group groups[] = {
  { "vault", N_("Keep and find images, videos, sounds, notes and links"),
    co_cli_vault_get_commands },
  { "assets", N_("Inspect stored files: quota, references, verification"),
    co_cli_assets_get_commands },
  { "analyze", N_("Find silences, loudness, scene changes and cut suggestions"),
    co_cli_analyze_get_commands },
  { "subtitles", N_("Make subtitles from speech and check subtitle files"),
    co_cli_subtitles_get_commands },
  { "export", N_("Write timelines, markers, chapters and subtitles for editors"),
    co_cli_export_get_commands },
  { "transcode", N_("Make ProRes, DNxHR or H.264 copies for editing"),
    co_cli_transcode_get_commands },
  { "text", N_("Count and fit a post's text as X, LinkedIn, Instagram or YouTube count it"),
    co_cli_text_get_commands },
  { "drafts", N_("Write posts: stages, platform variants, links, repurposing"),
    co_cli_drafts_get_commands },
  { "schedule", N_("Plan when posts go out: times, conflicts, due posts, best times"),
    co_cli_schedule_get_commands },
  { "accounts", N_("Connect, check and disconnect publishing accounts"),
    co_cli_accounts_get_commands },
  { "outbox", N_("See, retry, discard and send what waits to reach the network"),
    co_cli_outbox_get_commands },
  { "publish", N_("Publish a draft now, with a summary per platform"),
    co_cli_publish_get_commands },
  { "scheduler", N_("Publish due posts, as the app's background service does"),
    co_cli_scheduler_get_commands },
  { "sync", N_("Mirror the records with a CouchDB server: setup, sync, conflicts"),
    co_cli_sync_get_commands },
  { "analytics", N_("See how posts performed: totals, engagement, best times, CSV"),
    co_cli_analytics_get_commands },
  { "metrics", N_("Collect, show and export the metrics of published posts"),
    co_cli_metrics_get_commands },
  { "ideas", N_("Keep a list of ideas for posts: add, list, mark done"),
    co_cli_ideas_get_commands },
  { "trends", N_("See which tags and words rise in your vault and drafts"),
    co_cli_trends_get_commands },
  { "workflows", N_("Send drafts through approvals: define, list, submit, approve, reject"),
    co_cli_workflows_get_commands },
  { "deals", N_("Track brand deals, deliverables and payments: add, list, milestone, report"),
    co_cli_deals_get_commands },
};

typedef struct
{
  CoCli    *cli;
  int       exit;
  gboolean  done;
  gboolean  drew_progress;
  int       drawn_percent;
  char     *drawn_message;
} Run;

static void
append_group_commands (GString     *text,
                       const Group *group)
{
  guint n_commands;
  const CoCliCommand *commands = group->get_commands (&n_commands);

  for (guint i = 0; i < n_commands; i++)
    {
      const char *parameters = commands[i].parameters ? _(commands[i].parameters) : "";
      g_autofree char *usage = NULL;

      if (commands[i].name != NULL)
        usage = g_strdup_printf ("%s %s %s", commands[i].group, commands[i].name, parameters);
      else
        usage = g_strdup_printf ("%s %s", commands[i].group, parameters);
      glong width = g_utf8_strlen (g_strstrip (usage), -1);

      /* Pad by characters, not bytes: "…" takes three bytes. */
      g_string_append_printf (text, "  %s%*s %s\n", usage, (int)MAX (0, 32 - width), "",
                              _(commands[i].summary));
    }
}

static char *
dup_help (const Group *only)
{
  GString *text = g_string_new (NULL);
  g_autofree char *common = co_cli_dup_common_help ();
  g_autofree char *exits = co_cli_dup_exit_help ();

  g_string_append_printf (text, _("Usage:\n  creatorops-cli %s COMMAND [OPTION…]\n\n"),
                          only != NULL ? only->name : "GROUP");
  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      if (only != NULL && only != &groups[i])
        continue;
      g_string_append_printf (text, "%s — %s\n", groups[i].name, _(groups[i].summary));
      append_group_commands (text, &groups[i]);
      g_string_append_c (text, '\n');
    }
  g_string_append_printf (text, "%s\n%s\n", common, exits);
  g_string_append (text, _("Run “creatorops-cli GROUP COMMAND --help” for a command's options."));
  g_string_append_c (text, '\n');
  return g_string_free (text, FALSE);
}

/* A missing command gets the list of commands; a misspelt one a short hint,
 * so that the message is not lost above a page of help. */
static int
usage_error (const char  *message,
             const Group *group,
             gboolean     show_help)
{
  g_autofree char *help = show_help ? dup_help (group) : NULL;
  g_autofree char *shown = co_cli_escape (message);

  /* The message quotes what was typed, which may hold escape sequences. */
  g_printerr ("creatorops-cli: %s\n", shown);
  if (show_help)
    g_printerr ("\n%s", help);
  else
    g_printerr ("  %s\n", _("Run “creatorops-cli --help” for the list of commands."));
  return CO_CLI_EXIT_USAGE;
}

static gboolean
is_help (const char *arg)
{
  return g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0 ||
         g_strcmp0 (arg, "help") == 0;
}

/* The options hoist_common_options() moves after the command. */
static gboolean
is_common_option (const char *arg)
{
  return g_str_equal (arg, "--json") || g_str_equal (arg, "--data-dir") ||
         g_str_has_prefix (arg, "--data-dir=");
}

static const Group *
find_group (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      if (g_strcmp0 (groups[i].name, name) == 0)
        return &groups[i];
    }
  return NULL;
}

static const CoCliCommand *
find_command (const Group *group,
              const char  *name)
{
  guint n_commands;
  const CoCliCommand *commands = group->get_commands (&n_commands);

  for (guint i = 0; i < n_commands; i++)
    {
      if (name != NULL && g_strcmp0 (commands[i].name, name) == 0)
        return &commands[i];
    }
  return NULL;
}

/* The command a group runs itself, if it is one ("analyze FILE…"). */
static const CoCliCommand *
find_group_command (const Group *group)
{
  guint n_commands;
  const CoCliCommand *commands = group->get_commands (&n_commands);

  for (guint i = 0; i < n_commands; i++)
    {
      if (commands[i].name == NULL)
        return &commands[i];
    }
  return NULL;
}

static gboolean
sigint_cb (gpointer data)
{
  CoJob *job = data;

  /* A second Ctrl+C means "now": the first one may be waiting on a file. */
  if (g_cancellable_is_cancelled (co_job_get_cancellable (job)))
    _exit (CO_CLI_EXIT_CANCELLED);
  co_job_cancel (job);
  return G_SOURCE_CONTINUE;
}

static void
job_progress_cb (CoJob      *job,
                 GParamSpec *pspec,
                 Run        *run)
{
  g_autofree char *message = NULL;
  int percent;

  /* Progress is for people watching a terminal, never for scripts. */
  if (run->cli->json || !isatty (STDERR_FILENO))
    return;
  message = co_job_dup_message (job);
  percent = (int)(co_job_get_fraction (job) * 100);
  /* Fraction and message change together; draw the pair once. */
  if (run->drew_progress && percent == run->drawn_percent &&
      g_strcmp0 (message, run->drawn_message) == 0)
    return;
  g_printerr ("\r\033[K%3d%%  %s", percent, message != NULL ? message : "");
  run->drew_progress = TRUE;
  run->drawn_percent = percent;
  g_free (run->drawn_message);
  run->drawn_message = g_steal_pointer (&message);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  CoCli *cli = task_data;
  int exit;

  co_job_start (cli->job);
  exit = cli->command->run (cli);
  co_job_finish (cli->job, NULL);
  g_task_return_int (task, exit);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  Run *run = data;

  run->exit = (int)g_task_propagate_int (G_TASK (result), NULL);
  run->done = TRUE;
}

static char **
dup_command_args (const char  *prgname,
                  int          argc,
                  char       **argv)
{
  char **args = g_new0 (char *, argc + 2);

  args[0] = g_strdup (prgname);
  for (int i = 0; i < argc; i++)
    args[i + 1] = g_strdup (argv[i]);
  return args;
}

static int
run_command (const CoCliCommand  *command,
             int                  argc,
             char               **argv)
{
  g_autofree char *prgname = command->name != NULL
                               ? g_strdup_printf ("creatorops-cli %s %s", command->group,
                                                  command->name)
                               : g_strdup_printf ("creatorops-cli %s", command->group);
  g_autoptr(CoJob) job = co_job_new ("cli", prgname);
  g_autoptr(GTask) task = NULL;
  Run run = { 0 };
  guint sigint_id;

  /* Messages then name the command; set only here, and once. */
  g_set_prgname (prgname);
  run.cli = co_cli_new (command, job, dup_command_args (prgname, argc, argv));
  sigint_id = g_unix_signal_add (SIGINT, sigint_cb, job);
  g_signal_connect (job, "notify::fraction", G_CALLBACK (job_progress_cb), &run);
  g_signal_connect (job, "notify::message", G_CALLBACK (job_progress_cb), &run);

  task = g_task_new (NULL, NULL, run_done_cb, &run);
  g_task_set_source_tag (task, run_command);
  g_task_set_task_data (task, run.cli, (GDestroyNotify)co_cli_free);
  g_task_run_in_thread (task, run_thread);
  g_clear_object (&task);

  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handlers_disconnect_by_data (job, &run);
  g_source_remove (sigint_id);
  if (run.drew_progress)
    g_printerr ("\r\033[K");
  g_free (run.drawn_message);
  return run.exit;
}

static int
dispatch (int    argc,
          char **argv)
{
  const Group *group;
  const CoCliCommand *command;
  g_autofree char *message = NULL;

  /* The options every command shares come after the command by now
   * (hoist_common_options()), so one in first place means there is none. */
  if (argc < 2 || is_common_option (argv[1]))
    return usage_error (_("No command given"), NULL, TRUE);
  if (g_strcmp0 (argv[1], "--version") == 0)
    {
      g_print ("creatorops-cli %s\n", PACKAGE_VERSION);
      return CO_CLI_EXIT_OK;
    }
  if (is_help (argv[1]))
    {
      g_autofree char *help = dup_help (NULL);
      g_print ("%s", help);
      return CO_CLI_EXIT_OK;
    }

  group = find_group (argv[1]);
  if (group == NULL)
    {
      message = g_strdup_printf (_("Unknown command “%s”"), argv[1]);
      return usage_error (message, NULL, FALSE);
    }
  /* A group that is a command takes its options and files right away. */
  command = argc >= 3 ? find_command (group, argv[2]) : NULL;
  if (command != NULL)
    return run_command (command, argc - 3, argv + 3);
  command = find_group_command (group);
  if (command != NULL)
    return run_command (command, argc - 2, argv + 2);
  /* Options are only read after the command, so an option here means the
   * command is missing. */
  if (argc < 3 || (argv[2][0] == '-' && !is_help (argv[2])))
    {
      message = g_strdup_printf (_("Missing a %s command"), group->name);
      return usage_error (message, group, TRUE);
    }
  if (is_help (argv[2]))
    {
      g_autofree char *help = dup_help (group);
      g_print ("%s", help);
      return CO_CLI_EXIT_OK;
    }

  message = g_strdup_printf (_("Unknown command “%s %s”"), group->name, argv[2]);
  return usage_error (message, group, FALSE);
}

/* `creatorops-cli --data-dir DIR vault list` is as natural to write as
 * `creatorops-cli vault list --data-dir DIR`: the options every command
 * shares are moved from before the command to after it, where each
 * command's parser reads them. */
static GStrv
hoist_common_options (int    argc,
                      char **argv)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) options = g_strv_builder_new ();
  g_auto(GStrv) moved = NULL;
  int i = 1;

  g_strv_builder_add (words, argv[0]);
  for (; i < argc; i++)
    {
      if (is_common_option (argv[i]) && !g_str_equal (argv[i], "--data-dir"))
        g_strv_builder_add (options, argv[i]);
      else if (g_str_equal (argv[i], "--data-dir") && i + 1 < argc)
        {
          g_strv_builder_add (options, argv[i]);
          g_strv_builder_add (options, argv[++i]);
        }
      else
        break;
    }
  for (; i < argc; i++)
    g_strv_builder_add (words, argv[i]);
  moved = g_strv_builder_end (options);
  g_strv_builder_addv (words, (const char **)moved);
  return g_strv_builder_end (words);
}

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) args = NULL;

  /* Debug and info messages (G_MESSAGES_DEBUG) go to standard error too:
   * standard output is the command's result, JSON for scripts. */
  g_log_writer_default_set_use_stderr (TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  args = hoist_common_options (argc, argv);
  return dispatch (g_strv_length (args), args);
}
