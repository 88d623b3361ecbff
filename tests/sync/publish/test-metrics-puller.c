/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-analytics.h"
#include "co-instagram-client.h"
#include "co-linkedin-client.h"
#include "co-metrics-puller.h"
#include "co-publish-log.h"
#include "co-store-private.h"
#include "co-test-instagram.h"
#include "co-test-linkedin.h"
#include "co-test-x.h"
#include "co-test-youtube.h"
#include "co-x-client.h"
#include "publish-fixture.h"

/* Pulling metrics from the four platforms' fakes, all on the fixture's
 * server (where faults are aimed), for posts that the publish log records as
 * published. */

typedef struct
{
  Fixture          base;
  CoTestOAuth     *providers[CO_N_PLATFORMS];
  char            *users[CO_N_PLATFORMS];
  gint64           accounts[CO_N_PLATFORMS];
  CoTestX         *x;
  CoTestLinkedIn  *linkedin;
  CoTestYouTube   *youtube;
  CoTestInstagram *instagram;
  CoDrafts        *drafts;
  CoSchedule      *schedule;
  CoMetricsPuller *puller;
} MetricsFixture;

static const CoService services[CO_N_PLATFORMS] = {
  [CO_PLATFORM_X] = CO_SERVICE_X,
  [CO_PLATFORM_LINKEDIN] = CO_SERVICE_LINKEDIN,
  [CO_PLATFORM_INSTAGRAM] = CO_SERVICE_INSTAGRAM,
  [CO_PLATFORM_YOUTUBE] = CO_SERVICE_YOUTUBE,
};

static void
add_platform (MetricsFixture *fixture,
              CoPlatform      platform)
{
  const char *url = co_test_server_get_url (fixture->base.server);
  g_autofree char *client_id = g_strdup_printf ("client-%s", co_platform_to_string (platform));

  if (platform == CO_PLATFORM_X)
    fixture->providers[platform] = fixture->base.provider;
  else
    fixture->providers[platform] = co_test_oauth_new (fixture->base.server, platform, client_id);
  fixture->users[platform] = g_strdup_printf ("%u", g_random_int ());
  co_service_config_set_base (fixture->base.config, services[platform], url, NULL);
  co_service_config_set_base (fixture->base.config, co_service_for_oauth (platform), url, NULL);
  co_service_config_set_client_id (fixture->base.config, platform, client_id);
}

static void
fixture_set_up (MetricsFixture *fixture,
                gconstpointer   data)
{
  CoTestServer *server;

  fixture_init (&fixture->base, CO_PLATFORM_X, CO_SERVICE_X, "client-x");
  fixture_add_client (&fixture->base, co_x_client_new (fixture->base.accounts));
  server = fixture->base.server;
  for (CoPlatform platform = 0; platform < CO_N_PLATFORMS; platform++)
    add_platform (fixture, platform);
  fixture->x = co_test_x_new (server, fixture->providers[CO_PLATFORM_X],
                              fixture->users[CO_PLATFORM_X], "creator");
  fixture->linkedin = co_test_linkedin_new (server, fixture->providers[CO_PLATFORM_LINKEDIN],
                                            fixture->users[CO_PLATFORM_LINKEDIN], "Creator");
  fixture->youtube = co_test_youtube_new (server, fixture->providers[CO_PLATFORM_YOUTUBE],
                                          fixture->users[CO_PLATFORM_YOUTUBE], "Channel");
  fixture->instagram = co_test_instagram_new (server, fixture->providers[CO_PLATFORM_INSTAGRAM],
                                              fixture->users[CO_PLATFORM_INSTAGRAM], "creator");
  fixture->drafts = co_drafts_new (fixture->base.store);
  co_drafts_set_clock (fixture->drafts, fixture_clock_now_cb, g_object_ref (fixture->base.clock),
                       g_object_unref);
  fixture->schedule = co_schedule_new (fixture->drafts);
  fixture->puller = co_metrics_puller_new (fixture->schedule, fixture->base.outbox,
                                           fixture->base.accounts);
}

static void
fixture_tear_down (MetricsFixture *fixture,
                   gconstpointer   data)
{
  co_test_assert_finalized (fixture->puller, 2000);
  co_test_assert_finalized (fixture->schedule, 2000);
  co_test_assert_finalized (fixture->drafts, 2000);
  g_clear_pointer (&fixture->x, co_test_x_free);
  g_clear_pointer (&fixture->linkedin, co_test_linkedin_free);
  g_clear_pointer (&fixture->youtube, co_test_youtube_free);
  g_clear_pointer (&fixture->instagram, co_test_instagram_free);
  for (CoPlatform platform = 0; platform < CO_N_PLATFORMS; platform++)
    {
      co_test_forget_token (co_platform_to_string (platform), fixture->users[platform]);
      g_free (fixture->users[platform]);
      if (platform != CO_PLATFORM_X)
        co_test_oauth_free (fixture->providers[platform]);
    }
  fixture_clear (&fixture->base);
}

