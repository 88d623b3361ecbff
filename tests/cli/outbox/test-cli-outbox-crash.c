/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>

#include "co-instagram-client.h"
#include "co-linkedin-client.h"
#include "co-outbox.h"
#include "co-service-config.h"
#include "co-test-publishing.h"
#include "co-test-secrets.h"
#include "co-test-util.h"
#include "co-x-client.h"
#include "co-youtube-client.h"

/*
 * SIGKILL of creatorops-cli while it sends the outbox, at random moments: as a
 * platform receives a request that posts or looks up (nothing done), after it
 * posted but before it answers, and just after the answer was written (the CLI
 * may or may not have committed it).  The posts are spread over X, LinkedIn,
 * YouTube and Instagram, all on the fixture's server; an Instagram post is a
 * media container made from a file of the CLI's media folder, polled, then
 * published, and every one of its Graph API requests may be the one killed.
 * After every kill the next run recovers; at the end each platform must have
 * each of its posts exactly once.  A second case kills at each step of an
 * Instagram post in turn, so that the moments that matter most happen
 * whatever the seed: between the container and media_publish, and while
 * media_publish is received but not answered (the outbox must look the post
 * up, never publish it twice).
 *
 * The fakes have no rate limits, so the CLI runs with Instagram unpaced
 * (CO_TEST_UNPACED_ENV): at Instagram's documented pace, ten calls at once and
 * then one every 18 s, each of the many runs would wait.
 */

#define MIN_KILLS 30
#define GRAPH     "/" CO_INSTAGRAM_GRAPH_VERSION "/"

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
  ON_INSTAGRAM,
  N_PLATFORMS,
};

static const CoPlatform platforms[N_PLATFORMS] = {
  CO_PLATFORM_X, CO_PLATFORM_LINKEDIN, CO_PLATFORM_YOUTUBE, CO_PLATFORM_INSTAGRAM,
};

/* Which requests a run is killed at: STEP_ANY is any request that posts,
 * uploads or looks up, on any platform; the others are Instagram's steps. */
typedef enum
{
  STEP_ANY,
  STEP_CONTAINER,   /* POST /{ig-user-id}/media */
  STEP_POLL,        /* GET /{container-id}?fields=status_code */
  STEP_LIMIT,       /* GET /{ig-user-id}/content_publishing_limit */
  STEP_PUBLISH,     /* POST /{ig-user-id}/media_publish */
  STEP_PERMALINK,   /* GET /{ig-media-id}?fields=permalink */
  STEP_LOOKUP,      /* GET /{ig-user-id}/media */
  N_STEPS,
  STEP_NONE = N_STEPS,
} Step;

static const char *const step_names[N_STEPS] = {
  "other platforms", "container", "poll", "limit", "media_publish", "permalink", "lookup",
};

typedef struct
{
  CoTestPublishing  publishing;
  CoStore          *store;
  CoOutbox         *outbox;
  GRand            *rand;
  GSubprocess      *child;
  Step              target;
  guint             requests;
  guint             kill_at;
  KillMode          mode;
  Step              armed;          /* the step of the request the kill waits on */
  gboolean          kill_on_finish;
  guint             kills[N_KILL_MODES];
  guint             step_kills[N_STEPS];
  GPtrArray        *texts;
  GArray           *operations;     /* the last operation of each text's post */
  gint64            accounts[N_PLATFORMS];
  char             *video;
} Fixture;

/* The step of an Instagram Graph API request, or STEP_NONE. */
static Step
instagram_step (Fixture           *fixture,
                SoupServerMessage *message,
                const char        *path)
{
  gboolean post = g_str_equal (soup_server_message_get_method (message), "POST");
  g_autofree char *user = g_strconcat (GRAPH, fixture->publishing.instagram_id, "/", NULL);
  const char *node = path + strlen (GRAPH);

  if (!g_str_has_prefix (path, GRAPH))
    return STEP_NONE;
  if (g_str_has_prefix (path, user))
    {
      const char *edge = path + strlen (user);

      if (g_str_equal (edge, "media"))
        return post ? STEP_CONTAINER : STEP_LOOKUP;
      if (g_str_equal (edge, "media_publish"))
        return STEP_PUBLISH;
      return g_str_equal (edge, "content_publishing_limit") ? STEP_LIMIT : STEP_NONE;
    }
  if (strchr (node, '/') != NULL)
    return STEP_NONE;
  return co_test_instagram_is_container (fixture->publishing.instagram, node) ? STEP_POLL
                                                                              : STEP_PERMALINK;
}

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

