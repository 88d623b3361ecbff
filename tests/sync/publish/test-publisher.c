/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-linkedin-client.h"
#include "co-publish-log.h"
#include "co-publisher.h"
#include "co-store-error.h"
#include "co-store-private.h"
#include "co-test-linkedin.h"
#include "co-test-x.h"
#include "co-test-youtube.h"
#include "co-vault.h"
#include "co-x-client.h"
#include "co-youtube-client.h"
#include "publish-fixture.h"

/* The publishing flow against real loopback platforms: LinkedIn on the
 * fixture's server (where faults are aimed), X and YouTube on a server of
 * their own. */

typedef struct
{
  Fixture         base;
  CoTestLinkedIn *linkedin;
  CoTestServer   *x_server;
  CoTestOAuth    *x_provider;
  CoTestX        *x;
  char           *x_user;
  CoXClient      *x_client;
  CoTestOAuth    *youtube_provider;
  CoTestYouTube  *youtube;
  CoDrafts       *drafts;
  CoSchedule     *schedule;
  CoPublisher    *publisher;
} PublisherFixture;

static void
set_up_x (PublisherFixture *fixture)
{
  const char *url;

  fixture->x_server = co_test_server_new ();
  url = co_test_server_get_url (fixture->x_server);
  fixture->x_provider = co_test_oauth_new (fixture->x_server, CO_PLATFORM_X, "client-x");
  fixture->x_user = g_strdup_printf ("%u", g_random_int ());
  fixture->x = co_test_x_new (fixture->x_server, fixture->x_provider, fixture->x_user, "creator");
  co_service_config_set_base (fixture->base.config, CO_SERVICE_X, url, NULL);
  co_service_config_set_base (fixture->base.config, CO_SERVICE_OAUTH_X, url, NULL);
  co_service_config_set_client_id (fixture->base.config, CO_PLATFORM_X, "client-x");
  co_test_server_set_held_func (fixture->x_server, co_test_expire_cb, fixture->base.clock);
  fixture->x_client = co_x_client_new (fixture->base.accounts);
  co_account_manager_set_profiler (fixture->base.accounts, CO_PLATFORM_X,
                                   CO_ACCOUNT_PROFILER (fixture->x_client));
  co_outbox_sender_add_handler (fixture->base.sender, CO_OUTBOX_HANDLER (fixture->x_client));
}

/* YouTube on X's server: its paths are its own. */
static void
set_up_youtube (PublisherFixture *fixture)
{
  const char *url = co_test_server_get_url (fixture->x_server);
  g_autofree char *upload = g_strconcat (url, "/upload", NULL);
  CoYouTubeClient *client;

  fixture->youtube_provider = co_test_oauth_new (fixture->x_server, CO_PLATFORM_YOUTUBE,
                                                 "client-youtube");
  fixture->youtube = co_test_youtube_new (fixture->x_server, fixture->youtube_provider,
                                          "UCchannel", "Channel");
  co_service_config_set_base (fixture->base.config, CO_SERVICE_YOUTUBE, url, NULL);
  co_service_config_set_base (fixture->base.config, CO_SERVICE_YOUTUBE_UPLOAD, upload, NULL);
  co_service_config_set_base (fixture->base.config, CO_SERVICE_OAUTH_YOUTUBE, url, NULL);
  co_service_config_set_client_id (fixture->base.config, CO_PLATFORM_YOUTUBE, "client-youtube");
  client = co_youtube_client_new (fixture->base.accounts);
  co_account_manager_set_profiler (fixture->base.accounts, CO_PLATFORM_YOUTUBE,
                                   CO_ACCOUNT_PROFILER (client));
  co_outbox_sender_add_handler (fixture->base.sender, CO_OUTBOX_HANDLER (client));
  g_object_unref (client);
}

