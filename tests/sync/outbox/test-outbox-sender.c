/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-error.h"
#include "co-sync-error.h"
#include "co-outbox-sender.h"
#include "co-store-private.h"
#include "co-test-clock.h"
#include "co-test-server.h"
#include "co-test-util.h"
#include "fake-posts.h"

#define SECOND G_GINT64_CONSTANT (1000000)
#define NOW (G_GINT64_CONSTANT (1714564800) * SECOND)

typedef struct
{
  CoStore        *store;
  CoOutbox       *outbox;
  CoTestServer   *server;
  FakePosts      *posts;
  CoTestClock    *clock;
  CoHttpClient   *client;
  CoOutboxSender *sender;
  GRand          *rand;
  guint           n_faults;
  guint           faults_left;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoOutboxHandler) plain = NULL;
  g_autoptr(CoOutboxHandler) keyed = NULL;

  fixture->store = co_test_store_new ();
  /* Every claim and outcome is a commit: without an fsync each, 500 operations take
   * seconds, not minutes.  A process that dies still loses nothing in WAL mode;
   * the CLI crash test keeps the library's own setting. */
  g_assert_true (_co_store_exec (fixture->store, "PRAGMA synchronous = NORMAL", NULL));
  fixture->outbox = co_outbox_new (fixture->store);
  fixture->server = co_test_server_new ();
  fixture->posts = fake_posts_new (fixture->server);
  fixture->clock = co_test_clock_new (NOW);
  co_test_clock_set_auto_advance (fixture->clock, TRUE);
  fixture->client = co_http_client_new (CO_CLOCK (fixture->clock));
  fixture->sender = co_outbox_sender_new (fixture->outbox, CO_CLOCK (fixture->clock));
  plain = fake_handler_new (fixture->client, co_test_server_get_url (fixture->server), FALSE);
  keyed = fake_handler_new (fixture->client, co_test_server_get_url (fixture->server), TRUE);
  co_outbox_sender_add_handler (fixture->sender, plain);
  co_outbox_sender_add_handler (fixture->sender, keyed);
  co_test_server_set_held_func (fixture->server, co_test_expire_cb, fixture->clock);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->rand, g_rand_free);
  g_clear_pointer (&fixture->posts, fake_posts_free);
  co_test_assert_finalized (fixture->sender, 2000);
  co_test_assert_finalized (fixture->client, 2000);
  co_test_assert_finalized (fixture->server, 2000);
  co_test_assert_finalized (fixture->clock, 2000);
  co_test_assert_finalized (fixture->outbox, 2000);
  co_test_assert_finalized (fixture->store, 2000);
}

static gint64
enqueue (Fixture    *fixture,
         const char *kind,
         const char *marker)
{
  g_autofree char *payload = g_strdup_printf ("{\"text\": \"%s\"}", marker);
  CoOutboxRequest request = { kind, payload, NULL, marker, 0, 0, 0, 0 };
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  operation = co_outbox_enqueue (fixture->outbox, &request, co_clock_now (CO_CLOCK (fixture->clock)),
                                 &error);
  g_assert_no_error (error);
  return co_outbox_operation_get_id (operation);
}

typedef struct
{
  gboolean        done;
  gboolean        ok;
  CoOutboxSummary summary;
  GError         *error;
} Pass;

static void
passed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pass *pass = user_data;

  pass->ok = co_outbox_sender_send_due_finish (CO_OUTBOX_SENDER (object), result, &pass->summary,
                                               &pass->error);
  pass->done = TRUE;
}

static CoOutboxSummary
send_due (Fixture *fixture)
{
  Pass pass = { 0 };

  co_outbox_sender_send_due_async (fixture->sender, NULL, NULL, NULL, passed_cb, &pass);
  /* A bound against a hang, not a time the pass must keep. */
  co_test_wait_flag (&pass.done, 600000);
  g_assert_no_error (pass.error);
  g_assert_true (pass.ok);
  return pass.summary;
}

