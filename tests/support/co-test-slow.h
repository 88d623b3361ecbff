/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * Slow answers for the platform fakes: the next N answers are written but
 * kept paused until the test releases them (after moving its clock, say),
 * so a test sees the client wait for an answer that takes its time without
 * any real sleep.
 */
typedef struct
{
  guint      pending;   /* answers still to slow down */
  GPtrArray *waiting;   /* SoupServerMessage, paused */
} CoTestSlow;

void     co_test_slow_init    (CoTestSlow        *self);
void     co_test_slow_clear   (CoTestSlow        *self);
void     co_test_slow_hold    (CoTestSlow        *self,
                               SoupServerMessage *message);
guint    co_test_slow_count   (CoTestSlow        *self);
void     co_test_slow_release (CoTestSlow        *self);

G_END_DECLS
