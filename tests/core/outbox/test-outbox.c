/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-drafts.h"
#include "co-error.h"
#include "co-outbox.h"
#include "co-store-private.h"
#include "co-test-util.h"

#define SECOND G_USEC_PER_SEC

static const char *const kinds[] = { "test.post", NULL };

typedef struct
{
  CoStore      *store;
  CoOutbox     *outbox;
  CoOutboxLock *lock;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = co_test_store_new ();
  fixture->outbox = co_outbox_new (fixture->store);
  fixture->lock = co_outbox_lock (fixture->outbox, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->lock, co_outbox_lock_free);
  co_test_assert_finalized (fixture->outbox, 1000);
  co_test_assert_finalized (fixture->store, 1000);
}

static CoOutboxOperation *
enqueue (Fixture    *fixture,
         const char *text,
         gint64      after_id,
         gint64      now)
{
  g_autofree char *payload = g_strdup_printf ("{\"text\": \"%s\"}", text);
  CoOutboxRequest request = { "test.post", payload, NULL, text, 0, after_id, 2, 0 };
  g_autoptr(GError) error = NULL;
  CoOutboxOperation *operation;

  operation = co_outbox_enqueue (fixture->outbox, &request, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (operation);
  return operation;
}

static CoOutboxOperation *
claim (Fixture *fixture,
       gint64   now)
{
  g_autoptr(GError) error = NULL;
  CoOutboxOperation *operation;

  operation = co_outbox_claim (fixture->outbox, fixture->lock, kinds, now, &error);
  g_assert_no_error (error);
  return operation;
}

static CoOutboxOperation *
reread (Fixture           *fixture,
        CoOutboxOperation *operation)
{
  g_autoptr(GError) error = NULL;
  CoOutboxOperation *fresh;

  fresh = co_outbox_get (fixture->outbox, co_outbox_operation_get_id (operation), &error);
  g_assert_no_error (error);
  return fresh;
}

/* Errors as the layers above give them: G_IO_ERROR_TIMED_OUT and
 * G_IO_ERROR_NETWORK_UNREACHABLE are retryable, G_IO_ERROR_INVALID_DATA is not. */
static CoOutboxState
fail (Fixture           *fixture,
      CoOutboxOperation *operation,
      int                code,
      gboolean           in_lookup,
      gboolean           unsure,
      gint64             retry_at,
      gint64             now)
{
  g_autoptr(GError) why = g_error_new (G_IO_ERROR, code, "attempt failed (%d)", code);
  g_autoptr(GError) error = NULL;
  CoOutboxState state = CO_OUTBOX_DONE;

  g_assert_true (co_outbox_fail (fixture->outbox, co_outbox_operation_get_id (operation), why,
                                 in_lookup, unsure, retry_at, now, &state, &error));
  g_assert_no_error (error);
  return state;
}

static void
test_enqueue (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoOutboxOperation) first = NULL;
  g_autoptr(CoOutboxOperation) again = NULL;
  CoOutboxRequest request = { "test.post", "{\"text\": \"hi\"}", "key-1", "hi", 0, 0, 0, 0 };
  CoOutboxOperation *refused;

  first = co_outbox_enqueue (fixture->outbox, &request, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_outbox_operation_get_key (first), ==, "key-1");
  g_assert_cmpint (co_outbox_operation_get_state (first), ==, CO_OUTBOX_PENDING);
  g_assert_cmpint (co_outbox_operation_get_budget (first), ==, CO_OUTBOX_DEFAULT_ATTEMPTS);
  g_assert_cmpint (co_outbox_operation_get_next_attempt_at (first), ==, 10);

  /* The same key is the same operation: queuing it again after a crash is safe. */
  again = co_outbox_enqueue (fixture->outbox, &request, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_outbox_operation_get_id (again), ==, co_outbox_operation_get_id (first));

  request.payload = "{\"text\": \"something else\"}";
  refused = co_outbox_enqueue (fixture->outbox, &request, 20, &error);
  g_assert_null (refused);
  g_assert_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "key-1"));
  g_clear_error (&error);

  request.key = NULL;
  request.payload = "[1, 2]";
  g_assert_null (co_outbox_enqueue (fixture->outbox, &request, 20, &error));
  g_assert_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "test.post"));
  g_clear_error (&error);

  request.payload = "{}";
  request.after_id = 999;
  g_assert_null (co_outbox_enqueue (fixture->outbox, &request, 20, &error));
  g_assert_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
}

