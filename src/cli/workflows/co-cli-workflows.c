/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-drafts.h"
#include "co-cli-workflows-private.h"
#include "co-workflows.h"

/* workflows define, submit, approve and reject; the lists are in
 * co-cli-workflows-list.c. */

static const CoCliCommand workflows_commands[] = {
  { "workflows", "define", N_("FILE"),
    N_("Define a workflow from its JSON definition (“-” for standard input)"),
    co_cli_workflows_define },
  { "workflows", "list", NULL,
    N_("List the workflows, the gates waiting for a decision, or a draft's history"),
    co_cli_workflows_list },
  { "workflows", "submit", N_("WORKFLOW DRAFT"), N_("Send a draft through a workflow"),
    co_cli_workflows_submit },
  { "workflows", "approve", N_("DRAFT"), N_("Approve a draft at a gate waiting for you"),
    co_cli_workflows_approve },
  { "workflows", "reject", N_("DRAFT"),
    N_("Reject a draft at a gate, with a comment; it goes back to Draft"),
    co_cli_workflows_reject },
};

/**
 * co_cli_workflows_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the workflows commands
 */
const CoCliCommand *
co_cli_workflows_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (workflows_commands);
  return workflows_commands;
}

/**
 * co_cli_workflows_define:
 * @cli: the state of the run
 *
 * `workflows define FILE`, FILE being “-” for standard input.
 *
 * Returns: the exit code
 */
int
co_cli_workflows_define (CoCli *cli)
{
  g_autoptr(CoWorkflowDef) def = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char **args;
  CoVault *vault;
  guint n_args;
  gint64 id;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1)
    return co_cli_usage (cli, _("Give the file of the definition, or “-” for standard input"));
  if (!co_cli_drafts_read_text (cli, NULL, args[0], &text, &error) ||
      (def = co_workflow_def_new_from_json (text, &error)) == NULL)
    return co_cli_fail (cli, error);
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  if ((id = co_workflows_define (co_vault_get_store (vault), def, &error)) == 0)
    return co_cli_fail (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_workflows_def_to_json (def);

      json_object_set_int_member (json_node_get_object (root), "id", id);
      co_cli_print_json (root);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Workflow “%s” defined, with %u stage.\n",
                          "Workflow “%s” defined, with %u stages.\n", def->stages->len),
             def->name, def->stages->len);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_workflows_submit:
 * @cli: the state of the run
 *
 * `workflows submit WORKFLOW DRAFT`
 *
 * Returns: the exit code
 */
int
co_cli_workflows_submit (CoCli *cli)
{
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  guint n_args;
  gint64 draft_id;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 2)
    return co_cli_usage (cli, _("Give the workflow's name and the draft's id"));
  if (!co_cli_parse_id (args[1], &draft_id, &error))
    return co_cli_fail (cli, error);
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  if (co_workflows_submit (drafts, args[0], draft_id, &error) == 0)
    return co_cli_fail (cli, error);
  return co_cli_workflows_print_run (cli, drafts, draft_id);
}

static int
decide (CoCli              *cli,
        CoWorkflowDecision  decision)
{
  g_autofree char *stage = NULL;
  g_autofree char *who = NULL;
  g_autofree char *comment = NULL;
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 draft_id;
  int exit;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &who,
      N_("Who decides: one of the gate's approvers (your user name by default)"), N_("NAME") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage,
      N_("The gate, when more than one waits"), N_("STAGE") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment,
      N_("Why (a rejection needs one)"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) ||
      !co_cli_drafts_args (cli, 1, _("Give the draft's id"), &draft_id, NULL, &exit) ||
      (drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  if (who == NULL)
    who = g_strdup (g_get_user_name ());
  co_drafts_set_actor (drafts, who);
  if (!co_workflows_decide (drafts, draft_id, stage, who, decision, comment, &error))
    return co_cli_fail (cli, error);
  return co_cli_workflows_print_run (cli, drafts, draft_id);
}

/**
 * co_cli_workflows_approve:
 * @cli: the state of the run
 *
 * `workflows approve DRAFT [--as NAME] [--stage STAGE] [--comment TEXT]`
 *
 * Returns: the exit code
 */
int
co_cli_workflows_approve (CoCli *cli)
{
  return decide (cli, CO_WORKFLOW_APPROVE);
}

/**
 * co_cli_workflows_reject:
 * @cli: the state of the run
 *
 * `workflows reject DRAFT --comment TEXT [--as NAME] [--stage STAGE]`
 *
 * Returns: the exit code
 */
int
co_cli_workflows_reject (CoCli *cli)
{
  return decide (cli, CO_WORKFLOW_REJECT);
}
