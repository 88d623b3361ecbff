/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-subtitle-error.h"
#include "co-test-util.h"
#include "co-transcript-store.h"

/* The words recognised in a file, kept per file and per engine setting. */

#define SOURCE "file:/talks/talk.mp4:1234:1700000000.000000000"

static GPtrArray *
make_words (void)
{
  GPtrArray *words = co_speech_word_list_new ();

  g_ptr_array_add (words, co_speech_word_new ("hello", 0.5, 0.8, 0.9));
  g_ptr_array_add (words, co_speech_word_new ("wörld", 0.85, 1.403, 0.125));
  g_ptr_array_add (words, co_speech_word_new ("", 2.0, 2.0, 0.0));
  return words;
}

static void
assert_same_words (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const CoSpeechWord *x = a->pdata[i];
      const CoSpeechWord *y = b->pdata[i];

      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpfloat (x->start, ==, y->start);
      g_assert_cmpfloat (x->end, ==, y->end);
      g_assert_cmpfloat (x->confidence, ==, y->confidence);
    }
}

/* Words come back exactly; each parameters key has its own words. */
static void
test_round_trip (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(GPtrArray) words = make_words ();
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GError) error = NULL;

  none = co_transcript_store_load (store, SOURCE, "engine-a", &error);
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_true (co_transcript_store_save (store, SOURCE, "engine-a", words, &error));
  g_assert_no_error (error);
  loaded = co_transcript_store_load (store, SOURCE, "engine-a", &error);
  g_assert_no_error (error);
  assert_same_words (words, loaded);

  other = co_transcript_store_load (store, SOURCE, "engine-b", &error);
  g_assert_no_error (error);
  g_assert_null (other);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Damaged kept words are an error naming the file, never a crash. */
static void
test_damaged (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  const char *damaged[] = {
    "", "null", "{\"words\": {}}", "{\"words\": [ {\"text\": \"hi\"} ]}",
    "{\"words\": [ {\"text\": 5, \"start\": 0, \"end\": 1, \"confidence\": 1} ]}",
    "{\"words\": [ {\"text\": \"hi\", \"start\": \"0\", \"end\": 1, \"confidence\": 1} ]}",
    "{\"words\": [ [] ]}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GPtrArray) loaded = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("kept: %s", damaged[i]);
      g_assert_true (co_store_put_result (store, CO_TRANSCRIPT_RESULT_KIND, SOURCE, "p",
                                          damaged[i], NULL, &error));
      loaded = co_transcript_store_load (store, SOURCE, "p", &error);
      g_assert_null (loaded);
      g_assert_error (error, CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, "/talks/talk.mp4"));
    }
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/transcript-store/round-trip", test_round_trip);
  g_test_add_func ("/core/transcript-store/damaged", test_damaged);

  return g_test_run ();
}
