/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-youtube.h"
#include "co-youtube-client.h"
#include "publish-fixture.h"

#define UNIT ((gsize)256 * 1024)
#define UPLOAD "/upload/youtube/v3/videos"
#define CHAPTERS "0:00 Intro\n0:15 Setup\n1:02 Results"

typedef struct
{
  Fixture        base;
  CoTestYouTube *youtube;
  guint          break_after;  /* once this many chunks arrived, PUTs fail */
  CoTestFault    breaking;
  guint          breaking_times;
} YouTubeFixture;

static void
fixture_set_up (YouTubeFixture *fixture,
                gconstpointer   data)
{
  g_autofree char *upload = NULL;
  CoYouTubeClient *client;

  fixture_init (&fixture->base, CO_PLATFORM_YOUTUBE, CO_SERVICE_YOUTUBE, "client-youtube");
  upload = g_strconcat (co_test_server_get_url (fixture->base.server), "/upload", NULL);
  co_service_config_set_base (fixture->base.config, CO_SERVICE_YOUTUBE_UPLOAD, upload, NULL);
  fixture->youtube = co_test_youtube_new (fixture->base.server, fixture->base.provider,
                                          "UC_x5XG1OV2P6uZZ5FSM9Ttw", "Test Creator");
  client = co_youtube_client_new (fixture->base.accounts);
  co_youtube_client_set_chunk_size (client, UNIT);
  fixture_add_client (&fixture->base, client);
}

static void
fixture_tear_down (YouTubeFixture *fixture,
                   gconstpointer   data)
{
  g_clear_pointer (&fixture->youtube, co_test_youtube_free);
  fixture_clear (&fixture->base);
}

static gboolean
connect_account (YouTubeFixture *fixture)
{
  g_autoptr(CoAccount) account = fixture_add_account (&fixture->base);

  if (account == NULL)
    return FALSE;
  g_assert_cmpstr (co_account_get_remote_id (account), ==, "UC_x5XG1OV2P6uZZ5FSM9Ttw");
  g_assert_cmpstr (co_account_get_display_name (account), ==, "Test Creator");
  return TRUE;
}

static CoPublishPost
make_post (YouTubeFixture       *fixture,
           const char           *title,
           const CoPublishMedia *video)
{
  CoPublishPost post = { 0 };

  post.platform = CO_PLATFORM_YOUTUBE;
  post.account_id = fixture->base.account_id;
  post.title = title;
  post.text = "What we built this week.";
  post.media = video;
  post.n_media = video != NULL ? 1 : 0;
  post.now = co_clock_now (CO_CLOCK (fixture->base.clock));
  return post;
}

static gint64
enqueue_post (YouTubeFixture      *fixture,
              const CoPublishPost *post)
{
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  operation = co_youtube_client_enqueue_publish (fixture->base.outbox, post, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_outbox_operation_get_kind (operation), ==, CO_YOUTUBE_KIND_VIDEO);
  return co_outbox_operation_get_id (operation);
}

/* Queues a video of @size bytes titled @title; its path in *@out_path. */
static gint64
enqueue (YouTubeFixture  *fixture,
         const char      *title,
         gsize            size,
         char           **out_path)
{
  CoPublishMedia video = { NULL, "video/mp4", 1920, 1080, 95 * SECOND };
  CoPublishPost post;

  *out_path = write_media (&fixture->base, "talk.mp4", size);
  video.path = *out_path;
  post = make_post (fixture, title, &video);
  return enqueue_post (fixture, &post);
}

static const char *
remote_id_of (YouTubeFixture *fixture,
              gint64          id)
{
  g_autoptr(CoOutboxOperation) operation = get (&fixture->base, id);
  static char kept[256];

  g_assert_cmpint (co_outbox_operation_get_state (operation), ==, CO_OUTBOX_DONE);
  g_strlcpy (kept, co_outbox_operation_get_remote_id (operation), sizeof kept);
  return kept;
}

