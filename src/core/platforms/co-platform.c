/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-core-error-enums.h"
#include "co-error.h"
#include "co-platform-private.h"

CO_DEFINE_ERROR_QUARK (co-platform-error-quark, co_platform_error, CO_TYPE_PLATFORM_ERROR)

typedef gboolean (*CheckFunc) (CoPlatform             platform,
                               const CoPlatformPost  *post,
                               GError               **error);
typedef char *(*AdaptFunc) (const char *text,
                            int         hashtag_limit);

/* One rule table per platform.  A title limit of 0 means the platform has
 * no title. */
typedef struct
{
  const char *name;
  const char *display;
  CoMeasure   text_measure;
  int         text_limit;
  int         title_limit;
  CheckFunc   check;
  AdaptFunc   adapt;
} PlatformRules;

static gboolean check_x          (CoPlatform platform, const CoPlatformPost *post, GError **error);
static gboolean check_instagram  (CoPlatform platform, const CoPlatformPost *post, GError **error);
static char    *adapt_x          (const char *text, int hashtag_limit);
static char    *adapt_instagram  (const char *text, int hashtag_limit);
static char    *adapt_youtube    (const char *text, int hashtag_limit);

static const PlatformRules platforms[CO_N_PLATFORMS] = {
  [CO_PLATFORM_X] = { "x", N_("X"), CO_MEASURE_X, CO_X_MAX_LENGTH, 0, check_x, adapt_x },
  [CO_PLATFORM_LINKEDIN] = { "linkedin", N_("LinkedIn"), CO_MEASURE_UTF16, 3000, 0, NULL, NULL },
  [CO_PLATFORM_INSTAGRAM] = { "instagram", N_("Instagram"), CO_MEASURE_UTF16, 2200, 0,
                              check_instagram, adapt_instagram },
  [CO_PLATFORM_YOUTUBE] = { "youtube", N_("YouTube"), CO_MEASURE_BYTES, 5000, 100,
                            _co_youtube_check, adapt_youtube },
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

static CoMeasure
field_measure (CoPlatform      platform,
               CoPlatformField field)
{
  return field == CO_PLATFORM_FIELD_TITLE ? CO_MEASURE_UTF16 : platforms[platform].text_measure;
}

/**
 * co_platform_get_limit:
 * @platform: a #CoPlatform
 * @field: the text or the title
 *
 * Returns: the most @platform takes in @field, in the unit co_platform_count()
 *   counts; 0 when the platform has no such field
 */
int
co_platform_get_limit (CoPlatform      platform,
                       CoPlatformField field)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, 0);
  return field == CO_PLATFORM_FIELD_TITLE ? platforms[platform].title_limit
                                          : platforms[platform].text_limit;
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || _co_text_skip_space (text, 0, strlen (text)) == strlen (text);
}

static gunichar
find_refused_char (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (_co_x_is_refused_char (g_utf8_get_char (p)))
        return g_utf8_get_char (p);
    }
  return 0;
}

/**
 * _co_platform_validate:
 * @platform: the target
 * @field: which field @text is
 * @text: (nullable): the text
 * @error: return location for a %CO_PLATFORM_ERROR_INVALID
 *
 * Returns: whether @text is valid UTF-8, not blank, and (for X) free of the
 *   characters X refuses
 */
gboolean
_co_platform_validate (CoPlatform        platform,
                       CoPlatformField   field,
                       const char       *text,
                       GError          **error)
{
  const char *name = co_platform_display_name (platform);
  gunichar refused;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   field == CO_PLATFORM_FIELD_TITLE ? _("The title for %s is not valid UTF-8")
                                                    : _("The text for %s is not valid UTF-8"),
                   name);
      return FALSE;
    }
  if (is_blank (text))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   field == CO_PLATFORM_FIELD_TITLE ? _("The title for %s is empty")
                                                    : _("The text for %s is empty"), name);
      return FALSE;
    }
  if (platform == CO_PLATFORM_X && (refused = find_refused_char (text)) != 0)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("The text for X holds the invisible character U+%04X, which X refuses"),
                   refused);
      return FALSE;
    }
  return TRUE;
}

