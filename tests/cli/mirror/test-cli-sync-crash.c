/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "co-store-private.h"
#include "co-test-cli.h"
#include "co-test-couch.h"
#include "co-test-mirror.h"
#include "co-test-server.h"
#include "co-test-util.h"

/*
 * creatorops-cli killed with SIGKILL in the middle of a sync, at 20 or more
 * random moments of pushes and pulls (after a random number of the server's
 * answers), between edits: after syncing again, both libraries and the
 * server agree, no record is there twice, no edit is lost, and both
 * databases pass the integrity check.
 */

#define N_KILLS 20
#define MAX_RUNS (N_KILLS * 5)
#define N_NOTES 1200

typedef struct
{
  CoTestCouch *couch;
  const char  *needle;
  guint        after;
  GSubprocess *process;
} Killing;

static gboolean
time_to_kill (gpointer data)
{
  Killing *killing = data;

  return g_subprocess_get_identifier (killing->process) == NULL ||
         co_test_couch_count_log (killing->couch, killing->needle) >= killing->after;
}

/* Runs "sync --once" in @dir and kills it once the server answered @after
 * requests for the database (if it is still running then: returns whether
 * it was). */
static gboolean
sync_killed (const char  *dir,
             const char  *env,
             CoTestCouch *couch,
             const char  *needle,
             guint        after)
{
  const char *args[] = { "sync", "--once", NULL };
  CoCliOptions options = { dir, FALSE, NULL, env };
  Killing killing = { couch, needle, after, NULL };
  g_autoptr(GError) error = NULL;
  gboolean running;

  killing.process = co_test_cli_spawn (&options, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                 G_SUBPROCESS_FLAGS_STDERR_SILENCE, args);
  g_assert_true (co_test_wait_until (time_to_kill, &killing, 300000));
  running = g_subprocess_get_identifier (killing.process) != NULL;
  g_subprocess_send_signal (killing.process, SIGKILL);
  g_assert_true (g_subprocess_wait (killing.process, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (killing.process);
  return running;
}

static void
sync_fully (const char *dir,
            const char *env)
{
  CoCliOptions options = { dir, FALSE, NULL, env };
  const char *args[] = { "sync", "--once", NULL };
  g_autoptr(GSubprocess) process = co_test_cli_spawn (&options,
                                                      G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE, args);
  g_autoptr(CoCliRun) run = co_test_cli_finish (process, NULL);

  co_test_cli_assert_exit (run, 0);
}

/* A new note and a new title for an old one; both remembered. */
static void
edit (const char *dir,
      GRand      *rand,
      GPtrArray  *titles)
{
  g_autoptr(CoTestSide) side = co_test_side_open (dir);
  g_autoptr(GError) error = NULL;
  char *added = g_strdup_printf ("Added %u", titles->len);
  char *changed = g_strdup_printf ("Changed %u", titles->len + 1);

  co_test_side_add_note (side, added, NULL);
  g_assert_true (co_vault_update_text (side->vault, g_rand_int_range (rand, 1, N_NOTES + 1),
                                       changed, NULL, &error));
  g_assert_no_error (error);
  g_ptr_array_add (titles, added);
  g_ptr_array_add (titles, changed);
}

static void
assert_sound (const char *dir,
              GPtrArray  *titles,
              gint64      n_items)
{
  g_autoptr(CoTestSide) side = co_test_side_open (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  g_assert_true (co_store_check_integrity (side->store, TRUE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (co_test_side_count (side, "SELECT count (*) FROM vault_items"), ==, n_items);
  g_assert_cmpint (co_test_side_count (side, "SELECT count (DISTINCT doc_id) FROM mirror_records"),
                   ==, n_items);
  for (guint i = 0; i < titles->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM vault_items WHERE title = '%s'",
                                              (const char *)g_ptr_array_index (titles, i));

      /* A changed note may have been changed again later: only the last
       * title of each note must be there, which the states compare. */
      if (g_str_has_prefix (g_ptr_array_index (titles, i), "Added"))
        g_assert_cmpint (co_test_side_count (side, sql), ==, 1);
    }
}

static char *
state_of (const char *dir)
{
  g_autoptr(CoTestSide) side = co_test_side_open (dir);

  return co_test_side_state (side);
}

static void
test_killed (void)
{
  CoTestCouch *couch = co_test_couch_get ();
  g_autofree char *db = couch ? co_test_couch_new_db (couch, "killed") : NULL;
  g_autofree char *env = g_strdup_printf ("CREATOROPS_COUCHDB_URL=%s", db);
  char *dirs[2] = { co_test_make_temp_dir ("a"), co_test_make_temp_dir ("b") };
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *state_a = NULL;
  g_autofree char *state_b = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) info = NULL;
  guint n_killed = 0, n_runs = 0;
  gboolean finished = FALSE;

  if (db == NULL)
    {
      g_free (dirs[0]);
      g_free (dirs[1]);
      return;
    }
  rand = g_rand_new_with_seed (co_test_seed ());
  needle = g_strdup_printf ("/%s", strrchr (db, '/') + 1);
  {
    g_autoptr(CoTestSide) side = co_test_side_open (dirs[0]);

    for (guint i = 1; i <= N_NOTES; i++)
      {
        g_autofree char *title = g_strdup_printf ("Note %u", i);

        co_test_side_add_note (side, title, NULL);
      }
  }
  /* A sync that ends before its moment was not killed: the next run edits
   * first, so it has work, and is killed sooner.  Kills are counted until
   * there are enough, however fast this machine is. */
  while (n_killed < N_KILLS && n_runs < MAX_RUNS)
    {
      const char *dir = dirs[n_runs % 2];
      guint most = finished ? 3 : 10;

      if (n_runs % 4 == 0 || finished)
        edit (dirs[0], rand, titles);
      finished = !sync_killed (dir, env, couch, needle,
                               co_test_couch_count_log (couch, needle) +
                               g_rand_int_range (rand, 1, most));
      n_killed += !finished;
      n_runs++;
    }
  g_test_message ("%u of %u syncs were killed while they ran", n_killed, n_runs);
  g_assert_cmpuint (n_killed, >=, N_KILLS);
  sync_fully (dirs[0], env);
  sync_fully (dirs[1], env);
  sync_fully (dirs[0], env);
  state_a = state_of (dirs[0]);
  state_b = state_of (dirs[1]);
  g_assert_cmpstr (state_a, ==, state_b);
  assert_sound (dirs[0], titles, N_NOTES + titles->len / 2);
  assert_sound (dirs[1], titles, N_NOTES + titles->len / 2);
  path = g_strdup (needle);
  info = co_test_couch_request (couch, "GET", path, NULL, NULL, NULL);
  g_assert_nonnull (info);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (info), "doc_count"), ==,
                   N_NOTES + titles->len / 2);
  g_free (dirs[0]);
  g_free (dirs[1]);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  co_test_network_init (&argc, &argv);
  g_test_add_func ("/cli/sync/killed", test_killed);
  status = g_test_run ();
  co_test_couch_stop ();
  return status;
}
