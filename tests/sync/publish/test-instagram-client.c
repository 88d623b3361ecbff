/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-instagram-client.h"
#include "co-test-instagram.h"
#include "publish-fixture.h"

typedef struct
{
  Fixture          base;
  CoTestInstagram *instagram;
} InstagramFixture;

/* The fake serves the file itself, as a public web server would. */
static char *
serve_cb (const char  *path,
          const char  *mime,
          gpointer     user_data,
          GError     **error)
{
  /* Putting a file may copy a whole video: never on the main context. */
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  return co_test_instagram_serve_file (user_data, path);
}

static void
fixture_set_up (InstagramFixture *fixture,
                gconstpointer     data)
{
  CoInstagramClient *client;

  fixture_init (&fixture->base, CO_PLATFORM_INSTAGRAM, CO_SERVICE_INSTAGRAM, "client-instagram");
  fixture->instagram = co_test_instagram_new (fixture->base.server, fixture->base.provider,
                                              fixture->base.user_id, "creator");
  client = co_instagram_client_new (fixture->base.accounts);
  if (data == NULL)
    co_instagram_client_set_media_host (client, serve_cb, fixture->instagram, NULL);
  fixture_add_client (&fixture->base, client);
}

static void
fixture_tear_down (InstagramFixture *fixture,
                   gconstpointer     data)
{
  fixture_clear (&fixture->base);
  g_clear_pointer (&fixture->instagram, co_test_instagram_free);
}

static gboolean
connect_account (InstagramFixture *fixture)
{
  g_autoptr(CoAccount) account = fixture_add_account (&fixture->base);

  if (account == NULL)
    return FALSE;
  g_assert_cmpstr (co_account_get_remote_id (account), ==, fixture->base.user_id);
  g_assert_cmpstr (co_account_get_display_name (account), ==, "@creator");
  return TRUE;
}

static CoOutboxOperation *
try_enqueue (InstagramFixture      *fixture,
             const char            *caption,
             const CoPublishMedia  *media,
             guint                  n_media,
             GError               **error)
{
  CoPublishPost post = { 0 };

  post.platform = CO_PLATFORM_INSTAGRAM;
  post.account_id = fixture->base.account_id;
  post.text = caption;
  post.media = media;
  post.n_media = n_media;
  post.now = co_clock_now (CO_CLOCK (fixture->base.clock));
  return co_instagram_client_enqueue_publish (fixture->base.outbox, &post, error);
}

/* Queues @caption with an image, or a Reel; returns the publishing's id. */
static gint64
enqueue (InstagramFixture *fixture,
         const char       *caption,
         gboolean          reel)
{
  g_autofree char *path = write_media (&fixture->base, reel ? "reel.mp4" : "photo.jpg", 4000);
  CoPublishMedia media = { path, reel ? "video/mp4" : "image/jpeg", 1080, reel ? 1920 : 1350,
                           reel ? 30 * SECOND : 0 };
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  operation = try_enqueue (fixture, caption, &media, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_outbox_operation_get_kind (operation), ==, CO_INSTAGRAM_KIND_PUBLISH);
  return co_outbox_operation_get_id (operation);
}

static void
assert_published_once (InstagramFixture *fixture,
                       gint64            id,
                       const char       *caption)
{
  g_autoptr(CoOutboxOperation) done = get (&fixture->base, id);

  g_assert_cmpint (co_outbox_operation_get_state (done), ==, CO_OUTBOX_DONE);
  g_assert_cmpuint (co_test_instagram_count_caption (fixture->instagram, caption), ==, 1);
  g_assert_cmpstr (co_outbox_operation_get_remote_id (done), ==,
                   co_test_instagram_media_id (fixture->instagram, caption));
  g_assert_true (g_str_has_prefix (co_outbox_operation_get_remote_url (done),
                                   "https://www.instagram.com/p/"));
}

static void
test_image (InstagramFixture *fixture,
            gconstpointer     data)
{
  const char *caption = "Golden hour #photo";
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, caption, FALSE);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_published_once (fixture, id, caption);
  g_assert_cmpstr (co_test_instagram_media_type (fixture->instagram, caption), ==, "IMAGE");
  g_assert_cmpuint (co_test_instagram_n_fetched (fixture->instagram), ==, 1);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "GET",
                                          "/v19.0/" "content_publishing_limit"), ==, 0);
}

