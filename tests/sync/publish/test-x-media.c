/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-x.h"
#include "co-x-client.h"
#include "publish-fixture.h"

#define MEDIA "/2/media/upload"
#define MIB ((gsize)1024 * 1024)

typedef struct
{
  Fixture  base;
  CoTestX *x;
  guint    break_after;   /* once this many media requests arrived, they fail */
} XFixture;

static void
fixture_set_up (XFixture      *fixture,
                gconstpointer  data)
{
  fixture_init (&fixture->base, CO_PLATFORM_X, CO_SERVICE_X, "client-x");
  fixture->x = co_test_x_new (fixture->base.server, fixture->base.provider,
                              fixture->base.user_id, "creator");
  fixture_add_client (&fixture->base, co_x_client_new (fixture->base.accounts));
}

static void
fixture_tear_down (XFixture      *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->x, co_test_x_free);
  fixture_clear (&fixture->base);
}

static gboolean
connect_account (XFixture *fixture)
{
  g_autoptr(CoAccount) account = fixture_add_account (&fixture->base);

  if (account == NULL)
    return FALSE;
  g_assert_cmpstr (co_account_get_remote_id (account), ==, fixture->base.user_id);
  return TRUE;
}

static CoPublishPost
make_post (XFixture             *fixture,
           const char           *text,
           const CoPublishMedia *media,
           guint                 n_media)
{
  CoPublishPost post = { 0 };

  post.platform = CO_PLATFORM_X;
  post.account_id = fixture->base.account_id;
  post.text = text;
  post.media = media;
  post.n_media = n_media;
  post.now = co_clock_now (CO_CLOCK (fixture->base.clock));
  return post;
}

/* Queues @text with @n_media files; returns the thread's last post's operation id. */
static gint64
enqueue (XFixture             *fixture,
         const char           *text,
         const CoPublishMedia *media,
         guint                 n_media)
{
  CoPublishPost post = make_post (fixture, text, media, n_media);
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  operation = co_x_client_enqueue_publish (fixture->base.outbox, &post, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_outbox_operation_get_kind (operation), ==, CO_X_KIND_POST);
  return co_outbox_operation_get_id (operation);
}

/* The media the post with @text carries, each holding its file's bytes. */
static void
assert_post_media (XFixture             *fixture,
                   const char           *text,
                   const CoPublishMedia *media,
                   guint                 n_media)
{
  const char *id = co_test_x_id_of (fixture->x, text);
  const char * const *ids;

  g_assert_nonnull (id);
  g_assert_cmpuint (co_test_x_count_text (fixture->x, text), ==, 1);
  ids = co_test_x_post_media (fixture->x, id);
  g_assert_cmpuint (ids != NULL ? g_strv_length ((char **)ids) : 0, ==, n_media);
  for (guint i = 0; i < n_media; i++)
    {
      g_autoptr(GBytes) bytes = co_test_x_get_media (fixture->x, ids[i]);

      assert_file_bytes (media[i].path, bytes);
    }
}

static void
test_image (XFixture      *fixture,
            gconstpointer  data)
{
  g_autofree char *path = write_media (&fixture->base, "still.png", 3000);
  CoPublishMedia image = { path, "image/png", 1200, 800, 0 };

  if (!connect_account (fixture))
    return;
  enqueue (fixture, "A picture", &image, 1);
  g_assert_cmpuint (count_operations (&fixture->base), ==, 2);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_post_media (fixture, "A picture", &image, 1);
  /* An image is ready once finalized: INIT, APPEND, FINALIZE, and no STATUS. */
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", MEDIA), ==, 3);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "GET", MEDIA), ==, 0);
}

