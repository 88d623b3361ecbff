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

static gboolean
flag_against_ideas (CoIdeaSuggestion *suggestion,
                    const char       *words,
                    GArray           *ideas)
{
  const CoIdea *best = NULL;
  double best_score = CO_IDEA_DUPLICATE_THRESHOLD;

  for (guint i = 0; ideas != NULL && i < ideas->len; i++)
    {
      const CoIdea *idea = &g_array_index (ideas, CoIdea, i);
      g_autofree char *other = idea_words (idea);
      double score = co_similarity_jaccard (words, other);

      if (score >= best_score && (best == NULL || score > best_score))
        {
          best = idea;
          best_score = score;
        }
    }
  if (best == NULL)
    return FALSE;
  suggestion->duplicate_of = best->id;
  /* Translators: "shares 80 % of its words with idea 12 “Studio tour”". */
  suggestion->duplicate_reason =
    g_strdup_printf (_("shares %.0f %% of its words with idea %lld “%s”"), best_score * 100,
                     (long long)best->id, best->title);
  return TRUE;
}

static void
flag_against_earlier (CoIdeaResult     *result,
                      guint             index,
                      const char       *words)
{
  CoIdeaSuggestion *suggestion = g_ptr_array_index (result->suggestions, index);
  double best_score = CO_IDEA_DUPLICATE_THRESHOLD;
  int best = -1;

  for (guint i = 0; i < index; i++)
    {
      g_autofree char *other = suggestion_words (g_ptr_array_index (result->suggestions, i));
      double score = co_similarity_jaccard (words, other);

      if (score >= best_score && (best < 0 || score > best_score))
        {
          best = i;
          best_score = score;
        }
    }
  if (best < 0)
    return;
  suggestion->duplicate_reason =
    g_strdup_printf (_("shares %.0f %% of its words with suggestion %d “%s”"), best_score * 100,
                     best + 1,
                     ((CoIdeaSuggestion *)g_ptr_array_index (result->suggestions, best))->title);
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
  g_return_if_fail (result != NULL);

  for (guint i = 0; i < result->suggestions->len; i++)
    {
      CoIdeaSuggestion *suggestion = g_ptr_array_index (result->suggestions, i);
      g_autofree char *words = suggestion_words (suggestion);

      suggestion->duplicate_of = 0;
      g_clear_pointer (&suggestion->duplicate_reason, g_free);
      if (!flag_against_ideas (suggestion, words, ideas))
        flag_against_earlier (result, i, words);
    }
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
