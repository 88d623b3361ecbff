/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "co-calendar-page.h"
#include "co-drafts-page.h"
#include "co-test-desk.h"
#include "co-test-util.h"
#include "co-window.h"

/* The Calendar section of the real window under Xvfb, in Europe/Berlin on
 * a clock the test sets: the empty state, giving a draft a time with the
 * good-time hints, a conflict shown with the free times near it, the month
 * and week views, the platform filter, moving a post by drop and in the
 * pane, the hour a clock change skips, posts that came due while the app
 * was closed; and a post planned from its first word to the calendar,
 * through the Drafts section. */

#define WAIT_MS 30000
#define ZONE "Europe/Berlin"

typedef struct
{
  CoTestDesk      desk;
  CoCalendarPage *page;
  CoDrafts       *drafts;
  CoSchedule     *schedule;
  gint64          now;
} Fixture;

static gint64
fixture_clock (gpointer data)
{
  return ((Fixture *)data)->now;
}

/* @hour:@minute on @day March 2027 in Berlin (CET, UTC+1, until the 28th). */
static gint64
berlin (int day,
        int hour,
        int minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (ZONE);
  g_autoptr(GDateTime) dt = g_date_time_new (zone, 2027, 3, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static gboolean
settled (gpointer data)
{
  return co_calendar_page_get_state (data) != CO_CALENDAR_STATE_LOADING;
}

static void
wait_settled (Fixture *fixture)
{
  g_assert_true (co_test_wait_until (settled, fixture->page, WAIT_MS));
}

static void
open_calendar (Fixture *fixture)
{
  co_test_desk_open_window (&fixture->desk, WAIT_MS);
  co_window_show_section (fixture->desk.window, "calendar");
  fixture->page = co_window_get_calendar_page (fixture->desk.window);
  fixture->schedule = co_calendar_page_get_schedule (fixture->page);
  fixture->drafts = co_schedule_get_drafts (fixture->schedule);
  g_assert_true (fixture->drafts ==
                 co_drafts_page_get_drafts (co_window_get_drafts_page (fixture->desk.window)));
}

/* Monday 1 March 2027, 10:00 in Berlin. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (!co_test_desk_set_up (&fixture->desk))
    return;
  open_calendar (fixture);
  fixture->now = berlin (1, 10, 0);
  co_drafts_set_clock (fixture->drafts, fixture_clock, fixture, NULL);
  co_calendar_page_show_day (fixture->page, fixture->now);
  wait_settled (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_desk_tear_down (&fixture->desk, WAIT_MS);
}

static gint64
make_draft (Fixture      *fixture,
            const char   *title,
            CoPlatform    platform)
{
  g_autoptr(GError) error = NULL;
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, title, "Out soon.", &platform, 1, NULL, 0 };
  gint64 id = co_drafts_create (fixture->drafts, &spec, &error);

  g_assert_no_error (error);
  return id;
}

static void
schedule (Fixture    *fixture,
          gint64      id,
          CoPlatform  platform,
          gint64      at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoScheduleEntry) entry = co_schedule_add (fixture->schedule, id, platform, at, ZONE,
                                                      &error);

  g_assert_no_error (error);
}

static gint64
entry_time (Fixture    *fixture,
            gint64      id,
            CoPlatform  platform)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoScheduleEntry) entry = co_schedule_get (fixture->schedule, id, platform, &error);

  g_assert_no_error (error);
  return co_schedule_entry_get_at (entry);
}

static guint
posts_on (Fixture *fixture,
          int      day)
{
  CoCalendarDay *cell = co_calendar_grid_get_day (co_calendar_page_get_grid (fixture->page),
                                                  2027, 3, day);

  g_assert_nonnull (cell);
  return co_calendar_day_get_n_entries (cell);
}

typedef struct
{
  Fixture *fixture;
  int      day;
  guint    n;
} DayWait;

static gboolean
day_has (gpointer data)
{
  DayWait *wait = data;

  return settled (wait->fixture->page) && posts_on (wait->fixture, wait->day) == wait->n;
}

/* Waits until the calendar shows @n posts on @day March. */
static void
wait_posts (Fixture *fixture,
            int      day,
            guint    n)
{
  DayWait wait = { fixture, day, n };

  if (!co_test_wait_until (day_has, &wait, WAIT_MS))
    g_error ("The calendar does not show %u posts on %d March", n, day);
}

/* Waits for a toast that says @text, and returns it. */
static const char *
wait_toast (Fixture    *fixture,
            const char *text)
{
  return co_test_desk_wait_toast (&fixture->desk, text, WAIT_MS);
}

typedef struct
{
  CoSchedulePane *pane;
  gint64          id;
  CoPlatform      platform;
} PickWait;

static gboolean
picked (gpointer data)
{
  PickWait *wait = data;

  return co_schedule_pane_select_draft (wait->pane, wait->id) &&
         co_schedule_pane_select_platform (wait->pane, wait->platform);
}

static gboolean
has_hints (gpointer data)
{
  return co_schedule_pane_get_n_hints (data) == 3;
}

/* Opens the pane with @id and @platform picked. */
static CoSchedulePane *
start_pane (Fixture    *fixture,
            gint64      id,
            CoPlatform  platform)
{
  CoSchedulePane *pane = co_calendar_page_get_pane (fixture->page);
  PickWait wait = { pane, id, platform };

  co_calendar_page_schedule_post (fixture->page);
  /* The pane's list of drafts follows the library a moment after a change. */
  g_assert_true (co_test_wait_until (picked, &wait, WAIT_MS));
  return pane;
}

static gboolean
pane_idle (gpointer data)
{
  return !co_schedule_pane_get_busy (data);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *shot = NULL;

  if (co_test_desk_skip_without_display ())
    return;
  g_assert_cmpint (co_calendar_page_get_state (fixture->page), ==, CO_CALENDAR_STATE_EMPTY);
  shot = co_test_desk_screenshot (&fixture->desk, "calendar-empty.png", WAIT_MS);
  /* A draft ready to plan brings the calendar, in the local zone, named. */
  make_draft (fixture, "Launch", CO_PLATFORM_X);
  wait_settled (fixture);
  g_assert_cmpint (co_calendar_page_get_state (fixture->page), ==, CO_CALENDAR_STATE_READY);
  g_assert_cmpstr (co_calendar_page_get_period (fixture->page), ==, "March 2027");
  g_assert_nonnull (strstr (co_calendar_page_get_zone_text (fixture->page), ZONE));
  g_test_message ("%s", co_calendar_page_get_zone_text (fixture->page));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

/* Each notify::state carries a state other than the one said before. */
static void
state_notify (CoCalendarPage *page,
              GParamSpec     *pspec,
              GArray         *states)
{
  int state = co_calendar_page_get_state (page);

  if (states->len > 0)
    g_assert_cmpint (g_array_index (states, int, states->len - 1), !=, state);
  g_array_append_val (states, state);
}

/* The page's properties are said once per change: the window and the
 * screen reader follow them, and a setter given the current value is
 * silent. */
static void
test_notify_on_change (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (int));
  guint n_view = 0;

  if (co_test_desk_skip_without_display ())
    return;
  g_signal_connect (fixture->page, "notify::view", G_CALLBACK (count_notify), &n_view);
  g_signal_connect (fixture->page, "notify::state", G_CALLBACK (state_notify), states);
  co_calendar_page_set_view (fixture->page, "week");
  co_calendar_page_set_view (fixture->page, "week");
  g_assert_cmpuint (n_view, ==, 1);
  g_object_set (fixture->page, "view", "month", NULL);
  g_assert_cmpuint (n_view, ==, 2);
  co_calendar_page_set_view (fixture->page, "month");
  g_assert_cmpuint (n_view, ==, 2);
  wait_settled (fixture);

  /* Drafts and reads go through Loading and back, each step said once. */
  make_draft (fixture, "Launch", CO_PLATFORM_X);
  make_draft (fixture, "Follow-up", CO_PLATFORM_LINKEDIN);
  wait_settled (fixture);
  co_calendar_page_show_day (fixture->page, fixture->now);
  wait_settled (fixture);
  g_assert_cmpint (co_calendar_page_get_state (fixture->page), ==, CO_CALENDAR_STATE_READY);
  g_assert_cmpuint (states->len, >=, 2);
  g_assert_cmpint (g_array_index (states, int, states->len - 1), ==, CO_CALENDAR_STATE_READY);
  g_signal_handlers_disconnect_by_func (fixture->page, count_notify, &n_view);
  g_signal_handlers_disconnect_by_func (fixture->page, state_notify, states);
}

static void
test_schedule (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *shot = NULL;
  CoSchedulePane *pane;
  gint64 id;

  if (co_test_desk_skip_without_display ())
    return;
  id = make_draft (fixture, "Launch", CO_PLATFORM_X);
  pane = start_pane (fixture, id, CO_PLATFORM_X);
  co_schedule_pane_set_time (pane, berlin (3, 10, 0));
  g_assert_cmpint (co_schedule_pane_get_time (pane), ==, berlin (3, 10, 0));
  /* Good times: with no history, the documented defaults, and it says so. */
  g_assert_true (co_test_wait_until (has_hints, pane, WAIT_MS));
  g_assert_nonnull (strstr (co_schedule_pane_get_hint_source (pane), "fewer than 10"));
  g_assert_null (co_schedule_pane_get_conflict (pane));
  g_assert_true (co_schedule_pane_can_submit (pane));
  co_schedule_pane_submit (pane);
  g_assert_true (co_test_wait_until (pane_idle, pane, WAIT_MS));
  wait_toast (fixture, "goes out on X");
  g_assert_cmpint (entry_time (fixture, id, CO_PLATFORM_X), ==, berlin (3, 10, 0));

  /* The month view shows it on its day; so does the week view. */
  wait_posts (fixture, 3, 1);
  g_assert_cmpuint (co_calendar_grid_get_n_entries (co_calendar_page_get_grid (fixture->page)),
                    ==, 1);
  shot = co_test_desk_screenshot (&fixture->desk, "calendar-month.png", WAIT_MS);
  co_calendar_page_set_view (fixture->page, "week");
  wait_posts (fixture, 3, 1);
  g_assert_cmpstr (co_calendar_page_get_period (fixture->page), ==, "Week of 1 March 2027");
  g_assert_null (co_calendar_grid_get_day (co_calendar_page_get_grid (fixture->page), 2027, 3, 8));
  g_free (shot);
  shot = co_test_desk_screenshot (&fixture->desk, "calendar-week.png", WAIT_MS);
}

/* A time too close to another post on the platform is shown as a conflict
 * while it is picked, with the free times nearest to it. */
static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *shot = NULL;
  CoSchedulePane *pane;
  const char *conflict;
  gint64 a, b;

  if (co_test_desk_skip_without_display ())
    return;
  a = make_draft (fixture, "Teaser", CO_PLATFORM_X);
  b = make_draft (fixture, "Launch", CO_PLATFORM_X);
  schedule (fixture, a, CO_PLATFORM_X, berlin (3, 10, 0));
  pane = start_pane (fixture, b, CO_PLATFORM_X);
  co_schedule_pane_set_time (pane, berlin (3, 10, 2));
  conflict = co_schedule_pane_get_conflict (pane);
  g_assert_nonnull (conflict);
  g_test_message ("%s", conflict);
  g_assert_nonnull (strstr (conflict, "“Teaser”"));
  g_assert_nonnull (strstr (conflict, "10:00"));
  g_assert_cmpuint (co_schedule_pane_get_n_free (pane), ==, 3);
  g_assert_false (co_schedule_pane_can_submit (pane));
  wait_posts (fixture, 3, 1);
  shot = co_test_desk_screenshot (&fixture->desk, "calendar-conflict.png", WAIT_MS);

  /* The nearest free time is 10:05; picking it clears the conflict. */
  co_schedule_pane_pick_free (pane, 0);
  g_assert_cmpint (co_schedule_pane_get_time (pane), ==, berlin (3, 10, 5));
  g_assert_null (co_schedule_pane_get_conflict (pane));
  co_schedule_pane_submit (pane);
  g_assert_true (co_test_wait_until (pane_idle, pane, WAIT_MS));
  wait_posts (fixture, 3, 2);

  /* Another platform is never in conflict. */
  g_assert_true (co_drafts_set_variant (fixture->drafts, b, CO_PLATFORM_LINKEDIN, NULL, NULL,
                                        NULL));
  pane = start_pane (fixture, b, CO_PLATFORM_LINKEDIN);
  co_schedule_pane_set_time (pane, berlin (3, 10, 0));
  g_assert_null (co_schedule_pane_get_conflict (pane));
}

/* 02:30 on 28 March does not exist in Berlin: the clocks go from 02:00 to 03:00. */
static void
test_missing_hour (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) autumn = g_date_time_new_utc (2027, 10, 31, 0, 30, 0);
  gint64 utc_autumn = g_date_time_to_unix (autumn) * G_USEC_PER_SEC;
  CoSchedulePane *pane;
  gint64 id;

  if (co_test_desk_skip_without_display ())
    return;
  id = make_draft (fixture, "Spring", CO_PLATFORM_X);
  pane = start_pane (fixture, id, CO_PLATFORM_X);
  co_schedule_pane_set_local (pane, 2027, 3, 28, 2, 30);
  g_assert_cmpint (co_schedule_pane_get_time (pane), ==, 0);
  g_assert_false (co_schedule_pane_can_submit (pane));
  g_assert_nonnull (co_schedule_pane_get_note (pane));
  g_test_message ("%s", co_schedule_pane_get_note (pane));
  g_assert_nonnull (strstr (co_schedule_pane_get_note (pane), "02:30"));

  /* 02:30 on 31 October happens twice: the first, in summer time, is taken
   * and the pane says so. */
  co_schedule_pane_set_local (pane, 2027, 10, 31, 2, 30);
  g_assert_cmpint (co_schedule_pane_get_time (pane), ==, utc_autumn);
  g_assert_nonnull (co_schedule_pane_get_note (pane));
  g_test_message ("%s", co_schedule_pane_get_note (pane));
  g_assert_true (co_schedule_pane_can_submit (pane));
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  GtkDropDown *platforms;
  gint64 a, b;

  if (co_test_desk_skip_without_display ())
    return;
  a = make_draft (fixture, "On X", CO_PLATFORM_X);
  b = make_draft (fixture, "On LinkedIn", CO_PLATFORM_LINKEDIN);
  schedule (fixture, a, CO_PLATFORM_X, berlin (4, 9, 0));
  schedule (fixture, b, CO_PLATFORM_LINKEDIN, berlin (4, 9, 0));
  wait_posts (fixture, 4, 2);
  platforms = co_calendar_page_get_platforms (fixture->page);
  gtk_drop_down_set_selected (platforms, 1 + CO_PLATFORM_LINKEDIN);
  wait_posts (fixture, 4, 1);
  gtk_drop_down_set_selected (platforms, 0);
  wait_posts (fixture, 4, 2);
}

