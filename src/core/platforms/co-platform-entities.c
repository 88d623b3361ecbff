/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <string.h>

#include "co-platform-private.h"

/*
 * Hashtags and mentions, as the platforms link them (twitter-text's rules,
 * which Instagram and LinkedIn follow closely enough):
 *
 * - a hashtag is # or ＃, not after a letter, digit or &, not followed by
 *   U+FE0F or U+20E3 (that is the keycap emoji #️⃣), then letters, marks,
 *   digits, _ and a few joiners of some scripts, with at least one letter;
 *   one that runs straight into another # or "://" is none;
 * - a mention is @ or ＠, not after an ASCII letter, digit or one of
 *   _ ! # $ % & * @, then ASCII letters, digits and _ (X allows 20), and
 *   optionally /list-name; one that runs into @, a Latin accented letter or
 *   "://" is none.
 *
 * They matter to adapting text: a thread is never split inside one, Instagram
 * counts hashtags, LinkedIn writes them in its own syntax.
 */

#define MAX_LIST_NAME 25

static gboolean
is_hashtag_letter (gunichar c)
{
  return g_unichar_isalpha (c) || g_unichar_ismark (c);
}

static gboolean
is_hashtag_char (gunichar c)
{
  static const gunichar joiners[] = {
    '_', 0x200C, 0x200D, 0xA67E, 0x05BE, 0x05F3, 0x05F4, 0xFF5E, 0x301C, 0x309B, 0x309C,
    0x30A0, 0x30FB, 0x3003, 0x0F0B, 0x0F0C, 0x00B7,
  };

  if (is_hashtag_letter (c) || g_unichar_type (c) == G_UNICODE_DECIMAL_NUMBER)
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (joiners); i++)
    {
      if (c == joiners[i])
        return TRUE;
    }
  return FALSE;
}

static gboolean
runs_into_link (const char *p,
                const char *end)
{
  return end - p >= 3 && memcmp (p, "://", 3) == 0;
}

/* The end of the hashtag whose sign is at @p, or NULL. */
static const char *
match_hashtag (const char *p,
               const char *end)
{
  const char *q = g_utf8_next_char (p);
  gboolean letter = FALSE;
  gunichar c;

  if (q < end && (g_utf8_get_char (q) == 0xFE0F || g_utf8_get_char (q) == 0x20E3))
    return NULL;
  for (; q < end && is_hashtag_char (c = g_utf8_get_char (q)); q = g_utf8_next_char (q))
    letter = letter || is_hashtag_letter (c);
  if (!letter)
    return NULL;
  if (q < end && (g_utf8_get_char (q) == '#' || g_utf8_get_char (q) == 0xFF03 ||
                  runs_into_link (q, end)))
    return NULL;
  return q;
}

/* A variation selector is a mark, but it ends the emoji before a hashtag. */
static gboolean
may_precede_hashtag (const char *text,
                     const char *sign,
                     gunichar    previous)
{
  return previous != '&' &&
         (previous == 0xFE0E || previous == 0xFE0F || !is_hashtag_char (previous));
}

static gboolean
is_username_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
is_mention_boundary (gunichar c)
{
  return c == 0 || c >= 0x80 || !(g_ascii_isalnum ((char) c) || strchr ("_!#$%&*@", (int) c));
}

/* "RT@name" and "RT:@name", retweets written by hand, mention too. */
static gboolean
follows_retweet (const char *text,
                 const char *sign)
{
  const char *rt = sign - (sign > text && sign[-1] == ':' ? 3 : 2);

  if (rt < text || g_ascii_strncasecmp (rt, "rt", 2) != 0)
    return FALSE;
  return rt == text || !(g_ascii_isalnum (rt[-1]) || strchr ("_+~.-", rt[-1]) != NULL);
}

static gboolean
may_precede_mention (const char *text,
                     const char *sign,
                     gunichar    previous)
{
  return is_mention_boundary (previous) || follows_retweet (text, sign);
}

/* The end of the mention whose sign is at @p, or NULL. */
static const char *
match_mention (const char *p,
               const char *end)
{
  const char *q = g_utf8_next_char (p);
  const char *name = q;
  gunichar c;

  while (q < end && is_username_char (*q))
    q++;
  if (q == name)
    return NULL;
  c = q < end ? g_utf8_get_char (q) : 0;
  if (c == '@' || c == 0xFF20 || (c >= 0xC0 && c <= 0x24F) || runs_into_link (q, end))
    return NULL;
  if (c == '/' && q + 1 < end && g_ascii_isalpha (q[1]))
    {
      const char *list = q + 1;

      q = list;
      while (q < end && q - list < MAX_LIST_NAME && (is_username_char (*q) || *q == '-'))
        q++;
    }
  return q;
}


