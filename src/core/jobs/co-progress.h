/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CoProgressFunc:
 * @fraction: how much of the work is done, from 0 to 1
 * @message: (nullable): what is being done now, for a person, or %NULL to keep the
 *   last message
 * @user_data: the data given with the function
 *
 * The one progress signature of every long operation: the analysis, speech to text,
 * transcodes, exports, imports and verification.  It may be called from a worker
 * thread; a #CoJob turns it into notifications on the main thread.
 */
typedef void (*CoProgressFunc) (double      fraction,
                                const char *message,
                                gpointer    user_data);

/**
 * CoProgressSpan:
 * @func: (nullable): where the whole operation's progress goes
 * @user_data: the data for @func
 * @from: the share of the whole done when this step starts
 * @to: the share of the whole done when this step ends
 * @message: (nullable): what this step does, when the step itself says nothing
 *
 * One step of a longer operation: give co_progress_span_cb() as the step's
 * #CoProgressFunc and the span as its data, and the step's own 0–1 progress
 * becomes its share of the whole.
 */
typedef struct
{
  CoProgressFunc  func;
  gpointer        user_data;
  double          from;
  double          to;
  const char     *message;
} CoProgressSpan;

void co_progress_span_cb (double      fraction,
                          const char *message,
                          gpointer    span);

G_END_DECLS
