/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "co-cli-exit.h"
#include "co-test-cli.h"
#include "co-test-util.h"

/* workflows define, list, submit, approve and reject, run as a script would. */

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static const char definition[] =
  "{\"name\": \"Sponsored\", \"members\": [\"alice\", \"bob\"],"
  " \"stages\": [{\"name\": \"edit\"},"
  "  {\"name\": \"legal\", \"after\": [\"edit\"], \"approvers\": [\"bob\"], \"timeout\": \"2d\"},"
  "  {\"name\": \"brand\", \"after\": [\"edit\"], \"approvers\": [\"alice\"]}]}";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("cli-workflows");
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

static CoCliRun *
run_input (Fixture    *fixture,
           const char *input,
           const char *first,
           ...)
{
  CoCliOptions options = { fixture->data_dir };
  CoCliRun *result;
  va_list list;

  va_start (list, first);
  result = co_test_cli_runv (&options, input, first, list);
  va_end (list);
  return result;
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  g_autofree char *path = g_build_filename (fixture->data_dir, "creatorops.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A Draft on X with a time, which approval can move to Scheduled. */
static void
make_draft (Fixture *fixture)
{
  g_autoptr(CoCliRun) made = run (fixture, "drafts", "new", "--title", "Unboxing", "--body",
                                  "Thanks, Acme", "--stage", "draft", "--platform", "x", NULL);
  g_autoptr(CoCliRun) timed = run (fixture, "schedule", "add", "1", "--platform", "x", "--at",
                                   "2099-06-01T09:00Z", NULL);

  co_test_cli_assert_exit (made, CO_CLI_EXIT_OK);
  co_test_cli_assert_exit (timed, CO_CLI_EXIT_OK);
}

static void
define (Fixture *fixture)
{
  g_autoptr(CoCliRun) defined = run_input (fixture, definition, "workflows", "define", "-",
                                           "--json", NULL);
  JsonObject *object = json_node_get_object (co_test_cli_assert_json (defined, CO_CLI_EXIT_OK));

  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Sponsored");
  g_assert_cmpint (json_object_get_int_member (object, "id"), >, 0);
}

static JsonObject *
json_object (CoCliRun *result)
{
  return json_node_get_object (co_test_cli_assert_json (result, CO_CLI_EXIT_OK));
}

static void
test_approve (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CoCliRun) submitted = NULL, inbox = NULL, alice = NULL, wrong = NULL, done = NULL;
  g_autoptr(CoCliRun) history = NULL, list = NULL;
  JsonArray *gates, *events;

  make_draft (fixture);
  define (fixture);
  list = run (fixture, "workflows", "list", NULL);
  co_test_cli_assert_exit (list, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (list->out, "legal (after edit): approved by bob"));
  submitted = run (fixture, "workflows", "submit", "Sponsored", "1", "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object (submitted), "state"), ==,
                   "running");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object (submitted),
                                                                         "waiting")), ==, 2);
  inbox = run (fixture, "workflows", "list", "--waiting", "--as", "bob", "--json", NULL);
  gates = json_node_get_array (co_test_cli_assert_json (inbox, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (gates), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (gates, 0),
                                                  "stage"), ==, "legal");
  wrong = run (fixture, "workflows", "approve", "1", "--as", "alice", "--stage", "legal", NULL);
  co_test_cli_assert_exit (wrong, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (wrong, "alice");
  alice = run (fixture, "workflows", "approve", "1", "--as", "alice", "--stage", "brand", NULL);
  co_test_cli_assert_exit (alice, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (alice->out, "legal: bob"));
  done = run (fixture, "workflows", "approve", "1", "--as", "bob", "--comment", "Fine", "--json",
              NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object (done), "state"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (json_object (done), "draft_stage"), ==,
                   "scheduled");
  history = run (fixture, "workflows", "list", "--draft", "1", "--json", NULL);
  events = json_node_get_array (co_test_cli_assert_json (history, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (events), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 5),
                                                  "comment"), ==, "Fine");
}

