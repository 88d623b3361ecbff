/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "co-error.h"
#include "co-media-error.h"
#include "co-media.h"
#include "co-speech-error.h"
#include "co-speech-pocketsphinx.h"
#include "co-test-espeak.h"
#include "co-test-util.h"
#include "co-transcriber.h"

#define MODEL_DIR CO_SPEECH_POCKETSPHINX_DEFAULT_MODEL_DIR
#define LEAD 0.5
#define GAP 1.5

/* PocketSphinx places word boundaries on 10 ms frames and often a frame or
 * two before the onset; a word may start this much before its speech. */
#define EDGE 0.05

/* Measured: 0.07 to 0.10 with the default model on this speech, 0.24 to
 * 0.35 after Vorbis (pocketsphinx_continuous gets 0.21 on the WAV).  A
 * decoder that carries state between segments or drops the dither went
 * to 0.38 and 0.52 while this was written. */
#define MAX_WER 0.30
#define MAX_WER_VORBIS 0.45

static const char * const sentences[] = {
  "The quick brown fox jumps over the lazy dog.",
  "Please call me back when you get home tonight.",
  "We will meet at the station at nine in the morning.",
};

/* The generated speech: where each sentence starts and ends, in seconds. */
typedef struct
{
  char       *wav;
  CoTestSpan  spans[G_N_ELEMENTS (sentences)];
} Speech;

static Speech speech;

/* Three sentences with LEAD s before, GAP s of digital silence between and
 * LEAD s after. */
static gboolean
make_speech (const char *dir)
{
  speech.wav = co_test_espeak_write (dir, "speech.wav", sentences, G_N_ELEMENTS (sentences), LEAD,
                                     GAP, speech.spans);
  return speech.wav != NULL;
}

static gboolean
require_speech (void)
{
  if (speech.wav == NULL)
    {
      g_test_skip ("espeak-ng or sox could not generate the test speech");
      return FALSE;
    }
  return TRUE;
}

/* Word error rate: word-level edit distance over the reference length. */
static double
word_error_rate (const char *reference,
                 const char *hypothesis)
{
  g_auto(GStrv) ref = co_test_speech_tokens (reference);
  g_auto(GStrv) hyp = co_test_speech_tokens (hypothesis);
  g_autofree gboolean *wrong = NULL;
  guint errors;

  wrong = co_test_align_words ((const char * const *) ref, (const char * const *) hyp, &errors);
  return (double) errors / MAX (g_strv_length (ref), 1);
}

static char *
reference_text (void)
{
  return g_strjoinv (" ", (GStrv) sentences);
}

