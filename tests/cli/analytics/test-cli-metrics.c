/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-cli-exit.h"
#include "co-drafts.h"
#include "co-test-publishing.h"
#include "co-test-secrets.h"
#include "co-test-util.h"

/* metrics pull, show and export, and the scheduler's pulls, against X's
 * loopback fake, the CLI a child of this process. */

typedef struct
{
  CoTestPublishing  publishing;
  CoStore          *store;
  CoDrafts         *drafts;
  GPtrArray        *runs;      /* CoCliRun, every run, for their output */
  char             *post_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  co_test_publishing_init (&fixture->publishing);
  fixture->store = co_test_publishing_open_store (&fixture->publishing);
  fixture->drafts = co_drafts_new (fixture->store);
  fixture->runs = g_ptr_array_new_with_free_func ((GDestroyNotify)co_cli_run_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_ptr_array_unref (fixture->runs);
  g_free (fixture->post_id);
  co_test_assert_finalized (fixture->drafts, 1000);
  co_test_assert_finalized (fixture->store, 1000);
  co_test_publishing_clear (&fixture->publishing);
}

/* Runs the CLI; the run stays with the fixture. */
static CoCliRun *
run (Fixture    *fixture,
     const char *first,
     ...)
{
  const char *args[12] = { first };
  va_list list;
  guint n = 1;
  CoCliRun *done;

  va_start (list, first);
  while (n < G_N_ELEMENTS (args) - 1 && (args[n] = va_arg (list, const char *)) != NULL)
    n++;
  va_end (list);
  args[n] = NULL;
  g_assert_cmpuint (n, <, G_N_ELEMENTS (args) - 1);
  done = co_test_publishing_run (&fixture->publishing, NULL, args[0], args[1], args[2], args[3],
                                 args[4], args[5], args[6], args[7], args[8], args[9], args[10],
                                 NULL);
  g_ptr_array_add (fixture->runs, done);
  return done;
}

/* Connects X and publishes a draft there through the CLI; FALSE without a keyring. */
static gboolean
publish_one (Fixture *fixture)
{
  const CoPlatform x[] = { CO_PLATFORM_X };
  const char *text = "Metrics, please";
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Launch", text, x, 1, NULL, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (co_test_skip_without_keyring ())
    return FALSE;
  co_test_publishing_add_account (&fixture->publishing);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, co_drafts_create (fixture->drafts, &spec, &error));
  g_assert_no_error (error);
  co_test_cli_assert_exit (run (fixture, "publish", id, NULL), CO_CLI_EXIT_OK);
  fixture->post_id = g_strdup (co_test_x_id_of (fixture->publishing.x, text));
  g_assert_nonnull (fixture->post_id);
  return TRUE;
}

static void
set_counts (Fixture *fixture,
            gint64   views)
{
  co_test_metrics_set (co_test_x_get_metrics (fixture->publishing.x), fixture->post_id, views, 12,
                       3, 2);
}

/* The views `metrics show --json` gives the post. */
static gint64
shown_views (Fixture *fixture)
{
  CoCliRun *shown = run (fixture, "metrics", "show", "--json", NULL);
  JsonArray *posts = json_node_get_array (co_test_cli_assert_json (shown, CO_CLI_EXIT_OK));
  JsonObject *post;

  g_assert_cmpuint (json_array_get_length (posts), ==, 1);
  post = json_array_get_object_element (posts, 0);
  g_assert_cmpstr (json_object_get_string_member (post, "post_id"), ==, fixture->post_id);
  g_assert_cmpint (json_object_get_int_member (post, "likes"), ==, 12);
  return json_object_get_int_member (post, "views");
}

/* No output of any run holds a token the sign-in issued. */
static void
assert_no_token_printed (Fixture *fixture)
{
  GPtrArray *issued = co_test_oauth_get_issued (fixture->publishing.provider);

  g_assert_cmpuint (issued->len, >, 0);
  for (guint i = 0; i < fixture->runs->len; i++)
    {
      CoCliRun *done = fixture->runs->pdata[i];

      co_test_assert_no_secret ("the output", done->out, strlen (done->out), issued);
      co_test_assert_no_secret ("the errors", done->err, strlen (done->err), issued);
    }
  co_test_assert_no_secret_in_dir (fixture->publishing.data_dir, issued);
}

