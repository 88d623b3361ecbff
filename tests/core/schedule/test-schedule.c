/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-schedule-private.h"
#include "drafts-fixture.h"

#define MINUTE G_TIME_SPAN_MINUTE

static void
assert_nothing_changed (DraftsFixture *fx,
                        const char    *before)
{
  g_autofree char *after = fingerprint (fx->base.store);

  g_assert_cmpstr (before, ==, after);
}

static void
test_add (DraftsFixture *fx,
          gconstpointer  data)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Teaser", "Soon", CO_PLATFORM_X);
  gint64 at = utc_usec (2027, 3, 2, 8, 0);
  g_autoptr(CoScheduleEntry) entry = NULL;
  g_autoptr(CoScheduleEntry) again = NULL;
  g_autoptr(CoDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  entry = co_schedule_add (fx->schedule, id, CO_PLATFORM_X, at, "Europe/Berlin", &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_schedule_entry_get_draft_id (entry), ==, id);
  g_assert_cmpstr (co_schedule_entry_get_draft_title (entry), ==, "Teaser");
  g_assert_cmpint (co_schedule_entry_get_draft_stage (entry), ==, CO_DRAFT_STAGE_DRAFT);
  g_assert_cmpint (co_schedule_entry_get_platform (entry), ==, CO_PLATFORM_X);
  g_assert_cmpint (co_schedule_entry_get_at (entry), ==, at);
  g_assert_cmpstr (co_schedule_entry_get_zone (entry), ==, "Europe/Berlin");
  g_assert_cmpint (co_schedule_entry_get_published_at (entry), ==, 0);
  /* Stored in UTC. */
  g_assert_cmpint (sql_int (fx->base.store, "SELECT at FROM schedule_entries"), ==, at);
  again = co_schedule_get (fx->schedule, id, CO_PLATFORM_X, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_schedule_entry_get_at (again), ==, at);
  draft = get_draft (fx, id);
  g_assert_cmpint (co_draft_variant_get_scheduled_at (co_draft_get_variant (draft,
                                                                            CO_PLATFORM_X)),
                   ==, at);
}

typedef struct
{
  gint64      draft;
  CoPlatform  platform;
  gint64      at;
  const char *zone;
  GQuark      domain;
  int         code;
  const char *named;
} BadAdd;

/* Bad input: a clear error naming the draft and the reason, nothing changed. */
static void
test_add_refused (DraftsFixture *fx,
                  gconstpointer  data)
{
  gint64 saved = new_draft (fx, CO_DRAFT_STAGE_SAVED, "Idea", "", CO_PLATFORM_X);
  gint64 draft = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Post", "Text", CO_PLATFORM_X);
  gint64 later = fx->now + G_TIME_SPAN_HOUR;
  g_autofree char *before = NULL;
  const BadAdd cases[] = {
    { saved, CO_PLATFORM_X, later, NULL, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_WRONG_STAGE,
      "Saved" },
    { draft, CO_PLATFORM_LINKEDIN, later, NULL, CO_SCHEDULE_ERROR,
      CO_SCHEDULE_ERROR_NOT_A_TARGET, "LinkedIn" },
    { draft, CO_PLATFORM_X, fx->now, NULL, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_PAST, "past" },
    { draft, CO_PLATFORM_X, fx->now - MINUTE, "Asia/Tokyo", CO_SCHEDULE_ERROR,
      CO_SCHEDULE_ERROR_PAST, "JST" },
    { draft, CO_PLATFORM_X, later, "Nowhere/Else", CO_SCHEDULE_ERROR,
      CO_SCHEDULE_ERROR_UNKNOWN_ZONE, "Nowhere/Else" },
    { 5555, CO_PLATFORM_X, later, NULL, CO_DRAFT_ERROR, CO_DRAFT_ERROR_NOT_FOUND, "5555" },
  };

  before = fingerprint (fx->base.store);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CoScheduleEntry) entry = co_schedule_add (fx->schedule, cases[i].draft,
                                                          cases[i].platform, cases[i].at,
                                                          cases[i].zone, &error);

      g_assert_null (entry);
      g_assert_error (error, cases[i].domain, cases[i].code);
      if (strstr (error->message, cases[i].named) == NULL)
        g_error ("case %zu: “%s” does not name “%s”", i, error->message, cases[i].named);
    }
  assert_nothing_changed (fx, before);
}

