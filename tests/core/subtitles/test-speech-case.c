/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-speech-case.h"
#include "co-speech-word.h"
#include "co-test-util.h"

/* Case and sentence punctuation put back into recognised words. */

typedef struct
{
  const char *text;
  double      pause;  /* seconds of silence before the word */
} Spoken;

/* Words 0.3 s long, 0.1 s apart unless a pause is given. */
static GPtrArray *
speak (const Spoken *spoken,
       gsize         n)
{
  GPtrArray *words = co_speech_word_list_new ();
  double t = 0;

  for (gsize i = 0; i < n; i++)
    {
      t += i > 0 ? (spoken[i].pause > 0 ? spoken[i].pause : 0.1) : 0;
      g_ptr_array_add (words, co_speech_word_new (spoken[i].text, t, t + 0.3, 0.9));
      t += 0.3;
    }
  return words;
}

static char *
restored_text (const Spoken *spoken,
               gsize         n,
               GHashTable   *names)
{
  g_autoptr(GPtrArray) words = speak (spoken, n);
  g_autoptr(GPtrArray) restored = co_speech_words_restore_case (words, names);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_cmpuint (restored->len, ==, words->len);
  for (guint i = 0; i < restored->len; i++)
    {
      const CoSpeechWord *a = words->pdata[i], *b = restored->pdata[i];

      /* Only the text changes. */
      g_assert_cmpfloat (a->start, ==, b->start);
      g_assert_cmpfloat (a->end, ==, b->end);
      g_assert_cmpfloat (a->confidence, ==, b->confidence);
      g_string_append_printf (text, "%s%s", i ? " " : "", b->text);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define assert_restored(spoken, names, expected) \
  G_STMT_START { \
    g_autofree char *got_ = restored_text (spoken, G_N_ELEMENTS (spoken), names); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

/* A long pause ends a sentence; a short one does not. */
static void
test_sentences (void)
{
  const Spoken spoken[] = {
    { "welcome", 0 }, { "back", 0 }, { "today", 0.3 }, { "we", 0 }, { "edit", 0 },
    { "the", CO_SENTENCE_PAUSE + 0.2 }, { "intro", 0 }, { "first", 0 },
  };
  const Spoken one[] = { { "hello", 0 } };

  assert_restored (spoken, NULL, "Welcome back today we edit. The intro first.");
  assert_restored (one, NULL, "Hello.");
}

/* "I" and its contractions, wherever they are; not words starting with i. */
static void
test_first_person (void)
{
  const Spoken spoken[] = {
    { "then", 0 }, { "i", 0 }, { "said", 0 }, { "i'm", 0 }, { "in", 0 }, { "i've", 0 },
    { "ice", 0 }, { "it", 0 }, { "i'll", 0 }, { "i'd", 0 },
  };
  const Spoken start[] = { { "i", 0 }, { "think", 0 } };

  assert_restored (spoken, NULL, "Then I said I'm in I've ice it I'll I'd.");
  assert_restored (start, NULL, "I think.");
}

/* Questions open like questions; other sentences get a full stop. */
static void
test_questions (void)
{
  const Spoken what[] = { { "what", 0 }, { "do", 0 }, { "you", 0 }, { "think", 0 } };
  const Spoken can[] = { { "can", 0 }, { "you", 0 }, { "hear", 0 }, { "me", 0 } };
  const Spoken when[] = { { "when", 0 }, { "you", 0 }, { "get", 0 }, { "home", 0 } };
  const Spoken how[] = { { "how", 0 }, { "to", 0 }, { "light", 0 }, { "a", 0 }, { "room", 0 } };
  const Spoken dont[] = { { "do", 0 }, { "not", 0 }, { "forget", 0 } };
  const Spoken two[] = {
    { "is", 0 }, { "it", 0 }, { "on", 0 }, { "yes", 1.0 }, { "it", 0 }, { "is", 0 },
  };

  assert_restored (what, NULL, "What do you think?");
  assert_restored (can, NULL, "Can you hear me?");
  assert_restored (when, NULL, "When you get home.");
  assert_restored (how, NULL, "How to light a room.");
  assert_restored (dont, NULL, "Do not forget.");
  assert_restored (two, NULL, "Is it on? Yes it is.");
}

/* Names take the creator's spelling, also at a sentence's start; words the
 * engine already punctuated keep their punctuation. */
static void
test_names (void)
{
  const Spoken spoken[] = {
    { "we", 0 }, { "flew", 0 }, { "to", 0 }, { "iceland", 0 }, { "with", 0 }, { "my", 0 },
    { "gopro", 0 }, { "davinci", 1.0 }, { "crashed", 0 }, { "again!", 0 },
  };
  const Spoken none[] = { { "gopro", 0 } };
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (names, co_speech_fold_word ("Iceland"), g_strdup ("Iceland"));
  g_hash_table_insert (names, co_speech_fold_word ("GoPro"), g_strdup ("GoPro"));
  g_hash_table_insert (names, co_speech_fold_word ("DaVinci"), g_strdup ("DaVinci"));
  assert_restored (spoken, names, "We flew to Iceland with my GoPro. DaVinci crashed again!");
  assert_restored (none, NULL, "Gopro.");
}

/* Nothing to restore is no error; odd words are kept as they are. */
static void
test_edges (void)
{
  g_autoptr(GPtrArray) none = co_speech_word_list_new ();
  g_autoptr(GPtrArray) restored = co_speech_words_restore_case (none, NULL);
  const Spoken odd[] = { { "", 0 }, { "café", 0 }, { "élan", 1.0 }, { "日本", 0 } };

  g_assert_cmpuint (restored->len, ==, 0);
  assert_restored (odd, NULL, " café. Élan 日本.");
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/speech-case/sentences", test_sentences);
  g_test_add_func ("/core/speech-case/first-person", test_first_person);
  g_test_add_func ("/core/speech-case/questions", test_questions);
  g_test_add_func ("/core/speech-case/names", test_names);
  g_test_add_func ("/core/speech-case/edges", test_edges);

  return g_test_run ();
}
