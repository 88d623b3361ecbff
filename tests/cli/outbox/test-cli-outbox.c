/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-cli-exit.h"
#include "co-error.h"
#include "co-sync-error.h"
#include "co-outbox.h"
#include "co-test-publishing.h"
#include "co-test-secrets.h"
#include "co-test-util.h"
#include "co-x-client.h"

typedef struct
{
  CoTestPublishing  publishing;
  CoStore          *store;
  CoOutbox         *outbox;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  co_test_publishing_init (&fixture->publishing);
  fixture->store = co_test_publishing_open_store (&fixture->publishing);
  fixture->outbox = co_outbox_new (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_assert_finalized (fixture->outbox, 1000);
  co_test_assert_finalized (fixture->store, 1000);
  co_test_publishing_clear (&fixture->publishing);
}

static gint64
enqueue (Fixture    *fixture,
         gint64      account_id,
         const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoOutboxOperation) operation = NULL;

  operation = co_x_client_enqueue_post (fixture->outbox, account_id, text, 0, g_get_real_time (),
                                        &error);
  g_assert_no_error (error);
  return co_outbox_operation_get_id (operation);
}

/* Plays a sender whose attempt at @id failed with @code. */
static void
fail_once (Fixture *fixture,
           int      code)
{
  g_autoptr(CoOutboxLock) lock = co_outbox_lock (fixture->outbox, NULL);
  const char *const kinds[] = { CO_X_KIND_POST, NULL };
  g_autoptr(CoOutboxOperation) claimed = NULL;
  g_autoptr(GError) why = g_error_new_literal (CO_SYNC_ERROR, code, "X said no to this post");
  g_autoptr(GError) error = NULL;

  claimed = co_outbox_claim (fixture->outbox, lock, kinds, g_get_real_time (), &error);
  g_assert_nonnull (claimed);
  g_assert_true (co_outbox_fail (fixture->outbox, co_outbox_operation_get_id (claimed), why,
                                 FALSE, FALSE, g_get_real_time () + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC,
                                 g_get_real_time (), NULL, &error));
  g_assert_no_error (error);
}

static JsonObject *
find_operation (JsonArray *operations,
                gint64     id)
{
  for (guint i = 0; i < json_array_get_length (operations); i++)
    {
      JsonObject *operation = json_array_get_object_element (operations, i);

      if (json_object_get_int_member (operation, "id") == id)
        return operation;
    }
  return NULL;
}

static void
test_list_retry_discard (Fixture       *fixture,
                         gconstpointer  data)
{
  CoTestPublishing *p = &fixture->publishing;
  gint64 rejected = enqueue (fixture, 0, "first");
  gint64 waiting = enqueue (fixture, 0, "second");
  gint64 queued = enqueue (fixture, 0, "third");
  g_autofree char *rejected_id = g_strdup_printf ("%" G_GINT64_FORMAT, rejected);
  g_autofree char *queued_id = g_strdup_printf ("%" G_GINT64_FORMAT, queued);
  g_autoptr(CoCliRun) listed = NULL, retried = NULL, wrong = NULL, discarded = NULL;
  g_autoptr(CoCliRun) open_only = NULL, all = NULL, bad = NULL;
  JsonArray *operations;
  JsonObject *failed;

  fail_once (fixture, CO_SYNC_ERROR_REJECTED);
  fail_once (fixture, CO_SYNC_ERROR_OFFLINE);
  listed = co_test_publishing_run (p, NULL, "outbox", "list", "--json", NULL);
  operations = json_node_get_array (co_test_cli_assert_json (listed, 0));
  g_assert_cmpuint (json_array_get_length (operations), ==, 3);
  failed = find_operation (operations, rejected);
  g_assert_cmpstr (json_object_get_string_member (failed, "state"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (failed, "error"),
                                                  "message"), ==, "X said no to this post");
  g_assert_cmpstr (json_object_get_string_member (find_operation (operations, waiting), "state"),
                   ==, "pending");
  g_assert_nonnull (json_object_get_string_member (find_operation (operations, waiting),
                                                   "next_attempt_at"));

  /* One good id and one unknown: the good one goes through. */
  retried = co_test_publishing_run (p, NULL, "outbox", "retry", rejected_id, "999", "--json", NULL);
  operations = json_node_get_array (co_test_cli_assert_json (retried, CO_CLI_EXIT_PARTIAL));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (operations, 0),
                                                  "state"), ==, "pending");
  co_test_cli_assert_error_names (retried, "999");

  wrong = co_test_publishing_run (p, NULL, "outbox", "retry", queued_id, NULL);
  co_test_cli_assert_exit (wrong, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (wrong, "pending");

  discarded = co_test_publishing_run (p, NULL, "outbox", "discard", queued_id, NULL);
  co_test_cli_assert_exit (discarded, 0);
  open_only = co_test_publishing_run (p, NULL, "outbox", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (
    co_test_cli_assert_json (open_only, 0))), ==, 2);
  all = co_test_publishing_run (p, NULL, "outbox", "list", "--state", "discarded", "--json", NULL);
  operations = json_node_get_array (co_test_cli_assert_json (all, 0));
  g_assert_cmpuint (json_array_get_length (operations), ==, 1);
  g_assert_nonnull (find_operation (operations, queued));

  bad = co_test_publishing_run (p, NULL, "outbox", "list", "--state", "lost", NULL);
  co_test_cli_assert_exit (bad, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (bad, "lost");
}

static void
test_send (Fixture       *fixture,
           gconstpointer  data)
{
  CoTestPublishing *p = &fixture->publishing;
  g_autoptr(CoCliRun) sent = NULL;
  g_autoptr(CoCliRun) done = NULL;
  JsonObject *summary;
  gint64 account;

  if (co_test_skip_without_keyring ())
    return;
  account = co_test_publishing_add_account (p);
  enqueue (fixture, account, "one");
  enqueue (fixture, account, "two");
  enqueue (fixture, account, "three https://example.com/watch");
  sent = co_test_publishing_run (p, NULL, "outbox", "send", "--json", NULL);
  summary = json_node_get_object (co_test_cli_assert_json (sent, 0));
  g_assert_cmpint (json_object_get_int_member (summary, "sent"), ==, 3);
  g_assert_cmpuint (co_test_x_count_text (p->x, "one"), ==, 1);
  g_assert_cmpuint (co_test_x_count_text (p->x, "three https://example.com/watch"), ==, 1);
  done = co_test_publishing_run (p, NULL, "outbox", "list", "--state", "done", NULL);
  co_test_cli_assert_exit (done, 0);
  g_assert_nonnull (strstr (done->out, "https://x.com/i/web/status/"));
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CoOutboxLock) lock = co_outbox_lock (fixture->outbox, NULL);
  g_autoptr(CoCliRun) run = NULL;

  enqueue (fixture, 0, "held back");
  run = co_test_publishing_run (&fixture->publishing, NULL, "outbox", "send", NULL);
  co_test_cli_assert_exit (run, CO_CLI_EXIT_DATABASE);
  co_test_cli_assert_error_names (run, "Another CreatorOps process");
  g_assert_cmpuint (co_test_server_count (fixture->publishing.server, NULL, "/"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cli/outbox/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("list-retry-discard", test_list_retry_discard);
  ADD ("send", test_send);
  ADD ("busy", test_busy);
#undef ADD

  return g_test_run ();
}
