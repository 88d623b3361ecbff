/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-drafts.h"
#include "co-cli-ideas.h"
#include "co-cli-ideas-model.h"
#include "co-ideas.h"

/* ideas add, list and done: the creator's list of ideas for posts (generate
 * and refine are in co-cli-ideas-generate.c). */

static const CoCliCommand ideas_commands[] = {
  { "ideas", "add", N_("TITLE"), N_("Note an idea for a post"), co_cli_ideas_add },
  { "ideas", "list", NULL, N_("List the open ideas, or all of them"), co_cli_ideas_list },
  { "ideas", "done", N_("ID"), N_("Mark an idea done"), co_cli_ideas_done },
  { "ideas", "generate", NULL, N_("Suggest ideas from the vault, trends and past posts"),
    co_cli_ideas_generate },
  { "ideas", "refine", N_("ID"), N_("Save an idea as a new Saved draft"), co_cli_ideas_refine },
  { "ideas", "model", NULL, N_("Set the language model ideas are asked of, and its key"),
    co_cli_ideas_model },
};

/**
 * co_cli_ideas_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the ideas commands
 */
const CoCliCommand *
co_cli_ideas_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (ideas_commands);
  return ideas_commands;
}

static CoStore *
open_store (CoCli *cli,
            int   *out_exit)
{
  CoVault *vault = co_cli_open_vault (cli, out_exit);

  return vault != NULL ? co_vault_get_store (vault) : NULL;
}

static JsonNode *
idea_to_json (const CoIdea *idea)
{
  JsonObject *object = json_object_new ();
  g_autofree char *created = co_cli_format_time (idea->created_at);

  json_object_set_int_member (object, "id", idea->id);
  json_object_set_string_member (object, "title", idea->title);
  json_object_set_string_member (object, "notes", idea->notes);
  json_object_set_string_member (object, "status", co_idea_status_to_string (idea->status));
  json_object_set_string_member (object, "created_at", created);
  if (idea->done_at != 0)
    {
      g_autofree char *done = co_cli_format_time (idea->done_at);
      json_object_set_string_member (object, "done_at", done);
    }
  else
    json_object_set_null_member (object, "done_at");
  return co_cli_json_take_object (object);
}

/* {"id": …, "status": …}: what add and done answer with --json. */
static void
print_id_json (gint64      id,
               const char *status)
{
  g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());

  json_object_set_int_member (json_node_get_object (root), "id", id);
  json_object_set_string_member (json_node_get_object (root), "status", status);
  co_cli_print_json (root);
}

/**
 * co_cli_ideas_add:
 * @cli: the state of the run
 *
 * `ideas add TITLE [--notes TEXT]`
 *
 * Returns: the exit code
 */
int
co_cli_ideas_add (CoCli *cli)
{
  g_autofree char *notes = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  CoStore *store;
  guint n_args;
  gint64 id;
  int exit;
  const GOptionEntry entries[] = {
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Anything longer than the title"),
      N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1)
    return co_cli_usage (cli, _("Give the idea's title, in quotes if it has spaces"));
  if ((store = open_store (cli, &exit)) == NULL)
    return exit;
  if ((id = co_ideas_add (store, args[0], notes, &error)) == 0)
    return co_cli_fail (cli, error);
  if (cli->json)
    print_id_json (id, "open");
  else
    g_print (_("Idea %lld noted.\n"), (long long)id);
  return CO_CLI_EXIT_OK;
}

static void
print_ideas (CoCli  *cli,
             GArray *ideas)
{
  g_autoptr(CoCliTable) table = NULL;
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());

  if (!cli->json && ideas->len == 0)
    {
      g_print ("%s\n", _("No ideas."));
      return;
    }
  table = co_cli_table_new (_("ID"), _("STATUS"), _("NOTED"), _("TITLE"), NULL);
  for (guint i = 0; i < ideas->len; i++)
    {
      const CoIdea *idea = &g_array_index (ideas, CoIdea, i);
      g_autofree char *id = g_strdup_printf ("%lld", (long long)idea->id);
      g_autofree char *noted = co_cli_format_time (idea->created_at);

      json_array_add_element (json_node_get_array (root), idea_to_json (idea));
      co_cli_table_add_row (table, id, co_idea_status_to_string (idea->status), noted,
                            idea->title, NULL);
    }
  if (cli->json)
    co_cli_print_json (root);
  else
    co_cli_table_print (table);
}

/**
 * co_cli_ideas_list:
 * @cli: the state of the run
 *
 * `ideas list [--status open|done] [--all]`: the open ideas by default, the
 * newest first.
 *
 * Returns: the exit code
 */
int
co_cli_ideas_list (CoCli *cli)
{
  g_autofree char *status_name = NULL;
  g_autoptr(GArray) ideas = NULL;
  g_autoptr(GError) error = NULL;
  CoIdeaStatus status = CO_IDEA_OPEN;
  gboolean all = FALSE;
  CoStore *store;
  int exit;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_name,
      N_("Only ideas with STATUS: open (the default) or done"), N_("STATUS") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Open and done ideas"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_drafts_no_args (cli, &exit))
    return exit;
  if (status_name != NULL && !co_idea_status_from_string (status_name, &status, &error))
    return co_cli_fail (cli, error);
  if ((store = open_store (cli, &exit)) == NULL)
    return exit;
  if ((ideas = co_ideas_list (store, all ? NULL : &status, &error)) == NULL)
    return co_cli_fail (cli, error);
  print_ideas (cli, ideas);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_ideas_done:
 * @cli: the state of the run
 *
 * `ideas done ID`
 *
 * Returns: the exit code
 */
int
co_cli_ideas_done (CoCli *cli)
{
  g_autoptr(GError) error = NULL;
  const char **args;
  CoStore *store;
  guint n_args;
  gint64 id;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1)
    return co_cli_usage (cli, _("Give the id of the idea"));
  if (!co_cli_parse_id (args[0], &id, &error))
    return co_cli_fail (cli, error);
  if ((store = open_store (cli, &exit)) == NULL)
    return exit;
  if (!co_ideas_set_done (store, id, &error))
    return co_cli_fail (cli, error);
  if (cli->json)
    print_id_json (id, "done");
  else
    g_print (_("Idea %lld is done.\n"), (long long)id);
  return CO_CLI_EXIT_OK;
}
