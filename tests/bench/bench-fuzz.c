/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The long run of the fuzzers (issue 11): the targets of the short runs in
 * the test suite (tests/support/co-test-fuzz*.c), with many more cases, and
 * every case timed.  A hostile input must never cost much more than a whole
 * one: each target's clean inputs are timed first, in the same run, and the
 * slowest case is reported as a ratio of the slowest clean input, which
 * fails the benchmark above MAX_RATIO (a near-hang, like the 20 s GstDiscoverer
 * waited for an error it had lost).  The seed is printed; CO_PROPERTY_SEED
 * replays a run, CO_FUZZ_CASES changes its length.
 */
#include "config.h"

#include <stdio.h>

#include "co-importer.h"
#include "co-subtitle.h"
#include "co-test-fuzz-media.h"
#include "co-test-media.h"
#include "co-test-util.h"

#define IMPORT_CASES   2000
#define KEPT_CASES     20000
#define SUBTITLE_CASES 100000
#define MAX_RATIO      25.0
/* Below this, a case's time is scheduling noise, not the input's doing. */
#define NOISE_FLOOR_US 10000

typedef struct
{
  const char *target;
  gint64      started;
  gint64      slowest;
  guint       slowest_case;
  guint       last;
  gint64      total;
  guint       n;
} Timing;

static void
close_case (Timing *timing,
            gint64  now)
{
  gint64 spent;

  if (timing->started == 0)
    return;
  spent = now - timing->started;
  timing->total += spent;
  timing->n++;
  if (spent > timing->slowest)
    {
      timing->slowest = spent;
      timing->slowest_case = timing->last;
    }
}

static void
announce_cb (guint    index,
             gpointer user_data)
{
  Timing *timing = user_data;
  gint64 now = g_get_monotonic_time ();

  close_case (timing, now);
  timing->last = index;
  timing->started = g_get_monotonic_time ();
}

/* Prints the figures and fails on a case far slower than any clean input. */
static void
report (Timing *timing,
        guint32 seed,
        gint64  reference)
{
  double ratio;

  close_case (timing, g_get_monotonic_time ());
  reference = MAX (reference, NOISE_FLOOR_US);
  ratio = (double)timing->slowest / reference;
  printf ("%s: %u cases (seed %u), mean %.2f, slowest %.2f (case %u) times the slowest "
          "clean input (%.1f ms)\n", timing->target, timing->n, seed,
          (double)timing->total / MAX (timing->n, 1) / reference, ratio, timing->slowest_case,
          reference / 1000.0);
  fflush (stdout);
  if (ratio > MAX_RATIO)
    g_error ("%s: case %u of seed %u took %.1f times the slowest clean input",
             timing->target, timing->slowest_case, seed, ratio);
}

static CoTestFuzzRun
long_run (const char *target,
          guint       cases,
          Timing     *timing)
{
  CoTestFuzzRun run;

  co_test_fuzz_run_init (&run, target, cases);
  run.announce = announce_cb;
  run.user_data = timing;
  *timing = (Timing) { target, 0, 0, 0, 0, 0, 0 };
  return run;
}

/* The slowest import of a whole corpus file, each into a fresh vault. */
static gint64
time_clean_imports (GPtrArray *corpus)
{
  gint64 slowest = 0;

  for (guint i = 0; i < corpus->len; i++)
    {
      g_autoptr(CoStore) store = co_test_store_new ();
      g_autoptr(CoVault) vault = co_vault_new (store);
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_assert_cmpint (co_importer_import_file (vault, g_ptr_array_index (corpus, i), NULL, NULL,
                                                NULL, &error), >, 0);
      g_assert_no_error (error);
      slowest = MAX (slowest, g_get_monotonic_time () - start);
    }
  return slowest;
}

static void
bench_import (void)
{
  g_autofree char *corpus_dir = co_test_make_temp_dir ("corpus");
  g_autofree char *dir = co_test_make_temp_dir ("cases");
  g_autoptr(GPtrArray) corpus = co_test_fuzz_media_corpus (corpus_dir);
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoVault) vault = co_vault_new (store);
  gint64 reference = time_clean_imports (corpus);
  Timing timing;
  CoTestFuzzRun run = long_run ("import", IMPORT_CASES, &timing);

  co_test_fuzz_allow_gstreamer_criticals ();
  co_test_fuzz_import (vault, corpus, dir, &run);
  report (&timing, run.seed, reference);
}

static void
bench_kept (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("kept");
  g_autofree char *media = co_test_media_write_audio (dir, "talk.wav", CO_TEST_AUDIO_WAV, 0.2);
  gint64 start = g_get_monotonic_time (), reference;
  Timing timing;
  CoTestFuzzRun run = long_run ("kept results", KEPT_CASES, &timing);

  co_test_fuzz_kept_clean (store, media);
  reference = g_get_monotonic_time () - start;
  co_test_fuzz_kept (store, media, &run);
  report (&timing, run.seed, reference);
}

static void
bench_subtitles (void)
{
  gint64 start = g_get_monotonic_time (), reference;
  Timing timing;
  CoTestFuzzRun run = long_run ("subtitles", SUBTITLE_CASES, &timing);

  co_test_fuzz_subtitles_clean ();
  reference = g_get_monotonic_time () - start;
  co_test_fuzz_subtitles (&run);
  report (&timing, run.seed, reference);
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);
  co_test_media_init ();

  g_test_add_func ("/bench/fuzz/subtitles", bench_subtitles);
  g_test_add_func ("/bench/fuzz/kept-results", bench_kept);
  g_test_add_func ("/bench/fuzz/import", bench_import);

  return g_test_run ();
}