/* Three IN_PROGRESS answers, each followed by a wait on the clock, then FINISHED. */
static void
test_reel_in_progress (InstagramFixture *fixture,
                       gconstpointer     data)
{
  const char *caption = "A Reel that takes a while";
  g_autoptr(GArray) sleeps = NULL;
  guint polls = 0;
  gint64 id;

  if (!connect_account (fixture))
    return;
  co_test_instagram_set_processing (fixture->instagram, 3, NULL);
  id = enqueue (fixture, caption, TRUE);
  co_test_clock_clear_log (fixture->base.clock);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_published_once (fixture, id, caption);
  g_assert_cmpstr (co_test_instagram_media_type (fixture->instagram, caption), ==, "REELS");
  g_assert_cmpuint (co_test_instagram_n_status_polls (fixture->instagram), ==, 4);
  sleeps = co_test_clock_dup_log (fixture->base.clock, CO_CLOCK_DELAY);
  for (guint i = 0; i < sleeps->len; i++)
    polls += g_array_index (sleeps, CoTestSleep, i).usec == CO_INSTAGRAM_POLL_INTERVAL;
  g_assert_cmpuint (polls, ==, 3);
}

static void
test_container_error (InstagramFixture *fixture,
                      gconstpointer     data)
{
  g_autoptr(CoOutboxOperation) publish = NULL;
  g_autoptr(GError) kept = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  co_test_instagram_set_processing (fixture->instagram, 1,
                                    "ERROR: 2207026: unsupported video format");
  id = enqueue (fixture, "A Reel Instagram cannot take", TRUE);
  g_assert_cmpuint (send_due (&fixture->base).failed, ==, 1);
  publish = get (&fixture->base, id);
  kept = error_of (&fixture->base, co_outbox_operation_get_after_id (publish));
  g_assert_error (kept, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED);
  g_assert_nonnull (strstr (kept->message, "2207026: unsupported video format"));
  g_assert_nonnull (strstr (kept->message, "reel.mp4"));
  /* The publishing waits for a container that failed: nothing was published. */
  g_assert_cmpint (co_outbox_operation_get_state (publish), ==, CO_OUTBOX_PENDING);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", "/v19.0/" ), ==, 1);
}

static void
test_quota_used_up (InstagramFixture *fixture,
                    gconstpointer     data)
{
  const char *caption = "when the quota is back";
  g_autoptr(GError) kept = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  co_test_instagram_set_quota (fixture->instagram, 100, 100);
  id = enqueue (fixture, caption, FALSE);
  send_due (&fixture->base);
  g_assert_cmpint (state_of (&fixture->base, id), ==, CO_OUTBOX_PENDING);
  kept = error_of (&fixture->base, id);
  g_assert_error (kept, CO_SYNC_ERROR, CO_SYNC_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (kept->message, "100 posts in 24 hours"));
  g_assert_nonnull (strstr (kept->message, "@creator"));
  g_assert_cmpuint (co_test_instagram_count_caption (fixture->instagram, caption), ==, 0);
  co_test_instagram_set_quota (fixture->instagram, 99, 100);
  send_later (&fixture->base);
  assert_published_once (fixture, id, caption);
}

static void
test_expired_token (InstagramFixture *fixture,
                    gconstpointer     data)
{
  const char *caption = "after an expired token";
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, caption, FALSE);
  co_test_oauth_revoke_access (fixture->base.provider);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_published_once (fixture, id, caption);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->base.provider, "refresh_token"), ==, 1);
}

static void
test_forbidden (InstagramFixture *fixture,
                gconstpointer     data)
{
  CoTestFault forbidden = { CO_TEST_FAULT_STATUS, 403, NULL, 0 };
  g_autoptr(CoOutboxOperation) publish = NULL;
  g_autoptr(GError) kept = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "not allowed", FALSE);
  aim_fault (&fixture->base, "POST", "/media", forbidden, 1);
  g_assert_cmpuint (send_due (&fixture->base).failed, ==, 1);
  publish = get (&fixture->base, id);
  kept = error_of (&fixture->base, co_outbox_operation_get_after_id (publish));
  g_assert_error (kept, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED);
  g_assert_cmpuint (co_test_instagram_n_containers (fixture->instagram), ==, 0);
}

