/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-linkedin-client.h"
#include "co-oauth.h"
#include "co-test-linkedin.h"
#include "publish-fixture.h"

typedef struct
{
  Fixture         base;
  CoTestLinkedIn *linkedin;
} LinkedInFixture;

static void
fixture_set_up (LinkedInFixture *fixture,
                gconstpointer    data)
{
  fixture_init (&fixture->base, CO_PLATFORM_LINKEDIN, CO_SERVICE_LINKEDIN, "client-linkedin");
  fixture->linkedin = co_test_linkedin_new (fixture->base.server, fixture->base.provider,
                                            fixture->base.user_id, "Test Creator");
  fixture_add_client (&fixture->base, co_linkedin_client_new (fixture->base.accounts));
}

static void
fixture_tear_down (LinkedInFixture *fixture,
                   gconstpointer    data)
{
  g_clear_pointer (&fixture->linkedin, co_test_linkedin_free);
  fixture_clear (&fixture->base);
}

static gboolean
connect_account (LinkedInFixture *fixture)
{
  g_autoptr(CoAccount) account = fixture_add_account (&fixture->base);

  if (account == NULL)
    return FALSE;
  g_assert_cmpstr (co_account_get_remote_id (account), ==, fixture->base.user_id);
  g_assert_cmpstr (co_account_get_display_name (account), ==, "Test Creator");
  return TRUE;
}

/* Queues @text with @n_media files; returns the post's operation id. */
static gint64
enqueue (LinkedInFixture      *fixture,
         const char           *text,
         const CoPublishMedia *media,
         guint                 n_media)
{
  CoPublishPost post = { 0 };
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  post.platform = CO_PLATFORM_LINKEDIN;
  post.account_id = fixture->base.account_id;
  post.text = text;
  post.media = media;
  post.n_media = n_media;
  post.now = co_clock_now (CO_CLOCK (fixture->base.clock));
  operation = co_linkedin_client_enqueue_publish (fixture->base.outbox, &post, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_outbox_operation_get_kind (operation), ==, CO_LINKEDIN_KIND_POST);
  return co_outbox_operation_get_id (operation);
}

static char *
commentary_of (const char *text)
{
  char *commentary = co_platform_linkedin_little_text (text, NULL, 0, NULL);

  g_assert_nonnull (commentary);
  return commentary;
}

static const char *
remote_id_of (LinkedInFixture *fixture,
              gint64           id)
{
  g_autoptr(CoOutboxOperation) operation = get (&fixture->base, id);
  static char kept[256];

  g_assert_cmpint (co_outbox_operation_get_state (operation), ==, CO_OUTBOX_DONE);
  g_strlcpy (kept, co_outbox_operation_get_remote_id (operation), sizeof kept);
  return kept;
}

static void
test_text (LinkedInFixture *fixture,
           gconstpointer    data)
{
  const char *text = "Our launch (beta) is out #GNOME *today* — thanks @everyone!";
  g_autofree char *commentary = commentary_of (text);
  g_autoptr(CoOutboxOperation) done = NULL;
  CoOutboxSummary summary;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, text, NULL, 0);
  summary = send_due (&fixture->base);
  g_assert_cmpuint (summary.sent, ==, 1);
  /* LinkedIn got the escaped commentary, once, as a text post. */
  g_assert_cmpstr (commentary, !=, text);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, commentary), ==, 1);
  done = get (&fixture->base, id);
  g_assert_cmpstr (co_outbox_operation_get_remote_id (done), ==,
                   co_test_linkedin_post_urn (fixture->linkedin, commentary));
  g_assert_true (g_str_has_prefix (co_outbox_operation_get_remote_url (done),
                                   "https://www.linkedin.com/feed/update/urn:li:share:"));
  g_assert_null (co_test_linkedin_post_content (fixture->linkedin,
                                                co_outbox_operation_get_remote_id (done)));
}

static void
test_images (LinkedInFixture *fixture,
             gconstpointer    data)
{
  g_autofree char *first = write_media (&fixture->base, "first.jpg", 5000);
  g_autofree char *second = write_media (&fixture->base, "second.png", 7000);
  CoPublishMedia media[] = { { first, "image/jpeg", 1200, 1200, 0 },
                             { second, "image/png", 1080, 1350, 0 } };
  GPtrArray *urns;
  const char *urn;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "Two pictures", media, 2);
  g_assert_cmpuint (count_operations (&fixture->base), ==, 3);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 3);
  urn = remote_id_of (fixture, id);
  g_assert_cmpstr (co_test_linkedin_post_content (fixture->linkedin, urn), ==, "multiImage");
  urns = co_test_linkedin_post_media (fixture->linkedin, urn);
  g_assert_cmpuint (urns->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) uploaded = co_test_linkedin_get_upload (fixture->linkedin,
                                                                g_ptr_array_index (urns, i));

      assert_file_bytes (media[i].path, uploaded);
    }
}

