/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the LinkedIn and Instagram client tests: a library and its outbox,
 * a platform's sign-in on a loopback server, the HTTP client on a test clock,
 * the accounts and the outbox sender; faults aimed at one request; and every
 * log message kept, to look for tokens in. */

#include <string.h>

#include "co-error.h"
#include "co-outbox-sender.h"
#include "co-publish-post.h"
#include "co-publisher.h"
#include "co-secrets.h"
#include "co-sync-error.h"
#include "co-test-clock.h"
#include "co-test-oauth.h"
#include "co-test-secrets.h"
#include "co-test-server.h"
#include "co-test-slow.h"
#include "co-test-util.h"

#define SECOND G_GINT64_CONSTANT (1000000)
#define NOW (G_GINT64_CONSTANT (1714564800) * SECOND)

typedef struct
{
  char        *method;
  char        *path;      /* the request's path ends with it */
  CoTestFault  fault;
  guint        times;
} Aim;

typedef struct
{
  CoPlatform        platform;
  CoStore          *store;
  CoOutbox         *outbox;
  CoTestServer     *server;
  CoTestOAuth      *provider;
  CoTestClock      *clock;
  CoHttpClient     *client;
  CoServiceConfig  *config;
  CoAccountManager *accounts;
  CoOutboxSender   *sender;
  GObject          *platform_client;
  char             *user_id;
  char             *dir;
  gint64            account_id;
  Aim               aim;
} Fixture;

typedef struct
{
  gboolean  done;
  GObject  *object;
  GError   *error;
} Result;

/* Every log message of the test binary, debug included. */
static GString *logged;
static GMutex logged_mutex;

static GLogWriterOutput
keep_log_cb (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  g_mutex_lock (&logged_mutex);
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 && g_str_equal (fields[i].key, "MESSAGE"))
      g_string_append_printf (logged, "%s\n", (const char *)fields[i].value);
  g_mutex_unlock (&logged_mutex);
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static inline void
publish_test_init (int    *argc,
                   char ***argv)
{
  logged = g_string_new (NULL);
  g_log_set_writer_func (keep_log_cb, NULL, NULL);
  co_test_network_init (argc, argv);
}

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
aimed_fault_cb (CoTestServer      *server,
                SoupServerMessage *message,
                const char        *path,
                CoTestFault       *fault,
                gpointer           user_data)
{
  Aim *aim = user_data;

  if (aim->times == 0 || !g_str_equal (soup_server_message_get_method (message), aim->method) ||
      !g_str_has_suffix (path, aim->path))
    return;
  aim->times--;
  *fault = aim->fault;
}

/* Makes the next @times requests METHOD …@path fail as @fault says. */
static inline void
aim_fault (Fixture     *fixture,
           const char  *method,
           const char  *path,
           CoTestFault  fault,
           guint        times)
{
  g_free (fixture->aim.method);
  g_free (fixture->aim.path);
  fixture->aim.method = g_strdup (method);
  fixture->aim.path = g_strdup (path);
  fixture->aim.fault = fault;
  fixture->aim.times = times;
}

static inline void
fixture_init (Fixture    *fixture,
              CoPlatform  platform,
              CoService   service,
              const char *client_id)
{
  g_autoptr(CoAccountBook) book = NULL;
  const char *url;

  fixture->platform = platform;
  fixture->dir = co_test_make_temp_dir ("publish");
  fixture->store = co_test_store_new ();
  fixture->outbox = co_outbox_new (fixture->store);
  fixture->server = co_test_server_new ();
  url = co_test_server_get_url (fixture->server);
  fixture->provider = co_test_oauth_new (fixture->server, platform, client_id);
  fixture->user_id = g_strdup_printf ("%u", g_random_int ());
  fixture->clock = co_test_clock_new (NOW);
  co_test_clock_set_auto_advance (fixture->clock, TRUE);
  fixture->client = co_http_client_new (CO_CLOCK (fixture->clock));
  fixture->config = co_service_config_new ();
  co_service_config_set_base (fixture->config, service, url, NULL);
  co_service_config_set_base (fixture->config, co_service_for_oauth (platform), url, NULL);
  co_service_config_set_client_id (fixture->config, platform, client_id);
  book = co_account_book_new (fixture->store);
  fixture->accounts = co_account_manager_new (book, fixture->client, fixture->config);
  fixture->sender = co_outbox_sender_new (fixture->outbox, CO_CLOCK (fixture->clock));
  co_outbox_sender_set_seed (fixture->sender, co_test_seed ());
  co_test_server_set_held_func (fixture->server, co_test_expire_cb, fixture->clock);
  co_test_server_set_faults (fixture->server, aimed_fault_cb, &fixture->aim);
}

