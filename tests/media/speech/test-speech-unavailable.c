/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-error.h"
#include "co-speech-error.h"
#include "co-speech-unavailable.h"
#include "co-test-speech.h"
#include "co-test-util.h"
#include "co-transcriber.h"

/* The engine of a build without speech to text: every use fails with an
 * error that names what is missing, and nothing crashes. */

static void
assert_unavailable (const GError *error)
{
  g_assert_error (error, CO_SPEECH_ERROR, CO_SPEECH_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "PocketSphinx"));
  g_assert_nonnull (co_error_get_suggestion (error));
}

static void
test_engine (void)
{
  g_autoptr(CoSpeechEngine) engine = co_speech_unavailable_new ();
  g_autoptr(CoSpeechSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) session_error = NULL;

  g_assert_false (co_speech_engine_check (engine, &error));
  assert_unavailable (error);
  session = co_speech_engine_new_session (engine, &session_error);
  g_assert_null (session);
  assert_unavailable (session_error);
}

/* The transcriber stops at the engine, before it reads the file. */
static void
test_transcriber (void)
{
  CoTestSpeechSpec spec = { .container = "wav", .duration = 1.0, .rate = 16000, .channels = 1,
                            .seed = 3 };
  g_autofree char *dir = co_test_make_temp_dir ("speech-unavailable");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = co_test_speech_write (dir, "talk.wav", &spec, &error);
  g_autoptr(CoTranscriber) transcriber = NULL;
  g_autoptr(CoTranscript) transcript = NULL;
  g_autoptr(CoSpeechEngine) engine = co_speech_unavailable_new ();

  g_assert_no_error (error);
  transcriber = co_transcriber_new (engine);
  transcript = co_transcriber_transcribe (transcriber, path, NULL, &error);
  g_assert_null (transcript);
  assert_unavailable (error);
}

/* The default engine is PocketSphinx exactly when the build has speech. */
static void
test_default (void)
{
  g_autoptr(CoSpeechEngine) engine = co_speech_engine_new_default ();

  g_test_message ("default engine: %s (CO_HAVE_SPEECH=%d)", G_OBJECT_TYPE_NAME (engine),
                  CO_HAVE_SPEECH);
  g_assert_cmpint (CO_IS_SPEECH_UNAVAILABLE (engine), ==, !CO_HAVE_SPEECH);
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/media/speech-unavailable/engine", test_engine);
  g_test_add_func ("/media/speech-unavailable/transcriber", test_transcriber);
  g_test_add_func ("/media/speech-unavailable/default", test_default);

  return g_test_run ();
}