/* The step of a request the run may be killed at, or STEP_NONE. */
static Step
kill_step (Fixture           *fixture,
           SoupServerMessage *message,
           const char        *path)
{
  Step step = instagram_step (fixture, message, path);

  if (fixture->target != STEP_ANY)
    return step == fixture->target ? step : STEP_NONE;
  if (step != STEP_NONE)
    return step;
  return is_platform_work (fixture, path) ? STEP_ANY : STEP_NONE;
}

static void
kill_child (Fixture *fixture)
{
  if (fixture->child != NULL && fixture->kill_at != 0)
    {
      g_subprocess_force_exit (fixture->child);
      fixture->kills[fixture->mode]++;
      fixture->step_kills[fixture->armed]++;
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
  Step step;

  if (fixture->kill_at == 0 || (step = kill_step (fixture, message, path)) == STEP_NONE ||
      ++fixture->requests != fixture->kill_at)
    return;
  fixture->armed = step;
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

  if (fixture->kill_on_finish && kill_step (fixture, message, path) == fixture->armed)
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
  fixture->operations = g_array_new (FALSE, FALSE, sizeof (gint64));
  co_test_server_set_faults (fixture->publishing.server, fault_cb, fixture);
  co_test_server_set_held_func (fixture->publishing.server, held_cb, fixture);
  co_test_server_set_finished_func (fixture->publishing.server, finished_cb, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unsetenv (CO_TEST_UNPACED_ENV);
  g_clear_pointer (&fixture->rand, g_rand_free);
  g_clear_pointer (&fixture->texts, g_ptr_array_unref);
  g_clear_pointer (&fixture->operations, g_array_unref);
  g_clear_pointer (&fixture->video, g_free);
  co_test_assert_finalized (fixture->outbox, 1000);
  co_test_assert_finalized (fixture->store, 1000);
  co_test_publishing_clear (&fixture->publishing);
}

/* The fakes, an account on each platform, and the files the posts carry. */
static void
add_accounts (Fixture *fixture)
{
  co_test_publishing_add_platforms (&fixture->publishing);
  /* The fakes answer as fast as they are asked: no need for Instagram's pace. */
  g_setenv (CO_TEST_UNPACED_ENV, "instagram", TRUE);
  for (guint i = 0; i < N_PLATFORMS; i++)
    fixture->accounts[i] = co_test_publishing_add_account_on (&fixture->publishing,
                                                              platforms[i]);
  fixture->video = co_test_write_file (fixture->publishing.dir, "clip.mp4", "not really a video",
                                       -1);
}

/* An Instagram post: a JPEG of its own, which holds its caption. */
static CoOutboxOperation *
enqueue_instagram (Fixture       *fixture,
                   CoPublishPost *post,
                   GError       **error)
{
  g_autofree char *name = g_strdup_printf ("photo-%u.jpg", fixture->texts->len + 1);
  g_autofree char *photo = co_test_write_file (fixture->publishing.dir, name, post->text, -1);
  CoPublishMedia image = { photo, "image/jpeg", 1080, 1080, 0, NULL };

  post->media = &image;
  post->n_media = 1;
  return co_instagram_client_enqueue_publish (fixture->outbox, post, error);
}

static CoOutboxOperation *
enqueue_one (Fixture     *fixture,
             guint        on,
             const char  *text,
             GError     **error)
{
  CoPublishMedia video = { fixture->video, "video/mp4", 1920, 1080, 95 * G_USEC_PER_SEC, NULL };
  CoPublishPost post = { 0 };

  post.platform = platforms[on];
  post.account_id = fixture->accounts[on];
  post.text = text;
  post.now = g_get_real_time ();
  switch (on)
    {
    case ON_X:
      return co_x_client_enqueue_post (fixture->outbox, post.account_id, text, 0, post.now,
                                       error);
    case ON_LINKEDIN:
      return co_linkedin_client_enqueue_publish (fixture->outbox, &post, error);
    case ON_INSTAGRAM:
      return enqueue_instagram (fixture, &post, error);
    case ON_YOUTUBE:
    default:
      post.title = text;
      post.media = &video;
      post.n_media = 1;
      return co_youtube_client_enqueue_publish (fixture->outbox, &post, error);
    }
}

/* Queues the next post on platforms[@on]. */
static void
enqueue_post (Fixture *fixture,
              guint    on)
{
  g_autofree char *text = g_strdup_printf ("Post number %u of the crash test",
                                           fixture->texts->len + 1);
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  operation = enqueue_one (fixture, on, text, &error);
  g_assert_no_error (error);
  id = co_outbox_operation_get_id (operation);
  g_array_append_val (fixture->operations, id);
  g_ptr_array_add (fixture->texts, g_steal_pointer (&text));
}

static void
enqueue_posts (Fixture *fixture,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    enqueue_post (fixture, fixture->texts->len % N_PLATFORMS);
}

/* One `outbox send`, killed in @mode at the kill_at-th request of the target
 * step, if it gets there. */
static CoCliRun *
send_once (Fixture  *fixture,
           guint     kill_at,
           KillMode  mode)
{
  const char *args[] = { "outbox", "send", NULL };
  g_autoptr(GSubprocess) child = NULL;
  CoCliRun *run;

  fixture->requests = 0;
  fixture->kill_at = kill_at;
  fixture->mode = mode;
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
      g_autoptr(CoCliRun) sent = send_once (fixture, 0, KILL_ON_ARRIVAL);
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

/* The Instagram post with @text went out from its own file, through the
 * media folder. */
static void
assert_hosted (Fixture    *fixture,
               const char *text)
{
  const char *fetched = co_test_instagram_fetched_path (fixture->publishing.instagram, text);
  g_autofree char *contents = NULL;

  g_assert_nonnull (fetched);
  g_assert_true (g_str_has_prefix (fetched, fixture->publishing.media_folder));
  g_assert_true (g_file_get_contents (fetched, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, text);
}

/* How many posts with @text platforms[@on] made, and its id there. */
static guint
count_on_platform (Fixture     *fixture,
                   guint        on,
                   const char  *text,
                   const char **out_id)
{
  CoTestPublishing *publishing = &fixture->publishing;

  switch (on)
    {
    case ON_X:
      *out_id = co_test_x_id_of (publishing->x, text);
      return co_test_x_count_text (publishing->x, text);
    case ON_LINKEDIN:
      *out_id = co_test_linkedin_post_urn (publishing->linkedin, text);
      return co_test_linkedin_count_commentary (publishing->linkedin, text);
    case ON_INSTAGRAM:
      assert_hosted (fixture, text);
      *out_id = co_test_instagram_media_id (publishing->instagram, text);
      return co_test_instagram_count_caption (publishing->instagram, text);
    case ON_YOUTUBE:
    default:
      *out_id = NULL;
      return co_test_youtube_count_title (publishing->youtube, text);
    }
}

static guint
n_on_platform (Fixture *fixture,
               guint    on)
{
  switch (on)
    {
    case ON_X:
      return co_test_x_n_posts (fixture->publishing.x);
    case ON_LINKEDIN:
      return co_test_linkedin_n_posts (fixture->publishing.linkedin);
    case ON_INSTAGRAM:
      return co_test_instagram_n_media (fixture->publishing.instagram);
    case ON_YOUTUBE:
    default:
      return co_test_youtube_n_videos (fixture->publishing.youtube);
    }
}

/* Which platform @operation's account is on. */
static guint
platform_of (Fixture           *fixture,
             CoOutboxOperation *operation)
{
  for (guint on = 0; on < N_PLATFORMS; on++)
    if (co_outbox_operation_get_account_id (operation) == fixture->accounts[on])
      return on;
  g_assert_not_reached ();
}

static void
check_exactly_once (Fixture *fixture)
{
  g_autoptr(GListModel) all = co_outbox_list (fixture->outbox, 0, NULL);
  g_autofree char *report = NULL;
  g_autoptr(GError) error = NULL;
  guint per_platform[N_PLATFORMS] = { 0 };

  g_assert_true (co_store_check_integrity (fixture->store, TRUE, &report, &error));
  /* Every operation is done, the containers with the posts. */
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(CoOutboxOperation) operation = g_list_model_get_item (all, i);

      g_assert_cmpint (co_outbox_operation_get_state (operation), ==, CO_OUTBOX_DONE);
    }
  for (guint i = 0; i < fixture->texts->len; i++)
    {
      const char *text = g_ptr_array_index (fixture->texts, i);
      g_autoptr(CoOutboxOperation) operation = NULL;
      const char *id = NULL;
      guint on;

      operation = co_outbox_get (fixture->outbox, g_array_index (fixture->operations, gint64, i),
                                 &error);
      g_assert_no_error (error);
      on = platform_of (fixture, operation);
      g_assert_cmpuint (count_on_platform (fixture, on, text, &id), ==, 1);
      if (id != NULL)
        g_assert_cmpstr (co_outbox_operation_get_remote_id (operation), ==, id);
      per_platform[on]++;
    }
  for (guint on = 0; on < N_PLATFORMS; on++)
    g_assert_cmpuint (n_on_platform (fixture, on), ==, per_platform[on]);
}

static void
test_kill_while_sending (Fixture       *fixture,
                         gconstpointer  data)
{
  guint kills = 0, runs = 0;

  if (co_test_skip_without_keyring ())
    return;
  fixture->rand = g_rand_new_with_seed (co_test_seed ());
  add_accounts (fixture);
  enqueue_posts (fixture, 12);
  while (kills < MIN_KILLS && runs < 200)
    {
      g_autoptr(CoCliRun) run = send_once (fixture, g_rand_int_range (fixture->rand, 1, 9),
                                           g_rand_int_range (fixture->rand, 0, N_KILL_MODES));

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
  for (guint step = 0; step < N_STEPS; step++)
    g_test_message ("%u kills at %s", fixture->step_kills[step], step_names[step]);
  g_assert_cmpuint (kills, >=, MIN_KILLS);
  settle (fixture);
  check_exactly_once (fixture);
}

/* How many requests for an Instagram edge of the account arrived so far. */
static guint
count_edge (Fixture    *fixture,
            const char *method,
            const char *edge)
{
  g_autofree char *path = g_strconcat (GRAPH, fixture->publishing.instagram_id, "/", edge, NULL);

  return co_test_server_count (fixture->publishing.server, method, path);
}

/* Kills the next run at the first request of @step.  After the answer to
 * the last request the run needs, it may have ended before the kill. */
static void
kill_at_step (Fixture  *fixture,
              Step      step,
              KillMode  mode)
{
  g_autoptr(CoCliRun) run = NULL;

  fixture->target = step;
  run = send_once (fixture, 1, mode);
  fixture->target = STEP_ANY;
  /* The run got there. */
  g_assert_cmpuint (fixture->requests, >=, 1);
  if (mode != KILL_AFTER_ANSWER || run->status != 0)
    g_assert_cmpint (run->status, ==, -SIGKILL);
}

/* A kill at an Instagram step; STEP_NONE for none. */
typedef struct
{
  Step     step;
  KillMode mode;
} Kill;

/* A post killed as @first says, then in the look-up of the next run as
 * @lookup says: it goes out once, with media_publish received once unless the
 * kill came before its handler ran, and looked up when the run died before
 * the answer. */
static void
kill_instagram_post (Fixture *fixture,
                     Kill     first,
                     Kill     lookup)
{
  guint published = count_edge (fixture, "POST", "media_publish");
  guint looked_up = count_edge (fixture, "GET", "media");
  gboolean dropped = first.step == STEP_PUBLISH && first.mode == KILL_ON_ARRIVAL;

  g_test_message ("Instagram post killed at %s, mode %d; then at %s, mode %d",
                  step_names[first.step], first.mode,
                  lookup.step != STEP_NONE ? step_names[lookup.step] : "nothing", lookup.mode);
  enqueue_post (fixture, ON_INSTAGRAM);
  kill_at_step (fixture, first.step, first.mode);
  if (lookup.step != STEP_NONE)
    kill_at_step (fixture, lookup.step, lookup.mode);
  settle (fixture);
  g_assert_cmpuint (count_edge (fixture, "POST", "media_publish") - published, ==,
                    dropped ? 2 : 1);
  /* Killed after the answer, the run may have kept the media's id. */
  if (first.step == STEP_PUBLISH && first.mode != KILL_AFTER_ANSWER)
    g_assert_cmpuint (count_edge (fixture, "GET", "media"), >, looked_up);
  check_exactly_once (fixture);
}

static void
test_kill_instagram_steps (Fixture       *fixture,
                           gconstpointer  data)
{
  static const Step steps[] = { STEP_CONTAINER, STEP_POLL, STEP_LIMIT, STEP_PUBLISH,
                                STEP_PERMALINK };
  const Kill none = { STEP_NONE, KILL_ON_ARRIVAL };
  const Kill unsure = { STEP_PUBLISH, KILL_BEFORE_ANSWER };

  if (co_test_skip_without_keyring ())
    return;
  add_accounts (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    for (KillMode mode = 0; mode < N_KILL_MODES; mode++)
      kill_instagram_post (fixture, (Kill){ steps[i], mode }, none);
  /* The look-up that settles an unsure media_publish, itself killed. */
  for (KillMode mode = 0; mode < N_KILL_MODES; mode++)
    kill_instagram_post (fixture, unsure, (Kill){ STEP_LOOKUP, mode });
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

  g_test_add ("/cli/outbox/kill-while-sending", Fixture, NULL, fixture_set_up,
              test_kill_while_sending, fixture_tear_down);
  g_test_add ("/cli/outbox/kill-instagram-steps", Fixture, NULL, fixture_set_up,
              test_kill_instagram_steps, fixture_tear_down);

  return g_test_run ();
}
