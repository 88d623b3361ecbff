/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-file.h"
#include "co-subtitle-error.h"
#include "co-subtitle.h"

/*
 * Strict SRT and WebVTT readers.  Every error names the input and the line,
 * so a person can open the file and fix it; overlapping cues are not an
 * error here but are reported by co_subtitle_check().
 */

typedef struct
{
  const char        *name;
  char             **lines;
  guint              n_lines;
  guint              pos;      /* index of the next line to read */
  CoSubtitleFormat   format;
  GPtrArray         *cues;
} Reader;

G_GNUC_PRINTF (4, 5)
static gboolean
fail (Reader      *reader,
      guint        line,
      GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_PARSE,
               _("%s: line %u: %s"), reader->name, line, reason);
  return FALSE;
}

static gboolean
is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    {
      if (!g_ascii_isspace (*line))
        return FALSE;
    }
  return TRUE;
}

/* Reports the line of the first byte that is not UTF-8. */
static gboolean
check_utf8 (const char  *name,
            const char  *data,
            gsize        len,
            GError     **error)
{
  const char *end = NULL;
  guint line = 1;

  if (g_utf8_validate (data, len, &end))
    return TRUE;
  for (const char *p = data; p < end; p++)
    line += *p == '\n';
  g_set_error (error, CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_PARSE,
               _("%s: line %u: the text is not valid UTF-8; save the file as UTF-8"),
               name, line);
  return FALSE;
}

/* Splits into lines, dropping a byte order mark and the CR of CRLF. */
static char **
split_lines (const char *data,
             gsize       len,
             guint      *n_lines)
{
  g_autofree char *copy = NULL;
  char **lines;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  copy = g_strndup (data, len);
  lines = g_strsplit (copy, "\n", -1);
  *n_lines = g_strv_length (lines);
  for (guint i = 0; i < *n_lines; i++)
    {
      gsize l = strlen (lines[i]);

      if (l > 0 && lines[i][l - 1] == '\r')
        lines[i][l - 1] = '\0';
    }
  return lines;
}

static gboolean
read_digits (const char **p,
             int          min_digits,
             int          max_digits,
             gint64      *value)
{
  int n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  return n >= min_digits && !g_ascii_isdigit (**p);
}

/* Reads [HH:]MM:SS<sep>mmm.  SRT requires the hours; WebVTT makes them
 * optional but then needs at least two digits. */
static gboolean
read_timestamp (const char **p,
                char         separator,
                gboolean     hours_required,
                gint64      *us)
{
  gint64 a, b, c = -1, ms;

  if (!read_digits (p, 2, 9, &a) || **p != ':')
    return FALSE;
  (*p)++;
  if (!read_digits (p, 2, 2, &b))
    return FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!read_digits (p, 2, 2, &c))
        return FALSE;
    }
  else if (hours_required)
    return FALSE;
  if (**p != separator)
    return FALSE;
  (*p)++;
  if (!read_digits (p, 3, 3, &ms))
    return FALSE;

  if (c < 0)
    {
      c = b;
      b = a;
      a = 0;
      if (b >= 60)
        return FALSE;
    }
  if (b >= 60 || c >= 60)
    return FALSE;
  *us = (((a * 60 + b) * 60 + c) * 1000 + ms) * 1000;
  return TRUE;
}

static void
skip_blanks (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

/* Parses "start --> end" and, for WebVTT, optional cue settings after it. */
static gboolean
parse_timing (Reader      *reader,
              guint        line_no,
              gint64      *start,
              gint64      *end,
              GError     **error)
{
  const char *line = reader->lines[line_no - 1];
  const char *p = line;
  gboolean vtt = reader->format == CO_SUBTITLE_FORMAT_VTT;
  char sep = vtt ? '.' : ',';
  const char *expected = vtt ? "HH:MM:SS.mmm --> HH:MM:SS.mmm" : "HH:MM:SS,mmm --> HH:MM:SS,mmm";

  if (!read_timestamp (&p, sep, !vtt, start))
    goto bad;
  skip_blanks (&p);
  if (!g_str_has_prefix (p, "-->"))
    goto bad;
  p += 3;
  skip_blanks (&p);
  if (!read_timestamp (&p, sep, !vtt, end))
    goto bad;
  if (*p != '\0' && !(vtt && (*p == ' ' || *p == '\t')) && !is_blank (p))
    goto bad;

  if (*end <= *start)
    return fail (reader, line_no, error, _("the cue ends before or when it starts (“%s”)"),
                 line);
  return TRUE;

bad:
  return fail (reader, line_no, error,
               _("expected a timing line “%s” with minutes and seconds below 60, found “%s”"),
               expected, line);
}

/* Removes WebVTT markup (<i>, <v Name>, <00:01.000>…) and decodes the
 * character references the writer produces. */
static char *
vtt_plain_text (const char *line)
{
  GString *out = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (out, *p);
    }
  g_string_replace (out, "&lt;", "<", 0);
  g_string_replace (out, "&gt;", ">", 0);
  g_string_replace (out, "&nbsp;", "\xC2\xA0", 0);
  g_string_replace (out, "&amp;", "&", 0);
  return g_string_free (out, FALSE);
}