/* The video made for @id holds exactly the file's bytes, and is the only one. */
static void
assert_uploaded_once (YouTubeFixture *fixture,
                      gint64          id,
                      const char     *title,
                      const char     *path)
{
  g_autoptr(GBytes) bytes = co_test_youtube_get_bytes (fixture->youtube,
                                                       remote_id_of (fixture, id));

  assert_file_bytes (path, bytes);
  g_assert_cmpuint (co_test_youtube_count_title (fixture->youtube, title), ==, 1);
  g_assert_cmpuint (co_test_youtube_n_videos (fixture->youtube), ==, 1);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_object_member (object, name);
}

static void
test_video (YouTubeFixture *fixture,
            gconstpointer   data)
{
  const char *const tags[] = { "gnome", "video editing", NULL };
  g_autofree char *path = write_media (&fixture->base, "talk.mp4", 2 * UNIT + 4321);
  CoPublishMedia video = { path, "video/mp4", 1920, 1080, 95 * SECOND };
  CoPublishPost post;
  g_autoptr(CoOutboxOperation) done = NULL;
  JsonObject *resource, *snippet, *status;
  JsonArray *sent_tags;
  gint64 id;

  if (!connect_account (fixture))
    return;
  post = make_post (fixture, "Our week", &video);
  post.tags = tags;
  post.privacy = "unlisted";
  post.made_for_kids = TRUE;
  post.chapters = CHAPTERS;
  id = enqueue_post (fixture, &post);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 1);
  assert_uploaded_once (fixture, id, "Our week", path);
  /* Three chunks, the first two of 256 KiB, each sent once, in one session. */
  g_assert_cmpuint (co_test_youtube_count_chunks (fixture->youtube), ==, 3);
  g_assert_cmpuint (co_test_youtube_n_sessions (fixture->youtube), ==, 1);
  resource = co_test_youtube_get_video (fixture->youtube, remote_id_of (fixture, id));
  snippet = member_object (resource, "snippet");
  g_assert_cmpstr (json_object_get_string_member (snippet, "description"), ==,
                   "What we built this week.\n\n" CHAPTERS);
  sent_tags = json_object_get_array_member (snippet, "tags");
  g_assert_cmpuint (json_array_get_length (sent_tags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (sent_tags, 1), ==, "video editing");
  status = member_object (resource, "status");
  g_assert_cmpstr (json_object_get_string_member (status, "privacyStatus"), ==, "unlisted");
  g_assert_true (json_object_get_boolean_member (status, "selfDeclaredMadeForKids"));
  done = get (&fixture->base, id);
  g_assert_true (g_str_has_prefix (co_outbox_operation_get_remote_url (done),
                                   "https://www.youtube.com/watch?v=dQw4w9WgX"));
}

/* A chunk cut short mid-way: the session says what it holds (308 and Range),
 * and the upload goes on from the byte after it, in the same attempt. */
static void
test_interrupted_chunk (YouTubeFixture *fixture,
                        gconstpointer   data)
{
  g_autofree char *path = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "Cut short", 2 * UNIT + 999, &path);
  co_test_youtube_interrupt_chunk (fixture->youtube, 2, 1000);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 1);
  assert_uploaded_once (fixture, id, "Cut short", path);
  /* Chunks 1 and 2 (cut after 1000 bytes), then the rest from byte 263144
   * after a question; libsoup may also have sent chunk 2 again by itself,
   * which the session refused without taking it. */
  g_assert_cmpuint (co_test_youtube_count_chunks (fixture->youtube), ==, 3);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "PUT", UPLOAD), >=, 4);
  g_assert_cmpuint (co_test_youtube_n_sessions (fixture->youtube), ==, 1);
}

/* Once fixture->break_after chunks arrived, the next PUTs answer as fixture->breaking. */
static void
break_uploads_cb (CoTestServer      *server,
                  SoupServerMessage *message,
                  const char        *path,
                  gpointer           user_data)
{
  YouTubeFixture *fixture = user_data;

  if (fixture->break_after > 0 &&
      co_test_youtube_count_chunks (fixture->youtube) >= fixture->break_after)
    {
      fixture->break_after = 0;
      aim_fault (&fixture->base, "PUT", UPLOAD, fixture->breaking, fixture->breaking_times);
    }
}

