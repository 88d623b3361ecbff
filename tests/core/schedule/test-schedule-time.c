/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-schedule-time.h"
#include "co-test-util.h"

static GTimeZone *
zone (const char *name)
{
  g_autoptr(GError) error = NULL;
  GTimeZone *tz = co_schedule_zone_new (name, &error);

  g_assert_no_error (error);
  return tz;
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
assert_parsed (const char     *text,
               const char     *zone_name,
               CoScheduleFold  fold,
               gint64          expected,
               CoTimeReading   reading)
{
  g_autoptr(GTimeZone) tz = zone (zone_name);
  g_auto(CoScheduleTime) time = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (co_schedule_time_parse (text, tz, fold, &time, &error));
  g_assert_no_error (error);
  if (time.usec != expected)
    {
      g_autofree char *got = co_schedule_time_format_iso (time.usec, tz);
      g_error ("“%s” in %s read as %s", text, zone_name, got);
    }
  g_assert_cmpint (time.reading, ==, reading);
  g_assert_cmpint (time.note != NULL, ==, reading != CO_TIME_READING_EXACT);
}

static void
test_offsets (void)
{
  gint64 expected = utc (2027, 3, 28, 7, 30);

  assert_parsed ("2027-03-28T09:30+02:00", "America/New_York", 0, expected, 0);
  assert_parsed ("2027-03-28T09:30:00+0200", "UTC", 0, expected, 0);
  assert_parsed ("2027-03-28 07:30Z", "Asia/Tokyo", 0, expected, 0);
  assert_parsed ("2027-03-28t07:30:00.250z", "UTC", 0, expected, 0);
  assert_parsed ("2027-03-28T13:00+05:30", "UTC", 0, expected, 0);
  assert_parsed ("  2027-03-28T02:30-05  ", "UTC", 0, expected, 0);
  /* Local time without an offset, in the zone given. */
  assert_parsed ("2027-03-28 16:30", "Asia/Tokyo", 0, expected, 0);
  assert_parsed ("2027-03-28T13:00", "Asia/Kolkata", 0, expected, 0);
  assert_parsed ("2027-03-28 03:30:00", "America/New_York", 0, expected, 0);
}

static void
assert_bad (const char *text,
            int         code)
{
  g_autoptr(GTimeZone) tz = zone ("Europe/Berlin");
  g_auto(CoScheduleTime) time = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (co_schedule_time_parse (text, tz, 0, &time, &error));
  g_assert_error (error, CO_SCHEDULE_ERROR, code);
  if (g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *clean = g_strstrip (g_strdup (text));
      g_assert_nonnull (strstr (error->message, clean));
    }
}

static void
test_bad_text (void)
{
  const char *const bad[] = {
    "tomorrow", "", "2027-02-30 10:00", "2027-03-28 24:00", "2027-03-28 09:60",
    "2027-03-28T09:30+25:00", "2027-03-28T09:30+02:0", "2027-3-28 09:30", "2027-03-28 09:30 junk",
    "2027-03-28", "0000-01-01 00:00", "2027-03-28 09:30\xff",
  };
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_bad (bad[i], CO_SCHEDULE_ERROR_BAD_TIME);
  g_assert_null (co_schedule_zone_new ("Mars/Olympus_Mons", &error));
  g_assert_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_UNKNOWN_ZONE);
  g_assert_nonnull (strstr (error->message, "Mars/Olympus_Mons"));
}

typedef struct
{
  const char *zone;
  const char *local;
  const char *jump_from;
  const char *jump_to;
  const char *later;
  const char *earlier;
} GapCase;

/* Local times the clocks skip are refused, with the times either side. */
static void
test_gaps (void)
{
  static const GapCase cases[] = {
    { "Europe/Berlin", "2027-03-28 02:30", "02:00", "03:00", "03:30", "01:30" },
    { "America/New_York", "2027-03-14 02:05", "02:00", "03:00", "03:05", "01:05" },
    { "Australia/Sydney", "2027-10-03 02:59", "02:00", "03:00", "03:59", "01:59" },
    /* Lord Howe moves by half an hour. */
    { "Australia/Lord_Howe", "2027-10-03 02:15", "02:00", "02:30", "02:45", "01:45" },
    /* Chile skips midnight itself. */
    { "America/Santiago", "2027-09-05 00:30", "00:00", "01:00", "01:30", "23:30" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const GapCase *c = &cases[i];
      g_autoptr(GTimeZone) tz = zone (c->zone);
      g_auto(CoScheduleTime) time = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (co_schedule_time_parse (c->local, tz, 0, &time, &error));
      g_assert_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_NONEXISTENT_TIME);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, c->local));
      g_assert_nonnull (strstr (error->message, c->zone));
      g_assert_nonnull (strstr (error->message, c->jump_from));
      g_assert_nonnull (strstr (error->message, c->jump_to));
      g_assert_nonnull (strstr (error->message, c->later));
      g_assert_nonnull (strstr (error->message, c->earlier));
    }
}

/* A repeated local time means the first occurrence unless the later one is
 * asked for, and the note says which was taken. */
