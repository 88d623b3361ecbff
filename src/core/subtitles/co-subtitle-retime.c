/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "co-cue-time.h"
#include "co-export-error.h"
#include "co-subtitle-retime.h"
#include "co-subtitle.h"

/* Re-timing as people ask for it: the times and rates they type, read and
 * checked before anything is changed, then one of the three re-timings of
 * co-subtitle.c.  The command line and the subtitles panel both come
 * through here, so they accept the same notations and say the same things. */

/* The most a time may be: the largest a cue time prints as (999:59:59.999). */
#define MAX_SECONDS (1000.0 * 3600)

/* "12.5" seconds, or "0:00:12.500" as the cue list shows times. */
static gboolean
parse_unsigned (const char *text,
                gint64     *us)
{
  char *end = NULL;
  double seconds;

  if (strchr (text, ':') != NULL)
    return co_cue_time_parse (text, us, NULL);
  while (g_ascii_isspace (*text))
    text++;
  if (!g_ascii_isdigit (*text) && *text != '.')
    return FALSE;
  seconds = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == text || end == NULL || *end != '\0' || !isfinite (seconds) || seconds >= MAX_SECONDS)
    return FALSE;
  *us = (gint64) llround (seconds * G_USEC_PER_SEC);
  return TRUE;
}

static gboolean
parse_time (const char  *text,
            gboolean     allow_sign,
            gint64      *us,
            GError     **error)
{
  const char *digits = text;
  int sign = 1;

  while (g_ascii_isspace (*digits))
    digits++;
  if (allow_sign && (*digits == '-' || *digits == '+'))
    sign = *digits++ == '-' ? -1 : 1;
  if (parse_unsigned (digits, us))
    {
      *us *= sign;
      return TRUE;
    }
  g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_PARSE,
               allow_sign
               ? _("“%s” is not a time to move by: write seconds such as -1.5 or +2, or "
                   "hours:minutes:seconds such as -0:00:01.500")
               : _("“%s” is not a time: write seconds such as 61.5, or "
                   "hours:minutes:seconds such as 0:01:01.500"),
               text);
  return FALSE;
}

/**
 * co_subtitle_retime_parse_shift:
 * @retime: (out caller-allocates): the re-timing
 * @delta: how far to move, in seconds ("-1.5", "+2") or as H:MM:SS.mmm with
 *   an optional sign ("-0:00:01.500")
 * @error: return location for a %CO_EXPORT_ERROR_PARSE error quoting @delta
 *
 * Returns: %TRUE when @delta is such a time
 */
gboolean
co_subtitle_retime_parse_shift (CoSubtitleRetime    *retime,
                       const char  *delta,
                       GError     **error)
{
  g_return_val_if_fail (retime != NULL && delta != NULL, FALSE);

  memset (retime, 0, sizeof *retime);
  retime->kind = CO_SUBTITLE_RETIME_SHIFT;
  return parse_time (delta, TRUE, &retime->times[0], error);
}

/**
 * co_subtitle_retime_parse_map:
 * @retime: (out caller-allocates): the re-timing
 * @from_a: a time in the current timing, in seconds or as H:MM:SS.mmm…
 * @to_a: …and where it must go
 * @from_b: a second, later time…
 * @to_b: …and where it must go, after @to_a
 * @error: return location for a %CO_EXPORT_ERROR_PARSE error quoting the
 *   time at fault, or %CO_EXPORT_ERROR_INVALID when the points are out of order
 *
 * Returns: %TRUE when the four are times and the points are in order
 */
gboolean
co_subtitle_retime_parse_map (CoSubtitleRetime    *retime,
                     const char  *from_a,
                     const char  *to_a,
                     const char  *from_b,
                     const char  *to_b,
                     GError     **error)
{
  const char *texts[4] = { from_a, to_a, from_b, to_b };

  g_return_val_if_fail (retime != NULL, FALSE);
  g_return_val_if_fail (from_a != NULL && to_a != NULL && from_b != NULL && to_b != NULL, FALSE);

  memset (retime, 0, sizeof *retime);
  retime->kind = CO_SUBTITLE_RETIME_MAP;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!parse_time (texts[i], FALSE, &retime->times[i], error))
      return FALSE;
  if (retime->times[2] <= retime->times[0] || retime->times[3] <= retime->times[1])
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                   _("The second point (%s → %s) must come after the first (%s → %s), "
                     "both before and after re-timing"), from_b, to_b, from_a, to_a);
      return FALSE;
    }
  return TRUE;
}

/**
 * co_subtitle_retime_parse_conform:
 * @retime: (out caller-allocates): the re-timing
 * @from: the frame rate the cues were timed for ("25", "23.976", "30000/1001")
 * @to: the frame rate the same frames now play at
 * @error: return location for a %CO_EXPORT_ERROR_INVALID error quoting the
 *   rate at fault
 *
 * Returns: %TRUE when both are frame rates
 */
gboolean
co_subtitle_retime_parse_conform (CoSubtitleRetime    *retime,
                         const char  *from,
                         const char  *to,
                         GError     **error)
{
  g_return_val_if_fail (retime != NULL && from != NULL && to != NULL, FALSE);

  memset (retime, 0, sizeof *retime);
  retime->kind = CO_SUBTITLE_RETIME_CONFORM;
  return co_rate_parse (from, &retime->from, error) && co_rate_parse (to, &retime->to, error);
}

/**
 * co_subtitle_retime_apply:
 * @retime: a re-timing made by one of the co_subtitle_retime_parse_*() functions
 * @cues: (element-type CoCue): the cues to re-time
 * @error: return location for a %CO_EXPORT_ERROR_INVALID error
 *
 * Re-times @cues in place.  Fails, changing nothing, if a cue would start
 * before the media starts.
 *
 * Returns: %TRUE on success
 */
gboolean
co_subtitle_retime_apply (const CoSubtitleRetime  *retime,
                 GPtrArray       *cues,
                 GError         **error)
{
  g_return_val_if_fail (retime != NULL && cues != NULL, FALSE);

  switch (retime->kind)
    {
    case CO_SUBTITLE_RETIME_SHIFT:
      return co_subtitle_shift (cues, retime->times[0], error);
    case CO_SUBTITLE_RETIME_MAP:
      return co_subtitle_map_linear (cues, retime->times[0], retime->times[1], retime->times[2],
                                     retime->times[3], error);
    case CO_SUBTITLE_RETIME_CONFORM:
      return co_subtitle_conform (cues, retime->from, retime->to, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * co_subtitle_retime_kind_to_string:
 * @kind: a kind
 *
 * Returns: its name in JSON: "shift", "map" or "conform"
 */
const char *
co_subtitle_retime_kind_to_string (CoSubtitleRetimeKind kind)
{
  switch (kind)
    {
    case CO_SUBTITLE_RETIME_SHIFT:
      return "shift";
    case CO_SUBTITLE_RETIME_MAP:
      return "map";
    case CO_SUBTITLE_RETIME_CONFORM:
      return "conform";
    default:
      g_return_val_if_reached (NULL);
    }
}
