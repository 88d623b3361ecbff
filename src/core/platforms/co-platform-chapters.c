/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-platform.h"

/*
 * YouTube makes chapters of the timestamps in a video's description only when
 * they keep its rules: the first at 0:00, at least three, each at least ten
 * seconds long.  Otherwise the video simply has no chapters, which nobody
 * notices until it is published; so the lines are checked before.  Exporting
 * chapters from markers (core/export) makes lines that keep the rules; this
 * checks lines a person wrote or edited.
 */

#define MIN_CHAPTERS 3
#define MIN_CHAPTER_SECONDS 10

/* "M:SS", "MM:SS" or "H:MM:SS" at the start of @line, then a space and a title. */
static gboolean
parse_line (const char *line,
            gint64     *out_seconds)
{
  g_autoptr(GRegex) regex = g_regex_new ("^(?:([0-9]+):)?([0-9]{1,2}):([0-5][0-9])\\s+\\S",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *seconds = NULL;

  if (!g_regex_match (regex, line, 0, &match))
    return FALSE;
  hours = g_match_info_fetch (match, 1);
  minutes = g_match_info_fetch (match, 2);
  seconds = g_match_info_fetch (match, 3);
  if (hours[0] != '\0' && g_ascii_strtoll (minutes, NULL, 10) > 59)
    return FALSE;
  *out_seconds = g_ascii_strtoll (hours, NULL, 10) * 3600 +
                 g_ascii_strtoll (minutes, NULL, 10) * 60 + g_ascii_strtoll (seconds, NULL, 10);
  return TRUE;
}

/* The chapter that starts at @start with @line ends at @end. */
static gboolean
check_length (const char  *line,
              gint64       start,
              gint64       end,
              GError     **error)
{
  if (end - start >= MIN_CHAPTER_SECONDS)
    return TRUE;
  g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
               _("The chapter “%s” lasts %lld s; a YouTube chapter lasts at least %d s"), line,
               (long long)(end - start), MIN_CHAPTER_SECONDS);
  return FALSE;
}

/* Checks @line, the chapter after @previous (NULL for the first). */
static gboolean
check_line (const char  *line,
            const char  *previous,
            gint64      *start,
            GError     **error)
{
  gint64 seconds = 0;

  if (!parse_line (line, &seconds))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The chapter line “%s” does not start with a time such as 1:05 and "
                     "a title"), line);
      return FALSE;
    }
  if (previous == NULL && seconds != 0)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The first chapter, “%s”, must start at 0:00 for YouTube"), line);
      return FALSE;
    }
  if (previous != NULL && !check_length (previous, *start, seconds, error))
    return FALSE;
  *start = seconds;
  return TRUE;
}

/**
 * co_platform_check_chapters:
 * @chapters: chapter lines ("0:00 Intro\n1:30 Setup\n…"); empty lines are skipped
 * @duration: the video's duration in seconds, or 0 when unknown
 * @error: return location for a %CO_PLATFORM_ERROR_INVALID naming the line and
 *   the rule it breaks
 *
 * Checks chapter lines by YouTube's rules: each starts with a time and has a
 * title, the first is at 0:00, there are at least three, in order, and each
 * lasts at least ten seconds (the last one up to @duration, when known).
 *
 * Returns: %TRUE when YouTube makes chapters of them
 */
gboolean
co_platform_check_chapters (const char  *chapters,
                            double       duration,
                            GError     **error)
{
  g_auto(GStrv) lines = NULL;
  const char *previous = NULL;
  gint64 start = 0;
  guint n = 0;

  g_return_val_if_fail (chapters != NULL, FALSE);

  lines = g_strsplit (chapters, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (!check_line (lines[i], previous, &start, error))
        return FALSE;
      previous = lines[i];
      n++;
    }
  if (n < MIN_CHAPTERS)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("There are %u chapters; YouTube needs at least %d"), n, MIN_CHAPTERS);
      return FALSE;
    }
  if (duration > 0 && !check_length (previous, start, (gint64)duration, error))
    return FALSE;
  return TRUE;
}
