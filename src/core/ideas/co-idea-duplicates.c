/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-ideas"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-idea-duplicates.h"
#include "co-ideas.h"
#include "co-similarity.h"

/*
 * Near-duplicate ideas, whoever made them.  A suggestion is compared by its
 * words (title and hook) with each stored idea (title and the first line
 * of its notes, which holds the hook of an idea saved from a suggestion),
 * then with the suggestions before it, by the vault's word similarity
 * (co_similarity_jaccard(), as for notes).  The best match at or above
 * CO_IDEA_DUPLICATE_THRESHOLD is named, a stored idea before a suggestion.
 */

static char *
suggestion_words (const CoIdeaSuggestion *suggestion)
{
  return g_strjoin (" ", suggestion->title != NULL ? suggestion->title : "",
                    suggestion->hook != NULL ? suggestion->hook : "", NULL);
}

/* The title and the first line of the notes, without "Hook: ". */
static char *
idea_words (const CoIdea *idea)
{
  const char *notes = idea->notes != NULL ? idea->notes : "";
  const char *end = strchr (notes, '\n');
  g_autofree char *first = end != NULL ? g_strndup (notes, end - notes) : g_strdup (notes);
  g_autofree char *hook_prefix = g_strdup_printf (_("Hook: %s"), "");

  if (g_str_has_prefix (first, hook_prefix))
    return g_strjoin (" ", idea->title, first + strlen (hook_prefix), NULL);
  return g_strjoin (" ", idea->title, first, NULL);
}

/* The word sets of @ideas' and @result's texts, each made once: a list of
 * ideas is compared with every suggestion. */
static GPtrArray *
idea_sets (GArray *ideas)
{
  GPtrArray *sets = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);

  for (guint i = 0; ideas != NULL && i < ideas->len; i++)
    {
      g_autofree char *words = idea_words (&g_array_index (ideas, CoIdea, i));

      g_ptr_array_add (sets, co_similarity_word_set (words));
    }
  return sets;
}

static GPtrArray *
suggestion_sets (CoIdeaResult *result)
{
  GPtrArray *sets = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);

  for (guint i = 0; i < result->suggestions->len; i++)
    {
      g_autofree char *words = suggestion_words (g_ptr_array_index (result->suggestions, i));

      g_ptr_array_add (sets, co_similarity_word_set (words));
    }
  return sets;
}

/* The index of the set of @sets[0, @n) most like @words, at or above the
 * threshold, or -1. */
static int
best_match (GHashTable *words,
            GPtrArray  *sets,
            guint       n,
            double     *out_score)
{
  double best_score = CO_IDEA_DUPLICATE_THRESHOLD;
  int best = -1;

  for (guint i = 0; i < n; i++)
    {
      double score = co_similarity_jaccard_sets (words, g_ptr_array_index (sets, i));

      if (score >= best_score && (best < 0 || score > best_score))
        {
          best = i;
          best_score = score;
        }
    }
  *out_score = best_score;
  return best;
}

static void
flag_one (CoIdeaResult *result,
          guint         index,
          GArray       *ideas,
          GPtrArray    *ideas_words,
          GPtrArray    *suggestions_words)
{
  CoIdeaSuggestion *suggestion = g_ptr_array_index (result->suggestions, index);
  GHashTable *words = g_ptr_array_index (suggestions_words, index);
  const CoIdeaSuggestion *earlier;
  const CoIdea *idea;
  double score;
  int best;

  suggestion->duplicate_of = 0;
  g_clear_pointer (&suggestion->duplicate_reason, g_free);
  if ((best = best_match (words, ideas_words, ideas_words->len, &score)) >= 0)
    {
      idea = &g_array_index (ideas, CoIdea, best);
      suggestion->duplicate_of = idea->id;
      /* Translators: "shares 80 % of its words with idea 12 “Studio tour”". */
      suggestion->duplicate_reason =
        g_strdup_printf (_("shares %.0f %% of its words with idea %lld “%s”"), score * 100,
                         (long long)idea->id, idea->title);
    }
  else if ((best = best_match (words, suggestions_words, index, &score)) >= 0)
    {
      earlier = g_ptr_array_index (result->suggestions, best);
      suggestion->duplicate_reason =
        g_strdup_printf (_("shares %.0f %% of its words with suggestion %d “%s”"),
                         score * 100, best + 1, earlier->title);
    }
}

/**
 * co_idea_result_flag_duplicates:
 * @result: suggestions
 * @ideas: (nullable) (element-type CoIdea): the stored ideas
 *
 * Sets the duplicate_of and duplicate_reason of each suggestion that nearly
 * repeats a stored idea (duplicate_of is its id) or an earlier suggestion
 * of @result (duplicate_of stays 0; the reason names it by its number).
 */
void
co_idea_result_flag_duplicates (CoIdeaResult *result,
                                GArray       *ideas)
{
  g_autoptr(GPtrArray) ideas_words = NULL;
  g_autoptr(GPtrArray) suggestions_words = NULL;

  g_return_if_fail (result != NULL);

  ideas_words = idea_sets (ideas);
  suggestions_words = suggestion_sets (result);
  for (guint i = 0; i < result->suggestions->len; i++)
    flag_one (result, i, ideas, ideas_words, suggestions_words);
}

/**
 * co_ideas_flag_duplicates:
 * @store: the library
 * @result: suggestions
 * @error: return location for a #GError
 *
 * co_idea_result_flag_duplicates() against every stored idea, open or done.
 *
 * Returns: %TRUE, or %FALSE with a #CoStoreError
 */
gboolean
co_ideas_flag_duplicates (CoStore       *store,
                          CoIdeaResult  *result,
                          GError       **error)
{
  g_autoptr(GArray) ideas = NULL;

  g_return_val_if_fail (CO_IS_STORE (store) && result != NULL, FALSE);

  ideas = co_ideas_list (store, NULL, error);
  if (ideas == NULL)
    return FALSE;
  co_idea_result_flag_duplicates (result, ideas);
  return TRUE;
}
