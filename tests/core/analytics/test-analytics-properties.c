/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-analytics.h"
#include "drafts-fixture.h"

/*
 * Property: over random posts, collections and ranges, every aggregate
 * equals the sums worked out here from the raw rows: the report's total,
 * platforms, hours and weekdays; and the daily gains, which add up, per
 * post, to its last counts before the end minus its last counts before the
 * start.  The seed is printed (co_test_seed()); CO_PROPERTY_SEED=<seed> replays.
 */

#define N_RANGES 300
#define MAX_POSTS 150
#define MAX_SAMPLES 4
#define YEAR_START 1798761600 /* 2027-01-01T00:00:00Z */

typedef struct
{
  CoPlatform    platform;
  gint64        posted_at;
  guint         n_samples;
  gint64        at[MAX_SAMPLES];
  CoEngagement  counts[MAX_SAMPLES];
} Post;

static gint64
random_time (GRand *rand)
{
  return (YEAR_START + (gint64)g_rand_int_range (rand, 0, 365 * 86400)) * G_USEC_PER_SEC +
         g_rand_int_range (rand, 0, 2) * 500000;
}

static void
plant (DraftsFixture *fx,
       GRand         *rand,
       Post          *posts,
       guint          n_posts)
{
  for (guint i = 0; i < n_posts; i++)
    {
      Post *post = &posts[i];
      g_autofree char *id = g_strdup_printf ("p%u", i);
      gint64 at = random_time (rand);

      post->platform = g_rand_int_range (rand, 0, CO_N_PLATFORMS);
      post->posted_at = random_time (rand);
      post->n_samples = g_rand_int_range (rand, 1, MAX_SAMPLES + 1);
      for (guint s = 0; s < post->n_samples; s++)
        {
          CoEngagement c = { 1, g_rand_int_range (rand, 0, 100000),
                             g_rand_int_range (rand, 0, 5000), g_rand_int_range (rand, 0, 500),
                             g_rand_int_range (rand, 0, 200) };
          CoPostMetrics metrics = { post->platform, id, 0, post->posted_at, c.views, c.likes,
                                    c.comments, c.shares };

          at += (gint64)g_rand_int_range (rand, 1, 5 * 86400) * G_USEC_PER_SEC;
          fx->now = post->at[s] = at;
          post->counts[s] = c;
          g_assert_true (co_schedule_record_metrics (fx->schedule, &metrics, NULL));
        }
    }
}

static gboolean
in_range (const CoAnalyticsRange *range,
          CoPlatform              platform,
          gint64                  at)
{
  return (range->platform == NULL || *range->platform == platform) &&
         (range->since == 0 || at >= range->since) && (range->until == 0 || at < range->until);
}

static void
assert_same (const CoEngagement *a,
             const CoEngagement *b)
{
  g_assert_cmpuint (a->n_posts, ==, b->n_posts);
  g_assert_cmpint (a->views, ==, b->views);
  g_assert_cmpint (a->likes, ==, b->likes);
  g_assert_cmpint (a->comments, ==, b->comments);
  g_assert_cmpint (a->shares, ==, b->shares);
}

/* The weekday × hour matrix adds up to the weekdays along its rows and to
 * the hours down its columns. */
static void
check_week (const CoAnalyticsReport *report)
{
  for (int d = 0; d < 7; d++)
    {
      CoEngagement row = { 0 };

      for (int h = 0; h < 24; h++)
        co_engagement_add (&row, &report->week[d][h]);
      assert_same (&row, &report->weekdays[d]);
    }
  for (int h = 0; h < 24; h++)
    {
      CoEngagement column = { 0 };

      for (int d = 0; d < 7; d++)
        co_engagement_add (&column, &report->week[d][h]);
      assert_same (&column, &report->hours[h]);
    }
}

