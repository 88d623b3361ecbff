/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "co-cli-exit.h"
#include "co-test-cli.h"
#include "co-test-util.h"

/* deals add, done, list, milestone and report, run as a script would. */

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("cli-deals");
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

static void
assert_ok (CoCliRun *result)
{
  co_test_cli_assert_exit (result, CO_CLI_EXIT_OK);
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoCliRun) deal = run (fixture, "deals", "add", "Acme", "Review", "1000.00", "USD",
                                  "--json", NULL);
  g_autoptr(CoCliRun) yen = run (fixture, "deals", "add", "Sony", "Vlog", "200000", "JPY", NULL);
  g_autoptr(CoCliRun) draft = run (fixture, "drafts", "new", "--title", "Review", NULL);
  g_autoptr(CoCliRun) deliverable = NULL, upfront = NULL, split = NULL, paid = NULL;
  g_autoptr(CoCliRun) history = NULL, list = NULL, due = NULL, report = NULL, json = NULL;
  g_autoptr(CoCliRun) done = NULL, due_after = NULL;
  JsonObject *first;
  JsonArray *rows;

  g_assert_cmpint (json_object_get_int_member (json_node_get_object (
                     co_test_cli_assert_json (deal, CO_CLI_EXIT_OK)), "id"), ==, 1);
  assert_ok (yen);
  assert_ok (draft);
  deliverable = run (fixture, "deals", "add", "--deliverable", "1", "Main video", "--draft", "1",
                     "--due", "2000-01-01", NULL);
  assert_ok (deliverable);
  upfront = run (fixture, "deals", "milestone", "add", "1", "Upfront", "100", "--due",
                 "2000-01-02", NULL);
  assert_ok (upfront);
  split = run (fixture, "deals", "milestone", "split", "1", "3", "--json", NULL);
  rows = json_node_get_array (co_test_cli_assert_json (split, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1),
                                                  "amount"), ==, "300.00");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 1),
                                               "amount_minor"), ==, 30000);
  paid = run (fixture, "deals", "milestone", "set", "1", "completed", "--note", "Wire", NULL);
  assert_ok (paid);
  history = run (fixture, "deals", "milestone", "history", "1", "--json", NULL);
  rows = json_node_get_array (co_test_cli_assert_json (history, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1),
                                                  "note"), ==, "Wire");

  list = run (fixture, "deals", "list", "--json", NULL);
  rows = json_node_get_array (co_test_cli_assert_json (list, CO_CLI_EXIT_OK));
  first = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "brand"), ==, "Acme");
  g_assert_cmpstr (json_object_get_string_member (first, "completed"), ==, "100.00");
  g_assert_cmpint (json_object_get_int_member (first, "pending_minor"), ==, 90000);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1),
                                                  "amount"), ==, "200000");

  due = run (fixture, "deals", "list", "--due", "--json", NULL);
  rows = json_node_get_array (co_test_cli_assert_json (due, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (rows, 0),
                                                 "overdue"));
  done = run (fixture, "deals", "done", "1", NULL);
  assert_ok (done);
  due_after = run (fixture, "deals", "list", "--due", NULL);
  assert_ok (due_after);
  g_assert_nonnull (strstr (due_after->out, "Nothing is due."));

  report = run (fixture, "deals", "report", NULL);
  assert_ok (report);
  g_assert_true (g_str_has_prefix (report->out, "brand,deal_id,deal,currency,deal_amount,"));
  g_assert_nonnull (strstr (report->out, "Acme,1,Review,USD,1000.00,1,Upfront,completed,"
                                         "2000-01-02"));
  g_assert_nonnull (strstr (report->out, "Sony,2,Vlog,JPY,200000,,,unallocated,,200000,200000"));
  json = run (fixture, "deals", "report", "--json", NULL);
  rows = json_node_get_array (co_test_cli_assert_json (json, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (rows, 0), "milestones")), ==, 4);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoCliRun) decimals = run (fixture, "deals", "add", "Acme", "X", "10.5", "JPY", NULL);
  g_autoptr(CoCliRun) negative = run (fixture, "deals", "add", "Acme", "X", "-1", "USD", NULL);
  g_autoptr(CoCliRun) huge = run (fixture, "deals", "add", "Acme", "X",
                                  "99999999999999999999", "USD", NULL);
  g_autoptr(CoCliRun) currency = run (fixture, "deals", "add", "Acme", "X", "10", "DOGE", NULL);
  g_autoptr(CoCliRun) missing = run (fixture, "deals", "add", "Acme", "X", NULL);
  g_autoptr(CoCliRun) deal = run (fixture, "deals", "add", "Acme", "X", "10.00", "EUR", NULL);
  g_autoptr(CoCliRun) over = NULL, no_deal = NULL, state = NULL, action = NULL, ghost = NULL;

  co_test_cli_assert_exit (decimals, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (decimals, "10.5");
  /* The option parser takes "-1" for an option, and says so. */
  co_test_cli_assert_exit (negative, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (negative, "-1");
  co_test_cli_assert_exit (huge, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (huge->err, "too large"));
  co_test_cli_assert_exit (currency, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (currency, "DOGE");
  co_test_cli_assert_exit (missing, CO_CLI_EXIT_USAGE);
  assert_ok (deal);
  over = run (fixture, "deals", "milestone", "add", "1", "All and more", "10.01", NULL);
  co_test_cli_assert_exit (over, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (over->err, "10.01 EUR"));
  no_deal = run (fixture, "deals", "milestone", "add", "9", "Part", "1", NULL);
  co_test_cli_assert_exit (no_deal, CO_CLI_EXIT_NOT_FOUND);
  state = run (fixture, "deals", "milestone", "set", "1", "lost", NULL);
  co_test_cli_assert_exit (state, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (state, "lost");
  action = run (fixture, "deals", "milestone", "pay", "1", NULL);
  co_test_cli_assert_exit (action, CO_CLI_EXIT_USAGE);
  ghost = run (fixture, "deals", "add", "--deliverable", "1", "Video", "--draft", "77", NULL);
  co_test_cli_assert_exit (ghost, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (ghost, "77");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cli/deals/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("lifecycle", test_lifecycle);
  ADD ("bad-input", test_bad_input);
#undef ADD
  return g_test_run ();
}