/**
 * co_platform_count:
 * @platform: the target
 * @field: the text or the title
 * @text: the text to count, possibly empty
 * @out_count: (out caller-allocates): its length, the limit and how much fits
 * @error: return location for a %CO_PLATFORM_ERROR_INVALID when @text is not
 *   valid UTF-8
 *
 * Counts @text as @platform does: X's weighted length (twitter-text,
 * configuration v3), UTF-16 code units for LinkedIn, Instagram and YouTube
 * titles, UTF-8 bytes for YouTube descriptions.  Fast enough to run on every
 * keystroke.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
co_platform_count (CoPlatform        platform,
                   CoPlatformField   field,
                   const char       *text,
                   CoPlatformCount  *out_count,
                   GError          **error)
{
  CoMeasure measure;
  gsize length;

  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);
  g_return_val_if_fail (text != NULL && out_count != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    return _co_platform_validate (platform, field, NULL, error);
  measure = field_measure (platform, field);
  length = strlen (text);
  out_count->limit = co_platform_get_limit (platform, field);
  if (measure == CO_MEASURE_X)
    {
      CoXWeight weight;

      /* One pass gives both: the length, and where the text stops fitting
       * (at 280, or at a character X refuses). */
      _co_x_weigh (text, length, &weight);
      out_count->length = weight.weight / CO_X_SCALE;
      out_count->fits = weight.fits;
      return TRUE;
    }
  out_count->length = _co_measure (measure, text, length);
  out_count->fits = out_count->length <= out_count->limit
                      ? length : _co_measure_fits (measure, text, length, out_count->limit);
  return TRUE;
}

static gboolean
check_length (CoPlatform        platform,
              CoPlatformField   field,
              const char       *text,
              GError          **error)
{
  const char *name = co_platform_display_name (platform);
  int limit = co_platform_get_limit (platform, field);
  CoMeasure measure = field_measure (platform, field);
  int length = _co_measure (measure, text, strlen (text));

  if (length <= limit)
    return TRUE;
  if (measure == CO_MEASURE_X)
    g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG,
                 _("The text for X is %d characters long as X counts them (CJK characters "
                   "and emoji count 2, addresses 23); it takes at most %d"), length, limit);
  else if (measure == CO_MEASURE_BYTES)
    g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG,
                 _("The text for %s is %d bytes long; it takes at most %d bytes"), name,
                 length, limit);
  else if (field == CO_PLATFORM_FIELD_TITLE)
    g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG,
                 _("The title for %s is %d characters long; it takes at most %d"), name, length,
                 limit);
  else
    g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_TOO_LONG,
                 _("The text for %s is %d characters long; it takes at most %d"), name, length,
                 limit);
  return FALSE;
}

static gboolean
check_x (CoPlatform             platform,
         const CoPlatformPost  *post,
         GError               **error)
{
  return _co_platform_validate (platform, CO_PLATFORM_FIELD_TEXT, post->text, error);
}

static int
hashtag_limit (int limit)
{
  if (limit <= 0)
    return CO_PLATFORM_INSTAGRAM_HASHTAGS_DEFAULT;
  return MIN (limit, CO_PLATFORM_INSTAGRAM_HASHTAGS_MAX);
}

static gboolean
check_instagram (CoPlatform             platform,
                 const CoPlatformPost  *post,
                 GError               **error)
{
  int count = co_platform_count_hashtags (post->text);
  int limit = hashtag_limit (post->hashtag_limit);

  if (count <= limit)
    return TRUE;
  g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
               _("The caption for Instagram has %d hashtags; it may have at most %d"), count,
               limit);
  return FALSE;
}

