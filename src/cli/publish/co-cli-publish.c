/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-network.h"
#include "co-cli-publish.h"
#include "co-error.h"

/*
 * publish DRAFT [--platform P]…: a Scheduled draft's posts go out now; a
 * Draft is first scheduled for now, with the checks of any scheduling.  The
 * summary has a line per platform: the post's address, or the error and what
 * to do.  Publishing the same draft again retries only what failed.
 */

static int publish_run (CoCli *cli);

static const CoCliCommand publish_commands[] = {
  { "publish", NULL, N_("DRAFT"),
    N_("Publish a draft now to its platforms, or retry the ones that failed"), publish_run },
};

/**
 * co_cli_publish_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the publish command
 */
const CoCliCommand *
co_cli_publish_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (publish_commands);
  return publish_commands;
}

static void
print_outcome (gint64            draft_id,
               CoPublishOutcome *outcome)
{
  const char *name = co_platform_display_name (outcome->platform);

  switch (outcome->status)
    {
    case CO_PUBLISH_DONE:
      g_print (_("Draft %lld on %s: published, %s\n"), (long long)draft_id, name,
               outcome->post_url != NULL ? outcome->post_url : outcome->post_id);
      break;
    case CO_PUBLISH_WAITING:
      g_print (_("Draft %lld on %s: waiting in the outbox (operation %lld)%s%s\n"),
               (long long)draft_id, name, (long long)outcome->operation_id,
               outcome->error != NULL ? ": " : "",
               outcome->error != NULL ? outcome->error->message : "");
      break;
    case CO_PUBLISH_FAILED:
      g_print (_("Draft %lld on %s: failed: %s\n  %s\n"), (long long)draft_id, name,
               outcome->error->message, co_error_get_suggestion (outcome->error));
      break;
    }
}

/**
 * co_cli_publish_print:
 * @cli: the run
 * @draft_id: the draft
 * @outcomes: (element-type CoPublishOutcome): its summary
 * @json: (nullable): where the JSON of the summary goes, with --json
 *
 * Prints a draft's publishing summary, a line per platform, or adds it to
 * @json as an object with `draft` and `platforms`.
 */
void
co_cli_publish_print (CoCli     *cli,
                      gint64     draft_id,
                      GPtrArray *outcomes,
                      JsonArray *json)
{
  JsonObject *object;
  JsonArray *platforms;

  if (!cli->json)
    {
      for (guint i = 0; i < outcomes->len; i++)
        print_outcome (draft_id, outcomes->pdata[i]);
      return;
    }
  object = json_object_new ();
  platforms = json_array_new ();
  json_object_set_int_member (object, "draft", draft_id);
  for (guint i = 0; i < outcomes->len; i++)
    json_array_add_element (platforms, co_publish_outcome_to_json (outcomes->pdata[i]));
  json_object_set_array_member (object, "platforms", platforms);
  json_array_add_object_element (json, object);
}

/**
 * co_cli_publish_exit:
 * @outcomes: (element-type CoPublishOutcome): a summary
 *
 * Returns: %CO_CLI_EXIT_OK when every post is done, else
 *   %CO_CLI_EXIT_PARTIAL (some wait or failed: see the summary)
 */
int
co_cli_publish_exit (GPtrArray *outcomes)
{
  for (guint i = 0; i < outcomes->len; i++)
    if (((CoPublishOutcome *)outcomes->pdata[i])->status != CO_PUBLISH_DONE)
      return CO_CLI_EXIT_PARTIAL;
  return CO_CLI_EXIT_OK;
}

static gboolean
parse_platforms (char      **names,
                 GArray     *platforms,
                 GError    **error)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      CoPlatform platform;

      if (!co_platform_from_string (names[i], &platform, error))
        return FALSE;
      g_array_append_val (platforms, platform);
    }
  return TRUE;
}

static int
publish_run (CoCli *cli)
{
  g_auto(GStrv) names = NULL;
  const GOptionEntry entries[] = {
    { "platform", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &names,
      N_("Publish to this platform only (x, linkedin, instagram, youtube); repeat for more"),
      N_("P") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CoCliNetwork) network = NULL;
  g_autoptr(GArray) platforms = g_array_new (FALSE, FALSE, sizeof (CoPlatform));
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  g_autoptr(GError) error = NULL;
  const char **args;
  gint64 draft_id = 0;
  guint n_args;
  int exit;

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1)
    return co_cli_usage (cli, _("Give the id of one draft (see “drafts list”)"));
  if (!co_cli_parse_id (args[0], &draft_id, &error) ||
      !parse_platforms (names, platforms, &error))
    return co_cli_fail (cli, error);
  if ((network = co_cli_network_open (cli, &exit)) == NULL)
    return exit;
  outcomes = co_publisher_publish_sync (network->publisher, draft_id,
                                        (const CoPlatform *)platforms->data, platforms->len,
                                        co_cli_get_cancellable (cli), &error);
  if (outcomes == NULL)
    return co_cli_fail (cli, error);
  co_cli_publish_print (cli, draft_id, outcomes, json_node_get_array (root));
  if (cli->json)
    co_cli_print_json (json_array_get_element (json_node_get_array (root), 0));
  return co_cli_publish_exit (outcomes);
}
