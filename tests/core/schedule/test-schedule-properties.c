/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "drafts-fixture.h"

/*
 * Property tests of the calendar over random calendars in random zones,
 * around their daylight saving changes: local times read back as written,
 * no two posts on one platform are ever less than five minutes apart, and
 * every conflict's suggestions are free, in the future, at most three and
 * the nearest ones.  The seed is printed; CO_PROPERTY_SEED=<seed> replays.
 */
#define N_CASES 300
#define GAP (5 * G_TIME_SPAN_MINUTE)

/* What the cases met, printed so that a run shows it covered the edges. */
static guint n_skipped, n_repeated, n_conflicts, n_past;

static const char *const zones[] = {
  "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
  "Asia/Kolkata", "Pacific/Chatham", "Europe/London", "UTC", "America/Havana",
  "Africa/Casablanca", "Australia/Sydney", "America/St_Johns",
};

static GRand *
property_rand (void)
{
  const char *forced = g_getenv ("CO_PROPERTY_SEED");
  guint32 seed = forced != NULL ? (guint32)g_ascii_strtoull (forced, NULL, 10) : co_test_seed ();

  g_test_message ("%s: seed %u (replay with CO_PROPERTY_SEED=%u)", g_test_get_path (), seed,
                  seed);
  return g_rand_new_with_seed (seed);
}

static gint32
offset_at (GTimeZone *zone,
           gint64     usec)
{
  return g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL,
                                                                  usec / G_USEC_PER_SEC));
}

/* Noon (UTC) of a day when the zone's offset changes, or of any day. */
static gint64
pick_base (GTimeZone *zone,
           GRand     *rand)
{
  gint64 start = utc_usec (2027, 1, 1, 12, 0);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int day = 1; day < 730; day++)
    {
      gint64 noon = start + day * G_TIME_SPAN_DAY;

      if (offset_at (zone, noon) != offset_at (zone, noon - G_TIME_SPAN_DAY))
        g_array_append_val (changes, noon);
    }
  if (changes->len == 0)
    return start + g_rand_int_range (rand, 0, 730) * G_TIME_SPAN_DAY;
  return g_array_index (changes, gint64, g_rand_int_range (rand, 0, changes->len)) -
         g_rand_int_range (rand, 0, 24) * G_TIME_SPAN_HOUR;
}

static char *
wall_text (gint64     usec,
           GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* A wall-clock text within three hours of @base's: around a change of
 * offset some of them are skipped or repeated by the clocks. */
static char *
random_wall (GTimeZone *zone,
             gint64     base,
             GRand     *rand)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (base / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autoptr(GDateTime) naive = g_date_time_new_utc (g_date_time_get_year (local),
                                                    g_date_time_get_month (local),
                                                    g_date_time_get_day_of_month (local),
                                                    g_date_time_get_hour (local),
                                                    g_date_time_get_minute (local), 0);
  g_autoptr(GDateTime) wall = g_date_time_add_minutes (naive, g_rand_int_range (rand, -180, 180));

  return g_date_time_format (wall, "%Y-%m-%d %H:%M");
}

static void
check_reading (const char     *text,
               GTimeZone      *zone,
               CoScheduleTime *time,
               guint           n_case)
{
  g_autofree char *back = wall_text (time->usec, zone);
  g_auto(CoScheduleTime) other = { 0 };
  CoScheduleFold other_fold = time->reading == CO_TIME_READING_LATER ? CO_SCHEDULE_FOLD_EARLIER
                                                                     : CO_SCHEDULE_FOLD_LATER;

  if (g_strcmp0 (back, text) != 0)
    g_error ("case %u: “%s” in %s reads back as “%s”", n_case, text,
             g_time_zone_get_identifier (zone), back);
  g_assert_true (co_schedule_time_parse (text, zone, other_fold, &other, NULL));
  if (time->reading == CO_TIME_READING_EXACT)
    g_assert_cmpint (other.usec, ==, time->usec);
  else if ((time->reading == CO_TIME_READING_EARLIER) != (time->usec < other.usec))
    g_error ("case %u: the readings of “%s” are in the wrong order", n_case, text);
}

/* A time the clocks skip has no instant at all within a day of it. */
static void
check_nonexistent (const char *text,
                   GTimeZone  *zone,
                   gint64      base,
                   guint       n_case)
{
  for (gint64 at = base - G_TIME_SPAN_DAY; at < base + G_TIME_SPAN_DAY; at += G_TIME_SPAN_MINUTE)
    {
      g_autofree char *wall = wall_text (at, zone);

      if (g_str_equal (wall, text))
        g_error ("case %u: “%s” was refused, but exists in %s", n_case, text,
                 g_time_zone_get_identifier (zone));
    }
}

/* The posts on @platform that can block a time within @reach of @at. */
static GArray *
times_on (DraftsFixture *fx,
          CoPlatform     platform,
          gint64         at,
          gint64         reach)
{
  g_autoptr(GListModel) entries = co_schedule_list_range (fx->schedule, at - reach - GAP,
                                                          at + reach + GAP + 1, &platform, NULL);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(CoScheduleEntry) entry = g_list_model_get_item (entries, i);
      gint64 at = co_schedule_entry_get_at (entry);

      g_array_append_val (times, at);
    }
  return times;
}

