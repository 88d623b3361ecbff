/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <string.h>

#include "co-platform-private.h"

/*
 * Hashtag suggestions for a post, from two sources: the tags of the vault
 * items the draft links (the creator chose those words already), and the
 * words the text itself repeats.  A tag weighs more for each item that
 * carries it and more again when the text uses it; a word of the text needs
 * four letters, two uses and not to be one of the most common words of
 * English or German.  Hashtags the text holds already are left out, and the
 * suggestions stop at the number the platform's custom allows, minus those.
 */

#define TAG_SCORE        10
#define TAG_IN_TEXT      5
#define WORD_SCORE       3
#define MIN_WORD_LETTERS 4

typedef struct
{
  char *hashtag;   /* "#TravelVlog" */
  char *key;       /* case-folded, without the sign */
  int   score;
  guint order;
} Candidate;

static const char *const common_words[] = {
  "about", "after", "also", "been", "before", "could", "even", "from", "have", "here", "into",
  "just", "like", "more", "most", "much", "only", "other", "over", "same", "should", "some",
  "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "very",
  "want", "were", "what", "when", "where", "which", "while", "will", "with", "would", "your",
  "aber", "alle", "auch", "dann", "dass", "denn", "diese", "dieser", "doch", "eine",
  "einem", "einen", "einer", "haben", "hier", "immer", "jetzt", "kann", "mehr", "nach", "nicht",
  "noch", "oder", "schon", "sehr", "sein", "sind", "über", "unter", "viel", "wenn", "werden",
  "wird", "wieder",
};

static const int default_counts[CO_N_PLATFORMS] = {
  [CO_PLATFORM_X] = 2,
  [CO_PLATFORM_LINKEDIN] = 3,
  [CO_PLATFORM_INSTAGRAM] = CO_PLATFORM_INSTAGRAM_HASHTAGS_DEFAULT,
  [CO_PLATFORM_YOUTUBE] = 3,
};

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->hashtag);
  g_free (candidate->key);
  g_free (candidate);
}

/* "travel vlog" → "#TravelVlog", "b-roll" → "#BRoll", "drone" → "#drone";
 * NULL when nothing of a hashtag is left. */