/* Connects an account on every platform; FALSE without a keyring. */
static gboolean
connect_all (MetricsFixture *fixture)
{
  if (co_test_skip_without_keyring ())
    return FALSE;
  for (CoPlatform platform = 0; platform < CO_N_PLATFORMS; platform++)
    {
      g_autofree char *json = co_test_oauth_mint (fixture->providers[platform], 7200);
      Result r = { 0 };

      co_account_manager_add_token_async (fixture->base.accounts, platform, json,
                                          fixture->users[platform], "Creator", NULL, object_cb,
                                          &r);
      co_test_wait_flag (&r.done, 10000);
      g_assert_no_error (r.error);
      fixture->accounts[platform] = co_account_get_id (CO_ACCOUNT (r.object));
      g_clear_object (&r.object);
    }
  return TRUE;
}

/* A draft published on @platform as @post_id: its outbox operation done with
 * that remote id, recorded in the publish log. */
static void
add_published (MetricsFixture *fixture,
               CoPlatform      platform,
               const char     *post_id)
{
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Launch", "Out now", &platform, 1, NULL, 0 };
  CoOutboxRequest request = { "metrics-test", "{}", NULL, NULL, fixture->accounts[platform], 0,
                              0, 0 };
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 draft;

  draft = co_drafts_create (fixture->drafts, &spec, &error);
  g_assert_no_error (error);
  operation = co_outbox_enqueue (fixture->base.outbox, &request, NOW, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE outbox SET state = 'done', remote_id = '%s', finished_at = %"
                         G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT, post_id, NOW,
                         co_outbox_operation_get_id (operation));
  g_assert_true (_co_store_exec (fixture->base.store, sql, &error));
  g_assert_true (co_publish_log_add (fixture->base.store, draft, platform,
                                     fixture->accounts[platform],
                                     co_outbox_operation_get_id (operation), NOW, &error));
  g_assert_no_error (error);
}

static void
pulled_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->object = (GObject *)co_metrics_puller_pull_finish (CO_METRICS_PULLER (object), result,
                                                        &r->error);
  r->done = TRUE;
}

static GPtrArray *
pull (MetricsFixture *fixture)
{
  Result r = { 0 };

  co_metrics_puller_pull_async (fixture->puller, NULL, 0, NULL, pulled_cb, &r);
  co_test_wait_flag (&r.done, 30000);
  g_assert_no_error (r.error);
  g_assert_cmpuint (((GPtrArray *)r.object)->len, ==, CO_N_PLATFORMS);
  return (GPtrArray *)r.object;
}

static CoMetricsOutcome *
outcome_of (GPtrArray  *outcomes,
            CoPlatform  platform)
{
  for (guint i = 0; i < outcomes->len; i++)
    if (((CoMetricsOutcome *)outcomes->pdata[i])->platform == platform)
      return outcomes->pdata[i];
  g_assert_not_reached ();
}

/* The post's latest sample, as analytics reads it. */
static CoEngagement
latest (MetricsFixture *fixture,
        CoPlatform      platform,
        const char     *post_id,
        guint           n_samples)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) series = co_analytics_post_series (fixture->base.store, platform, post_id,
                                                       &error);

  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, n_samples);
  return g_array_index (series, CoAnalyticsSample, series->len - 1).counts;
}

static void
assert_counts (CoEngagement counts,
               gint64       views,
               gint64       likes,
               gint64       comments,
               gint64       shares)
{
  g_assert_cmpint (counts.views, ==, views);
  g_assert_cmpint (counts.likes, ==, likes);
  g_assert_cmpint (counts.comments, ==, comments);
  g_assert_cmpint (counts.shares, ==, shares);
}

