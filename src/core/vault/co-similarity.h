/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Default weights and threshold for near-duplicate notes and ideas. */
#define CO_SIMILARITY_WEIGHT_TITLE 0.3
#define CO_SIMILARITY_WEIGHT_BODY  0.5
#define CO_SIMILARITY_WEIGHT_TAGS  0.2
#define CO_SIMILARITY_THRESHOLD    0.75

/**
 * CoTextSimilarity:
 * @title: similarity of the titles, 0 to 1
 * @body: similarity of the bodies, 0 to 1
 * @tags: Jaccard index of the tag sets, 0 to 1
 * @score: the weighted total
 */
typedef struct
{
  double title;
  double body;
  double tags;
  double score;
} CoTextSimilarity;

char    *co_similarity_normalize        (const char          *text);
double   co_similarity_edit             (const char          *a,
                                         const char          *b);
double   co_similarity_jaccard          (const char          *a,
                                         const char          *b);
GHashTable *co_similarity_word_set     (const char          *text);
double   co_similarity_jaccard_sets     (GHashTable          *a,
                                         GHashTable          *b);
double   co_similarity_text             (const char          *a,
                                         const char          *b);
double   co_similarity_tags             (const char * const  *a,
                                         const char * const  *b);
void     co_similarity_compare          (const char          *title_a,
                                         const char          *body_a,
                                         const char * const  *tags_a,
                                         const char          *title_b,
                                         const char          *body_b,
                                         const char * const  *tags_b,
                                         CoTextSimilarity    *out);
char    *co_similarity_explain          (const CoTextSimilarity *sim);
int      co_similarity_hamming          (guint64              a,
                                         guint64              b);
double   co_similarity_phash            (guint64              a,
                                         guint64              b);

G_END_DECLS