static gboolean
brute_free (GArray *taken,
            gint64  at)
{
  for (guint i = 0; i < taken->len; i++)
    if (ABS (g_array_index (taken, gint64, i) - at) < GAP)
      return FALSE;
  return TRUE;
}

static gboolean
contains (GArray *times,
          gint64  at)
{
  for (guint i = 0; i < times->len; i++)
    if (g_array_index (times, gint64, i) == at)
      return TRUE;
  return FALSE;
}

/* Every suggestion is free, in the future and on the grid; there are at most
 * three, nearest first; no free future grid time nearer than the farthest
 * was left out. */
static void
check_suggestions (DraftsFixture *fx,
                   CoPlatform     platform,
                   gint64         at,
                   gint64         draft,
                   guint          n_case)
{
  g_autoptr(GArray) free_times = co_schedule_find_free_times (fx->schedule, platform, at, draft,
                                                              3, NULL);
  g_autoptr(GArray) taken = NULL;
  gint64 farthest = 0;

  g_assert_nonnull (free_times);
  if (free_times->len == 0 || free_times->len > 3)
    g_error ("case %u: %u suggestions", n_case, free_times->len);
  for (guint i = 0; i < free_times->len; i++)
    farthest = MAX (farthest, ABS (g_array_index (free_times, gint64, i) - at));
  taken = times_on (fx, platform, at, farthest);
  farthest = 0;
  for (guint i = 0; i < free_times->len; i++)
    {
      gint64 t = g_array_index (free_times, gint64, i);

      if (!brute_free (taken, t) || t <= fx->now || t % GAP != 0 || ABS (t - at) < farthest)
        g_error ("case %u: suggestion %u is taken, past, off the grid or out of order", n_case, i);
      farthest = ABS (t - at);
    }
  for (gint64 g = (at - farthest) / GAP * GAP; g <= at + farthest; g += GAP)
    if (ABS (g - at) < farthest && g > fx->now && brute_free (taken, g) &&
        !contains (free_times, g))
      g_error ("case %u: a nearer free time was not suggested", n_case);
}

static void
try_schedule (DraftsFixture *fx,
              GTimeZone     *zone,
              gint64         base,
              GRand         *rand,
              guint          n_case)
{
  CoPlatform platform = g_rand_int_range (rand, 0, 2);
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Post", "Text", platform);
  g_autofree char *text = random_wall (zone, base, rand);
  CoScheduleFold fold = g_rand_int_range (rand, 0, 2);
  g_auto(CoScheduleTime) time = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CoScheduleEntry) entry = NULL;

  if (!co_schedule_time_parse (text, zone, fold, &time, &error))
    {
      g_assert_error (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_NONEXISTENT_TIME);
      g_assert_nonnull (strstr (error->message, text));
      check_nonexistent (text, zone, base, n_case);
      n_skipped++;
      return;
    }
  check_reading (text, zone, &time, n_case);
  n_repeated += time.reading != CO_TIME_READING_EXACT;
  entry = co_schedule_add (fx->schedule, id, platform, time.usec,
                           g_time_zone_get_identifier (zone), &error);
  if (entry != NULL)
    g_assert_cmpint (time.usec, >, fx->now);
  else if (g_error_matches (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_PAST))
    {
      g_assert_cmpint (time.usec, <=, fx->now);
      n_past++;
    }
  else if (g_error_matches (error, CO_SCHEDULE_ERROR, CO_SCHEDULE_ERROR_CONFLICT))
    {
      check_suggestions (fx, platform, time.usec, id, n_case);
      n_conflicts++;
    }
  else
    g_error ("case %u: unexpected %s", n_case, error->message);
}

static void
test_random_calendars (DraftsFixture *fx,
                       gconstpointer  data)
{
  g_autoptr(GRand) rand = property_rand ();

  sql_exec (fx->base.store, "PRAGMA synchronous = OFF");
  for (guint n_case = 0, n = co_test_cases (N_CASES); n_case < n; n_case++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (
        zones[g_rand_int_range (rand, 0, G_N_ELEMENTS (zones))]);
      gint64 base = pick_base (zone, rand);
      guint n = g_rand_int_range (rand, 3, 16);

      fx->now = base - g_rand_int_range (rand, 60, 240) * G_TIME_SPAN_MINUTE;
      for (guint i = 0; i < n; i++)
        try_schedule (fx, zone, base, rand, n_case);
    }
  g_test_message ("%" G_GINT64_FORMAT " posts scheduled; %u skipped and %u repeated local "
                  "times, %u conflicts, %u times in the past",
                  sql_int (fx->base.store, "SELECT count (*) FROM schedule_entries"),
                  n_skipped, n_repeated, n_conflicts, n_past);
  g_assert_cmpint (sql_int (fx->base.store,
                            "SELECT count (*) FROM schedule_entries a JOIN schedule_entries b"
                            " ON a.platform = b.platform AND a.id < b.id"
                            " AND abs (a.at - b.at) < 300000000"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  DRAFTS_TEST ("/core/schedule/property/random-calendars", test_random_calendars);

  return g_test_run ();
}