static CoOutboxOperation *
get (Fixture *fixture,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  CoOutboxOperation *operation = co_outbox_get (fixture->outbox, id, &error);

  g_assert_no_error (error);
  return operation;
}

static void
push (Fixture         *fixture,
      CoTestFaultKind  kind,
      guint            status)
{
  CoTestFault fault = { kind, status, NULL, 0 };

  co_test_server_push_fault (fixture->server, &fault);
}

/* Moves the clock to the next due operation, if one waits. */
static gboolean
advance_to_next (Fixture *fixture)
{
  gint64 next = co_outbox_sender_next_due (fixture->sender);
  gint64 now = co_clock_now (CO_CLOCK (fixture->clock));

  if (next < 0)
    return FALSE;
  if (next > now)
    co_test_clock_advance (fixture->clock, next - now);
  return TRUE;
}

static void
test_sends (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 ids[3];
  CoOutboxSummary summary;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *marker = g_strdup_printf ("post %u", i);

      ids[i] = enqueue (fixture, i == 1 ? "fake.keyed" : "fake.post", marker);
    }
  summary = send_due (fixture);
  g_assert_cmpuint (summary.sent, ==, 3);
  g_assert_cmpuint (summary.failed + summary.waiting + summary.found, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(CoOutboxOperation) operation = get (fixture, ids[i]);
      g_autofree char *marker = g_strdup_printf ("post %u", i);

      g_assert_cmpint (co_outbox_operation_get_state (operation), ==, CO_OUTBOX_DONE);
      g_assert_cmpstr (co_outbox_operation_get_remote_id (operation), ==,
                       fake_posts_id_of (fixture->posts, marker));
    }
  g_assert_cmpint (co_outbox_sender_next_due (fixture->sender), ==, -1);
}

/* The answer was lost after the service posted: the next pass finds the post
 * instead of posting it again. */
static void
test_unsure_found (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 id = enqueue (fixture, "fake.post", "lost answer");
  g_autoptr(CoOutboxOperation) after = NULL;
  CoOutboxSummary summary;

  push (fixture, CO_TEST_FAULT_DROP_AFTER, 0);
  summary = send_due (fixture);
  g_assert_cmpuint (summary.waiting, ==, 1);
  after = get (fixture, id);
  g_assert_true (co_outbox_operation_get_unsure (after));
  g_assert_true (advance_to_next (fixture));
  summary = send_due (fixture);
  g_assert_cmpuint (summary.found, ==, 1);
  g_assert_cmpuint (fake_posts_delivered (fixture->posts, "lost answer"), ==, 1);
  g_assert_cmpuint (co_test_server_count (fixture->server, "POST", "/posts"), ==, 1);
}

/* The connection dropped before the service did anything: the look-up finds
 * nothing, and the post is sent in the same attempt. */
static void
test_unsure_not_found (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 id = enqueue (fixture, "fake.post", "never arrived");
  g_autoptr(CoOutboxOperation) after = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  CoOutboxSummary summary;

  push (fixture, CO_TEST_FAULT_DROP, 0);
  send_due (fixture);
  advance_to_next (fixture);
  summary = send_due (fixture);
  g_assert_cmpuint (summary.sent, ==, 1);
  g_assert_cmpuint (fake_posts_delivered (fixture->posts, "never arrived"), ==, 1);
  attempts = co_outbox_list_attempts (fixture->outbox, id, NULL);
  g_assert_cmpuint (attempts->len, ==, 2);
  g_assert_cmpstr (((CoOutboxAttempt *)attempts->pdata[0])->outcome, ==, "unsure");
  g_assert_cmpstr (((CoOutboxAttempt *)attempts->pdata[1])->lookup, ==, "not-found");
  g_assert_cmpstr (((CoOutboxAttempt *)attempts->pdata[1])->outcome, ==, "sent");
  after = get (fixture, id);
  g_assert_false (co_outbox_operation_get_unsure (after));
}

