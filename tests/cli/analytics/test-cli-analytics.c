/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "co-cli-exit.h"
#include "co-drafts.h"
#include "co-schedule.h"
#include "co-test-cli.h"
#include "co-test-util.h"

/*
 * The analytics commands, run as a script would: the built creatorops-cli
 * against a library whose metrics the test wrote through the schedule, as
 * the collector does.
 */

typedef struct
{
  char   *dir;
  char   *data_dir;
  gint64  now;
} Fixture;

static gint64
utc_usec (int year,
          int month,
          int day,
          int hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static gint64
fixture_clock (gpointer data)
{
  return ((Fixture *)data)->now;
}

static void
record (Fixture        *fixture,
        CoSchedule     *schedule,
        CoPlatform      platform,
        const char     *post_id,
        gint64          posted_at,
        gint64          views,
        gint64          likes)
{
  CoPostMetrics metrics = { platform, post_id, 0, posted_at, views, likes, 1, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (co_schedule_record_metrics (schedule, &metrics, &error));
  g_assert_no_error (error);
}

/* Two X posts (one collected twice) and one on YouTube. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoSchedule) schedule = NULL;

  fixture->dir = co_test_make_temp_dir ("cli-analytics");
  fixture->data_dir = g_build_filename (fixture->dir, "library", NULL);
  store = co_store_new (fixture->data_dir, NULL, &error);
  g_assert_no_error (error);
  drafts = co_drafts_new (store);
  co_drafts_set_clock (drafts, fixture_clock, fixture, NULL);
  schedule = co_schedule_new (drafts);
  fixture->now = utc_usec (2027, 3, 2, 12);
  record (fixture, schedule, CO_PLATFORM_X, "1001", utc_usec (2027, 3, 1, 18), 100, 10);
  record (fixture, schedule, CO_PLATFORM_X, "1002", utc_usec (2027, 3, 2, 9), 50, 0);
  record (fixture, schedule, CO_PLATFORM_YOUTUBE, "yt, \"one\"", utc_usec (2027, 3, 1, 20), 400,
          8);
  fixture->now = utc_usec (2027, 3, 3, 12);
  record (fixture, schedule, CO_PLATFORM_X, "1001", utc_usec (2027, 3, 1, 18), 300, 20);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

/* Every run reads dates at midnight UTC. */
#define run(fixture, ...) co_test_cli_run_in ((fixture)->data_dir, "TZ=UTC", __VA_ARGS__)

static JsonObject *
json_ok (CoCliRun *result)
{
  return json_node_get_object (co_test_cli_assert_json (result, CO_CLI_EXIT_OK));
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CoCliRun) result = run (fixture, "analytics", "--tz", "UTC", "--json", NULL);
  g_autoptr(CoCliRun) only_x = run (fixture, "analytics", "--platform", "x", "--since",
                                    "2027-03-02", "--json", NULL);
  g_autoptr(CoCliRun) text = run (fixture, "analytics", "--tz", "UTC", NULL);
  JsonObject *object = json_ok (result);
  JsonObject *total = json_object_get_object_member (object, "total");
  JsonObject *x = json_object_get_object_member (json_object_get_object_member (object,
                                                                               "platforms"),
                                                 "x");
  JsonArray *top = json_object_get_array_member (object, "top_posts");

  g_assert_cmpint (json_object_get_int_member (total, "posts"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (total, "views"), ==, 750);
  g_assert_cmpint (json_object_get_int_member (total, "likes"), ==, 28);
  g_assert_cmpint (json_object_get_int_member (x, "views"), ==, 350);
  /* (20 + 2 × 1) / 300 beats the others: X's 18:00 post on a Monday. */
  g_assert_cmpint (json_object_get_int_member (object, "best_hour"), ==, 18);
  g_assert_cmpstr (json_object_get_string_member (object, "best_weekday"), ==, "monday");
  g_assert_cmpint (json_array_get_length (top), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (top, 0),
                                                  "post_id"), ==, "yt, \"one\"");
  total = json_object_get_object_member (json_ok (only_x), "total");
  g_assert_cmpint (json_object_get_int_member (total, "posts"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (total, "views"), ==, 50);
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "Best hour to post: 18:00"));
  g_assert_nonnull (strstr (text->out, "YouTube"));
}

/* A range with a start is compared with the one as long before it. */
static void
test_growth (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CoCliRun) day = run (fixture, "analytics", "--since", "2027-03-02", "--until",
                                 "2027-03-03", "--json", NULL);
  g_autoptr(CoCliRun) text = run (fixture, "analytics", "--since", "2027-03-02", "--until",
                                  "2027-03-03", NULL);
  g_autoptr(CoCliRun) all = run (fixture, "analytics", "--json", NULL);
  JsonObject *object = json_ok (day);
  JsonObject *previous = json_object_get_object_member (object, "previous");
  JsonObject *growth = json_object_get_object_member (object, "growth");

  g_assert_cmpint (json_object_get_int_member (previous, "views"), ==, 700);
  g_assert_cmpint (json_object_get_int_member (previous, "posts"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (growth, "views"),
                                  (50.0 - 700.0) / 700.0, 1e-9);
  /* No comments before: nothing to grow from. */
  g_assert_true (json_object_get_null_member (growth, "shares"));
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "Views: -92.9 % against the period as long before it"));
  g_assert_true (json_object_get_null_member (json_ok (all), "growth"));
}

