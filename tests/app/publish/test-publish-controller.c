/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-publish-controller.h"
#include "co-sync-error.h"
#include "co-test-linkedin.h"
#include "co-test-oauth.h"
#include "co-test-secrets.h"
#include "co-test-server.h"
#include "co-test-util.h"
#include "co-test-x.h"

/* The controller behind the publishing views, without a display: one pass
 * over the outbox at a time, whatever asks for it; the outbox's counts and
 * the announcements the views show as toasts; Retry and Discard; and an
 * unusable service address refused by name. */

#define WAIT_MS 30000

typedef struct
{
  CoStore             *store;
  CoDrafts            *drafts;
  CoTestServer        *server;
  CoTestOAuth         *x_oauth;
  CoTestOAuth         *linkedin_oauth;
  CoTestX             *x;
  CoTestLinkedIn      *linkedin;
  char                *x_user;
  char                *linkedin_user;
  CoPublishController *publish;
  GPtrArray           *announced;   /* the "published" signals' addresses */
  const char          *refuse_path; /* POST requests ending so are refused with 403 */
  guint                refusals;    /* how many more */
} Fixture;

static void
refuse_cb (CoTestServer      *server,
           SoupServerMessage *message,
           const char        *path,
           CoTestFault       *fault,
           gpointer           user_data)
{
  Fixture *fixture = user_data;

  if (fixture->refusals == 0 || !g_str_has_suffix (path, fixture->refuse_path) ||
      !g_str_equal (soup_server_message_get_method (message), "POST"))
    return;
  fixture->refusals--;
  fault->kind = CO_TEST_FAULT_STATUS;
  fault->status = 403;
}

static void
published_cb (CoPublishController *publish,
              const char          *text,
              const char          *url,
              Fixture             *fixture)
{
  g_ptr_array_add (fixture->announced, g_strdup (url));
}

static void
point_at (const char *url)
{
  g_setenv ("CREATOROPS_API_BASE_X", url, TRUE);
  g_setenv ("CREATOROPS_API_BASE_OAUTH_X", url, TRUE);
  g_setenv ("CREATOROPS_OAUTH_CLIENT_ID_X", "client-x", TRUE);
  g_setenv ("CREATOROPS_API_BASE_LINKEDIN", url, TRUE);
  g_setenv ("CREATOROPS_API_BASE_OAUTH_LINKEDIN", url, TRUE);
  g_setenv ("CREATOROPS_OAUTH_CLIENT_ID_LINKEDIN", "client-linkedin", TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = co_test_store_new ();
  fixture->drafts = co_drafts_new (fixture->store);
  fixture->server = co_test_server_new ();
  fixture->x_oauth = co_test_oauth_new (fixture->server, CO_PLATFORM_X, "client-x");
  fixture->linkedin_oauth = co_test_oauth_new (fixture->server, CO_PLATFORM_LINKEDIN,
                                               "client-linkedin");
  fixture->x_user = g_strdup_printf ("%u", g_random_int ());
  fixture->linkedin_user = g_strdup_printf ("%u", g_random_int ());
  fixture->x = co_test_x_new (fixture->server, fixture->x_oauth, fixture->x_user, "creator");
  fixture->linkedin = co_test_linkedin_new (fixture->server, fixture->linkedin_oauth,
                                            fixture->linkedin_user, "Test Creator");
  co_test_server_set_faults (fixture->server, refuse_cb, fixture);
  point_at (co_test_server_get_url (fixture->server));
  fixture->publish = co_publish_controller_new (fixture->store, fixture->drafts, NULL, &error);
  g_assert_no_error (error);
  fixture->announced = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->publish, "published", G_CALLBACK (published_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_forget_token ("x", fixture->x_user);
  co_test_forget_token ("linkedin", fixture->linkedin_user);
  co_publish_controller_stop (fixture->publish);
  co_test_assert_finalized (g_steal_pointer (&fixture->publish), WAIT_MS);
  g_clear_pointer (&fixture->x, co_test_x_free);
  g_clear_pointer (&fixture->linkedin, co_test_linkedin_free);
  g_clear_pointer (&fixture->x_oauth, co_test_oauth_free);
  g_clear_pointer (&fixture->linkedin_oauth, co_test_oauth_free);
  co_test_assert_finalized (g_steal_pointer (&fixture->server), WAIT_MS);
  co_test_assert_finalized (g_steal_pointer (&fixture->drafts), WAIT_MS);
  co_test_assert_finalized (g_steal_pointer (&fixture->store), WAIT_MS);
  g_ptr_array_unref (fixture->announced);
  g_free (fixture->x_user);
  g_free (fixture->linkedin_user);
}

typedef struct
{
  gboolean  done;
  gpointer  result;
  GError   *error;
} Wait;

static void
account_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = co_publish_controller_account_finish (CO_PUBLISH_CONTROLLER (object), result,
                                                       &wait->error);
  wait->done = TRUE;
}

static void
add_token (Fixture     *fixture,
           CoPlatform   platform,
           CoTestOAuth *provider)
{
  g_autofree char *token = co_test_oauth_mint (provider, 7200);
  Wait wait = { 0 };

  co_publish_controller_add_token_async (fixture->publish, platform, token, NULL, account_cb,
                                         &wait);
  co_test_wait_flag (&wait.done, WAIT_MS);
  g_assert_no_error (wait.error);
  g_object_unref (wait.result);
}

static void
publish_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = co_publish_controller_publish_finish (CO_PUBLISH_CONTROLLER (object), result,
                                                       &wait->error);
  wait->done = TRUE;
}