/* Reads text lines up to a blank line or the end.  A timing line among
 * them means the blank line before it is missing. */
static gboolean
read_text (Reader      *reader,
           guint        cue_number,
           GString     *text,
           GError     **error)
{
  guint first = reader->pos;

  for (; reader->pos < reader->n_lines && !is_blank (reader->lines[reader->pos]); reader->pos++)
    {
      const char *line = reader->lines[reader->pos];

      if (strstr (line, "-->") != NULL)
        return fail (reader, reader->pos + 1, error,
                     _("a timing line inside the text of cue %u: a blank line is missing "
                       "before it"), cue_number);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (reader->format == CO_SUBTITLE_FORMAT_VTT)
        {
          g_autofree char *plain = vtt_plain_text (line);
          g_string_append (text, plain);
        }
      else
        g_string_append (text, line);
    }
  if (reader->pos == first)
    return fail (reader, first + 1, error, _("cue %u has no text"), cue_number);
  /* WebVTT markup alone ("<i></i>") leaves nothing to show, and a cue
   * written back without text could not be read again. */
  if (is_blank (text->str))
    return fail (reader, first + 1, error, _("cue %u has only markup, no text"), cue_number);
  return TRUE;
}

static gboolean
only_blanks_left (Reader *reader)
{
  for (guint i = reader->pos; i < reader->n_lines; i++)
    {
      if (!is_blank (reader->lines[i]))
        return FALSE;
    }
  return TRUE;
}

/* Reads the timing line at the current position, then the text. */
static gboolean
read_cue_body (Reader      *reader,
               GError     **error)
{
  guint number = reader->cues->len + 1;
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 start, end;

  if (only_blanks_left (reader))
    return fail (reader, reader->pos, error,
                 _("the file ends where the timing line of cue %u should be"), number);
  if (is_blank (reader->lines[reader->pos]))
    return fail (reader, reader->pos + 1, error,
                 _("a blank line where the timing line of cue %u should be"), number);
  if (!parse_timing (reader, reader->pos + 1, &start, &end, error))
    return FALSE;
  reader->pos++;
  if (!read_text (reader, number, text, error))
    return FALSE;
  g_ptr_array_add (reader->cues, co_cue_new (start, end, text->str));
  return TRUE;
}

static void
skip_blank_lines (Reader *reader)
{
  while (reader->pos < reader->n_lines && is_blank (reader->lines[reader->pos]))
    reader->pos++;
}

static gboolean
read_srt_cue (Reader      *reader,
              GError     **error)
{
  const char *line = reader->lines[reader->pos];
  guint expected = reader->cues->len + 1;
  guint64 index = 0;
  g_autofree char *trimmed = g_strstrip (g_strdup (line));

  if (strstr (line, "-->") != NULL)
    return fail (reader, reader->pos + 1, error,
                 _("expected cue number %u before this timing line"), expected);
  if (!g_ascii_string_to_unsigned (trimmed, 10, 1, G_MAXUINT, &index, NULL) ||
      index != expected)
    return fail (reader, reader->pos + 1, error,
                 _("expected cue number %u, found “%s”"), expected, line);
  reader->pos++;
  return read_cue_body (reader, error);
}

static gboolean
read_srt (Reader  *reader,
          GError **error)
{
  for (skip_blank_lines (reader); reader->pos < reader->n_lines; skip_blank_lines (reader))
    {
      if (!read_srt_cue (reader, error))
        return FALSE;
    }
  return TRUE;
}

/* The first line is WEBVTT, alone or followed by a space or tab and a
 * title; header lines follow until the first blank line. */
static gboolean
read_vtt_header (Reader  *reader,
                 GError **error)
{
  const char *first = reader->n_lines > 0 ? reader->lines[0] : "";

  if (!g_str_has_prefix (first, "WEBVTT") ||
      (first[6] != '\0' && first[6] != ' ' && first[6] != '\t'))
    return fail (reader, 1, error, _("a WebVTT file must start with the line “WEBVTT”"));

  for (reader->pos = 1;
       reader->pos < reader->n_lines && !is_blank (reader->lines[reader->pos]);
       reader->pos++)
    {
      if (strstr (reader->lines[reader->pos], "-->") != NULL)
        return fail (reader, reader->pos + 1, error,
                     _("a blank line is missing between the header and the first cue"));
    }
  return TRUE;
}