/* Making a container may be repeated: the client waits as asked and goes on. */
static void
test_rate_limited (InstagramFixture *fixture,
                   gconstpointer     data)
{
  CoTestFault limited = { CO_TEST_FAULT_STATUS, 429, "30", 0 };
  const char *caption = "after a 429";
  g_autoptr(GArray) sleeps = NULL;
  gboolean waited = FALSE;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, caption, FALSE);
  aim_fault (&fixture->base, "POST", "/media", limited, 1);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_published_once (fixture, id, caption);
  sleeps = co_test_clock_dup_log (fixture->base.clock, CO_CLOCK_DELAY);
  for (guint i = 0; i < sleeps->len; i++)
    waited |= g_array_index (sleeps, CoTestSleep, i).usec >= 30 * SECOND;
  g_assert_true (waited);
  g_assert_cmpuint (co_test_instagram_n_containers (fixture->instagram), ==, 1);
}

static void
check_ambiguous (InstagramFixture *fixture,
                 CoTestFault       fault,
                 const char       *caption)
{
  g_autoptr(CoOutboxOperation) found = NULL;
  CoOutboxSummary summary;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, caption, FALSE);
  aim_fault (&fixture->base, "POST", "/media_publish", fault, 1);
  summary = send_due (&fixture->base);
  g_assert_cmpuint (summary.waiting, ==, 1);
  summary = send_later (&fixture->base);
  g_assert_cmpuint (summary.found, ==, 1);
  g_assert_cmpuint (co_test_instagram_count_caption (fixture->instagram, caption), ==, 1);
  found = get (&fixture->base, id);
  g_assert_cmpstr (co_outbox_operation_get_remote_id (found), ==,
                   co_test_instagram_media_id (fixture->instagram, caption));
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", "/v19.0/"), ==, 2);
}

static void
test_server_error_after (InstagramFixture *fixture,
                         gconstpointer     data)
{
  CoTestFault fault = { CO_TEST_FAULT_STATUS_AFTER, 500, NULL, 0 };

  check_ambiguous (fixture, fault, "published, then a 500");
}

static void
test_dropped_after (InstagramFixture *fixture,
                    gconstpointer     data)
{
  CoTestFault fault = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };

  check_ambiguous (fixture, fault, "published, then the connection dropped");
}

/* The media edge answers a page at a time, newest first.  More media than a
 * page holds were published after the one whose answer was lost: the
 * look-up must follow the after cursor rather than publish it again. */
static void
test_lost_answer_found_on_later_page (InstagramFixture *fixture,
                                      gconstpointer     data)
{
  const char *caption = "The post the newer ones pushed down";
  CoTestFault lost = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };
  g_autofree char *edge = NULL;
  CoOutboxSummary summary;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, caption, FALSE);
  aim_fault (&fixture->base, "POST", "/media_publish", lost, 1);
  g_assert_cmpuint (send_due (&fixture->base).waiting, ==, 1);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *newer = g_strdup_printf ("A newer post, number %u", i);

      co_test_instagram_add_media (fixture->instagram, newer);
    }
  summary = send_later (&fixture->base);
  g_assert_cmpuint (summary.found, ==, 1);
  g_assert_cmpuint (summary.sent, ==, 0);
  assert_published_once (fixture, id, caption);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", "/v19.0/"), ==, 2);
  /* 121 media at 50 a page: the third page holds it. */
  edge = g_strdup_printf ("/v19.0/%s/media", fixture->base.user_id);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "GET", edge), ==, 3);
}

static void
test_slow (InstagramFixture *fixture,
           gconstpointer     data)
{
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "a slow container", FALSE);
  send_with_slow_answer (&fixture->base, co_test_instagram_get_slow (fixture->instagram));
  assert_published_once (fixture, id, "a slow container");
}

static void
assert_refused (InstagramFixture     *fixture,
                const char           *caption,
                const CoPublishMedia *media,
                guint                 n_media,
                const char           *reason)
{
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  operation = try_enqueue (fixture, caption, media, n_media, &error);
  g_assert_null (operation);
  g_assert_nonnull (error);
  g_test_message ("Refused: %s", error->message);
  g_assert_true (error->domain == CO_PLATFORM_ERROR);
  g_assert_nonnull (strstr (error->message, reason));
}

