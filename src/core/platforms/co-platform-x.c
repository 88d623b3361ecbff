/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

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

/* ICU's NFC of UTF-16, growing the buffer when the text grows. */
static UChar *
normalise_utf16 (const UChar *units,
                 int32_t      length,
                 int32_t     *out_length)
{
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance (&status);
  int32_t capacity = length + 16;
  UChar *normal = g_new (UChar, capacity);

  *out_length = unorm2_normalize (nfc, units, length, normal, capacity, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR)
    {
      status = U_ZERO_ERROR;
      normal = g_renew (UChar, normal, *out_length);
      *out_length = unorm2_normalize (nfc, units, length, normal, *out_length, &status);
    }
  g_assert (U_SUCCESS (status));
  return normal;
}

/* The NFC form of valid UTF-8.  ICU's normaliser, through UTF-16, is
 * several times faster than GLib's, which matters when a thread is cut. */
static char *
normalise (const char *text,
           gsize       length,
           gsize      *out_length)
{
  UErrorCode status = U_ZERO_ERROR;
  g_autofree UChar *units = g_new (UChar, length + 1);
  g_autofree UChar *normal = NULL;
  int32_t n_units, n_normal, n_bytes;
  char *out;

  u_strFromUTF8 (units, length + 1, &n_units, text, length, &status);
  g_assert (U_SUCCESS (status));
  normal = normalise_utf16 (units, n_units, &n_normal);
  u_strToUTF8 (NULL, 0, &n_bytes, normal, n_normal, &status);
  status = U_ZERO_ERROR;
  out = g_malloc (n_bytes + 1);
  u_strToUTF8 (out, n_bytes + 1, NULL, normal, n_normal, &status);
  g_assert (U_SUCCESS (status));
  *out_length = n_bytes;
  return out;
}

/* The NFC form of one stretch of the text, in bytes. */
static gsize
nfc_length (const char *text,
            gsize       length)
{
  gsize normal_length;

  g_free (normalise (text, length, &normal_length));
  return normal_length;
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

static void
weigh (const char *text,
       gsize       length,
       gboolean    want_fits,
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
  normal = normalise (text, length, &normal_length);
  weigh_normal (normal, normal_length, out);
  /* Where the text stops fitting, in the text as written. */
  if (want_fits && out->fits < normal_length)
    out->fits = original_offset (text, length, out->fits);
  else
    out->fits = length;
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
  weigh (text, length, TRUE, out);
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

  weigh (text, length, FALSE, &weight);
  return weight.weight / CO_X_SCALE;
}