static void
add_one_each (MetricsFixture *fixture)
{
  add_published (fixture, CO_PLATFORM_X, "1790000000000000001");
  add_published (fixture, CO_PLATFORM_X, "1790000000000000002");
  add_published (fixture, CO_PLATFORM_YOUTUBE, "dQw4w9WgXcQ");
  add_published (fixture, CO_PLATFORM_INSTAGRAM, "17912345");
  add_published (fixture, CO_PLATFORM_LINKEDIN, "urn:li:share:7001");
  co_test_metrics_set (co_test_x_get_metrics (fixture->x), "1790000000000000001", 900, 40, 5,
                       7);
  co_test_metrics_set (co_test_x_get_metrics (fixture->x), "1790000000000000002", 10, 1, 0, 0);
  co_test_metrics_set (co_test_youtube_get_metrics (fixture->youtube), "dQw4w9WgXcQ", 5000, 300,
                       12, 0);
  co_test_metrics_set (co_test_instagram_get_metrics (fixture->instagram), "17912345", 800, 90,
                       8, 3);
  co_test_metrics_set (co_test_linkedin_get_metrics (fixture->linkedin), "urn:li:share:7001", 0,
                       25, 4, 0);
}

/* Every platform's counts land in the metrics analytics reads; X's two posts
 * are asked in one request; a second pull adds a sample to each series. */
static void
test_every_platform (MetricsFixture *fixture,
                     gconstpointer   data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  if (!connect_all (fixture))
    return;
  add_one_each (fixture);
  first = pull (fixture);
  for (CoPlatform platform = 0; platform < CO_N_PLATFORMS; platform++)
    {
      CoMetricsOutcome *outcome = outcome_of (first, platform);

      g_assert_no_error (outcome->error);
      g_assert_cmpuint (outcome->n_posts, ==, platform == CO_PLATFORM_X ? 2 : 1);
      g_assert_cmpuint (outcome->n_pulled, ==, outcome->n_posts);
    }
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "GET", "/2/tweets"), ==, 1);
  assert_counts (latest (fixture, CO_PLATFORM_X, "1790000000000000001", 1), 900, 40, 5, 7);
  assert_counts (latest (fixture, CO_PLATFORM_YOUTUBE, "dQw4w9WgXcQ", 1), 5000, 300, 12, 0);
  assert_counts (latest (fixture, CO_PLATFORM_INSTAGRAM, "17912345", 1), 800, 90, 8, 3);
  assert_counts (latest (fixture, CO_PLATFORM_LINKEDIN, "urn:li:share:7001", 1), 0, 25, 4, 0);

  co_test_clock_advance (fixture->base.clock, 3600 * SECOND);
  co_test_metrics_set (co_test_youtube_get_metrics (fixture->youtube), "dQw4w9WgXcQ", 6500, 310,
                       15, 0);
  second = pull (fixture);
  g_assert_no_error (outcome_of (second, CO_PLATFORM_YOUTUBE)->error);
  assert_counts (latest (fixture, CO_PLATFORM_YOUTUBE, "dQw4w9WgXcQ", 2), 6500, 310, 15, 0);
  assert_no_token_kept (&fixture->base);
}

/* X answers 503 to every try and then YouTube runs out of its rate limit: each
 * fails alone, with its error, and the others are pulled. */
static void
test_failure_isolated (MetricsFixture *fixture,
                       gconstpointer   data)
{
  CoTestFault unavailable = { CO_TEST_FAULT_STATUS, 503, NULL, 0 };
  CoTestFault limited = { CO_TEST_FAULT_STATUS, 429, "3600", 0 };
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  CoMetricsOutcome *x;

  if (!connect_all (fixture))
    return;
  add_one_each (fixture);
  aim_fault (&fixture->base, "GET", "/2/tweets", unavailable, 100);
  outcomes = pull (fixture);
  x = outcome_of (outcomes, CO_PLATFORM_X);
  g_assert_nonnull (x->error);
  g_assert_true (x->error->domain == CO_SYNC_ERROR);
  g_test_message ("X: %s", x->error->message);
  g_assert_cmpuint (x->n_pulled, ==, 0);
  g_assert_no_error (outcome_of (outcomes, CO_PLATFORM_YOUTUBE)->error);
  g_assert_no_error (outcome_of (outcomes, CO_PLATFORM_INSTAGRAM)->error);
  g_assert_no_error (outcome_of (outcomes, CO_PLATFORM_LINKEDIN)->error);
  g_assert_cmpuint (outcome_of (outcomes, CO_PLATFORM_LINKEDIN)->n_pulled, ==, 1);

  aim_fault (&fixture->base, "GET", "/youtube/v3/videos", limited, 100);
  again = pull (fixture);
  g_assert_error (outcome_of (again, CO_PLATFORM_YOUTUBE)->error, CO_SYNC_ERROR,
                  CO_SYNC_ERROR_RATE_LIMITED);
  g_assert_no_error (outcome_of (again, CO_PLATFORM_X)->error);
  g_assert_cmpuint (outcome_of (again, CO_PLATFORM_X)->n_pulled, ==, 2);
}

