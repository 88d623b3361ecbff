/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>

#include "co-linkedin-client.h"
#include "co-outbox.h"
#include "co-test-publishing.h"
#include "co-test-secrets.h"
#include "co-test-util.h"
#include "co-x-client.h"
#include "co-youtube-client.h"

/*
 * SIGKILL of creatorops-cli while it sends the outbox, at random moments: as a
 * platform receives a request that posts or looks up (nothing done), after it
 * posted but before it answers, and just after the answer was written (the CLI
 * may or may not have committed it).  The posts are spread over X, LinkedIn
 * and YouTube, all on the fixture's server.  After every kill the next run
 * recovers; at the end each platform must have each of its posts exactly once.
 *
 * Instagram is not here, though the command line publishes there through its
 * media folder (/cli/publish/instagram-media): Instagram's rate (200 calls an
 * hour, co-rate-limiter.c) lets each run make 10 calls at once and then one
 * every 18 s, and a post there takes five or more calls, so the quiet runs
 * after the kills would take minutes.
 */

#define MIN_KILLS 20

typedef enum
{
  KILL_ON_ARRIVAL,
  KILL_BEFORE_ANSWER,
  KILL_AFTER_ANSWER,
  N_KILL_MODES,
} KillMode;

/* The posts go round these, the i-th post to platforms[i % N_PLATFORMS]. */
enum
{
  ON_X,
  ON_LINKEDIN,
  ON_YOUTUBE,
  N_PLATFORMS,
};

static const CoPlatform platforms[N_PLATFORMS] = {
  CO_PLATFORM_X, CO_PLATFORM_LINKEDIN, CO_PLATFORM_YOUTUBE,
};

typedef struct
{
  CoTestPublishing  publishing;
  CoStore          *store;
  CoOutbox         *outbox;
  GRand            *rand;
  GSubprocess      *child;
  guint             requests;
  guint             kill_at;
  KillMode          mode;
  gboolean          kill_on_finish;
  guint             kills[N_KILL_MODES];
  GPtrArray        *texts;
  gint64            accounts[N_PLATFORMS];
  char             *video;
} Fixture;

/* A request that posts, uploads or looks up, on any of the platforms. */
static gboolean
is_platform_work (Fixture    *fixture,
                  const char *path)
{
  g_autofree char *timeline = g_strdup_printf ("/2/users/%s/tweets",
                                               fixture->publishing.user_id);

  return g_str_equal (path, "/2/tweets") || g_str_equal (path, timeline) ||
         g_str_has_prefix (path, "/rest/posts") || g_str_has_prefix (path, "/upload/youtube/");
}

static void
kill_child (Fixture *fixture)
{
  if (fixture->child != NULL && fixture->kill_at != 0)
    {
      g_subprocess_force_exit (fixture->child);
      fixture->kills[fixture->mode]++;
      fixture->kill_at = 0;
    }
}

static void
fault_cb (CoTestServer      *server,
          SoupServerMessage *message,
          const char        *path,
          CoTestFault       *fault,
          gpointer           user_data)
{
  Fixture *fixture = user_data;

  if (!is_platform_work (fixture, path) || fixture->kill_at == 0 ||
      ++fixture->requests != fixture->kill_at)
    return;
  switch (fixture->mode)
    {
    case KILL_ON_ARRIVAL:
      kill_child (fixture);
      fault->kind = CO_TEST_FAULT_DROP;
      break;
    case KILL_BEFORE_ANSWER:
      fault->kind = CO_TEST_FAULT_HOLD_AFTER;
      break;
    case KILL_AFTER_ANSWER:
    default:
      fixture->kill_on_finish = TRUE;
      break;
    }
}

static void
held_cb (CoTestServer *server,
         gpointer      user_data)
{
  kill_child (user_data);
}

