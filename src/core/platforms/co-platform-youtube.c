/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-platform-private.h"

/*
 * YouTube's rules beyond lengths: no < or > in a title, a description or a
 * tag (YouTube refuses the upload); tags of at most 500 characters in all,
 * counting the commas between them and the quotes YouTube puts around a tag
 * that holds a space; and for Shorts, at most three minutes, vertical or
 * square.
 */

#define TAGS_LIMIT 500

static gboolean
has_angle_bracket (const char *text)
{
  return text != NULL && strpbrk (text, "<>") != NULL;
}

/**
 * _co_youtube_replace_brackets:
 * @text: valid UTF-8
 *
 * Returns: (transfer full): @text with < and > written as ‹ and ›, which
 *   YouTube takes
 */
char *
_co_youtube_replace_brackets (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '<')
        g_string_append (out, "‹");
      else if (*p == '>')
        g_string_append (out, "›");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * co_platform_count_tags:
 * @tags: (nullable) (array zero-terminated=1): YouTube tags, valid UTF-8
 *
 * Returns: their length as YouTube counts it against its 500 characters:
 *   the tags, the commas between them and the quotes around a tag with a space
 */
int
co_platform_count_tags (const char * const *tags)
{
  int length = 0;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      length += _co_measure (CO_MEASURE_UTF16, tags[i], strlen (tags[i]));
      length += strchr (tags[i], ' ') != NULL ? 2 : 0;
      length += i > 0 ? 1 : 0;
    }
  return length;
}

static gboolean
check_tag (const char  *tag,
           GError     **error)
{
  if (!g_utf8_validate (tag, -1, NULL) ||
      _co_text_skip_space (tag, 0, strlen (tag)) == strlen (tag))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("A tag for YouTube is empty or not valid UTF-8"));
      return FALSE;
    }
  if (has_angle_bracket (tag))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The tag “%s” for YouTube holds < or >, which YouTube refuses"), tag);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_tags (const char * const  *tags,
            GError             **error)
{
  int length = co_platform_count_tags (tags);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (!check_tag (tags[i], error))
        return FALSE;
    }
  if (length <= TAGS_LIMIT)
    return TRUE;
  g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG,
               _("The tags for YouTube are %d characters long in all, with the commas between "
                 "them and the quotes around tags with spaces; they take at most %d"),
               length, TAGS_LIMIT);
  return FALSE;
}

/**
 * _co_youtube_check:
 * @platform: %CO_PLATFORM_YOUTUBE
 * @post: a post whose lengths are checked already
 * @error: return location for a %CO_PLATFORM_ERROR naming the field
 *
 * Returns: whether the title, description and tags keep YouTube's rules
 */
gboolean
_co_youtube_check (CoPlatform             platform,
                   const CoPlatformPost  *post,
                   GError               **error)
{
  if (has_angle_bracket (post->title))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The title for YouTube holds < or >, which YouTube refuses"));
      return FALSE;
    }
  if (has_angle_bracket (post->text))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The description for YouTube holds < or >, which YouTube refuses"));
      return FALSE;
    }
  return check_tags (post->tags, error);
}

/**
 * co_platform_check_short:
 * @width: the video's width in pixels
 * @height: its height in pixels
 * @duration: its duration in seconds
 * @error: return location for a %CO_PLATFORM_ERROR_INVALID that says which rule
 *   the video breaks
 *
 * Checks that a video can be a YouTube Short: at most three minutes long
 * (%CO_PLATFORM_SHORT_MAX_SECONDS), and vertical or square.
 *
 * Returns: %TRUE when it can
 */
gboolean
co_platform_check_short (int      width,
                         int      height,
                         double   duration,
                         GError **error)
{
  if (width <= 0 || height <= 0 || !(duration > 0))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("A video of %d × %d pixels lasting %.1f s cannot be a YouTube Short: "
                     "its size or duration is unknown"), width, height, duration);
      return FALSE;
    }
  if (duration > CO_PLATFORM_SHORT_MAX_SECONDS)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The video lasts %.1f s; a YouTube Short lasts at most %.0f s"), duration,
                   CO_PLATFORM_SHORT_MAX_SECONDS);
      return FALSE;
    }
  if (width > height)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The video is %d × %d pixels, wider than high; a YouTube Short is "
                     "vertical or square"), width, height);
      return FALSE;
    }
  return TRUE;
}
