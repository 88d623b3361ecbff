/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "co-cli-exit.h"
#include "co-test-cli.h"
#include "co-test-util.h"
#include "co-vault.h"

/* trends, run as a script would, on notes the test wrote just now. */

#define run(data_dir, ...) co_test_cli_run_in (data_dir, NULL, __VA_ARGS__)

static void
test_trends (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("cli-trends");
  g_autofree char *data_dir = g_build_filename (dir, "library", NULL);
  const char *tags[] = { "timelapse", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CoCliRun) empty = NULL, json = NULL, days = NULL, stray = NULL;
  JsonArray *trends;
  JsonObject *first;

  empty = run (data_dir, "trends", NULL);
  co_test_cli_assert_exit (empty, CO_CLI_EXIT_OK);
  g_assert_cmpstr (empty->out, ==, "Nothing rose in the last 30 days.\n");
  {
    g_autoptr(CoStore) store = co_store_new (data_dir, NULL, &error);
    g_autoptr(CoVault) vault = NULL;

    g_assert_no_error (error);
    vault = co_vault_new (store);
    co_vault_add_note (vault, "Harbour timelapse", "…", tags, &error);
    g_assert_no_error (error);
    co_vault_add_note (vault, "Timelapse of clouds", "…", tags, &error);
    g_assert_no_error (error);
  }
  json = run (data_dir, "trends", "--days", "7", "--limit", "1", "--json", NULL);
  trends = json_node_get_array (co_test_cli_assert_json (json, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (trends), ==, 1);
  first = json_array_get_object_element (trends, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "tag");
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "timelapse");
  g_assert_cmpint (json_object_get_int_member (first, "recent"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (first, "before"), ==, 0);
  days = run (data_dir, "trends", "--days", "0", NULL);
  co_test_cli_assert_exit (days, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (days, "not 0");
  stray = run (data_dir, "trends", "list", NULL);
  co_test_cli_assert_exit (stray, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (stray, "“list”");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  g_test_add_func ("/cli/trends/rising", test_trends);
  return g_test_run ();
}
