/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-vault.h"
#include "co-vault-recover.h"

/* Opens the library even when its database is missing or empty, which is
 * what this command is for; everything else is checked as usual. */
static CoVault *
open_for_recovery (CoCli *cli,
                   int   *out_exit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new_for_recovery (cli->data_dir,
                                                        co_cli_get_cancellable (cli), &error);

  if (store == NULL)
    {
      *out_exit = co_cli_fail (cli, error);
      return NULL;
    }
  cli->vault = co_vault_new (store);
  return cli->vault;
}

static JsonNode *
file_to_json (CoVault               *vault,
              const CoRecoveredFile *file)
{
  JsonObject *object = json_object_new ();
  g_autofree char *path = co_store_dup_blob_path (co_vault_get_store (vault), file->sha256);

  json_object_set_string_member (object, "sha256", file->sha256);
  json_object_set_string_member (object, "file", path);
  if (file->id != 0)
    json_object_set_int_member (object, "id", file->id);
  else
    json_object_set_member (object, "error", co_cli_error_to_json (file->error));
  return co_cli_json_take_object (object);
}

static void
print_json (CoVault               *vault,
            const CoRecoverReport *report)
{
  g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());
  JsonObject *object = json_node_get_object (root);
  JsonArray *recovered = json_array_new ();
  JsonArray *failed = json_array_new ();

  for (guint i = 0; i < report->files->len; i++)
    {
      CoRecoveredFile *file = g_ptr_array_index (report->files, i);
      json_array_add_element (file->id != 0 ? recovered : failed, file_to_json (vault, file));
    }
  json_object_set_int_member (object, "found", report->found);
  json_object_set_int_member (object, "known", report->known);
  json_object_set_array_member (object, "recovered", recovered);
  json_object_set_array_member (object, "failed", failed);
  co_cli_print_json (root);
}

/* Each failure on standard error; without --json, each recovered file and
 * the sum on standard output. */
static void
print_text (CoCli                 *cli,
            const CoRecoverReport *report)
{
  guint n_recovered = co_recover_report_count (report, TRUE);
  guint n_failed = co_recover_report_count (report, FALSE);

  co_cli_clear_progress (cli);
  for (guint i = 0; i < report->files->len; i++)
    {
      CoRecoveredFile *file = g_ptr_array_index (report->files, i);

      if (file->id == 0)
        co_cli_report (cli, file->error);
      else if (!cli->json)
        g_print (_("Recovered stored file %.12s… as %lld\n"), file->sha256, (long long)file->id);
    }
  if (cli->json)
    return;
  g_print (g_dngettext (GETTEXT_PACKAGE, "Found %u stored file: ", "Found %u stored files: ",
                        report->found), report->found);
  g_print (_("%u recovered, %u already in the library, %u could not be recovered\n"),
           n_recovered, report->known, n_failed);
  if (n_recovered > 0)
    g_print (_("Recovered items are tagged “%s”: find them with "
               "“creatorops-cli vault list --tag %s”.\n"),
             CO_VAULT_RECOVERED_TAG, CO_VAULT_RECOVERED_TAG);
}

static int
exit_for (const CoRecoverReport *report)
{
  int first_failure = CO_CLI_EXIT_OK;

  for (guint i = 0; i < report->files->len && first_failure == CO_CLI_EXIT_OK; i++)
    {
      CoRecoveredFile *file = g_ptr_array_index (report->files, i);

      if (file->id == 0)
        first_failure = co_cli_exit_for_error (file->error);
    }
  return co_cli_batch_exit (co_recover_report_count (report, TRUE),
                            co_recover_report_count (report, FALSE), first_failure);
}

/**
 * co_cli_vault_recover:
 * @cli: the state of the run
 *
 * `vault recover`: records again every stored file of the library that its
 * database does not list, after the database was lost or replaced by an
 * older backup.  Files that cannot be recorded are reported and kept.
 *
 * Returns: the exit code (%CO_CLI_EXIT_PARTIAL when only some failed)
 */
int
co_cli_vault_recover (CoCli *cli)
{
  g_auto(CoRecoverReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  CoVault *vault;
  guint n_args;
  int exit;

  if (!co_cli_parse (cli, NULL, &exit))
    return exit;
  co_cli_get_args (cli, &n_args);
  if (n_args > 0)
    return co_cli_usage (cli, _("“vault recover” takes no arguments"));
  if ((vault = open_for_recovery (cli, &exit)) == NULL)
    return exit;
  if (!co_vault_recover (vault, co_cli_progress_cb, cli, &report, co_cli_get_cancellable (cli),
                         &error))
    return co_cli_fail (cli, error);

  if (cli->json)
    print_json (vault, &report);
  print_text (cli, &report);
  return exit_for (&report);
}
