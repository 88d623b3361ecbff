/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-sync-private.h"

/*
 * sync conflicts and sync resolve: the conflict copies the mirror kept when
 * two libraries changed one record, and keeping one version of each.
 */

/* A version's title or, for a schedule entry, its time. */
static const char *
describe (JsonNode *body)
{
  JsonObject *object = body != NULL && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body)
                                                                     : NULL;

  if (object == NULL)
    return _("(gone)");
  if (json_object_has_member (object, "title"))
    return json_object_get_string_member (object, "title");
  return json_object_get_string_member_with_default (object, "platform", "");
}

static void
print_conflicts (CoCli     *cli,
                 GPtrArray *conflicts)
{
  g_autoptr(CoCliTable) table = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (cli->json)
    {
      root = co_cli_json_take_array (json_array_new ());
      for (guint i = 0; i < conflicts->len; i++)
        json_array_add_element (json_node_get_array (root),
                                co_mirror_conflict_to_json (g_ptr_array_index (conflicts, i)));
      co_cli_print_json (root);
      return;
    }
  if (conflicts->len == 0)
    {
      g_print ("%s\n", _("No conflicts."));
      return;
    }
  table = co_cli_table_new (_("ID"), _("TYPE"), _("LOCAL ID"), _("COPY FROM"), _("CHANGED"),
                            _("COPY"), _("NOW"), NULL);
  for (guint i = 0; i < conflicts->len; i++)
    {
      CoMirrorConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, conflict->id);
      g_autofree char *local_id = conflict->local_id
                                  ? g_strdup_printf ("%" G_GINT64_FORMAT, conflict->local_id)
                                  : g_strdup ("");
      g_autofree char *when = co_cli_format_time (conflict->modified_at);

      co_cli_table_add_row (table, id, conflict->record_type, local_id,
                            conflict->copy_is_local ? _("local") : _("remote"), when,
                            describe (conflict->copy), describe (conflict->current), NULL);
    }
  co_cli_table_print (table);
}

int
co_cli_sync_conflicts (CoCli *cli)
{
  g_autoptr(CoMirror) mirror = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit) || !co_cli_sync_no_arguments (cli, &exit) ||
      (mirror = co_cli_sync_open_mirror (cli, &exit)) == NULL)
    return exit;
  conflicts = co_mirror_list_conflicts (mirror, &error);
  if (conflicts == NULL)
    return co_cli_fail (cli, error);
  print_conflicts (cli, conflicts);
  return CO_CLI_EXIT_OK;
}

static gboolean
parse_keep (CoCli         *cli,
            const char    *keep,
            CoMirrorKeep  *out_keep,
            int           *out_exit)
{
  if (g_strcmp0 (keep, "local") == 0)
    *out_keep = CO_MIRROR_KEEP_LOCAL;
  else if (g_strcmp0 (keep, "remote") == 0)
    *out_keep = CO_MIRROR_KEEP_REMOTE;
  else
    {
      *out_exit = co_cli_usage (cli, _("Say which version to keep with --keep local or "
                                       "--keep remote"));
      return FALSE;
    }
  return TRUE;
}

static void
print_resolved (CoCli            *cli,
                CoMirrorConflict *conflict,
                CoMirrorKeep      keep)
{
  gboolean restored = (keep == CO_MIRROR_KEEP_LOCAL) == conflict->copy_is_local;
  const char *kept = keep == CO_MIRROR_KEEP_LOCAL ? "local" : "remote";
  g_autoptr(JsonNode) root = NULL;

  if (!cli->json)
    {
      const char *shown = keep == CO_MIRROR_KEEP_LOCAL ? _("local") : _("remote");
      /* The record's id came from another library, through the server. */
      g_autofree char *record = co_cli_escape (conflict->record_id);

      g_print (restored ? _("Restored the %s version of %s; the next sync sends it.\n")
                        : _("Kept the %s version of %s; the conflict copy is gone.\n"),
               shown, record);
      return;
    }
  root = co_cli_json_take_object (json_object_new ());
  json_object_set_int_member (json_node_get_object (root), "id", conflict->id);
  json_object_set_string_member (json_node_get_object (root), "record", conflict->record_id);
  json_object_set_string_member (json_node_get_object (root), "kept", kept);
  json_object_set_boolean_member (json_node_get_object (root), "restored", restored);
  co_cli_print_json (root);
}

int
co_cli_sync_resolve (CoCli *cli)
{
  g_autofree char *keep_name = NULL;
  const GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep_name,
      N_("local: the version made in this library; remote: the other one"), N_("WHICH") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CoMirror) mirror = NULL;
  g_autoptr(CoMirrorConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  CoMirrorKeep keep;
  guint n_args;
  int exit;

  if (!co_cli_parse (cli, entries, &exit) || !parse_keep (cli, keep_name, &keep, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1)
    return co_cli_usage (cli, n_args == 0 ? _("Missing the conflict's id")
                                          : _("Give one conflict id"));
  if ((mirror = co_cli_sync_open_mirror (cli, &exit)) == NULL)
    return exit;
  conflict = co_mirror_get_conflict (mirror, args[0], &error);
  if (conflict == NULL || !co_mirror_resolve (mirror, args[0], keep, &error))
    return co_cli_fail (cli, error);
  print_resolved (cli, conflict, keep);
  return CO_CLI_EXIT_OK;
}