static void
test_post_and_daily (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CoCliRun) post = run (fixture, "analytics", "post", "x", "1001", "--tz", "UTC",
                                  "--json", NULL);
  g_autoptr(CoCliRun) daily = run (fixture, "analytics", "daily", "--platform", "x", "--tz",
                                   "UTC", "--json", NULL);
  JsonArray *samples = json_node_get_array (co_test_cli_assert_json (post, CO_CLI_EXIT_OK));
  JsonArray *days = json_node_get_array (co_test_cli_assert_json (daily, CO_CLI_EXIT_OK));
  JsonObject *second;

  g_assert_cmpint (json_array_get_length (samples), ==, 2);
  second = json_array_get_object_element (samples, 1);
  g_assert_cmpint (json_object_get_int_member (second, "views"), ==, 300);
  g_assert_cmpstr (json_object_get_string_member (second, "collected_at"), ==,
                   "2027-03-03T12:00:00Z");
  g_assert_cmpint (json_array_get_length (days), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (days, 1),
                                                  "date"), ==, "2027-03-03");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (days, 1), "views"),
                   ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (days, 0), "views"),
                   ==, 150);
}

/* --csv writes the view; an existing file is kept without --force. */
static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "posts.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(CoCliRun) first = NULL, again = NULL, forced = NULL, out = NULL;

  first = run (fixture, "analytics", "posts", "--platform", "youtube", "--csv", path, NULL);
  co_test_cli_assert_exit (first, CO_CLI_EXIT_OK);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "platform,post_id,draft_id,posted_at,collected_at,views,likes,comments,shares,"
                   "engagement_rate,posts\r\n"
                   "youtube,\"yt, \"\"one\"\"\",,2027-03-01T20:00:00Z,2027-03-02T12:00:00Z,"
                   "400,8,1,0,0.025000,1\r\n");
  again = run (fixture, "analytics", "posts", "--csv", path, "--json", NULL);
  co_test_cli_assert_exit (again, CO_CLI_EXIT_EXISTS);
  co_test_cli_assert_error_names (again, path);
  forced = run (fixture, "analytics", "posts", "--csv", path, "--force", NULL);
  co_test_cli_assert_exit (forced, CO_CLI_EXIT_OK);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\nx,1001,,"));
  out = run (fixture, "analytics", "--csv", "-", NULL);
  co_test_cli_assert_exit (out, CO_CLI_EXIT_OK);
  g_assert_true (g_str_has_prefix (out->out, "platform,views,likes,comments,shares,"));
  g_assert_true (g_str_has_suffix (out->out, "all,750,28,3,0,0.045333,3\r\n"));
}

/* Each bad input is refused with its exit code and a message naming it. */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct
  {
    const char *args[8];
    int         exit;
    const char *domain;
    const char *named;
  } cases[] = {
    { { "analytics", "--platform", "tiktok" }, CO_CLI_EXIT_INVALID, "co-platform-error-quark",
      "tiktok" },
    { { "analytics", "posts", "--since", "2027-13-01" }, CO_CLI_EXIT_USAGE, "co-cli-error-quark",
      "2027-13-01" },
    { { "analytics", "daily", "--until", "yesterday" }, CO_CLI_EXIT_USAGE, "co-cli-error-quark",
      "yesterday" },
    { { "analytics", "--since", "2027-03-02", "--until", "2027-03-01" }, CO_CLI_EXIT_INVALID,
      "co-analytics-error-quark", "2027-03-01" },
    { { "analytics", "post", "x", "404" }, CO_CLI_EXIT_NOT_FOUND, "co-analytics-error-quark",
      "404" },
    { { "analytics", "post", "myspace", "1" }, CO_CLI_EXIT_INVALID, "co-platform-error-quark",
      "myspace" },
    { { "analytics", "post", "x" }, CO_CLI_EXIT_USAGE, "co-cli-error-quark", "post's id" },
    { { "analytics", "stray" }, CO_CLI_EXIT_USAGE, "co-cli-error-quark", "stray" },
    { { "analytics", "posts", "--limit", "-1" }, CO_CLI_EXIT_USAGE, "co-cli-error-quark", "-1" },
    { { "analytics", "--tz", "Mars/Olympus" }, CO_CLI_EXIT_INVALID, "co-schedule-error-quark",
      "Mars/Olympus" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CoCliOptions options = { fixture->data_dir, FALSE, NULL, NULL };
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(CoCliRun) result = NULL;
      JsonObject *error;

      for (gsize a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (args, (char *)cases[i].args[a]);
      g_ptr_array_add (args, "--json");
      g_ptr_array_add (args, NULL);
      process = co_test_cli_spawn (&options,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                   (const char *const *)args->pdata);
      result = co_test_cli_finish (process, NULL);
      g_test_message ("case %zu: %s", i, result->err);
      co_test_cli_assert_exit (result, cases[i].exit);
      co_test_cli_assert_error_names (result, cases[i].named);
      error = json_object_get_object_member (json_node_get_object (
                                               co_test_cli_assert_json (result, cases[i].exit)),
                                             "error");
      g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, cases[i].domain);
    }
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CoCliRun) result = run (fixture, "analytics", "--since", "2030-01-01", NULL);

  co_test_cli_assert_exit (result, CO_CLI_EXIT_OK);
  g_assert_cmpstr (result->out, ==, "No post in this range has metrics yet.\n");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cli/analytics/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("summary", test_summary);
  ADD ("growth", test_growth);
  ADD ("post-and-daily", test_post_and_daily);
  ADD ("csv", test_csv);
  ADD ("bad-input", test_bad_input);
  ADD ("empty", test_empty);
#undef ADD
  return g_test_run ();
}