static void
test_add_twice (DraftsFixture *fx,
                gconstpointer  data)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Post", "Text", CO_PLATFORM_X);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoScheduleEntry) entry = NULL;

  schedule_ok (fx, id, CO_PLATFORM_X, fx->now + G_TIME_SPAN_HOUR);
  entry = co_schedule_add (fx->schedule, id, CO_PLATFORM_X, fx->now + 2 * G_TIME_SPAN_HOUR,
                           "UTC", &error);
  g_assert_null (entry);
  g_assert_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "13:00"));
}

static char *
format_times (GArray *times)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times->len; i++)
    {
      g_autofree char *one = co_schedule_time_format (g_array_index (times, gint64, i), utc);
      g_string_append_printf (out, "%s%s", i ? ", " : "", one + 11);
    }
  return g_string_free (out, FALSE);
}

/* Two posts on one platform less than five minutes apart conflict; the
 * three nearest free times are suggested. */
static void
test_conflict (DraftsFixture *fx,
               gconstpointer  data)
{
  gint64 noon = utc_usec (2027, 3, 2, 12, 0);
  gint64 a = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "A", "a", CO_PLATFORM_X);
  gint64 b = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "B", "b", CO_PLATFORM_X);
  gint64 c = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "C", "c", CO_PLATFORM_LINKEDIN);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoScheduleEntry) entry = NULL;
  g_autoptr(GArray) free_times = NULL;
  g_autofree char *before = NULL;
  g_autofree char *free_text = NULL;
  g_autofree char *a_text = g_strdup_printf ("draft %lld", (long long)a);

  schedule_ok (fx, a, CO_PLATFORM_X, noon);
  before = fingerprint (fx->base.store);
  entry = co_schedule_add (fx->schedule, b, CO_PLATFORM_X, noon + 2 * MINUTE, "UTC", &error);
  g_assert_null (entry);
  g_assert_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_CONFLICT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, a_text));
  g_assert_nonnull (strstr (error->message, "12:05 UTC, 2027-03-02 11:55 UTC, 2027-03-02 12:10"));
  assert_nothing_changed (fx, before);
  g_clear_error (&error);

  free_times = co_schedule_find_free_times (fx->schedule, CO_PLATFORM_X, noon + 2 * MINUTE, b,
                                            3, &error);
  g_assert_no_error (error);
  free_text = format_times (free_times);
  g_assert_cmpstr (free_text, ==, "12:05 UTC, 11:55 UTC, 12:10 UTC");

  /* Exactly five minutes apart is fine, as is another platform. */
  schedule_ok (fx, b, CO_PLATFORM_X, noon - 5 * MINUTE);
  schedule_ok (fx, c, CO_PLATFORM_LINKEDIN, noon + MINUTE);
}

/* The check a calendar makes while a time is picked says what an add would
 * refuse, and changes nothing. */
