/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-fuzz.h"
#include "co-test-util.h"

/*
 * The SRT and WebVTT readers against mutated documents (issue 11): every
 * case that once failed, then a fresh seed.  CO_FUZZ_CASES runs longer;
 * tests/bench/bench-fuzz.c runs many more cases and times them.
 */

#define SHORT_RUN 300

static void
test_fixed (gconstpointer data)
{
  CoTestFuzzRun run;

  co_test_fuzz_run_init (&run, "subtitles", SHORT_RUN);
  co_test_fuzz_run_fixed (&run, data);
  co_test_fuzz_subtitles (&run);
}

static void
test_random (void)
{
  CoTestFuzzRun run;

  co_test_fuzz_run_init (&run, "subtitles", SHORT_RUN);
  co_test_fuzz_subtitles (&run);
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  for (gsize i = 0; i < co_test_fuzz_n_subtitle_cases; i++)
    {
      const CoTestFuzzCase *fixed = &co_test_fuzz_subtitle_cases[i];
      g_autofree char *path = g_strdup_printf ("/core/subtitle/fuzz/fixed/%u-%u", fixed->seed,
                                               fixed->index);

      g_test_add_data_func (path, fixed, test_fixed);
    }
  g_test_add_func ("/core/subtitle/fuzz/random", test_random);

  return g_test_run ();
}
