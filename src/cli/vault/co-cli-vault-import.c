/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-vault.h"
#include "co-importer.h"

typedef struct
{
  CoCli     *cli;
  CoVault   *vault;
  JsonArray *results;
  guint      n_ok;
  guint      n_failed;
  int        first_failure;
} ImportBatch;

static JsonNode *
result_to_json (const char   *path,
                gint64        id,
                gboolean      duplicate,
                const GError *error)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "file", path);
  if (id != 0)
    json_object_set_int_member (object, "id", id);
  else
    json_object_set_null_member (object, "id");
  json_object_set_boolean_member (object, "duplicate", duplicate);
  if (error != NULL)
    json_object_set_member (object, "error", co_cli_error_to_json (error));
  return co_cli_json_take_object (object);
}

static void
report_imported (ImportBatch *batch,
                 const char  *path,
                 gint64       id,
                 gboolean     duplicate)
{
  g_autofree char *shown = NULL;

  batch->n_ok++;
  if (batch->cli->json)
    return;
  co_cli_clear_progress (batch->cli);
  shown = co_cli_escape (path);
  if (duplicate)
    g_print (_("%s is already in the vault as %lld\n"), shown, (long long)id);
  else
    g_print (_("Imported %s as %lld\n"), shown, (long long)id);
}

/* Imports one file.  Returns %FALSE only when the batch was cancelled. */
static gboolean
import_one (ImportBatch           *batch,
            const char            *path,
            const CoImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  gboolean duplicate = FALSE;
  gint64 id;

  id = co_importer_import_file (batch->vault, path, options, &duplicate,
                                co_cli_get_cancellable (batch->cli), &error);
  if (co_error_is_cancelled (error))
    return FALSE;
  if (id == 0)
    {
      co_cli_report (batch->cli, error);
      if (batch->n_failed++ == 0)
        batch->first_failure = co_cli_exit_for_error (error);
    }
  else
    {
      report_imported (batch, path, id, duplicate);
    }
  json_array_add_element (batch->results, result_to_json (path, id, duplicate, error));
  return TRUE;
}

static gboolean
import_all (ImportBatch           *batch,
            const char           **paths,
            guint                  n_paths,
            const CoImportOptions *options)
{
  for (guint i = 0; i < n_paths; i++)
    {
      g_autofree char *name = g_path_get_basename (paths[i]);
      g_autofree char *message = g_strdup_printf (_("Importing %s (%u of %u)"), name, i + 1,
                                                  n_paths);

      if (g_cancellable_is_cancelled (co_cli_get_cancellable (batch->cli)))
        return FALSE;
      co_cli_progress (batch->cli, (double)i / n_paths, message);
      if (!import_one (batch, paths[i], options))
        return FALSE;
    }
  co_cli_progress (batch->cli, 1.0, NULL);
  return TRUE;
}

/**
 * co_cli_vault_import:
 * @cli: the state of the run
 *
 * `vault import PATH… [--tag T]… [--title S] [--notes S] [--source-url U]`.
 * Each file goes through the media importer on its own: a bad file is
 * reported and the others are still imported.  With `--json` the result of
 * every file is printed, even when some failed or Ctrl+C stopped the batch.
 *
 * Returns: the exit code (%CO_CLI_EXIT_PARTIAL when only some failed)
 */
int
co_cli_vault_import (CoCli *cli)
{
  g_autofree char *title = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *source_url = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(JsonNode) root = co_cli_json_take_array (json_array_new ());
  ImportBatch batch = { cli, NULL, json_node_get_array (root), 0, 0, CO_CLI_EXIT_OK };
  CoImportOptions options = { 0 };
  const char **paths;
  gboolean finished;
  guint n_paths;
  int exit;
  const GOptionEntry entries[] = {
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Add tag T (repeatable)"), N_("T") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The title (default: the file name)"),
      N_("S") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes about the files"), N_("S") },
    { "source-url", 0, 0, G_OPTION_ARG_STRING, &source_url, N_("Where the files came from"),
      N_("U") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  paths = co_cli_get_args (cli, &n_paths);
  if (n_paths == 0)
    return co_cli_usage (cli, _("Missing the files to import"));
  if ((batch.vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;

  options.title = title;
  options.notes = notes;
  options.source_url = source_url;
  options.tags = (const char * const *)tags;
  finished = import_all (&batch, paths, n_paths, &options);

  if (cli->json)
    co_cli_print_json (root);
  if (!finished)
    return CO_CLI_EXIT_CANCELLED;
  return co_cli_batch_exit (batch.n_ok, batch.n_failed, batch.first_failure);
}