static void
break_uploads (YouTubeFixture *fixture,
               guint           after_chunks,
               CoTestFault     fault,
               guint           times)
{
  fixture->break_after = after_chunks;
  fixture->breaking = fault;
  fixture->breaking_times = times;
  co_test_server_set_finished_func (fixture->base.server, break_uploads_cb, fixture);
}

static void
mend_uploads (YouTubeFixture *fixture)
{
  fixture->base.aim.times = 0;
}

typedef struct
{
  gboolean        done;
  CoOutboxResult *result;
  GError         *error;
} Found;

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Found *found = user_data;

  found->result = co_outbox_handler_lookup_finish (CO_OUTBOX_HANDLER (object), result,
                                                   &found->error);
  found->done = TRUE;
}

static CoOutboxResult *
look_up (YouTubeFixture *fixture,
         gint64          id)
{
  g_autoptr(CoOutboxOperation) operation = get (&fixture->base, id);
  Found found = { 0 };

  co_outbox_handler_lookup_async (CO_OUTBOX_HANDLER (fixture->base.platform_client),
                                  fixture->base.outbox, operation, NULL, found_cb, &found);
  co_test_wait_flag (&found.done, 10000);
  g_assert_no_error (found.error);
  return found.result;
}

/* An attempt that cannot go on leaves the session in the checkpoint: the
 * next attempt asks it (308, Range) and sends only what is missing. */
static void
test_resumes_next_attempt (YouTubeFixture *fixture,
                           gconstpointer   data)
{
  CoTestFault unavailable = { CO_TEST_FAULT_STATUS, 503, NULL, 0 };
  g_autoptr(CoOutboxOperation) waiting = NULL;
  g_autoptr(CoOutboxResult) partial = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "Next time", 3 * UNIT, &path);
  break_uploads (fixture, 1, unavailable, 1000);
  g_assert_cmpuint (send_due (&fixture->base).waiting, ==, 1);
  waiting = get (&fixture->base, id);
  g_assert_nonnull (strstr (co_outbox_operation_get_checkpoint (waiting), "upload_id="));
  g_assert_cmpuint (co_test_youtube_n_videos (fixture->youtube), ==, 0);
  mend_uploads (fixture);
  /* The session holds the first chunk only: 308, so a look-up finds nothing. */
  partial = look_up (fixture, id);
  g_assert_null (partial);
  g_assert_cmpuint (send_later (&fixture->base).sent, ==, 1);
  assert_uploaded_once (fixture, id, "Next time", path);
  /* The first chunk went once; chunks 2 and 3 after the failures. */
  g_assert_cmpuint (co_test_youtube_n_sessions (fixture->youtube), ==, 1);
  g_assert_cmpuint (co_test_youtube_count_chunks (fixture->youtube), ==, 3);
}

/* The session expired between attempts (404): a new one, from the start. */
static void
test_session_expired (YouTubeFixture *fixture,
                      gconstpointer   data)
{
  CoTestFault unavailable = { CO_TEST_FAULT_STATUS, 500, NULL, 0 };
  g_autofree char *path = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "Expired", 2 * UNIT + 10, &path);
  break_uploads (fixture, 1, unavailable, 1000);
  g_assert_cmpuint (send_due (&fixture->base).waiting, ==, 1);
  mend_uploads (fixture);
  co_test_youtube_expire_sessions (fixture->youtube);
  g_assert_cmpuint (send_later (&fixture->base).sent, ==, 1);
  assert_uploaded_once (fixture, id, "Expired", path);
  g_assert_cmpuint (co_test_youtube_n_sessions (fixture->youtube), ==, 2);
}

/* The last chunk made the video but its answer was lost: the session
 * answers with the video, which is never made twice. */
