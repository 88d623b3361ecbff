/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/*
 * A benchmark's targets.  Each target is printed with its verdict, and the
 * benchmark's exit status says whether every one held, so that
 * `meson test --benchmark` reports a missed target as a failure.  Figures
 * taken on a busy machine miss more often: read the load average printed
 * with them before blaming the code.
 */

static gboolean bench_target_missed;

/* Returns "holds" or "MISSED" for the verdict, and remembers a miss. */
static inline const char *
bench_target (gboolean holds)
{
  if (!holds)
    bench_target_missed = TRUE;
  return holds ? "holds" : "MISSED";
}

/* The exit status: 0 when every target held (and @status is 0). */
static inline int
bench_target_status (int status)
{
  return status != 0 || bench_target_missed ? 1 : 0;
}
