/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-analytics.h"
#include "co-cli-exit.h"
#include "co-test-cli.h"
#include "co-test-util.h"

/* metrics import: a platform's CSV export into the metrics analytics reads,
 * bad rows reported by line, run as a script would. */

#define run(data_dir, ...) co_test_cli_run_in (data_dir, NULL, __VA_ARGS__)

static void
test_import (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("cli-metrics-import");
  g_autofree char *data_dir = g_build_filename (dir, "library", NULL);
  g_autofree char *csv = co_test_write_file (dir, "youtube.csv",
                                             "Post_ID,Date,Views,Likes,Comments,Shares\r\n"
                                             "abc,2027-03-01,1000,50,5,2\r\n"
                                             "\"d,ef\",2027-03-02T10:00:00Z,200,10,1,0\r\n"
                                             "bad,2027-03-03,-1,0,0,0\r\n"
                                             "late,someday,1,0,0,0\r\n"
                                             ",2027-03-03,1,0,0,0\r\n", -1);
  g_autofree char *no_views = co_test_write_file (dir, "short.csv", "post_id,date\nabc,2027-03-01\n",
                                                  -1);
  g_autoptr(CoCliRun) import = NULL, json = NULL, missing = NULL, no_platform = NULL;
  g_autoptr(GArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  CoAnalyticsRange all = { 0 };
  JsonObject *report;
  JsonArray *skipped;

  import = run (data_dir, "metrics", "import", csv, "--platform", "youtube", "--tz", "UTC", NULL);
  co_test_cli_assert_exit (import, CO_CLI_EXIT_PARTIAL);
  g_assert_nonnull (strstr (import->out, "2 of 5 rows imported"));
  g_assert_nonnull (strstr (import->err, "line 4 skipped: views “-1”"));
  g_assert_nonnull (strstr (import->err, "line 5 skipped"));
  g_assert_nonnull (strstr (import->err, "line 6 skipped"));
  json = run (data_dir, "metrics", "import", csv, "--platform", "youtube", "--json", NULL);
  report = json_node_get_object (co_test_cli_assert_json (json, CO_CLI_EXIT_PARTIAL));
  skipped = json_object_get_array_member (report, "skipped");
  g_assert_cmpint (json_object_get_int_member (report, "rows"), ==, 5);
  g_assert_cmpuint (json_array_get_length (skipped), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (skipped, 2),
                                               "line"), ==, 6);
  {
    g_autoptr(CoStore) store = co_store_new (data_dir, NULL, &error);

    g_assert_no_error (error);
    posts = co_analytics_list_posts (store, &all, 0, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (posts->len, ==, 2);
  g_assert_cmpstr (g_array_index (posts, CoAnalyticsPost, 0).post_id, ==, "abc");
  g_assert_cmpint (g_array_index (posts, CoAnalyticsPost, 0).counts.views, ==, 1000);
  g_assert_cmpint (g_array_index (posts, CoAnalyticsPost, 0).platform, ==, CO_PLATFORM_YOUTUBE);
  g_assert_cmpstr (g_array_index (posts, CoAnalyticsPost, 1).post_id, ==, "d,ef");
  g_assert_cmpint (g_array_index (posts, CoAnalyticsPost, 1).posted_at, ==,
                   G_GINT64_CONSTANT (1803981600) * G_USEC_PER_SEC);

  missing = run (data_dir, "metrics", "import", no_views, "--platform", "x", NULL);
  co_test_cli_assert_exit (missing, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (missing->err, "short.csv"));
  g_assert_nonnull (strstr (missing->err, "“views”"));
  no_platform = run (data_dir, "metrics", "import", csv, NULL);
  co_test_cli_assert_exit (no_platform, CO_CLI_EXIT_USAGE);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  g_test_add_func ("/cli/metrics/import", test_import);
  return g_test_run ();
}
