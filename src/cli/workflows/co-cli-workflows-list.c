/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-drafts.h"
#include "co-cli-workflows-private.h"
#include "co-workflows.h"

/* workflows list: the definitions, the gates that wait (--waiting), or a
 * draft's history (--draft); and what a run looks like after a command. */

/**
 * co_cli_workflows_def_to_json:
 * @def: a definition
 *
 * Returns: (transfer full): @def as the JSON object `workflows define` reads
 */
JsonNode *
co_cli_workflows_def_to_json (const CoWorkflowDef *def)
{
  g_autofree char *text = co_workflow_def_to_json (def);

  /* NULL: the text was just written by json-glib itself. */
  return json_from_string (text, NULL);
}

static JsonNode *
strv_to_json (char **names)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    json_array_add_string_element (array, names[i]);
  return co_cli_json_take_array (array);
}

static JsonNode *
gate_to_json (const CoWorkflowGate *gate)
{
  JsonObject *object = json_object_new ();
  g_autofree char *since = co_cli_format_time (gate->started_at);
  g_autofree char *deadline = co_cli_format_time (gate->deadline_at);

  json_object_set_int_member (object, "draft_id", gate->draft_id);
  json_object_set_string_member (object, "draft_title", gate->draft_title);
  json_object_set_string_member (object, "workflow", gate->workflow);
  json_object_set_string_member (object, "stage", gate->stage);
  json_object_set_member (object, "approvers", strv_to_json (gate->approvers));
  json_object_set_string_member (object, "waiting_since", since);
  if (gate->deadline_at != 0)
    json_object_set_string_member (object, "deadline", deadline);
  else
    json_object_set_null_member (object, "deadline");
  return co_cli_json_take_object (object);
}

static void
print_gates (CoCli  *cli,
             GArray *gates)
{
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  g_autoptr(CoCliTable) table = NULL;

  if (!cli->json && gates->len == 0)
    {
      g_print ("%s\n", _("Nothing waits for a decision."));
      return;
    }
  table = co_cli_table_new (_("DRAFT"), _("TITLE"), _("WORKFLOW"), _("GATE"), _("APPROVERS"),
                            _("DEADLINE"), NULL);
  for (guint i = 0; i < gates->len; i++)
    {
      const CoWorkflowGate *gate = &g_array_index (gates, CoWorkflowGate, i);
      g_autofree char *id = g_strdup_printf ("%lld", (long long)gate->draft_id);
      g_autofree char *who = g_strjoinv (", ", gate->approvers);
      g_autofree char *deadline = co_cli_format_time (gate->deadline_at);

      json_array_add_element (json_node_get_array (root), gate_to_json (gate));
      co_cli_table_add_row (table, id, gate->draft_title, gate->workflow, gate->stage, who,
                            deadline, NULL);
    }
  if (cli->json)
    co_cli_print_json (root);
  else
    co_cli_table_print (table);
}

static void
print_history (CoCli  *cli,
               GArray *events)
{
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  g_autoptr(CoCliTable) table = NULL;

  table = co_cli_table_new (_("WHEN"), _("WORKFLOW"), _("STAGE"), _("WHO"), _("OUTCOME"),
                            _("COMMENT"), NULL);
  for (guint i = 0; i < events->len; i++)
    {
      const CoWorkflowEvent *event = &g_array_index (events, CoWorkflowEvent, i);
      g_autofree char *when = co_cli_format_time (event->at);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "run_id", event->run_id);
      json_object_set_string_member (object, "workflow", event->workflow);
      json_object_set_string_member (object, "stage", event->stage);
      json_object_set_string_member (object, "actor", event->actor);
      json_object_set_string_member (object, "at", when);
      json_object_set_string_member (object, "outcome", event->outcome);
      json_object_set_string_member (object, "comment", event->comment);
      json_array_add_element (json_node_get_array (root), co_cli_json_take_object (object));
      co_cli_table_add_row (table, when, event->workflow, event->stage != NULL ? event->stage : "",
                            event->actor, event->outcome, event->comment, NULL);
    }
  if (cli->json)
    co_cli_print_json (root);
  else if (events->len == 0)
    g_print ("%s\n", _("The draft was never submitted."));
  else
    co_cli_table_print (table);
}

static void
print_definitions (CoCli     *cli,
                   GPtrArray *defs)
{
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());

  if (!cli->json && defs->len == 0)
    g_print ("%s\n", _("No workflows."));
  for (guint i = 0; i < defs->len; i++)
    {
      const CoWorkflowDef *def = g_ptr_array_index (defs, i);

      json_array_add_element (json_node_get_array (root), co_cli_workflows_def_to_json (def));
      if (cli->json)
        continue;
      g_print ("%s\n", def->name);
      for (guint k = 0; k < def->stages->len; k++)
        {
          const CoWorkflowStage *stage = g_ptr_array_index (def->stages, k);
          g_autofree char *after = g_strjoinv (", ", stage->after);
          g_autofree char *who = g_strjoinv (", ", stage->approvers);

          g_print ("  %s", stage->name);
          if (stage->after[0] != NULL)
            g_print (_(" (after %s)"), after);
          if (co_workflow_stage_is_gate (stage))
            g_print (_(": approved by %s"), who);
          g_print ("\n");
        }
    }
  if (cli->json)
    co_cli_print_json (root);
}

