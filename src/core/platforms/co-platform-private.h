/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "co-platform.h"

G_BEGIN_DECLS

/*
 * The platform text module's own API: the pieces that co-platform.c puts
 * together into one rule table per platform.  Every function here takes valid
 * UTF-8 and a length in bytes; offsets are byte offsets into that text.
 */

/**
 * CoTextSpan:
 * @start: the first byte
 * @end: the byte after the last
 *
 * A stretch of a text: an address, a mention, a hashtag.
 */
typedef struct
{
  gsize start;
  gsize end;
} CoTextSpan;

/* X's counting, configuration v3 of twitter-text: every weight is in
 * hundredths of a character, as the configuration writes them. */
#define CO_X_SCALE          100
#define CO_X_MAX_LENGTH     280
#define CO_X_URL_LENGTH     23
#define CO_X_DEFAULT_WEIGHT 200

/**
 * CoXWeight:
 * @weight: the weighted length, in hundredths (divide by %CO_X_SCALE)
 * @has_invalid: the text holds a character X refuses (U+FFFE, U+FEFF, U+FFFF)
 * @invalid_char: the first such character, or 0
 * @fits: how many bytes at the start of the text fit in 280 weighted characters
 *   with no refused character among them
 */
typedef struct
{
  int      weight;
  gboolean has_invalid;
  gunichar invalid_char;
  gsize    fits;
} CoXWeight;

void       _co_x_weigh             (const char *text,
                                    gsize       length,
                                    CoXWeight  *out);
int        _co_x_length            (const char *text,
                                    gsize       length);
gboolean   _co_x_is_refused_char   (gunichar    c);
gboolean   _co_x_is_tld            (const char *label,
                                    gsize       length);
GArray    *_co_x_find_urls         (const char *text,
                                    gsize       length);
gsize      _co_x_match_emoji       (const char *text,
                                    const char *end);

void       _co_text_find_hashtags  (const char *text,
                                    gsize       length,
                                    GArray     *spans);
void       _co_text_find_mentions  (const char *text,
                                    gsize       length,
                                    GArray     *spans);
GArray    *_co_text_find_entities  (const char *text,
                                    gsize       length);
void       _co_text_sort_spans     (GArray     *spans);

/**
 * CoBreakKind:
 * @CO_BREAK_GRAPHEME: between user-perceived characters
 * @CO_BREAK_LINE: where a line may wrap: after spaces, between ideographs
 * @CO_BREAK_SENTENCE: between sentences
 */
typedef enum
{
  CO_BREAK_GRAPHEME,
  CO_BREAK_LINE,
  CO_BREAK_SENTENCE,
} CoBreakKind;

GArray    *_co_text_breaks         (const char  *text,
                                    gsize        length,
                                    CoBreakKind  kind);
GArray    *_co_text_cut_points     (const char  *text,
                                    gsize        length,
                                    CoBreakKind  kind,
                                    GArray      *entities);
gsize      _co_text_trim_end       (const char  *text,
                                    gsize        start,
                                    gsize        end);
gsize      _co_text_skip_space     (const char  *text,
                                    gsize        start,
                                    gsize        length);

/**
 * CoMeasure:
 * @CO_MEASURE_X: X's weighted length
 * @CO_MEASURE_UTF16: UTF-16 code units, as the platforms' web services count
 * @CO_MEASURE_BYTES: UTF-8 bytes (YouTube's description)
 */
typedef enum
{
  CO_MEASURE_X,
  CO_MEASURE_UTF16,
  CO_MEASURE_BYTES,
} CoMeasure;

int        _co_measure             (CoMeasure   measure,
                                    const char *text,
                                    gsize       length);
gsize      _co_measure_fits        (CoMeasure   measure,
                                    const char *text,
                                    gsize       length,
                                    int         limit);
char      *_co_text_shorten        (CoMeasure    measure,
                                    CoPlatform   platform,
                                    const char  *text,
                                    int          limit,
                                    GError     **error);

typedef gboolean (*CoCutTest) (gsize    cut,
                               gpointer data);

gssize     _co_text_last_fitting   (GArray      *cuts,
                                    gsize        after,
                                    CoCutTest    fits,
                                    gpointer     data);

gboolean   _co_platform_validate   (CoPlatform        platform,
                                    CoPlatformField   field,
                                    const char       *text,
                                    GError          **error);

int        _co_instagram_count_hashtags  (const char *text);
char      *_co_instagram_drop_hashtags   (const char *text,
                                          int         limit);
char      *_co_youtube_replace_brackets  (const char *text);
gboolean   _co_youtube_check             (CoPlatform             platform,
                                          const CoPlatformPost  *post,
                                          GError               **error);

G_END_DECLS
