/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-progress.h"

/**
 * co_progress_span_cb:
 * @fraction: the share of the step done, from 0 to 1
 * @message: (nullable): what the step is doing, or %NULL
 * @span: a #CoProgressSpan
 *
 * A #CoProgressFunc that reports a step's progress as its share of the whole,
 * with the step's message, or the span's when the step gives none.
 */
void
co_progress_span_cb (double      fraction,
                     const char *message,
                     gpointer    span)
{
  CoProgressSpan *self = span;

  if (self->func != NULL)
    self->func (self->from + (self->to - self->from) * fraction,
                message != NULL ? message : self->message, self->user_data);
}
