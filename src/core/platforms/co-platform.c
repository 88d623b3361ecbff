/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-platform.h"

G_DEFINE_QUARK (co-platform-error-quark, co_platform_error)

typedef struct
{
  const char *name;
  const char *display;
  int         text_limit;
  int         title_limit;
} PlatformInfo;

/* Plain character limits.  The exact counting of each platform (X's weighted
 * length, YouTube's bytes) lives in the platform text module, issue 13. */
static const PlatformInfo platforms[CO_N_PLATFORMS] = {
  [CO_PLATFORM_X] = { "x", N_("X"), 280, 0 },
  [CO_PLATFORM_LINKEDIN] = { "linkedin", N_("LinkedIn"), 3000, 0 },
  [CO_PLATFORM_INSTAGRAM] = { "instagram", N_("Instagram"), 2200, 0 },
  [CO_PLATFORM_YOUTUBE] = { "youtube", N_("YouTube"), 5000, 100 },
};

/**
 * co_platform_to_string:
 * @platform: a #CoPlatform
 *
 * Returns: the platform's stable name, as stored and as the CLI takes it
 */
const char *
co_platform_to_string (CoPlatform platform)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return platforms[platform].name;
}

/**
 * co_platform_display_name:
 * @platform: a #CoPlatform
 *
 * Returns: the platform's name for people, translated
 */
const char *
co_platform_display_name (CoPlatform platform)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return _(platforms[platform].display);
}

/**
 * co_platform_from_string:
 * @name: a platform name such as "x" or "linkedin", in any case
 * @out_platform: (out): where the platform goes
 * @error: return location for a %CO_PLATFORM_ERROR_UNKNOWN naming @name
 *
 * Returns: %TRUE when @name is a platform
 */
gboolean
co_platform_from_string (const char  *name,
                         CoPlatform  *out_platform,
                         GError     **error)
{
  g_return_val_if_fail (out_platform != NULL, FALSE);

  for (int i = 0; name != NULL && i < CO_N_PLATFORMS; i++)
    if (g_ascii_strcasecmp (name, platforms[i].name) == 0)
      {
        *out_platform = i;
        return TRUE;
      }
  g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_UNKNOWN,
               _("“%s” is not a platform CreatorOps publishes to (x, linkedin, instagram, "
                 "youtube)"), name != NULL ? name : "");
  return FALSE;
}

static gboolean
check_length (const char *what,
              const char *text,
              int         limit,
              CoPlatform  platform,
              GError    **error)
{
  glong length = g_utf8_strlen (text, -1);

  if (limit > 0 && length > limit)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG,
                   _("The %s for %s is %ld characters long; it takes at most %d"),
                   what, co_platform_display_name (platform), length, limit);
      return FALSE;
    }
  return TRUE;
}

/**
 * co_platform_check_text:
 * @platform: the target
 * @title: (nullable): the title, for platforms that have one (YouTube)
 * @text: the post's text (caption, description)
 * @error: return location for a %CO_PLATFORM_ERROR that names the field and the rule
 *
 * Checks that @title and @text can be posted to @platform as they are.
 *
 * Returns: %TRUE when the platform would take them
 */
gboolean
co_platform_check_text (CoPlatform   platform,
                        const char  *title,
                        const char  *text,
                        GError     **error)
{
  const PlatformInfo *info;

  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);
  info = &platforms[platform];
  if (text == NULL || !g_utf8_validate (text, -1, NULL) ||
      (title != NULL && !g_utf8_validate (title, -1, NULL)))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The text for %s is not valid UTF-8"), co_platform_display_name (platform));
      return FALSE;
    }
  if (*text == '\0' && (title == NULL || *title == '\0'))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The text for %s is empty"), co_platform_display_name (platform));
      return FALSE;
    }
  return check_length (_("text"), text, info->text_limit, platform, error) &&
         (title == NULL || check_length (_("title"), title, info->title_limit, platform, error));
}

/* The longest prefix of @text, at most @limit characters with the ellipsis,
 * that ends at a word boundary. */
static char *
shorten_at_word (const char *text,
                 int         limit)
{
  const char *end = g_utf8_offset_to_pointer (text, limit - 1);
  const char *cut = end;
  g_autofree char *head = NULL;

  while (cut > text && !g_unichar_isspace (g_utf8_get_char (cut)))
    cut = g_utf8_prev_char (cut);
  while (cut > text && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (cut))))
    cut = g_utf8_prev_char (cut);
  if (cut == text)
    cut = end;
  head = g_strndup (text, cut - text);
  return g_strconcat (head, "…", NULL);
}

/**
 * co_platform_adapt_text:
 * @platform: the target
 * @text: the text to adapt
 * @error: return location for a %CO_PLATFORM_ERROR when @text is not valid UTF-8
 *
 * Adapts @text to @platform: a text over the platform's limit is shortened at a
 * word boundary and ends with an ellipsis.
 *
 * Returns: (transfer full): the adapted text, or %NULL with @error set
 */
char *
co_platform_adapt_text (CoPlatform   platform,
                        const char  *text,
                        GError     **error)
{
  int limit;

  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The text for %s is not valid UTF-8"), co_platform_display_name (platform));
      return NULL;
    }
  limit = platforms[platform].text_limit;
  if (g_utf8_strlen (text, -1) <= limit)
    return g_strdup (text);
  return shorten_at_word (text, limit);
}
