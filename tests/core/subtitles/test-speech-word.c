/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "co-speech-word.h"
#include "co-test-util.h"

static void
test_boxed (void)
{
  g_autoptr(CoSpeechWord) word = co_speech_word_new ("hello", 1.23449, 1.0, 1.7);
  g_autoptr(CoSpeechWord) copy = co_speech_word_copy (word);

  g_assert_cmpfloat (word->start, ==, 1.234);
  g_assert_cmpfloat (word->end, ==, 1.234);
  g_assert_cmpfloat (word->confidence, ==, 1.0);
  g_assert_cmpstr (copy->text, ==, "hello");
  g_assert_true (copy->text != word->text);
  g_assert_true (g_type_is_a (CO_TYPE_SPEECH_WORD, G_TYPE_BOXED));
}

/* A confidence the engine could not compute is no confidence at all. */
static void
test_confidence (void)
{
  g_autoptr(CoSpeechWord) unknown = co_speech_word_new ("what", 0, 0.5, NAN);
  g_autoptr(CoSpeechWord) negative = co_speech_word_new ("what", 0, 0.5, -0.5);
  g_autoptr(CoSpeechWord) sure = co_speech_word_new ("what", 0, 0.5, 0.75);

  g_assert_cmpfloat (unknown->confidence, ==, 0.0);
  g_assert_cmpfloat (negative->confidence, ==, 0.0);
  g_assert_cmpfloat (sure->confidence, ==, 0.75);
}

static void
test_list (void)
{
  g_autoptr(GPtrArray) words = co_speech_word_list_new ();

  g_ptr_array_add (words, co_speech_word_new ("one", 0.1, 0.2, 1));
  g_ptr_array_add (words, co_speech_word_new ("two", 0.3, 0.4, 1));
  g_assert_cmpuint (words->len, ==, 2);
  /* The list frees its words: ASan's leak check holds it to that. */
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/speech-word/boxed", test_boxed);
  g_test_add_func ("/core/speech-word/confidence", test_confidence);
  g_test_add_func ("/core/speech-word/list", test_list);

  return g_test_run ();
}
