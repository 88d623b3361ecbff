/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-test-secrets.h"
#include "co-test-util.h"
#include "publish-support.h"

#define WAIT_MS 30000

static void
refuse_cb (CoTestServer      *server,
           SoupServerMessage *message,
           const char        *path,
           CoTestFault       *fault,
           gpointer           user_data)
{
  CoTestFakes *fakes = user_data;

  if (fakes->refusals == 0 || fakes->refuse_path == NULL ||
      !g_str_equal (soup_server_message_get_method (message), "POST") ||
      !g_str_has_suffix (path, fakes->refuse_path))
    return;
  fakes->refusals--;
  fault->kind = CO_TEST_FAULT_STATUS;
  fault->status = fakes->refuse_status;
}

/* Starts the fakes and points the app's services at them. */
void
co_test_fakes_init (CoTestFakes *fakes)
{
  const char *url;

  fakes->server = co_test_server_new ();
  url = co_test_server_get_url (fakes->server);
  fakes->x_oauth = co_test_oauth_new (fakes->server, CO_PLATFORM_X, "client-x");
  fakes->linkedin_oauth = co_test_oauth_new (fakes->server, CO_PLATFORM_LINKEDIN,
                                             "client-linkedin");
  fakes->x_user = g_strdup_printf ("%u", g_random_int ());
  fakes->linkedin_user = g_strdup_printf ("%u", g_random_int ());
  fakes->x = co_test_x_new (fakes->server, fakes->x_oauth, fakes->x_user, "creator");
  fakes->linkedin = co_test_linkedin_new (fakes->server, fakes->linkedin_oauth,
                                          fakes->linkedin_user, "Test Creator");
  co_test_server_set_faults (fakes->server, refuse_cb, fakes);
  g_setenv ("CREATOROPS_API_BASE_X", url, TRUE);
  g_setenv ("CREATOROPS_API_BASE_OAUTH_X", url, TRUE);
  g_setenv ("CREATOROPS_OAUTH_CLIENT_ID_X", "client-x", TRUE);
  g_setenv ("CREATOROPS_API_BASE_LINKEDIN", url, TRUE);
  g_setenv ("CREATOROPS_API_BASE_OAUTH_LINKEDIN", url, TRUE);
  g_setenv ("CREATOROPS_OAUTH_CLIENT_ID_LINKEDIN", "client-linkedin", TRUE);
}

/* Forgets the tokens in the shared keyring and stops the fakes. */
void
co_test_fakes_clear (CoTestFakes *fakes,
                     guint        wait_ms)
{
  co_test_forget_token ("x", fakes->x_user);
  co_test_forget_token ("linkedin", fakes->linkedin_user);
  g_clear_pointer (&fakes->x, co_test_x_free);
  g_clear_pointer (&fakes->linkedin, co_test_linkedin_free);
  g_clear_pointer (&fakes->x_oauth, co_test_oauth_free);
  g_clear_pointer (&fakes->linkedin_oauth, co_test_oauth_free);
  co_test_assert_finalized (g_steal_pointer (&fakes->server), wait_ms);
  g_clear_pointer (&fakes->x_user, g_free);
  g_clear_pointer (&fakes->linkedin_user, g_free);
}

/* Answers the next @times POST requests whose path ends with @path with
 * @status, without doing what they ask. */
void
co_test_fakes_refuse (CoTestFakes *fakes,
                      const char  *path,
                      guint        status,
                      guint        times)
{
  fakes->refuse_path = path;
  fakes->refuse_status = status;
  fakes->refusals = times;
}

typedef struct
{
  gboolean   done;
  CoAccount *account;
  GError    *error;
} AccountWait;

static void
account_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AccountWait *wait = user_data;

  wait->account = co_publish_controller_account_finish (CO_PUBLISH_CONTROLLER (object), result,
                                                        &wait->error);
  wait->done = TRUE;
}

/* Connects an account with a minted token, as `accounts add-token` does. */
void
co_test_add_token (CoPublishController *publish,
                   CoPlatform           platform,
                   CoTestOAuth         *provider)
{
  g_autofree char *token = co_test_oauth_mint (provider, 7200);
  AccountWait wait = { 0 };

  co_publish_controller_add_token_async (publish, platform, token, NULL, account_cb, &wait);
  co_test_wait_flag (&wait.done, WAIT_MS);
  g_assert_no_error (wait.error);
  g_assert_cmpint (co_account_get_state (wait.account), ==, CO_ACCOUNT_CONNECTED);
  g_object_unref (wait.account);
}

/* A draft in stage Draft, titled "Launch", for @platforms. */
gint64
co_test_new_draft (CoDrafts         *drafts,
                   const char       *body,
                   const CoPlatform *platforms,
                   guint             n_platforms)
{
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Launch", body, platforms, n_platforms, NULL, 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = co_drafts_create (drafts, &spec, &error);

  g_assert_no_error (error);
  return id;
}

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CoTestPublishWait *wait = user_data;

  wait->outcomes = co_publish_controller_publish_finish (CO_PUBLISH_CONTROLLER (object), result,
                                                         &wait->error);
  wait->done = TRUE;
}

/* Publishes draft @draft_id on @platform, without waiting. */
void
co_test_publish_start (CoPublishController *publish,
                       gint64               draft_id,
                       CoPlatform           platform,
                       CoTestPublishWait   *wait)
{
  memset (wait, 0, sizeof *wait);
  co_publish_controller_publish_async (publish, draft_id, &platform, 1, NULL, published_cb, wait);
}

/* Waits for the publishing to end; returns its one outcome (transfer none). */
CoPublishOutcome *
co_test_publish_finish (CoTestPublishWait *wait)
{
  co_test_wait_flag (&wait->done, WAIT_MS);
  g_assert_no_error (wait->error);
  g_assert_cmpuint (wait->outcomes->len, ==, 1);
  return wait->outcomes->pdata[0];
}

void
co_test_publish_wait_clear (CoTestPublishWait *wait)
{
  g_clear_pointer (&wait->outcomes, g_ptr_array_unref);
  g_clear_error (&wait->error);
}

static gint64
back_an_hour (gpointer data)
{
  return g_get_real_time () - G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
}

/* A draft Scheduled on X a minute after an hour ago.  @watched: a
 * CreatorOps watched the calendar since, so the post is due, not missed
 * while nothing ran. */
gint64
co_test_schedule_past (CoStore    *store,
                       const char *text,
                       gboolean    watched)
{
  g_autoptr(CoDrafts) past = co_drafts_new (store);
  g_autoptr(CoSchedule) schedule = co_schedule_new (past);
  g_autoptr(CoScheduleEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  CoPlatform platform = CO_PLATFORM_X;
  gint64 id;

  co_drafts_set_clock (past, back_an_hour, NULL, NULL);
  id = co_test_new_draft (past, text, &platform, 1);
  entry = co_schedule_add (schedule, id, platform, back_an_hour (NULL) + 60 * G_USEC_PER_SEC,
                           NULL, &error);
  g_assert_no_error (error);
  g_assert_true (co_drafts_move (past, id, CO_DRAFT_STAGE_SCHEDULED, &error));
  g_assert_no_error (error);
  if (watched)
    {
      g_autoptr(CoDrafts) now = co_drafts_new (store);
      g_autoptr(CoSchedule) watching = co_schedule_new (now);

      g_assert_true (co_schedule_mark_watched (watching, &error));
      g_assert_no_error (error);
    }
  return id;
}