/**
 * co_cli_workflows_list:
 * @cli: the state of the run
 *
 * `workflows list [--waiting [--as NAME]] [--draft DRAFT]`
 *
 * Returns: the exit code
 */
int
co_cli_workflows_list (CoCli *cli)
{
  g_autofree char *who = NULL;
  g_autofree char *draft_text = NULL;
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean waiting = FALSE;
  gint64 draft_id = 0;
  int exit;
  const GOptionEntry entries[] = {
    { "waiting", 0, 0, G_OPTION_ARG_NONE, &waiting,
      N_("The gates waiting for a decision (the approvals inbox)"), NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &who, N_("With --waiting: only the gates NAME decides"),
      N_("NAME") },
    { "draft", 0, 0, G_OPTION_ARG_STRING, &draft_text,
      N_("The history of the draft's runs"), N_("DRAFT") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_drafts_no_args (cli, &exit))
    return exit;
  if (draft_text != NULL && !co_cli_parse_id (draft_text, &draft_id, &error))
    return co_cli_fail (cli, error);
  if (who != NULL && !waiting)
    return co_cli_usage (cli, _("--as goes with --waiting"));
  if ((drafts = co_cli_drafts_open (cli, &exit)) == NULL)
    return exit;
  if (waiting)
    {
      g_autoptr(GArray) gates = co_workflows_list_waiting (drafts, who, &error);
      if (gates == NULL)
        return co_cli_fail (cli, error);
      print_gates (cli, gates);
    }
  else if (draft_id != 0)
    {
      g_autoptr(GArray) events = co_workflows_list_history (co_drafts_get_store (drafts),
                                                            draft_id, &error);
      if (events == NULL)
        return co_cli_fail (cli, error);
      print_history (cli, events);
    }
  else
    {
      g_autoptr(GPtrArray) defs = co_workflows_list (co_drafts_get_store (drafts), &error);
      if (defs == NULL)
        return co_cli_fail (cli, error);
      print_definitions (cli, defs);
    }
  return CO_CLI_EXIT_OK;
}

/* The run's state from its last step: "running" until one of the three
 * that end it. */
static const char *
run_state (GArray *events)
{
  const char *last;

  if (events->len == 0)
    return "none";
  last = g_array_index (events, CoWorkflowEvent, events->len - 1).outcome;
  return g_strv_contains ((const char *const[]) { "completed", "rejected", "timed_out", NULL },
                          last) ? last : "running";
}

/**
 * co_cli_workflows_print_run:
 * @cli: the state of the run
 * @drafts: the drafts
 * @draft_id: a draft
 *
 * Prints where the draft's latest run is: its state, the draft's stage and
 * the gates waiting.
 *
 * Returns: the exit code
 */
int
co_cli_workflows_print_run (CoCli    *cli,
                            CoDrafts *drafts,
                            gint64    draft_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = co_drafts_get (drafts, draft_id, &error);
  g_autoptr(GArray) events = NULL;
  g_autoptr(GArray) gates = NULL;
  g_autoptr(GString) waiting = g_string_new (NULL);
  g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());
  JsonArray *stages = json_array_new ();

  if (draft == NULL ||
      (events = co_workflows_list_history (co_drafts_get_store (drafts), draft_id,
                                           &error)) == NULL ||
      (gates = co_workflows_list_waiting (drafts, NULL, &error)) == NULL)
    return co_cli_fail (cli, error);
  for (guint i = 0; i < gates->len; i++)
    {
      const CoWorkflowGate *gate = &g_array_index (gates, CoWorkflowGate, i);
      g_autofree char *who = g_strjoinv (", ", gate->approvers);

      if (gate->draft_id != draft_id)
        continue;
      json_array_add_element (stages, gate_to_json (gate));
      g_string_append_printf (waiting, "\n  %s: %s", gate->stage, who);
    }
  json_object_set_int_member (json_node_get_object (root), "draft_id", draft_id);
  json_object_set_string_member (json_node_get_object (root), "draft_stage",
                                 co_draft_stage_to_string (co_draft_get_stage (draft)));
  json_object_set_string_member (json_node_get_object (root), "state", run_state (events));
  json_object_set_array_member (json_node_get_object (root), "waiting", stages);
  if (cli->json)
    co_cli_print_json (root);
  else
    g_print (_("Draft %lld is %s; its approval is %s.%s%s\n"), (long long)draft_id,
             co_draft_stage_display_name (co_draft_get_stage (draft)), run_state (events),
             waiting->len > 0 ? _("\nWaiting for:") : "", waiting->str);
  return CO_CLI_EXIT_OK;
}
