/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-cue-time.h"
#include "co-export-error.h"
#include "co-test-util.h"

/* The editor reads what a person types, and only a time. */
static void
test_parse (void)
{
  static const struct { const char *text; gint64 us; } good[] = {
    { "0:00:00.000", 0 }, { "0:01:02.5", 62500000 }, { "1:00:00,250", 3600250000 },
    { " 0:00:03 ", 3000000 },
  };
  static const char *bad[] = { "", "1:2:3", "0:60:00.000", "0:00:00.0000", "abc", "-0:00:01" };
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 us = -1;

      g_assert_true (co_cue_time_parse (good[i].text, &us, &error));
      g_assert_no_error (error);
      g_assert_cmpint (us, ==, good[i].us);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 us = -1;

      g_assert_false (co_cue_time_parse (bad[i], &us, &error));
      g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
  text = co_cue_time_format (3723004000);
  g_assert_cmpstr (text, ==, "1:02:03.004");
}

/* What the list and the editor show reads back to the same millisecond,
 * and a negative time shows as the start. */
static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  g_autofree char *start = co_cue_time_format (-20);

  g_assert_cmpstr (start, ==, "0:00:00.000");
  for (guint i = 0; i < 10000; i++)
    {
      gint64 ms = g_rand_int_range (rand, 0, 999 * 3600) * (gint64) 1000
                  + g_rand_int_range (rand, 0, 1000);
      g_autofree char *text = co_cue_time_format (ms * 1000 + g_rand_int_range (rand, -499, 500));
      g_autoptr(GError) error = NULL;
      gint64 us = -1;

      g_assert_true (co_cue_time_parse (text, &us, &error));
      g_assert_no_error (error);
      if (us != ms * 1000)
        g_error ("%" G_GINT64_FORMAT " ms was written %s and read %" G_GINT64_FORMAT " µs", ms,
                 text, us);
    }
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/cue-time/parse", test_parse);
  g_test_add_func ("/core/cue-time/round-trip", test_round_trip);

  return g_test_run ();
}
