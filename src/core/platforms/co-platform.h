/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The publishing platforms and the rules their text must follow.  One rule table
 * per platform; drafts, scheduling and publishing ask here whether a text is valid.
 */

#define CO_PLATFORM_ERROR (co_platform_error_quark ())

/**
 * CoPlatformError:
 * @CO_PLATFORM_ERROR_UNKNOWN: no platform has that name
 * @CO_PLATFORM_ERROR_TOO_LONG: the text is longer than the platform takes
 * @CO_PLATFORM_ERROR_INVALID: the text breaks another rule of the platform (empty,
 *   invalid UTF-8, a character the platform refuses, too many hashtags…)
 */
typedef enum
{
  CO_PLATFORM_ERROR_UNKNOWN,
  CO_PLATFORM_ERROR_TOO_LONG,
  CO_PLATFORM_ERROR_INVALID,
} CoPlatformError;

/**
 * CoPlatform:
 * @CO_PLATFORM_X: X (formerly Twitter)
 * @CO_PLATFORM_LINKEDIN: LinkedIn
 * @CO_PLATFORM_INSTAGRAM: Instagram
 * @CO_PLATFORM_YOUTUBE: YouTube (Shorts and videos)
 *
 * Stored by name (co_platform_to_string()), never by number.
 */
typedef enum
{
  CO_PLATFORM_X,
  CO_PLATFORM_LINKEDIN,
  CO_PLATFORM_INSTAGRAM,
  CO_PLATFORM_YOUTUBE,
} CoPlatform;

#define CO_N_PLATFORMS (CO_PLATFORM_YOUTUBE + 1)

/* Instagram's hashtags: 5 by default since December 2025, never more than 30. */
#define CO_PLATFORM_INSTAGRAM_HASHTAGS_DEFAULT 5
#define CO_PLATFORM_INSTAGRAM_HASHTAGS_MAX     30

/* A YouTube Short lasts at most three minutes. */
#define CO_PLATFORM_SHORT_MAX_SECONDS 180.0

/**
 * CoPlatformField:
 * @CO_PLATFORM_FIELD_TEXT: the post's text: X post, LinkedIn commentary, Instagram
 *   caption, YouTube description
 * @CO_PLATFORM_FIELD_TITLE: the title (YouTube)
 */
typedef enum
{
  CO_PLATFORM_FIELD_TEXT,
  CO_PLATFORM_FIELD_TITLE,
} CoPlatformField;

/**
 * CoPlatformCount:
 * @length: the length as the platform counts it: X's weighted characters, UTF-16
 *   code units for LinkedIn, Instagram and YouTube titles, UTF-8 bytes for YouTube
 *   descriptions
 * @limit: the most the platform takes, in the same unit
 * @fits: how many bytes at the start of the text fit within @limit (all of it when
 *   @length is within @limit); an editor marks what follows as overflow
 */
typedef struct
{
  int   length;
  int   limit;
  gsize fits;
} CoPlatformCount;

/**
 * CoPlatformPost:
 * @title: (nullable): the title, for platforms that have one (YouTube)
 * @text: the post's text
 * @tags: (nullable) (array zero-terminated=1): YouTube's tags
 * @hashtag_limit: the most hashtags an Instagram caption may hold (the creator's
 *   setting); 0 means %CO_PLATFORM_INSTAGRAM_HASHTAGS_DEFAULT, and it is never more
 *   than %CO_PLATFORM_INSTAGRAM_HASHTAGS_MAX
 *
 * Everything one post on a platform carries, for co_platform_check_post().
 */
typedef struct
{
  const char         *title;
  const char         *text;
  const char * const *tags;
  int                 hashtag_limit;
} CoPlatformPost;

/**
 * CoPlatformPart:
 * @text: the part as it is posted, with its number ("… 2/3") when there are several
 * @start: the byte offset in the original text where the part's own words begin
 * @end: the byte offset where they end; between one part's @end and the next
 *   part's @start there is only white space
 * @length: the length of @text as the platform counts it
 *
 * One post of a thread, or the one post of an adapted text.
 */
typedef struct
{
  char  *text;
  gsize  start;
  gsize  end;
  int    length;
} CoPlatformPart;

/**
 * CoLinkedinMention:
 * @handle: the name written after the @ in the text, without the @
 * @name: the member's or organisation's name, as LinkedIn shows it
 * @urn: its URN, such as `urn:li:person:1234` or `urn:li:organization:5678`
 *
 * Turns an @handle of the text into a LinkedIn mention.
 */
typedef struct
{
  const char *handle;
  const char *name;
  const char *urn;
} CoLinkedinMention;

GQuark      co_platform_error_quark          (void);

const char *co_platform_to_string            (CoPlatform                platform);
const char *co_platform_display_name         (CoPlatform                platform);
gboolean    co_platform_from_string          (const char               *name,
                                              CoPlatform               *out_platform,
                                              GError                  **error);

gboolean    co_platform_check_text           (CoPlatform                platform,
                                              const char               *title,
                                              const char               *text,
                                              GError                  **error);
char       *co_platform_adapt_text           (CoPlatform                platform,
                                              const char               *text,
                                              GError                  **error);

gboolean    co_platform_count                (CoPlatform                platform,
                                              CoPlatformField           field,
                                              const char               *text,
                                              CoPlatformCount          *out_count,
                                              GError                  **error);
int         co_platform_get_limit            (CoPlatform                platform,
                                              CoPlatformField           field);
gboolean    co_platform_check_post           (CoPlatform                platform,
                                              const CoPlatformPost     *post,
                                              GError                  **error);
GPtrArray  *co_platform_adapt_post           (CoPlatform                platform,
                                              const CoPlatformPost     *post,
                                              GError                  **error);
char       *co_platform_adapt_title          (CoPlatform                platform,
                                              const char               *title,
                                              GError                  **error);
GPtrArray  *co_platform_split_thread         (const char               *text,
                                              GError                  **error);
void        co_platform_part_free            (CoPlatformPart           *part);

int         co_platform_count_hashtags       (const char               *text);
int         co_platform_count_tags           (const char * const       *tags);
GStrv       co_platform_suggest_hashtags     (CoPlatform                platform,
                                              const char               *text,
                                              const char * const       *tags,
                                              int                       max,
                                              GError                  **error);

char       *co_platform_linkedin_little_text (const char               *text,
                                              const CoLinkedinMention  *mentions,
                                              gsize                     n_mentions,
                                              GError                  **error);
gboolean    co_platform_check_chapters       (const char               *chapters,
                                              double                    duration,
                                              GError                  **error);
gboolean    co_platform_check_short          (int                       width,
                                              int                       height,
                                              double                    duration,
                                              GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoPlatformPart, co_platform_part_free)

G_END_DECLS
