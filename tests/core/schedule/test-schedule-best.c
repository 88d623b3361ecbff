/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "drafts-fixture.h"

static void
record (DraftsFixture *fx,
        CoPlatform     platform,
        gint64         posted_at,
        gint64         views,
        gint64         likes)
{
  static int counter;
  g_autofree char *post_id = g_strdup_printf ("post-%d", ++counter);
  CoPostMetrics metrics = { platform, post_id, 0, posted_at, views, likes, 0, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (co_schedule_record_metrics (fx->schedule, &metrics, &error));
  g_assert_no_error (error);
}

/* Six good Thursdays at 17:00 UTC and six weak Mondays at 08:00 UTC, in
 * January (CET, UTC+1). */
static void
plant_history (DraftsFixture *fx)
{
  for (int week = 0; week < 6; week++)
    {
      gint64 weeks = week * 7 * G_TIME_SPAN_DAY;

      record (fx, CO_PLATFORM_X, utc_usec (2027, 1, 7, 17, 0) + weeks, 100, 36);
      record (fx, CO_PLATFORM_X, utc_usec (2027, 1, 4, 8, 0) + weeks, 100, 1);
    }
}

static CoBestTime
best_at (GArray *best,
         guint   index)
{
  return g_array_index (best, CoBestTime, index);
}

static void
test_defaults (DraftsFixture *fx,
               gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GArray) best = NULL;
  g_autoptr(GError) error = NULL;
  CoBestTimesSource source = CO_BEST_TIMES_HISTORY;

  for (int i = 0; i < CO_BEST_TIMES_MIN_POSTS - 1; i++)
    record (fx, CO_PLATFORM_X, utc_usec (2027, 1, 1 + i, 20, 0), 10, 5);
  best = co_schedule_best_times (fx->schedule, CO_PLATFORM_X, berlin, 3, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, CO_BEST_TIMES_DEFAULTS);
  g_assert_cmpstr (co_best_times_source_to_string (source), ==, "defaults");
  g_assert_cmpint (best->len, ==, 3);
  g_assert_cmpint (best_at (best, 0).weekday, ==, 2);
  g_assert_cmpint (best_at (best, 0).hour, ==, 9);
  g_assert_cmpint (best_at (best, 0).n_posts, ==, 0);
  g_assert_cmpfloat (best_at (best, 0).score, >, best_at (best, 1).score);
}

static void
test_history (DraftsFixture *fx,
              gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GArray) local = NULL;
  g_autoptr(GArray) in_utc = NULL;
  g_autoptr(GArray) other = NULL;
  CoBestTimesSource source = CO_BEST_TIMES_DEFAULTS;
  CoBestTimesSource other_source = CO_BEST_TIMES_HISTORY;

  plant_history (fx);
  local = co_schedule_best_times (fx->schedule, CO_PLATFORM_X, berlin, 10, &source, NULL);
  g_assert_cmpint (source, ==, CO_BEST_TIMES_HISTORY);
  g_assert_cmpint (local->len, ==, 2);
  g_assert_cmpint (best_at (local, 0).weekday, ==, 4);
  g_assert_cmpint (best_at (local, 0).hour, ==, 18);
  g_assert_cmpint (best_at (local, 0).n_posts, ==, 6);
  g_assert_cmpint (best_at (local, 1).weekday, ==, 1);
  g_assert_cmpint (best_at (local, 1).hour, ==, 9);
  in_utc = co_schedule_best_times (fx->schedule, CO_PLATFORM_X, utc, 10, NULL, NULL);
  g_assert_cmpint (best_at (in_utc, 0).hour, ==, 17);
  /* Another platform has no history of its own. */
  other = co_schedule_best_times (fx->schedule, CO_PLATFORM_LINKEDIN, berlin, 10, &other_source,
                                  NULL);
  g_assert_cmpint (other_source, ==, CO_BEST_TIMES_DEFAULTS);
}

/* One lucky post does not outrank a slot that does well every week. */
static void
test_smoothing (DraftsFixture *fx,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GArray) best = NULL;

  plant_history (fx);
  record (fx, CO_PLATFORM_X, utc_usec (2027, 1, 10, 20, 0), 10, 5);
  best = co_schedule_best_times (fx->schedule, CO_PLATFORM_X, utc, 10, NULL, NULL);
  g_assert_cmpint (best->len, ==, 3);
  g_assert_cmpint (best_at (best, 0).weekday, ==, 4);
  g_assert_cmpint (best_at (best, 1).weekday, ==, 7);
  g_assert_cmpint (best_at (best, 1).n_posts, ==, 1);
}