static void
test_exhausted (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 id = enqueue (fixture, "fake.post", "doomed");
  g_autoptr(CoOutboxOperation) failed = NULL;
  g_autoptr(CoOutboxOperation) retried = NULL;
  g_autoptr(GError) kept = NULL;
  g_autoptr(GError) error = NULL;
  guint passes = 0;

  for (int i = 0; i < CO_OUTBOX_DEFAULT_ATTEMPTS; i++)
    push (fixture, CO_TEST_FAULT_STATUS, 503);
  do
    {
      send_due (fixture);
      passes++;
    }
  while (advance_to_next (fixture));
  g_assert_cmpuint (passes, ==, CO_OUTBOX_DEFAULT_ATTEMPTS);
  failed = get (fixture, id);
  g_assert_cmpint (co_outbox_operation_get_state (failed), ==, CO_OUTBOX_FAILED);
  kept = co_outbox_operation_dup_error (failed);
  g_assert_error (kept, CO_SYNC_ERROR, CO_SYNC_ERROR_HTTP);
  g_assert_cmpuint (fake_posts_delivered (fixture->posts, "doomed"), ==, 0);

  retried = co_outbox_retry (fixture->outbox, id, co_clock_now (CO_CLOCK (fixture->clock)),
                             &error);
  g_assert_no_error (error);
  send_due (fixture);
  g_assert_cmpuint (fake_posts_delivered (fixture->posts, "doomed"), ==, 1);
}

static void
test_rejected (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 id = enqueue (fixture, "fake.post", "refused");
  g_autoptr(CoOutboxOperation) failed = NULL;
  CoOutboxSummary summary;

  push (fixture, CO_TEST_FAULT_STATUS, 403);
  summary = send_due (fixture);
  g_assert_cmpuint (summary.failed, ==, 1);
  failed = get (fixture, id);
  g_assert_cmpint (co_outbox_operation_get_state (failed), ==, CO_OUTBOX_FAILED);
  g_assert_cmpint (co_outbox_operation_get_attempts (failed), ==, 1);
  g_assert_false (advance_to_next (fixture));
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CoOutboxLock) lock = co_outbox_lock (fixture->outbox, NULL);
  Pass pass = { 0 };

  g_assert_nonnull (lock);
  enqueue (fixture, "fake.post", "later");
  co_outbox_sender_send_due_async (fixture->sender, NULL, NULL, NULL, passed_cb, &pass);
  co_test_wait_flag (&pass.done, 5000);
  g_assert_error (pass.error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_BUSY);
  g_clear_error (&pass.error);
  g_assert_cmpuint (co_test_server_count (fixture->server, NULL, "/"), ==, 0);
}

static void
cancel_cb (CoTestServer *server,
           gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 id = enqueue (fixture, "fake.post", "interrupted");
  g_autoptr(CoOutboxOperation) after = NULL;
  Pass pass = { 0 };

  co_test_server_set_held_func (fixture->server, cancel_cb, cancellable);
  push (fixture, CO_TEST_FAULT_HOLD_AFTER, 0);
  co_outbox_sender_send_due_async (fixture->sender, NULL, NULL, cancellable, passed_cb, &pass);
  co_test_wait_flag (&pass.done, 5000);
  g_assert_error (pass.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&pass.error);
  after = get (fixture, id);
  g_assert_cmpint (co_outbox_operation_get_state (after), ==, CO_OUTBOX_PENDING);
  g_assert_true (co_outbox_operation_get_unsure (after));

  /* Next time it is found, not posted again. */
  co_test_server_set_held_func (fixture->server, co_test_expire_cb, fixture->clock);
  send_due (fixture);
  g_assert_cmpuint (fake_posts_delivered (fixture->posts, "interrupted"), ==, 1);
}

/* 30 % of requests fail, each in one of the ways a network and a service fail:
 * before or after the service did the work. */
