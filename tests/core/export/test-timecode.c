/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-export-error.h"
#include "co-test-util.h"
#include "co-timecode.h"

#define THREE_HOURS_US (G_GINT64_CONSTANT (3) * 3600 * CO_USEC_PER_SEC)

typedef struct
{
  const char *text;
  int         num;
  int         den;
  gboolean    drop;    /* whether the rate has drop-frame timecode */
} RateCase;

/* Every rate the specification lists, with drop-frame where it exists. */
static const RateCase rates[] = {
  { "23.976", 24000, 1001, FALSE },
  { "24", 24, 1, FALSE },
  { "25", 25, 1, FALSE },
  { "29.97", 30000, 1001, TRUE },
  { "30", 30, 1, FALSE },
  { "50", 50, 1, FALSE },
  { "59.94", 60000, 1001, TRUE },
  { "60", 60, 1, FALSE },
};

static void
test_rate_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;
      CoRate rate;

      g_assert_true (co_rate_parse (rates[i].text, &rate, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rate.num, ==, rates[i].num);
      g_assert_cmpint (rate.den, ==, rates[i].den);
      g_assert_cmpint (co_rate_allows_drop_frame (rate), ==, rates[i].drop);
      back = co_rate_to_string (rate);
      g_assert_cmpstr (back, ==, rates[i].text);
    }
}

static void
test_rate_parse_forms (void)
{
  CoRate rate;

  g_assert_true (co_rate_parse ("30000/1001", &rate, NULL));
  g_assert_cmpint (rate.num, ==, 30000);
  g_assert_true (co_rate_parse ("50/2", &rate, NULL));
  g_assert_cmpint (rate.num, ==, 25);
  g_assert_cmpint (rate.den, ==, 1);
  g_assert_true (co_rate_parse ("23.98", &rate, NULL));
  g_assert_cmpint (rate.den, ==, 1001);
  g_assert_true (co_rate_parse ("12.5", &rate, NULL));
  g_assert_cmpint (rate.num, ==, 25);
  g_assert_cmpint (rate.den, ==, 2);
  g_assert_cmpint (co_rate_get_timebase (CO_RATE_INIT (24000, 1001)), ==, 24);
  g_assert_true (co_rate_is_ntsc (CO_RATE_INIT (60000, 1001)));
  g_assert_false (co_rate_is_ntsc (CO_RATE_INIT (25, 1)));
}

static void
test_rate_parse_invalid (void)
{
  const char *bad[] = { "", "abc", "0", "-25", "25fps", "1/0", "0/1", "1000", "30000/", "2.5.1" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      CoRate rate;

      g_assert_false (co_rate_parse (bad[i], &rate, &error));
      g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

typedef struct
{
  int         num;
  int         den;
  gboolean    drop;
  gint64      frames;
  const char *tc;
} KnownCase;

/* Labels worked out by hand from SMPTE 12M: at 29.97 drop-frame, labels
 * ;00 and ;01 are skipped at each minute not divisible by ten (;00–;03 at
 * 59.94). */
static const KnownCase known[] = {
  { 30000, 1001, TRUE, 0, "00:00:00;00" },
  { 30000, 1001, TRUE, 1799, "00:00:59;29" },
  { 30000, 1001, TRUE, 1800, "00:01:00;02" },
  { 30000, 1001, TRUE, 3597, "00:01:59;29" },
  { 30000, 1001, TRUE, 3598, "00:02:00;02" },
  { 30000, 1001, TRUE, 17982, "00:10:00;00" },
  { 30000, 1001, TRUE, 17983, "00:10:00;01" },
  { 30000, 1001, TRUE, 107892, "01:00:00;00" },
  { 30000, 1001, FALSE, 107892, "00:59:56:12" },
  { 60000, 1001, TRUE, 3600, "00:01:00;04" },
  { 60000, 1001, TRUE, 35964, "00:10:00;00" },
  { 60000, 1001, TRUE, 215784, "01:00:00;00" },
  { 24000, 1001, FALSE, 86400, "01:00:00:00" },
  { 25, 1, FALSE, 90000 + 24, "01:00:00:24" },
  { 50, 1, FALSE, 49, "00:00:00:49" },
  { 60, 1, FALSE, 216000, "01:00:00:00" },
};

static void
test_known_labels (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      CoRate rate = CO_RATE_INIT (known[i].num, known[i].den);
      g_autofree char *tc = co_timecode_format (rate, known[i].frames, known[i].drop);
      g_autoptr(GError) error = NULL;
      gint64 frames = -1;

      g_assert_cmpstr (tc, ==, known[i].tc);
      g_assert_true (co_timecode_parse (known[i].tc, rate, known[i].drop, &frames, &error));
      g_assert_no_error (error);
      g_assert_cmpint (frames, ==, known[i].frames);
    }
}

static void
test_parse_invalid (void)
{
  struct { const char *tc; int num; int den; gboolean drop; } bad[] = {
    { "00:60:00:00", 25, 1, FALSE },
    { "00:00:60:00", 25, 1, FALSE },
    { "00:00:00:25", 25, 1, FALSE },
    { "00:00:00:30", 30000, 1001, TRUE },
    { "00:01:00;00", 30000, 1001, TRUE },
    { "00:01:00;01", 30000, 1001, TRUE },
    { "00:02:00;03", 60000, 1001, TRUE },
    { "1:2:3:4", 25, 1, FALSE },
    { "00:00:00", 25, 1, FALSE },
    { "00:00:00:00 ", 25, 1, FALSE },
    { "aa:00:00:00", 25, 1, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 frames;

      g_assert_false (co_timecode_parse (bad[i].tc, CO_RATE_INIT (bad[i].num, bad[i].den),
                                         bad[i].drop, &frames, &error));
      g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, bad[i].tc));
    }
  /* A minute divisible by ten keeps its first labels. */
  g_assert_true (co_timecode_parse ("00:10:00;00", CO_RATE_INIT (30000, 1001), TRUE,
                                    &(gint64) { 0 }, NULL));
}

