/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-error.h"
#include "co-outbox-sender.h"
#include "co-secrets.h"
#include "co-test-clock.h"
#include "co-test-oauth.h"
#include "co-test-secrets.h"
#include "co-test-server.h"
#include "co-test-util.h"
#include "co-test-x.h"
#include "co-x-client.h"

#define SECOND G_GINT64_CONSTANT (1000000)
#define NOW (G_GINT64_CONSTANT (1714564800) * SECOND)

typedef struct
{
  CoStore          *store;
  CoOutbox         *outbox;
  CoTestServer     *server;
  CoTestOAuth      *provider;
  CoTestX          *x;
  CoTestClock      *clock;
  CoHttpClient     *client;
  CoServiceConfig  *config;
  CoAccountManager *accounts;
  CoXClient        *x_client;
  CoOutboxSender   *sender;
  char             *user_id;
  gint64            account_id;
} Fixture;

typedef struct
{
  gboolean  done;
  GObject  *object;
  GError   *error;
} Result;

static void
object_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->object = g_task_propagate_pointer (G_TASK (result), &r->error);
  r->done = TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoAccountBook) book = NULL;

  fixture->store = co_test_store_new ();
  fixture->outbox = co_outbox_new (fixture->store);
  fixture->server = co_test_server_new ();
  fixture->provider = co_test_oauth_new (fixture->server, CO_PLATFORM_X, "client-x");
  fixture->user_id = g_strdup_printf ("%u", g_random_int ());
  fixture->x = co_test_x_new (fixture->server, fixture->provider, fixture->user_id, "creator");
  fixture->clock = co_test_clock_new (NOW);
  co_test_clock_set_auto_advance (fixture->clock, TRUE);
  fixture->client = co_http_client_new (CO_CLOCK (fixture->clock));
  fixture->config = co_service_config_new ();
  co_service_config_set_base (fixture->config, CO_SERVICE_X,
                              co_test_server_get_url (fixture->server), NULL);
  co_service_config_set_base (fixture->config, CO_SERVICE_OAUTH_X,
                              co_test_server_get_url (fixture->server), NULL);
  co_service_config_set_client_id (fixture->config, CO_PLATFORM_X, "client-x");
  book = co_account_book_new (fixture->store);
  fixture->accounts = co_account_manager_new (book, fixture->client, fixture->config);
  fixture->x_client = co_x_client_new (fixture->accounts);
  co_account_manager_set_profiler (fixture->accounts, CO_PLATFORM_X,
                                   CO_ACCOUNT_PROFILER (fixture->x_client));
  fixture->sender = co_outbox_sender_new (fixture->outbox, CO_CLOCK (fixture->clock));
  co_outbox_sender_add_handler (fixture->sender, CO_OUTBOX_HANDLER (fixture->x_client));
  co_test_server_set_held_func (fixture->server, co_test_expire_cb, fixture->clock);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_forget_token ("x", fixture->user_id);
  g_free (fixture->user_id);
  g_clear_pointer (&fixture->x, co_test_x_free);
  g_clear_pointer (&fixture->provider, co_test_oauth_free);
  co_test_assert_finalized (fixture->sender, 2000);
  co_test_assert_finalized (fixture->x_client, 2000);
  co_test_assert_finalized (fixture->accounts, 2000);
  co_test_assert_finalized (fixture->client, 2000);
  co_test_assert_finalized (fixture->config, 2000);
  co_test_assert_finalized (fixture->server, 2000);
  co_test_assert_finalized (fixture->clock, 2000);
  co_test_assert_finalized (fixture->outbox, 2000);
  co_test_assert_finalized (fixture->store, 2000);
}

