/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <string.h>

#include "co-platform-private.h"

/*
 * LinkedIn's Posts API takes a post's commentary in its "little text" format,
 * where \ | { } @ [ ] ( ) < > # * _ ~ are markup.  An unescaped one is read as
 * the start of an element, and the commentary is cut there without an error:
 * the post goes out with its first sentence only.  Every reserved character
 * of the creator's text is therefore escaped with a backslash, except in the
 * syntax written here on purpose:
 *
 *   a hashtag      #word      → {hashtag|\#|word}
 *   a mention      @handle    → @[Name](urn:li:person:…), when the caller knows
 *                               the member or organisation behind the handle
 */

static const char reserved[] = "\\|{}@[]()<>#*_~";

static void
append_escaped (GString    *out,
                const char *text,
                gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] != '\0' && strchr (reserved, text[i]) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, text[i]);
    }
}

static const CoLinkedinMention *
find_mention (const char              *text,
              const CoTextSpan        *span,
              const CoLinkedinMention *mentions,
              gsize                    n_mentions)
{
  const char *handle = g_utf8_next_char (text + span->start);
  gsize length = 0;

  while (handle + length < text + span->end &&
         (g_ascii_isalnum (handle[length]) || handle[length] == '_'))
    length++;
  for (gsize i = 0; i < n_mentions; i++)
    {
      /* An entry without a name or URN cannot be written as a mention. */
      if (mentions[i].handle != NULL && mentions[i].name != NULL && mentions[i].urn != NULL &&
          strlen (mentions[i].handle) == length &&
          g_ascii_strncasecmp (mentions[i].handle, handle, length) == 0)
        return &mentions[i];
    }
  return NULL;
}

/* Writes one hashtag or mention in LinkedIn's syntax; returns where the
 * text carries on. */
static gsize
append_entity (GString                 *out,
               const char              *text,
               const CoTextSpan        *span,
               const CoLinkedinMention *mention)
{
  const char *body = g_utf8_next_char (text + span->start);

  if (mention != NULL)
    {
      gsize handle_end = body - text + strlen (mention->handle);

      g_string_append (out, "@[");
      append_escaped (out, mention->name, strlen (mention->name));
      g_string_append_printf (out, "](%s)", mention->urn);
      return handle_end;
    }
  g_string_append (out, "{hashtag|\\#|");
  append_escaped (out, body, text + span->end - body);
  g_string_append_c (out, '}');
  return span->end;
}

static GArray *
find_linked (const char              *text,
             const CoLinkedinMention *mentions,
             gsize                    n_mentions)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (CoTextSpan));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (CoTextSpan));

  _co_text_find_hashtags (text, strlen (text), spans);
  _co_text_find_mentions (text, strlen (text), found);
  for (guint i = 0; i < found->len; i++)
    {
      const CoTextSpan *span = &g_array_index (found, CoTextSpan, i);

      if (find_mention (text, span, mentions, n_mentions) != NULL)
        g_array_append_val (spans, *span);
    }
  return spans;
}

/**
 * co_platform_linkedin_little_text:
 * @text: the post's text, as the creator wrote it
 * @mentions: (array length=n_mentions) (nullable): the members and organisations
 *   the text's @handles stand for; an entry without a name or URN is ignored
 * @n_mentions: how many
 * @error: return location for a %CO_PLATFORM_ERROR_INVALID when @text is not valid
 *   UTF-8
 *
 * Writes @text in the "little text" format of LinkedIn's Posts API: the reserved
 * characters escaped, hashtags as hashtag templates and the @handles found in
 * @mentions as mentions.  An @handle that is not in @mentions stays plain text.
 * LinkedIn's 3,000 characters are counted on @text, not on this form.
 *
 * Returns: (transfer full): the commentary to send, or %NULL with @error set
 */
char *
co_platform_linkedin_little_text (const char               *text,
                                  const CoLinkedinMention  *mentions,
                                  gsize                     n_mentions,
                                  GError                  **error)
{
  g_autoptr(GArray) spans = NULL;
  GString *out;
  gsize copied = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      _co_platform_validate (CO_PLATFORM_LINKEDIN, CO_PLATFORM_FIELD_TEXT, NULL, error);
      return NULL;
    }
  spans = find_linked (text, mentions, n_mentions);
  _co_text_sort_spans (spans);
  out = g_string_sized_new (strlen (text) + 16);
  for (guint i = 0; i < spans->len; i++)
    {
      const CoTextSpan *span = &g_array_index (spans, CoTextSpan, i);
      gboolean is_tag = text[span->start] == '#' || g_utf8_get_char (text + span->start) == 0xFF03;

      append_escaped (out, text + copied, span->start - copied);
      copied = append_entity (out, text, span,
                              is_tag ? NULL : find_mention (text, span, mentions, n_mentions));
    }
  append_escaped (out, text + copied, strlen (text + copied));
  return g_string_free (out, FALSE);
}
