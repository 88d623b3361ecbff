/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-metrics.h"
#include "co-cli-network.h"
#include "co-cli-schedule.h"
#include "co-scheduler.h"

/*
 * scheduler run [--once]: publishes the calendar's due posts, once or every
 * minute until Ctrl+C, as the app's background service does.  Posts that
 * came due while nothing ran are sent, asked about or skipped as the
 * missed-posts setting says, or as --missed says for this run.  The
 * published posts' metrics are pulled at the first pass and then every
 * metrics-pull-interval minutes (--metrics-every for this run; 0 for never);
 * their summary is printed as text, and left out of --json, whose array is
 * the pass's posts.
 */

/* How long a running scheduler waits between passes. */
#define PASS_INTERVAL_SECONDS 60
/* Minutes between two pulls of metrics, when the setting cannot be read. */
#define METRICS_EVERY_DEFAULT 360
#define METRICS_EVERY_MAX 10080

static int scheduler_run (CoCli *cli);

static const CoCliCommand scheduler_commands[] = {
  { "scheduler", "run", NULL, N_("Publish due posts, once or every minute until stopped"),
    scheduler_run },
};

/**
 * co_cli_scheduler_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the scheduler commands
 */
const CoCliCommand *
co_cli_scheduler_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (scheduler_commands);
  return scheduler_commands;
}

static void
print_post (CoScheduledPost *post)
{
  g_autofree char *when = co_cli_format_time (post->at);
  const char *name = co_platform_display_name (post->platform);

  switch (post->action)
    {
    case CO_SCHEDULED_SENT:
      if (post->outcome->status == CO_PUBLISH_DONE)
        g_print (_("Draft %lld on %s (due %s): published, %s\n"), (long long)post->draft_id,
                 name, when, post->outcome->post_url);
      else if (post->outcome->status == CO_PUBLISH_WAITING)
        g_print (_("Draft %lld on %s (due %s): waiting in the outbox\n"),
                 (long long)post->draft_id, name, when);
      else
        g_print (_("Draft %lld on %s (due %s): failed: %s\n"), (long long)post->draft_id, name,
                 when, post->outcome->error->message);
      break;
    case CO_SCHEDULED_ASKED:
      g_print (_("Draft %lld on %s came due at %s while CreatorOps was closed: send it with "
                 "“publish %lld” or run with --missed=send or --missed=skip\n"),
               (long long)post->draft_id, name, when, (long long)post->draft_id);
      break;
    case CO_SCHEDULED_SKIPPED:
      g_print (_("Draft %lld on %s came due at %s while CreatorOps was closed: skipped, it is "
                 "a Draft again\n"), (long long)post->draft_id, name, when);
      break;
    }
}

/* Prints a pass; returns whether every post of it went out. */
static gboolean
print_pass (CoCli     *cli,
            GPtrArray *posts)
{
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  gboolean all_out = TRUE;

  for (guint i = 0; i < posts->len; i++)
    {
      CoScheduledPost *post = posts->pdata[i];

      all_out &= post->outcome != NULL && post->outcome->status == CO_PUBLISH_DONE;
      if (cli->json)
        json_array_add_element (json_node_get_array (root), co_scheduled_post_to_json (post));
      else
        print_post (post);
    }
  if (cli->json)
    co_cli_print_json (root);
  return all_out;
}

static gboolean
pick_policy (CoCli          *cli,
             const char     *option,
             CoMissedPolicy *out_policy,
             int            *out_exit)
{
  g_autofree char *setting = option == NULL ? co_cli_network_dup_setting ("missed-posts") : NULL;
  const char *name = option != NULL ? option : setting;

  *out_policy = CO_MISSED_ASK;
  if (name == NULL || co_missed_policy_from_string (name, out_policy))
    return TRUE;
  *out_exit = co_cli_usage (cli, _("“%s” is not a choice for missed posts: use send, ask or "
                                   "skip"), name);
  return FALSE;
}

/* Waits for the next pass; FALSE when the run was cancelled meanwhile. */
static gboolean
wait_for_next (GCancellable *cancellable)
{
  for (int i = 0; i < PASS_INTERVAL_SECONDS * 10; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (G_USEC_PER_SEC / 10);
    }
  return TRUE;
}

/* The scheduler of the run, pulling metrics every @minutes (-1: the setting). */
static CoScheduler *
new_scheduler (CoCliNetwork   *network,
               CoMissedPolicy  policy,
               int             minutes)
{
  CoScheduler *scheduler = co_scheduler_new (network->publisher);

  if (minutes < 0)
    minutes = co_cli_network_get_int_setting ("metrics-pull-interval", METRICS_EVERY_DEFAULT);
  co_scheduler_set_missed_policy (scheduler, policy);
  co_scheduler_set_metrics_puller (scheduler, network->puller,
                                   (gint64)minutes * 60 * G_USEC_PER_SEC);
  return scheduler;
}

/* Pulls metrics when it is time; a failure there does not stop the scheduler. */
static void
pull_metrics (CoCli       *cli,
              CoScheduler *scheduler)
{
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;

  outcomes = co_scheduler_pull_metrics_sync (scheduler, co_cli_get_cancellable (cli), &error);
  if (error != NULL)
    g_printerr (_("Metrics were not pulled: %s\n"), error->message);
  else if (outcomes != NULL && !cli->json)
    co_cli_metrics_print (cli, outcomes);
}

static int
scheduler_run (CoCli *cli)
{
  g_autofree char *missed = NULL;
  gboolean once = FALSE;
  int metrics_every = -1;
  const GOptionEntry entries[] = {
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, N_("Make one pass, then exit"), NULL },
    { "missed", 0, 0, G_OPTION_ARG_STRING, &missed,
      N_("What to do with posts that came due while CreatorOps was closed: send, ask or skip "
         "(default: the missed-posts setting, else ask)"), N_("WHAT") },
    { "metrics-every", 0, 0, G_OPTION_ARG_INT, &metrics_every,
      N_("Pull the posts' metrics every MINUTES, 0 for never (default: the "
         "metrics-pull-interval setting, else 360)"), N_("MINUTES") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CoCliNetwork) network = NULL;
  g_autoptr(CoScheduler) scheduler = NULL;
  GCancellable *cancellable = co_cli_get_cancellable (cli);
  CoMissedPolicy policy;
  guint n_args;
  int exit;

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  co_cli_get_args (cli, &n_args);
  if (n_args > 0)
    return co_cli_usage (cli, _("“scheduler run” takes no arguments"));
  if (metrics_every < -1 || metrics_every > METRICS_EVERY_MAX)
    return co_cli_usage (cli, _("--metrics-every takes 0 to %d minutes, not %d"),
                         METRICS_EVERY_MAX, metrics_every);
  if (!pick_policy (cli, missed, &policy, &exit) ||
      (network = co_cli_network_open (cli, &exit)) == NULL)
    return exit;
  scheduler = new_scheduler (network, policy, metrics_every);
  do
    {
      g_autoptr(GPtrArray) posts = NULL;
      g_autoptr(GError) error = NULL;
      gboolean all_out;

      posts = co_scheduler_run_once_sync (scheduler, cancellable, &error);
      if (posts == NULL)
        return co_cli_fail (cli, error);
      all_out = print_pass (cli, posts);
      pull_metrics (cli, scheduler);
      if (!all_out && once)
        return CO_CLI_EXIT_PARTIAL;
    }
  while (!once && wait_for_next (cancellable));
  /* Without --once only Ctrl+C ends the run. */
  return once ? CO_CLI_EXIT_OK : CO_CLI_EXIT_CANCELLED;
}
