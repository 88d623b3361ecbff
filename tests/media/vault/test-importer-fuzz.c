/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-fuzz-media.h"
#include "co-test-media.h"
#include "co-test-util.h"

/*
 * Mutated media files and notes through the importer (issue 11): type
 * detection from the content, the probe with its completeness check,
 * thumbnails and notes.  Every case that once failed, then a fresh seed;
 * CO_FUZZ_CASES runs longer, and tests/bench/bench-fuzz.c runs many more
 * cases and times them.
 */

#define SHORT_RUN 40

static void
run_cases (const CoTestFuzzCase *fixed)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoVault) vault = co_vault_new (store);
  g_autofree char *corpus_dir = co_test_make_temp_dir ("corpus");
  g_autofree char *dir = co_test_make_temp_dir ("cases");
  g_autoptr(GPtrArray) corpus = co_test_fuzz_media_corpus (corpus_dir);
  CoTestFuzzRun run;

  /* Per test: GTest drops the fatal handler when a test starts. */
  co_test_fuzz_allow_gstreamer_criticals ();
  co_test_fuzz_run_init (&run, "import", SHORT_RUN);
  if (fixed != NULL)
    co_test_fuzz_run_fixed (&run, fixed);
  co_test_fuzz_import (vault, corpus, dir, &run);
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

  for (gsize i = 0; i < co_test_fuzz_n_import_cases; i++)
    {
      const CoTestFuzzCase *fixed = &co_test_fuzz_import_cases[i];
      g_autofree char *path = g_strdup_printf ("/media/importer/fuzz/fixed/%u-%u", fixed->seed,
                                               fixed->index);

      g_test_add_data_func (path, fixed, test_fixed);
    }
  g_test_add_func ("/media/importer/fuzz/random", test_random);

  return g_test_run ();
}
