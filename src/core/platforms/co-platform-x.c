/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "co-platform-private.h"

/*
 * X's weighted length, as twitter-text's parseTweet() computes it with its
 * configuration v3:
 *
 * - the text is normalised to NFC first (so "e" + U+0301 is one character);
 * - an address counts 23 (co-platform-url.c), an emoji sequence 2
 *   (co-platform-emoji.c);
 * - any other code point weighs 1 in the ranges below and 2 elsewhere: CJK,
 *   most symbols, and the directional marks U+200E, U+200F, U+202A–U+202E and
 *   U+2066–U+2069, which X keeps and counts like any other character;
 * - U+FFFE, U+FEFF and U+FFFF make the text invalid, wherever they stand.
 */

typedef struct
{
  gunichar start;
  gunichar end;
  int      weight;
} WeightRange;

/* config/v3.json of twitter-text: Latin, Cyrillic, Greek, Arabic, Hebrew,
 * Indic scripts and more up to U+10FF, and parts of General Punctuation. */
static const WeightRange ranges[] = {
  { 0, 4351, 100 },
  { 8192, 8205, 100 },
  { 8208, 8223, 100 },
  { 8242, 8247, 100 },
};

static int
char_weight (gunichar c)
{
  for (gsize i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      if (c >= ranges[i].start && c <= ranges[i].end)
        return ranges[i].weight;
    }
  return CO_X_DEFAULT_WEIGHT;
}

/**
 * _co_x_is_refused_char:
 * @c: a character
 *
 * Returns: whether X refuses a post that holds @c
 */
gboolean
_co_x_is_refused_char (gunichar c)
{
  return c == 0xFFFE || c == 0xFEFF || c == 0xFFFF;
}

/* The NFC form of one stretch of the text, in bytes. */
static gsize
nfc_length (const char *text,
            gsize       length)
{
  g_autofree char *normal = g_utf8_normalize (text, length, G_NORMALIZE_NFC);

  return strlen (normal);
}

/* The offset in @text of the first @nfc_offset bytes of its NFC form,
 * rounded down to a place where normalisation cannot join characters. */
static gsize
original_offset (const char *text,
                 gsize       length,
                 gsize       nfc_offset)
{
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance (&status);
  const char *segment = text, *end = text + length;
  gsize counted = 0;

  for (const char *p = text; p < end;)
    {
      const char *next = g_utf8_next_char (p);

      if (next == end || U_FAILURE (status) ||
          unorm2_hasBoundaryBefore (nfc, g_utf8_get_char (next)))
        {
          counted += nfc_length (segment, next - segment);
          if (counted > nfc_offset)
            return segment - text;
          segment = next;
        }
      p = next;
    }
  return length;
}

static void
weigh_normal (const char *text,
              gsize       length,
              CoXWeight  *out)
{
  g_autoptr(GArray) urls = _co_x_find_urls (text, length);
  const char *end = text + length;
  gsize pos = 0, emoji;
  guint next_url = 0;

  while (pos < length)
    {
      const CoTextSpan *url = next_url < urls->len
                                ? &g_array_index (urls, CoTextSpan, next_url) : NULL;

      if (url != NULL && url->start == pos)
        {
          out->weight += CO_X_URL_LENGTH * CO_X_SCALE;
          pos = url->end;
          next_url++;
        }
      else if ((emoji = _co_x_match_emoji (text + pos, end)) > 0)
        {
          out->weight += CO_X_DEFAULT_WEIGHT;
          pos += emoji;
        }
      else
        {
          gunichar c = g_utf8_get_char (text + pos);

          out->weight += char_weight (c);
          if (_co_x_is_refused_char (c) && !out->has_invalid)
            {
              out->has_invalid = TRUE;
              out->invalid_char = c;
            }
          pos = g_utf8_next_char (text + pos) - text;
        }
      if (!out->has_invalid && out->weight <= CO_X_MAX_LENGTH * CO_X_SCALE)
        out->fits = pos;
    }
}

/* Whether @text is in NFC already, by the quick check: every character
 * stays as it is and none combines with the one before.  Most posts are,
 * and normalising costs as much as the rest of the counting. */
static gboolean
is_nfc (const char *text,
        gsize       length)
{
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Nothing below U+0300 decomposes or combines. */
      if (c >= 0x300 && (u_getIntPropertyValue (c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES ||
                         u_getCombiningClass (c) != 0))
        return FALSE;
    }
  return TRUE;
}

/**
 * _co_x_weigh:
 * @text: valid UTF-8
 * @length: its length in bytes
 * @out: (out caller-allocates): the weighted length, refused characters and
 *   how much of @text fits
 *
 * Weighs @text as X does.
 */
void
_co_x_weigh (const char *text,
             gsize       length,
             CoXWeight  *out)
{
  g_autofree char *normal = NULL;
  gsize normal_length;

  memset (out, 0, sizeof *out);
  if (is_nfc (text, length))
    {
      weigh_normal (text, length, out);
      return;
    }
  normal = g_utf8_normalize (text, length, G_NORMALIZE_NFC);
  normal_length = strlen (normal);
  weigh_normal (normal, normal_length, out);
  if (out->fits < normal_length)
    out->fits = original_offset (text, length, out->fits);
  else
    out->fits = length;
}

/**
 * _co_x_length:
 * @text: valid UTF-8
 * @length: its length in bytes
 *
 * Returns: the weighted length of @text in characters, as X shows it
 */
int
_co_x_length (const char *text,
              gsize       length)
{
  CoXWeight weight;

  _co_x_weigh (text, length, &weight);
  return weight.weight / CO_X_SCALE;
}