static void
test_find_conflict (DraftsFixture *fx,
                    gconstpointer  data)
{
  gint64 noon = utc_usec (2027, 3, 2, 12, 0);
  gint64 a = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "A", "a", CO_PLATFORM_X);
  gint64 b = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "B", "b", CO_PLATFORM_X);
  g_autoptr(CoScheduleEntry) conflict = NULL;
  g_autoptr(CoScheduleEntry) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  schedule_ok (fx, a, CO_PLATFORM_X, noon);
  before = fingerprint (fx->base.store);
  conflict = co_schedule_find_conflict (fx->schedule, CO_PLATFORM_X, noon + 4 * MINUTE, b,
                                        &error);
  g_assert_no_error (error);
  g_assert_nonnull (conflict);
  g_assert_cmpint (co_schedule_entry_get_draft_id (conflict), ==, a);
  g_assert_cmpstr (co_schedule_entry_get_draft_title (conflict), ==, "A");
  g_assert_cmpint (co_schedule_entry_get_at (conflict), ==, noon);
  assert_nothing_changed (fx, before);

  /* Five minutes apart, another platform, or the draft itself: free. */
  none = co_schedule_find_conflict (fx->schedule, CO_PLATFORM_X, noon + 5 * MINUTE, b, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  none = co_schedule_find_conflict (fx->schedule, CO_PLATFORM_LINKEDIN, noon, b, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  none = co_schedule_find_conflict (fx->schedule, CO_PLATFORM_X, noon + MINUTE, a, &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

/* Suggestions are never in the past. */
static void
test_conflict_near_now (DraftsFixture *fx,
                        gconstpointer  data)
{
  gint64 noon = utc_usec (2027, 3, 2, 12, 0);
  gint64 a = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "A", "a", CO_PLATFORM_X);
  g_autoptr(GArray) free_times = NULL;
  g_autofree char *text = NULL;

  schedule_ok (fx, a, CO_PLATFORM_X, noon);
  schedule_ok (fx, new_draft (fx, CO_DRAFT_STAGE_DRAFT, "B", "b", CO_PLATFORM_X), CO_PLATFORM_X,
               noon + 7 * MINUTE);
  fx->now = noon - 2 * MINUTE;
  free_times = co_schedule_find_free_times (fx->schedule, CO_PLATFORM_X, noon + MINUTE, 0, 3,
                                            NULL);
  text = format_times (free_times);
  g_assert_cmpstr (text, ==, "12:15 UTC, 12:20 UTC, 12:25 UTC");
}

static void
test_move (DraftsFixture *fx,
           gconstpointer  data)
{
  gint64 noon = utc_usec (2027, 3, 2, 12, 0);
  gint64 a = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "A", "a", CO_PLATFORM_X);
  gint64 b = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "B", "b", CO_PLATFORM_X);
  g_autoptr(GError) missing = NULL;
  g_autoptr(GError) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoScheduleEntry) moved = NULL;

  g_assert_null (co_schedule_move (fx->schedule, a, CO_PLATFORM_X, noon, "UTC", &missing));
  g_assert_error (missing, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_NOT_FOUND);
  schedule_ok (fx, a, CO_PLATFORM_X, noon);
  schedule_ok (fx, b, CO_PLATFORM_X, noon + 10 * MINUTE);
  /* A post does not conflict with itself. */
  moved = co_schedule_move (fx->schedule, a, CO_PLATFORM_X, noon + 2 * MINUTE, "Asia/Tokyo",
                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_schedule_entry_get_at (moved), ==, noon + 2 * MINUTE);
  g_assert_cmpstr (co_schedule_entry_get_zone (moved), ==, "Asia/Tokyo");
  g_assert_null (co_schedule_move (fx->schedule, a, CO_PLATFORM_X, noon + 8 * MINUTE, "UTC",
                                   &conflict));
  g_assert_error (conflict, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_CONFLICT);
}

static void
test_cancel (DraftsFixture *fx,
             gconstpointer  data)
{
  gint64 a = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "A", "a", CO_PLATFORM_X);
  gint64 s = scheduled_draft (fx, CO_PLATFORM_LINKEDIN, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(GError) scheduled = NULL;

  schedule_ok (fx, a, CO_PLATFORM_X, fx->now + G_TIME_SPAN_HOUR);
  g_assert_true (co_schedule_cancel (fx->schedule, a, CO_PLATFORM_X, &error));
  g_assert_no_error (error);
  g_assert_false (co_schedule_cancel (fx->schedule, a, CO_PLATFORM_X, &missing));
  g_assert_error (missing, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_NOT_FOUND);
  g_assert_false (co_schedule_cancel (fx->schedule, s, CO_PLATFORM_LINKEDIN, &scheduled));
  g_assert_error (scheduled, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_WRONG_STAGE);
  g_assert_nonnull (strstr (scheduled->message, "Scheduled"));
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM schedule_entries"), ==, 1);
}

static char *
entry_drafts (GListModel *entries)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(CoScheduleEntry) entry = g_list_model_get_item (entries, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT "%s%s", i ? " " : "",
                              co_schedule_entry_get_draft_id (entry),
                              co_platform_to_string (co_schedule_entry_get_platform (entry)),
                              co_schedule_entry_get_unwatched (entry) ? "*" : "");
    }
  return g_string_free (out, FALSE);
}

/* Due posts: their time has come, their draft is Scheduled, they were not
 * published.  The ones that came due after the calendar was last watched
 * are marked. */
