/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "co-export-error.h"
#include "co-subtitle.h"

G_DEFINE_BOXED_TYPE (CoCue, co_cue, co_cue_copy, co_cue_free)

/**
 * co_cue_new:
 * @start_us: when the cue appears, in microseconds
 * @end_us: when it disappears, after @start_us
 * @text: the lines, separated by `\n`
 *
 * Makes a cue with full confidence that is not flagged.
 *
 * Returns: (transfer full): the cue; free with co_cue_free()
 */
CoCue *
co_cue_new (gint64      start_us,
            gint64      end_us,
            const char *text)
{
  CoCue *cue;

  g_return_val_if_fail (text != NULL, NULL);

  cue = g_new0 (CoCue, 1);
  cue->start_us = start_us;
  cue->end_us = end_us;
  cue->text = g_strdup (text);
  cue->confidence = 1.0;
  return cue;
}

/**
 * co_cue_copy:
 * @cue: a cue
 *
 * Returns: (transfer full): a deep copy of @cue
 */
CoCue *
co_cue_copy (const CoCue *cue)
{
  CoCue *copy;

  g_return_val_if_fail (cue != NULL, NULL);

  copy = g_memdup2 (cue, sizeof *cue);
  copy->text = g_strdup (cue->text);
  return copy;
}

/**
 * co_cue_free:
 * @cue: (nullable): a cue
 *
 * Frees @cue and its text.
 */
void
co_cue_free (CoCue *cue)
{
  if (cue == NULL)
    return;
  g_free (cue->text);
  g_free (cue);
}

/**
 * co_cue_dup_lines:
 * @cue: a cue
 *
 * Returns: (transfer full): the lines of @cue's text
 */
char **
co_cue_dup_lines (const CoCue *cue)
{
  g_return_val_if_fail (cue != NULL, NULL);

  return g_strsplit (cue->text, "\n", -1);
}

/**
 * co_cue_count_chars:
 * @cue: a cue
 *
 * Counts the characters a viewer reads: every character of every line,
 * spaces included, line breaks not.
 *
 * Returns: the number of characters
 */
glong
co_cue_count_chars (const CoCue *cue)
{
  glong count = 0;

  g_return_val_if_fail (cue != NULL, 0);

  for (const char *p = cue->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p != '\n')
        count++;
    }
  return count;
}

/**
 * co_cue_list_new:
 *
 * Returns: (transfer full) (element-type CoCue): an empty cue list that
 *   frees its cues
 */
GPtrArray *
co_cue_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) co_cue_free);
}

/**
 * co_cue_list_copy:
 * @cues: (element-type CoCue): a cue list
 *
 * Returns: (transfer full) (element-type CoCue): a deep copy of @cues
 */
GPtrArray *
co_cue_list_copy (GPtrArray *cues)
{
  GPtrArray *copy;

  g_return_val_if_fail (cues != NULL, NULL);

  copy = co_cue_list_new ();
  for (guint i = 0; i < cues->len; i++)
    g_ptr_array_add (copy, co_cue_copy (g_ptr_array_index (cues, i)));
  return copy;
}

/**
 * co_subtitle_format_for_path:
 * @path: a file name ending in `.srt` or `.vtt`
 * @format: (out): the format its extension names
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Returns: %TRUE if the extension names a subtitle format
 */
gboolean
co_subtitle_format_for_path (const char        *path,
                             CoSubtitleFormat  *format,
                             GError           **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".srt"))
    *format = CO_SUBTITLE_FORMAT_SRT;
  else if (g_str_has_suffix (lower, ".vtt"))
    *format = CO_SUBTITLE_FORMAT_VTT;
  else
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                   _("%s: not a subtitle file (the name must end in .srt or .vtt)"), path);
      return FALSE;
    }
  return TRUE;
}

/* Writes a time as HH:MM:SS,mmm (SRT) or HH:MM:SS.mmm (WebVTT), rounded
 * to the nearest millisecond. */
static void
append_timestamp (GString *out,
                  gint64   us,
                  char     separator)
{
  gint64 ms = co_time_scale (MAX (us, 0), 1, 1000);

  g_string_append_printf (out, "%02" G_GINT64_FORMAT ":%02d:%02d%c%03d",
                          ms / 3600000, (int) (ms / 60000 % 60), (int) (ms / 1000 % 60),
                          separator, (int) (ms % 1000));
}

/* Writes the lines of a cue without empty lines, which would end the cue
 * early in both formats.  WebVTT escapes markup characters; SRT has no
 * escapes, so an arrow that would read as a timing line is defused. */
static void
append_text (GString          *out,
             const char       *text,
             CoSubtitleFormat  format)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) line = g_string_new (g_strstrip (lines[i]));

      if (line->len == 0)
        continue;
      if (format == CO_SUBTITLE_FORMAT_VTT)
        {
          g_string_replace (line, "&", "&amp;", 0);
          g_string_replace (line, "<", "&lt;", 0);
          g_string_replace (line, ">", "&gt;", 0);
        }
      else
        g_string_replace (line, "-->", "->", 0);
      g_string_append_len (out, line->str, line->len);
      g_string_append_c (out, '\n');
    }
}

/**
 * co_subtitle_write:
 * @cues: (element-type CoCue): the cues, in order
 * @format: the file format
 *
 * Writes a complete SRT or WebVTT file.  Times are rounded to the nearest
 * millisecond, the precision of both formats.
 *
 * Returns: (transfer full): the file content, UTF-8
 */