static gint64
enqueue_video (LinkedInFixture *fixture,
               const char      *text,
               char           **out_path)
{
  CoPublishMedia video = { NULL, "video/mp4", 1920, 1080, 42 * SECOND };

  *out_path = write_media (&fixture->base, "talk.mp4", 2500);
  video.path = *out_path;
  co_test_linkedin_set_part_size (fixture->linkedin, 1000);
  return enqueue (fixture, text, &video, 1);
}

static void
test_video (LinkedInFixture *fixture,
            gconstpointer    data)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) uploaded = NULL;
  GPtrArray *urns;
  const char *urn;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue_video (fixture, "A talk", &path);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  urn = remote_id_of (fixture, id);
  g_assert_cmpstr (co_test_linkedin_post_content (fixture->linkedin, urn), ==, "media");
  urns = co_test_linkedin_post_media (fixture->linkedin, urn);
  g_assert_cmpuint (urns->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (urns, 0), "urn:li:video:"));
  uploaded = co_test_linkedin_get_upload (fixture->linkedin, g_ptr_array_index (urns, 0));
  assert_file_bytes (path, uploaded);
  /* Three parts, each sent once, and one finalize after the initialize. */
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "PUT", "/dms-uploads/"), ==, 3);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", "/rest/videos"), ==, 2);
}

/* A part that keeps failing ends the attempt; the next goes on from that part. */
static void
test_video_resumes (LinkedInFixture *fixture,
                    gconstpointer    data)
{
  CoTestFault unavailable = { CO_TEST_FAULT_STATUS, 503, NULL, 0 };
  g_autofree char *path = NULL;
  g_autoptr(GBytes) uploaded = NULL;
  GPtrArray *urns;
  CoOutboxSummary summary;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue_video (fixture, "A talk, resumed", &path);
  /* The first attempt and the HTTP client's three retries of part 1. */
  aim_fault (&fixture->base, "PUT", "/1", unavailable, 4);
  summary = send_due (&fixture->base);
  g_assert_cmpuint (summary.waiting, ==, 1);
  g_assert_cmpuint (co_test_linkedin_n_posts (fixture->linkedin), ==, 0);
  summary = send_later (&fixture->base);
  g_assert_cmpuint (summary.sent, ==, 2);
  urns = co_test_linkedin_post_media (fixture->linkedin, remote_id_of (fixture, id));
  uploaded = co_test_linkedin_get_upload (fixture->linkedin, g_ptr_array_index (urns, 0));
  assert_file_bytes (path, uploaded);
  /* One video, whose part 0 was not sent again. */
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", "/rest/videos"), ==, 2);
  g_assert_cmpuint (co_test_linkedin_count_part_puts (fixture->linkedin,
                                                      g_ptr_array_index (urns, 0), 0), ==, 1);
  g_assert_cmpuint (co_test_linkedin_count_part_puts (fixture->linkedin,
                                                      g_ptr_array_index (urns, 0), 2), ==, 1);
}

static void
test_expired_token (LinkedInFixture *fixture,
                    gconstpointer    data)
{
  g_autofree char *commentary = commentary_of ("after an expired token");
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "after an expired token", NULL, 0);
  co_test_oauth_revoke_access (fixture->base.provider);
  send_due (&fixture->base);
  g_assert_cmpint (state_of (&fixture->base, id), ==, CO_OUTBOX_DONE);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->base.provider, "refresh_token"), ==, 1);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, commentary), ==, 1);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", "/rest/posts"), ==, 2);
}

