/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Subtitles for a 10-minute speech file: wall time of the transcriber
 * against pocketsphinx_continuous on the same 16 kHz WAV, in the same run,
 * and the word error rate of both against the known text.
 *
 * Usage: bench-speech CACHE-DIR (the generated speech is kept there).
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "co-media.h"
#include "co-speech-pocketsphinx.h"
#include "co-transcriber.h"

#include "bench-target.h"

#define TARGET_SECONDS 600.0
#define PAUSE_SECONDS 0.8

static const char * const sentences[] = {
  "The quick brown fox jumps over the lazy dog.",
  "Please call me back when you get home tonight.",
  "We will meet at the station at nine in the morning.",
  "Today I want to show you how I edit my videos.",
  "First we open the project and import the footage.",
  "The light was perfect so we started filming early.",
  "Remember to check the sound before you record.",
  "This camera is small but the picture is very sharp.",
  "Thank you for watching and see you next week.",
  "The music should be quiet when somebody is talking.",
  "We cut the long pauses to keep the story moving.",
  "My first video was filmed with an old phone.",
  "The weather changed quickly in the afternoon.",
  "She told me the meeting was moved to Friday.",
  "Good stories need a clear beginning and a strong end.",
  "He bought a new microphone for the interview.",
  "Keep your hands steady when you hold the camera.",
  "The city looks beautiful from the top of the hill.",
  "We need more coffee before we start the next scene.",
  "Subscribe to the channel if you liked this episode.",
};