static void
test_answer_lost (YouTubeFixture *fixture,
                  gconstpointer   data)
{
  CoTestFault fault = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };
  g_autofree char *path = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "Made, answer lost", UNIT + 5, &path);
  /* The second chunk is the last: its answer is dropped once. */
  break_uploads (fixture, 1, fault, 1);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 1);
  assert_uploaded_once (fixture, id, "Made, answer lost", path);
  g_assert_cmpuint (co_test_youtube_count_chunks (fixture->youtube), ==, 2);
}

/* A look-up asks the saved session: nothing without one, the video once made. */
static void
test_lookup (YouTubeFixture *fixture,
             gconstpointer   data)
{
  CoTestFault lost = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };
  g_autoptr(CoOutboxResult) before = NULL;
  g_autoptr(CoOutboxResult) made = NULL;
  g_autoptr(CoOutboxOperation) unsure = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "Looked up", UNIT + 77, &path);
  before = look_up (fixture, id);
  g_assert_null (before);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, NULL, UPLOAD), ==, 0);
  /* The last chunk makes the video, but no answer from the session comes back. */
  break_uploads (fixture, 1, lost, 1000);
  g_assert_cmpuint (send_due (&fixture->base).waiting, ==, 1);
  g_assert_cmpuint (co_test_youtube_n_videos (fixture->youtube), ==, 1);
  unsure = get (&fixture->base, id);
  g_assert_true (co_outbox_operation_get_unsure (unsure));
  mend_uploads (fixture);
  made = look_up (fixture, id);
  g_assert_nonnull (made);
  g_assert_true (g_str_has_prefix (made->remote_url, "https://www.youtube.com/watch?v="));
  g_assert_nonnull (co_test_youtube_get_video (fixture->youtube, made->remote_id));
  /* The sender finds it too, and it is never made twice. */
  g_assert_cmpuint (send_later (&fixture->base).found, ==, 1);
  g_assert_cmpstr (remote_id_of (fixture, id), ==, made->remote_id);
  g_assert_cmpuint (co_test_youtube_count_title (fixture->youtube, "Looked up"), ==, 1);
  g_assert_cmpuint (co_test_youtube_count_chunks (fixture->youtube), ==, 2);
}

static void
test_expired_token (YouTubeFixture *fixture,
                    gconstpointer   data)
{
  g_autofree char *path = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "After an expired token", UNIT / 2, &path);
  co_test_oauth_revoke_access (fixture->base.provider);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 1);
  assert_uploaded_once (fixture, id, "After an expired token", path);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->base.provider, "refresh_token"), ==, 1);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", UPLOAD), ==, 2);
}

/* 403 quotaExceeded: waits until midnight, Pacific time, then goes. */
static void
test_quota (YouTubeFixture *fixture,
            gconstpointer   data)
{
  /* NOW is 2024-05-01 05:00 PDT; midnight is 2024-05-02 07:00 UTC. */
  const gint64 midnight = G_GINT64_CONSTANT (1714633200) * SECOND;
  g_autoptr(CoOutboxOperation) waiting = NULL;
  g_autoptr(GError) kept = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "Over quota", UNIT, &path);
  co_test_youtube_set_quota_exceeded (fixture->youtube, 1);
  g_assert_cmpuint (send_due (&fixture->base).waiting, ==, 1);
  waiting = get (&fixture->base, id);
  /* Without the zone database the client takes UTC-8, an hour later in May. */
  g_assert_cmpint (co_outbox_operation_get_next_attempt_at (waiting), >=, midnight);
  g_assert_cmpint (co_outbox_operation_get_next_attempt_at (waiting), <=, midnight + 3600 * SECOND);
  kept = co_outbox_operation_dup_error (waiting);
  g_assert_error (kept, CO_SYNC_ERROR, CO_SYNC_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (kept->message, "quota"));
  co_test_clock_advance (fixture->base.clock,
                         co_outbox_operation_get_next_attempt_at (waiting) - NOW);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 1);
  assert_uploaded_once (fixture, id, "Over quota", path);
}