static void
test_forbidden (LinkedInFixture *fixture,
                gconstpointer    data)
{
  CoTestFault forbidden = { CO_TEST_FAULT_STATUS, 403, NULL, 0 };
  g_autoptr(GError) kept = NULL;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "not allowed", NULL, 0);
  aim_fault (&fixture->base, "POST", "/rest/posts", forbidden, 1);
  g_assert_cmpuint (send_due (&fixture->base).failed, ==, 1);
  g_assert_cmpint (state_of (&fixture->base, id), ==, CO_OUTBOX_FAILED);
  kept = error_of (&fixture->base, id);
  g_assert_error (kept, CO_SYNC_ERROR, CO_SYNC_ERROR_REJECTED);
  g_assert_nonnull (strstr (kept->message, "403"));
  g_assert_cmpuint (co_test_linkedin_n_posts (fixture->linkedin), ==, 0);
}

static void
test_rate_limited (LinkedInFixture *fixture,
                   gconstpointer    data)
{
  CoTestFault limited = { CO_TEST_FAULT_STATUS, 429, "120", 0 };
  g_autoptr(CoOutboxOperation) waiting = NULL;
  g_autofree char *commentary = commentary_of ("after a rate limit");
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "after a rate limit", NULL, 0);
  aim_fault (&fixture->base, "POST", "/rest/posts", limited, 1);
  g_assert_cmpuint (send_due (&fixture->base).waiting, ==, 1);
  waiting = get (&fixture->base, id);
  g_assert_cmpint (co_outbox_operation_get_next_attempt_at (waiting), >=, NOW + 120 * SECOND);
  send_later (&fixture->base);
  g_assert_cmpint (state_of (&fixture->base, id), ==, CO_OUTBOX_DONE);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, commentary), ==, 1);
}

/* 503 before the post was made: sent again, no look-up needed. */
static void
test_unavailable (LinkedInFixture *fixture,
                  gconstpointer    data)
{
  CoTestFault unavailable = { CO_TEST_FAULT_STATUS, 503, NULL, 0 };
  g_autofree char *commentary = commentary_of ("after a 503");
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "after a 503", NULL, 0);
  aim_fault (&fixture->base, "POST", "/rest/posts", unavailable, 1);
  g_assert_cmpuint (send_due (&fixture->base).waiting, ==, 1);
  g_assert_cmpuint (send_later (&fixture->base).sent, ==, 1);
  g_assert_cmpint (state_of (&fixture->base, id), ==, CO_OUTBOX_DONE);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, commentary), ==, 1);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "GET", "/rest/posts"), ==, 0);
}

/* The post was made but its answer was lost (@fault): found, never posted twice. */
static void
check_ambiguous (LinkedInFixture *fixture,
                 CoTestFault      fault,
                 const char      *text)
{
  g_autofree char *commentary = commentary_of (text);
  g_autoptr(CoOutboxOperation) unsure = NULL;
  CoOutboxSummary summary;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, text, NULL, 0);
  aim_fault (&fixture->base, "POST", "/rest/posts", fault, 1);
  summary = send_due (&fixture->base);
  g_assert_cmpuint (summary.waiting, ==, 1);
  unsure = get (&fixture->base, id);
  g_assert_true (co_outbox_operation_get_unsure (unsure));
  summary = send_later (&fixture->base);
  g_assert_cmpuint (summary.found, ==, 1);
  g_assert_cmpstr (remote_id_of (fixture, id), ==,
                   co_test_linkedin_post_urn (fixture->linkedin, commentary));
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, commentary), ==, 1);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", "/rest/posts"), ==, 1);
}

static void
test_server_error_after (LinkedInFixture *fixture,
                         gconstpointer    data)
{
  CoTestFault fault = { CO_TEST_FAULT_STATUS_AFTER, 500, NULL, 0 };

  check_ambiguous (fixture, fault, "made, then a 500 (see #GNOME)");
}

static void
test_dropped_after (LinkedInFixture *fixture,
                    gconstpointer    data)
{
  CoTestFault fault = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };

  check_ambiguous (fixture, fault, "made, then the connection dropped");
}

static void
test_timed_out (LinkedInFixture *fixture,
                gconstpointer    data)
{
  CoTestFault fault = { CO_TEST_FAULT_HOLD_AFTER, 0, NULL, 0 };

  check_ambiguous (fixture, fault, "made, then no answer at all");
}

/* The finder answers a page of posts at a time, newest first.  More posts
 * than a page holds were made after the one whose answer was lost: the
 * look-up must go on to the later pages rather than post it again. */