/* pull collects the published post's counts, per platform; show and export
 * give them back; a bad platform is refused by name. */
static void
test_pull (Fixture       *fixture,
           gconstpointer  data)
{
  CoCliRun *pulled, *exported, *bad;
  JsonArray *platforms;
  g_autofree char *views = NULL;

  if (!publish_one (fixture))
    return;
  set_counts (fixture, 4321);
  pulled = run (fixture, "metrics", "pull", "--json", NULL);
  platforms = json_node_get_array (co_test_cli_assert_json (pulled, CO_CLI_EXIT_OK));
  g_assert_cmpuint (json_array_get_length (platforms), ==, CO_N_PLATFORMS);
  for (guint i = 0; i < json_array_get_length (platforms); i++)
    {
      JsonObject *one = json_array_get_object_element (platforms, i);
      gboolean x = g_str_equal (json_object_get_string_member (one, "platform"), "x");

      g_assert_false (json_object_has_member (one, "error"));
      g_assert_cmpint (json_object_get_int_member (one, "posts"), ==, x ? 1 : 0);
      g_assert_cmpint (json_object_get_int_member (one, "pulled"), ==, x ? 1 : 0);
    }
  g_assert_cmpint (shown_views (fixture), ==, 4321);

  exported = run (fixture, "metrics", "export", NULL);
  co_test_cli_assert_exit (exported, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (exported->out, fixture->post_id));
  g_assert_nonnull (strstr (exported->out, "4321"));

  bad = run (fixture, "metrics", "pull", "--platform", "myspace", NULL);
  g_assert_cmpint (bad->status, !=, CO_CLI_EXIT_OK);
  co_test_cli_assert_error_names (bad, "myspace");
  assert_no_token_printed (fixture);
}

/* X fails: the pull says so, with the partial exit code, as text. */
static void
test_pull_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  CoTestFault unavailable = { CO_TEST_FAULT_STATUS, 503, NULL, 0 };
  CoCliRun *pulled;

  if (!publish_one (fixture))
    return;
  set_counts (fixture, 10);
  for (guint i = 0; i < 8; i++)
    co_test_server_push_fault (fixture->publishing.server, &unavailable);
  pulled = run (fixture, "metrics", "pull", "--platform", "x", NULL);
  co_test_cli_assert_exit (pulled, CO_CLI_EXIT_PARTIAL);
  g_assert_nonnull (strstr (pulled->out, "X: metrics of 0 of 1 published posts collected; "
                                         "failed:"));
  g_assert_nonnull (strstr (pulled->out, "503"));
  assert_no_token_printed (fixture);
}

/* The scheduler pulls at its first pass, unless told never to. */
static void
test_scheduler_pulls (Fixture       *fixture,
                      gconstpointer  data)
{
  CoTestServer *server = fixture->publishing.server;
  CoCliRun *never, *pulled;
  guint before;

  if (!publish_one (fixture))
    return;
  set_counts (fixture, 50);
  before = co_test_server_count (server, "GET", "/2/tweets");
  never = run (fixture, "scheduler", "run", "--once", "--metrics-every", "0", NULL);
  co_test_cli_assert_exit (never, CO_CLI_EXIT_OK);
  g_assert_cmpuint (co_test_server_count (server, "GET", "/2/tweets"), ==, before);

  pulled = run (fixture, "scheduler", "run", "--once", "--metrics-every", "60", NULL);
  co_test_cli_assert_exit (pulled, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (pulled->out, "X: metrics of 1 of 1 published posts collected"));
  g_assert_cmpuint (co_test_server_count (server, "GET", "/2/tweets"), ==, before + 1);
  g_assert_cmpint (shown_views (fixture), ==, 50);
  co_test_cli_assert_exit (run (fixture, "scheduler", "run", "--once", "--metrics-every",
                                "-5", NULL),
                           CO_CLI_EXIT_USAGE);
  assert_no_token_printed (fixture);
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cli/metrics/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("pull", test_pull);
  ADD ("pull-fails", test_pull_fails);
  ADD ("scheduler", test_scheduler_pulls);
#undef ADD

  return g_test_run ();
}