static void
test_claim_order (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CoOutboxOperation) a = enqueue (fixture, "a", 0, 100);
  g_autoptr(CoOutboxOperation) b = NULL;
  g_autoptr(CoOutboxOperation) c = NULL;
  g_autoptr(CoOutboxOperation) first = NULL;
  g_autoptr(CoOutboxOperation) second = NULL;
  g_autoptr(CoOutboxOperation) third = NULL;
  const char *const other_kinds[] = { "other.kind", NULL };
  g_autoptr(GError) error = NULL;

  b = enqueue (fixture, "b", co_outbox_operation_get_id (a), 50);
  c = enqueue (fixture, "c", 0, 200);

  /* Nothing is due before its time, and kinds without a handler stay queued. */
  g_assert_null (claim (fixture, 99));
  g_assert_cmpint (co_outbox_next_due (fixture->outbox, kinds), ==, 100);
  g_assert_null (co_outbox_claim (fixture->outbox, fixture->lock, other_kinds, 1000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (co_outbox_count_due (fixture->outbox, kinds, 1000), ==, 2);

  /* b waits for a although it was due first. */
  first = claim (fixture, 1000);
  g_assert_cmpint (co_outbox_operation_get_id (first), ==, co_outbox_operation_get_id (a));
  g_assert_cmpint (co_outbox_operation_get_state (first), ==, CO_OUTBOX_SENDING);
  g_assert_cmpint (co_outbox_operation_get_attempts (first), ==, 1);
  g_assert_cmpint (co_outbox_operation_get_first_sent_at (first), ==, 1000);
  second = claim (fixture, 1000);
  g_assert_cmpint (co_outbox_operation_get_id (second), ==, co_outbox_operation_get_id (c));
  g_assert_null (claim (fixture, 1000));

  g_assert_true (co_outbox_complete (fixture->outbox, co_outbox_operation_get_id (a), "r-a",
                                     "https://example.invalid/a", "{}", FALSE, 1100, &error));
  g_assert_no_error (error);
  third = claim (fixture, 1200);
  g_assert_cmpint (co_outbox_operation_get_id (third), ==, co_outbox_operation_get_id (b));
}

static void
test_complete (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CoOutboxOperation) queued = enqueue (fixture, "done", 0, 0);
  g_autoptr(CoOutboxOperation) claimed = claim (fixture, 5);
  g_autoptr(CoOutboxOperation) done = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = co_outbox_operation_get_id (queued);
  CoOutboxAttempt *attempt;

  g_assert_true (co_outbox_complete (fixture->outbox, id, "77", "https://x.invalid/77",
                                     "{\"id\": \"77\"}", FALSE, 9, &error));
  g_assert_no_error (error);
  done = reread (fixture, claimed);
  g_assert_cmpint (co_outbox_operation_get_state (done), ==, CO_OUTBOX_DONE);
  g_assert_cmpstr (co_outbox_operation_get_remote_id (done), ==, "77");
  g_assert_cmpint (co_outbox_operation_get_finished_at (done), ==, 9);
  g_assert_true (co_outbox_is_remote_claimed (fixture->outbox, 0, "77", 0));
  g_assert_false (co_outbox_is_remote_claimed (fixture->outbox, 0, "77", id));

  attempts = co_outbox_list_attempts (fixture->outbox, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 1);
  attempt = g_ptr_array_index (attempts, 0);
  g_assert_cmpstr (attempt->outcome, ==, "sent");
  g_assert_cmpint (attempt->started_at, ==, 5);
  g_assert_cmpint (attempt->finished_at, ==, 9);

  /* A done operation is neither completed twice nor retried nor discarded. */
  g_assert_false (co_outbox_complete (fixture->outbox, id, "78", NULL, NULL, FALSE, 10, &error));
  g_assert_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_WRONG_STATE);
  g_clear_error (&error);
  g_assert_null (co_outbox_retry (fixture->outbox, id, 10, &error));
  g_assert_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_WRONG_STATE);
  g_clear_error (&error);
  g_assert_null (co_outbox_discard (fixture->outbox, id, 10, &error));
  g_assert_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_WRONG_STATE);
  g_assert_nonnull (strstr (error->message, "done"));
}