static void
test_lost_answer_found_on_later_page (LinkedInFixture *fixture,
                                      gconstpointer    data)
{
  const char *text = "The post the newer ones pushed down";
  g_autofree char *commentary = commentary_of (text);
  CoTestFault lost = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };
  CoOutboxSummary summary;
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, text, NULL, 0);
  aim_fault (&fixture->base, "POST", "/rest/posts", lost, 1);
  g_assert_cmpuint (send_due (&fixture->base).waiting, ==, 1);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *newer = g_strdup_printf ("A newer post, number %u", i);

      co_test_linkedin_add_post (fixture->linkedin, newer);
    }
  summary = send_later (&fixture->base);
  g_assert_cmpuint (summary.found, ==, 1);
  g_assert_cmpuint (summary.sent, ==, 0);
  g_assert_cmpstr (remote_id_of (fixture, id), ==,
                   co_test_linkedin_post_urn (fixture->linkedin, commentary));
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, commentary), ==, 1);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", "/rest/posts"), ==, 1);
  /* 121 posts at 50 a page: the third page holds it. */
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "GET", "/rest/posts"), ==, 3);
}

static void
test_slow (LinkedInFixture *fixture,
           gconstpointer    data)
{
  g_autofree char *commentary = commentary_of ("a slow answer");
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "a slow answer", NULL, 0);
  send_with_slow_answer (&fixture->base, co_test_linkedin_get_slow (fixture->linkedin));
  g_assert_cmpint (state_of (&fixture->base, id), ==, CO_OUTBOX_DONE);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, commentary), ==, 1);
}

static void
assert_refused (LinkedInFixture      *fixture,
                const char           *text,
                const CoPublishMedia *media,
                guint                 n_media,
                const char           *reason)
{
  CoPublishPost post = { 0 };
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  post.platform = CO_PLATFORM_LINKEDIN;
  post.account_id = fixture->base.account_id;
  post.text = text;
  post.media = media;
  post.n_media = n_media;
  post.now = NOW;
  operation = co_linkedin_client_enqueue_publish (fixture->base.outbox, &post, &error);
  g_assert_null (operation);
  g_assert_nonnull (error);
  g_test_message ("Refused: %s", error->message);
  g_assert_true (error->domain == CO_PLATFORM_ERROR);
  g_assert_nonnull (strstr (error->message, reason));
}

static void
test_refused (LinkedInFixture *fixture,
              gconstpointer    data)
{
  g_autofree char *image = write_media (&fixture->base, "still.jpg", 100);
  g_autofree char *video = write_media (&fixture->base, "clip.mp4", 100);
  g_autofree char *long_text = g_strnfill (3001, 'a');
  g_autofree char *missing = g_build_filename (fixture->base.dir, "missing.jpg", NULL);
  CoPublishMedia images[21];
  CoPublishMedia mixed[] = { { image, "image/jpeg", 100, 100, 0 },
                             { video, "video/mp4", 1920, 1080, 10 * SECOND } };
  CoPublishMedia short_video = { video, "video/mp4", 1920, 1080, 2 * SECOND };
  CoPublishMedia long_video = { video, "video/mp4", 1920, 1080, 31 * 60 * SECOND };
  CoPublishMedia webp = { image, "image/webp", 100, 100, 0 };
  CoPublishMedia gone = { missing, "image/jpeg", 100, 100, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    images[i] = mixed[0];
  assert_refused (fixture, "too many", images, 21, "at most 20 images");
  assert_refused (fixture, "mixed", mixed, 2, "one video or images");
  assert_refused (fixture, "too short", &short_video, 1, "clip.mp4");
  assert_refused (fixture, "too long", &long_video, 1, "lasts 1860.0 s");
  assert_refused (fixture, "webp", &webp, 1, "image/webp");
  assert_refused (fixture, "missing", &gone, 1, "missing.jpg");
  assert_refused (fixture, long_text, NULL, 0, "3");
  /* Nothing was queued, and nothing reached LinkedIn. */
  g_assert_cmpuint (count_operations (&fixture->base), ==, 0);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, NULL, "/"), ==, 0);
}

/* The token expired; renewing it reached the token endpoint, which answered,
 * but the answer was lost (@fault).  That says nothing about the token: the
 * account stays connected, the post (which never left) is not unsure, and the
 * operation waits its back-off with the attempt kept.  When the endpoint
 * answers again, a provider that kept the refresh token renews it and the post
 * goes out once; one that rotated it refuses the old one, and the account is
 * marked "reconnect needed" with the operation failed, not due again. */
