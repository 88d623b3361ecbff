/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "co-platform-private.h"

/*
 * Emoji sequences as X counts them: a whole sequence (a ZWJ family, a flag, a
 * skin tone, a keycap, a tag flag like England's) weighs as one emoji, 2.
 *
 * twitter-text matches the sequences Unicode recommends for general
 * interchange (RGI), from a regular expression generated from the emoji data
 * of its release.  ICU carries the same set as the RGI_Emoji property of
 * strings, kept current with Unicode, so the longest RGI sequence at a
 * position is the emoji there.  Two forms twitter-text adds to the RGI set are
 * added here: a keycap without its variation selector (1⃣), and a skin tone
 * after a base written with VS16 (☝️🏽).  Everything else, such as a ZWJ
 * sequence that is not RGI, is weighed code point by code point, as
 * twitter-text does.
 */

/* The longest RGI sequence (a kiss with two skin tones) has 10 code points. */
#define MAX_SEQUENCE 12

static gboolean
is_keycap_base (gunichar c)
{
  return c == '#' || c == '*' || (c >= '0' && c <= '9');
}

static gsize
match_keycap (const char *text,
              const char *end)
{
  const char *p = text + 1;

  if (p < end && g_utf8_get_char (p) == 0xFE0F)
    p = g_utf8_next_char (p);
  if (p < end && g_utf8_get_char (p) == 0x20E3)
    return g_utf8_next_char (p) - text;
  return 0;
}

/* Whether @c may carry on a sequence whose last code point is @previous. */
static gboolean
continues_sequence (gunichar previous,
                    gunichar c)
{
  if (c == 0xFE0F || c == 0x200D || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F))
    return TRUE;
  if (u_hasBinaryProperty (c, UCHAR_EMOJI_MODIFIER) ||
      u_hasBinaryProperty (c, UCHAR_REGIONAL_INDICATOR))
    return TRUE;
  return previous == 0x200D && u_hasBinaryProperty (c, UCHAR_EMOJI);
}

static gboolean
is_rgi (const gunichar *chars,
        int             n)
{
  UChar units[2 * MAX_SEQUENCE];
  int32_t length = 0;

  for (int i = 0; i < n; i++)
    U16_APPEND_UNSAFE (units, length, chars[i]);
  return u_stringHasBinaryProperty (units, length, UCHAR_RGI_EMOJI);
}

/* The code points from @text that could belong to one sequence, with the
 * byte after each. */
static int
collect_sequence (const char *text,
                  const char *end,
                  gunichar   *chars,
                  const char **ends)
{
  const char *p = text;
  int n = 0;

  while (p < end && n < MAX_SEQUENCE)
    {
      gunichar c = g_utf8_get_char (p);

      if (n > 0 && !continues_sequence (chars[n - 1], c))
        break;
      chars[n] = c;
      p = g_utf8_next_char (p);
      ends[n++] = p;
    }
  return n;
}

/**
 * _co_x_match_emoji:
 * @text: where to look, valid UTF-8
 * @end: the end of the text
 *
 * Returns: the length in bytes of the emoji sequence that starts at @text,
 *   or 0 when none does
 */
gsize
_co_x_match_emoji (const char *text,
                   const char *end)
{
  gunichar chars[MAX_SEQUENCE];
  const char *ends[MAX_SEQUENCE];
  gunichar first = g_utf8_get_char (text);
  int n, k;

  if (first < 0x80)
    return is_keycap_base (first) ? match_keycap (text, end) : 0;
  if (!u_hasBinaryProperty (first, UCHAR_EMOJI))
    return 0;
  n = collect_sequence (text, end, chars, ends);
  for (k = n; k > 0 && !is_rgi (chars, k); k--)
    ;
  if (k == 0)
    return 0;
  if (k == 2 && n > 2 && chars[1] == 0xFE0F &&
      u_hasBinaryProperty (chars[0], UCHAR_EMOJI_MODIFIER_BASE) &&
      u_hasBinaryProperty (chars[2], UCHAR_EMOJI_MODIFIER))
    k = 3;
  return ends[k - 1] - text;
}
