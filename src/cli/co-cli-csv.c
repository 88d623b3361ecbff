/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cli-csv.h"

/* What a CSV import did, the same way for every import (trends, metrics). */

static JsonNode *
report_to_json (const char  *path,
                CoCsvReport *report)
{
  JsonObject *object = json_object_new ();
  JsonArray *skipped = json_array_new ();

  json_object_set_string_member (object, "file", path);
  json_object_set_int_member (object, "rows", report->n_rows);
  json_object_set_int_member (object, "imported", report->n_imported);
  for (guint i = 0; i < report->problems->len; i++)
    {
      const CoCsvProblem *problem = &g_array_index (report->problems, CoCsvProblem, i);
      JsonObject *row = json_object_new ();

      json_object_set_int_member (row, "line", problem->line);
      json_object_set_string_member (row, "reason", problem->reason);
      json_array_add_object_element (skipped, row);
    }
  json_object_set_array_member (object, "skipped", skipped);
  return co_cli_json_take_object (object);
}

/**
 * co_cli_csv_print_report:
 * @cli: the state of the run
 * @path: the file imported
 * @report: what the import did
 *
 * Prints how many rows were imported and each skipped row by line (on
 * standard error), or the JSON of it all with --json.
 *
 * Returns: %CO_CLI_EXIT_OK when no row was skipped, %CO_CLI_EXIT_PARTIAL
 *   when some were, %CO_CLI_EXIT_INVALID when every row was
 */
int
co_cli_csv_print_report (CoCli       *cli,
                         const char  *path,
                         CoCsvReport *report)
{
  g_autofree char *shown = co_cli_escape (path);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = report_to_json (path, report);

      co_cli_print_json (root);
    }
  else
    {
      g_print (_("%s: %u of %u rows imported\n"), shown, report->n_imported, report->n_rows);
      for (guint i = 0; i < report->problems->len; i++)
        {
          const CoCsvProblem *problem = &g_array_index (report->problems, CoCsvProblem, i);
          g_autofree char *reason = co_cli_escape (problem->reason);

          g_printerr (_("%s: line %u skipped: %s\n"), shown, problem->line, reason);
        }
    }
  if (report->problems->len == 0)
    return CO_CLI_EXIT_OK;
  return report->n_imported > 0 ? CO_CLI_EXIT_PARTIAL : CO_CLI_EXIT_INVALID;
}