static void
drop_entry (Fixture    *fixture,
            gint64      id,
            CoPlatform  platform,
            int         day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoScheduleEntry) entry = co_schedule_get (fixture->schedule, id, platform, &error);
  g_auto(GValue) value = G_VALUE_INIT;
  CoCalendarDay *cell = co_calendar_grid_get_day (co_calendar_page_get_grid (fixture->page),
                                                  2027, 3, day);

  g_assert_no_error (error);
  g_value_init (&value, CO_TYPE_SCHEDULE_ENTRY);
  g_value_set_object (&value, entry);
  g_assert_true (co_calendar_day_drop (cell, &value));
}

typedef struct
{
  Fixture *fixture;
  gint64   id;
  gint64   at;
} TimeWait;

static gboolean
is_at (gpointer data)
{
  TimeWait *wait = data;

  return entry_time (wait->fixture, wait->id, CO_PLATFORM_X) == wait->at;
}

static void
test_reschedule (Fixture       *fixture,
                 gconstpointer  data)
{
  CoSchedulePane *pane = co_calendar_page_get_pane (fixture->page);
  TimeWait moved;
  gint64 a, b;

  if (co_test_desk_skip_without_display ())
    return;
  a = make_draft (fixture, "Teaser", CO_PLATFORM_X);
  b = make_draft (fixture, "Launch", CO_PLATFORM_X);
  schedule (fixture, a, CO_PLATFORM_X, berlin (3, 10, 0));
  schedule (fixture, b, CO_PLATFORM_X, berlin (4, 10, 0));
  wait_posts (fixture, 3, 1);

  /* Dropped on another day, at the same local time. */
  drop_entry (fixture, a, CO_PLATFORM_X, 5);
  moved = (TimeWait) { fixture, a, berlin (5, 10, 0) };
  g_assert_true (co_test_wait_until (is_at, &moved, WAIT_MS));
  wait_posts (fixture, 5, 1);
  wait_posts (fixture, 3, 0);

  /* Onto a day where that time is taken on the platform: refused, with free times. */
  drop_entry (fixture, a, CO_PLATFORM_X, 4);
  wait_toast (fixture, "nearest free times");
  g_assert_cmpint (entry_time (fixture, a, CO_PLATFORM_X), ==, berlin (5, 10, 0));

  /* And with the time picker of the pane. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "calendar.edit-entry",
                                             "(xs)", a, "x"));
  co_schedule_pane_set_time (pane, berlin (6, 18, 30));
  g_assert_true (co_schedule_pane_can_submit (pane));
  co_schedule_pane_submit (pane);
  moved.at = berlin (6, 18, 30);
  g_assert_true (co_test_wait_until (is_at, &moved, WAIT_MS));
  wait_posts (fixture, 6, 1);
}

typedef struct
{
  Fixture      *fixture;
  gint64        id;
  CoDraftStage  stage;
} StageWait;

static gboolean
has_stage (gpointer data)
{
  StageWait *wait = data;
  g_autoptr(CoDraft) draft = co_drafts_get (wait->fixture->drafts, wait->id, NULL);

  return draft != NULL && co_draft_get_stage (draft) == wait->stage;
}

static void
move_on_board (Fixture      *fixture,
               gint64        id,
               CoDraftStage  stage)
{
  CoDraftsPage *drafts = co_window_get_drafts_page (fixture->desk.window);
  StageWait wait = { fixture, id, stage };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (co_drafts_page_get_board (drafts)),
                                             "board.move-to", "(xs)", id,
                                             co_draft_stage_to_string (stage)));
  if (!co_test_wait_until (has_stage, &wait, WAIT_MS))
    g_error ("Draft %lld did not move to %s; the last toast was “%s”", (long long)id,
             co_draft_stage_to_string (stage), co_window_get_last_toast (fixture->desk.window));
}

/* Writes a new post for X in the editor, watching the counter, and goes
 * back to the board. */
static gint64
write_for_x (Fixture *fixture)
{
  CoDraftsPage *drafts = co_window_get_drafts_page (fixture->desk.window);
  g_autofree char *long_text = g_strnfill (300, 'x');
  CoDraftEditor *editor;
  CoPlatformTab *tab;
  gint64 id;

  co_window_show_section (fixture->desk.window, "drafts");
  id = co_drafts_page_new_draft (drafts);
  editor = co_drafts_page_get_editor (drafts);
  g_assert_true (co_draft_editor_set_platform (editor, CO_PLATFORM_X, TRUE));
  tab = co_draft_editor_get_tab (editor, CO_PLATFORM_X);
  gtk_editable_set_text (co_draft_editor_get_title (editor), "Launch day");
  gtk_text_buffer_set_text (co_draft_editor_get_body (editor), long_text, -1);
  g_assert_true (co_platform_tab_get_over_limit (tab));
  gtk_text_buffer_set_text (co_draft_editor_get_body (editor), "We ship today.", -1);
  g_assert_cmpint (co_platform_tab_get_length (tab), ==, 14);
  g_assert_false (co_platform_tab_get_over_limit (tab));
  co_drafts_page_show_board (drafts);
  g_assert_false (co_draft_editor_get_dirty (editor));
  return id;
}

/* A creator plans a post: writes it for X, watches the counter, moves it
 * on the board, gives it a time in the calendar, sees it in the month, and
 * sees a second post refused too close to it. */
static void
test_plan_a_post (Fixture       *fixture,
                  gconstpointer  data)
{
  CoDraftsPage *drafts = co_window_get_drafts_page (fixture->desk.window);
  CoSchedulePane *pane;
  gint64 id, other;

  if (co_test_desk_skip_without_display ())
    return;
  id = write_for_x (fixture);

  /* Saved to Draft; Scheduled is refused until X has a time. */
  move_on_board (fixture, id, CO_DRAFT_STAGE_DRAFT);
  gtk_widget_activate_action (GTK_WIDGET (co_drafts_page_get_board (drafts)), "board.move-to",
                              "(xs)", id, "scheduled");
  wait_toast (fixture, "X has no time");

  co_window_show_section (fixture->desk.window, "calendar");
  pane = start_pane (fixture, id, CO_PLATFORM_X);
  co_schedule_pane_set_time (pane, berlin (2, 18, 0));
  co_schedule_pane_submit (pane);
  g_assert_true (co_test_wait_until (pane_idle, pane, WAIT_MS));
  wait_posts (fixture, 2, 1);
  move_on_board (fixture, id, CO_DRAFT_STAGE_SCHEDULED);

  /* A second post on X three minutes later is shown as a conflict. */
  other = make_draft (fixture, "Behind the scenes", CO_PLATFORM_X);
  pane = start_pane (fixture, other, CO_PLATFORM_X);
  co_schedule_pane_set_time (pane, berlin (2, 18, 3));
  g_assert_nonnull (strstr (co_schedule_pane_get_conflict (pane), "“Launch day”"));
  g_assert_false (co_schedule_pane_can_submit (pane));
}

/* Posts that came due while the app was closed are said when it opens. */
static void
test_due (void)
{
  CoTestDesk desk = { 0 };
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoSchedule) schedule = NULL;
  g_autoptr(CoScheduleEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  Fixture before = { 0 };
  CoPlatform platform = CO_PLATFORM_X;
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Yesterday", "Went out.", &platform, 1, NULL, 0 };
  gint64 id;

  if (co_test_desk_skip_without_display () || !co_test_desk_set_up (&desk))
    return;
  /* Scheduled two days ago, for yesterday, on a clock of its own. */
  before.now = g_get_real_time () - 2 * G_TIME_SPAN_DAY;
  drafts = co_drafts_new (desk.store);
  co_drafts_set_clock (drafts, fixture_clock, &before, NULL);
  schedule = co_schedule_new (drafts);
  id = co_drafts_create (drafts, &spec, &error);
  entry = co_schedule_add (schedule, id, CO_PLATFORM_X, before.now + G_TIME_SPAN_DAY, ZONE,
                           &error);
  g_assert_no_error (error);
  g_assert_true (co_drafts_move (drafts, id, CO_DRAFT_STAGE_SCHEDULED, &error));

  co_test_desk_open_window (&desk, WAIT_MS);
  co_test_desk_wait_toast (&desk, "came due while CreatorOps was closed", WAIT_MS);
  g_clear_object (&entry);
  g_clear_object (&schedule);
  co_test_assert_finalized (g_steal_pointer (&drafts), WAIT_MS);
  co_test_desk_tear_down (&desk, WAIT_MS);
}

int
main (int    argc,
      char **argv)
{
  /* Before anything reads the local zone. */
  g_setenv ("TZ", ZONE, TRUE);
  co_test_desk_init (&argc, &argv);
  co_test_desk_use_app_style ();

  g_test_add ("/app/calendar/empty", Fixture, NULL, fixture_set_up, test_empty,
              fixture_tear_down);
  g_test_add ("/app/calendar/notify-on-change", Fixture, NULL, fixture_set_up,
              test_notify_on_change, fixture_tear_down);
  g_test_add ("/app/calendar/schedule", Fixture, NULL, fixture_set_up, test_schedule,
              fixture_tear_down);
  g_test_add ("/app/calendar/conflict", Fixture, NULL, fixture_set_up, test_conflict,
              fixture_tear_down);
  g_test_add ("/app/calendar/missing-hour", Fixture, NULL, fixture_set_up, test_missing_hour,
              fixture_tear_down);
  g_test_add ("/app/calendar/filter", Fixture, NULL, fixture_set_up, test_filter,
              fixture_tear_down);
  g_test_add ("/app/calendar/reschedule", Fixture, NULL, fixture_set_up, test_reschedule,
              fixture_tear_down);
  g_test_add_func ("/app/calendar/due", test_due);
  g_test_add ("/app/calendar/plan-a-post", Fixture, NULL, fixture_set_up, test_plan_a_post,
              fixture_tear_down);

  return g_test_run ();
}