static void
test_due (DraftsFixture *fx,
          gconstpointer  data)
{
  gint64 start = fx->now;
  gint64 first = scheduled_draft (fx, CO_PLATFORM_X, 0);
  gint64 second = scheduled_draft (fx, CO_PLATFORM_LINKEDIN, 30);
  gint64 planned = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Planned", "p", CO_PLATFORM_X);
  gint64 done = scheduled_draft (fx, CO_PLATFORM_INSTAGRAM, 10);
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GListModel) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *none_text = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *expected = NULL;

  schedule_ok (fx, planned, CO_PLATFORM_X, fx->now + 20 * MINUTE);
  none = co_schedule_list_due (fx->schedule, &error);
  g_assert_no_error (error);
  none_text = entry_drafts (none);
  g_assert_cmpstr (none_text, ==, "");

  /* The app watched until 1:15 past, then was closed until 2:00 past. */
  fx->now = start + G_TIME_SPAN_HOUR + 15 * MINUTE;
  g_assert_true (co_schedule_mark_watched (fx->schedule, &error));
  g_assert_true (co_drafts_record_publication (fx->drafts, done, CO_PLATFORM_INSTAGRAM, "ig1",
                                               "https://instagram.com/p/ig1", fx->now, &error));
  fx->now = start + 2 * G_TIME_SPAN_HOUR;
  due = co_schedule_list_due (fx->schedule, &error);
  g_assert_no_error (error);
  due_text = entry_drafts (due);
  expected = g_strdup_printf ("%lldx %lldlinkedin*", (long long)first, (long long)second);
  g_assert_cmpstr (due_text, ==, expected);
}

static void
test_range (DraftsFixture *fx,
            gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 a = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "A", "a", CO_PLATFORM_X);
  gint64 b = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "B", "b", CO_PLATFORM_LINKEDIN);
  gint64 c = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "C", "c", CO_PLATFORM_X);
  CoPlatform x = CO_PLATFORM_X;
  g_autoptr(GListModel) month = NULL;
  g_autoptr(GListModel) only_x = NULL;
  g_autofree char *month_text = NULL, *x_text = NULL, *expected = NULL;
  gint64 from, to;

  /* The last minute of March in Berlin, the first of April, and March's
   * first minute. */
  schedule_ok (fx, a, CO_PLATFORM_X, utc_usec (2027, 3, 31, 21, 59));
  schedule_ok (fx, b, CO_PLATFORM_LINKEDIN, utc_usec (2027, 3, 31, 22, 0));
  schedule_ok (fx, c, CO_PLATFORM_X, utc_usec (2027, 3, 1, 12, 30));
  co_schedule_month_range (berlin, 2027, 3, &from, &to);
  month = co_schedule_list_range (fx->schedule, from, to, NULL, NULL);
  month_text = entry_drafts (month);
  expected = g_strdup_printf ("%lldx %lldx", (long long)c, (long long)a);
  g_assert_cmpstr (month_text, ==, expected);
  only_x = co_schedule_list_range (fx->schedule, from, utc_usec (2027, 4, 30, 0, 0), &x, NULL);
  x_text = entry_drafts (only_x);
  g_assert_cmpstr (x_text, ==, expected);
}

/* A repeated local hour, entered with either reading, lands on its own
 * instant, and a post at each does not conflict with the other. */
static void
test_dst_entries (DraftsFixture *fx,
                  gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 a = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "A", "a", CO_PLATFORM_X);
  gint64 b = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "B", "b", CO_PLATFORM_X);
  g_auto(CoScheduleTime) first = { 0 };
  g_auto(CoScheduleTime) second = { 0 };
  g_autofree char *shown = NULL;

  g_assert_true (co_schedule_time_parse ("2027-10-31 02:30", berlin, CO_SCHEDULE_FOLD_EARLIER,
                                         &first, NULL));
  g_assert_true (co_schedule_time_parse ("2027-10-31 02:30", berlin, CO_SCHEDULE_FOLD_LATER,
                                         &second, NULL));
  schedule_ok (fx, a, CO_PLATFORM_X, first.usec);
  schedule_ok (fx, b, CO_PLATFORM_X, second.usec);
  g_assert_cmpint (second.usec - first.usec, ==, G_TIME_SPAN_HOUR);
  shown = co_schedule_time_format (second.usec, berlin);
  g_assert_cmpstr (shown, ==, "2027-10-31 02:30 CET");
}