static void
finished_cb (CoTestServer      *server,
             SoupServerMessage *message,
             const char        *path,
             gpointer           user_data)
{
  Fixture *fixture = user_data;

  if (fixture->kill_on_finish && is_platform_work (fixture, path))
    {
      fixture->kill_on_finish = FALSE;
      kill_child (fixture);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  co_test_publishing_init (&fixture->publishing);
  fixture->store = co_store_new (fixture->publishing.data_dir, NULL, &error);
  g_assert_no_error (error);
  fixture->outbox = co_outbox_new (fixture->store);
  fixture->texts = g_ptr_array_new_with_free_func (g_free);
  co_test_server_set_faults (fixture->publishing.server, fault_cb, fixture);
  co_test_server_set_held_func (fixture->publishing.server, held_cb, fixture);
  co_test_server_set_finished_func (fixture->publishing.server, finished_cb, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->rand, g_rand_free);
  g_clear_pointer (&fixture->texts, g_ptr_array_unref);
  g_clear_pointer (&fixture->video, g_free);
  co_test_assert_finalized (fixture->outbox, 1000);
  co_test_assert_finalized (fixture->store, 1000);
  co_test_publishing_clear (&fixture->publishing);
}

static CoOutboxOperation *
enqueue_one (Fixture     *fixture,
             guint        i,
             const char  *text,
             GError     **error)
{
  CoPublishMedia video = { fixture->video, "video/mp4", 1920, 1080, 95 * G_USEC_PER_SEC, NULL };
  CoPublishPost post = { 0 };

  post.platform = platforms[i % N_PLATFORMS];
  post.account_id = fixture->accounts[i % N_PLATFORMS];
  post.text = text;
  post.now = g_get_real_time ();
  switch (i % N_PLATFORMS)
    {
    case ON_X:
      return co_x_client_enqueue_post (fixture->outbox, post.account_id, text, 0, post.now,
                                       error);
    case ON_LINKEDIN:
      return co_linkedin_client_enqueue_publish (fixture->outbox, &post, error);
    case ON_YOUTUBE:
    default:
      post.title = text;
      post.media = &video;
      post.n_media = 1;
      return co_youtube_client_enqueue_publish (fixture->outbox, &post, error);
    }
}

static void
enqueue_posts (Fixture *fixture,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("Post number %u of the crash test",
                                               fixture->texts->len + 1);
      g_autoptr(CoOutboxOperation) operation = NULL;
      g_autoptr(GError) error = NULL;

      operation = enqueue_one (fixture, fixture->texts->len, text, &error);
      g_assert_no_error (error);
      g_ptr_array_add (fixture->texts, g_steal_pointer (&text));
    }
}

/* One `outbox send`, killed at the kill_at-th request that posts or looks up,
 * if it gets there. */
static CoCliRun *
send_once (Fixture *fixture,
           guint    kill_at)
{
  const char *args[] = { "outbox", "send", NULL };
  g_autoptr(GSubprocess) child = NULL;
  CoCliRun *run;

  fixture->requests = 0;
  fixture->kill_at = kill_at;
  fixture->mode = g_rand_int_range (fixture->rand, 0, N_KILL_MODES);
  child = co_test_publishing_spawn (&fixture->publishing, NULL, FALSE, args);
  fixture->child = child;
  run = co_test_publishing_finish (&fixture->publishing, child, NULL, NULL);
  fixture->child = NULL;
  fixture->kill_at = 0;
  fixture->kill_on_finish = FALSE;
  return run;
}

/* After the crashes: send until nothing is due, retrying what failed for good
 * (a post killed in every one of its attempts), as the user would. */
static void
settle (Fixture *fixture)
{
  for (int round = 0; round < 10; round++)
    {
      g_autoptr(CoCliRun) sent = send_once (fixture, 0);
      g_autoptr(GListModel) failed = co_outbox_list (fixture->outbox,
                                                     CO_OUTBOX_STATE_BIT (CO_OUTBOX_FAILED),
                                                     NULL);
      g_autoptr(GListModel) open = NULL;

      g_assert_cmpint (sent->status, >=, 0);
      for (guint i = 0; i < g_list_model_get_n_items (failed); i++)
        {
          g_autoptr(CoOutboxOperation) operation = g_list_model_get_item (failed, i);
          g_autoptr(CoOutboxOperation) retried = NULL;

          g_test_message ("operation %" G_GINT64_FORMAT " failed after %d attempts; retrying",
                          co_outbox_operation_get_id (operation),
                          co_outbox_operation_get_attempts (operation));
          retried = co_outbox_retry (fixture->outbox, co_outbox_operation_get_id (operation),
                                     g_get_real_time (), NULL);
        }
      open = co_outbox_list (fixture->outbox, CO_OUTBOX_OPEN_STATES, NULL);
      if (g_list_model_get_n_items (open) == 0)
        return;
    }
  g_error ("The outbox still has operations after ten quiet runs");
}

