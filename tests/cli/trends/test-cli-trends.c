/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "co-cli-exit.h"
#include "co-test-cli.h"
#include "co-test-util.h"
#include "co-trend-store.h"
#include "co-vault.h"

/* trends, run as a script would, on notes the test wrote just now; trends
 * import, list and decay on CSV files it wrote. */

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
  stray = run (data_dir, "trends", "lists", NULL);
  co_test_cli_assert_exit (stray, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (stray, "“lists”");
}

static char *
write_csv (const char *dir,
           const char *text)
{
  return co_test_write_file (dir, "trends.csv", text, -1);
}

static const char *
name_of (JsonArray *trends,
         guint      i)
{
  return json_object_get_string_member (json_array_get_object_element (trends, i), "name");
}

/* import reports bad rows by line and keeps good ones; list ranks, filters
 * and pages; decay archives what faded, once. */
static void
test_import_list_decay (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("cli-trends-stored");
  g_autofree char *data_dir = g_build_filename (dir, "library", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *text = g_strdup_printf ("platform,kind,name,score,observed_at\r\n"
                                           "youtube,format,\"Shorts, < 30 s\",80,%s\r\n"
                                           "x,hashtag,#new,30,\r\n"
                                           "x,meme,bad,1,\r\n"
                                           "instagram,topic,old,50,2000-01-01\r\n", today);
  g_autofree char *csv = write_csv (dir, text);
  g_autoptr(CoCliRun) import = NULL, json = NULL, page = NULL, filtered = NULL, decay = NULL;
  g_autoptr(CoCliRun) again = NULL, live = NULL, archived = NULL, bad_kind = NULL;
  JsonObject *report;
  JsonArray *trends;

  import = run (data_dir, "trends", "import", csv, NULL);
  co_test_cli_assert_exit (import, CO_CLI_EXIT_PARTIAL);
  g_assert_nonnull (strstr (import->out, "3 of 4 rows imported"));
  g_assert_nonnull (strstr (import->err, "line 4 skipped"));
  g_assert_nonnull (strstr (import->err, "meme"));
  json = run (data_dir, "trends", "import", csv, "--json", NULL);
  report = json_node_get_object (co_test_cli_assert_json (json, CO_CLI_EXIT_PARTIAL));
  g_assert_cmpint (json_object_get_int_member (report, "imported"), ==, 3);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (report, "skipped")),
                   ==, 1);

  page = run (data_dir, "trends", "list", "--limit", "1", "--offset", "1", "--json", NULL);
  trends = json_node_get_array (co_test_cli_assert_json (page, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (trends), ==, 1);
  g_assert_cmpstr (name_of (trends, 0), ==, "#new");
  filtered = run (data_dir, "trends", "list", "--platform", "youtube", "--kind", "format",
                  "--json", NULL);
  trends = json_node_get_array (co_test_cli_assert_json (filtered, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (trends), ==, 1);
  g_assert_cmpstr (name_of (trends, 0), ==, "Shorts, < 30 s");

  decay = run (data_dir, "trends", "decay", "--half-life", "7", "--threshold", "1", "--json",
               NULL);
  report = json_node_get_object (co_test_cli_assert_json (decay, CO_CLI_EXIT_OK));
  g_assert_cmpint (json_object_get_int_member (report, "archived"), ==, 1);
  again = run (data_dir, "trends", "decay", "--half-life", "7", "--threshold", "1", NULL);
  co_test_cli_assert_exit (again, CO_CLI_EXIT_OK);
  g_assert_cmpstr (again->out, ==, "0 trends archived\n");
  live = run (data_dir, "trends", "list", "--json", NULL);
  trends = json_node_get_array (co_test_cli_assert_json (live, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (trends), ==, 2);
  archived = run (data_dir, "trends", "list", "--archived", "--json", NULL);
  trends = json_node_get_array (co_test_cli_assert_json (archived, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (trends), ==, 3);
  g_assert_cmpstr (name_of (trends, 2), ==, "old");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (trends, 2),
                                                 "archived"));
  bad_kind = run (data_dir, "trends", "list", "--kind", "meme", NULL);
  co_test_cli_assert_exit (bad_kind, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (bad_kind, "“meme”");
}

/* A file without a needed column, or not UTF-8, is refused by name. */
static void
test_import_refused (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("cli-trends-refused");
  g_autofree char *data_dir = g_build_filename (dir, "library", NULL);
  g_autofree char *csv = write_csv (dir, "platform,kind,name\nx,topic,a\n");
  g_autoptr(CoCliRun) missing = NULL, none = NULL, all_bad = NULL;
  g_autofree char *bad_csv = NULL;

  missing = run (data_dir, "trends", "import", csv, NULL);
  co_test_cli_assert_exit (missing, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (missing->err, "trends.csv"));
  g_assert_nonnull (strstr (missing->err, "“score”"));
  none = run (data_dir, "trends", "import", NULL);
  co_test_cli_assert_exit (none, CO_CLI_EXIT_USAGE);
  bad_csv = co_test_write_file (dir, "bad.csv", "platform,kind,name,score\nx,meme,a,1\n", -1);
  all_bad = run (data_dir, "trends", "import", bad_csv, NULL);
  co_test_cli_assert_exit (all_bad, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (all_bad->out, "0 of 1 rows imported"));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  g_test_add_func ("/cli/trends/rising", test_trends);
  g_test_add_func ("/cli/trends/import-list-decay", test_import_list_decay);
  g_test_add_func ("/cli/trends/import-refused", test_import_refused);
  return g_test_run ();
}
