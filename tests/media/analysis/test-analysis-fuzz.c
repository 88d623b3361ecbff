/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-fuzz-media.h"
#include "co-test-media.h"
#include "co-test-util.h"

/*
 * Damaged kept results (issue 11: json-glib CRITICALs on 106 of 300 damaged
 * analyses): analyses, their waveforms and kept subtitles through their
 * readers, then a timeline and every export.  Every case that once failed,
 * then a fresh seed; CO_FUZZ_CASES runs longer, and
 * tests/bench/bench-fuzz.c runs many more cases and times them.
 */

#define SHORT_RUN 300

static void
run_cases (const CoTestFuzzCase *fixed)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("fuzz");
  g_autofree char *media = co_test_media_write_audio (dir, "talk.wav", CO_TEST_AUDIO_WAV, 0.2);
  CoTestFuzzRun run;

  co_test_fuzz_run_init (&run, "kept results", SHORT_RUN);
  if (fixed != NULL)
    co_test_fuzz_run_fixed (&run, fixed);
  co_test_fuzz_kept (store, media, &run);
}

static void
test_fixed (gconstpointer data)
{
  run_cases (data);
}

static void
test_random (void)
{
  run_cases (NULL);
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);
  co_test_media_init ();

  for (gsize i = 0; i < co_test_fuzz_n_kept_cases; i++)
    {
      const CoTestFuzzCase *fixed = &co_test_fuzz_kept_cases[i];
      g_autofree char *path = g_strdup_printf ("/media/analysis/fuzz/fixed/%u-%u", fixed->seed,
                                               fixed->index);

      g_test_add_data_func (path, fixed, test_fixed);
    }
  g_test_add_func ("/media/analysis/fuzz/random", test_random);

  return g_test_run ();
}