/* Adds an account with a minted token; X is asked who it is. */
static gboolean
add_account (Fixture *fixture)
{
  g_autofree char *json = NULL;
  Result r = { 0 };
  CoAccount *account;

  if (co_test_skip_without_keyring ())
    return FALSE;
  json = co_test_oauth_mint (fixture->provider, 7200);
  co_account_manager_add_token_async (fixture->accounts, CO_PLATFORM_X, json, NULL, NULL, NULL,
                                      object_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_no_error (r.error);
  account = CO_ACCOUNT (r.object);
  g_assert_cmpstr (co_account_get_remote_id (account), ==, fixture->user_id);
  g_assert_cmpstr (co_account_get_display_name (account), ==, "@creator");
  fixture->account_id = co_account_get_id (account);
  g_object_unref (account);
  return TRUE;
}

static gint64
enqueue (Fixture    *fixture,
         const char *text,
         gint64      after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoOutboxOperation) operation = NULL;

  operation = co_x_client_enqueue_post (fixture->outbox, fixture->account_id, text, after,
                                        co_clock_now (CO_CLOCK (fixture->clock)), &error);
  g_assert_no_error (error);
  return co_outbox_operation_get_id (operation);
}

typedef struct
{
  gboolean        done;
  CoOutboxSummary summary;
  GError         *error;
} Pass;

static void
passed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pass *pass = user_data;

  co_outbox_sender_send_due_finish (CO_OUTBOX_SENDER (object), result, &pass->summary,
                                    &pass->error);
  pass->done = TRUE;
}

static CoOutboxSummary
send_due (Fixture *fixture)
{
  Pass pass = { 0 };

  co_outbox_sender_send_due_async (fixture->sender, NULL, NULL, NULL, passed_cb, &pass);
  co_test_wait_flag (&pass.done, 20000);
  g_assert_no_error (pass.error);
  return pass.summary;
}

static CoOutboxOperation *
get (Fixture *fixture,
     gint64   id)
{
  CoOutboxOperation *operation = co_outbox_get (fixture->outbox, id, NULL);

  g_assert_nonnull (operation);
  return operation;
}

static void
test_normalize (void)
{
  g_autofree char *a = co_x_normalize_text ("New video  https://youtu.be/abc?t=3 \n watch!");
  g_autofree char *b = co_x_normalize_text ("New video https://t.co/XyZ watch!");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, "New video <link> watch!");
}

static void
test_post_and_reply (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 first, second;
  g_autoptr(CoOutboxOperation) head = NULL;
  g_autoptr(CoOutboxOperation) reply = NULL;
  CoOutboxSummary summary;

  if (!add_account (fixture))
    return;
  first = enqueue (fixture, "A thread, part one", 0);
  second = enqueue (fixture, "and part two", first);
  summary = send_due (fixture);
  g_assert_cmpuint (summary.sent, ==, 2);
  head = get (fixture, first);
  reply = get (fixture, second);
  g_assert_cmpstr (co_outbox_operation_get_remote_id (head), ==,
                   co_test_x_id_of (fixture->x, "A thread, part one"));
  g_assert_true (g_str_has_suffix (co_outbox_operation_get_remote_url (head),
                                   co_outbox_operation_get_remote_id (head)));
  g_assert_cmpstr (co_test_x_reply_to (fixture->x, co_outbox_operation_get_remote_id (reply)), ==,
                   co_outbox_operation_get_remote_id (head));
}

static void
test_refused_token_renewed (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 id;
  g_autoptr(CoOutboxOperation) done = NULL;

  if (!add_account (fixture))
    return;
  id = enqueue (fixture, "after a refusal", 0);
  co_test_oauth_revoke_access (fixture->provider);
  send_due (fixture);
  done = get (fixture, id);
  g_assert_cmpint (co_outbox_operation_get_state (done), ==, CO_OUTBOX_DONE);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->provider, "refresh_token"), ==, 1);
  g_assert_cmpuint (co_test_x_count_text (fixture->x, "after a refusal"), ==, 1);
  /* The refused attempt reached X but was not a post. */
  g_assert_cmpuint (co_test_server_count (fixture->server, "POST", "/2/tweets"), ==, 2);
}

