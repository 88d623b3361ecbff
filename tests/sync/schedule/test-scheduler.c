/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-scheduler.h"
#include "co-test-slow.h"
#include "co-test-x.h"
#include "co-x-client.h"
#include "../publish/publish-fixture.h"

/* The scheduler against X's loopback fake.  A pass waits on a private
 * context, so it runs in a thread while this one serves the fake. */

#define HOUR (G_GINT64_CONSTANT (3600) * SECOND)

typedef struct
{
  Fixture      base;
  CoTestX     *x;
  CoDrafts    *drafts;
  CoSchedule  *schedule;
  CoPublisher *publisher;
  CoScheduler *scheduler;
} SchedulerFixture;

static void
fixture_set_up (SchedulerFixture *fixture,
                gconstpointer     data)
{
  fixture_init (&fixture->base, CO_PLATFORM_X, CO_SERVICE_X, "client-x");
  fixture->x = co_test_x_new (fixture->base.server, fixture->base.provider,
                              fixture->base.user_id, "creator");
  fixture_add_client (&fixture->base, co_x_client_new (fixture->base.accounts));
  fixture->publisher = fixture_new_publisher (&fixture->base, &fixture->drafts,
                                              &fixture->schedule);
  fixture->scheduler = co_scheduler_new (fixture->publisher);
}

static void
fixture_tear_down (SchedulerFixture *fixture,
                   gconstpointer     data)
{
  co_test_assert_finalized (fixture->scheduler, 2000);
  co_test_assert_finalized (fixture->publisher, 2000);
  co_test_assert_finalized (fixture->schedule, 2000);
  co_test_assert_finalized (fixture->drafts, 2000);
  g_clear_pointer (&fixture->x, co_test_x_free);
  fixture_clear (&fixture->base);
}

