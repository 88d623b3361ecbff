/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-cue-time.h"
#include "co-duration.h"
#include "co-export-error.h"

/* A cue's times as a person edits them: H:MM:SS.mmm, the same in the list
 * and in the editor, and read back exactly.  The files themselves
 * (SRT, WebVTT) have their own notations, in co-subtitle.c. */

/**
 * co_cue_time_format:
 * @us: microseconds from the start of the media; a negative time is 0
 *
 * Returns: (transfer full): @us as H:MM:SS.mmm, rounded to the millisecond
 */
char *
co_cue_time_format (gint64 us)
{
  return co_duration_format_us (MAX (us, 0), CO_DURATION_FORMAT_HOURS | CO_DURATION_FORMAT_MILLIS);
}

/* ".5" is half a second, as in every subtitle format. */
static gint64
fraction_to_ms (const char *digits)
{
  gsize len = digits != NULL ? strlen (digits) : 0;

  if (len == 0)
    return 0;
  return g_ascii_strtoll (digits, NULL, 10) * (len == 1 ? 100 : len == 2 ? 10 : 1);
}

/**
 * co_cue_time_parse:
 * @text: a time as H:MM:SS.mmm (the milliseconds may be left out, and a
 *   comma may stand for the point)
 * @us: (out): microseconds
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text is such a time; otherwise %CO_EXPORT_ERROR_PARSE
 *   quoting @text
 */
gboolean
co_cue_time_parse (const char  *text,
                   gint64      *us,
                   GError     **error)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\s*(\\d{1,3}):([0-5]\\d):([0-5]\\d)(?:[.,](\\d{1,3}))?\\s*$",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *hours = NULL, *minutes = NULL, *seconds = NULL, *millis = NULL;

  g_return_val_if_fail (text != NULL && us != NULL, FALSE);

  if (!g_regex_match (regex, text, 0, &match))
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_PARSE,
                   _("“%s” is not a time like 0:01:02.500 (hours:minutes:seconds.milliseconds)"),
                   text);
      return FALSE;
    }
  hours = g_match_info_fetch (match, 1);
  minutes = g_match_info_fetch (match, 2);
  seconds = g_match_info_fetch (match, 3);
  millis = g_match_info_fetch (match, 4);
  *us = (g_ascii_strtoll (hours, NULL, 10) * 3600000 + g_ascii_strtoll (minutes, NULL, 10) * 60000
         + g_ascii_strtoll (seconds, NULL, 10) * 1000 + fraction_to_ms (millis)) * 1000;
  return TRUE;
}