static void
fixture_set_up (PublisherFixture *fixture,
                gconstpointer     data)
{
  fixture_init (&fixture->base, CO_PLATFORM_LINKEDIN, CO_SERVICE_LINKEDIN, "client-linkedin");
  fixture->linkedin = co_test_linkedin_new (fixture->base.server, fixture->base.provider,
                                            fixture->base.user_id, "Test Creator");
  fixture_add_client (&fixture->base, co_linkedin_client_new (fixture->base.accounts));
  set_up_x (fixture);
  set_up_youtube (fixture);
  fixture->publisher = fixture_new_publisher (&fixture->base, &fixture->drafts,
                                              &fixture->schedule);
}

static void
fixture_tear_down (PublisherFixture *fixture,
                   gconstpointer     data)
{
  co_test_forget_token ("x", fixture->x_user);
  co_test_assert_finalized (fixture->publisher, 2000);
  co_test_assert_finalized (fixture->schedule, 2000);
  co_test_assert_finalized (fixture->drafts, 2000);
  /* The sender holds X's client too; it goes with the sender. */
  g_clear_object (&fixture->x_client);
  g_clear_pointer (&fixture->x, co_test_x_free);
  g_clear_pointer (&fixture->x_provider, co_test_oauth_free);
  co_test_forget_token ("youtube", "UCchannel");
  g_clear_pointer (&fixture->youtube, co_test_youtube_free);
  g_clear_pointer (&fixture->youtube_provider, co_test_oauth_free);
  co_test_assert_finalized (fixture->x_server, 2000);
  g_clear_pointer (&fixture->x_user, g_free);
  g_clear_pointer (&fixture->linkedin, co_test_linkedin_free);
  fixture_clear (&fixture->base);
}