static void
check_refresh_answer_lost (LinkedInFixture     *fixture,
                           CoTestFault          fault,
                           CoTestOAuthRotation  rotation)
{
  const char *text = "sent once the sign-in is renewed";
  g_autofree char *commentary = commentary_of (text);
  const char *token_path = co_oauth_get_token_path (CO_PLATFORM_LINKEDIN);
  g_autoptr(CoOutboxOperation) waiting = NULL;
  g_autoptr(CoAccount) account = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GError) error = NULL;
  CoOutboxAttempt *attempt;
  CoOutboxSummary summary;
  gint64 id;

  if (!connect_account (fixture))
    return;
  co_test_oauth_set_rotation (fixture->base.provider, rotation);
  co_test_clock_advance (fixture->base.clock, 7300 * SECOND);
  id = enqueue (fixture, text, NULL, 0);
  aim_fault (&fixture->base, "POST", token_path, fault, 1);
  summary = send_due (&fixture->base);
  g_assert_cmpuint (summary.waiting, ==, 1);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", token_path), ==, 1);
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", "/rest/posts"), ==, 0);
  account = co_account_book_get (co_account_manager_get_book (fixture->base.accounts),
                                 fixture->base.account_id, NULL);
  g_assert_cmpint (co_account_get_state (account), ==, CO_ACCOUNT_CONNECTED);
  waiting = get (&fixture->base, id);
  g_assert_cmpint (co_outbox_operation_get_state (waiting), ==, CO_OUTBOX_PENDING);
  g_assert_false (co_outbox_operation_get_unsure (waiting));
  g_assert_cmpint (co_outbox_operation_get_next_attempt_at (waiting), >,
                   co_clock_now (CO_CLOCK (fixture->base.clock)));
  attempts = co_outbox_list_attempts (fixture->base.outbox, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 1);
  attempt = g_ptr_array_index (attempts, 0);
  g_assert_cmpstr (attempt->outcome, ==, "retry");
  g_assert_nonnull (attempt->error);

  summary = send_later (&fixture->base);
  g_clear_object (&account);
  account = co_account_book_get (co_account_manager_get_book (fixture->base.accounts),
                                 fixture->base.account_id, NULL);
  if (rotation == CO_TEST_OAUTH_KEEP)
    {
      g_assert_cmpuint (summary.sent, ==, 1);
      g_assert_cmpint (co_account_get_state (account), ==, CO_ACCOUNT_CONNECTED);
      g_assert_cmpstr (remote_id_of (fixture, id), ==,
                       co_test_linkedin_post_urn (fixture->linkedin, commentary));
      g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, commentary), ==, 1);
    }
  else
    {
      g_autoptr(GError) why = NULL;

      g_assert_cmpuint (summary.failed, ==, 1);
      g_assert_cmpint (co_account_get_state (account), ==, CO_ACCOUNT_RECONNECT);
      g_assert_cmpint (state_of (&fixture->base, id), ==, CO_OUTBOX_FAILED);
      g_assert_cmpint (co_outbox_sender_next_due (fixture->base.sender), ==, -1);
      why = error_of (&fixture->base, id);
      g_assert_error (why, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH);
      g_assert_nonnull (strstr (why->message, "connect"));
      g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->linkedin, commentary), ==, 0);
    }
}

static void
test_refresh_dropped_kept (LinkedInFixture *fixture,
                           gconstpointer    data)
{
  CoTestFault fault = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };

  check_refresh_answer_lost (fixture, fault, CO_TEST_OAUTH_KEEP);
}

static void
test_refresh_timed_out_kept (LinkedInFixture *fixture,
                             gconstpointer    data)
{
  CoTestFault fault = { CO_TEST_FAULT_HOLD_AFTER, 0, NULL, 0 };

  check_refresh_answer_lost (fixture, fault, CO_TEST_OAUTH_KEEP);
}

static void
test_refresh_dropped_rotated (LinkedInFixture *fixture,
                              gconstpointer    data)
{
  CoTestFault fault = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };

  check_refresh_answer_lost (fixture, fault, CO_TEST_OAUTH_ROTATE);
}

/* The token endpoint (of a provider that keeps refresh tokens) never
 * answers: each attempt waits a back-off, is kept with its error, and the
 * operation fails once its attempts are spent (not due again).  The account
 * was never refused, so it stays connected, and posts again once the
 * endpoint answers. */