/* Registers the platform's client (transfer full) as profiler and handler. */
static inline void
fixture_add_client (Fixture  *fixture,
                    gpointer  platform_client)
{
  fixture->platform_client = platform_client;
  co_account_manager_set_profiler (fixture->accounts, fixture->platform,
                                   CO_ACCOUNT_PROFILER (platform_client));
  co_outbox_sender_add_handler (fixture->sender, CO_OUTBOX_HANDLER (platform_client));
}

static inline void
fixture_clear (Fixture *fixture)
{
  co_test_forget_token (co_platform_to_string (fixture->platform), fixture->user_id);
  g_clear_pointer (&fixture->provider, co_test_oauth_free);
  g_clear_pointer (&fixture->user_id, g_free);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->aim.method, g_free);
  g_clear_pointer (&fixture->aim.path, g_free);
  co_test_assert_finalized (fixture->sender, 2000);
  co_test_assert_finalized (fixture->platform_client, 2000);
  co_test_assert_finalized (fixture->accounts, 2000);
  co_test_assert_finalized (fixture->client, 2000);
  co_test_assert_finalized (fixture->config, 2000);
  co_test_assert_finalized (fixture->server, 2000);
  co_test_assert_finalized (fixture->clock, 2000);
  co_test_assert_finalized (fixture->outbox, 2000);
  co_test_assert_finalized (fixture->store, 2000);
}