/* Images go on the thread's first post; the replies carry none. */
static void
test_thread_with_images (XFixture      *fixture,
                         gconstpointer  data)
{
  g_autofree char *first = write_media (&fixture->base, "first.jpg", 4000);
  g_autofree char *second = write_media (&fixture->base, "second.webp", 5000);
  CoPublishMedia images[] = { { first, "image/jpeg", 800, 800, 0 },
                              { second, "image/webp", 800, 600, 0 } };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) parts = NULL;

  if (!connect_account (fixture))
    return;
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (text, "Sentence number %u of a long story. ", i);
  parts = co_platform_split_thread (text->str, NULL);
  g_assert_cmpuint (parts->len, >, 1);
  enqueue (fixture, text->str, images, 2);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2 + parts->len);
  assert_post_media (fixture, ((CoPlatformPart *)g_ptr_array_index (parts, 0))->text, images, 2);
  for (guint i = 1; i < parts->len; i++)
    {
      const char *reply = ((CoPlatformPart *)g_ptr_array_index (parts, i))->text;
      const char *before = ((CoPlatformPart *)g_ptr_array_index (parts, i - 1))->text;

      assert_post_media (fixture, reply, NULL, 0);
      g_assert_cmpstr (co_test_x_reply_to (fixture->x, co_test_x_id_of (fixture->x, reply)), ==,
                       co_test_x_id_of (fixture->x, before));
    }
  g_assert_null (co_test_x_reply_to (fixture->x, co_test_x_id_of (
                                       fixture->x, ((CoPlatformPart *)g_ptr_array_index (
                                                      parts, 0))->text)));
}

static void
write_video (XFixture       *fixture,
             CoPublishMedia *video,
             char          **out_path)
{
  /* Three segments of X's chunked upload. */
  *out_path = write_media (&fixture->base, "clip.mp4", 9 * MIB);
  video->path = *out_path;
  video->mime = "video/mp4";
  video->width = 1280;
  video->height = 720;
  video->duration = 30 * SECOND;
}

/* A video is processed: STATUS says pending, in progress, then succeeded. */
static void
test_video (XFixture      *fixture,
            gconstpointer  data)
{
  g_autofree char *path = NULL;
  CoPublishMedia video;

  if (!connect_account (fixture))
    return;
  write_video (fixture, &video, &path);
  co_test_x_set_processing (fixture->x, 2, FALSE);
  enqueue (fixture, "A clip", &video, 1);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_post_media (fixture, "A clip", &video, 1);
  /* INIT, three APPENDs, FINALIZE; STATUS until it succeeded. */
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", MEDIA), ==, 5);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "GET", MEDIA), ==, 3);
}

/* X could not process the video: the upload fails with X's reason, and no
 * post goes out without it. */
static void
test_video_failed (XFixture      *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) kept = NULL;
  CoPublishMedia video;
  gint64 post;

  if (!connect_account (fixture))
    return;
  write_video (fixture, &video, &path);
  co_test_x_set_processing (fixture->x, 1, TRUE);
  post = enqueue (fixture, "A broken clip", &video, 1);
  send_due (&fixture->base);
  kept = error_of (&fixture->base, post - 1);
  g_assert_cmpint (state_of (&fixture->base, post - 1), ==, CO_OUTBOX_FAILED);
  g_assert_error (kept, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED);
  g_assert_nonnull (strstr (kept->message, "Unsupported video format"));
  g_assert_cmpint (state_of (&fixture->base, post), !=, CO_OUTBOX_DONE);
  g_assert_cmpuint (co_test_x_n_posts (fixture->x), ==, 0);
}

/* After fixture->break_after media requests, the next ones answer 503. */
static void
break_media_cb (CoTestServer      *server,
                SoupServerMessage *message,
                const char        *path,
                gpointer           user_data)
{
  XFixture *fixture = user_data;
  CoTestFault unavailable = { CO_TEST_FAULT_STATUS, 503, NULL, 0 };

  if (fixture->break_after > 0 &&
      co_test_server_count (server, "POST", MEDIA) >= fixture->break_after)
    {
      fixture->break_after = 0;
      aim_fault (&fixture->base, "POST", MEDIA, unavailable, 4);
    }
}

