/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CoDurationFormat:
 * @CO_DURATION_FORMAT_SHORT: `m:ss`, or `h:mm:ss` from an hour on
 * @CO_DURATION_FORMAT_HOURS: always `h:mm:ss`
 * @CO_DURATION_FORMAT_MILLIS: milliseconds after the seconds: `m:ss.mmm`
 * @CO_DURATION_FORMAT_CEIL: round up instead of to the nearest unit, for a
 *   length set against a limit (a video 0.4 s over a minute reads `1:01`)
 *
 * How co_duration_format() writes a duration or a position.  Flags combine.
 */
typedef enum
{
  CO_DURATION_FORMAT_SHORT  = 0,
  CO_DURATION_FORMAT_HOURS  = 1 << 0,
  CO_DURATION_FORMAT_MILLIS = 1 << 1,
  CO_DURATION_FORMAT_CEIL   = 1 << 2,
} CoDurationFormat;

char *co_duration_format    (double            seconds,
                             CoDurationFormat  format);
char *co_duration_format_us (gint64            us,
                             CoDurationFormat  format);

G_END_DECLS