static void
test_retry_until_failed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CoOutboxOperation) queued = enqueue (fixture, "flaky", 0, 0);
  g_autoptr(CoOutboxOperation) retried = NULL;
  g_autoptr(CoOutboxOperation) failed = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) kept = NULL;
  gint64 id = co_outbox_operation_get_id (queued);

  /* A retryable error waits for its time; the budget of 2 attempts then runs out. */
  g_clear_object (&queued);
  queued = claim (fixture, 1);
  g_assert_cmpint (fail (fixture, queued, G_IO_ERROR_NETWORK_UNREACHABLE, FALSE, FALSE,
                         30 * SECOND, 2), ==, CO_OUTBOX_PENDING);
  g_assert_null (claim (fixture, 29 * SECOND));
  g_clear_object (&queued);
  queued = claim (fixture, 30 * SECOND);
  g_assert_nonnull (queued);
  g_assert_cmpint (fail (fixture, queued, G_IO_ERROR_TIMED_OUT, FALSE, FALSE, 0,
                         31 * SECOND), ==, CO_OUTBOX_FAILED);

  failed = reread (fixture, queued);
  kept = co_outbox_operation_dup_error (failed);
  g_assert_error (kept, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (claim (fixture, G_MAXINT64 / 2));

  /* The user retries: two more attempts, due at once. */
  retried = co_outbox_retry (fixture->outbox, id, 40 * SECOND, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_outbox_operation_get_state (retried), ==, CO_OUTBOX_PENDING);
  g_assert_cmpint (co_outbox_operation_get_budget (retried), ==, 4);
  g_clear_object (&queued);
  queued = claim (fixture, 40 * SECOND);
  g_assert_cmpint (co_outbox_operation_get_attempts (queued), ==, 3);

  attempts = co_outbox_list_attempts (fixture->outbox, id, &error);
  g_assert_cmpuint (attempts->len, ==, 3);
  g_assert_cmpstr (((CoOutboxAttempt *)attempts->pdata[0])->outcome, ==, "retry");
  g_assert_error (((CoOutboxAttempt *)attempts->pdata[1])->error, G_IO_ERROR,
                  G_IO_ERROR_TIMED_OUT);
  g_assert_null (((CoOutboxAttempt *)attempts->pdata[2])->outcome);
}

static void
test_fatal (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CoOutboxOperation) queued = enqueue (fixture, "rejected", 0, 0);
  g_autoptr(CoOutboxOperation) claimed = claim (fixture, 1);

  /* A refused request fails at once, with attempts left. */
  g_assert_cmpint (fail (fixture, claimed, G_IO_ERROR_INVALID_DATA, FALSE, FALSE, 0, 2),
                   ==, CO_OUTBOX_FAILED);
}

static void
test_unsure (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CoOutboxOperation) queued = enqueue (fixture, "maybe", 0, 0);
  g_autoptr(CoOutboxOperation) claimed = claim (fixture, 1);
  g_autoptr(CoOutboxOperation) after = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = co_outbox_operation_get_id (queued);

  g_assert_cmpint (fail (fixture, claimed, G_IO_ERROR_TIMED_OUT, FALSE, TRUE, 5, 2),
                   ==, CO_OUTBOX_PENDING);
  after = reread (fixture, claimed);
  g_assert_true (co_outbox_operation_get_unsure (after));

  /* A failed look-up leaves it unsure; one that finds nothing clears it. */
  g_clear_object (&claimed);
  claimed = claim (fixture, 5);
  g_assert_true (co_outbox_operation_get_unsure (claimed));
  g_assert_true (co_outbox_note_not_found (fixture->outbox, id, &error));
  g_assert_no_error (error);
  g_clear_object (&after);
  after = reread (fixture, claimed);
  g_assert_false (co_outbox_operation_get_unsure (after));
  g_assert_true (co_outbox_complete (fixture->outbox, id, "9", NULL, NULL, FALSE, 6, &error));

  attempts = co_outbox_list_attempts (fixture->outbox, id, &error);
  g_assert_cmpstr (((CoOutboxAttempt *)attempts->pdata[0])->outcome, ==, "unsure");
  g_assert_cmpstr (((CoOutboxAttempt *)attempts->pdata[1])->lookup, ==, "not-found");
  g_assert_cmpstr (((CoOutboxAttempt *)attempts->pdata[1])->outcome, ==, "sent");
}