/* An upload cut short goes on from the next segment with the same media id. */
static void
test_append_resumes (XFixture      *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(CoOutboxOperation) waiting = NULL;
  CoPublishMedia video;
  gint64 post;

  if (!connect_account (fixture))
    return;
  write_video (fixture, &video, &path);
  co_test_x_set_processing (fixture->x, 0, FALSE);
  post = enqueue (fixture, "A clip, resumed", &video, 1);
  /* INIT and the first APPEND go through; the second fails four times. */
  fixture->break_after = 2;
  co_test_server_set_finished_func (fixture->base.server, break_media_cb, fixture);
  g_assert_cmpuint (send_due (&fixture->base).waiting, >=, 1);
  waiting = get (&fixture->base, post - 1);
  g_assert_nonnull (strstr (co_outbox_operation_get_checkpoint (waiting), "\"segments\":1"));
  g_assert_cmpuint (send_later (&fixture->base).sent, ==, 2);
  assert_post_media (fixture, "A clip, resumed", &video, 1);
  g_assert_cmpuint (co_test_x_n_media (fixture->x), ==, 1);
  /* INIT, APPEND 0, four refusals of APPEND 1, then APPEND 1 and 2 and FINALIZE. */
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", MEDIA), ==, 9);
}

static void
test_expired_token (XFixture      *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = write_media (&fixture->base, "still.jpg", 2000);
  CoPublishMedia image = { path, "image/jpeg", 100, 100, 0 };

  if (!connect_account (fixture))
    return;
  enqueue (fixture, "After an expired token", &image, 1);
  co_test_oauth_revoke_access (fixture->base.provider);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_post_media (fixture, "After an expired token", &image, 1);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->base.provider, "refresh_token"), ==, 1);
  assert_no_token_kept (&fixture->base);
}

/* Text only: the adapter queues the thread alone, as co_x_client_enqueue_post would. */
static void
test_text_only (XFixture      *fixture,
                gconstpointer  data)
{
  if (!connect_account (fixture))
    return;
  enqueue (fixture, "Just words", NULL, 0);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 1);
  assert_post_media (fixture, "Just words", NULL, 0);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, NULL, MEDIA), ==, 0);
}

static void
assert_refused (XFixture             *fixture,
                const CoPublishMedia *media,
                guint                 n_media,
                const char           *reason)
{
  CoPublishPost post = make_post (fixture, "refused", media, n_media);

  assert_enqueue_refused (co_x_client_enqueue_publish, &fixture->base, &post, reason);
}

static void
test_refused (XFixture      *fixture,
              gconstpointer  data)
{
  g_autofree char *image = write_media (&fixture->base, "still.jpg", 100);
  g_autofree char *video = write_media (&fixture->base, "clip.mp4", 100);
  g_autofree char *big = write_media (&fixture->base, "big.png", 5 * MIB + 1);
  CoPublishMedia still = { image, "image/jpeg", 100, 100, 0 };
  CoPublishMedia five[] = { still, still, still, still, still };
  CoPublishMedia mixed[] = { still, { video, "video/mp4", 1280, 720, 10 * SECOND } };
  CoPublishMedia too_long = { video, "video/mp4", 1280, 720, 141 * SECOND };
  CoPublishMedia bmp = { image, "image/bmp", 100, 100, 0 };
  CoPublishMedia large = { big, "image/png", 100, 100, 0 };

  assert_refused (fixture, five, 5, "at most 4 images");
  assert_refused (fixture, mixed, 2, "one video or GIF");
  assert_refused (fixture, &too_long, 1, "lasts 141.0 s");
  assert_refused (fixture, &bmp, 1, "image/bmp");
  assert_refused (fixture, &large, 1, "big.png");
  g_assert_cmpuint (count_operations (&fixture->base), ==, 0);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, NULL, "/"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  publish_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync/publish/x/media/" path, XFixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("image", test_image);
  ADD ("thread-with-images", test_thread_with_images);
  ADD ("video", test_video);
  ADD ("video-failed", test_video_failed);
  ADD ("append-resumes", test_append_resumes);
  ADD ("expired-token", test_expired_token);
  ADD ("text-only", test_text_only);
  ADD ("refused", test_refused);
#undef ADD

  return g_test_run ();
}