static void
test_folds (void)
{
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  g_auto(CoScheduleTime) first = { 0 };
  g_auto(CoScheduleTime) second = { 0 };

  assert_parsed ("2027-10-31 02:30", "Europe/Berlin", CO_SCHEDULE_FOLD_EARLIER,
                 utc (2027, 10, 31, 0, 30), CO_TIME_READING_EARLIER);
  assert_parsed ("2027-10-31 02:30", "Europe/Berlin", CO_SCHEDULE_FOLD_LATER,
                 utc (2027, 10, 31, 1, 30), CO_TIME_READING_LATER);
  assert_parsed ("2027-11-07 01:30", "America/New_York", CO_SCHEDULE_FOLD_EARLIER,
                 utc (2027, 11, 7, 5, 30), CO_TIME_READING_EARLIER);
  assert_parsed ("2027-11-07 01:30", "America/New_York", CO_SCHEDULE_FOLD_LATER,
                 utc (2027, 11, 7, 6, 30), CO_TIME_READING_LATER);
  assert_parsed ("2027-04-04 01:45", "Australia/Lord_Howe", CO_SCHEDULE_FOLD_LATER,
                 utc (2027, 4, 3, 15, 15), CO_TIME_READING_LATER);
  /* An hour before or after the repeat is read once. */
  assert_parsed ("2027-10-31 01:59", "Europe/Berlin", CO_SCHEDULE_FOLD_LATER,
                 utc (2027, 10, 30, 23, 59), CO_TIME_READING_EXACT);
  assert_parsed ("2027-10-31 03:00", "Europe/Berlin", CO_SCHEDULE_FOLD_EARLIER,
                 utc (2027, 10, 31, 2, 0), CO_TIME_READING_EXACT);

  g_assert_true (co_schedule_time_from_local (berlin, 2027, 10, 31, 2, 30, 0, 0, &first, NULL));
  g_assert_true (co_schedule_time_from_local (berlin, 2027, 10, 31, 2, 30, 0,
                                              CO_SCHEDULE_FOLD_LATER, &second, NULL));
  g_assert_nonnull (strstr (first.note, "took the first"));
  g_assert_nonnull (strstr (first.note, "CEST"));
  g_assert_nonnull (strstr (second.note, "took the second"));
  g_assert_nonnull (strstr (second.note, "+01:00"));
  g_assert_cmpstr (co_time_reading_to_string (second.reading), ==, "later");
}

static void
test_format (void)
{
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  g_autoptr(GTimeZone) kolkata = zone ("Asia/Kolkata");
  g_autofree char *summer = co_schedule_time_format (utc (2027, 7, 1, 10, 0), berlin);
  g_autofree char *winter = co_schedule_time_format_iso (utc (2027, 1, 1, 10, 0), berlin);
  g_autofree char *india = co_schedule_time_format_iso (utc (2027, 1, 1, 10, 0), kolkata);

  g_assert_cmpstr (summer, ==, "2027-07-01 12:00 CEST");
  g_assert_cmpstr (winter, ==, "2027-01-01T11:00:00+01:00");
  g_assert_cmpstr (india, ==, "2027-01-01T15:30:00+05:30");
}

static void
test_ranges (void)
{
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  g_autoptr(GTimeZone) santiago = zone ("America/Santiago");
  gint64 from, to;

  /* March has one hour less in Berlin. */
  co_schedule_month_range (berlin, 2027, 3, &from, &to);
  g_assert_cmpint (from, ==, utc (2027, 2, 28, 23, 0));
  g_assert_cmpint (to, ==, utc (2027, 3, 31, 22, 0));
  co_schedule_month_range (berlin, 2027, 12, &from, &to);
  g_assert_cmpint (to, ==, utc (2027, 12, 31, 23, 0));
  /* The week of Wednesday 31 March 2027 starts on Monday the 29th. */
  co_schedule_week_range (berlin, utc (2027, 3, 31, 12, 0), &from, &to);
  g_assert_cmpint (from, ==, utc (2027, 3, 28, 22, 0));
  g_assert_cmpint (to, ==, utc (2027, 4, 4, 22, 0));
  /* A Sunday belongs to the week that started six days before. */
  co_schedule_week_range (berlin, utc (2027, 4, 4, 21, 59), &from, &to);
  g_assert_cmpint (from, ==, utc (2027, 3, 28, 22, 0));
  /* Where midnight does not exist, the day starts when the clocks jump. */
  g_assert_cmpint (co_schedule_day_start (santiago, 2027, 9, 5), ==, utc (2027, 9, 5, 4, 0));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/schedule/time/offsets", test_offsets);
  g_test_add_func ("/core/schedule/time/bad-text", test_bad_text);
  g_test_add_func ("/core/schedule/time/gaps", test_gaps);
  g_test_add_func ("/core/schedule/time/folds", test_folds);
  g_test_add_func ("/core/schedule/time/format", test_format);
  g_test_add_func ("/core/schedule/time/ranges", test_ranges);

  return g_test_run ();
}