/* Exact arithmetic, independent of the code under test: the frame whose
 * start is nearest to @us. */
static gint64
expected_frames (CoRate rate,
                 gint64 us)
{
  gint64 den = (gint64) rate.den * CO_USEC_PER_SEC;

  return (us * rate.num + den / 2) / den;
}

static void
test_three_hours (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      CoRate rate = CO_RATE_INIT (rates[i].num, rates[i].den);
      gint64 frames = co_rate_us_to_frames (rate, THREE_HOURS_US);
      gint64 num, den, back;
      g_autofree char *tc = NULL;

      g_assert_cmpint (frames, ==, expected_frames (rate, THREE_HOURS_US));
      /* The frame count times the frame duration is three hours to within
       * half a frame: no accumulated drift. */
      co_rate_frames_to_seconds (rate, frames, &num, &den);
      g_assert_cmpint (ABS (num - (gint64) 10800 * den) * 2 * rate.num, <=,
                       den * rate.den);
      back = co_rate_frames_to_us (rate, frames);
      g_assert_cmpint (ABS (back - THREE_HOURS_US), <=, co_rate_frames_to_us (rate, 1) / 2);

      /* Drop-frame and integer-rate timecode label real time exactly. */
      if (rates[i].drop || rate.den == 1)
        {
          /* The frame that is showing at 3:00:00 of real time. */
          gint64 showing = THREE_HOURS_US * rate.num / (rate.den * CO_USEC_PER_SEC);

          tc = co_timecode_format (rate, showing, rates[i].drop);
          g_assert_cmpstr (tc + 2, ==, rates[i].drop ? ":00:00;00" : ":00:00:00");
          g_assert_true (g_str_has_prefix (tc, "03"));
        }
    }
}

/* Property: frames → timecode → frames and frames → µs → frames are the
 * identity, at every rate, over random times up to four hours. */
static void
test_property_roundtrip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      CoRate rate = CO_RATE_INIT (rates[i].num, rates[i].den);

      for (int n = 0; n < 200; n++)
        {
          gint64 frames = g_rand_int_range (rand, 0, 4 * 3600 * 60);
          gboolean drop = rates[i].drop && g_rand_boolean (rand);
          g_autofree char *tc = co_timecode_format (rate, frames, drop);
          g_autoptr(GError) error = NULL;
          gint64 parsed = -1;

          g_assert_true (co_timecode_parse (tc, rate, drop, &parsed, &error));
          g_assert_no_error (error);
          g_assert_cmpint (parsed, ==, frames);
          g_assert_cmpint (co_rate_us_to_frames (rate, co_rate_frames_to_us (rate, frames)),
                           ==, frames);
        }
    }
}

/* Property: consecutive frames get consecutive, valid labels, across
 * minute boundaries, so no label is skipped or repeated. */
static void
test_property_monotonic (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  CoRate df[] = { CO_RATE_INIT (30000, 1001), CO_RATE_INIT (60000, 1001) };

  for (guint r = 0; r < G_N_ELEMENTS (df); r++)
    for (int n = 0; n < 100; n++)
      {
        /* Start near a minute boundary, where labels are dropped. */
        gint64 minute = g_rand_int_range (rand, 0, 180);
        gint64 frames = co_rate_us_to_frames (df[r], minute * 60 * CO_USEC_PER_SEC) - 3;
        g_autofree char *a = co_timecode_format (df[r], MAX (frames, 0), TRUE);
        g_autofree char *b = co_timecode_format (df[r], MAX (frames, 0) + 1, TRUE);

        g_assert_cmpstr (a, <, b);
      }
}

static void
test_time_scale (void)
{
  /* 3 h in µs squared would overflow 64 bits without the wide product. */
  g_assert_cmpint (co_time_scale (THREE_HOURS_US, THREE_HOURS_US, THREE_HOURS_US), ==,
                   THREE_HOURS_US);
  g_assert_cmpint (co_time_scale (5, 1, 2), ==, 3);
  g_assert_cmpint (co_time_scale (-5, 1, 2), ==, -3);
  g_assert_cmpint (co_rate_us_to_frames_ceil (CO_RATE_INIT (25, 1), 40001), ==, 2);
  g_assert_cmpint (co_rate_us_to_frames_ceil (CO_RATE_INIT (25, 1), 40000), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/timecode/rate/parse", test_rate_parse);
  g_test_add_func ("/core/timecode/rate/parse-forms", test_rate_parse_forms);
  g_test_add_func ("/core/timecode/rate/parse-invalid", test_rate_parse_invalid);
  g_test_add_func ("/core/timecode/format/known", test_known_labels);
  g_test_add_func ("/core/timecode/parse/invalid", test_parse_invalid);
  g_test_add_func ("/core/timecode/drift/three-hours", test_three_hours);
  g_test_add_func ("/core/timecode/property/roundtrip", test_property_roundtrip);
  g_test_add_func ("/core/timecode/property/monotonic", test_property_monotonic);
  g_test_add_func ("/core/timecode/scale", test_time_scale);

  return g_test_run ();
}