static void
test_lookup_failures (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CoOutboxOperation) queued = enqueue (fixture, "lost", 0, 0);
  g_autoptr(CoOutboxOperation) claimed = claim (fixture, 1);
  g_autoptr(CoOutboxOperation) after = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = co_outbox_operation_get_id (queued);

  fail (fixture, claimed, G_IO_ERROR_CANCELLED, FALSE, TRUE, 0, 2);
  after = reread (fixture, claimed);
  g_assert_true (co_outbox_operation_get_unsure (after));
  g_assert_cmpint (co_outbox_operation_get_state (after), ==, CO_OUTBOX_PENDING);

  /* Out of attempts while unsure: failed, and still unsure after a retry. */
  g_clear_object (&claimed);
  claimed = claim (fixture, 3);
  g_assert_cmpint (fail (fixture, claimed, G_IO_ERROR_NETWORK_UNREACHABLE, TRUE, FALSE, 0, 4),
                   ==, CO_OUTBOX_FAILED);
  g_clear_object (&after);
  after = co_outbox_retry (fixture->outbox, id, 5, &error);
  g_assert_no_error (error);
  g_assert_true (co_outbox_operation_get_unsure (after));

  attempts = co_outbox_list_attempts (fixture->outbox, id, &error);
  g_assert_cmpstr (((CoOutboxAttempt *)attempts->pdata[0])->outcome, ==, "interrupted");
  g_assert_cmpstr (((CoOutboxAttempt *)attempts->pdata[1])->lookup, ==, "failed");
  g_assert_cmpstr (((CoOutboxAttempt *)attempts->pdata[1])->outcome, ==, "retry");
}

static void
test_discard (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CoOutboxOperation) head = enqueue (fixture, "head", 0, 0);
  g_autoptr(CoOutboxOperation) reply = enqueue (fixture, "reply",
                                                co_outbox_operation_get_id (head), 0);
  g_autoptr(CoOutboxOperation) other = enqueue (fixture, "other", 0, 0);
  g_autoptr(CoOutboxOperation) discarded = NULL;
  g_autoptr(CoOutboxOperation) sending = NULL;
  g_autoptr(GListModel) open = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;

  /* Discarding the head of a thread discards the replies that wait for it. */
  discarded = co_outbox_discard (fixture->outbox, co_outbox_operation_get_id (head), 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_outbox_operation_get_state (discarded), ==, CO_OUTBOX_DISCARDED);
  g_clear_object (&discarded);
  discarded = reread (fixture, reply);
  g_assert_cmpint (co_outbox_operation_get_state (discarded), ==, CO_OUTBOX_DISCARDED);

  sending = claim (fixture, 4);
  g_assert_cmpint (co_outbox_operation_get_id (sending), ==, co_outbox_operation_get_id (other));
  g_assert_null (co_outbox_discard (fixture->outbox, co_outbox_operation_get_id (other), 5,
                                    &error));
  g_assert_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_WRONG_STATE);
  g_clear_error (&error);
  g_assert_null (co_outbox_discard (fixture->outbox, 4242, 5, &error));
  g_assert_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_NOT_FOUND);
  g_clear_error (&error);

  open = co_outbox_list (fixture->outbox, CO_OUTBOX_OPEN_STATES, &error);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);
  all = co_outbox_list (fixture->outbox, CO_OUTBOX_STATE_BIT (CO_OUTBOX_DISCARDED), &error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
}

