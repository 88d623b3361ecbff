/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "co-speech-word.h"

G_DEFINE_BOXED_TYPE (CoSpeechWord, co_speech_word, co_speech_word_copy, co_speech_word_free)

/* Subtitle times are written in milliseconds; rounding here keeps every
 * engine's words comparable and makes serial and parallel runs identical. */
static double
round_ms (double seconds)
{
  return round (seconds * 1000.0) / 1000.0;
}

/**
 * co_speech_word_new:
 * @text: the word
 * @start: its start in seconds
 * @end: its end in seconds, not before @start
 * @confidence: from 0 to 1; values outside are clamped
 *
 * Returns: (transfer full): a new word with its times rounded to milliseconds
 */
CoSpeechWord *
co_speech_word_new (const char *text,
                    double      start,
                    double      end,
                    double      confidence)
{
  CoSpeechWord *word;

  g_return_val_if_fail (text != NULL, NULL);

  word = g_new0 (CoSpeechWord, 1);
  word->text = g_strdup (text);
  word->start = round_ms (start);
  word->end = round_ms (MAX (start, end));
  word->confidence = isnan (confidence) ? 0.0 : CLAMP (confidence, 0.0, 1.0);
  return word;
}

/**
 * co_speech_word_copy:
 * @word: a word
 *
 * Returns: (transfer full): a copy of @word
 */
CoSpeechWord *
co_speech_word_copy (const CoSpeechWord *word)
{
  CoSpeechWord *copy;

  g_return_val_if_fail (word != NULL, NULL);

  copy = g_memdup2 (word, sizeof *word);
  copy->text = g_strdup (word->text);
  return copy;
}

/**
 * co_speech_word_free:
 * @word: (nullable): a word
 *
 * Frees @word.
 */
void
co_speech_word_free (CoSpeechWord *word)
{
  if (word == NULL)
    return;
  g_free (word->text);
  g_free (word);
}

/**
 * co_speech_word_list_new:
 *
 * Returns: (transfer full) (element-type CoSpeechWord): an empty word list
 *   that frees its words
 */
GPtrArray *
co_speech_word_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) co_speech_word_free);
}

/**
 * co_speech_word_list_dup_text:
 * @words: (element-type CoSpeechWord): words in time order
 *
 * Returns: (transfer full): the words separated by spaces, as a transcript
 */
char *
co_speech_word_list_dup_text (GPtrArray *words)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (words != NULL, NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const CoSpeechWord *word = g_ptr_array_index (words, i);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, word->text);
    }
  return g_string_free (text, FALSE);
}