static gboolean
validate_post (CoPlatform             platform,
               const CoPlatformPost  *post,
               GError               **error)
{
  gboolean has_title = post->title != NULL && platforms[platform].title_limit > 0;

  if (post->text == NULL || !g_utf8_validate (post->text, -1, NULL))
    return _co_platform_validate (platform, CO_PLATFORM_FIELD_TEXT, NULL, error);
  if (has_title && !_co_platform_validate (platform, CO_PLATFORM_FIELD_TITLE, post->title, error))
    return FALSE;
  /* A YouTube video may go without a description when it has a title. */
  if (!has_title || !is_blank (post->text) || platform == CO_PLATFORM_X)
    return _co_platform_validate (platform, CO_PLATFORM_FIELD_TEXT, post->text, error);
  return TRUE;
}

/**
 * co_platform_check_post:
 * @platform: the target
 * @post: the title, text, tags and settings of the post
 * @error: return location for a %CO_PLATFORM_ERROR that names the platform, the
 *   field and the rule broken
 *
 * Checks that @post can be posted to @platform as it is: valid UTF-8, not
 * empty, within the lengths as the platform counts them, and the platform's
 * other rules (X's refused characters, Instagram's hashtag limit, YouTube's
 * angle brackets and tag length).
 *
 * Returns: %TRUE when the platform would take the post
 */
gboolean
co_platform_check_post (CoPlatform             platform,
                        const CoPlatformPost  *post,
                        GError               **error)
{
  const PlatformRules *rules;

  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);
  g_return_val_if_fail (post != NULL, FALSE);

  rules = &platforms[platform];
  if (!validate_post (platform, post, error) ||
      !check_length (platform, CO_PLATFORM_FIELD_TEXT, post->text, error))
    return FALSE;
  if (post->title != NULL && rules->title_limit > 0 &&
      !check_length (platform, CO_PLATFORM_FIELD_TITLE, post->title, error))
    return FALSE;
  return rules->check == NULL || rules->check (platform, post, error);
}

/**
 * co_platform_check_text:
 * @platform: the target
 * @title: (nullable): the title, for platforms that have one (YouTube)
 * @text: the post's text (caption, description)
 * @error: return location for a %CO_PLATFORM_ERROR that names the field and the rule
 *
 * Checks that @title and @text can be posted to @platform as they are, with the
 * default settings (Instagram: 5 hashtags); see co_platform_check_post().
 *
 * Returns: %TRUE when the platform would take them
 */
gboolean
co_platform_check_text (CoPlatform   platform,
                        const char  *title,
                        const char  *text,
                        GError     **error)
{
  CoPlatformPost post = { title, text, NULL, 0 };

  return co_platform_check_post (platform, &post, error);
}

static char *
adapt_x (const char *text,
         int         limit)
{
  GString *clean = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!_co_x_is_refused_char (g_utf8_get_char (p)))
        g_string_append_len (clean, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (clean, FALSE);
}

static char *
adapt_instagram (const char *text,
                 int         limit)
{
  return _co_instagram_drop_hashtags (text, hashtag_limit (limit));
}

static char *
adapt_youtube (const char *text,
               int         limit)
{
  return _co_youtube_replace_brackets (text);
}

/* The platform's own changes, then shortening to its limit. */
static char *
adapt_one (CoPlatform   platform,
           const char  *text,
           int          hashtags,
           GError     **error)
{
  const PlatformRules *rules = &platforms[platform];
  g_autofree char *changed = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    {
      _co_platform_validate (platform, CO_PLATFORM_FIELD_TEXT, NULL, error);
      return NULL;
    }
  changed = rules->adapt != NULL ? rules->adapt (text, hashtags) : g_strdup (text);
  return _co_text_shorten (rules->text_measure, platform, changed, rules->text_limit, error);
}