static void
test_recover (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CoOutboxOperation) queued = enqueue (fixture, "crash", 0, 0);
  g_autoptr(CoOutboxOperation) claimed = claim (fixture, 1);
  g_autoptr(CoOutboxOperation) recovered = NULL;
  g_autoptr(CoStore) reopened = NULL;
  g_autoptr(CoOutbox) outbox = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = co_outbox_operation_get_id (queued);

  /* A second sender cannot start while the first holds the lock. */
  reopened = co_store_new (co_store_get_data_dir (fixture->store), NULL, &error);
  g_assert_no_error (error);
  outbox = co_outbox_new (reopened);
  g_assert_null (co_outbox_lock (outbox, &error));
  g_assert_error (error, CO_OUTBOX_ERROR, CO_OUTBOX_ERROR_BUSY);
  g_clear_error (&error);

  /* The first one "dies": its claim is found by the next one, from the file. */
  g_clear_pointer (&fixture->lock, co_outbox_lock_free);
  fixture->lock = co_outbox_lock (outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (co_outbox_recover (outbox, fixture->lock, 10, &error), ==, 1);
  g_assert_no_error (error);
  recovered = co_outbox_get (outbox, id, &error);
  g_assert_cmpint (co_outbox_operation_get_state (recovered), ==, CO_OUTBOX_PENDING);
  g_assert_true (co_outbox_operation_get_unsure (recovered));
  attempts = co_outbox_list_attempts (outbox, id, &error);
  g_assert_cmpstr (((CoOutboxAttempt *)attempts->pdata[0])->outcome, ==, "interrupted");
  g_assert_cmpuint (co_outbox_recover (outbox, fixture->lock, 11, &error), ==, 0);
  g_clear_pointer (&fixture->lock, co_outbox_lock_free);
}

/* The version that added the accounts and the outbox. */
#define OUTBOX_SCHEMA_VERSION 10

/* A library one version older (with drafts) gains the outbox and keeps its
 * drafts, and the new tables take rows. */
static void
test_upgrade (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("outbox-upgrade");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) old = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(CoOutbox) outbox = NULL;
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoDraft) draft = NULL;
  g_autofree char *report = NULL;
  CoOutboxRequest request = { "test.post", "{}", NULL, NULL, 0, 0, 0, 0 };

  old = _co_store_new_at_version (dir, OUTBOX_SCHEMA_VERSION - 1, &error);
  g_assert_no_error (error);
  g_assert_true (_co_store_exec (old, "INSERT INTO drafts (id, stage, title, body, created_at,"
                                      " updated_at, stage_changed_at)"
                                      " VALUES (4, 'draft', 'Kept', 'From before', 1, 1, 1);"
                                      "INSERT INTO draft_variants (draft_id, platform)"
                                      " VALUES (4, 'x')", &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_store_get_schema_version (store), >=, OUTBOX_SCHEMA_VERSION);
  drafts = co_drafts_new (store);
  draft = co_drafts_get (drafts, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_draft_get_title (draft), ==, "Kept");
  g_assert_true (co_draft_has_platform (draft, CO_PLATFORM_X));
  outbox = co_outbox_new (store);
  operation = co_outbox_enqueue (outbox, &request, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (operation);
  g_assert_true (co_store_check_integrity (store, TRUE, &report, &error));
  g_assert_cmpstr (report, ==, "ok");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/core/outbox/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("enqueue", test_enqueue);
  ADD ("claim-order", test_claim_order);
  ADD ("complete", test_complete);
  ADD ("retry-until-failed", test_retry_until_failed);
  ADD ("fatal", test_fatal);
  ADD ("unsure", test_unsure);
  ADD ("lookup-failures", test_lookup_failures);
  ADD ("discard", test_discard);
  ADD ("recover", test_recover);
#undef ADD
  g_test_add_func ("/core/outbox/upgrade-from-v9", test_upgrade);

  return g_test_run ();
}
