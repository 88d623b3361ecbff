/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Platform text benchmark: `text count` of a 280-character mixed-script X
 * post (Latin, German, Cyrillic, Japanese, emoji sequences, addresses with
 * and without a scheme, a mention and a hashtag), per call, in microseconds.
 * The editor counts on every keystroke, so a call must take microseconds.
 *
 * The reference, measured the same way in the same run, is GLib's NFC
 * normalisation of the same text (g_utf8_normalize()), the first step of
 * any exact count written the obvious way; the ratio says what all of the
 * counting (normalisation or its quick check, addresses, emoji, weights)
 * costs against it, whatever the machine.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "co-platform.h"
#include "co-test-util.h"

#include "bench-target.h"

#define N_CALLS        20000
#define N_WARM_UP      200
#define TARGET_P95_US  100.0
#define MAX_RATIO      10.0

static const char *const pieces[] = {
  "Neues Video über Schnitt und Farbe! ",
  "Новое видео о монтаже. ",
  "動画編集のコツを紹介します。",
  "👨‍👩‍👧‍👦🇩🇪👍🏽 ",
  "Watch: https://www.youtube.com/watch?v=abc123 ",
  "notes on example.co.uk/tips, ",
  "thanks @creatorops #VideoTips ",
};

typedef void (*Work) (const char *text);

static void
count_work (const char *text)
{
  CoPlatformCount count;

  if (!co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, text, &count, NULL))
    g_error ("counting failed");
}

static void
normalise_work (const char *text)
{
  g_free (g_utf8_normalize (text, -1, G_NORMALIZE_NFC));
}

/* Pads the pieces with Latin words up to exactly 280 as X counts. */
static char *
make_text (void)
{
  GString *text = g_string_new (NULL);
  CoPlatformCount count;

  for (gsize i = 0; i < G_N_ELEMENTS (pieces); i++)
    g_string_append (text, pieces[i]);
  co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, text->str, &count, NULL);
  for (int i = count.length; i < 280; i++)
    g_string_append_c (text, i % 6 == 5 ? ' ' : 'a' + i % 26);
  co_platform_count (CO_PLATFORM_X, CO_PLATFORM_FIELD_TEXT, text->str, &count, NULL);
  g_assert_cmpint (count.length, ==, 280);
  return g_string_free (text, FALSE);
}

static double
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Times @work on @text once per call; returns the sorted times. */
static double *
measure (Work        work,
         const char *text)
{
  double *times = g_new (double, N_CALLS);

  for (int i = 0; i < N_WARM_UP; i++)
    work (text);
  for (int i = 0; i < N_CALLS; i++)
    {
      double start = now_us ();

      work (text);
      times[i] = now_us () - start;
    }
  qsort (times, N_CALLS, sizeof (double), compare_doubles);
  return times;
}

static void
bench_count (void)
{
  g_autofree char *text = make_text ();
  g_autofree double *count = measure (count_work, text);
  g_autofree double *normalise = measure (normalise_work, text);
  double median = count[N_CALLS / 2], p95 = count[N_CALLS * 95 / 100];
  double ratio = median / normalise[N_CALLS / 2];

  printf ("text-count: %zu bytes, %ld code points, 280 as X counts them\n", strlen (text),
          g_utf8_strlen (text, -1));
  printf ("text-count: median %.2f µs, p95 %.2f µs, max %.2f µs over %d calls "
          "(target p95 <= %.0f µs) %s\n", median, p95, count[N_CALLS - 1], N_CALLS,
          TARGET_P95_US, bench_target (p95 <= TARGET_P95_US));
  printf ("text-count: reference NFC normalisation median %.2f µs, p95 %.2f µs; "
          "count / reference = %.1f (at most %.0f) %s\n", normalise[N_CALLS / 2],
          normalise[N_CALLS * 95 / 100], ratio, MAX_RATIO, bench_target (ratio <= MAX_RATIO));
  g_assert_cmpfloat (ratio, <=, MAX_RATIO);
}

int
main (int   argc,
      char *argv[])
{
  /* Run as a test only for the isolated folders; the figures go to stdout. */
  co_test_init (&argc, &argv);
  g_test_add_func ("/bench/text-count", bench_count);
  return bench_target_status (g_test_run ());
}