static void
check_report (DraftsFixture          *fx,
              const CoAnalyticsRange *range,
              GTimeZone              *zone,
              const Post             *posts,
              guint                   n_posts)
{
  CoAnalyticsReport report;
  CoEngagement total = { 0 }, hours = { 0 }, days = { 0 };
  CoEngagement platforms[CO_N_PLATFORMS] = { { 0 } };

  g_assert_true (co_analytics_report (fx->base.store, range, zone, &report, NULL));
  for (guint i = 0; i < n_posts; i++)
    if (in_range (range, posts[i].platform, posts[i].posted_at))
      {
        co_engagement_add (&total, &posts[i].counts[posts[i].n_samples - 1]);
        co_engagement_add (&platforms[posts[i].platform],
                           &posts[i].counts[posts[i].n_samples - 1]);
      }
  for (int h = 0; h < 24; h++)
    co_engagement_add (&hours, &report.hours[h]);
  for (int d = 0; d < 7; d++)
    co_engagement_add (&days, &report.weekdays[d]);
  assert_same (&report.total, &total);
  assert_same (&hours, &total);
  assert_same (&days, &total);
  for (int p = 0; p < CO_N_PLATFORMS; p++)
    assert_same (&report.platforms[p], &platforms[p]);
  check_week (&report);
}

/* The last counts of @post collected before @before (0: none before). */
static void
counts_before (const Post   *post,
               gint64        before,
               CoEngagement *out)
{
  *out = (CoEngagement){ 0 };
  for (guint s = 0; s < post->n_samples; s++)
    if (before == 0 || post->at[s] < before)
      *out = post->counts[s];
}

static void
check_daily (DraftsFixture          *fx,
             const CoAnalyticsRange *range,
             GTimeZone              *zone,
             const Post             *posts,
             guint                   n_posts)
{
  g_autoptr(GArray) days = co_analytics_daily (fx->base.store, range, zone, NULL);
  CoEngagement sum = { 0 }, expected = { 0 };

  for (guint i = 0; i < days->len; i++)
    co_engagement_add (&sum, &g_array_index (days, CoAnalyticsDay, i).gained);
  for (guint i = 0; i < n_posts; i++)
    {
      CoEngagement end, start;

      if (range->platform != NULL && *range->platform != posts[i].platform)
        continue;
      counts_before (&posts[i], range->until, &end);
      counts_before (&posts[i], range->since != 0 ? range->since : G_MININT64 + 1, &start);
      expected.views += end.views - start.views;
      expected.likes += end.likes - start.likes;
      expected.comments += end.comments - start.comments;
      expected.shares += end.shares - start.shares;
      for (guint s = 0; s < posts[i].n_samples; s++)
        expected.n_posts += in_range (range, posts[i].platform, posts[i].at[s]);
    }
  assert_same (&sum, &expected);
}

static void
random_range (GRand            *rand,
              CoAnalyticsRange *range,
              CoPlatform       *platform)
{
  gint64 a = random_time (rand), b = random_time (rand);

  *range = (CoAnalyticsRange){ 0 };
  if (g_rand_boolean (rand))
    range->since = MIN (a, b);
  if (g_rand_boolean (rand) && a != b)
    range->until = MAX (a, b) + 20 * G_TIME_SPAN_DAY * g_rand_boolean (rand);
  if (g_rand_boolean (rand))
    {
      *platform = g_rand_int_range (rand, 0, CO_N_PLATFORMS);
      range->platform = platform;
    }
}

static void
test_sums (DraftsFixture *fx,
           gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  guint n_posts = g_rand_int_range (rand, 0, MAX_POSTS + 1);
  g_autofree Post *posts = g_new0 (Post, n_posts + 1);

  plant (fx, rand, posts, n_posts);
  for (int r = 0; r < N_RANGES; r++)
    {
      CoAnalyticsRange range;
      CoPlatform platform;

      random_range (rand, &range, &platform);
      check_report (fx, &range, zone, posts, n_posts);
      check_daily (fx, &range, zone, posts, n_posts);
    }
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  DRAFTS_TEST ("/core/analytics/properties/sums", test_sums);
  return g_test_run ();
}
