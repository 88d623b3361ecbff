/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-speech-case.h"
#include "co-speech-word.h"

/*
 * Case and sentence punctuation for recognised words.  Speech engines
 * hand out words in lower case without punctuation ("i think so"), which
 * subtitles cannot show as they are.  A small set of rules puts back what
 * is safe to guess: a sentence starts after a long pause (and at the
 * start), starts with a capital and ends with a full stop, or with a
 * question mark when it opens like a question ("what do", "can you"); "I"
 * and its contractions are capitals; and a word the creator spells as a
 * name in the vault (co_vault_dup_names()) takes that spelling.  Anything
 * subtler (commas, names the vault does not know) is left as spoken.
 */

static const char *const wh_words[] = {
  "what", "why", "how", "where", "who", "whom", "whose", "which", NULL,
};

static const char *const auxiliaries[] = {
  "am", "is", "are", "was", "were", "do", "does", "did", "have", "has", "had", "can", "could",
  "will", "would", "shall", "should", "may", "might", "must", NULL,
};

static const char *const subjects[] = {
  "i", "you", "we", "they", "he", "she", "it", "there", "this", "that", "these", "those", NULL,
};

/**
 * co_speech_fold_word:
 * @word: a word
 *
 * Returns: (transfer full): @word as the names of co_vault_dup_names() are
 *   keyed: normalised and case-folded
 */
char *
co_speech_fold_word (const char *word)
{
  g_autofree char *normal = g_utf8_normalize (word, -1, G_NORMALIZE_NFC);

  return g_utf8_casefold (normal != NULL ? normal : "", -1);
}

static gboolean
is_one_of (const CoSpeechWord *word,
           const char *const  *list)
{
  g_autofree char *folded = word != NULL ? co_speech_fold_word (word->text) : NULL;

  return folded != NULL && g_strv_contains (list, folded);
}

/* "I", "I'm", "I've", "I'll", "I'd". */
static gboolean
is_first_person (const char *word)
{
  return g_str_equal (word, "i") || (g_str_has_prefix (word, "i'") && strlen (word) <= 4);
}

static char *
capitalise (const char *word)
{
  gunichar first = g_utf8_get_char (word);
  char buffer[8] = { 0 };

  if (!g_unichar_islower (first))
    return g_strdup (word);
  g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  return g_strconcat (buffer, g_utf8_next_char (word), NULL);
}

static gboolean
ends_with_punctuation (const char *word)
{
  gunichar last = *word != '\0' ? g_utf8_get_char (g_utf8_prev_char (word + strlen (word))) : 0;

  return last == '.' || last == '?' || last == '!' || last == 0x2026;
}

/* A sentence opening like a question: "what do…", "can you…". */
static gboolean
is_question (GPtrArray *words,
             guint      start,
             guint      end)
{
  const CoSpeechWord *first = words->pdata[start];
  const CoSpeechWord *second = start + 1 < end ? words->pdata[start + 1] : NULL;

  return (is_one_of (first, wh_words) && is_one_of (second, auxiliaries)) ||
         (is_one_of (first, auxiliaries) && is_one_of (second, subjects));
}

static void
replace_text (CoSpeechWord *word,
              char         *text)
{
  g_free (word->text);
  word->text = text;
}

/* Names and "I" in the words as spoken. */
static void
restore_word (CoSpeechWord *word,
              GHashTable   *names)
{
  g_autofree char *folded = co_speech_fold_word (word->text);
  const char *name = names != NULL ? g_hash_table_lookup (names, folded) : NULL;

  if (name != NULL)
    replace_text (word, g_strdup (name));
  else if (is_first_person (folded))
    replace_text (word, capitalise (folded));
}

/* Words [start, end) as a sentence of @restored; @spoken says how it was
 * spoken, before names changed its words. */
static void
close_sentence (GPtrArray *restored,
                GPtrArray *spoken,
                guint      start,
                guint      end)
{
  CoSpeechWord *first = restored->pdata[start];
  CoSpeechWord *last = restored->pdata[end - 1];

  replace_text (first, capitalise (first->text));
  if (!ends_with_punctuation (last->text))
    replace_text (last, g_strconcat (last->text, is_question (spoken, start, end) ? "?" : ".",
                                     NULL));
}

/**
 * co_speech_words_restore_case:
 * @words: (element-type CoSpeechWord): recognised words in time order, as
 *   the engine spells them
 * @names: (nullable) (element-type utf8 utf8): spellings of names, keyed
 *   by co_speech_fold_word(), from co_vault_dup_names()
 *
 * Puts back the case and the sentence punctuation the engine leaves out:
 * a sentence ends at a silence of at least %CO_SENTENCE_PAUSE seconds and
 * at the last word, starts with a capital, and ends with a full stop, or a
 * question mark when it opens like a question; "I" is a capital; a word
 * of @names takes its spelling.
 *
 * Returns: (transfer full) (element-type CoSpeechWord): copies of @words
 *   with their text restored
 */
GPtrArray *
co_speech_words_restore_case (GPtrArray  *words,
                              GHashTable *names)
{
  GPtrArray *restored;
  guint start = 0;

  g_return_val_if_fail (words != NULL, NULL);

  restored = g_ptr_array_new_full (words->len, (GDestroyNotify) co_speech_word_free);
  for (guint i = 0; i < words->len; i++)
    {
      CoSpeechWord *copy = co_speech_word_copy (words->pdata[i]);

      restore_word (copy, names);
      g_ptr_array_add (restored, copy);
    }
  for (guint i = 1; i <= words->len; i++)
    {
      const CoSpeechWord *prev = words->pdata[i - 1];

      if (i < words->len && ((CoSpeechWord *) words->pdata[i])->start - prev->end <
                              CO_SENTENCE_PAUSE)
        continue;
      close_sentence (restored, words, start, i);
      start = i;
    }
  return restored;
}