static void
test_forbidden (YouTubeFixture *fixture,
                gconstpointer   data)
{
  CoTestFault forbidden = { CO_TEST_FAULT_STATUS, 403, NULL, 0 };
  g_autoptr(GError) kept = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "Not allowed", UNIT, &path);
  aim_fault (&fixture->base, "POST", UPLOAD, forbidden, 1);
  g_assert_cmpuint (send_due (&fixture->base).failed, ==, 1);
  kept = error_of (&fixture->base, id);
  g_assert_error (kept, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED);
  g_assert_cmpuint (co_test_youtube_n_videos (fixture->youtube), ==, 0);
}

/* 5xx before the session: the client's own retries, then the outbox's. */
static void
test_unavailable (YouTubeFixture *fixture,
                  gconstpointer   data)
{
  CoTestFault unavailable = { CO_TEST_FAULT_STATUS, 503, NULL, 0 };
  g_autoptr(CoOutboxOperation) done = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "After a 503", UNIT, &path);
  aim_fault (&fixture->base, "POST", UPLOAD, unavailable, 4);
  g_assert_cmpuint (send_due (&fixture->base).waiting, ==, 1);
  g_assert_cmpuint (send_later (&fixture->base).sent, ==, 1);
  assert_uploaded_once (fixture, id, "After a 503", path);
  /* No privacy was asked for: the resource leaves it to YouTube, whose default is public. */
  done = get (&fixture->base, id);
  g_assert_nonnull (strstr (co_outbox_operation_get_result (done),
                            "\"privacyStatus\":\"public\""));
}

/* An unverified API project: made private whatever was asked, and the result says so. */
static void
test_unverified (YouTubeFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(CoOutboxOperation) done = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  co_test_youtube_set_unverified (fixture->youtube, TRUE);
  id = enqueue (fixture, "Forced private", UNIT, &path);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 1);
  done = get (&fixture->base, id);
  g_assert_nonnull (strstr (co_outbox_operation_get_result (done),
                            "\"privacyStatus\":\"private\""));
  g_assert_cmpstr (json_object_get_string_member (member_object (co_test_youtube_get_video (
                     fixture->youtube, remote_id_of (fixture, id)), "status"), "privacyStatus"),
                   ==, "private");
}

static void
assert_refused (YouTubeFixture      *fixture,
                const CoPublishPost *post,
                const char          *reason)
{
  assert_enqueue_refused (co_youtube_client_enqueue_publish, &fixture->base, post, reason);
}

static void
test_refused (YouTubeFixture *fixture,
              gconstpointer   data)
{
  g_autofree char *video = write_media (&fixture->base, "clip.mp4", 100);
  g_autofree char *image = write_media (&fixture->base, "still.jpg", 100);
  g_autofree char *missing = g_build_filename (fixture->base.dir, "missing.mp4", NULL);
  CoPublishMedia clip = { video, "video/mp4", 1920, 1080, 95 * SECOND };
  CoPublishMedia two[] = { clip, clip };
  CoPublishMedia still = { image, "image/jpeg", 100, 100, 0 };
  CoPublishMedia gone = { missing, "video/mp4", 1920, 1080, 95 * SECOND };
  CoPublishMedia endless = { video, "video/mp4", 1920, 1080, 13 * 3600 * SECOND };
  CoPublishPost post = make_post (fixture, "A title", &clip);

  post.title = NULL;
  assert_refused (fixture, &post, "needs a title");
  post = make_post (fixture, "Two", two);
  post.n_media = 2;
  assert_refused (fixture, &post, "one video, not 2 files");
  post = make_post (fixture, "A still", &still);
  assert_refused (fixture, &post, "image/jpeg; a YouTube upload is a video");
  post = make_post (fixture, "Gone", &gone);
  assert_refused (fixture, &post, "missing.mp4");
  post = make_post (fixture, "Endless", &endless);
  assert_refused (fixture, &post, "lasts 46800.0 s");
  post = make_post (fixture, "Friends", &clip);
  post.privacy = "friends";
  assert_refused (fixture, &post, "“friends”");
  post = make_post (fixture, "Brackets <b>", &clip);
  assert_refused (fixture, &post, "< or >");
  post = make_post (fixture, "Late start", &clip);
  post.chapters = "0:05 Intro\n0:30 Middle\n1:00 End";
  assert_refused (fixture, &post, "0:00");
  post.chapters = "0:00 Intro\n0:30 End";
  assert_refused (fixture, &post, "at least 3");
  post.chapters = "0:00 Intro\n0:05 Quick\n1:00 End";
  assert_refused (fixture, &post, "“0:00 Intro” lasts 5 s");
  /* The last chapter runs to the end of the video, 95 s. */
  post.chapters = "0:00 Intro\n0:30 Middle\n1:30 End";
  assert_refused (fixture, &post, "“1:30 End” lasts 5 s");
  /* Nothing was queued, and nothing reached YouTube. */
  g_assert_cmpuint (count_operations (&fixture->base), ==, 0);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, NULL, "/"), ==, 0);
}