/* How many posts with @text the i-th post's platform made, and its id there. */
static guint
count_on_platform (Fixture     *fixture,
                   guint        i,
                   const char  *text,
                   const char **out_id)
{
  CoTestPublishing *publishing = &fixture->publishing;

  switch (i % N_PLATFORMS)
    {
    case ON_X:
      *out_id = co_test_x_id_of (publishing->x, text);
      return co_test_x_count_text (publishing->x, text);
    case ON_LINKEDIN:
      *out_id = co_test_linkedin_post_urn (publishing->linkedin, text);
      return co_test_linkedin_count_commentary (publishing->linkedin, text);
    case ON_YOUTUBE:
    default:
      *out_id = NULL;
      return co_test_youtube_count_title (publishing->youtube, text);
    }
}

static void
check_exactly_once (Fixture *fixture)
{
  g_autoptr(GListModel) all = co_outbox_list (fixture->outbox, 0, NULL);
  g_autofree char *report = NULL;
  g_autoptr(GError) error = NULL;
  guint per_platform[N_PLATFORMS] = { 0 };

  g_assert_true (co_store_check_integrity (fixture->store, TRUE, &report, &error));
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, fixture->texts->len);
  for (guint i = 0; i < fixture->texts->len; i++)
    {
      const char *text = g_ptr_array_index (fixture->texts, i);
      g_autoptr(CoOutboxOperation) operation = g_list_model_get_item (all, i);
      const char *id = NULL;

      g_assert_cmpuint (count_on_platform (fixture, i, text, &id), ==, 1);
      g_assert_cmpint (co_outbox_operation_get_state (operation), ==, CO_OUTBOX_DONE);
      if (id != NULL)
        g_assert_cmpstr (co_outbox_operation_get_remote_id (operation), ==, id);
      per_platform[i % N_PLATFORMS]++;
    }
  g_assert_cmpuint (co_test_x_n_posts (fixture->publishing.x), ==, per_platform[ON_X]);
  g_assert_cmpuint (co_test_linkedin_n_posts (fixture->publishing.linkedin), ==,
                    per_platform[ON_LINKEDIN]);
  g_assert_cmpuint (co_test_youtube_n_videos (fixture->publishing.youtube), ==,
                    per_platform[ON_YOUTUBE]);
}

static void
test_kill_while_sending (Fixture       *fixture,
                         gconstpointer  data)
{
  guint kills = 0, runs = 0;

  if (co_test_skip_without_keyring ())
    return;
  fixture->rand = g_rand_new_with_seed (co_test_seed ());
  co_test_publishing_add_platforms (&fixture->publishing);
  for (guint i = 0; i < N_PLATFORMS; i++)
    fixture->accounts[i] = co_test_publishing_add_account_on (&fixture->publishing,
                                                              platforms[i]);
  fixture->video = co_test_write_file (fixture->publishing.dir, "clip.mp4", "not really a video",
                                       -1);
  enqueue_posts (fixture, 12);
  while (kills < MIN_KILLS && runs < 200)
    {
      g_autoptr(CoCliRun) run = send_once (fixture, g_rand_int_range (fixture->rand, 1, 5));

      runs++;
      if (run->status == -SIGKILL)
        kills++;
      else
        {
          /* The run ended before its kill: it sent everything; give it more. */
          co_test_cli_assert_exit (run, 0);
          enqueue_posts (fixture, 4);
        }
    }
  g_test_message ("%u runs, %u kills: %u on arrival, %u before the answer, %u after it", runs,
                  kills, fixture->kills[KILL_ON_ARRIVAL], fixture->kills[KILL_BEFORE_ANSWER],
                  fixture->kills[KILL_AFTER_ANSWER]);
  g_assert_cmpuint (kills, >=, MIN_KILLS);
  settle (fixture);
  check_exactly_once (fixture);
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

  g_test_add ("/cli/outbox/kill-while-sending", Fixture, NULL, fixture_set_up,
              test_kill_while_sending, fixture_tear_down);

  return g_test_run ();
}
