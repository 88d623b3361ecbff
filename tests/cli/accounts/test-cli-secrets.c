/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "co-outbox.h"
#include "co-secrets.h"
#include "co-test-publishing.h"
#include "co-test-secrets.h"
#include "co-test-util.h"
#include "co-token.h"
#include "co-x-client.h"

/*
 * After a full run — connecting in the browser, a token added by a script,
 * renewals, posts, every listing — no token, refresh token or code the
 * provider gave out is in the database, its WAL, the logs (G_MESSAGES_DEBUG=all)
 * or what the CLI printed.  They are in the keyring, which is checked too, so
 * that the search is known to look for the right strings.
 */

typedef struct
{
  CoTestPublishing  publishing;
  GString          *printed;
  GPtrArray        *runs;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  co_test_publishing_init (&fixture->publishing);
  fixture->printed = g_string_new (NULL);
  fixture->runs = g_ptr_array_new_with_free_func ((GDestroyNotify)co_cli_run_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_string_free (fixture->printed, TRUE);
  g_ptr_array_unref (fixture->runs);
  co_test_publishing_clear (&fixture->publishing);
  g_unsetenv ("G_MESSAGES_DEBUG");
}

/* Keeps what a run printed, and checks its exit code (-1: 0, and not JSON). */
static JsonNode *
keep (Fixture  *fixture,
      CoCliRun *run,
      int       expected)
{
  g_ptr_array_add (fixture->runs, run);
  g_string_append_printf (fixture->printed, "%s\n%s\n", run->out, run->err);
  if (expected < 0)
    {
      co_test_cli_assert_exit (run, 0);
      return NULL;
    }
  return co_test_cli_assert_json (run, expected);
}

typedef struct
{
  gboolean  done;
  char     *secret;
} Lookup;

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;

  lookup->secret = co_secrets_lookup_finish (result, NULL);
  lookup->done = TRUE;
}

static void
enqueue_posts (Fixture *fixture,
               gint64   account)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (fixture->publishing.data_dir, NULL, &error);
  g_autoptr(CoOutbox) outbox = co_outbox_new (store);

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("A post that must not carry secrets, %d", i);
      g_autoptr(CoOutboxOperation) operation = NULL;

      operation = co_x_client_enqueue_post (outbox, account, text, 0, g_get_real_time (), &error);
      g_assert_no_error (error);
    }
}

static void
test_no_secret_outside_the_keyring (Fixture       *fixture,
                                    gconstpointer  data)
{
  CoTestPublishing *p = &fixture->publishing;
  g_autofree char *db_path = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *minted = NULL;
  g_autofree char *account_id = NULL;
  sqlite3 *reader = NULL;
  Lookup lookup = { 0 };
  JsonNode *json;
  gint64 account;

  if (co_test_skip_without_keyring ())
    return;
  /* Tokens that expire within the renewal margin, so that every use renews. */
  co_test_oauth_set_expires_in (p->provider, 120);
  json = keep (fixture, co_test_publishing_connect (p), 0);
  account = json_object_get_int_member (json_node_get_object (json), "id");
  account_id = g_strdup_printf ("%" G_GINT64_FORMAT, account);

  /* A reader keeps the WAL from being folded away when the CLIs close. */
  db_path = g_build_filename (p->data_dir, "creatorops.db", NULL);
  g_assert_cmpint (sqlite3_open (db_path, &reader), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "SELECT count (*) FROM accounts", NULL, NULL, NULL), ==,
                   SQLITE_OK);

  minted = co_test_oauth_mint (p->provider, 120);
  keep (fixture, co_test_publishing_run (p, minted, "accounts", "add-token", "--platform", "x",
                                         "--json", NULL), 0);
  co_test_oauth_revoke_access (p->provider);
  keep (fixture, co_test_publishing_run (p, NULL, "accounts", "check", "--json", NULL), 0);
  enqueue_posts (fixture, account);
  keep (fixture, co_test_publishing_run (p, NULL, "outbox", "send", "--json", NULL), 0);
  keep (fixture, co_test_publishing_run (p, NULL, "outbox", "list", "--all", "--json", NULL), 0);
  keep (fixture, co_test_publishing_run (p, NULL, "accounts", "list", "--json", NULL), 0);
  keep (fixture, co_test_publishing_run (p, NULL, "outbox", "list", "--all", NULL), -1);
  g_assert_cmpuint (co_test_oauth_count_grants (p->provider, "refresh_token"), >=, 2);
  g_assert_cmpuint (co_test_x_n_posts (p->x), ==, 3);

  /* The logs were on: the search below reads real debug output. */
  g_assert_nonnull (strstr (fixture->printed->str, "co-http-DEBUG"));
  /* The current token is in the keyring. */
  co_secrets_lookup_async ("x", p->user_id, NULL, looked_up_cb, &lookup);
  co_test_wait_flag (&lookup.done, 10000);
  g_assert_nonnull (lookup.secret);
  g_assert_nonnull (strstr (lookup.secret, co_test_oauth_get_last_refresh (p->provider)));
  co_secret_free (lookup.secret);

  co_test_assert_no_secret ("the CLI's output and logs", fixture->printed->str,
                            fixture->printed->len, co_test_oauth_get_issued (p->provider));
  co_test_assert_no_secret_in_dir (p->data_dir, co_test_oauth_get_issued (p->provider));
  wal_path = g_strconcat (db_path, "-wal", NULL);
  g_assert_true (g_file_test (wal_path, G_FILE_TEST_EXISTS));
  sqlite3_close (reader);
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);
  /* Debug messages on stdout would break the TAP stream. */
  g_log_writer_default_set_use_stderr (TRUE);

  g_test_add ("/cli/accounts/no-secret-outside-the-keyring", Fixture, NULL, fixture_set_up,
              test_no_secret_outside_the_keyring, fixture_tear_down);

  return g_test_run ();
}