static char *
hashtag_from_tag (const char *tag)
{
  g_auto(GStrv) words = g_regex_split_simple ("[^\\p{L}\\p{M}\\p{Nd}_]+", tag, 0, 0);
  GString *out = g_string_new ("#");
  guint n_words = 0;
  gboolean letter = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    n_words += words[i][0] != '\0';
  for (guint i = 0; words[i] != NULL; i++)
    {
      for (const char *p = words[i]; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          letter = letter || g_unichar_isalpha (c);
          g_string_append_unichar (out, n_words > 1 && p == words[i] ? g_unichar_totitle (c) : c);
        }
    }
  if (!letter)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static void
add_candidate (GHashTable *candidates,
               char       *hashtag,
               int         score)
{
  g_autofree char *key = g_utf8_casefold (hashtag + 1, -1);
  Candidate *candidate = g_hash_table_lookup (candidates, key);

  if (candidate == NULL)
    {
      candidate = g_new0 (Candidate, 1);
      candidate->hashtag = g_steal_pointer (&hashtag);
      candidate->key = g_steal_pointer (&key);
      candidate->order = g_hash_table_size (candidates);
      g_hash_table_insert (candidates, candidate->key, candidate);
    }
  candidate->score += score;
  g_free (hashtag);
}

static gboolean
is_common (const char *folded)
{
  for (gsize i = 0; i < G_N_ELEMENTS (common_words); i++)
    {
      if (strcmp (folded, common_words[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The case-folded words of @text (letters only), with how often each comes. */
static GHashTable *
count_words (const char *text)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) words = g_regex_split_simple ("[^\\p{L}\\p{M}]+", text, 0, 0);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *folded = g_utf8_casefold (words[i], -1);
      int count = GPOINTER_TO_INT (g_hash_table_lookup (counts, folded));

      g_hash_table_replace (counts, folded, GINT_TO_POINTER (count + 1));
    }
  return counts;
}

static void
add_tags (GHashTable         *candidates,
          GHashTable         *words,
          const char * const *tags)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      char *hashtag = g_utf8_validate (tags[i], -1, NULL) ? hashtag_from_tag (tags[i]) : NULL;
      g_autofree char *folded = hashtag != NULL ? g_utf8_casefold (hashtag + 1, -1) : NULL;

      if (hashtag != NULL)
        add_candidate (candidates, hashtag,
                       TAG_SCORE + (g_hash_table_contains (words, folded) ? TAG_IN_TEXT : 0));
    }
}

static void
add_words (GHashTable *candidates,
           const char *text,
           GHashTable *words)
{
  g_auto(GStrv) split = g_regex_split_simple ("[^\\p{L}\\p{M}]+", text, 0, 0);

  /* In the order of the text, so that ties keep it. */
  for (guint i = 0; split[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (split[i], -1);
      int count = GPOINTER_TO_INT (g_hash_table_lookup (words, folded));

      if (count < 2 || g_utf8_strlen (folded, -1) < MIN_WORD_LETTERS || is_common (folded))
        continue;
      g_hash_table_remove (words, folded);
      add_candidate (candidates, g_strconcat ("#", split[i], NULL), WORD_SCORE * count);
    }
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = *(Candidate * const *) a, *y = *(Candidate * const *) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* The case-folded hashtags @text holds already. */
static GHashTable *
present_hashtags (const char *text)
{
  GHashTable *present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CoTextSpan));

  _co_text_find_hashtags (text, strlen (text), spans);
  for (guint i = 0; i < spans->len; i++)
    {
      const CoTextSpan *span = &g_array_index (spans, CoTextSpan, i);
      const char *body = g_utf8_next_char (text + span->start);

      g_hash_table_add (present, g_utf8_casefold (body, text + span->end - body));
    }
  return present;
}

static GPtrArray *
values_of (GHashTable *table)
{
  GPtrArray *values = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (values, value);
  return values;
}

/**
 * co_platform_suggest_hashtags:
 * @platform: the target
 * @text: the post's text
 * @tags: (nullable) (array zero-terminated=1): the tags of the vault items the
 *   draft links, one entry per item and tag (a tag two items carry comes twice)
 * @max: how many hashtags the post should carry in all, or 0 for the platform's
 *   custom (X 2, LinkedIn 3, Instagram 5, YouTube 3); pass Instagram's hashtag
 *   limit setting here
 * @error: return location for a %CO_PLATFORM_ERROR_INVALID when @text is not
 *   valid UTF-8 (tags that are not are skipped)
 *
 * Suggests hashtags for @text, best first: the linked items' tags, above all
 * those the text uses, then words the text repeats.  Hashtags already in
 * @text are neither suggested nor allowed to push the post over @max.
 *
 * Returns: (transfer full): the suggestions, "#Word" each, possibly none, or
 *   %NULL with @error set
 */
GStrv
co_platform_suggest_hashtags (CoPlatform           platform,
                              const char          *text,
                              const char * const  *tags,
                              int                  max,
                              GError             **error)
{
  g_autoptr(GHashTable) candidates = NULL;
  g_autoptr(GHashTable) words = NULL;
  g_autoptr(GHashTable) present = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int budget;

  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      _co_platform_validate (platform, CO_PLATFORM_FIELD_TEXT, NULL, error);
      return NULL;
    }

  present = present_hashtags (text);
  budget = (max > 0 ? max : default_counts[platform]) - (int) g_hash_table_size (present);
  candidates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify) candidate_free);
  words = count_words (text);
  add_tags (candidates, words, tags);
  add_words (candidates, text, words);
  sorted = values_of (candidates);
  g_ptr_array_sort (sorted, compare_candidates);
  for (guint i = 0; i < sorted->len && budget > 0; i++)
    {
      const Candidate *candidate = g_ptr_array_index (sorted, i);

      if (g_hash_table_contains (present, candidate->key))
        continue;
      g_strv_builder_add (builder, candidate->hashtag);
      budget--;
    }
  return g_strv_builder_end (builder);
}
