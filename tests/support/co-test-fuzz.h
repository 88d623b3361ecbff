/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "co-subtitle.h"

G_BEGIN_DECLS

/*
 * Seeded fuzzing of the inputs a creator can hand us (issue 11).  A run
 * draws one seed, prints it, and makes every case from it, so
 * `CO_PROPERTY_SEED=<seed>` replays the run case for case; each case is
 * announced with its number before it runs, so a crash names it.  Seeds
 * that ever failed are kept in the targets' lists and run as fixed cases.
 * `CO_FUZZ_CASES=<n>` changes the number of cases (the benchmarks in
 * tests/bench run many more), and `CO_FUZZ_KEEP=<dir>` keeps the mutated
 * files there.  Every target asserts the same contract: no
 * crash, no hang, no CRITICAL (the tests run with fatal criticals), and
 * every refusal a GError that names the input.
 */

/* Called with the case number before each case runs. */
typedef void (*CoTestFuzzCaseFunc) (guint    index,
                                    gpointer user_data);

/**
 * CoTestFuzzRun:
 * @seed: the run's seed
 * @first: the first case to run; the cases before it are drawn (and run
 *   where that is cheap), so that case @first is the same as in a run from 0
 * @n_cases: how many cases to run
 * @announce: (nullable): called before each case that runs
 * @user_data: for @announce
 */
typedef struct
{
  guint32             seed;
  guint               first;
  guint               n_cases;
  CoTestFuzzCaseFunc  announce;
  gpointer            user_data;
} CoTestFuzzRun;

/**
 * CoTestFuzzCase:
 * @seed: a run's seed
 * @index: the case of that run that failed
 * @why: what went wrong before the fix
 *
 * A case that once failed, replayed by every run of its target.
 */
typedef struct
{
  guint32     seed;
  guint       index;
  const char *why;
} CoTestFuzzCase;

void        co_test_fuzz_run_init      (CoTestFuzzRun      *run,
                                        const char         *target,
                                        guint               default_cases);
void        co_test_fuzz_run_fixed     (CoTestFuzzRun      *run,
                                        const CoTestFuzzCase *fixed);
GByteArray *co_test_fuzz_mutate        (GRand              *rand,
                                        const guint8       *data,
                                        gsize               len);
char       *co_test_fuzz_mutate_json   (GRand              *rand,
                                        const char         *json);
void        co_test_fuzz_error_names   (const GError       *error,
                                        const char         *name);
void        co_test_fuzz_allow_gstreamer_criticals (void);

/* SRT and WebVTT: the strict readers, the checks, and writing back. */
extern const CoTestFuzzCase co_test_fuzz_subtitle_cases[];
extern const gsize          co_test_fuzz_n_subtitle_cases;
void        co_test_fuzz_subtitles     (const CoTestFuzzRun *run);
void        co_test_fuzz_subtitles_clean (void);

G_END_DECLS
