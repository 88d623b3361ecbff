/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-sync-error.h"
#include "co-test-network-monitor.h"
#include "co-test-secrets.h"
#include "co-test-util.h"
#include "publish-support.h"

/* The controller behind the publishing views, without a display: one pass
 * over the outbox at a time, whatever asks for it; the outbox's counts and
 * the announcements the views show as toasts; Retry and Discard; and an
 * unusable service address refused by name. */

#define WAIT_MS 30000

typedef struct
{
  CoStore             *store;
  CoDrafts            *drafts;
  CoTestFakes          fakes;
  CoPublishController *publish;
  GPtrArray           *announced;   /* the "published" signals' addresses */
} Fixture;

static void
published_cb (CoPublishController *publish,
              const char          *text,
              const char          *url,
              Fixture             *fixture)
{
  g_ptr_array_add (fixture->announced, g_strdup (url));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = co_test_store_new ();
  fixture->drafts = co_drafts_new (fixture->store);
  co_test_fakes_init (&fixture->fakes);
  fixture->publish = co_publish_controller_new (fixture->store, fixture->drafts, NULL, &error);
  g_assert_no_error (error);
  fixture->announced = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->publish, "published", G_CALLBACK (published_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_publish_controller_stop (fixture->publish);
  co_test_assert_finalized (g_steal_pointer (&fixture->publish), WAIT_MS);
  co_test_fakes_clear (&fixture->fakes, WAIT_MS);
  co_test_assert_finalized (g_steal_pointer (&fixture->drafts), WAIT_MS);
  co_test_assert_finalized (g_steal_pointer (&fixture->store), WAIT_MS);
  g_ptr_array_unref (fixture->announced);
}

static void
add_token (Fixture    *fixture,
           CoPlatform  platform)
{
  co_test_add_token (fixture->publish, platform,
                     platform == CO_PLATFORM_X ? fixture->fakes.x_oauth
                                               : fixture->fakes.linkedin_oauth);
}

static gint64
new_draft (Fixture    *fixture,
           CoPlatform  platform,
           const char *body)
{
  return co_test_new_draft (fixture->drafts, body, &platform, 1);
}

static void
start_publish (Fixture           *fixture,
               gint64             draft,
               CoPlatform         platform,
               CoTestPublishWait *wait)
{
  co_test_publish_start (fixture->publish, draft, platform, wait);
}

/* An address in the environment that cannot be used stops the controller,
 * naming the address and why. */
static void
test_bad_address (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoDrafts) drafts = co_drafts_new (store);
  g_autoptr(CoPublishController) publish = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("CREATOROPS_API_BASE_X", "ftp://example.org", TRUE);
  publish = co_publish_controller_new (store, drafts, NULL, &error);
  g_assert_null (publish);
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "ftp://example.org"));
  g_test_message ("Refused: %s", error->message);
}

typedef struct
{
  CoPublishController *publish;
  guint                passes;
} PassWait;

static gboolean
passes_ended (gpointer data)
{
  PassWait *wait = data;

  return co_publish_controller_get_n_passes (wait->publish) >= wait->passes &&
         !co_publish_controller_get_busy (wait->publish);
}

/* Two drafts published at once, and a send asked for meanwhile, run one
 * after the other: each post goes out once, and the controller is idle after. */
static void
test_one_pass_at_a_time (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 on_x, on_linkedin;
  CoTestPublishWait first, second;
  guint passes = co_publish_controller_get_n_passes (fixture->publish);
  PassWait pass_wait = { fixture->publish, 0 };

  if (co_test_skip_without_keyring ())
    return;
  add_token (fixture, CO_PLATFORM_X);
  add_token (fixture, CO_PLATFORM_LINKEDIN);
  on_x = new_draft (fixture, CO_PLATFORM_X, "Out now on X");
  on_linkedin = new_draft (fixture, CO_PLATFORM_LINKEDIN, "Out now on LinkedIn");
  start_publish (fixture, on_x, CO_PLATFORM_X, &first);
  g_assert_true (co_publish_controller_get_busy (fixture->publish));
  start_publish (fixture, on_linkedin, CO_PLATFORM_LINKEDIN, &second);
  co_publish_controller_send_now (fixture->publish);
  g_assert_cmpint (co_test_publish_finish (&first)->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpint (co_test_publish_finish (&second)->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpuint (co_test_x_count_text (fixture->fakes.x, "Out now on X"), ==, 1);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->fakes.linkedin, "Out now on LinkedIn"),
                    ==, 1);
  g_assert_cmpuint (fixture->announced->len, ==, 2);
  co_test_publish_wait_clear (&first);
  co_test_publish_wait_clear (&second);
  /* The send that waited ran last, and nothing runs after it. */
  pass_wait.passes = passes + 3;
  g_assert_true (co_test_wait_until (passes_ended, &pass_wait, WAIT_MS));
  g_assert_cmpuint (co_publish_controller_get_n_passes (fixture->publish), ==, passes + 3);
  g_assert_cmpuint (co_publish_controller_get_n_waiting (fixture->publish), ==, 0);
}