/* Connects an account on X and one on LinkedIn. */
static gboolean
connect_accounts (PublisherFixture *fixture)
{
  g_autoptr(CoAccount) linkedin = fixture_add_account (&fixture->base);
  g_autofree char *json = NULL;
  Result r = { 0 };

  if (linkedin == NULL)
    return FALSE;
  json = co_test_oauth_mint (fixture->x_provider, 7200);
  co_account_manager_add_token_async (fixture->base.accounts, CO_PLATFORM_X, json, NULL, NULL,
                                      NULL, object_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_no_error (r.error);
  g_clear_object (&r.object);
  return TRUE;
}

/* A draft in stage Draft for X and LinkedIn. */
static gint64
new_draft (PublisherFixture *fixture,
           const char       *body)
{
  CoPlatform platforms[] = { CO_PLATFORM_X, CO_PLATFORM_LINKEDIN };
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Launch", body, platforms, 2, NULL, 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = co_drafts_create (fixture->drafts, &spec, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
x_account (PublisherFixture *fixture)
{
  g_autoptr(CoAccountBook) book = co_account_book_new (fixture->base.store);
  g_autoptr(CoAccount) account = co_account_book_find (book, CO_PLATFORM_X, fixture->x_user);

  g_assert_nonnull (account);
  return co_account_get_id (account);
}

typedef struct
{
  gboolean   done;
  GPtrArray *outcomes;
  GError    *error;
} Published;

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Published *p = user_data;

  p->outcomes = co_publisher_publish_finish (CO_PUBLISHER (object), result, &p->error);
  p->done = TRUE;
}

static GPtrArray *
publish (PublisherFixture  *fixture,
         gint64             draft_id,
         const CoPlatform  *platforms,
         guint              n_platforms,
         GError           **error)
{
  Published p = { 0 };

  co_publisher_publish_async (fixture->publisher, draft_id, platforms, n_platforms, NULL,
                              published_cb, &p);
  co_test_wait_flag (&p.done, 30000);
  if (p.error != NULL)
    g_propagate_error (error, p.error);
  return p.outcomes;
}

static CoPublishOutcome *
outcome_of (GPtrArray  *outcomes,
            CoPlatform  platform)
{
  for (guint i = 0; i < outcomes->len; i++)
    if (((CoPublishOutcome *)outcomes->pdata[i])->platform == platform)
      return outcomes->pdata[i];
  g_assert_not_reached ();
}

static void
test_two_platforms (PublisherFixture *fixture,
                    gconstpointer     data)
{
  const char *text = "Launch day: the new video is out";
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = NULL;
  CoPublishOutcome *x, *linkedin;
  gint64 id;

  if (!connect_accounts (fixture))
    return;
  id = new_draft (fixture, text);
  outcomes = publish (fixture, id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 2);
  x = outcome_of (outcomes, CO_PLATFORM_X);
  linkedin = outcome_of (outcomes, CO_PLATFORM_LINKEDIN);
  g_assert_cmpint (x->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpint (linkedin->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpstr (x->post_id, ==, co_test_x_id_of (fixture->x, text));
  g_assert_cmpstr (linkedin->post_id, ==, co_test_linkedin_post_urn (fixture->linkedin, text));
  g_assert_nonnull (x->post_url);
  g_assert_true (g_str_has_prefix (linkedin->post_url, "https://www.linkedin.com/"));
  /* Every target succeeded: the draft is Published, with each post recorded. */
  g_assert_cmpint (draft_stage (fixture->drafts, id), ==, CO_DRAFT_STAGE_PUBLISHED);
  draft = co_drafts_get (fixture->drafts, id, NULL);
  g_assert_cmpstr (co_draft_variant_get_post_id (co_draft_get_variant (draft, CO_PLATFORM_X)),
                   ==, x->post_id);
  g_assert_cmpuint (co_test_x_count_text (fixture->x, text), ==, 1);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, text), ==, 1);
}

/* LinkedIn refuses the post; X's goes out all the same.  Publishing again to
 * LinkedIn alone retries it, and nothing is posted twice anywhere. */
static void
test_partial_failure_retried (PublisherFixture *fixture,
                              gconstpointer     data)
{
  const char *text = "One fails, one goes";
  CoTestFault forbidden = { CO_TEST_FAULT_STATUS, 403, NULL, 0 };
  CoPlatform only_linkedin[] = { CO_PLATFORM_LINKEDIN };
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  CoPublishOutcome *failed;
  gint64 id;

  if (!connect_accounts (fixture))
    return;
  id = new_draft (fixture, text);
  aim_fault (&fixture->base, "POST", "/rest/posts", forbidden, 1);
  first = publish (fixture, id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome_of (first, CO_PLATFORM_X)->status, ==, CO_PUBLISH_DONE);
  failed = outcome_of (first, CO_PLATFORM_LINKEDIN);
  g_assert_cmpint (failed->status, ==, CO_PUBLISH_FAILED);
  g_assert_error (failed->error, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED);
  g_assert_nonnull (co_error_get_suggestion (failed->error));
  /* The failure stays visible: the draft is not Published. */
  g_assert_cmpint (draft_stage (fixture->drafts, id), ==, CO_DRAFT_STAGE_SCHEDULED);
  g_assert_cmpuint (co_test_linkedin_n_posts (fixture->linkedin), ==, 0);

  again = publish (fixture, id, only_linkedin, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpint (outcome_of (again, CO_PLATFORM_LINKEDIN)->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpint (draft_stage (fixture->drafts, id), ==, CO_DRAFT_STAGE_PUBLISHED);
  g_assert_cmpuint (co_test_x_count_text (fixture->x, text), ==, 1);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, text), ==, 1);
}

/* LinkedIn makes the post but the answer is lost: publishing again finds it
 * instead of posting it a second time. */
static void
test_no_duplicate (PublisherFixture *fixture,
                   gconstpointer     data)
{
  const char *text = "Said once only";
  CoTestFault dropped = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!connect_accounts (fixture))
    return;
  id = new_draft (fixture, text);
  aim_fault (&fixture->base, "POST", "/rest/posts", dropped, 1);
  first = publish (fixture, id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome_of (first, CO_PLATFORM_LINKEDIN)->status, !=, CO_PUBLISH_DONE);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, text), ==, 1);

  co_test_clock_advance (fixture->base.clock, CO_OUTBOX_BACKOFF_MAX);
  again = publish (fixture, id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome_of (again, CO_PLATFORM_LINKEDIN)->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpint (draft_stage (fixture->drafts, id), ==, CO_DRAFT_STAGE_PUBLISHED);
  /* Published: publishing once more only says where the posts are. */
  third = publish (fixture, id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome_of (third, CO_PLATFORM_X)->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, text), ==, 1);
  g_assert_cmpuint (co_test_x_count_text (fixture->x, text), ==, 1);
  g_assert_cmpuint (co_test_x_n_posts (fixture->x), ==, 1);
}