static void
test_refused (InstagramFixture *fixture,
              gconstpointer     data)
{
  g_autofree char *image = write_media (&fixture->base, "wide.jpg", 100);
  g_autofree char *video = write_media (&fixture->base, "clip.mp4", 100);
  CoPublishMedia two[] = { { image, "image/jpeg", 1080, 1080, 0 },
                           { image, "image/jpeg", 1080, 1080, 0 } };
  CoPublishMedia png = { image, "image/png", 1080, 1080, 0 };
  CoPublishMedia wide = { image, "image/jpeg", 1000, 400, 0 };
  CoPublishMedia short_reel = { video, "video/mp4", 1080, 1920, 2 * SECOND };
  CoPublishMedia long_reel = { video, "video/mp4", 1080, 1920, 16 * 60 * SECOND };

  assert_refused (fixture, "no media", NULL, 0, "needs an image or a video");
  assert_refused (fixture, "two", two, 2, "carousels");
  assert_refused (fixture, "png", &png, 1, "JPEG");
  assert_refused (fixture, "wide", &wide, 1, "1000 × 400");
  assert_refused (fixture, "short", &short_reel, 1, "lasts 2.0 s");
  assert_refused (fixture, "long", &long_reel, 1, "lasts 960.0 s");
  assert_refused (fixture, "#a #b #c #d #e #f", &two[0], 1, "hashtag");
  g_assert_cmpuint (count_operations (&fixture->base), ==, 0);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, NULL, "/"), ==, 0);
}

/* Without a place to publish files, the container fails and says why. */
static void
test_no_media_host (InstagramFixture *fixture,
                    gconstpointer     data)
{
  g_autoptr(CoOutboxOperation) publish = NULL;
  g_autoptr(GError) kept = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "nowhere to fetch it from", FALSE);
  g_assert_cmpuint (send_due (&fixture->base).failed, ==, 1);
  publish = get (&fixture->base, id);
  kept = error_of (&fixture->base, co_outbox_operation_get_after_id (publish));
  g_assert_error (kept, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
  g_assert_nonnull (strstr (kept->message, "photo.jpg"));
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", "/v19.0/"), ==, 0);
}

/* Instagram fetches from the configured media folder (what the app and the
 * command line use), which the fake serves; returns the folder, @folder or
 * one in the test's own. */
static char *
use_media_folder (InstagramFixture *fixture,
                  const char       *folder)
{
  char *path = folder != NULL ? g_strdup (folder)
                              : g_build_filename (fixture->base.dir, "public", NULL);
  const char *url = co_test_instagram_serve_folder (fixture->instagram, path);

  g_assert_true (co_service_config_set_media_host (fixture->base.config, path, url, NULL));
  return path;
}

/* The post of @caption went out once, from the whole image put in @folder
 * under its own name, and nothing else is left there. */
static void
assert_published_from (InstagramFixture *fixture,
                       gint64            id,
                       const char       *caption,
                       const char       *folder)
{
  const char *path = co_test_instagram_fetched_path (fixture->instagram, caption);
  g_autofree char *image = g_build_filename (fixture->base.dir, "photo.jpg", NULL);
  g_autofree char *put = g_build_filename (folder, "photo.jpg", NULL);
  g_autofree char *original = NULL;
  g_autofree char *fetched = NULL;
  g_autoptr(GDir) dir = NULL;
  gsize length, fetched_length;

  assert_published_once (fixture, id, caption);
  g_assert_cmpstr (path, ==, put);
  g_assert_true (g_file_get_contents (image, &original, &length, NULL));
  g_assert_true (g_file_get_contents (path, &fetched, &fetched_length, NULL));
  g_assert_cmpmem (original, length, fetched, fetched_length);
  dir = g_dir_open (folder, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "photo.jpg");
  g_assert_null (g_dir_read_name (dir));
}

/* With the media folder: the image is put in it, Instagram fetches it at the
 * folder's public address, and it is published once. */
