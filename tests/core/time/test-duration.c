/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "co-duration.h"
#include "co-test-util.h"

/* One formatter for every duration and position people read.  The cases
 * below were the answers of the four formatters it replaced (the vault's
 * lengths, the waveform's times, the command line's columns and the
 * subtitles panel's cue times); the property tests hold it to the rounding
 * of the command line, whose text output must not change. */

static void
assert_formats (double            seconds,
                CoDurationFormat  format,
                const char       *expected)
{
  g_autofree char *text = co_duration_format (seconds, format);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_cases (void)
{
  const CoDurationFormat S = CO_DURATION_FORMAT_SHORT, M = CO_DURATION_FORMAT_MILLIS;
  const CoDurationFormat H = CO_DURATION_FORMAT_HOURS;

  /* The vault grid and the details pane. */
  assert_formats (0, S, "0:00");
  assert_formats (6.4, S, "0:06");
  assert_formats (9.5, S, "0:10");
  assert_formats (59.5, S, "1:00");
  assert_formats (3599.4, S, "59:59");
  assert_formats (3599.5, S, "1:00:00");
  assert_formats (3723, S, "1:02:03");
  /* The playhead, the ruler and the edit suggestions. */
  assert_formats (62.3456, M, "1:02.346");
  assert_formats (59.9996, M, "1:00.000");
  assert_formats (0.0005, M, "0:00.001");
  assert_formats (3723.004, M, "1:02:03.004");
  /* The command line's columns. */
  assert_formats (6.4, H, "0:00:06");
  assert_formats (36000, H, "10:00:00");
  assert_formats (10.0004, H | M, "0:00:10.000");
  assert_formats (125.5, H | M, "0:02:05.500");
  /* A length set against a platform's limit (the drafts' format hints):
   * rounded up, so that a video just over a limit never reads as equal. */
  assert_formats (60.4, S | CO_DURATION_FORMAT_CEIL, "1:01");
  assert_formats (60, S | CO_DURATION_FORMAT_CEIL, "1:00");
  assert_formats (140, S | CO_DURATION_FORMAT_CEIL, "2:20");
  assert_formats (43200, S | CO_DURATION_FORMAT_CEIL, "12:00:00");
  assert_formats (1.0001, M | CO_DURATION_FORMAT_CEIL, "0:01.001");
  assert_formats (-1, S | CO_DURATION_FORMAT_CEIL, NULL);
  /* No duration is no text. */
  assert_formats (-1, S, NULL);
  assert_formats (-0.0001, M, NULL);
  assert_formats (NAN, H, NULL);
  assert_formats (INFINITY, H, NULL);
}

static void
test_cases_us (void)
{
  const CoDurationFormat HM = CO_DURATION_FORMAT_HOURS | CO_DURATION_FORMAT_MILLIS;
  static const struct { gint64 us; CoDurationFormat format; const char *text; } cases[] = {
    { 3723004000, CO_DURATION_FORMAT_HOURS | CO_DURATION_FORMAT_MILLIS, "1:02:03.004" },
    { 0, CO_DURATION_FORMAT_HOURS | CO_DURATION_FORMAT_MILLIS, "0:00:00.000" },
    { 1499, CO_DURATION_FORMAT_HOURS | CO_DURATION_FORMAT_MILLIS, "0:00:00.001" },
    { 1500, CO_DURATION_FORMAT_HOURS | CO_DURATION_FORMAT_MILLIS, "0:00:00.002" },
    { 999500, CO_DURATION_FORMAT_MILLIS, "0:01.000" },
    { 1499999, CO_DURATION_FORMAT_SHORT, "0:01" },
    { 1500000, CO_DURATION_FORMAT_SHORT, "0:02" },
    { 1000001, CO_DURATION_FORMAT_CEIL, "0:02" },
    { 1000000, CO_DURATION_FORMAT_CEIL, "0:01" },
    { 1000001, CO_DURATION_FORMAT_MILLIS | CO_DURATION_FORMAT_CEIL, "0:01.001" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = co_duration_format_us (cases[i].us, cases[i].format);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_null (co_duration_format_us (-1, HM));
}

/* The command line's two formatters, as they were, for the property tests. */
static char *
old_cli_duration (double seconds)
{
  gint64 total = (gint64) round (seconds);

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", total / 3600, (int) (total / 60 % 60),
                          (int) (total % 60));
}

static char *
old_cli_seconds (double seconds)
{
  gint64 ms = (gint64) llround (seconds * 1000);

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d.%03d", ms / 3600000,
                          (int) (ms / 60000 % 60), (int) (ms / 1000 % 60), (int) (ms % 1000));
}

/* Random durations up to ten hours, half of them near a rounding boundary
 * (a whole second or millisecond ± a few ulps): the text is the command
 * line's, byte for byte. */
static void
test_cli_rounding (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (guint i = 0; i < 200000; i++)
    {
      double seconds = g_rand_double_range (rand, 0, 36000);
      g_autofree char *duration = NULL, *old_duration = NULL, *precise = NULL, *old_precise = NULL;

      if (i % 2 == 1)
        seconds = (floor (seconds * 1000) + 0.5 * g_rand_int_range (rand, 0, 3)) / 1000
                  + g_rand_int_range (rand, -3, 4) * 1e-12;
      seconds = MAX (seconds, 0);
      duration = co_duration_format (seconds, CO_DURATION_FORMAT_HOURS);
      old_duration = old_cli_duration (seconds);
      precise = co_duration_format (seconds, CO_DURATION_FORMAT_HOURS | CO_DURATION_FORMAT_MILLIS);
      old_precise = old_cli_seconds (seconds);
      if (g_strcmp0 (duration, old_duration) != 0 || g_strcmp0 (precise, old_precise) != 0)
        g_error ("%.17g s: %s / %s, the command line said %s / %s", seconds, duration, precise,
                 old_duration, old_precise);
    }
}

/* The microsecond form rounds as the subtitles panel did: (us + 500) / 1000. */
static void
test_us_rounding (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (guint i = 0; i < 100000; i++)
    {
      gint64 us = (gint64) g_rand_int_range (rand, 0, G_MAXINT32) * g_rand_int_range (rand, 1, 20);
      gint64 ms = (us + 500) / 1000;
      g_autofree char *text = co_duration_format_us (us, CO_DURATION_FORMAT_HOURS
                                                          | CO_DURATION_FORMAT_MILLIS);
      g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d.%03d",
                                                   ms / 3600000, (int) (ms / 60000 % 60),
                                                   (int) (ms / 1000 % 60), (int) (ms % 1000));

      if (g_strcmp0 (text, expected) != 0)
        g_error ("%" G_GINT64_FORMAT " µs: %s, expected %s", us, text, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/duration/cases", test_cases);
  g_test_add_func ("/core/duration/cases-us", test_cases_us);
  g_test_add_func ("/core/duration/cli-rounding", test_cli_rounding);
  g_test_add_func ("/core/duration/us-rounding", test_us_rounding);

  return g_test_run ();
}
