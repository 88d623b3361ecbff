/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>

#include "co-outbox.h"
#include "co-test-publishing.h"
#include "co-test-secrets.h"
#include "co-test-util.h"
#include "co-x-client.h"

/*
 * SIGKILL of creatorops-cli while it sends the outbox, at random moments: as
 * X receives a request (nothing done), after X posted but before it answers,
 * and just after the answer was written (the CLI may or may not have committed
 * it).  After every kill the next run recovers; at the end X must have every
 * post exactly once.
 */

#define MIN_KILLS 20

typedef enum
{
  KILL_ON_ARRIVAL,
  KILL_BEFORE_ANSWER,
  KILL_AFTER_ANSWER,
  N_KILL_MODES,
} KillMode;

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
  gint64            account;
} Fixture;

static gboolean
is_x_work (Fixture    *fixture,
           const char *path)
{
  g_autofree char *timeline = g_strdup_printf ("/2/users/%s/tweets",
                                               fixture->publishing.user_id);

  return g_str_equal (path, "/2/tweets") || g_str_equal (path, timeline);
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

  if (!is_x_work (fixture, path) || fixture->kill_at == 0 ||
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

  if (fixture->kill_on_finish && is_x_work (fixture, path))
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
  co_test_assert_finalized (fixture->outbox, 1000);
  co_test_assert_finalized (fixture->store, 1000);
  co_test_publishing_clear (&fixture->publishing);
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

      operation = co_x_client_enqueue_post (fixture->outbox, fixture->account, text, 0,
                                            g_get_real_time (), &error);
      g_assert_no_error (error);
      g_ptr_array_add (fixture->texts, g_steal_pointer (&text));
    }
}

/* One `outbox send`, killed at the kill_at-th request to X if it gets there. */
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

static void
check_exactly_once (Fixture *fixture)
{
  g_autoptr(GListModel) all = co_outbox_list (fixture->outbox, 0, NULL);
  g_autofree char *report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (co_store_check_integrity (fixture->store, TRUE, &report, &error));
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, fixture->texts->len);
  for (guint i = 0; i < fixture->texts->len; i++)
    {
      const char *text = g_ptr_array_index (fixture->texts, i);
      g_autoptr(CoOutboxOperation) operation = g_list_model_get_item (all, i);

      g_assert_cmpuint (co_test_x_count_text (fixture->publishing.x, text), ==, 1);
      g_assert_cmpint (co_outbox_operation_get_state (operation), ==, CO_OUTBOX_DONE);
      g_assert_cmpstr (co_outbox_operation_get_remote_id (operation), ==,
                       co_test_x_id_of (fixture->publishing.x, text));
    }
  g_assert_cmpuint (co_test_x_n_posts (fixture->publishing.x), ==, fixture->texts->len);
}

static void
test_kill_while_sending (Fixture       *fixture,
                         gconstpointer  data)
{
  guint kills = 0, runs = 0;

  if (co_test_skip_without_keyring ())
    return;
  fixture->rand = g_rand_new_with_seed (co_test_seed ());
  fixture->account = co_test_publishing_add_account (&fixture->publishing);
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