char *
co_subtitle_write (GPtrArray        *cues,
                   CoSubtitleFormat  format)
{
  GString *out;
  char sep = format == CO_SUBTITLE_FORMAT_VTT ? '.' : ',';

  g_return_val_if_fail (cues != NULL, NULL);

  out = g_string_new (format == CO_SUBTITLE_FORMAT_VTT ? "WEBVTT\n\n" : "");
  for (guint i = 0; i < cues->len; i++)
    {
      const CoCue *cue = g_ptr_array_index (cues, i);

      if (format == CO_SUBTITLE_FORMAT_SRT)
        g_string_append_printf (out, "%u\n", i + 1);
      append_timestamp (out, cue->start_us, sep);
      g_string_append (out, " --> ");
      append_timestamp (out, cue->end_us, sep);
      g_string_append_c (out, '\n');
      append_text (out, cue->text, format);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Checks that every cue keeps a non-negative start and a positive length
 * after re-timing; nothing is changed unless all of them do. */
static gboolean
check_retimed (GPtrArray  *cues,
               GArray     *times,
               GError    **error)
{
  for (guint i = 0; i < cues->len; i++)
    {
      gint64 start = g_array_index (times, gint64, 2 * i);
      gint64 end = g_array_index (times, gint64, 2 * i + 1);

      if (start < 0 || end <= start)
        {
          g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                       _("Cue %u would start before the media starts or end before it "
                         "starts after re-timing"), i + 1);
          return FALSE;
        }
    }
  for (guint i = 0; i < cues->len; i++)
    {
      CoCue *cue = g_ptr_array_index (cues, i);

      cue->start_us = g_array_index (times, gint64, 2 * i);
      cue->end_us = g_array_index (times, gint64, 2 * i + 1);
    }
  return TRUE;
}

typedef gint64 (*TimeMap) (gint64 us, const gint64 *args);

static gboolean
retime (GPtrArray     *cues,
        TimeMap        map,
        const gint64  *args,
        GError       **error)
{
  g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 2 * cues->len);

  for (guint i = 0; i < cues->len; i++)
    {
      const CoCue *cue = g_ptr_array_index (cues, i);
      gint64 start = map (cue->start_us, args);
      gint64 end = map (cue->end_us, args);

      g_array_append_val (times, start);
      g_array_append_val (times, end);
    }
  return check_retimed (cues, times, error);
}

static gint64
shift_map (gint64        us,
           const gint64 *args)
{
  return us + args[0];
}

/* args: from_a, to_a, from_b, to_b, with from_b > from_a. */
static gint64
linear_map (gint64        us,
            const gint64 *args)
{
  return args[1] + co_time_scale (us - args[0], args[3] - args[1], args[2] - args[0]);
}

/**
 * co_subtitle_shift:
 * @cues: (element-type CoCue): the cues to move
 * @delta_us: how far to move them, negative for earlier
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Moves every cue by the same amount.  Fails, changing nothing, if a cue
 * would start before zero.
 *
 * Returns: %TRUE on success
 */
gboolean
co_subtitle_shift (GPtrArray  *cues,
                   gint64      delta_us,
                   GError    **error)
{
  gint64 args[1] = { delta_us };

  g_return_val_if_fail (cues != NULL, FALSE);

  return retime (cues, shift_map, args, error);
}

/**
 * co_subtitle_map_linear:
 * @cues: (element-type CoCue): the cues to re-time
 * @from_a_us: a time in the current timing…
 * @to_a_us: …and where it must go
 * @from_b_us: a second, later current time…
 * @to_b_us: …and where it must go, after @to_a_us
 *
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Stretches and shifts the cues with the linear map that takes the two
 * given points to their targets: the usual fix for subtitles that drift
 * out of sync.  Fails, changing nothing, if a cue would start before zero.
 *
 * Returns: %TRUE on success
 */
gboolean
co_subtitle_map_linear (GPtrArray  *cues,
                        gint64      from_a_us,
                        gint64      to_a_us,
                        gint64      from_b_us,
                        gint64      to_b_us,
                        GError    **error)
{
  gint64 args[4] = { from_a_us, to_a_us, from_b_us, to_b_us };

  g_return_val_if_fail (cues != NULL, FALSE);

  if (from_b_us <= from_a_us || to_b_us <= to_a_us)
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                   _("The two re-timing points must be in order and apart, both before "
                     "and after re-timing"));
      return FALSE;
    }
  return retime (cues, linear_map, args, error);
}

/**
 * co_subtitle_conform:
 * @cues: (element-type CoCue): the cues to re-time
 * @from: the frame rate the cues were timed for
 * @to: the frame rate the same frames now play at
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Re-times for a speed change of the same frames, such as a 25 fps PAL
 * master conformed back to 23.976: each frame keeps its subtitle, so every
 * time is multiplied by @from / @to, exactly.
 *
 * Returns: %TRUE on success
 */
gboolean
co_subtitle_conform (GPtrArray  *cues,
                     CoRate      from,
                     CoRate      to,
                     GError    **error)
{
  gint64 args[4];

  g_return_val_if_fail (cues != NULL, FALSE);

  if (!co_rate_is_valid (from) || !co_rate_is_valid (to))
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                   _("Conforming needs two valid frame rates"));
      return FALSE;
    }
  /* t' = t × (from.num / from.den) / (to.num / to.den), as a linear map
   * through zero. */
  args[0] = 0;
  args[1] = 0;
  args[2] = (gint64) from.den * to.num;
  args[3] = (gint64) from.num * to.den;
  return retime (cues, linear_map, args, error);
}