static void
test_reject_and_timeout (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CoCliRun) submitted = NULL, bare = NULL, rejected = NULL, again = NULL, late = NULL;
  g_autoptr(CoCliRun) inbox = NULL;

  make_draft (fixture);
  define (fixture);
  submitted = run (fixture, "workflows", "submit", "Sponsored", "1", NULL);
  co_test_cli_assert_exit (submitted, CO_CLI_EXIT_OK);
  bare = run (fixture, "workflows", "reject", "1", "--as", "bob", "--stage", "legal", NULL);
  co_test_cli_assert_exit (bare, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (bare->err, "comment"));
  rejected = run (fixture, "workflows", "reject", "1", "--as", "bob", "--stage", "legal",
                  "--comment", "No disclosure", "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object (rejected), "state"), ==,
                   "rejected");
  g_assert_cmpstr (json_object_get_string_member (json_object (rejected), "draft_stage"), ==,
                   "draft");

  /* The gate's two days pass (written into the library, as time would). */
  again = run (fixture, "workflows", "submit", "Sponsored", "1", NULL);
  co_test_cli_assert_exit (again, CO_CLI_EXIT_OK);
  exec_sql (fixture, "UPDATE workflow_run_stages SET deadline_at = 1 WHERE state = 'waiting'"
                     " AND stage = 'legal'");
  late = run (fixture, "workflows", "approve", "1", "--as", "bob", "--stage", "legal", NULL);
  co_test_cli_assert_exit (late, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (late->err, "timed out"));
  inbox = run (fixture, "workflows", "list", "--waiting", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (
                      co_test_cli_assert_json (inbox, CO_CLI_EXIT_OK))), ==, 0);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoCliRun) cycle = NULL, unknown = NULL, no_file = NULL, not_json = NULL;
  g_autoptr(CoCliRun) no_workflow = NULL, no_draft = NULL, not_id = NULL, nothing = NULL;
  g_autoptr(CoCliRun) twice = NULL;

  cycle = run_input (fixture, "{\"name\": \"C\", \"stages\": [{\"name\": \"a\", \"after\":"
                     " [\"b\"]}, {\"name\": \"b\", \"after\": [\"a\"]}]}",
                     "workflows", "define", "-", NULL);
  co_test_cli_assert_exit (cycle, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (cycle->err, "cycle: “"));
  unknown = run_input (fixture, "{\"name\": \"U\", \"stages\": [{\"name\": \"a\","
                       " \"approvers\": [\"zed\"]}]}", "workflows", "define", "-", NULL);
  co_test_cli_assert_exit (unknown, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (unknown, "zed");
  no_file = run (fixture, "workflows", "define", "/nonexistent/wf.json", NULL);
  co_test_cli_assert_exit (no_file, CO_CLI_EXIT_NOT_FOUND);
  not_json = run_input (fixture, "stages: none", "workflows", "define", "-", NULL);
  co_test_cli_assert_exit (not_json, CO_CLI_EXIT_INVALID);
  define (fixture);
  twice = run_input (fixture, definition, "workflows", "define", "-", NULL);
  co_test_cli_assert_exit (twice, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (twice, "Sponsored");
  no_workflow = run (fixture, "workflows", "submit", "Nope", "1", NULL);
  co_test_cli_assert_exit (no_workflow, CO_CLI_EXIT_NOT_FOUND);
  no_draft = run (fixture, "workflows", "submit", "Sponsored", "42", NULL);
  co_test_cli_assert_exit (no_draft, CO_CLI_EXIT_NOT_FOUND);
  not_id = run (fixture, "workflows", "approve", "first", NULL);
  co_test_cli_assert_exit (not_id, CO_CLI_EXIT_USAGE);
  nothing = run (fixture, "workflows", "approve", "42", "--as", "bob", NULL);
  co_test_cli_assert_exit (nothing, CO_CLI_EXIT_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cli/workflows/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("approve", test_approve);
  ADD ("reject-and-timeout", test_reject_and_timeout);
  ADD ("bad-input", test_bad_input);
#undef ADD
  return g_test_run ();
}
