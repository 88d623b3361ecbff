/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-account.h"
#include "co-cli.h"
#include "co-outbox.h"
#include "co-sync-error.h"
#include "co-test-publishing.h"
#include "co-test-secrets.h"
#include "co-test-util.h"

typedef CoTestPublishing Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  co_test_publishing_init (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_publishing_clear (fixture);
}

static JsonArray *
list_accounts (Fixture  *fixture,
               CoCliRun *run)
{
  JsonNode *json = co_test_cli_assert_json (run, 0);

  return json_node_get_array (json);
}

static void
test_connect (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(CoCliRun) listed = NULL;
  JsonObject *account;

  if (co_test_skip_without_keyring ())
    return;
  run = co_test_publishing_connect (fixture);
  account = json_node_get_object (co_test_cli_assert_json (run, 0));
  g_assert_cmpstr (json_object_get_string_member (account, "name"), ==, "@creator");
  g_assert_cmpstr (json_object_get_string_member (account, "remote_id"), ==, fixture->user_id);
  g_assert_cmpstr (json_object_get_string_member (account, "state"), ==, "connected");
  g_assert_nonnull (strstr (run->err, "Open this address"));
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "authorization_code"), ==, 1);

  listed = co_test_publishing_run (fixture, NULL, "accounts", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_accounts (fixture, listed)), ==, 1);
}

static void
test_connect_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(CoCliRun) listed = NULL;

  if (co_test_skip_without_keyring ())
    return;
  co_test_oauth_set_wrong_state (fixture->provider, TRUE);
  run = co_test_publishing_connect (fixture);
  co_test_cli_assert_exit (run, CO_CLI_EXIT_AUTH);
  g_assert_nonnull (strstr (run->err, "state"));
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "authorization_code"), ==, 0);
  listed = co_test_publishing_run (fixture, NULL, "accounts", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_accounts (fixture, listed)), ==, 0);
}

static void
test_add_check_disconnect (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CoCliRun) checked = NULL;
  g_autoptr(CoCliRun) gone = NULL;
  g_autoptr(CoCliRun) refused = NULL;
  g_autofree char *id_text = NULL;
  JsonArray *results;
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  id = co_test_publishing_add_account (fixture);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  checked = co_test_publishing_run (fixture, NULL, "accounts", "check", "--json", NULL);
  results = json_node_get_array (co_test_cli_assert_json (checked, 0));
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0),
                                                  "state"), ==, "connected");

  gone = co_test_publishing_run (fixture, NULL, "accounts", "disconnect", id_text, NULL);
  co_test_cli_assert_exit (gone, 0);
  g_assert_nonnull (strstr (gone->out, "@creator"));
  refused = co_test_publishing_run (fixture, NULL, "accounts", "check", id_text, NULL);
  co_test_cli_assert_exit (refused, CO_CLI_EXIT_AUTH);
  co_test_cli_assert_error_names (refused, "@creator");
}

/* Issue 11 (item 10): an account's name comes from outside (the platform,
 * or --name) and reaches the terminal escaped; JSON keeps it as it is. */
static void
test_escaped_name (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *name = "@evil\n\x1b]0;owned\x07";
  g_autofree char *token = NULL;
  g_autoptr(CoCliRun) added = NULL;
  g_autoptr(CoCliRun) listed = NULL;
  g_autoptr(CoCliRun) json = NULL;

  if (co_test_skip_without_keyring ())
    return;
  token = co_test_oauth_mint (fixture->provider, 7200);
  added = co_test_publishing_run (fixture, token, "accounts", "add-token", "--platform", "x",
                                  "--id", "42", "--name", name, NULL);
  listed = co_test_publishing_run (fixture, NULL, "accounts", "list", NULL);
  json = co_test_publishing_run (fixture, NULL, "accounts", "list", "--json", NULL);

  co_test_cli_assert_exit (added, 0);
  g_assert_nonnull (strstr (added->out, "@evil\\n\\x1b]0;owned\\x07 (id"));
  co_test_cli_assert_exit (listed, 0);
  g_assert_nonnull (strstr (listed->out, "@evil\\n\\x1b]0;owned\\x07"));
  for (const char *p = listed->out; *p != '\0'; p++)
    g_assert_true ((guchar)*p >= 0x20 || *p == '\n');
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (list_accounts (fixture, json), 0), "name"),
                   ==, name);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoCliRun) bad_json = NULL;
  g_autoptr(CoCliRun) no_platform = NULL;
  g_autoptr(CoCliRun) unknown = NULL;
  g_autoptr(CoCliRun) missing = NULL;

  bad_json = co_test_publishing_run (fixture, "{\"access_token\": \"s3cr3t-v4lue\", "
                                     "\"expires_in\": \"tomorrow\"}",
                                     "accounts", "add-token", "--platform", "x", NULL);
  co_test_cli_assert_exit (bad_json, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (bad_json, "expires_in");
  g_assert_null (strstr (bad_json->err, "s3cr3t-v4lue"));
  g_assert_null (strstr (bad_json->out, "s3cr3t-v4lue"));

  no_platform = co_test_publishing_run (fixture, NULL, "accounts", "connect", NULL);
  co_test_cli_assert_exit (no_platform, CO_CLI_EXIT_USAGE);
  unknown = co_test_publishing_run (fixture, NULL, "accounts", "connect", "--platform",
                                    "myspace", NULL);
  co_test_cli_assert_exit (unknown, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (unknown, "myspace");
  missing = co_test_publishing_run (fixture, NULL, "accounts", "disconnect", "42", "--json",
                                    NULL);
  co_test_cli_assert_json (missing, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (missing, "42");
}

static void
test_exit_codes (void)
{
  const struct
  {
    GQuark domain;
    int    code;
    int    exit;
  } cases[] = {
    { CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH, CO_CLI_EXIT_AUTH },
    { CO_SYNC_ERROR, CO_SYNC_ERROR_OAUTH, CO_CLI_EXIT_AUTH },
    { CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED, CO_CLI_EXIT_INVALID },
    { CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG, CO_CLI_EXIT_INVALID },
    { CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN, CO_CLI_EXIT_FAILED },
    { CO_SYNC_ERROR, CO_SYNC_ERROR_TLS, CO_CLI_EXIT_FAILED },
    { CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
    { CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID, CO_CLI_EXIT_INVALID },
    { CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_NOT_CONNECTED, CO_CLI_EXIT_AUTH },
    { CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
    { CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_WRONG_STATE, CO_CLI_EXIT_INVALID },
    { CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_BUSY, CO_CLI_EXIT_DATABASE },
  };
  g_autofree char *help = co_cli_dup_exit_help ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "x");

      g_assert_cmpint (co_cli_exit_for_error (error), ==, cases[i].exit);
      g_assert_nonnull (co_error_get_suggestion (error));
    }
  g_assert_nonnull (strstr (help, "\n  9    "));
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cli/accounts/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("connect", test_connect);
  ADD ("connect-refused", test_connect_refused);
  ADD ("add-check-disconnect", test_add_check_disconnect);
  ADD ("bad-input", test_bad_input);
  ADD ("escaped-name", test_escaped_name);
#undef ADD
  g_test_add_func ("/cli/accounts/exit-codes", test_exit_codes);

  return g_test_run ();
}