/* X's adapter: a text longer than a post becomes a thread, each part a
 * reply to the one before, and its last operation is the summary's post.
 * (A draft's X text is at most one post, so this calls the adapter itself.) */
static void
test_thread (PublisherFixture *fixture,
             gconstpointer     data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(CoOutboxOperation) last = NULL;
  g_autoptr(CoOutboxOperation) done = NULL;
  g_autoptr(GError) error = NULL;
  CoPublishPost post = { 0 };
  const char *id;
  guint n = 1;

  if (!connect_accounts (fixture))
    return;
  for (int i = 0; i < 12; i++)
    g_string_append_printf (text, "Sentence number %d tells a little more of the story. ", i);
  post.platform = CO_PLATFORM_X;
  post.text = text->str;
  post.now = co_clock_now (CO_CLOCK (fixture->base.clock));
  post.account_id = x_account (fixture);
  last = co_x_client_enqueue_publish (fixture->base.outbox, &post, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_operations (&fixture->base), >=, 3);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, count_operations (&fixture->base));
  done = get (&fixture->base, co_outbox_operation_get_id (last));
  /* Walk from the last post up the replies to the first. */
  for (id = co_outbox_operation_get_remote_id (done); co_test_x_reply_to (fixture->x, id) != NULL;
       id = co_test_x_reply_to (fixture->x, id))
    n++;
  g_assert_cmpuint (n, ==, count_operations (&fixture->base));
  g_assert_cmpuint (co_test_x_n_posts (fixture->x), ==, n);
}

static void
test_bad_draft (PublisherFixture *fixture,
                gconstpointer     data)
{
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  CoPlatform youtube[] = { CO_PLATFORM_YOUTUBE };
  gint64 id;

  outcomes = publish (fixture, 4711, NULL, 0, &error);
  g_assert_null (outcomes);
  g_assert_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "4711"));
  g_clear_error (&error);

  /* A platform the draft does not target is refused by name, before anything is queued. */
  id = new_draft (fixture, "Not for YouTube");
  outcomes = publish (fixture, id, youtube, 1, &error);
  g_assert_null (outcomes);
  g_assert_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "YouTube"));
  g_assert_cmpuint (count_operations (&fixture->base), ==, 0);
  g_assert_cmpint (draft_stage (fixture->drafts, id), ==, CO_DRAFT_STAGE_DRAFT);
}