static gboolean
run_quiet (const char *command)
{
  g_autofree char *err = NULL;
  int status = 0;

  return g_spawn_command_line_sync (command, NULL, &err, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

static double
wav_duration (const char *path)
{
  g_autofree char *command = g_strdup_printf ("soxi -D '%s'", path);
  g_autofree char *out = NULL;

  if (!g_spawn_command_line_sync (command, &out, NULL, NULL, NULL))
    return 0.0;
  return g_ascii_strtod (out, NULL);
}

/* Writes DIR/speech.wav and DIR/speech.txt unless they exist. */
static gboolean
ensure_speech (const char *dir,
               char      **out_wav,
               char      **out_text)
{
  g_autofree char *wav = g_build_filename (dir, "speech.wav", NULL);
  g_autofree char *txt = g_build_filename (dir, "speech.txt", NULL);
  g_autofree char *pause = g_build_filename (dir, "pause.wav", NULL);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *cmd = NULL;
  double lengths[G_N_ELEMENTS (sentences)], total = PAUSE_SECONDS;

  if (!g_file_test (wav, G_FILE_TEST_EXISTS) || !g_file_test (txt, G_FILE_TEST_EXISTS))
    {
      g_mkdir_with_parents (dir, 0755);
      cmd = g_strdup_printf ("sox -n -r 16000 -c 1 -b 16 '%s' trim 0 %g", pause, PAUSE_SECONDS);
      if (!run_quiet (cmd))
        return FALSE;
      for (gsize i = 0; i < G_N_ELEMENTS (sentences); i++)
        {
          g_autofree char *raw = g_strdup_printf ("%s/raw%zu.wav", dir, i);
          g_autofree char *s16 = g_strdup_printf ("%s/s%zu.wav", dir, i);
          g_autofree char *say = g_strdup_printf ("espeak-ng -v en-us+klatt2 -s 170 -w '%s' '%s'",
                                                  raw, sentences[i]);
          g_autofree char *conv = g_strdup_printf ("sox -D '%s' -r 16000 -c 1 -b 16 '%s'",
                                                   raw, s16);

          if (!run_quiet (say) || !run_quiet (conv))
            return FALSE;
          lengths[i] = wav_duration (s16);
        }

      g_string_append_printf (list, "'%s'", pause);
      for (gsize i = 0; total < TARGET_SECONDS; i = (i + 1) % G_N_ELEMENTS (sentences))
        {
          g_string_append_printf (list, " '%s/s%zu.wav' '%s'", dir, i, pause);
          g_string_append_printf (text, "%s\n", sentences[i]);
          total += lengths[i] + PAUSE_SECONDS;
        }
      g_free (cmd);
      cmd = g_strdup_printf ("sox %s '%s'", list->str, wav);
      if (!run_quiet (cmd) || !g_file_set_contents (txt, text->str, -1, NULL))
        return FALSE;
    }

  *out_wav = g_steal_pointer (&wav);
  return g_file_get_contents (txt, out_text, NULL, NULL);
}

static GPtrArray *
words_of (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_auto(GStrv) parts = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '\'')
      *p = ' ';
  parts = g_strsplit_set (lower, " ", -1);
  for (int i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (words, g_strdup (parts[i]));
  return words;
}

static double
word_error_rate (const char *reference,
                 const char *hypothesis)
{
  g_autoptr(GPtrArray) ref = words_of (reference);
  g_autoptr(GPtrArray) hyp = words_of (hypothesis);
  g_autofree guint *prev = g_new (guint, hyp->len + 1);
  g_autofree guint *cur = g_new (guint, hyp->len + 1);

  for (guint j = 0; j <= hyp->len; j++)
    prev[j] = j;
  for (guint i = 1; i <= ref->len; i++)
    {
      cur[0] = i;
      for (guint j = 1; j <= hyp->len; j++)
        {
          guint sub = prev[j - 1] + (strcmp (ref->pdata[i - 1], hyp->pdata[j - 1]) != 0);

          cur[j] = MIN (sub, MIN (prev[j], cur[j - 1]) + 1);
        }
      memcpy (prev, cur, (hyp->len + 1) * sizeof (guint));
    }
  return (double) prev[hyp->len] / MAX (ref->len, 1);
}

/* Drops pocketsphinx_continuous's alternative-pronunciation marks. */
static char *
strip_alternatives (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\(\\d+\\)", 0, 0, NULL);

  return g_regex_replace_literal (regex, text, -1, 0, "", 0, NULL);
}

/* CPU seconds used so far by this process, or by its finished children:
 * on a shared machine these say more than wall time about the work done. */
static double
cpu_seconds (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static gboolean
run_reference (const char *wav,
               double     *out_seconds,
               char      **out_text)
{
  const char *dir = CO_SPEECH_POCKETSPHINX_DEFAULT_MODEL_DIR;
  g_autofree char *hmm = g_build_filename (dir, "en-us", NULL);
  g_autofree char *lm = g_build_filename (dir, "en-us.lm.bin", NULL);
  g_autofree char *dict = g_build_filename (dir, "cmudict-en-us.dict", NULL);
  const char *argv[] = { "pocketsphinx_continuous", "-infile", wav, "-hmm", hmm, "-lm", lm,
                         "-dict", dict, NULL };
  g_autofree char *out = NULL;
  int status = 0;
  gint64 start = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return FALSE;
  *out_seconds = (g_get_monotonic_time () - start) / 1e6;
  *out_text = strip_alternatives (out);
  return TRUE;
}

static gboolean
run_transcriber (const char *wav,
                 double     *out_seconds,
                 char      **out_text,
                 guint      *out_segments)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoTranscriber) transcriber = NULL;
  g_autoptr(CoTranscript) transcript = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Model loading is part of the time, as it is for the reference. */
  transcriber = co_transcriber_new (NULL);
  transcript = co_transcriber_transcribe (transcriber, wav, NULL, &error);
  if (transcript == NULL)
    {
      g_printerr ("transcriber failed: %s\n", error->message);
      return FALSE;
    }
  *out_seconds = (g_get_monotonic_time () - start) / 1e6;
  *out_text = g_strdup (co_transcript_get_text (transcript));
  *out_segments = co_transcript_get_n_segments (transcript);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *wav = NULL, *reference = NULL, *ref_text = NULL, *our_text = NULL;
  double ref_seconds = 0, our_seconds = 0, ratio, ref_wer, our_wer;
  g_autoptr(GPtrArray) ref_words = NULL;
  guint segments = 0;
  double ref_cpu, our_cpu;

  if (argc < 2)
    {
      g_printerr ("usage: %s CACHE-DIR\n", argv[0]);
      return 2;
    }
  co_media_init ();
  if (!ensure_speech (argv[1], &wav, &reference))
    {
      g_printerr ("cannot generate the speech with espeak-ng and sox\n");
      return 1;
    }
  ref_cpu = cpu_seconds (RUSAGE_CHILDREN);
  if (!run_reference (wav, &ref_seconds, &ref_text))
    return 1;
  ref_cpu = cpu_seconds (RUSAGE_CHILDREN) - ref_cpu;
  our_cpu = cpu_seconds (RUSAGE_SELF);
  if (!run_transcriber (wav, &our_seconds, &our_text, &segments))
    return 1;
  our_cpu = cpu_seconds (RUSAGE_SELF) - our_cpu;

  ref_words = words_of (reference);
  ratio = our_seconds / ref_seconds;
  ref_wer = word_error_rate (reference, ref_text);
  our_wer = word_error_rate (reference, our_text);
  g_print ("speech audio: %.1f s, %u reference words, %u cores\n", wav_duration (wav),
           ref_words->len, g_get_num_processors ());
  g_print ("pocketsphinx_continuous wall time: %.2f s, CPU time: %.2f s\n",
           ref_seconds, ref_cpu);
  g_print ("transcriber wall time: %.2f s, CPU time: %.2f s (%u segments)\n",
           our_seconds, our_cpu, segments);
  g_print ("wall-time ratio: %.3f (target <= 0.6) %s\n", ratio, bench_target (ratio <= 0.6));
  g_print ("pocketsphinx_continuous WER: %.3f\n", ref_wer);
  g_print ("transcriber WER: %.3f (target <= %.3f) %s\n", our_wer, ref_wer,
           bench_target (our_wer <= ref_wer));
  return bench_target_status (0);
}