static void
test_not_connected (YouTubeFixture *fixture,
                    gconstpointer   data)
{
  g_autofree char *path = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "Nobody to upload it", UNIT, &path);
  assert_fails_disconnected (&fixture->base, id, NULL, UPLOAD);
}

static void
test_no_token_kept (YouTubeFixture *fixture,
                    gconstpointer   data)
{
  g_autofree char *path = NULL;

  if (!connect_account (fixture))
    return;
  enqueue (fixture, "Secrets stay in the keyring", UNIT + 1, &path);
  co_test_oauth_revoke_access (fixture->base.provider);
  co_test_youtube_interrupt_chunk (fixture->youtube, 1, 10);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 1);
  assert_no_token_kept (&fixture->base);
}

/* Random sizes, chunk sizes and cuts: every upload holds the file's bytes,
 * made once, in one session. */
static void
test_resume_property (YouTubeFixture *fixture,
                      gconstpointer   data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  if (!connect_account (fixture))
    return;
  for (guint round = 0; round < 6; round++)
    {
      g_autofree char *title = g_strdup_printf ("Round %u", round);
      g_autofree char *path = NULL;
      gsize size = (gsize)g_rand_int_range (rand, 1, 5 * UNIT);
      guint units = (guint)g_rand_int_range (rand, 1, 3);
      guint chunks = (guint)((size + units * UNIT - 1) / (units * UNIT));
      guint before = co_test_youtube_n_sessions (fixture->youtube);
      gint64 id;

      co_youtube_client_set_chunk_size (CO_YOUTUBE_CLIENT (fixture->base.platform_client),
                                        units * UNIT + (gsize)g_rand_int_range (rand, 0, UNIT));
      id = enqueue (fixture, title, size, &path);
      co_test_youtube_interrupt_chunk (fixture->youtube, (guint)g_rand_int_range (rand, 1,
                                                                                   chunks + 1),
                                       (gsize)g_rand_int_range (rand, 0, (int)UNIT));
      g_assert_cmpuint (send_due (&fixture->base).sent, ==, 1);
      {
        g_autoptr(GBytes) bytes = co_test_youtube_get_bytes (fixture->youtube,
                                                             remote_id_of (fixture, id));

        assert_file_bytes (path, bytes);
      }
      g_assert_cmpuint (co_test_youtube_count_title (fixture->youtube, title), ==, 1);
      g_assert_cmpuint (co_test_youtube_n_sessions (fixture->youtube), ==, before + 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  publish_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync/publish/youtube/" path, YouTubeFixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("video", test_video);
  ADD ("interrupted-chunk", test_interrupted_chunk);
  ADD ("resumes-next-attempt", test_resumes_next_attempt);
  ADD ("session-expired", test_session_expired);
  ADD ("answer-lost", test_answer_lost);
  ADD ("lookup", test_lookup);
  ADD ("expired-token", test_expired_token);
  ADD ("quota", test_quota);
  ADD ("forbidden", test_forbidden);
  ADD ("unavailable", test_unavailable);
  ADD ("unverified", test_unverified);
  ADD ("refused", test_refused);
  ADD ("not-connected", test_not_connected);
  ADD ("no-token-kept", test_no_token_kept);
  ADD ("resume-property", test_resume_property);
#undef ADD

  return g_test_run ();
}
