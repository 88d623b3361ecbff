/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "co-cli-exit.h"
#include "co-test-cli.h"
#include "co-test-secrets.h"
#include "co-test-util.h"

/* ideas model: the language model's address, and its key in the keyring,
 * set as a script would. */

#define ENDPOINT "http://127.0.0.1:9"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("cli-ideas-model");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
}

static CoCliRun *
run_with_input (Fixture    *fixture,
                const char *input,
                const char *first,
                ...)
{
  CoCliOptions options = { fixture->dir, FALSE, NULL, NULL };
  CoCliRun *result;
  va_list list;

  va_start (list, first);
  result = co_test_cli_runv (&options, input, first, list);
  va_end (list);
  return result;
}

static gboolean
key_kept (CoCliRun *result)
{
  JsonObject *object = json_node_get_object (co_test_cli_assert_json (result, CO_CLI_EXIT_OK));

  g_assert_cmpstr (json_object_get_string_member (object, "endpoint"), ==, ENDPOINT);
  return json_object_get_boolean_member (object, "key");
}

static void
test_key (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *key = g_strdup_printf ("sk-cli-%08x%08x", g_random_int (), g_random_int ());
  g_autofree char *input = g_strconcat (key, "\n", NULL);
  g_autoptr(CoCliRun) stored = NULL;
  g_autoptr(CoCliRun) shown = NULL;
  g_autoptr(CoCliRun) forgotten = NULL;

  if (co_test_skip_without_keyring ())
    return;
  stored = run_with_input (fixture, input, "ideas", "model", "--endpoint", ENDPOINT "/",
                           "--key-stdin", "--json", NULL);
  g_assert_true (key_kept (stored));
  shown = run_with_input (fixture, NULL, "ideas", "model", "--endpoint", ENDPOINT, NULL);
  co_test_cli_assert_exit (shown, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (shown->out, "kept in the keyring"));
  forgotten = run_with_input (fixture, NULL, "ideas", "model", "--endpoint", ENDPOINT,
                              "--forget-key", "--json", NULL);
  g_assert_false (key_kept (forgotten));
  g_assert_null (strstr (stored->out, key));
  g_assert_null (strstr (stored->err, key));
  g_assert_null (strstr (shown->out, key));
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CoCliRun) remote = run_with_input (fixture, NULL, "ideas", "model", "--endpoint",
                                               "http://192.0.2.7:8080", NULL);
  g_autoptr(CoCliRun) no_address = run_with_input (fixture, "sk-x\n", "ideas", "model",
                                                   "--key-stdin", NULL);
  g_autoptr(CoCliRun) empty = run_with_input (fixture, "\n", "ideas", "model", "--endpoint",
                                              ENDPOINT, "--key-stdin", NULL);

  co_test_cli_assert_exit (remote, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (remote->err, "http://192.0.2.7:8080"));
  co_test_cli_assert_exit (no_address, CO_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (no_address->err, "No language model is configured"));
  g_assert_cmpint (empty->status, !=, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (empty->err, "held no key"));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add ("/cli/ideas/model/key", Fixture, NULL, fixture_set_up, test_key, fixture_tear_down);
  g_test_add ("/cli/ideas/model/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);

  return g_test_run ();
}
