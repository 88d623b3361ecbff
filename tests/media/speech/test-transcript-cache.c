/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-media-error.h"
#include "co-speech-pocketsphinx.h"
#include "co-test-espeak.h"
#include "co-test-util.h"
#include "co-transcript-cache.h"

/* Transcription through the transcript store: a second run on the same
 * file with the same engine finds the words kept by the first. */

/* One sentence from espeak-ng at 16 kHz, with half a second around it. */
static char *
make_speech (const char *dir)
{
  static const char *const sentence[] = { "Please call me back when you get home tonight." };
  CoTestSpan span;

  return co_test_espeak_write (dir, "speech.wav", sentence, 1, 0.5, 0.5, &span);
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

/* The second run is the first's words, from the store; another model
 * setting names another transcript and runs the engine again. */
static void
test_kept (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("transcript-cache");
  g_autofree char *speech_wav = make_speech (dir);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cached = TRUE;

  if (speech_wav == NULL)
    {
      g_test_skip ("espeak-ng or sox could not generate the test speech");
      return;
    }
  first = co_transcript_cache_run (store, speech_wav, NULL, &cached, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cached);
  g_assert_cmpuint (first->len, >, 3);
  second = co_transcript_cache_run (store, speech_wav, NULL, &cached, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cached);
  assert_same_words (first, second);

  g_setenv ("CREATOROPS_SPEECH_MODEL_DIR", CO_SPEECH_POCKETSPHINX_DEFAULT_MODEL_DIR, TRUE);
  other = co_transcript_cache_run (store, speech_wav, NULL, &cached, NULL, NULL, NULL, &error);
  g_unsetenv ("CREATOROPS_SPEECH_MODEL_DIR");
  g_assert_no_error (error);
  g_assert_false (cached);
  assert_same_words (first, other);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_bad_input (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = co_test_make_temp_dir ("transcribe");
  g_autofree char *missing = g_build_filename (dir, "gone.wav", NULL);
  g_autofree char *text = co_test_write_file (dir, "notes.wav", "not sound at all\n", -1);
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) text_error = NULL;
  gboolean cached = TRUE;

  words = co_transcript_cache_run (store, missing, NULL, &cached, NULL, NULL, NULL, &error);
  g_assert_null (words);
  g_assert_false (cached);
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.wav"));

  more = co_transcript_cache_run (store, text, NULL, NULL, NULL, NULL, NULL, &text_error);
  g_assert_null (more);
  g_assert_true (text_error->domain == CO_MEDIA_ERROR);
  g_assert_nonnull (strstr (text_error->message, "notes.wav"));
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);
  g_unsetenv ("CREATOROPS_SPEECH_MODEL_DIR");

  g_test_add_func ("/media/transcript-cache/kept", test_kept);
  g_test_add_func ("/media/transcript-cache/bad-input", test_bad_input);

  return g_test_run ();
}