static void
test_media_folder (InstagramFixture *fixture,
                   gconstpointer     data)
{
  const char *caption = "Posted from the media folder";
  g_autofree char *folder = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  folder = use_media_folder (fixture, NULL);
  id = enqueue (fixture, caption, FALSE);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_published_from (fixture, id, caption, folder);
}

/* A copy left partial under the image's name (by a run killed while copying
 * to another file system, before copies were renamed into place) is not what
 * Instagram gets: the whole image replaces it. */
static void
test_media_folder_partial (InstagramFixture *fixture,
                           gconstpointer     data)
{
  const char *caption = "Posted over a partial copy";
  g_autofree char *folder = NULL;
  g_autofree char *left = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  folder = use_media_folder (fixture, NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  left = g_build_filename (folder, "photo.jpg", NULL);
  g_assert_true (g_file_set_contents (left, "\xff\xd8 cut short", -1, NULL));
  id = enqueue (fixture, caption, FALSE);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_published_from (fixture, id, caption, folder);
}

/* On another file system, where no hard link can be made, the image is
 * copied: it still goes in whole under its own name, with nothing left beside
 * it. */
static void
test_media_folder_copied (InstagramFixture *fixture,
                          gconstpointer     data)
{
  const char *caption = "Posted from a copy";
  g_autofree char *made = g_strdup ("/dev/shm/creatorops-media-XXXXXX");
  g_autofree char *folder = NULL;
  g_autofree char *put = NULL;
  GStatBuf here, there;
  gint64 id;

  if (!connect_account (fixture))
    return;
  if (g_mkdtemp (made) == NULL || g_stat (fixture->base.dir, &here) != 0 ||
      g_stat (made, &there) != 0 || here.st_dev == there.st_dev)
    {
      g_rmdir (made);
      g_test_skip ("No other file system at /dev/shm to copy the image to");
      return;
    }
  folder = use_media_folder (fixture, made);
  id = enqueue (fixture, caption, FALSE);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_published_from (fixture, id, caption, folder);
  put = g_build_filename (folder, "photo.jpg", NULL);
  g_assert_cmpint (g_unlink (put), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static void
test_not_connected (InstagramFixture *fixture,
                    gconstpointer     data)
{
  g_autoptr(CoOutboxOperation) publish = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "nobody to post it", FALSE);
  publish = get (&fixture->base, id);
  assert_fails_disconnected (&fixture->base, co_outbox_operation_get_after_id (publish),
                             "POST", "/v19.0/");
  g_assert_cmpuint (co_test_instagram_n_containers (fixture->instagram), ==, 0);
}

static void
test_no_token_kept (InstagramFixture *fixture,
                    gconstpointer     data)
{
  if (!connect_account (fixture))
    return;
  co_test_instagram_set_processing (fixture->instagram, 1, NULL);
  enqueue (fixture, "secrets stay in the keyring", TRUE);
  co_test_oauth_revoke_access (fixture->base.provider);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_no_token_kept (&fixture->base);
}

int
main (int   argc,
      char *argv[])
{
  publish_test_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add ("/sync/publish/instagram/" path, InstagramFixture, data, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("image", test_image, NULL);
  ADD ("reel-in-progress", test_reel_in_progress, NULL);
  ADD ("container-error", test_container_error, NULL);
  ADD ("quota-used-up", test_quota_used_up, NULL);
  ADD ("expired-token", test_expired_token, NULL);
  ADD ("forbidden", test_forbidden, NULL);
  ADD ("rate-limited", test_rate_limited, NULL);
  ADD ("server-error-after", test_server_error_after, NULL);
  ADD ("dropped-after", test_dropped_after, NULL);
  ADD ("lost-answer-found-on-later-page", test_lost_answer_found_on_later_page, NULL);
  ADD ("slow", test_slow, NULL);
  ADD ("refused", test_refused, NULL);
  ADD ("no-media-host", test_no_media_host, "no host");
  ADD ("media-folder", test_media_folder, "no host");
  ADD ("media-folder-partial", test_media_folder_partial, "no host");
  ADD ("media-folder-copied", test_media_folder_copied, "no host");
  ADD ("not-connected", test_not_connected, NULL);
  ADD ("no-token-kept", test_no_token_kept, NULL);
#undef ADD

  return g_test_run ();
}