static void
test_suggest (DraftsFixture *fx,
              gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 taken = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Taken", "t", CO_PLATFORM_X);
  g_autoptr(GArray) suggestions = NULL;
  g_autoptr(GArray) defaults = NULL;
  g_autoptr(GError) error = NULL;
  CoBestTimesSource source = CO_BEST_TIMES_DEFAULTS;

  plant_history (fx);
  /* Monday 1 March 2027, 12:00 UTC: Thursday 18:00 CET is taken. */
  schedule_ok (fx, taken, CO_PLATFORM_X, utc_usec (2027, 3, 4, 17, 0));
  suggestions = co_schedule_suggest (fx->schedule, CO_PLATFORM_X, berlin, 5, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, CO_BEST_TIMES_HISTORY);
  g_assert_cmpint (suggestions->len, ==, 2);
  g_assert_cmpint (g_array_index (suggestions, CoTimeSuggestion, 0).at, ==,
                   utc_usec (2027, 3, 4, 17, 5));
  g_assert_cmpint (g_array_index (suggestions, CoTimeSuggestion, 1).at, ==,
                   utc_usec (2027, 3, 8, 8, 0));
  defaults = co_schedule_suggest (fx->schedule, CO_PLATFORM_LINKEDIN, berlin, 1, &source, NULL);
  g_assert_cmpint (source, ==, CO_BEST_TIMES_DEFAULTS);
  g_assert_cmpint (defaults->len, ==, 1);
  g_assert_cmpint (g_array_index (defaults, CoTimeSuggestion, 0).at, ==,
                   utc_usec (2027, 3, 2, 8, 0));
}

static void
test_metrics_input (DraftsFixture *fx,
                    gconstpointer  data)
{
  CoPostMetrics empty = { CO_PLATFORM_X, "", 0, 1, 0, 0, 0, 0 };
  CoPostMetrics negative = { CO_PLATFORM_X, "p", 0, 1, -5, 0, 0, 0 };
  CoPostMetrics update = { CO_PLATFORM_X, "p", 0, 1, 50, 7, 1, 0 };
  g_autoptr(GError) empty_error = NULL;
  g_autoptr(GError) negative_error = NULL;

  g_assert_false (co_schedule_record_metrics (fx->schedule, &empty, &empty_error));
  g_assert_error (empty_error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_INVALID);
  g_assert_false (co_schedule_record_metrics (fx->schedule, &negative, &negative_error));
  g_assert_error (negative_error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_INVALID);
  g_assert_nonnull (strstr (negative_error->message, "“p”"));
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM post_metrics"), ==, 0);
  g_assert_true (co_schedule_record_metrics (fx->schedule, &update, NULL));
  update.likes = 9;
  g_assert_true (co_schedule_record_metrics (fx->schedule, &update, NULL));
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM post_metrics"), ==, 1);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT likes FROM post_metrics"), ==, 9);
}

static void
test_suggest_async (DraftsFixture *fx,
                    gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  CoBestTimesSource source = CO_BEST_TIMES_HISTORY;

  co_schedule_suggest_async (fx->schedule, CO_PLATFORM_YOUTUBE, utc, 2, NULL, done_cb, &result);
  suggestions = co_schedule_suggest_finish (fx->schedule, wait_result (&result), &source,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, CO_BEST_TIMES_DEFAULTS);
  g_assert_cmpint (suggestions->len, ==, 2);
  /* YouTube's first default: Friday 15:00. */
  g_assert_cmpint (g_array_index (suggestions, CoTimeSuggestion, 0).at, ==,
                   utc_usec (2027, 3, 5, 15, 0));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  DRAFTS_TEST ("/core/schedule/best/defaults", test_defaults);
  DRAFTS_TEST ("/core/schedule/best/history", test_history);
  DRAFTS_TEST ("/core/schedule/best/smoothing", test_smoothing);
  DRAFTS_TEST ("/core/schedule/best/suggest", test_suggest);
  DRAFTS_TEST ("/core/schedule/best/suggest-async", test_suggest_async);
  DRAFTS_TEST ("/core/schedule/best/metrics-input", test_metrics_input);

  return g_test_run ();
}