typedef gboolean (*PrecedeFunc) (const char *text,
                                 const char *sign,
                                 gunichar    previous);
typedef const char *(*MatchFunc) (const char *sign,
                                  const char *end);

/* Appends the spans that start with @sign (or its fullwidth form @wide)
 * where @may_precede allows and @match finds an end. */
static void
find_signed (const char  *text,
             gsize        length,
             gunichar     sign,
             gunichar     wide,
             PrecedeFunc  may_precede,
             MatchFunc    match,
             GArray      *spans)
{
  const char *end = text + length;
  gunichar previous = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *span_end;

      if ((c == sign || c == wide) && may_precede (text, p, previous) &&
          (span_end = match (p, end)) != NULL)
        {
          g_array_append_val (spans, ((CoTextSpan) { p - text, span_end - text }));
          p = g_utf8_prev_char (span_end);
          c = g_utf8_get_char (p);
        }
      previous = c;
    }
}

static void
find_hashtags (const char *text,
               gsize       length,
               GArray     *spans)
{
  find_signed (text, length, '#', 0xFF03, may_precede_hashtag, match_hashtag, spans);
}

static void
find_mentions (const char *text,
               gsize       length,
               GArray     *spans)
{
  find_signed (text, length, '@', 0xFF20, may_precede_mention, match_mention, spans);
}

/* Drops the spans from @first on that overlap an address: "#top" in
 * "example.com/#top" is part of the address. */
static void
drop_inside_urls (const char *text,
                  gsize       length,
                  GArray     *spans,
                  guint       first)
{
  g_autoptr(GArray) urls = NULL;

  if (spans->len == first)
    return;
  urls = _co_x_find_urls (text, length);
  for (guint i = spans->len; i > first; i--)
    {
      const CoTextSpan *span = &g_array_index (spans, CoTextSpan, i - 1);

      for (guint u = 0; u < urls->len; u++)
        {
          const CoTextSpan *url = &g_array_index (urls, CoTextSpan, u);

          if (span->start < url->end && url->start < span->end)
            {
              g_array_remove_index (spans, i - 1);
              break;
            }
        }
    }
}

/**
 * _co_text_find_hashtags:
 * @text: valid UTF-8
 * @length: its length in bytes
 * @spans: (element-type CoTextSpan): where the hashtags are appended, sign included
 */
void
_co_text_find_hashtags (const char *text,
                        gsize       length,
                        GArray     *spans)
{
  guint first = spans->len;

  find_hashtags (text, length, spans);
  drop_inside_urls (text, length, spans, first);
}

/**
 * _co_text_find_mentions:
 * @text: valid UTF-8
 * @length: its length in bytes
 * @spans: (element-type CoTextSpan): where the mentions are appended, sign included
 */
void
_co_text_find_mentions (const char *text,
                        gsize       length,
                        GArray     *spans)
{
  guint first = spans->len;

  find_mentions (text, length, spans);
  drop_inside_urls (text, length, spans, first);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const CoTextSpan *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/**
 * _co_text_sort_spans:
 * @spans: (element-type CoTextSpan): spans
 *
 * Puts @spans in the order of the text.
 */
void
_co_text_sort_spans (GArray *spans)
{
  g_array_sort (spans, compare_spans);
}

/**
 * _co_text_find_entities:
 * @text: valid UTF-8
 * @length: its length in bytes
 *
 * Finds what a post must never be cut inside: addresses, mentions and
 * hashtags.  Overlapping ones (a hashtag in an address's fragment) are merged.
 *
 * Returns: (transfer full) (element-type CoTextSpan): the spans, in order,
 *   none overlapping
 */
GArray *
_co_text_find_entities (const char *text,
                        gsize       length)
{
  GArray *spans = _co_x_find_urls (text, length);
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (CoTextSpan));

  /* Overlaps with addresses are merged below. */
  find_mentions (text, length, spans);
  find_hashtags (text, length, spans);
  g_array_sort (spans, compare_spans);
  for (guint i = 0; i < spans->len; i++)
    {
      CoTextSpan span = g_array_index (spans, CoTextSpan, i);
      CoTextSpan *last = merged->len > 0
                           ? &g_array_index (merged, CoTextSpan, merged->len - 1) : NULL;

      if (last != NULL && span.start < last->end)
        last->end = MAX (last->end, span.end);
      else
        g_array_append_val (merged, span);
    }
  g_array_unref (spans);
  return merged;
}