static gboolean
nothing_failed (gpointer data)
{
  return co_publish_controller_get_n_failed (data) == 0 &&
         !co_publish_controller_get_busy (data);
}

/* A refused post counts as failed; Retry sends it and announces its
 * address; a refused one discarded is never sent. */
static void
test_retry_discard (Fixture       *fixture,
                    gconstpointer  data)
{
  CoTestPublishWait wait;
  CoPublishOutcome *outcome;
  gint64 first, second;
  g_autoptr(GError) error = NULL;

  if (co_test_skip_without_keyring ())
    return;
  add_token (fixture, CO_PLATFORM_LINKEDIN);
  co_test_fakes_refuse (&fixture->fakes, "/rest/posts", 403, 1);
  start_publish (fixture, new_draft (fixture, CO_PLATFORM_LINKEDIN, "Refused once"),
                 CO_PLATFORM_LINKEDIN, &wait);
  outcome = co_test_publish_finish (&wait);
  g_assert_cmpint (outcome->status, ==, CO_PUBLISH_FAILED);
  first = outcome->operation_id;
  co_test_publish_wait_clear (&wait);
  g_assert_cmpuint (co_publish_controller_get_n_failed (fixture->publish), ==, 1);
  g_assert_cmpuint (fixture->announced->len, ==, 0);

  g_assert_true (co_publish_controller_retry (fixture->publish, first, &error));
  g_assert_no_error (error);
  g_assert_true (co_test_wait_until (nothing_failed, fixture->publish, WAIT_MS));
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->fakes.linkedin, "Refused once"), ==, 1);
  g_assert_cmpuint (fixture->announced->len, ==, 1);
  g_assert_true (g_str_has_prefix (fixture->announced->pdata[0], "https://www.linkedin.com/"));

  /* Retrying what is done is refused. */
  g_assert_false (co_publish_controller_retry (fixture->publish, first, &error));
  g_assert_nonnull (error);
  g_test_message ("Refused: %s", error->message);
  g_clear_error (&error);

  /* The schedule keeps a platform's posts five minutes apart: this one is on X. */
  add_token (fixture, CO_PLATFORM_X);
  co_test_fakes_refuse (&fixture->fakes, "/2/tweets", 403, 1);
  start_publish (fixture, new_draft (fixture, CO_PLATFORM_X, "Given up"), CO_PLATFORM_X, &wait);
  outcome = co_test_publish_finish (&wait);
  g_assert_cmpint (outcome->status, ==, CO_PUBLISH_FAILED);
  second = outcome->operation_id;
  co_test_publish_wait_clear (&wait);
  g_assert_cmpuint (co_publish_controller_get_n_failed (fixture->publish), ==, 1);
  g_assert_true (co_publish_controller_discard (fixture->publish, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (co_publish_controller_get_n_failed (fixture->publish), ==, 0);
  co_publish_controller_send_now (fixture->publish);
  g_assert_true (co_test_wait_until (nothing_failed, fixture->publish, WAIT_MS));
  g_assert_cmpuint (co_test_x_count_text (fixture->fakes.x, "Given up"), ==, 0);
  /* Discarded is not open: nothing to discard again. */
  g_assert_false (co_publish_controller_discard (fixture->publish, second, &error));
  g_assert_nonnull (error);
  g_test_message ("Refused: %s", error->message);
}

static void
message_cb (CoPublishController *publish,
            const char          *text,
            GPtrArray           *messages)
{
  g_ptr_array_add (messages, g_strdup (text));
}

/* The scheduler's passes: a post missed while nothing ran is asked about
 * (a message the window shows), not sent; with "send" it goes out once and
 * is announced. */
static void
test_scheduler_missed (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *text = "Due while closed";
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  PassWait wait = { fixture->publish, 0 };

  if (co_test_skip_without_keyring ())
    return;
  add_token (fixture, CO_PLATFORM_X);
  co_test_schedule_past (fixture->store, text, FALSE);
  g_signal_connect (fixture->publish, "message", G_CALLBACK (message_cb), messages);

  wait.passes = co_publish_controller_get_n_passes (fixture->publish) + 1;
  co_publish_controller_start_scheduler (fixture->publish, CO_MISSED_ASK, 0);
  g_assert_true (co_test_wait_until (passes_ended, &wait, WAIT_MS));
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_nonnull (strstr (messages->pdata[0], "came due while CreatorOps was closed"));
  g_assert_cmpuint (co_test_x_n_posts (fixture->fakes.x), ==, 0);

  wait.passes++;
  co_publish_controller_start_scheduler (fixture->publish, CO_MISSED_SEND, 0);
  g_assert_true (co_test_wait_until (passes_ended, &wait, WAIT_MS));
  g_assert_cmpuint (co_test_x_count_text (fixture->fakes.x, text), ==, 1);
  g_assert_cmpuint (fixture->announced->len, ==, 1);
}

static gboolean
something_ran (gpointer data)
{
  PassWait *wait = data;

  return co_publish_controller_get_n_passes (wait->publish) >= wait->passes ||
         co_publish_controller_get_busy (wait->publish);
}

/* While the network monitor says no network is there, the scheduler's
 * passes wait: a due post is not sent, and nothing is tried.  When it says
 * the network is back, the post goes out, once; going off and on again
 * sends nothing more. */
static void
test_network_returns (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CoTestNetworkMonitor) monitor = co_test_network_monitor_new (FALSE);
  const char *text = "Waits for the network";
  PassWait wait = { fixture->publish, 0 };
  guint before;

  if (co_test_skip_without_keyring ())
    return;
  add_token (fixture, CO_PLATFORM_X);
  co_test_schedule_past (fixture->store, text, TRUE);
  co_publish_controller_set_network_monitor (fixture->publish, G_NETWORK_MONITOR (monitor));
  g_assert_false (co_publish_controller_get_online (fixture->publish));
  before = co_publish_controller_get_n_passes (fixture->publish);
  co_publish_controller_start_scheduler (fixture->publish, CO_MISSED_ASK, 0);
  /* The first pass is due at once; offline, none runs. */
  wait.passes = before + 1;
  g_assert_false (co_test_wait_until (something_ran, &wait, 1500));
  g_assert_cmpuint (co_test_x_n_posts (fixture->fakes.x), ==, 0);
  g_assert_cmpuint (co_test_server_count (fixture->fakes.server, "POST", "/2/tweets"), ==, 0);

  co_test_network_monitor_set_available (monitor, TRUE);
  g_assert_true (co_publish_controller_get_online (fixture->publish));
  g_assert_true (co_test_wait_until (passes_ended, &wait, WAIT_MS));
  g_assert_cmpuint (co_test_x_count_text (fixture->fakes.x, text), ==, 1);
  g_assert_cmpuint (co_publish_controller_get_n_waiting (fixture->publish), ==, 0);
  g_assert_cmpuint (fixture->announced->len, ==, 1);

  co_test_network_monitor_set_available (monitor, FALSE);
  co_test_network_monitor_set_available (monitor, TRUE);
  wait.passes++;
  g_assert_true (co_test_wait_until (passes_ended, &wait, WAIT_MS));
  g_assert_cmpuint (co_test_x_count_text (fixture->fakes.x, text), ==, 1);
  g_assert_cmpuint (co_test_x_n_posts (fixture->fakes.x), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

  g_test_add_func ("/app/publish/controller/bad-address", test_bad_address);
  g_test_add ("/app/publish/controller/one-pass-at-a-time", Fixture, NULL, fixture_set_up,
              test_one_pass_at_a_time, fixture_tear_down);
  g_test_add ("/app/publish/controller/retry-discard", Fixture, NULL, fixture_set_up,
              test_retry_discard, fixture_tear_down);
  g_test_add ("/app/publish/controller/network-returns", Fixture, NULL, fixture_set_up,
              test_network_returns, fixture_tear_down);
  g_test_add ("/app/publish/controller/scheduler-missed", Fixture, NULL, fixture_set_up,
              test_scheduler_missed, fixture_tear_down);

  return g_test_run ();
}
