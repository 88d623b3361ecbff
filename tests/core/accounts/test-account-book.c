/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-account-book.h"
#include "co-error.h"
#include "co-test-util.h"

typedef struct
{
  CoStore       *store;
  CoAccountBook *book;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = co_test_store_new ();
  fixture->book = co_account_book_new (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_assert_finalized (fixture->book, 1000);
  co_test_assert_finalized (fixture->store, 1000);
}

static void
test_save_and_find (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoAccount) saved = NULL;
  g_autoptr(CoAccount) found = NULL;
  g_autoptr(CoAccount) again = NULL;
  g_autoptr(GListModel) list = NULL;

  saved = co_account_book_save (fixture->book, CO_PLATFORM_X, "1001", "@maker", 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_account_get_platform (saved), ==, CO_PLATFORM_X);
  g_assert_cmpstr (co_account_get_remote_id (saved), ==, "1001");
  g_assert_cmpstr (co_account_get_display_name (saved), ==, "@maker");
  g_assert_cmpint (co_account_get_state (saved), ==, CO_ACCOUNT_CONNECTED);
  g_assert_cmpint (co_account_get_checked_at (saved), ==, 5000);

  found = co_account_book_find (fixture->book, CO_PLATFORM_X, "1001");
  g_assert_nonnull (found);
  g_assert_cmpint (co_account_get_id (found), ==, co_account_get_id (saved));
  g_assert_null (co_account_book_find (fixture->book, CO_PLATFORM_LINKEDIN, "1001"));

  /* Connecting the same account again renames it and keeps its id. */
  g_assert_true (co_account_book_set_state (fixture->book, co_account_get_id (saved),
                                            CO_ACCOUNT_RECONNECT, 0, &error));
  again = co_account_book_save (fixture->book, CO_PLATFORM_X, "1001", "@maker2", 9000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_account_get_id (again), ==, co_account_get_id (saved));
  g_assert_cmpstr (co_account_get_display_name (again), ==, "@maker2");
  g_assert_cmpint (co_account_get_state (again), ==, CO_ACCOUNT_CONNECTED);
  g_assert_cmpint (co_account_get_created_at (again), ==, 5000);

  list = co_account_book_list (fixture->book, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static void
test_states (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoAccount) saved = NULL;
  g_autoptr(CoAccount) read = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  CoAccountState state;

  saved = co_account_book_save (fixture->book, CO_PLATFORM_YOUTUBE, "UC42", "Channel", 1,
                                &error);
  g_assert_no_error (error);
  g_assert_true (co_account_book_set_state (fixture->book, co_account_get_id (saved),
                                            CO_ACCOUNT_RECONNECT, 0, &error));
  read = co_account_book_get (fixture->book, co_account_get_id (saved), &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_account_get_state (read), ==, CO_ACCOUNT_RECONNECT);
  /* Zero leaves the time the token last worked as it was. */
  g_assert_cmpint (co_account_get_checked_at (read), ==, 1);

  json = co_account_to_json (read);
  text = json_to_string (json, FALSE);
  g_assert_nonnull (strstr (text, "\"state\":\"reconnect-needed\""));
  g_assert_nonnull (strstr (text, "\"platform\":\"youtube\""));

  for (int i = CO_ACCOUNT_CONNECTED; i <= CO_ACCOUNT_DISCONNECTED; i++)
    {
      g_assert_true (co_account_state_from_string (co_account_state_to_string (i), &state));
      g_assert_cmpint (state, ==, i);
    }
  g_assert_false (co_account_state_from_string ("connected-ish", &state));
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CoAccount *account;

  account = co_account_book_save (fixture->book, CO_PLATFORM_X, "", "@someone", 1, &error);
  g_assert_null (account);
  g_assert_error (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID);
  g_clear_error (&error);

  account = co_account_book_save (fixture->book, CO_PLATFORM_X, "7", "\xff\xfe", 1, &error);
  g_assert_null (account);
  g_assert_error (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (co_account_book_get (fixture->book, 404, &error));
  g_assert_error (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "404"));
  g_clear_error (&error);

  g_assert_false (co_account_book_set_state (fixture->book, 404, CO_ACCOUNT_CONNECTED, 0,
                                             &error));
  g_assert_error (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_NOT_FOUND);
  g_assert_nonnull (co_error_get_suggestion (error));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add ("/core/accounts/save-and-find", Fixture, NULL, fixture_set_up, test_save_and_find,
              fixture_tear_down);
  g_test_add ("/core/accounts/states", Fixture, NULL, fixture_set_up, test_states,
              fixture_tear_down);
  g_test_add ("/core/accounts/bad-input", Fixture, NULL, fixture_set_up, test_bad_input,
              fixture_tear_down);

  return g_test_run ();
}