static void
test_async (DraftsFixture *fx,
            gconstpointer  data)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "A", "a", CO_PLATFORM_X);
  gint64 at = fx->now + G_TIME_SPAN_HOUR;
  g_autoptr(GAsyncResult) added = NULL, moved = NULL, listed = NULL, due = NULL;
  g_autoptr(GAsyncResult) conflict = NULL;
  g_autoptr(CoScheduleEntry) entry = NULL;
  g_autoptr(CoScheduleEntry) entry2 = NULL;
  g_autoptr(CoScheduleEntry) refused = NULL;
  g_autoptr(GListModel) range = NULL;
  g_autoptr(GListModel) due_list = NULL;
  g_autoptr(GError) error = NULL;

  co_schedule_add_async (fx->schedule, id, CO_PLATFORM_X, at, "UTC", NULL, done_cb, &added);
  entry = co_schedule_add_finish (fx->schedule, wait_result (&added), &error);
  g_assert_no_error (error);
  co_schedule_move_async (fx->schedule, id, CO_PLATFORM_X, at + MINUTE, NULL, NULL, done_cb,
                          &moved);
  entry2 = co_schedule_move_finish (fx->schedule, wait_result (&moved), &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_schedule_entry_get_at (entry2), ==, at + MINUTE);
  co_schedule_add_async (fx->schedule, new_draft (fx, CO_DRAFT_STAGE_DRAFT, "B", "b",
                                                  CO_PLATFORM_X),
                         CO_PLATFORM_X, at, "UTC", NULL, done_cb, &conflict);
  refused = co_schedule_add_finish (fx->schedule, wait_result (&conflict), &error);
  g_assert_null (refused);
  g_assert_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_CONFLICT);
  g_clear_error (&error);
  co_schedule_list_range_async (fx->schedule, fx->now, at + G_TIME_SPAN_DAY, NULL, NULL, done_cb,
                                &listed);
  range = co_schedule_list_range_finish (fx->schedule, wait_result (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_list_model_get_n_items (range), ==, 1);
  co_schedule_list_due_async (fx->schedule, NULL, done_cb, &due);
  due_list = co_schedule_list_due_finish (fx->schedule, wait_result (&due), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_list_model_get_n_items (due_list), ==, 0);
}

/* A calendar month reads each variant's published_at from the covering
 * index of migration 20, never the variant's row with its whole text. */
static void
test_month_plan (DraftsFixture *fx,
                 gconstpointer  data)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (fx->base.store);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_co_store_get_db (fx->base.store),
                                       "EXPLAIN QUERY PLAN SELECT " CO_SCHEDULE_ENTRY_COLUMNS
                                       CO_SCHEDULE_ENTRY_FROM " WHERE s.at >= ?1 AND s.at < ?2"
                                       " ORDER BY s.at, s.platform", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_test_message ("%s", plan->str);
  g_assert_nonnull (strstr (plan->str, "USING COVERING INDEX draft_variants_published"));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  DRAFTS_TEST ("/core/schedule/add", test_add);
  DRAFTS_TEST ("/core/schedule/add/refused", test_add_refused);
  DRAFTS_TEST ("/core/schedule/add/twice", test_add_twice);
  DRAFTS_TEST ("/core/schedule/conflict", test_conflict);
  DRAFTS_TEST ("/core/schedule/conflict/near-now", test_conflict_near_now);
  DRAFTS_TEST ("/core/schedule/conflict/find", test_find_conflict);
  DRAFTS_TEST ("/core/schedule/move", test_move);
  DRAFTS_TEST ("/core/schedule/cancel", test_cancel);
  DRAFTS_TEST ("/core/schedule/due", test_due);
  DRAFTS_TEST ("/core/schedule/range", test_range);
  DRAFTS_TEST ("/core/schedule/dst-entries", test_dst_entries);
  DRAFTS_TEST ("/core/schedule/async", test_async);
  DRAFTS_TEST ("/core/schedule/month-plan", test_month_plan);

  return g_test_run ();
}