/**
 * co_platform_adapt_text:
 * @platform: the target
 * @text: the text to adapt
 * @error: return location for a %CO_PLATFORM_ERROR when @text is not valid UTF-8
 *   or cannot be shortened (its first word alone is over the limit)
 *
 * Adapts @text to one post on @platform, with the default settings: the
 * characters X refuses are dropped, Instagram's hashtags beyond 5 are dropped,
 * YouTube's angle brackets become ‹ and ›, and a text over the platform's limit
 * (as the platform counts it) is shortened at a word boundary and ends with an
 * ellipsis.  To keep all of a long X text, see co_platform_split_thread().
 *
 * Returns: (transfer full): the adapted text, or %NULL with @error set
 */
char *
co_platform_adapt_text (CoPlatform   platform,
                        const char  *text,
                        GError     **error)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return adapt_one (platform, text, 0, error);
}

static CoPlatformPart *
whole_part (CoPlatform  platform,
            const char *original,
            char       *adapted)
{
  CoPlatformPart *part = g_new0 (CoPlatformPart, 1);

  part->text = adapted;
  part->end = strlen (original);
  part->length = _co_measure (platforms[platform].text_measure, adapted, strlen (adapted));
  return part;
}

/**
 * co_platform_adapt_post:
 * @platform: the target
 * @post: the post; its text is adapted (its title with co_platform_adapt_title())
 * @error: return location for a %CO_PLATFORM_ERROR
 *
 * Adapts the post's text to @platform.  On X a text over 280 weighted
 * characters becomes a numbered thread (co_platform_split_thread(), after the
 * characters X refuses are dropped); on the other platforms the text is
 * adapted as co_platform_adapt_text() does, with @post's hashtag limit, into
 * one part that covers the whole original text.
 *
 * Returns: (transfer container) (element-type CoPlatformPart): the parts, or
 *   %NULL with @error set
 */
GPtrArray *
co_platform_adapt_post (CoPlatform             platform,
                        const CoPlatformPost  *post,
                        GError               **error)
{
  GPtrArray *parts;
  char *adapted;

  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  g_return_val_if_fail (post != NULL && post->text != NULL, NULL);

  if (!g_utf8_validate (post->text, -1, NULL))
    {
      _co_platform_validate (platform, CO_PLATFORM_FIELD_TEXT, NULL, error);
      return NULL;
    }
  if (platform == CO_PLATFORM_X)
    {
      g_autofree char *clean = adapt_x (post->text, 0);

      return co_platform_split_thread (clean, error);
    }
  /* A YouTube video may go without a description. */
  if (platforms[platform].title_limit == 0 &&
      !_co_platform_validate (platform, CO_PLATFORM_FIELD_TEXT, post->text, error))
    return NULL;
  adapted = adapt_one (platform, post->text, post->hashtag_limit, error);
  if (adapted == NULL)
    return NULL;
  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) co_platform_part_free);
  g_ptr_array_add (parts, whole_part (platform, post->text, adapted));
  return parts;
}

/**
 * co_platform_adapt_title:
 * @platform: the target; only YouTube has titles
 * @title: the title
 * @error: return location for a %CO_PLATFORM_ERROR
 *
 * Adapts a title as co_platform_adapt_text() adapts a text: angle brackets
 * become ‹ and ›, and a title over 100 characters is shortened at a word
 * boundary with an ellipsis.
 *
 * Returns: (transfer full): the adapted title, or %NULL with @error set (also
 *   when @platform has no titles)
 */
char *
co_platform_adapt_title (CoPlatform   platform,
                         const char  *title,
                         GError     **error)
{
  g_autofree char *changed = NULL;

  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (platforms[platform].title_limit == 0)
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("Posts on %s have no title"), co_platform_display_name (platform));
      return NULL;
    }
  if (!_co_platform_validate (platform, CO_PLATFORM_FIELD_TITLE, title, error))
    return NULL;
  changed = _co_youtube_replace_brackets (title);
  return _co_text_shorten (CO_MEASURE_UTF16, platform, changed, platforms[platform].title_limit,
                           error);
}
