/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-platform-private.h"

/*
 * Lengths as each platform counts them, and shortening a text to a length at
 * a word boundary.
 *
 * X counts weighted characters (co-platform-x.c).  LinkedIn, Instagram and
 * YouTube titles are counted in UTF-16 code units, the length their web
 * composers and servers (JavaScript and Java strings) see: an emoji or
 * another character beyond U+FFFF counts 2.  That is the stricter of the
 * readings one finds, so a text CreatorOps lets through is never refused.
 * YouTube counts its description in UTF-8 bytes.
 */

#define ELLIPSIS "…"

static int
utf16_length (const char *text,
              gsize       length,
              gsize      *fits,
              int         limit)
{
  int units = 0;

  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      units += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
      if (fits != NULL && units <= limit)
        *fits = g_utf8_next_char (p) - text;
    }
  return units;
}

/**
 * _co_measure:
 * @measure: how the platform counts
 * @text: valid UTF-8
 * @length: its length in bytes
 *
 * Returns: the length of @text as the platform counts it
 */
int
_co_measure (CoMeasure   measure,
             const char *text,
             gsize       length)
{
  switch (measure)
    {
    case CO_MEASURE_X:
      return _co_x_length (text, length);
    case CO_MEASURE_UTF16:
      return utf16_length (text, length, NULL, 0);
    case CO_MEASURE_BYTES:
    default:
      return (int) MIN (length, (gsize) G_MAXINT);
    }
}

/**
 * _co_measure_fits:
 * @measure: how the platform counts
 * @text: valid UTF-8
 * @length: its length in bytes
 * @limit: the platform's limit
 *
 * Returns: how many bytes at the start of @text fit within @limit, ending
 *   between characters
 */
gsize
_co_measure_fits (CoMeasure   measure,
                  const char *text,
                  gsize       length,
                  int         limit)
{
  CoXWeight weight;
  gsize fits = 0;

  switch (measure)
    {
    case CO_MEASURE_X:
      _co_x_weigh (text, length, &weight);
      return weight.fits;
    case CO_MEASURE_UTF16:
      utf16_length (text, length, &fits, limit);
      return fits;
    case CO_MEASURE_BYTES:
    default:
      if (length <= (gsize) limit)
        return length;
      return g_utf8_find_prev_char (text, text + limit + 1) - text;
    }
}

typedef struct
{
  CoMeasure   measure;
  const char *text;
  gsize       start;
  int         limit;
} Shorten;

/* The text up to @cut, without the white space before it, then an
 * ellipsis: does it fit? */
static gboolean
prefix_fits (gsize    cut,
             gpointer data)
{
  const Shorten *shorten = data;
  gsize end = _co_text_trim_end (shorten->text, shorten->start, cut);
  g_autofree char *candidate = NULL;

  if (end == shorten->start)
    return FALSE;
  candidate = g_strdup_printf ("%.*s" ELLIPSIS, (int) end, shorten->text);
  return _co_measure (shorten->measure, candidate, strlen (candidate)) <= shorten->limit;
}

/**
 * _co_text_last_fitting:
 * @cuts: (element-type gsize): cut points, in order
 * @after: only cuts beyond this offset count
 * @fits: whether the text up to a cut fits
 * @data: for @fits
 *
 * Finds the last cut that @fits accepts.  Lengths measured up to cuts
 * outside entities only grow from one cut to the next, so the cuts that fit
 * come first and a binary search finds the last; the cut returned is one
 * @fits accepted.
 *
 * Returns: the index of that cut, or -1 when none fits
 */
gssize
_co_text_last_fitting (GArray   *cuts,
                       gsize     after,
                       CoCutTest fits,
                       gpointer  data)
{
  guint low = 0, high = cuts->len;
  gssize found = -1;

  while (low < high && g_array_index (cuts, gsize, low) <= after)
    low++;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (fits (g_array_index (cuts, gsize, middle), data))
        {
          found = middle;
          low = middle + 1;
        }
      else
        high = middle;
    }
  return found;
}

/* The last line break, or failing that grapheme boundary, at which the
 * shortened text fits. */
static gssize
find_cut (const char *text,
          gsize       length,
          Shorten    *shorten)
{
  g_autoptr(GArray) entities = _co_text_find_entities (text, length);
  static const CoBreakKind kinds[] = { CO_BREAK_LINE, CO_BREAK_GRAPHEME };

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GArray) cuts = _co_text_cut_points (text, length, kinds[i], entities);
      gssize found = _co_text_last_fitting (cuts, shorten->start, prefix_fits, shorten);

      if (found >= 0)
        return _co_text_trim_end (text, shorten->start, g_array_index (cuts, gsize, found));
    }
  return -1;
}

/**
 * _co_text_shorten:
 * @measure: how the platform counts
 * @platform: the platform, for the message
 * @text: valid UTF-8
 * @limit: the platform's limit
 * @error: return location for a %CO_PLATFORM_ERROR_TOO_LONG when the text's
 *   first word (or address, mention, hashtag) alone is over @limit
 *
 * Shortens @text to @limit at a word boundary (between ideographs in
 * Chinese or Japanese), never inside an address, a mention, a hashtag or an
 * emoji sequence, and ends it with an ellipsis.
 *
 * Returns: (transfer full): @text when it fits, else the shortened text
 */
char *
_co_text_shorten (CoMeasure    measure,
                  CoPlatform   platform,
                  const char  *text,
                  int          limit,
                  GError     **error)
{
  gsize length = strlen (text);
  Shorten shorten = { measure, text, _co_text_skip_space (text, 0, length), limit };
  gssize end;

  if (_co_measure (measure, text, length) <= limit)
    return g_strdup (text);
  end = find_cut (text, length, &shorten);
  if (end < 0)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG,
                   _("The text for %s cannot be shortened to %d: it begins with a word, "
                     "address or hashtag that is longer on its own"),
                   co_platform_display_name (platform), limit);
      return NULL;
    }
  return g_strdup_printf ("%.*s" ELLIPSIS, (int) end, text);
}