static void
random_fault_cb (CoTestServer      *server,
                 SoupServerMessage *message,
                 const char        *path,
                 CoTestFault       *fault,
                 gpointer           user_data)
{
  Fixture *fixture = user_data;

  if (co_test_random_fault (fixture->rand, 0.30, co_clock_now (CO_CLOCK (fixture->clock)), fault))
    fixture->n_faults++;
}

static guint
retry_failed (Fixture *fixture)
{
  g_autoptr(GListModel) failed = co_outbox_list (fixture->outbox,
                                                 CO_OUTBOX_STATE_BIT (CO_OUTBOX_FAILED), NULL);
  guint n = g_list_model_get_n_items (failed);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoOutboxOperation) operation = g_list_model_get_item (failed, i);
      g_autoptr(CoOutboxOperation) retried = NULL;

      retried = co_outbox_retry (fixture->outbox, co_outbox_operation_get_id (operation),
                                 co_clock_now (CO_CLOCK (fixture->clock)), NULL);
      g_assert_nonnull (retried);
    }
  return n;
}

static void
test_fault_injection (Fixture       *fixture,
                      gconstpointer  data)
{
  const guint n_operations = 500;
  CoOutboxSummary total = { 0 };
  guint passes = 0, retried = 0;

  fixture->rand = g_rand_new_with_seed (co_test_seed ());
  co_outbox_sender_set_seed (fixture->sender, g_rand_int (fixture->rand));
  co_http_client_set_jitter_seed (fixture->client, g_rand_int (fixture->rand));
  for (guint i = 0; i < n_operations; i++)
    {
      g_autofree char *marker = g_strdup_printf ("operation %u", i);

      enqueue (fixture, i % 3 == 0 ? "fake.keyed" : "fake.post", marker);
    }
  co_test_server_set_faults (fixture->server, random_fault_cb, fixture);

  /* Pass after pass, as the app's scheduler would; what failed for good is
   * retried, as the user would. */
  while (passes < 1000)
    {
      CoOutboxSummary summary = send_due (fixture);
      guint n_retried;

      passes++;
      total.sent += summary.sent;
      total.found += summary.found;
      if (advance_to_next (fixture))
        continue;
      n_retried = retry_failed (fixture);
      retried += n_retried;
      if (n_retried == 0)
        break;
    }
  g_test_message ("%u passes, %u faults injected, %u sent, %u found after an unsure attempt, "
                  "%u retried by hand", passes, fixture->n_faults, total.sent, total.found,
                  retried);

  /* Checked on the service's side: each operation arrived exactly once. */
  for (guint i = 0; i < n_operations; i++)
    {
      g_autofree char *marker = g_strdup_printf ("operation %u", i);
      g_autoptr(CoOutboxOperation) operation = get (fixture, i + 1);

      g_assert_cmpuint (fake_posts_delivered (fixture->posts, marker), ==, 1);
      g_assert_cmpint (co_outbox_operation_get_state (operation), ==, CO_OUTBOX_DONE);
      g_assert_cmpstr (co_outbox_operation_get_remote_id (operation), ==,
                       fake_posts_id_of (fixture->posts, marker));
    }
  g_assert_cmpuint (fake_posts_total (fixture->posts), ==, n_operations);
  g_assert_cmpuint (total.sent + total.found, ==, n_operations);
  /* The test went through the hard cases. */
  g_assert_cmpuint (fixture->n_faults, >, 100);
  g_assert_cmpuint (total.found, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync/outbox/sender/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("sends", test_sends);
  ADD ("unsure-found", test_unsure_found);
  ADD ("unsure-not-found", test_unsure_not_found);
  ADD ("exhausted", test_exhausted);
  ADD ("rejected", test_rejected);
  ADD ("busy", test_busy);
  ADD ("cancelled", test_cancelled);
  ADD ("fault-injection", test_fault_injection);
#undef ADD

  return g_test_run ();
}
