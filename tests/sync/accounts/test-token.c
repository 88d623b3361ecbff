/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-account.h"
#include "co-error.h"
#include "co-sync-error.h"
#include "co-test-util.h"
#include "co-token.h"

#define SECOND G_GINT64_CONSTANT (1000000)
#define NOW (G_GINT64_CONSTANT (1714564800) * SECOND)

static void
test_response (void)
{
  g_autoptr(JsonNode) node = json_from_string (
    "{\"access_token\": \"A1\", \"token_type\": \"bearer\", \"expires_in\": 7200,"
    " \"refresh_token\": \"R1\", \"scope\": \"tweet.read tweet.write\"}", NULL);
  g_autoptr(JsonNode) bad = json_from_string ("{\"token_type\": \"bearer\"}", NULL);
  g_autoptr(CoToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = co_token_new_from_response (node, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token->access_token, ==, "A1");
  g_assert_cmpstr (token->refresh_token, ==, "R1");
  g_assert_cmpint (token->expires_at, ==, NOW + 7200 * SECOND);
  g_assert_cmpuint (g_strv_length (token->scopes), ==, 2);
  g_assert_cmpstr (token->scopes[1], ==, "tweet.write");

  g_assert_null (co_token_new_from_response (bad, NOW, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL);
}

static void
test_stored (void)
{
  g_autoptr(CoToken) unix_time = NULL;
  g_autoptr(CoToken) iso_time = NULL;
  g_autoptr(CoToken) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  unix_time = co_token_new_from_json ("{\"access_token\": \"A\", \"expires_at\": 1714568400,"
                                      " \"scopes\": [\"a\", \"b\"]}", NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (unix_time->expires_at, ==, NOW + 3600 * SECOND);
  g_assert_null (unix_time->refresh_token);
  g_assert_cmpstr (unix_time->scopes[1], ==, "b");

  iso_time = co_token_new_from_json ("{\"access_token\": \"A\", \"refresh_token\": \"R\","
                                     " \"expires_at\": \"2024-05-01T13:00:00Z\","
                                     " \"scope\": \"x,y\"}", NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (iso_time->expires_at, ==, NOW + 3600 * SECOND);
  g_assert_cmpstr (iso_time->scopes[0], ==, "x");

  /* What the keyring keeps reads back the same. */
  json = co_token_to_json (iso_time);
  again = co_token_new_from_json (json, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->access_token, ==, "A");
  g_assert_cmpstr (again->refresh_token, ==, "R");
  g_assert_cmpint (again->expires_at, ==, iso_time->expires_at);
  g_assert_cmpstrv (again->scopes, iso_time->scopes);
}

static void
test_bad_json (void)
{
  static const char *const bad[] = {
    "not json at all, secret-value-1",
    "[\"secret-value-1\"]",
    "{\"refresh_token\": \"secret-value-1\"}",
    "{\"access_token\": \"secret-value-1\", \"expires_in\": -5}",
    "{\"access_token\": \"secret-value-1\", \"expires_in\": \"soon\"}",
    "{\"access_token\": \"secret-value-1\", \"expires_at\": \"next tuesday\"}",
    "{\"access_token\": 12}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (co_token_new_from_json (bad[i], NOW, &error));
      g_assert_error (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID);
      /* The reason never quotes the token. */
      g_assert_null (strstr (error->message, "secret-value-1"));
    }
}

static void
test_refresh_rules (void)
{
  CoToken token = { (char *)"A", (char *)"R", NOW + 10 * 60 * SECOND, NULL, NULL };
  CoToken fresh = { (char *)"A2", NULL, 0, NULL, NULL };
  g_auto(GStrv) scopes = g_strsplit ("a b", " ", -1);

  g_assert_false (co_token_needs_refresh (&token, NOW));
  g_assert_true (co_token_needs_refresh (&token, NOW + 5 * 60 * SECOND));
  g_assert_false (co_token_is_expired (&token, NOW + 9 * 60 * SECOND));
  g_assert_true (co_token_is_expired (&token, NOW + 10 * 60 * SECOND));
  token.expires_at = 0;
  g_assert_false (co_token_needs_refresh (&token, NOW));
  g_assert_false (co_token_is_expired (&token, NOW));

  /* A renewal without a refresh token keeps the old one, and its scopes. */
  token.scopes = scopes;
  co_token_keep_refresh (&fresh, &token);
  g_assert_cmpstr (fresh.refresh_token, ==, "R");
  g_assert_cmpstrv (fresh.scopes, scopes);
  g_free (fresh.refresh_token);
  g_strfreev (fresh.scopes);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/sync/accounts/token/response", test_response);
  g_test_add_func ("/sync/accounts/token/stored", test_stored);
  g_test_add_func ("/sync/accounts/token/bad-json", test_bad_json);
  g_test_add_func ("/sync/accounts/token/refresh-rules", test_refresh_rules);

  return g_test_run ();
}
