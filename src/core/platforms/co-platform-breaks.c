/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "co-platform-private.h"

/*
 * Where a text may be cut: ICU's break iterators (UAX #29 graphemes and
 * sentences, UAX #14 line breaks, which also break between ideographs, so
 * Chinese and Japanese text without spaces can be cut too).  They read the
 * UTF-8 text in place through a UText and answer in byte offsets.
 *
 * Opening an iterator loads its rules; one of each kind is opened once and
 * cloned for every use, since a clone is cheap and each thread needs its own.
 */

static gpointer
open_templates (gpointer data)
{
  static const UBreakIteratorType types[] = { UBRK_CHARACTER, UBRK_LINE, UBRK_SENTENCE };
  UBreakIterator **templates = g_new0 (UBreakIterator *, G_N_ELEMENTS (types));

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      UErrorCode status = U_ZERO_ERROR;

      /* The root locale: the same cuts whatever the user's language. */
      templates[i] = ubrk_open (types[i], "", NULL, 0, &status);
      if (U_FAILURE (status))
        g_clear_pointer (&templates[i], ubrk_close);
    }
  return templates;
}

static UBreakIterator *
clone_iterator (CoBreakKind kind)
{
  static GOnce once = G_ONCE_INIT;
  UBreakIterator **templates = g_once (&once, open_templates, NULL);
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *iterator;

  if (templates[kind] == NULL)
    return NULL;
  iterator = ubrk_clone (templates[kind], &status);
  return U_SUCCESS (status) ? iterator : NULL;
}

/* Without ICU's data every character boundary is a break: cuts stay
 * possible, if less tidy. */
static void
append_char_boundaries (const char *text,
                        gsize       length,
                        GArray     *breaks)
{
  for (const char *p = text; p < text + length;)
    {
      gsize offset;

      p = g_utf8_next_char (p);
      offset = p - text;
      g_array_append_val (breaks, offset);
    }
}

/**
 * _co_text_breaks:
 * @text: valid UTF-8
 * @length: its length in bytes
 * @kind: which breaks
 *
 * Returns: (transfer full) (element-type gsize): the offsets of the breaks of
 *   @kind, in order, without 0 and with @length
 */
GArray *
_co_text_breaks (const char  *text,
                 gsize        length,
                 CoBreakKind  kind)
{
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (gsize));
  UBreakIterator *iterator = clone_iterator (kind);
  UErrorCode status = U_ZERO_ERROR;
  UText *utext = utext_openUTF8 (NULL, text, length, &status);

  if (iterator != NULL)
    ubrk_setUText (iterator, utext, &status);
  if (iterator == NULL || U_FAILURE (status))
    append_char_boundaries (text, length, breaks);
  else
    for (int32_t at = ubrk_next (iterator); at != UBRK_DONE; at = ubrk_next (iterator))
      {
        gsize offset = at;

        g_array_append_val (breaks, offset);
      }
  g_clear_pointer (&iterator, ubrk_close);
  utext_close (utext);
  return breaks;
}

static gboolean
inside_entity (GArray *entities,
               guint  *next,
               gsize   offset)
{
  while (*next < entities->len && g_array_index (entities, CoTextSpan, *next).end <= offset)
    (*next)++;
  return *next < entities->len && g_array_index (entities, CoTextSpan, *next).start < offset;
}

/**
 * _co_text_cut_points:
 * @text: valid UTF-8
 * @length: its length in bytes
 * @kind: %CO_BREAK_LINE or %CO_BREAK_GRAPHEME
 * @entities: (element-type CoTextSpan): the spans not to cut, from
 *   _co_text_find_entities()
 *
 * The places a post may end: breaks of @kind that fall between graphemes
 * (never inside an emoji sequence or after a base before its combining
 * marks) and outside every entity.
 *
 * Returns: (transfer full) (element-type gsize): the offsets, in order
 */
GArray *
_co_text_cut_points (const char  *text,
                     gsize        length,
                     CoBreakKind  kind,
                     GArray      *entities)
{
  GArray *breaks = _co_text_breaks (text, length, kind);
  g_autoptr(GArray) graphemes = NULL;
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint next_entity = 0, next_grapheme = 0;

  if (kind != CO_BREAK_GRAPHEME)
    graphemes = _co_text_breaks (text, length, CO_BREAK_GRAPHEME);
  for (guint i = 0; i < breaks->len; i++)
    {
      gsize offset = g_array_index (breaks, gsize, i);

      while (graphemes != NULL && next_grapheme < graphemes->len &&
             g_array_index (graphemes, gsize, next_grapheme) < offset)
        next_grapheme++;
      if (graphemes != NULL && (next_grapheme == graphemes->len ||
                                g_array_index (graphemes, gsize, next_grapheme) != offset))
        continue;
      if (!inside_entity (entities, &next_entity, offset))
        g_array_append_val (cuts, offset);
    }
  g_array_unref (breaks);
  return cuts;
}

/**
 * _co_text_trim_end:
 * @text: valid UTF-8
 * @start: where the stretch begins
 * @end: where it ends
 *
 * Returns: @end moved back over white space, never before @start
 */
gsize
_co_text_trim_end (const char *text,
                   gsize       start,
                   gsize       end)
{
  while (end > start)
    {
      const char *previous = g_utf8_prev_char (text + end);

      if (!g_unichar_isspace (g_utf8_get_char (previous)))
        break;
      end = previous - text;
    }
  return end;
}

/**
 * _co_text_skip_space:
 * @text: valid UTF-8
 * @start: where to begin
 * @length: the length of @text
 *
 * Returns: @start moved forward over white space, at most to @length
 */
gsize
_co_text_skip_space (const char *text,
                     gsize       start,
                     gsize       length)
{
  while (start < length && g_unichar_isspace (g_utf8_get_char (text + start)))
    start = g_utf8_next_char (text + start) - text;
  return start;
}