/* A token the platform no longer takes is renewed once and the pull goes
 * on; a post the platform no longer has is left out without an error. */
static void
test_token_renewed (MetricsFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) series = NULL;

  if (!connect_all (fixture))
    return;
  add_one_each (fixture);
  add_published (fixture, CO_PLATFORM_X, "1790000000000000099");   /* deleted on X */
  co_test_oauth_revoke_access (fixture->providers[CO_PLATFORM_LINKEDIN]);
  outcomes = pull (fixture);
  g_assert_no_error (outcome_of (outcomes, CO_PLATFORM_LINKEDIN)->error);
  g_assert_cmpuint (outcome_of (outcomes, CO_PLATFORM_LINKEDIN)->n_pulled, ==, 1);
  g_assert_cmpuint (co_test_oauth_count_grants (fixture->providers[CO_PLATFORM_LINKEDIN],
                                                "refresh_token"), ==, 1);
  g_assert_no_error (outcome_of (outcomes, CO_PLATFORM_X)->error);
  g_assert_cmpuint (outcome_of (outcomes, CO_PLATFORM_X)->n_posts, ==, 3);
  g_assert_cmpuint (outcome_of (outcomes, CO_PLATFORM_X)->n_pulled, ==, 2);
  series = co_analytics_post_series (fixture->base.store, CO_PLATFORM_X, "1790000000000000099",
                                     &error);
  g_assert_null (series);
  g_assert_error (error, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_NOT_FOUND);
  assert_no_token_kept (&fixture->base);
}

/* X answers 429 with its rate headers, the window reset an hour from now:
 * X's pull stops with the rate limit, the others are pulled. */
static void
test_x_rate_limited (MetricsFixture *fixture,
                     gconstpointer   data)
{
  CoTestFault limited = { CO_TEST_FAULT_STATUS, 429, NULL, NOW / SECOND + 3600 };
  g_autoptr(GPtrArray) outcomes = NULL;

  if (!connect_all (fixture))
    return;
  add_one_each (fixture);
  aim_fault (&fixture->base, "GET", "/2/tweets", limited, 100);
  outcomes = pull (fixture);
  g_assert_error (outcome_of (outcomes, CO_PLATFORM_X)->error, CO_SYNC_ERROR,
                  CO_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpuint (outcome_of (outcomes, CO_PLATFORM_X)->n_pulled, ==, 0);
  g_assert_cmpuint (outcome_of (outcomes, CO_PLATFORM_YOUTUBE)->n_pulled, ==, 1);
  g_assert_cmpuint (outcome_of (outcomes, CO_PLATFORM_INSTAGRAM)->n_pulled, ==, 1);
}

static gboolean
held_cb (gpointer server)
{
  return co_test_server_count_held (server) > 0;
}

/* Cancelled while X holds its answer: the pull ends with the cancellation. */
static void
test_cancelled (MetricsFixture *fixture,
                gconstpointer   data)
{
  CoTestFault hold = { CO_TEST_FAULT_HOLD, 0, NULL, 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  if (!connect_all (fixture))
    return;
  add_one_each (fixture);
  co_test_server_set_held_func (fixture->base.server, NULL, NULL);
  aim_fault (&fixture->base, "GET", "/2/tweets", hold, 1);
  co_metrics_puller_pull_async (fixture->puller, NULL, 0, cancellable, pulled_cb, &r);
  g_assert_true (co_test_wait_until (held_cb, fixture->base.server, 20000));
  g_cancellable_cancel (cancellable);
  co_test_wait_flag (&r.done, 30000);
  g_assert_null (r.object);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
}

/* Nothing published: every platform answers with no posts and no request. */
static void
test_nothing_published (MetricsFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(GPtrArray) outcomes = pull (fixture);

  for (guint i = 0; i < outcomes->len; i++)
    {
      CoMetricsOutcome *outcome = outcomes->pdata[i];

      g_assert_no_error (outcome->error);
      g_assert_cmpuint (outcome->n_posts, ==, 0);
    }
  g_assert_cmpuint (co_test_server_count (fixture->base.server, "GET", "/"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  publish_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync/publish/metrics/" path, MetricsFixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("every-platform", test_every_platform);
  ADD ("failure-isolated", test_failure_isolated);
  ADD ("token-renewed", test_token_renewed);
  ADD ("x-rate-limited", test_x_rate_limited);
  ADD ("cancelled", test_cancelled);
  ADD ("nothing-published", test_nothing_published);
#undef ADD

  return g_test_run ();
}