/* X rewrites links, so the look-up matches normalized text. */
static void
test_lost_answer_found (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *text = "New video: https://youtu.be/dQw4w9WgXcQ";
  CoTestFault lost = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };
  g_autoptr(CoOutboxOperation) done = NULL;
  CoOutboxSummary summary;
  gint64 id;

  if (!add_account (fixture))
    return;
  id = enqueue (fixture, text, 0);
  co_test_server_push_fault (fixture->server, &lost);
  summary = send_due (fixture);
  g_assert_cmpuint (summary.waiting, ==, 1);
  co_test_clock_advance (fixture->clock, CO_OUTBOX_BACKOFF_MAX);
  summary = send_due (fixture);
  g_assert_cmpuint (summary.found, ==, 1);
  done = get (fixture, id);
  g_assert_cmpstr (co_outbox_operation_get_remote_id (done), ==, co_test_x_id_of (fixture->x, text));
  g_assert_cmpuint (co_test_x_count_text (fixture->x, text), ==, 1);
}

/* X answers the timeline a page of at most 100 posts at a time.  More posts
 * than that came after the one whose answer was lost: the look-up must go on
 * to the next page rather than post it again. */
static void
test_lost_answer_found_on_later_page (Fixture       *fixture,
                                      gconstpointer  data)
{
  const char *text = "The post the newer ones pushed down";
  CoTestFault lost = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };
  g_autoptr(CoOutboxOperation) done = NULL;
  g_autofree char *timeline = NULL;
  CoOutboxSummary summary;
  guint found;
  gint64 id;

  if (!add_account (fixture))
    return;
  id = enqueue (fixture, text, 0);
  co_test_server_push_fault (fixture->server, &lost);
  summary = send_due (fixture);
  g_assert_cmpuint (summary.waiting, ==, 1);
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *newer = g_strdup_printf ("A newer post, number %u", i);

      enqueue (fixture, newer, 0);
    }
  /* The lost one comes due while the newer ones go out, and is looked up
   * behind them; without paging it was posted again (151 sent). */
  summary = send_due (fixture);
  g_assert_cmpuint (summary.sent, ==, 150);
  found = summary.found;
  for (gint64 next; (next = co_outbox_sender_next_due (fixture->sender)) >= 0;)
    {
      co_test_clock_advance (fixture->clock,
                             MAX (0, next - co_clock_now (CO_CLOCK (fixture->clock))));
      summary = send_due (fixture);
      found += summary.found;
      g_assert_cmpuint (summary.sent, ==, 0);
    }
  g_assert_cmpuint (found, ==, 1);
  done = get (fixture, id);
  g_assert_cmpstr (co_outbox_operation_get_remote_id (done), ==, co_test_x_id_of (fixture->x, text));
  g_assert_cmpuint (co_test_x_count_text (fixture->x, text), ==, 1);
  timeline = g_strdup_printf ("/2/users/%s/tweets", fixture->user_id);
  g_assert_cmpuint (co_test_server_count (fixture->server, "GET", timeline), >=, 1);
}

static void
test_not_connected (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CoOutboxOperation) failed = NULL;
  g_autoptr(GError) kept = NULL;
  Result r = { 0 };
  gint64 id;

  if (!add_account (fixture))
    return;
  co_account_manager_disconnect_async (fixture->accounts, fixture->account_id, NULL, object_cb,
                                       &r);
  co_test_wait_flag (&r.done, 10000);
  g_clear_object (&r.object);
  id = enqueue (fixture, "nobody to post it", 0);
  send_due (fixture);
  failed = get (fixture, id);
  g_assert_cmpint (co_outbox_operation_get_state (failed), ==, CO_OUTBOX_FAILED);
  kept = co_outbox_operation_dup_error (failed);
  g_assert_error (kept, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_NOT_CONNECTED);
  g_assert_cmpuint (co_test_server_count (fixture->server, "POST", "/2/tweets"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

  g_test_add_func ("/sync/publish/x/normalize", test_normalize);
#define ADD(path, func) \
  g_test_add ("/sync/publish/x/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("post-and-reply", test_post_and_reply);
  ADD ("refused-token-renewed", test_refused_token_renewed);
  ADD ("lost-answer-found", test_lost_answer_found);
  ADD ("lost-answer-found-on-later-page", test_lost_answer_found_on_later_page);
  ADD ("not-connected", test_not_connected);
#undef ADD

  return g_test_run ();
}