/* Adds an account with a minted token; the platform is asked who it is. */
static inline CoAccount *
fixture_add_account (Fixture *fixture)
{
  g_autofree char *json = NULL;
  Result r = { 0 };

  if (co_test_skip_without_keyring ())
    return NULL;
  json = co_test_oauth_mint (fixture->provider, 7200);
  co_account_manager_add_token_async (fixture->accounts, fixture->platform, json, NULL, NULL,
                                      NULL, object_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_no_error (r.error);
  fixture->account_id = co_account_get_id (CO_ACCOUNT (r.object));
  return CO_ACCOUNT (r.object);
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

static inline void
start_pass (Fixture *fixture,
            Pass    *pass)
{
  co_outbox_sender_send_due_async (fixture->sender, NULL, NULL, NULL, passed_cb, pass);
}

/* A pass sends every due operation: hundreds in the fault tests, which under
 * ASan and a busy machine took over 30 s; the wait is for the work, not a
 * time limit, so it is bounded only below the tests' own meson timeout. */
static inline CoOutboxSummary
finish_pass (Pass *pass)
{
  co_test_wait_flag (&pass->done, 240000);
  g_assert_no_error (pass->error);
  return pass->summary;
}

static inline CoOutboxSummary
send_due (Fixture *fixture)
{
  Pass pass = { 0 };

  start_pass (fixture, &pass);
  return finish_pass (&pass);
}

/* Another pass once every back-off is over. */
static inline CoOutboxSummary
send_later (Fixture *fixture)
{
  co_test_clock_advance (fixture->clock, CO_OUTBOX_BACKOFF_MAX);
  return send_due (fixture);
}

static inline CoOutboxOperation *
get (Fixture *fixture,
     gint64   id)
{
  CoOutboxOperation *operation = co_outbox_get (fixture->outbox, id, NULL);

  g_assert_nonnull (operation);
  return operation;
}

static inline CoOutboxState
state_of (Fixture *fixture,
          gint64   id)
{
  g_autoptr(CoOutboxOperation) operation = get (fixture, id);

  return co_outbox_operation_get_state (operation);
}

/* The operation's kept error. */
static inline GError *
error_of (Fixture *fixture,
          gint64   id)
{
  g_autoptr(CoOutboxOperation) operation = get (fixture, id);

  return co_outbox_operation_dup_error (operation);
}

static inline guint
count_operations (Fixture *fixture)
{
  guint all = 0;
  g_autoptr(GListModel) list = NULL;

  for (guint state = 0; state < CO_OUTBOX_N_STATES; state++)
    all |= CO_OUTBOX_STATE_BIT (state);
  list = co_outbox_list (fixture->outbox, all, NULL);
  g_assert_nonnull (list);
  return g_list_model_get_n_items (list);
}

/* A file of @size bytes in a pattern that shows any byte out of place. */
static inline char *
write_media (Fixture    *fixture,
             const char *name,
             gsize       size)
{
  g_autofree guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8)((i * 31 + i / 251) & 0xff);
  return co_test_write_file (fixture->dir, name, data, (gssize)size);
}

static inline void
assert_file_bytes (const char *path,
                   GBytes     *bytes)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_nonnull (bytes);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* No token the provider issued is in the library's files or in any log message. */
static inline void
assert_no_token_kept (Fixture *fixture)
{
  GPtrArray *issued = co_test_oauth_get_issued (fixture->provider);

  g_assert_cmpuint (issued->len, >, 0);
  co_test_assert_no_secret_in_dir (co_store_get_data_dir (fixture->store), issued);
  g_mutex_lock (&logged_mutex);
  g_assert_cmpuint (logged->len, >, 0);
  co_test_assert_no_secret ("the log messages", logged->str, logged->len, issued);
  g_mutex_unlock (&logged_mutex);
}

static gboolean
slow_held (gpointer data)
{
  return co_test_slow_count (data) > 0;
}

/* Sends with the next answer of @slow held back; it comes once the clock has
 * moved half the client's timeout, and the operation is done. */
static inline void
send_with_slow_answer (Fixture    *fixture,
                       CoTestSlow *slow)
{
  Pass pass = { 0 };

  slow->pending = 1;
  start_pass (fixture, &pass);
  g_assert_true (co_test_wait_until (slow_held, slow, 20000));
  co_test_clock_advance (fixture->clock, CO_HTTP_DEFAULT_TIMEOUT / 2);
  g_assert_false (pass.done);
  co_test_slow_release (slow);
  finish_pass (&pass);
}

/* Disconnects the fixture's account, then sends operation @id: it fails with
 * the account's error before any @method request under @prefix is made. */
static inline void
assert_fails_disconnected (Fixture    *fixture,
                           gint64      id,
                           const char *method,
                           const char *prefix)
{
  g_autoptr(GError) kept = NULL;
  Result r = { 0 };

  co_account_manager_disconnect_async (fixture->accounts, fixture->account_id, NULL, object_cb,
                                       &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_no_error (r.error);
  g_clear_object (&r.object);
  g_assert_cmpuint (send_due (fixture).failed, ==, 1);
  g_assert_cmpint (state_of (fixture, id), ==, CO_OUTBOX_FAILED);
  kept = error_of (fixture, id);
  g_assert_error (kept, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_NOT_CONNECTED);
  g_assert_cmpuint (co_test_server_count (fixture->server, method, prefix), ==, 0);
}

/* @enqueue refuses @post, before anything is queued, with a platform error
 * that says @reason. */
static inline void
assert_enqueue_refused (CoPublishEnqueueFunc  enqueue,
                        Fixture              *fixture,
                        const CoPublishPost  *post,
                        const char           *reason)
{
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  guint before = count_operations (fixture);

  operation = enqueue (fixture->outbox, post, &error);
  g_assert_null (operation);
  g_assert_nonnull (error);
  g_test_message ("Refused: %s", error->message);
  g_assert_true (error->domain == CO_PLATFORM_ERROR);
  g_assert_nonnull (strstr (error->message, reason));
  g_assert_cmpuint (count_operations (fixture), ==, before);
}

static gint64
fixture_clock_now_cb (gpointer clock)
{
  return co_clock_now (clock);
}

/* The drafts, on the fixture's clock, their calendar, and a publisher
 * (transfer full) that sends through the fixture's sender. */
static inline CoPublisher *
fixture_new_publisher (Fixture     *fixture,
                       CoDrafts   **out_drafts,
                       CoSchedule **out_schedule)
{
  g_autoptr(CoAccountBook) book = co_account_book_new (fixture->store);

  *out_drafts = co_drafts_new (fixture->store);
  co_drafts_set_clock (*out_drafts, fixture_clock_now_cb, g_object_ref (fixture->clock),
                       g_object_unref);
  *out_schedule = co_schedule_new (*out_drafts);
  return co_publisher_new (*out_schedule, fixture->outbox, fixture->sender, book);
}

static inline CoDraftStage
draft_stage (CoDrafts *drafts,
             gint64    id)
{
  g_autoptr(CoDraft) draft = co_drafts_get (drafts, id, NULL);

  g_assert_nonnull (draft);
  return co_draft_get_stage (draft);
}
