/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-analytics.h"
#include "co-cli-metrics.h"
#include "co-cli-network.h"
#include "co-error.h"

/*
 * metrics: the engagement of published posts.  `metrics pull` collects it
 * from the platforms now; `metrics show` and `metrics export` are the posts
 * view of analytics, as text (or JSON) and as CSV.
 */

static int metrics_pull (CoCli *cli);

static const CoCliCommand metrics_commands[] = {
  { "metrics", "pull", NULL,
    N_("Collect the views, likes, comments and shares of published posts now"), metrics_pull },
  { "metrics", "show", NULL, N_("List the posts with their latest metrics, most viewed first"),
    co_cli_analytics_posts },
  { "metrics", "export", NULL, N_("Write the posts with their latest metrics as CSV"),
    co_cli_analytics_export_posts },
};

/**
 * co_cli_metrics_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the metrics commands
 */
const CoCliCommand *
co_cli_metrics_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (metrics_commands);
  return metrics_commands;
}

static void
print_outcome (const CoMetricsOutcome *outcome)
{
  const char *name = co_platform_display_name (outcome->platform);

  if (outcome->error == NULL)
    g_print (_("%s: metrics of %u of %u published posts collected\n"), name, outcome->n_pulled,
             outcome->n_posts);
  else
    g_print (_("%s: metrics of %u of %u published posts collected; failed: %s\n  %s\n"), name,
             outcome->n_pulled, outcome->n_posts, outcome->error->message,
             co_error_get_suggestion (outcome->error));
}

/**
 * co_cli_metrics_print:
 * @cli: the state of the run
 * @outcomes: (element-type CoMetricsOutcome): what a pull did per platform
 *
 * Prints a pull's summary, a line per platform, or its JSON with --json.
 *
 * Returns: %CO_CLI_EXIT_OK, or %CO_CLI_EXIT_PARTIAL when a platform failed
 */
int
co_cli_metrics_print (CoCli     *cli,
                      GPtrArray *outcomes)
{
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  int exit = CO_CLI_EXIT_OK;

  for (guint i = 0; i < outcomes->len; i++)
    {
      CoMetricsOutcome *outcome = outcomes->pdata[i];

      if (outcome->error != NULL)
        exit = CO_CLI_EXIT_PARTIAL;
      if (cli->json)
        json_array_add_element (json_node_get_array (root), co_metrics_outcome_to_json (outcome));
      else
        print_outcome (outcome);
    }
  if (cli->json)
    co_cli_print_json (root);
  return exit;
}

/* metrics pull [--platform P]: every platform, or the one named. */
static int
metrics_pull (CoCli *cli)
{
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "platform", 'p', 0, G_OPTION_ARG_STRING, &name,
      N_("Only platform P: x, linkedin, instagram or youtube"), N_("P") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CoCliNetwork) network = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  CoPlatform platform;
  int exit;

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  if (name != NULL && !co_platform_from_string (name, &platform, &error))
    return co_cli_fail (cli, error);
  if ((network = co_cli_network_open (cli, &exit)) == NULL)
    return exit;
  outcomes = co_metrics_puller_pull_sync (network->puller, name != NULL ? &platform : NULL,
                                          name != NULL ? 1 : 0, co_cli_get_cancellable (cli),
                                          &error);
  if (outcomes == NULL)
    return co_cli_fail (cli, error);
  return co_cli_metrics_print (cli, outcomes);
}