/* A Scheduled draft for X at an hour from now. */
static gint64
schedule_post (SchedulerFixture *fixture,
               const char       *text)
{
  CoPlatform x[] = { CO_PLATFORM_X };
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Later", text, x, 1, NULL, 0 };
  g_autoptr(CoScheduleEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = co_drafts_create (fixture->drafts, &spec, &error);

  g_assert_no_error (error);
  entry = co_schedule_add (fixture->schedule, id, CO_PLATFORM_X,
                           co_drafts_now (fixture->drafts) + HOUR, "UTC", &error);
  g_assert_no_error (error);
  g_assert_true (co_drafts_move (fixture->drafts, id, CO_DRAFT_STAGE_SCHEDULED, &error));
  g_assert_no_error (error);
  return id;
}

typedef struct
{
  CoScheduler *scheduler;
  gboolean     done;
  GPtrArray   *posts;
  GError      *error;
} Pass1;

static gpointer
run_pass (gpointer data)
{
  Pass1 *pass = data;

  pass->posts = co_scheduler_run_once_sync (pass->scheduler, NULL, &pass->error);
  g_atomic_int_set (&pass->done, TRUE);
  return NULL;
}

static GPtrArray *
run_once (SchedulerFixture *fixture)
{
  Pass1 pass = { fixture->scheduler, FALSE, NULL, NULL };
  GThread *thread = g_thread_new ("scheduler", run_pass, &pass);

  co_test_wait_flag (&pass.done, 30000);
  g_thread_join (thread);
  g_assert_no_error (pass.error);
  return pass.posts;
}

/* A post that comes due while the calendar is watched goes out once. */
static void
test_due_sent (SchedulerFixture *fixture,
               gconstpointer     data)
{
  const char *text = "Due at ten";
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(CoAccount) account = fixture_add_account (&fixture->base);
  CoScheduledPost *post;
  gint64 id;

  if (account == NULL)
    return;
  id = schedule_post (fixture, text);
  before = run_once (fixture);
  g_assert_cmpuint (before->len, ==, 0);
  g_assert_cmpuint (co_test_x_n_posts (fixture->x), ==, 0);

  co_test_clock_advance (fixture->base.clock, 2 * HOUR);
  posts = run_once (fixture);
  g_assert_cmpuint (posts->len, ==, 1);
  post = posts->pdata[0];
  g_assert_false (post->missed);
  g_assert_cmpint (post->action, ==, CO_SCHEDULED_SENT);
  g_assert_cmpint (post->outcome->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpuint (co_test_x_count_text (fixture->x, text), ==, 1);
  g_assert_cmpint (draft_stage (fixture->drafts, id), ==, CO_DRAFT_STAGE_PUBLISHED);

  after = run_once (fixture);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_cmpuint (co_test_x_n_posts (fixture->x), ==, 1);
}

/* A post that came due while nothing ran, with the policy of @data. */
static void
test_missed (SchedulerFixture *fixture,
             gconstpointer     data)
{
  CoMissedPolicy policy = GPOINTER_TO_INT (data);
  const char *text = "Due while closed";
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(CoAccount) account = fixture_add_account (&fixture->base);
  CoScheduledPost *post;
  gint64 id;

  if (account == NULL)
    return;
  id = schedule_post (fixture, text);
  co_test_clock_advance (fixture->base.clock, 2 * HOUR);
  co_scheduler_set_missed_policy (fixture->scheduler, policy);
  posts = run_once (fixture);
  g_assert_cmpuint (posts->len, ==, 1);
  post = posts->pdata[0];
  g_assert_true (post->missed);
  switch (policy)
    {
    case CO_MISSED_SEND:
      g_assert_cmpint (post->action, ==, CO_SCHEDULED_SENT);
      g_assert_cmpuint (co_test_x_count_text (fixture->x, text), ==, 1);
      g_assert_cmpint (draft_stage (fixture->drafts, id), ==, CO_DRAFT_STAGE_PUBLISHED);
      break;
    case CO_MISSED_ASK:
      g_assert_cmpint (post->action, ==, CO_SCHEDULED_ASKED);
      g_assert_null (post->outcome);
      g_assert_cmpint (draft_stage (fixture->drafts, id), ==, CO_DRAFT_STAGE_SCHEDULED);
      /* Still missed, and still asked about, on the next pass. */
      again = run_once (fixture);
      g_assert_cmpuint (again->len, ==, 1);
      g_assert_cmpint (((CoScheduledPost *)again->pdata[0])->action, ==, CO_SCHEDULED_ASKED);
      g_assert_cmpuint (co_test_x_n_posts (fixture->x), ==, 0);
      break;
    case CO_MISSED_SKIP:
      g_assert_cmpint (post->action, ==, CO_SCHEDULED_SKIPPED);
      g_assert_cmpint (draft_stage (fixture->drafts, id), ==, CO_DRAFT_STAGE_DRAFT);
      again = run_once (fixture);
      g_assert_cmpuint (again->len, ==, 0);
      g_assert_cmpuint (co_test_x_n_posts (fixture->x), ==, 0);
      break;
    }
}

static void
test_policy_names (void)
{
  CoMissedPolicy policy;

  g_assert_true (co_missed_policy_from_string ("skip", &policy));
  g_assert_cmpint (policy, ==, CO_MISSED_SKIP);
  g_assert_true (co_missed_policy_from_string ("send", &policy));
  g_assert_cmpint (policy, ==, CO_MISSED_SEND);
  g_assert_false (co_missed_policy_from_string ("later", &policy));
}

int
main (int   argc,
      char *argv[])
{
  publish_test_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add ("/sync/schedule/scheduler/" path, SchedulerFixture, GINT_TO_POINTER (data), \
              fixture_set_up, func, fixture_tear_down)
  ADD ("due-sent", test_due_sent, 0);
  ADD ("missed-send", test_missed, CO_MISSED_SEND);
  ADD ("missed-ask", test_missed, CO_MISSED_ASK);
  ADD ("missed-skip", test_missed, CO_MISSED_SKIP);
#undef ADD
  g_test_add_func ("/sync/schedule/scheduler/policy-names", test_policy_names);

  return g_test_run ();
}
