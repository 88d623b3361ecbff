/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "co-store-private.h"
#include "co-test-cli.h"
#include "co-test-couch.h"
#include "co-test-mirror.h"
#include "co-test-proxy.h"
#include "co-test-s3.h"
#include "co-test-server.h"
#include "co-test-util.h"

/*
 * creatorops-cli killed with SIGKILL in the middle of a sync, at 20 or more
 * random moments of pushes and pulls (after a random number of the server's
 * answers), between edits: after syncing again, both libraries and the
 * server agree, no record is there twice, no edit is lost, and both
 * databases pass the integrity check.  And killed while it sends a file in
 * parts to s3rver: the next sync goes on with the parts the bucket lacks.
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

/* The CLI's part size: a file of more than two parts of it goes in three. */
#define CLI_PART_SIZE (16 * 1024 * 1024)

typedef struct
{
  guint    sent[4];      /* part uploads that reached the proxy, by number */
  guint    created;      /* uploads started */
  gboolean hold;         /* hold part 2's first request, never answering */
} Parts;

static void
parts_cb (CoTestServer      *server,
          SoupServerMessage *message,
          const char        *path,
          CoTestFault       *fault,
          gpointer           data)
{
  Parts *parts = data;
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));
  const char *number = query ? strstr (query, "partNumber=") : NULL;
  int n = number ? atoi (number + strlen ("partNumber=")) : 0;

  if (g_strcmp0 (query, "uploads=") == 0 || g_strcmp0 (query, "uploads") == 0)
    parts->created++;
  if (n < 1 || n > 3)
    return;
  parts->sent[n]++;
  if (n == 2 && parts->hold)
    {
      parts->hold = FALSE;
      fault->kind = CO_TEST_FAULT_HOLD;
    }
}

static gboolean
exited (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

static gboolean
held (gpointer data)
{
  return co_test_server_count_held (data) > 0;
}

/* Runs "sync --once" through the proxy, which this thread serves; kills it
 * once the proxy holds a request, when @kill. */
static GSubprocess *
sync_through (const char   *dir,
              const char   *env,
              CoTestServer *proxy,
              gboolean      kill)
{
  const char *args[] = { "sync", "--once", NULL };
  CoCliOptions options = { dir, FALSE, NULL, env };
  GSubprocess *process = co_test_cli_spawn (&options, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, args);

  if (kill)
    {
      g_assert_true (co_test_wait_until (held, proxy, 120000));
      g_subprocess_send_signal (process, SIGKILL);
    }
  g_assert_true (co_test_wait_until (exited, process, 120000));
  return process;
}

/* Killed while it sends the second part of a file in three: the next sync
 * sends parts 2 and 3 on the same upload, not part 1 again, and the bucket
 * holds the file. */
static void
test_killed_mid_upload (void)
{
  CoTestCouch *couch = co_test_couch_get ();
  CoTestS3 *s3 = couch ? co_test_s3_get () : NULL;
  g_autofree char *db = s3 ? co_test_couch_new_db (couch, "upload") : NULL;
  g_autofree char *bucket = s3 ? co_test_s3_new_bucket (s3, "killed") : NULL;
  g_autofree char *dir = co_test_make_temp_dir ("a");
  g_autofree char *env = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *key = NULL;
  g_autofree char *object = NULL;
  g_autoptr(CoTestServer) proxy = NULL;
  g_autoptr(GSubprocess) killed = NULL;
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(CoCliRun) setup = NULL;
  Parts parts = { .hold = TRUE };

  if (bucket == NULL)
    return;
  {
    g_autoptr(CoTestSide) side = co_test_side_open (dir);

    sha256 = co_test_side_add_file (side, "long.mp4", 2 * CLI_PART_SIZE + 4242, 7);
  }
  proxy = co_test_proxy_new (co_test_s3_get_url (s3));
  co_test_server_set_faults (proxy, parts_cb, &parts);
  env = g_strdup_printf ("CREATOROPS_S3_URL=http://%s:%s@%s/%s", CO_TEST_S3_KEY, CO_TEST_S3_KEY,
                         co_test_server_get_url (proxy) + strlen ("http://"), bucket);
  setup = co_test_cli_run_in (dir, NULL, "sync", "setup", "--couchdb", db, NULL);
  co_test_cli_assert_exit (setup, 0);

  killed = sync_through (dir, env, proxy, TRUE);
  g_assert_false (g_subprocess_get_if_exited (killed));
  g_assert_cmpuint (parts.created, ==, 1);
  g_assert_cmpuint (parts.sent[1], ==, 1);
  g_assert_cmpuint (parts.sent[2], ==, 1);

  again = sync_through (dir, env, proxy, FALSE);
  g_assert_true (g_subprocess_get_if_exited (again));
  g_assert_cmpint (g_subprocess_get_exit_status (again), ==, 0);
  g_assert_cmpuint (parts.created, ==, 1);
  g_assert_cmpuint (parts.sent[1], ==, 1);
  g_assert_cmpuint (parts.sent[2], ==, 2);
  g_assert_cmpuint (parts.sent[3], ==, 1);
  /* The object s3rver keeps is the file. */
  key = g_strconcat ("blobs/", sha256, NULL);
  object = co_test_s3_object_path (s3, bucket, key);
  co_test_assert_file_sha256 (object, 2 * CLI_PART_SIZE + 4242, sha256);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  co_test_network_init (&argc, &argv);
  g_test_add_func ("/cli/sync/killed", test_killed);
  g_test_add_func ("/cli/sync/killed-mid-upload", test_killed_mid_upload);
  status = g_test_run ();
  co_test_couch_stop ();
  co_test_s3_stop ();
  return status;
}
