/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "co-duration.h"

/* Durations and positions as people read them: the vault's item lengths,
 * the playhead, the edit suggestions, subtitle cue times and the command
 * line's tables.  One rounding for all: to the nearest unit shown (second
 * or millisecond), halves up; or up, with CO_DURATION_FORMAT_CEIL, where a
 * length is set against a platform's limit.  Timecodes, counted in frames for editors,
 * are co-timecode.c's. */

static char *
format_ms (gint64           ms,
           CoDurationFormat format)
{
  gint64 s = ms / 1000;
  char fraction[8] = "";

  if (format & CO_DURATION_FORMAT_MILLIS)
    g_snprintf (fraction, sizeof fraction, ".%03d", (int) (ms % 1000));
  if (s >= 3600 || (format & CO_DURATION_FORMAT_HOURS))
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d%s", s / 3600, (int) (s / 60 % 60),
                            (int) (s % 60), fraction);
  return g_strdup_printf ("%d:%02d%s", (int) (s / 60), (int) (s % 60), fraction);
}

/**
 * co_duration_format:
 * @seconds: a duration or a position, in seconds
 * @format: how to write it
 *
 * Writes @seconds rounded to the nearest unit shown: "1:02", "1:02.346",
 * "1:02:03", "0:01:02.346".
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when @seconds is
 *   negative or not a number (no duration)
 */
char *
co_duration_format (double           seconds,
                    CoDurationFormat format)
{
  if (!(seconds >= 0) || !isfinite (seconds))
    return NULL;
  if (format & CO_DURATION_FORMAT_CEIL)
    {
      if (format & CO_DURATION_FORMAT_MILLIS)
        return format_ms ((gint64) ceil (seconds * 1000), format);
      return format_ms ((gint64) ceil (seconds) * 1000, format);
    }
  if (format & CO_DURATION_FORMAT_MILLIS)
    return format_ms (llround (seconds * 1000), format);
  return format_ms (llround (seconds) * 1000, format);
}

/**
 * co_duration_format_us:
 * @us: a duration or a position, in microseconds
 * @format: how to write it
 *
 * As co_duration_format(), for times counted in microseconds (subtitle
 * cues), rounded in integers so that no microsecond is lost on the way.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when @us is negative
 */
char *
co_duration_format_us (gint64           us,
                       CoDurationFormat format)
{
  if (us < 0)
    return NULL;
  if (format & CO_DURATION_FORMAT_CEIL)
    {
      if (format & CO_DURATION_FORMAT_MILLIS)
        return format_ms ((us + 999) / 1000, format);
      return format_ms ((us + 999999) / 1000000 * 1000, format);
    }
  if (format & CO_DURATION_FORMAT_MILLIS)
    return format_ms ((us + 500) / 1000, format);
  return format_ms ((us + 500000) / 1000000 * 1000, format);
}