/* No connected account on X: X fails with what to do, LinkedIn is published. */
static void
test_not_connected (PublisherFixture *fixture,
                    gconstpointer     data)
{
  g_autoptr(CoAccount) linkedin = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  CoPublishOutcome *x;

  linkedin = fixture_add_account (&fixture->base);
  if (linkedin == NULL)
    return;
  outcomes = publish (fixture, new_draft (fixture, "Only LinkedIn gets it"), NULL, 0, &error);
  g_assert_no_error (error);
  x = outcome_of (outcomes, CO_PLATFORM_X);
  g_assert_cmpint (x->status, ==, CO_PUBLISH_FAILED);
  g_assert_error (x->error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_NOT_CONNECTED);
  g_assert_nonnull (strstr (x->error->message, "accounts connect --platform x"));
  g_assert_cmpint (outcome_of (outcomes, CO_PLATFORM_LINKEDIN)->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpuint (co_test_x_n_posts (fixture->x), ==, 0);
}

/* The publish log cannot be written (a forced error between queuing and
 * logging): the operations queued for the post are not kept either, so
 * nothing is sent that the log does not know of.  Once the log can be written
 * again, publishing posts each text exactly once. */
static void
test_log_fails_atomic (PublisherFixture *fixture,
                       gconstpointer     data)
{
  const char *text = "Queued and logged together";
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, logged = 0;

  if (!connect_accounts (fixture))
    return;
  id = new_draft (fixture, text);
  g_assert_true (_co_store_exec (fixture->base.store,
                                 "CREATE TEMP TRIGGER fail_log BEFORE INSERT ON publish_log "
                                 "BEGIN SELECT RAISE (ABORT, 'injected failure'); END",
                                 NULL));
  outcomes = publish (fixture, id, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outcomes->len; i++)
    {
      CoPublishOutcome *outcome = outcomes->pdata[i];

      g_assert_cmpint (outcome->status, ==, CO_PUBLISH_FAILED);
      g_assert_nonnull (outcome->error);
      g_assert_true (outcome->error->domain == CO_STORE_ERROR);
      g_assert_nonnull (strstr (outcome->error->message, "injected failure"));
    }
  g_assert_cmpuint (count_operations (&fixture->base), ==, 0);
  g_assert_cmpuint (co_test_x_n_posts (fixture->x), ==, 0);
  g_assert_cmpuint (co_test_linkedin_n_posts (fixture->linkedin), ==, 0);
  g_assert_true (co_publish_log_find (fixture->base.store, id, CO_PLATFORM_X, &logged, NULL));
  g_assert_cmpint (logged, ==, 0);

  g_assert_true (_co_store_exec (fixture->base.store, "DROP TRIGGER fail_log", NULL));
  again = publish (fixture, id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome_of (again, CO_PLATFORM_X)->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpint (outcome_of (again, CO_PLATFORM_LINKEDIN)->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpuint (co_test_x_count_text (fixture->x, text), ==, 1);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, text), ==, 1);
}

/* Imports a video of @seconds and @width × @height into the vault from a
 * file that is then deleted; returns the item, with the file's bytes. */
static gint64
import_video (PublisherFixture  *fixture,
              int                width,
              int                height,
              double             seconds,
              GBytes           **out_bytes)
{
  g_autofree char *path = write_media (&fixture->base, "clip.mp4", 300 * 1024);
  CoVaultNewItem meta = { CO_VAULT_TYPE_VIDEO, "video/mp4", "Clip", NULL, NULL, NULL,
                          "clip.mp4", "avc1", width, height, seconds, 0, NULL, FALSE, 0 };
  g_autoptr(CoVault) vault = co_vault_new (fixture->base.store);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 id;

  id = co_vault_import_file (vault, path, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  *out_bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  g_assert_cmpint (g_unlink (path), ==, 0);
  return id;
}

/* A draft for @platforms that links vault item @item_id. */
static gint64
new_draft_with_item (PublisherFixture *fixture,
                     const char       *title,
                     const char       *body,
                     const CoPlatform *platforms,
                     guint             n_platforms,
                     gint64            item_id)
{
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, title, body, platforms, n_platforms, &item_id,
                      item_id != 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = co_drafts_create (fixture->drafts, &spec, &error);

  g_assert_no_error (error);
  return id;
}

/* A draft linking a video: the library's stored copy is uploaded to X (chunked)
 * and to LinkedIn (the Videos API) and attached to each post, though the file
 * it was imported from is gone. */
static void
test_draft_media (PublisherFixture *fixture,
                  gconstpointer     data)
{
  const char *text = "The video is out";
  CoPlatform both[] = { CO_PLATFORM_X, CO_PLATFORM_LINKEDIN };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) on_x = NULL;
  g_autoptr(GBytes) on_linkedin = NULL;
  const char * const *x_media;
  GPtrArray *linkedin_media;
  CoPublishOutcome *x, *linkedin;
  gint64 item;

  if (!connect_accounts (fixture))
    return;
  item = import_video (fixture, 1280, 720, 20.0, &bytes);
  outcomes = publish (fixture, new_draft_with_item (fixture, "Launch", text, both, 2, item),
                      NULL, 0, &error);
  g_assert_no_error (error);
  x = outcome_of (outcomes, CO_PLATFORM_X);
  linkedin = outcome_of (outcomes, CO_PLATFORM_LINKEDIN);
  g_assert_no_error (x->error);
  g_assert_no_error (linkedin->error);
  g_assert_cmpint (x->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpint (linkedin->status, ==, CO_PUBLISH_DONE);
  x_media = co_test_x_post_media (fixture->x, x->post_id);
  g_assert_nonnull (x_media);
  g_assert_cmpuint (g_strv_length ((char **)x_media), ==, 1);
  on_x = co_test_x_get_media (fixture->x, x_media[0]);
  g_assert_true (g_bytes_equal (on_x, bytes));
  linkedin_media = co_test_linkedin_post_media (fixture->linkedin, linkedin->post_id);
  g_assert_cmpuint (linkedin_media->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (linkedin_media, 0), "urn:li:video:"));
  on_linkedin = co_test_linkedin_get_upload (fixture->linkedin,
                                             g_ptr_array_index (linkedin_media, 0));
  g_assert_true (g_bytes_equal (on_linkedin, bytes));
}

/* A video too long for X is refused for X before any request, with the
 * reason; LinkedIn, which takes it, gets its post. */
static void
test_media_too_long (PublisherFixture *fixture,
                     gconstpointer     data)
{
  CoPlatform both[] = { CO_PLATFORM_X, CO_PLATFORM_LINKEDIN };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  CoPublishOutcome *x;
  gint64 item;

  if (!connect_accounts (fixture))
    return;
  item = import_video (fixture, 1280, 720, 200.0, &bytes);
  outcomes = publish (fixture, new_draft_with_item (fixture, "Launch", "Too long for X", both, 2,
                                                    item),
                      NULL, 0, &error);
  g_assert_no_error (error);
  x = outcome_of (outcomes, CO_PLATFORM_X);
  g_assert_cmpint (x->status, ==, CO_PUBLISH_FAILED);
  g_assert_error (x->error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
  g_test_message ("X: %s", x->error->message);
  g_assert_nonnull (strstr (x->error->message, "“Clip (vault item"));
  g_assert_nonnull (strstr (x->error->message, "X takes videos of"));
  g_assert_cmpuint (co_test_server_count (fixture->x_server, "POST", "/2/media/upload"), ==, 0);
  g_assert_cmpuint (co_test_x_n_posts (fixture->x), ==, 0);
  g_assert_cmpint (outcome_of (outcomes, CO_PLATFORM_LINKEDIN)->status, ==, CO_PUBLISH_DONE);
}

/* A draft for YouTube linking a video: the stored copy goes up by the
 * resumable upload, with the draft's title, and the draft is Published. */
static void
test_youtube_video (PublisherFixture *fixture,
                    gconstpointer     data)
{
  CoPlatform youtube[] = { CO_PLATFORM_YOUTUBE };
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) uploaded = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  CoPublishOutcome *outcome;
  Result r = { 0 };
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  json = co_test_oauth_mint (fixture->youtube_provider, 7200);
  co_account_manager_add_token_async (fixture->base.accounts, CO_PLATFORM_YOUTUBE, json, NULL,
                                      NULL, NULL, object_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_no_error (r.error);
  g_clear_object (&r.object);
  id = new_draft_with_item (fixture, "Launch", "The whole story",
                            youtube, 1, import_video (fixture, 1280, 720, 20.0, &bytes));
  outcomes = publish (fixture, id, NULL, 0, &error);
  g_assert_no_error (error);
  outcome = outcome_of (outcomes, CO_PLATFORM_YOUTUBE);
  g_assert_no_error (outcome->error);
  g_assert_cmpint (outcome->status, ==, CO_PUBLISH_DONE);
  uploaded = co_test_youtube_get_bytes (fixture->youtube, outcome->post_id);
  g_assert_true (g_bytes_equal (uploaded, bytes));
  g_assert_cmpuint (co_test_youtube_count_title (fixture->youtube, "Launch"), ==, 1);
  g_assert_cmpint (draft_stage (fixture->drafts, id), ==, CO_DRAFT_STAGE_PUBLISHED);
}

/* YouTube refuses before anything is queued: a draft without a video, and a
 * Short (#shorts) whose video is wider than high. */
static void
test_youtube_refused (PublisherFixture *fixture,
                      gconstpointer     data)
{
  CoPlatform youtube[] = { CO_PLATFORM_YOUTUBE };
  g_autoptr(CoAccountBook) book = co_account_book_new (fixture->base.store);
  g_autoptr(CoAccount) account = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) bare = NULL;
  g_autoptr(GPtrArray) wide = NULL;
  g_autoptr(GError) error = NULL;
  CoPublishOutcome *outcome;
  gint64 item;

  account = co_account_book_save (book, CO_PLATFORM_YOUTUBE, "UCchannel", "Channel", NOW, &error);
  g_assert_no_error (error);
  bare = publish (fixture, new_draft_with_item (fixture, "Launch", "No video", youtube, 1, 0),
                  NULL, 0, &error);
  g_assert_no_error (error);
  outcome = outcome_of (bare, CO_PLATFORM_YOUTUBE);
  g_assert_cmpint (outcome->status, ==, CO_PUBLISH_FAILED);
  g_assert_error (outcome->error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
  g_assert_nonnull (strstr (outcome->error->message, "needs a video"));

  /* The next post may not be less than five minutes after the first. */
  co_test_clock_advance (fixture->base.clock, 600 * SECOND);
  item = import_video (fixture, 1920, 1080, 30.0, &bytes);
  wide = publish (fixture, new_draft_with_item (fixture, "Launch #shorts", "Wide", youtube, 1,
                                                item),
                  NULL, 0, &error);
  g_assert_no_error (error);
  outcome = outcome_of (wide, CO_PLATFORM_YOUTUBE);
  g_assert_cmpint (outcome->status, ==, CO_PUBLISH_FAILED);
  g_assert_error (outcome->error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID);
  g_test_message ("YouTube: %s", outcome->error->message);
  g_assert_nonnull (strstr (outcome->error->message, "Short"));
  g_assert_cmpuint (count_operations (&fixture->base), ==, 0);
}

/* Every platform has its client in the publishing flow. */
static void
test_every_platform (void)
{
  g_assert_nonnull (co_publisher_get_enqueue (CO_PLATFORM_YOUTUBE));
  g_assert_nonnull (co_publisher_get_enqueue (CO_PLATFORM_X));
  g_assert_nonnull (co_publisher_get_enqueue (CO_PLATFORM_LINKEDIN));
  g_assert_nonnull (co_publisher_get_enqueue (CO_PLATFORM_INSTAGRAM));
}

int
main (int   argc,
      char *argv[])
{
  publish_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync/publish/publisher/" path, PublisherFixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("two-platforms", test_two_platforms);
  ADD ("partial-failure-retried", test_partial_failure_retried);
  ADD ("no-duplicate", test_no_duplicate);
  ADD ("thread", test_thread);
  ADD ("bad-draft", test_bad_draft);
  ADD ("not-connected", test_not_connected);
  ADD ("log-fails-atomic", test_log_fails_atomic);
  ADD ("draft-media", test_draft_media);
  ADD ("media-too-long", test_media_too_long);
  ADD ("youtube-video", test_youtube_video);
  ADD ("youtube-refused", test_youtube_refused);
#undef ADD
  g_test_add_func ("/sync/publish/publisher/every-platform", test_every_platform);

  return g_test_run ();
}