static void
test_refresh_never_answers (LinkedInFixture *fixture,
                            gconstpointer    data)
{
  CoTestFault fault = { CO_TEST_FAULT_DROP_AFTER, 0, NULL, 0 };
  const char *token_path = co_oauth_get_token_path (CO_PLATFORM_LINKEDIN);
  g_autoptr(CoAccount) account = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, later;
  guint passes = 0;

  if (!connect_account (fixture))
    return;
  co_test_oauth_set_rotation (fixture->base.provider, CO_TEST_OAUTH_KEEP);
  co_test_clock_advance (fixture->base.clock, 7300 * SECOND);
  id = enqueue (fixture, "waits for the sign-in", NULL, 0);
  aim_fault (&fixture->base, "POST", token_path, fault, 1000);
  for (gint64 next; (next = co_outbox_sender_next_due (fixture->base.sender)) >= 0; passes++)
    {
      gint64 now = co_clock_now (CO_CLOCK (fixture->base.clock));

      g_assert_cmpuint (passes, <, CO_OUTBOX_DEFAULT_ATTEMPTS);
      co_test_clock_advance (fixture->base.clock, MAX (0, next - now));
      send_due (&fixture->base);
    }
  g_assert_cmpuint (passes, ==, CO_OUTBOX_DEFAULT_ATTEMPTS);
  g_assert_cmpint (state_of (&fixture->base, id), ==, CO_OUTBOX_FAILED);
  attempts = co_outbox_list_attempts (fixture->base.outbox, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, CO_OUTBOX_DEFAULT_ATTEMPTS);
  for (guint i = 0; i < attempts->len; i++)
    {
      CoOutboxAttempt *attempt = g_ptr_array_index (attempts, i);

      g_assert_cmpstr (attempt->lookup, ==, NULL);
      g_assert_error (attempt->error, CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE);
    }
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "POST", "/rest/posts"), ==, 0);
  account = co_account_book_get (co_account_manager_get_book (fixture->base.accounts),
                                 fixture->base.account_id, NULL);
  g_assert_cmpint (co_account_get_state (account), ==, CO_ACCOUNT_CONNECTED);

  /* The endpoint answers again. */
  fixture->base.aim.times = 0;
  later = enqueue (fixture, "sent once it answers", NULL, 0);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 1);
  g_assert_cmpint (state_of (&fixture->base, later), ==, CO_OUTBOX_DONE);
}

static void
test_not_connected (LinkedInFixture *fixture,
                    gconstpointer    data)
{
  gint64 id;

  if (!connect_account (fixture))
    return;
  id = enqueue (fixture, "nobody to post it", NULL, 0);
  assert_fails_disconnected (&fixture->base, id, NULL, "/rest");
}

static void
test_no_token_kept (LinkedInFixture *fixture,
                    gconstpointer    data)
{
  g_autofree char *image = write_media (&fixture->base, "still.jpg", 3000);
  CoPublishMedia media = { image, "image/jpeg", 800, 800, 0 };

  if (!connect_account (fixture))
    return;
  enqueue (fixture, "secrets stay in the keyring", &media, 1);
  co_test_oauth_revoke_access (fixture->base.provider);
  g_assert_cmpuint (send_due (&fixture->base).sent, ==, 2);
  assert_no_token_kept (&fixture->base);
}

int
main (int   argc,
      char *argv[])
{
  publish_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync/publish/linkedin/" path, LinkedInFixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("text", test_text);
  ADD ("images", test_images);
  ADD ("video", test_video);
  ADD ("video-resumes", test_video_resumes);
  ADD ("expired-token", test_expired_token);
  ADD ("forbidden", test_forbidden);
  ADD ("rate-limited", test_rate_limited);
  ADD ("unavailable", test_unavailable);
  ADD ("server-error-after", test_server_error_after);
  ADD ("dropped-after", test_dropped_after);
  ADD ("timed-out", test_timed_out);
  ADD ("lost-answer-found-on-later-page", test_lost_answer_found_on_later_page);
  ADD ("slow", test_slow);
  ADD ("refused", test_refused);
  ADD ("refresh-dropped-kept", test_refresh_dropped_kept);
  ADD ("refresh-timed-out-kept", test_refresh_timed_out_kept);
  ADD ("refresh-dropped-rotated", test_refresh_dropped_rotated);
  ADD ("refresh-never-answers", test_refresh_never_answers);
  ADD ("not-connected", test_not_connected);
  ADD ("no-token-kept", test_no_token_kept);
#undef ADD

  return g_test_run ();
}
