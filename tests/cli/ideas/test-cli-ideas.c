/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "co-cli-exit.h"
#include "co-test-cli.h"
#include "co-test-util.h"

/* ideas add, list and done, run as a script would. */

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("cli-ideas");
  fixture->data_dir = g_build_filename (fixture->dir, "library", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

#define run(fixture, ...) co_test_cli_run_in ((fixture)->data_dir, NULL, __VA_ARGS__)

static gint64
add (Fixture    *fixture,
     const char *title)
{
  g_autoptr(CoCliRun) result = run (fixture, "ideas", "add", title, "--json", NULL);

  return json_object_get_int_member (json_node_get_object (
                                       co_test_cli_assert_json (result, CO_CLI_EXIT_OK)), "id");
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 first = add (fixture, "Studio tour");
  gint64 second = add (fixture, "Gear list");
  g_autofree char *first_text = g_strdup_printf ("%lld", (long long)first);
  g_autoptr(CoCliRun) done = run (fixture, "ideas", "done", first_text, NULL);
  g_autoptr(CoCliRun) open = NULL, all = NULL, text = NULL;
  JsonArray *ideas;

  co_test_cli_assert_exit (done, CO_CLI_EXIT_OK);
  open = run (fixture, "ideas", "list", "--json", NULL);
  ideas = json_node_get_array (co_test_cli_assert_json (open, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (ideas), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (ideas, 0), "id"),
                   ==, second);
  all = run (fixture, "ideas", "list", "--all", "--json", NULL);
  ideas = json_node_get_array (co_test_cli_assert_json (all, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (ideas), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ideas, 1),
                                                  "status"), ==, "done");
  text = run (fixture, "ideas", "list", "--status", "done", NULL);
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "Studio tour"));
  g_assert_null (strstr (text->out, "Gear list"));
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoCliRun) empty = run (fixture, "ideas", "add", " ", NULL);
  g_autoptr(CoCliRun) missing = run (fixture, "ideas", "done", "77", NULL);
  g_autoptr(CoCliRun) not_id = run (fixture, "ideas", "done", "seven", NULL);
  g_autoptr(CoCliRun) status = run (fixture, "ideas", "list", "--status", "someday", NULL);
  g_autoptr(CoCliRun) no_title = run (fixture, "ideas", "add", NULL);

  co_test_cli_assert_exit (empty, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_exit (missing, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (missing, "77");
  co_test_cli_assert_exit (not_id, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (not_id, "seven");
  co_test_cli_assert_exit (status, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (status, "someday");
  co_test_cli_assert_exit (no_title, CO_CLI_EXIT_USAGE);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cli/ideas/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("lifecycle", test_lifecycle);
  ADD ("bad-input", test_bad_input);
#undef ADD
  return g_test_run ();
}