static gboolean
starts_word (const char *line,
             const char *word)
{
  gsize n = strlen (word);

  return strncmp (line, word, n) == 0 &&
         (line[n] == '\0' || line[n] == ' ' || line[n] == '\t');
}

/* A block is a NOTE, STYLE or REGION block (skipped), or a cue with an
 * optional identifier line before its timing line. */
static gboolean
read_vtt_block (Reader  *reader,
                GError **error)
{
  const char *line = reader->lines[reader->pos];

  if (starts_word (line, "NOTE") || starts_word (line, "STYLE") || starts_word (line, "REGION"))
    {
      while (reader->pos < reader->n_lines && !is_blank (reader->lines[reader->pos]))
        reader->pos++;
      return TRUE;
    }
  if (strstr (line, "-->") == NULL)
    {
      reader->pos++;
      if (reader->pos >= reader->n_lines || is_blank (reader->lines[reader->pos]))
        return fail (reader, reader->pos, error,
                     _("“%s” is neither a timing line nor followed by one"), line);
    }
  return read_cue_body (reader, error);
}

static gboolean
read_vtt (Reader  *reader,
          GError **error)
{
  if (!read_vtt_header (reader, error))
    return FALSE;
  for (skip_blank_lines (reader); reader->pos < reader->n_lines; skip_blank_lines (reader))
    {
      if (!read_vtt_block (reader, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * co_subtitle_parse:
 * @name: the file name or another label used in error messages
 * @data: the file content
 * @len: its length, or -1 if nul-terminated
 * @format: the format to read
 * @error: return location for a #CO_SUBTITLE_ERROR_PARSE error
 *
 * Reads SRT or WebVTT strictly: cue numbers must count from 1 (SRT), the
 * WebVTT header must be present, timing lines must be exact with the end
 * after the start, cues are separated by blank lines and must have text,
 * and the file must be UTF-8.  The error names @name and the line.  WebVTT
 * markup is removed, and cue settings and NOTE/STYLE/REGION blocks are
 * ignored.  Overlaps are left for co_subtitle_check() to report.
 *
 * Returns: (transfer full) (element-type CoCue): the cues, or %NULL
 */
GPtrArray *
co_subtitle_parse (const char        *name,
                   const char        *data,
                   gssize             len,
                   CoSubtitleFormat   format,
                   GError           **error)
{
  g_autoptr(GPtrArray) cues = co_cue_list_new ();
  g_auto(GStrv) lines = NULL;
  Reader reader = { name, NULL, 0, 0, format, cues };
  gboolean ok;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (len < 0)
    len = strlen (data);
  if (!check_utf8 (name, data, len, error))
    return NULL;

  lines = split_lines (data, len, &reader.n_lines);
  reader.lines = lines;
  ok = format == CO_SUBTITLE_FORMAT_VTT ? read_vtt (&reader, error) : read_srt (&reader, error);
  if (!ok)
    return NULL;
  if (cues->len == 0)
    {
      fail (&reader, MAX (reader.n_lines, 1), error, _("the file holds no cues"));
      return NULL;
    }
  return g_steal_pointer (&cues);
}

/**
 * co_subtitle_load:
 * @path: an `.srt` or `.vtt` file
 * @error: return location for a #GError
 *
 * Reads a subtitle file strictly, with the format its extension names.  Only
 * a regular file of at most %CO_FILE_MAX_TEXT_SIZE bytes is read (see
 * co_file_read()), so a folder, a pipe or a device is refused at once.
 *
 * Returns: (transfer full) (element-type CoCue): the cues, or %NULL with
 *   @error set: a #CO_FILE_ERROR when the file cannot be read,
 *   #CO_EXPORT_ERROR_INVALID for an unknown extension, or
 *   #CO_SUBTITLE_ERROR_PARSE naming the line
 */
GPtrArray *
co_subtitle_load (const char  *path,
                  GError     **error)
{
  g_autofree char *data = NULL;
  CoSubtitleFormat format;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  /* The file first: a folder is "a folder", whatever its name ends in. */
  data = co_file_read (path, CO_FILE_MAX_TEXT_SIZE, &len, error);
  if (data == NULL || !co_subtitle_format_for_path (path, &format, error))
    return NULL;
  return co_subtitle_parse (path, data, len, format, error);
}