static gint64
new_draft (Fixture    *fixture,
           CoPlatform  platform,
           const char *body)
{
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Launch", body, &platform, 1, NULL, 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = co_drafts_create (fixture->drafts, &spec, &error);

  g_assert_no_error (error);
  return id;
}

static void
start_publish (Fixture    *fixture,
               gint64      draft,
               CoPlatform  platform,
               Wait       *wait)
{
  co_publish_controller_publish_async (fixture->publish, draft, &platform, 1, NULL, publish_cb,
                                       wait);
}

static CoPublishOutcome *
finish_publish (Wait *wait)
{
  co_test_wait_flag (&wait->done, WAIT_MS);
  g_assert_no_error (wait->error);
  g_assert_cmpuint (((GPtrArray *)wait->result)->len, ==, 1);
  return ((GPtrArray *)wait->result)->pdata[0];
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
  Wait first = { 0 }, second = { 0 };
  guint passes = co_publish_controller_get_n_passes (fixture->publish);
  PassWait pass_wait = { fixture->publish, 0 };

  if (co_test_skip_without_keyring ())
    return;
  add_token (fixture, CO_PLATFORM_X, fixture->x_oauth);
  add_token (fixture, CO_PLATFORM_LINKEDIN, fixture->linkedin_oauth);
  on_x = new_draft (fixture, CO_PLATFORM_X, "Out now on X");
  on_linkedin = new_draft (fixture, CO_PLATFORM_LINKEDIN, "Out now on LinkedIn");
  start_publish (fixture, on_x, CO_PLATFORM_X, &first);
  g_assert_true (co_publish_controller_get_busy (fixture->publish));
  start_publish (fixture, on_linkedin, CO_PLATFORM_LINKEDIN, &second);
  co_publish_controller_send_now (fixture->publish);
  g_assert_cmpint (finish_publish (&first)->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpint (finish_publish (&second)->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpuint (co_test_x_count_text (fixture->x, "Out now on X"), ==, 1);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, "Out now on LinkedIn"),
                    ==, 1);
  g_assert_cmpuint (fixture->announced->len, ==, 2);
  g_ptr_array_unref (first.result);
  g_ptr_array_unref (second.result);
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
  Wait wait = { 0 };
  CoPublishOutcome *outcome;
  gint64 first, second;
  g_autoptr(GError) error = NULL;

  if (co_test_skip_without_keyring ())
    return;
  add_token (fixture, CO_PLATFORM_LINKEDIN, fixture->linkedin_oauth);
  fixture->refuse_path = "/rest/posts";
  fixture->refusals = 1;
  start_publish (fixture, new_draft (fixture, CO_PLATFORM_LINKEDIN, "Refused once"),
                 CO_PLATFORM_LINKEDIN, &wait);
  outcome = finish_publish (&wait);
  g_assert_cmpint (outcome->status, ==, CO_PUBLISH_FAILED);
  first = outcome->operation_id;
  g_ptr_array_unref (wait.result);
  g_assert_cmpuint (co_publish_controller_get_n_failed (fixture->publish), ==, 1);
  g_assert_cmpuint (fixture->announced->len, ==, 0);

  g_assert_true (co_publish_controller_retry (fixture->publish, first, &error));
  g_assert_no_error (error);
  g_assert_true (co_test_wait_until (nothing_failed, fixture->publish, WAIT_MS));
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, "Refused once"), ==, 1);
  g_assert_cmpuint (fixture->announced->len, ==, 1);
  g_assert_true (g_str_has_prefix (fixture->announced->pdata[0], "https://www.linkedin.com/"));

  /* Retrying what is done is refused. */
  g_assert_false (co_publish_controller_retry (fixture->publish, first, &error));
  g_assert_nonnull (error);
  g_test_message ("Refused: %s", error->message);
  g_clear_error (&error);

  /* The schedule keeps a platform's posts five minutes apart: this one is on X. */
  add_token (fixture, CO_PLATFORM_X, fixture->x_oauth);
  fixture->refuse_path = "/2/tweets";
  fixture->refusals = 1;
  memset (&wait, 0, sizeof wait);
  start_publish (fixture, new_draft (fixture, CO_PLATFORM_X, "Given up"), CO_PLATFORM_X, &wait);
  outcome = finish_publish (&wait);
  g_assert_cmpint (outcome->status, ==, CO_PUBLISH_FAILED);
  second = outcome->operation_id;
  g_ptr_array_unref (wait.result);
  g_assert_cmpuint (co_publish_controller_get_n_failed (fixture->publish), ==, 1);
  g_assert_true (co_publish_controller_discard (fixture->publish, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (co_publish_controller_get_n_failed (fixture->publish), ==, 0);
  co_publish_controller_send_now (fixture->publish);
  g_assert_true (co_test_wait_until (nothing_failed, fixture->publish, WAIT_MS));
  g_assert_cmpuint (co_test_x_count_text (fixture->x, "Given up"), ==, 0);
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

static gint64
back_an_hour (gpointer data)
{
  return g_get_real_time () - G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
}

/* A draft scheduled on X for a time that passed while no CreatorOps ran. */
static gint64
schedule_missed (Fixture    *fixture,
                 const char *text)
{
  g_autoptr(CoDrafts) past = co_drafts_new (fixture->store);
  g_autoptr(CoSchedule) schedule = co_schedule_new (past);
  g_autoptr(CoScheduleEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  CoPlatform platform = CO_PLATFORM_X;
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Missed", text, &platform, 1, NULL, 0 };
  gint64 id;

  co_drafts_set_clock (past, back_an_hour, NULL, NULL);
  id = co_drafts_create (past, &spec, &error);
  g_assert_no_error (error);
  entry = co_schedule_add (schedule, id, platform, back_an_hour (NULL) + 60 * G_USEC_PER_SEC,
                           NULL, &error);
  g_assert_no_error (error);
  g_assert_true (co_drafts_move (past, id, CO_DRAFT_STAGE_SCHEDULED, &error));
  g_assert_no_error (error);
  return id;
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
  add_token (fixture, CO_PLATFORM_X, fixture->x_oauth);
  schedule_missed (fixture, text);
  g_signal_connect (fixture->publish, "message", G_CALLBACK (message_cb), messages);

  wait.passes = co_publish_controller_get_n_passes (fixture->publish) + 1;
  co_publish_controller_start_scheduler (fixture->publish, CO_MISSED_ASK, 0);
  g_assert_true (co_test_wait_until (passes_ended, &wait, WAIT_MS));
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_nonnull (strstr (messages->pdata[0], "came due while CreatorOps was closed"));
  g_assert_cmpuint (co_test_x_n_posts (fixture->x), ==, 0);

  wait.passes++;
  co_publish_controller_start_scheduler (fixture->publish, CO_MISSED_SEND, 0);
  g_assert_true (co_test_wait_until (passes_ended, &wait, WAIT_MS));
  g_assert_cmpuint (co_test_x_count_text (fixture->x, text), ==, 1);
  g_assert_cmpuint (fixture->announced->len, ==, 1);
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
  g_test_add ("/app/publish/controller/scheduler-missed", Fixture, NULL, fixture_set_up,
              test_scheduler_missed, fixture_tear_down);

  return g_test_run ();
}
