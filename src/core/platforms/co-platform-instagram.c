/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <string.h>

#include "co-platform-private.h"

/*
 * Instagram's hashtags.  A caption may carry at most as many as the creator's
 * setting allows (5 by default, as Instagram announced in December 2025;
 * never more than the 30 Instagram always allowed).  Adapting a caption drops
 * the hashtags beyond the limit: those in the block of hashtags that ends a
 * caption go entirely, those inside a sentence only lose their sign, so the
 * sentence still reads.
 */

/**
 * co_platform_count_hashtags:
 * @text: valid UTF-8
 *
 * Returns: how many hashtags @text holds, as the platforms find them
 */
int
co_platform_count_hashtags (const char *text)
{
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (CoTextSpan));

  g_return_val_if_fail (text != NULL, 0);

  _co_text_find_hashtags (text, strlen (text), tags);
  return (int) tags->len;
}

/* Where the closing block of hashtags and white space begins. */
static gsize
closing_block (const char *text,
               GArray     *tags)
{
  gsize start = _co_text_trim_end (text, 0, strlen (text));

  for (guint i = tags->len; i > 0; i--)
    {
      const CoTextSpan *tag = &g_array_index (tags, CoTextSpan, i - 1);

      if (tag->end != start)
        break;
      start = _co_text_trim_end (text, 0, tag->start);
    }
  return start;
}

/**
 * _co_instagram_drop_hashtags:
 * @text: valid UTF-8
 * @limit: how many hashtags to keep
 *
 * Returns: (transfer full): @text with the hashtags after the first @limit
 *   dropped
 */
char *
_co_instagram_drop_hashtags (const char *text,
                             int         limit)
{
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (CoTextSpan));
  GString *kept = g_string_sized_new (strlen (text));
  gsize copied = 0, block;

  _co_text_find_hashtags (text, strlen (text), tags);
  block = closing_block (text, tags);
  for (guint i = MAX (limit, 0); i < tags->len; i++)
    {
      const CoTextSpan *tag = &g_array_index (tags, CoTextSpan, i);
      gsize from = tag->start >= block ? _co_text_trim_end (text, copied, tag->start)
                                       : tag->start;
      gsize to = tag->start >= block ? tag->end
                                     : (gsize) (g_utf8_next_char (text + tag->start) - text);

      g_string_append_len (kept, text + copied, from - copied);
      copied = to;
    }
  g_string_append (kept, text + copied);
  return g_string_free (kept, FALSE);
}
