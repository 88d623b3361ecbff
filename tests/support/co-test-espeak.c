/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-test-espeak.h"

/*
 * Real speech for the speech tests: sentences spoken by espeak-ng (the
 * en-us voice with the klatt2 variant at 170 words a minute, which
 * PocketSphinx understands best of espeak-ng's voices), as 16 kHz mono
 * WAV with digital silence between them; and the word alignment that says
 * which recognised words are wrong.  SoX runs without dither (-D): its
 * dither is random, and made every file, and so what PocketSphinx heard,
 * differ from run to run.
 */

static gboolean
run (const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  /* espeak-ng complains on stderr that it has no sound server; keep that
   * out of the log unless the command fails. */
  if (!g_spawn_command_line_sync (command, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_test_message ("%s: %s %s", command, error->message, err ? err : "");
      return FALSE;
    }
  return TRUE;
}

static double
wav_duration (const char *path)
{
  g_autofree char *command = g_strdup_printf ("soxi -D '%s'", path);
  g_autofree char *out = NULL;

  if (!g_spawn_command_line_sync (command, &out, NULL, NULL, NULL) || out == NULL)
    return 0;
  return g_ascii_strtod (out, NULL);
}

static char *
make_silence (const char *dir,
              const char *name,
              double      seconds)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *command = g_strdup_printf ("sox -D -n -r 16000 -c 1 -b 16 '%s' trim 0 %g", path,
                                              seconds);

  return run (command) ? g_steal_pointer (&path) : NULL;
}

/* One sentence as 16 kHz WAV, or %NULL. */
static char *
speak (const char *dir,
       gsize       index,
       const char *sentence)
{
  g_autofree char *raw = g_strdup_printf ("%s/spoken-raw%zu.wav", dir, index);
  g_autofree char *wav = g_strdup_printf ("%s/spoken%zu.wav", dir, index);
  g_autofree char *quoted = g_shell_quote (sentence);
  g_autofree char *say = g_strdup_printf ("espeak-ng -v en-us+klatt2 -s 170 -w '%s' %s", raw,
                                          quoted);
  g_autofree char *convert = g_strdup_printf ("sox -D '%s' -r 16000 -c 1 -b 16 '%s'", raw, wav);

  return run (say) && run (convert) ? g_steal_pointer (&wav) : NULL;
}

/**
 * co_test_espeak_write:
 * @dir: the folder to write in
 * @name: the file name, ending in .wav
 * @sentences: (array length=n_sentences): what to say
 * @n_sentences: how many sentences
 * @lead: seconds of silence before the first sentence and after the last
 * @gap: seconds of silence between two sentences
 * @out_spans: (array length=n_sentences) (out caller-allocates): where each
 *   sentence is spoken
 *
 * Returns: (transfer full) (nullable): the file, or %NULL (with the reason
 *   in the test log) when espeak-ng or sox are missing or fail
 */
char *
co_test_espeak_write (const char         *dir,
                      const char         *name,
                      const char * const *sentences,
                      gsize               n_sentences,
                      double              lead,
                      double              gap,
                      CoTestSpan         *out_spans)
{
  g_autofree char *lead_wav = make_silence (dir, "spoken-lead.wav", lead);
  g_autofree char *gap_wav = make_silence (dir, "spoken-gap.wav", gap);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) join = g_string_new ("sox -D");
  double t = lead;

  if (lead_wav == NULL || gap_wav == NULL)
    return NULL;
  g_string_append_printf (join, " '%s'", lead_wav);
  for (gsize i = 0; i < n_sentences; i++)
    {
      g_autofree char *wav = speak (dir, i, sentences[i]);

      if (wav == NULL)
        return NULL;
      out_spans[i].start = t;
      t += wav_duration (wav);
      out_spans[i].end = t;
      t += gap;
      g_string_append_printf (join, " '%s' '%s'", wav, i + 1 < n_sentences ? gap_wav : lead_wav);
    }
  g_string_append_printf (join, " '%s'", path);
  return run (join->str) ? g_steal_pointer (&path) : NULL;
}

/**
 * co_test_speech_tokens:
 * @text: a transcript or a reference text
 *
 * Returns: (transfer full): the words of @text in lower case, without
 *   punctuation (apostrophes stay: "don't")
 */
GStrv
co_test_speech_tokens (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autoptr(GStrvBuilder) tokens = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  for (char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '\'' && !(*p & 0x80))
      *p = ' ';
  parts = g_strsplit (lower, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (tokens, parts[i]);
  return g_strv_builder_end (tokens);
}

/* The edit distances of every prefix pair, row by row. */
static guint *
edit_table (const char * const *ref,
            guint               n,
            const char * const *hyp,
            guint               m)
{
  guint *d = g_new (guint, (n + 1) * (m + 1));

  for (guint i = 0; i <= n; i++)
    for (guint j = 0; j <= m; j++)
      {
        guint *cell = &d[i * (m + 1) + j];

        if (i == 0 || j == 0)
          *cell = i + j;
        else
          *cell = MIN (d[(i - 1) * (m + 1) + j - 1] + (strcmp (ref[i - 1], hyp[j - 1]) != 0),
                       MIN (d[(i - 1) * (m + 1) + j], d[i * (m + 1) + j - 1]) + 1);
      }
  return d;
}

/**
 * co_test_align_words:
 * @reference: what was said, from co_test_speech_tokens()
 * @hypothesis: what was recognised, the same way
 * @out_errors: (out) (optional): the word edit distance
 *
 * Aligns the words with the least edits.  A recognised word is wrong when
 * it replaces another word or was not said; a said word that was not
 * recognised makes the recognised word after it wrong (the last one, at
 * the end).
 *
 * Returns: (transfer full) (array): one flag per word of @hypothesis, %TRUE
 *   when it is wrong
 */
gboolean *
co_test_align_words (const char * const *reference,
                     const char * const *hypothesis,
                     guint              *out_errors)
{
  guint n = g_strv_length ((GStrv) reference), m = g_strv_length ((GStrv) hypothesis);
  g_autofree guint *d = edit_table (reference, n, hypothesis, m);
  gboolean *wrong = g_new0 (gboolean, MAX (m, 1));
  guint i = n, j = m;

  if (out_errors != NULL)
    *out_errors = d[n * (m + 1) + m];
  while (i > 0 || j > 0)
    {
      guint here = d[i * (m + 1) + j];

      if (i > 0 && j > 0 &&
          here == d[(i - 1) * (m + 1) + j - 1] + (strcmp (reference[i - 1], hypothesis[j - 1]) != 0))
        {
          wrong[j - 1] |= strcmp (reference[i - 1], hypothesis[j - 1]) != 0;
          i--, j--;
        }
      else if (j > 0 && here == d[i * (m + 1) + j - 1] + 1)
        wrong[--j] = TRUE;
      else
        {
          if (m > 0)
            wrong[MIN (j, m - 1)] = TRUE;
          i--;
        }
    }
  return wrong;
}