static CoTranscript *
transcribe (CoTranscriber *transcriber,
            const char    *path)
{
  g_autoptr(GError) error = NULL;
  CoTranscript *transcript = co_transcriber_transcribe (transcriber, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (transcript);
  return transcript;
}

/* Words in order, each sentence's first word near where it starts, no word
 * starting in a planted silence, confidences in range, text close enough. */
static void
assert_transcript_matches_speech (CoTranscript *transcript,
                                  double        max_wer)
{
  GPtrArray *words = co_transcript_get_words (transcript);
  g_autofree char *reference = reference_text ();
  double wer;

  g_assert_cmpuint (words->len, >, 10);
  for (guint i = 0; i < words->len; i++)
    {
      CoSpeechWord *word = g_ptr_array_index (words, i);

      g_assert_cmpfloat (word->end, >=, word->start);
      g_assert_cmpfloat (word->confidence, >=, 0.0);
      g_assert_cmpfloat (word->confidence, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (word->start, >=, ((CoSpeechWord *) words->pdata[i - 1])->end);
      for (gsize s = 0; s + 1 < G_N_ELEMENTS (sentences); s++)
        g_assert_false (word->start > speech.spans[s].end &&
                        word->start < speech.spans[s + 1].start - EDGE);
      g_assert_false (word->start < speech.spans[0].start - EDGE);
    }

  for (gsize s = 0; s < G_N_ELEMENTS (sentences); s++)
    {
      CoSpeechWord *first = NULL;

      for (guint i = 0; i < words->len && first == NULL; i++)
        if (((CoSpeechWord *) words->pdata[i])->start >= speech.spans[s].start - 0.3)
          first = words->pdata[i];
      g_assert_nonnull (first);
      g_test_message ("sentence %zu starts at %.3f s, its first word at %.3f s",
                      s, speech.spans[s].start, first->start);
      g_assert_cmpfloat (ABS (first->start - speech.spans[s].start), <=, 0.3);
    }

  wer = word_error_rate (reference, co_transcript_get_text (transcript));
  g_test_message ("recognised: %s (WER %.3f)", co_transcript_get_text (transcript), wer);
  g_assert_cmpfloat (wer, <, max_wer);
}

static void
test_words_detected_pauses (void)
{
  g_autoptr(CoTranscriber) transcriber = co_transcriber_new (NULL);
  g_autoptr(CoTranscript) transcript = NULL;

  if (!require_speech ())
    return;
  transcript = transcribe (transcriber, speech.wav);
  assert_transcript_matches_speech (transcript, MAX_WER);
  g_assert_cmpuint (co_transcript_get_n_segments (transcript), ==, G_N_ELEMENTS (sentences));
  g_assert_cmpfloat_with_epsilon (co_transcript_get_duration (transcript),
                                  speech.spans[2].end + LEAD, 0.05);
}

static void
test_words_given_silences (void)
{
  g_autoptr(CoTranscriber) transcriber = co_transcriber_new (NULL);
  g_autoptr(CoTranscript) transcript = NULL;

  if (!require_speech ())
    return;
  /* The silences as the analysis reports them: the planted gaps, and the
   * lead-in and tail. */
  co_transcriber_add_silence (transcriber, 0.0, LEAD);
  for (gsize s = 0; s + 1 < G_N_ELEMENTS (sentences); s++)
    co_transcriber_add_silence (transcriber, speech.spans[s].end, speech.spans[s + 1].start);
  co_transcriber_add_silence (transcriber, speech.spans[2].end, speech.spans[2].end + LEAD);

  transcript = transcribe (transcriber, speech.wav);
  assert_transcript_matches_speech (transcript, MAX_WER);
  g_assert_cmpuint (co_transcript_get_n_segments (transcript), ==, G_N_ELEMENTS (sentences));
}

static void
test_parallel_equals_serial (void)
{
  g_autoptr(CoTranscriber) transcriber = co_transcriber_new (NULL);
  g_autoptr(CoTranscript) serial = NULL;
  g_autoptr(CoTranscript) parallel = NULL;
  GPtrArray *a, *b;

  if (!require_speech ())
    return;
  co_transcriber_set_max_threads (transcriber, 1);
  serial = transcribe (transcriber, speech.wav);
  co_transcriber_set_max_threads (transcriber, 3);
  parallel = transcribe (transcriber, speech.wav);

  a = co_transcript_get_words (serial);
  b = co_transcript_get_words (parallel);
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpstr (co_transcript_get_text (serial), ==, co_transcript_get_text (parallel));
  for (guint i = 0; i < a->len; i++)
    {
      CoSpeechWord *x = a->pdata[i], *y = b->pdata[i];

      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpfloat (x->start, ==, y->start);
      g_assert_cmpfloat (x->end, ==, y->end);
      /* Words and times must match exactly.  A PocketSphinx decoder still
       * carries some state from one utterance to the next (which state was
       * not found), so which decoder ran a segment can move a posterior in
       * the fourth decimal: far below what could change a cue's flag. */
      g_assert_cmpfloat_with_epsilon (x->confidence, y->confidence, 1e-3);
    }
}

typedef struct
{
  GCancellable *cancellable;
  double        last;
  int           calls;
  gboolean      cancel_at_first;
} Progress;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_cmpfloat (fraction, >=, progress->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  progress->last = fraction;
  progress->calls++;
  if (progress->cancel_at_first)
    g_cancellable_cancel (progress->cancellable);
}

static void
test_progress (void)
{
  g_autoptr(CoTranscriber) transcriber = co_transcriber_new (NULL);
  g_autoptr(CoTranscript) transcript = NULL;
  Progress progress = { NULL, 0.0, 0, FALSE };

  if (!require_speech ())
    return;
  co_transcriber_set_progress_func (transcriber, progress_cb, &progress, NULL);
  transcript = transcribe (transcriber, speech.wav);
  g_assert_cmpint (progress.calls, >=, 2);
  g_assert_cmpfloat (progress.last, ==, 1.0);
}

static void
test_cancel (void)
{
  g_autoptr(CoTranscriber) transcriber = co_transcriber_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CoTranscript) transcript = NULL;
  Progress progress = { cancellable, 0.0, 0, TRUE };

  if (!require_speech ())
    return;

  /* Cancelled while running: from the first progress report on. */
  co_transcriber_set_max_threads (transcriber, 1);
  co_transcriber_set_progress_func (transcriber, progress_cb, &progress, NULL);
  transcript = co_transcriber_transcribe (transcriber, speech.wav, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (transcript);
  g_assert_cmpint (progress.calls, ==, 1);
  g_assert_true (co_error_is_cancelled (error));
  g_clear_error (&error);

  /* Cancelled before it starts. */
  transcript = co_transcriber_transcribe (transcriber, speech.wav, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (transcript);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CoTranscript **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = co_transcriber_transcribe_finish (CO_TRANSCRIBER (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
transcript_ready (gpointer data)
{
  return *(CoTranscript **) data != NULL;
}

/* Speech inside a video container: only the sound is decoded. */
static void
test_video_file_async (void)
{
  g_autoptr(CoTranscriber) transcriber = co_transcriber_new (NULL);
  g_autofree char *dir = co_test_make_temp_dir ("video");
  g_autofree char *path = g_build_filename (dir, "talk with spaces.ogv", NULL);
  g_autofree char *launch = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstBus) bus = NULL;
  CoTranscript *transcript = NULL;

  if (!require_speech ())
    return;
  co_media_init ();
  launch = g_strdup_printf ("filesrc location=\"%s\" ! wavparse ! audioconvert ! vorbisenc ! "
                            "oggmux name=m ! filesink location=\"%s\" "
                            "videotestsrc num-buffers=60 ! video/x-raw,width=160,height=120,"
                            "framerate=5/1 ! theoraenc ! m.", speech.wav, path);
  pipeline = gst_parse_launch (launch, &error);
  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  co_transcriber_transcribe_async (transcriber, path, NULL, async_done_cb, &transcript);
  g_assert_true (co_test_wait_until (transcript_ready, &transcript, 50000));
  /* Vorbis at its default quality costs the recogniser a few words. */
  assert_transcript_matches_speech (transcript, MAX_WER_VORBIS);
  g_object_unref (transcript);
}

/* Bad models: a copy of the real one, made of links, with one part broken. */

static char *
make_model_copy (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("model");
  g_autofree char *hmm = g_build_filename (dir, "en-us", NULL);
  g_autoptr(GDir) listing = g_dir_open (MODEL_DIR "/en-us", 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  g_assert_no_errno (g_mkdir (hmm, 0700));
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *target = g_build_filename (MODEL_DIR, "en-us", name, NULL);
      g_autofree char *link = g_build_filename (hmm, name, NULL);

      g_assert_no_errno (symlink (target, link));
    }
  for (int i = 0; i < 2; i++)
    {
      const char *leaf = i == 0 ? "en-us.lm.bin" : "cmudict-en-us.dict";
      g_autofree char *target = g_build_filename (MODEL_DIR, leaf, NULL);
      g_autofree char *link = g_build_filename (dir, leaf, NULL);

      g_assert_no_errno (symlink (target, link));
    }
  return g_steal_pointer (&dir);
}

/* Replaces a linked file with the first @size bytes of the original, or
 * with @size pseudo-random bytes when @garbage is set. */
static char *
break_file (const char *dir,
            const char *name,
            gsize       size,
            gboolean    garbage)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *original = g_build_filename (MODEL_DIR, name, NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (garbage)
    {
      GRand *rand = g_rand_new_with_seed (42);

      contents = g_malloc (size + 1);
      for (gsize i = 0; i < size; i++)
        contents[i] = g_rand_int (rand) & 0xff;
      len = size;
      g_rand_free (rand);
    }
  else
    {
      g_assert_true (g_file_get_contents (original, &contents, &len, NULL));
      len = MIN (len, size);
    }
  g_assert_no_errno (g_unlink (path));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return g_steal_pointer (&path);
}

typedef struct
{
  const char *name;
  const char *file;
  gsize       size;
  gboolean    garbage;
  const char *reason;
} BadModel;

static const BadModel bad_models[] = {
  { "missing-dir", NULL, 0, FALSE, "is missing" },
  { "missing-mdef", "en-us/mdef", 0, FALSE, "is missing" },
  { "truncated-mdef", "en-us/mdef", 100000, FALSE, "is truncated" },
  { "garbage-mdef", "en-us/mdef", 5000, TRUE, "is corrupt" },
  { "truncated-means", "en-us/means", 1000, FALSE, "is truncated" },
  { "truncated-tmat", "en-us/transition_matrices", 1000, FALSE, "is truncated" },
  { "truncated-sendump", "en-us/sendump", 100000, FALSE, "is truncated" },
  { "empty-noisedict", "en-us/noisedict", 0, FALSE, "is empty" },
  { "garbage-feat-params", "en-us/feat.params", 300, TRUE, "is corrupt" },
  { "empty-dict", "cmudict-en-us.dict", 0, FALSE, "is empty" },
  { "garbage-dict", "cmudict-en-us.dict", 4000, TRUE, "is corrupt" },
  { "garbage-lm", "en-us.lm.bin", 100000, TRUE, "is corrupt" },
  { "empty-lm", "en-us.lm.bin", 0, FALSE, "is empty" },
};

static void
test_bad_model (gconstpointer data)
{
  const BadModel *bad = data;
  g_autofree char *dir = make_model_copy ();
  g_autofree char *broken = NULL;
  g_autofree char *hmm = g_build_filename (dir, "en-us", NULL);
  g_autofree char *lm = g_build_filename (dir, "en-us.lm.bin", NULL);
  g_autofree char *dict = g_build_filename (dir, "cmudict-en-us.dict", NULL);
  g_autoptr(CoSpeechPocketsphinx) engine = NULL;
  g_autoptr(CoTranscriber) transcriber = NULL;
  g_autoptr(CoTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;

  if (bad->file == NULL)
    {
      broken = g_build_filename (dir, "no-such-folder", NULL);
      g_free (hmm);
      hmm = g_strdup (broken);
    }
  else if (g_str_has_prefix (bad->name, "missing"))
    {
      broken = g_build_filename (dir, bad->file, NULL);
      g_assert_no_errno (g_unlink (broken));
    }
  else
    broken = break_file (dir, bad->file, bad->size, bad->garbage);

  engine = co_speech_pocketsphinx_new (hmm, lm, dict);
  g_assert_false (co_speech_engine_check (CO_SPEECH_ENGINE (engine), &error));
  g_assert_error (error, CO_SPEECH_ERROR, CO_SPEECH_ERROR_MODEL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, broken));
  g_assert_nonnull (strstr (error->message, bad->reason));
  g_assert_nonnull (co_error_get_suggestion (error));
  g_clear_error (&error);

  /* The transcriber checks the model before it opens the file. */
  transcriber = co_transcriber_new (CO_SPEECH_ENGINE (engine));
  transcript = co_transcriber_transcribe (transcriber, "/nonexistent.wav", NULL, &error);
  g_assert_error (error, CO_SPEECH_ERROR, CO_SPEECH_ERROR_MODEL);
  g_assert_null (transcript);
}

/* A language model cut short keeps a valid header; PocketSphinx notices
 * while loading, and that must become an error, not a silent bad result. */
static void
test_truncated_lm (void)
{
  g_autofree char *dir = make_model_copy ();
  g_autofree char *lm = break_file (dir, "en-us.lm.bin", 27000000, FALSE);
  g_autofree char *hmm = g_build_filename (dir, "en-us", NULL);
  g_autoptr(CoSpeechPocketsphinx) engine = co_speech_pocketsphinx_new (hmm, lm, NULL);
  g_autoptr(CoSpeechSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = co_speech_engine_new_session (CO_SPEECH_ENGINE (engine), &error);
  g_assert_error (error, CO_SPEECH_ERROR, CO_SPEECH_ERROR_MODEL);
  g_assert_null (session);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, lm));
}

static void
test_model_dir_from_env (void)
{
  g_autofree char *dir = make_model_copy ();
  g_autofree char *dict = NULL;
  g_autoptr(CoSpeechEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("CREATOROPS_SPEECH_MODEL_DIR", dir, TRUE);
  engine = co_speech_engine_new_default ();
  g_unsetenv ("CREATOROPS_SPEECH_MODEL_DIR");
  g_assert_true (g_str_has_prefix (
    co_speech_pocketsphinx_get_dictionary (CO_SPEECH_POCKETSPHINX (engine)), dir));

  dict = break_file (dir, "cmudict-en-us.dict", 0, FALSE);
  g_assert_false (co_speech_engine_check (engine, &error));
  g_assert_error (error, CO_SPEECH_ERROR, CO_SPEECH_ERROR_MODEL);
  g_assert_nonnull (strstr (error->message, dict));
}

static void
assert_bad_input (const char *path,
                  int         code)
{
  g_autoptr(CoTranscriber) transcriber = co_transcriber_new (NULL);
  g_autoptr(CoTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;

  transcript = co_transcriber_transcribe (transcriber, path, NULL, &error);
  g_assert_null (transcript);
  g_assert_error (error, CO_MEDIA_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_input_no_audio (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("noaudio");
  g_autofree char *path = g_build_filename (dir, "silent film.ogv", NULL);
  g_autofree char *launch = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GError) error = NULL;

  co_media_init ();
  launch = g_strdup_printf ("videotestsrc num-buffers=10 ! video/x-raw,width=160,height=120,"
                            "framerate=5/1 ! theoraenc ! oggmux ! filesink location=\"%s\"",
                            path);
  pipeline = gst_parse_launch (launch, &error);
  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  assert_bad_input (path, CO_MEDIA_ERROR_NO_AUDIO);
}

static void
test_input_random_bytes (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("random");
  g_autofree char *contents = g_malloc (65536);
  g_autofree char *path = NULL;
  GRand *rand = g_rand_new_with_seed (7);

  for (gsize i = 0; i < 65536; i++)
    contents[i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);
  path = co_test_write_file (dir, "noise.mp4", contents, 65536);
  assert_bad_input (path, CO_MEDIA_ERROR_UNSUPPORTED);
}

static void
test_input_missing (void)
{
  assert_bad_input ("/nonexistent/talk.mp4", CO_MEDIA_ERROR_NOT_FOUND);
}

static void
test_input_empty (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("empty");
  g_autofree char *path = co_test_write_file (dir, "empty.wav", "", 0);

  assert_bad_input (path, CO_MEDIA_ERROR_EMPTY);
}

static void
remove_flat_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *speech_dir = NULL;
  int status;

  /* GStreamer starts inside the tests, after the per-test folders are set:
   * started here it would cache the real user folders, which the tests
   * then replace, and LeakSanitizer would report the old names. */
  co_test_init (&argc, &argv);

  /* The speech is made once for all tests, outside the per-test folders
   * that are removed after each test. */
  speech_dir = g_dir_make_tmp ("co-test-speech-XXXXXX", NULL);
  g_assert_nonnull (speech_dir);
  if (!make_speech (speech_dir))
    g_clear_pointer (&speech.wav, g_free);

  g_test_add_func ("/media/speech/words/detected-pauses", test_words_detected_pauses);
  g_test_add_func ("/media/speech/words/given-silences", test_words_given_silences);
  g_test_add_func ("/media/speech/words/parallel-equals-serial", test_parallel_equals_serial);
  g_test_add_func ("/media/speech/words/video-file-async", test_video_file_async);
  g_test_add_func ("/media/speech/progress", test_progress);
  g_test_add_func ("/media/speech/cancel", test_cancel);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_models); i++)
    {
      g_autofree char *name = g_strdup_printf ("/media/speech/model/%s", bad_models[i].name);

      g_test_add_data_func (name, &bad_models[i], test_bad_model);
    }
  g_test_add_func ("/media/speech/model/truncated-lm", test_truncated_lm);
  g_test_add_func ("/media/speech/model/dir-from-env", test_model_dir_from_env);
  g_test_add_func ("/media/speech/input/no-audio", test_input_no_audio);
  g_test_add_func ("/media/speech/input/random-bytes", test_input_random_bytes);
  g_test_add_func ("/media/speech/input/missing", test_input_missing);
  g_test_add_func ("/media/speech/input/empty", test_input_empty);

  status = g_test_run ();
  remove_flat_dir (speech_dir);
  g_free (speech.wav);
  return status;
}
