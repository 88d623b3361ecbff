/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-clock.h"

G_BEGIN_DECLS

/*
 * A clock the test moves.  Time stands still until co_test_clock_advance();
 * with auto-advance on, a program's own delays (back-offs, rate limits) pass at
 * once, moving time forward by their length, while deadlines (timeouts) still
 * wait for the test to move time past them.  Every sleep is logged.
 */

#define CO_TYPE_TEST_CLOCK (co_test_clock_get_type ())
G_DECLARE_FINAL_TYPE (CoTestClock, co_test_clock, CO, TEST_CLOCK, CoClock)

typedef struct
{
  CoClockSleep kind;
  gint64       usec;
  gint64       at;
} CoTestSleep;

CoTestClock *co_test_clock_new              (gint64        start);
void         co_test_clock_set_auto_advance (CoTestClock  *self,
                                             gboolean      auto_advance);
void         co_test_clock_advance          (CoTestClock  *self,
                                             gint64        usec);
guint        co_test_clock_count_pending    (CoTestClock  *self,
                                             CoClockSleep  kind);
GArray      *co_test_clock_dup_log          (CoTestClock  *self,
                                             CoClockSleep  kind);
void         co_test_clock_clear_log        (CoTestClock  *self);

G_END_DECLS
