/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-vault.h"

/* @format is a whole translated sentence with the id (%lld) and title (%s). */
static int
print_saved (CoCli      *cli,
             CoVault    *vault,
             gint64      id,
             const char *format)
{
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = co_vault_get (vault, id, &error);
  if (item == NULL)
    return co_cli_fail (cli, error);
  if (cli->json)
    co_cli_vault_print_item (cli, item);
  else
    {
      g_autofree char *title = co_cli_escape (co_vault_item_get_title (item));

      g_print (format, (long long)id, title);
    }
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_vault_note:
 * @cli: the state of the run
 *
 * `vault note TEXT… [--title S] [--tag T]…`; the words are joined with
 * spaces, and a lone `-` reads the note from standard input.
 *
 * Returns: the exit code
 */
int
co_cli_vault_note (CoCli *cli)
{
  g_autofree char *title = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  CoVault *vault;
  guint n_args;
  gint64 id;
  int exit;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The title (default: the first line)"),
      N_("S") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Add tag T (repeatable)"), N_("T") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args == 0)
    return co_cli_usage (cli, _("Missing the text of the note"));
  if (n_args == 1 && g_str_equal (args[0], "-"))
    text = co_cli_read_stdin (cli, &error);
  else
    text = g_strjoinv (" ", (char **)args);
  if (text == NULL)
    return co_cli_fail (cli, error);

  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  id = co_vault_add_note (vault, title, text, (const char * const *)tags, &error);
  if (id == 0)
    return co_cli_fail (cli, error);
  return print_saved (cli, vault, id, _("Saved note %lld: %s\n"));
}

/**
 * co_cli_vault_link:
 * @cli: the state of the run
 *
 * `vault link URL [--title S] [--notes S] [--tag T]…`
 *
 * Returns: the exit code
 */
int
co_cli_vault_link (CoCli *cli)
{
  g_autofree char *title = NULL;
  g_autofree char *notes = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  CoVault *vault;
  guint n_args;
  gint64 id;
  int exit;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The title (default: the address)"),
      N_("S") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes about the link"), N_("S") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Add tag T (repeatable)"), N_("T") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1)
    return co_cli_usage (cli, _("Expected one web address, got %u arguments"), n_args);
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  id = co_vault_add_link (vault, args[0], title, notes, (const char * const *)tags, &error);
  if (id == 0)
    return co_cli_fail (cli, error);
  return print_saved (cli, vault, id, _("Saved link %lld: %s\n"));
}

static int
print_item_by_id (CoCli   *cli,
                  CoVault *vault,
                  gint64   id)
{
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = co_vault_get (vault, id, &error);
  if (item == NULL)
    return co_cli_fail (cli, error);
  co_cli_vault_print_item (cli, item);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_vault_tag:
 * @cli: the state of the run
 *
 * `vault tag ID TAG… [--remove]`, then shows the item.
 *
 * Returns: the exit code
 */
int
co_cli_vault_tag (CoCli *cli)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean remove = FALSE;
  const char **args;
  CoVault *vault;
  guint n_args;
  gint64 id;
  int exit;
  const GOptionEntry entries[] = {
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("Remove the tags instead"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (!co_cli_vault_parse_ids (cli, args, MIN (n_args, 1), &ids, &exit))
    return exit;
  if (n_args < 2)
    return co_cli_usage (cli, _("Missing the tags"));
  id = g_array_index (ids, gint64, 0);

  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  if (!(remove ? co_vault_remove_tags : co_vault_add_tags) (vault, id, args + 1, &error))
    return co_cli_fail (cli, error);
  return print_item_by_id (cli, vault, id);
}

typedef gboolean (*ItemAction) (CoVault  *vault,
                                gint64    id,
                                GError  **error);

static JsonNode *
batch_result_to_json (gint64        id,
                      gboolean      trashed,
                      const GError *error)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", id);
  if (error == NULL)
    json_object_set_boolean_member (object, "trashed", trashed);
  else
    json_object_set_member (object, "error", co_cli_error_to_json (error));
  return co_cli_json_take_object (object);
}

/* Trash and restore take many ids: each is done on its own, failures are
 * reported and the others still go through. */
static int
run_on_each (CoCli      *cli,
             ItemAction  action,
             gboolean    trashed,
             const char *done_format)
{
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  g_autoptr(GArray) ids = NULL;
  guint n_args, n_failed = 0;
  int exit, first_failure = CO_CLI_EXIT_OK;
  const char **args;
  CoVault *vault;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (!co_cli_vault_parse_ids (cli, args, n_args, &ids, &exit))
    return exit;
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GError) error = NULL;

      if (!action (vault, id, &error))
        {
          co_cli_report (cli, error);
          if (n_failed++ == 0)
            first_failure = co_cli_exit_for_error (error);
        }
      else if (!cli->json)
        g_print (done_format, (long long)id);
      json_array_add_element (json_node_get_array (root), batch_result_to_json (id, trashed, error));
    }
  if (cli->json)
    co_cli_print_json (root);
  return co_cli_batch_exit (ids->len - n_failed, n_failed, first_failure);
}

