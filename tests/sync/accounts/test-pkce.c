/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-pkce.h"
#include "co-test-util.h"

/* RFC 7636, appendix B: the worked example of the S256 method. */
static void
test_rfc7636_example (void)
{
  g_autofree char *challenge = co_pkce_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_verifier (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < 200; i++)
    {
      char *verifier = co_pkce_new_verifier ();
      g_autofree char *challenge = co_pkce_challenge (verifier);

      /* RFC 7636 §4.1: 43 to 128 characters of [A-Z] [a-z] [0-9] "-" "." "_" "~". */
      g_assert_cmpuint (strlen (verifier), ==, 43);
      g_assert_cmpuint (strspn (verifier, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789-._~"), ==, 43);
      g_assert_cmpuint (strlen (challenge), ==, 43);
      g_assert_null (strchr (challenge, '='));
      g_assert_false (g_hash_table_contains (seen, verifier));
      g_hash_table_add (seen, verifier);
    }
}

static void
test_state (void)
{
  g_autofree char *a = co_oauth_new_state ();
  g_autofree char *b = co_oauth_new_state ();

  g_assert_cmpuint (strlen (a), >=, 32);
  g_assert_cmpstr (a, !=, b);
  g_assert_true (co_oauth_equal_secret (a, a));
  g_assert_false (co_oauth_equal_secret (a, b));
  g_assert_false (co_oauth_equal_secret ("abc", "abcd"));
  g_assert_false (co_oauth_equal_secret ("abcd", "abc"));
  g_assert_false (co_oauth_equal_secret ("", "a"));
  g_assert_false (co_oauth_equal_secret (NULL, a));
  g_assert_true (co_oauth_equal_secret ("", ""));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/sync/accounts/pkce/rfc7636-example", test_rfc7636_example);
  g_test_add_func ("/sync/accounts/pkce/verifier", test_verifier);
  g_test_add_func ("/sync/accounts/pkce/state", test_state);

  return g_test_run ();
}