/**
 * co_cli_vault_trash:
 * @cli: the state of the run
 *
 * `vault trash ID…`
 *
 * Returns: the exit code
 */
int
co_cli_vault_trash (CoCli *cli)
{
  return run_on_each (cli, co_vault_trash, TRUE, _("Moved %lld to the trash\n"));
}

/**
 * co_cli_vault_restore:
 * @cli: the state of the run
 *
 * `vault restore ID…`
 *
 * Returns: the exit code
 */
int
co_cli_vault_restore (CoCli *cli)
{
  return run_on_each (cli, co_vault_restore, FALSE,
                      _("Restored %lld from the trash\n"));
}

/**
 * co_cli_vault_purge:
 * @cli: the state of the run
 *
 * `vault purge`: empties the trash for good.
 *
 * Returns: the exit code
 */
int
co_cli_vault_purge (CoCli *cli)
{
  CoVaultPurgeReport report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *freed = NULL;
  CoVault *vault;
  guint n_args;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  co_cli_get_args (cli, &n_args);
  if (n_args > 0)
    return co_cli_usage (cli, _("“vault purge” takes no arguments"));
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  if (!co_vault_purge (vault, &report, &error))
    return co_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());
      JsonObject *object = json_node_get_object (root);

      json_object_set_int_member (object, "items", report.items);
      json_object_set_int_member (object, "files", report.files);
      json_object_set_int_member (object, "bytes", report.bytes);
      co_cli_print_json (root);
      return CO_CLI_EXIT_OK;
    }
  freed = g_format_size (report.bytes);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Purged %u item", "Purged %u items", report.items),
           report.items);
  g_print (g_dngettext (GETTEXT_PACKAGE, " and %u stored file, freeing %s\n",
                        " and %u stored files, freeing %s\n", report.files),
           report.files, freed);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_vault_exclude:
 * @cli: the state of the run
 *
 * `vault exclude ID [--undo]`, then shows the item.
 *
 * Returns: the exit code
 */
int
co_cli_vault_exclude (CoCli *cli)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean undo = FALSE;
  const char **args;
  CoVault *vault;
  guint n_args;
  gint64 id;
  int exit;
  const GOptionEntry entries[] = {
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, N_("Take the item back into idea suggestions"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args > 1)
    return co_cli_usage (cli, _("Expected one item id, got %u arguments"), n_args);
  if (!co_cli_vault_parse_ids (cli, args, n_args, &ids, &exit))
    return exit;
  id = g_array_index (ids, gint64, 0);
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  if (!co_vault_set_excluded (vault, id, !undo, &error))
    return co_cli_fail (cli, error);
  return print_item_by_id (cli, vault, id);
}
