/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-espeak.h"
#include "co-test-util.h"
#include "co-timeline-build.h"
#include "co-transcriber.h"

/*
 * Whether the cues flagged for review are the cues that are wrong.  Speech
 * from espeak-ng, short everyday sentences and sentences full of names and
 * jargon that PocketSphinx cannot know, is recognised and made into cues
 * with the default rules; each cue is compared with what was said.  A cue
 * is wrong when one of its words is, or a word said in it is missing.
 */

#define LEAD 0.5
#define GAP 1.2

/* Measured with the default en-us model: 52 cues, 43 of them wrong, 48
 * flagged: precision 0.88, recall 0.98.  Flagging every cue (what the
 * confidences of 0.00 to 0.04 did) has a precision of 0.83, the share of
 * wrong cues.  The speech and the decoding are the same on every run. */
#define MIN_PRECISION 0.85
#define MIN_RECALL 0.90

static const char *const sentences[] = {
  "Thanks for watching.", "See you next week.", "Please call me back.",
  "Let me know in the comments.", "We need more time.", "The light was perfect.",
  "Turn the volume down.", "Keep the camera steady.", "This is the best part.",
  "I will be right back.", "Do not forget to subscribe.", "It was a long day.",
  "We will meet at nine.", "Back up your files.", "Move the lamp closer.",
  "Good morning everyone.", "What do you think?", "That was a lot of fun.",
  "Marisol filmed Kilimanjaro.", "Quetzalcoatl returns.", "Ngozi reviewed the Fujifilm.",
  "Siobhan loves Hasselblad.", "Squarespace sponsors Tenochtitlan.", "The Zeiss Otus bokeh.",
  "DaVinci Resolve crashed.", "Gimbal stabilisation tricks.", "The lavalier clipped.",
  "Aoife and Xochitl vlog.",
  "The quick brown fox jumps over the lazy dog.",
  "Please call me back when you get home tonight.",
  "We will meet at the station at nine in the morning.",
  "Thanks for watching and see you next week.",
  "Subscribe if you learned something new today.",
  "I think this is the best camera for beginners.",
  "Let me know what you think in the comments.",
  "The light was perfect just before the sun went down.",
  "We need more time to finish the edit.",
  "This video is about how to plan your week.",
  "Turn the volume down before you start recording.",
  "My favourite part of the trip was the food.",
  "Keep the camera steady and move slowly.",
  "It is a good idea to back up your files every day.",
  "Today I want to show you my gimbal stabilisation tricks.",
  "Marisol filmed the Kilimanjaro sunrise with a Hasselblad.",
  "The lavalier microphone picked up too much wind noise.",
  "Quetzalcoatl and Tenochtitlan appear in the second episode.",
  "Our sponsor Squarespace makes building a website easy.",
  "I edited the whole vlog in DaVinci Resolve overnight.",
  "The bokeh from this Zeiss Otus lens is gorgeous.",
  "Ngozi and Siobhan reviewed the Fujifilm firmware.",
  "Keep your shutter speed at twice the frame rate.",
  "Remember to charge the batteries before every shoot.",
};

typedef struct
{
  guint cues;
  guint wrong;
  guint flagged;
  guint flagged_wrong;
} Score;

/* Which cues hold a wrong word, from one alignment of all their words with
 * all that was said. */
static gboolean *
find_wrong_cues (GPtrArray *cues)
{
  g_autofree char *said = g_strjoinv (" ", (GStrv) sentences);
  g_auto(GStrv) reference = co_test_speech_tokens (said);
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autoptr(GArray) owner = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) hypothesis = NULL;
  g_autofree gboolean *wrong_words = NULL;
  gboolean *wrong = g_new0 (gboolean, MAX (cues->len, 1));

  for (guint i = 0; i < cues->len; i++)
    {
      g_auto(GStrv) tokens = co_test_speech_tokens (((CoCue *) cues->pdata[i])->text);

      g_strv_builder_addv (words, (const char **) tokens);
      for (guint k = 0; tokens[k] != NULL; k++)
        g_array_append_val (owner, i);
    }
  hypothesis = g_strv_builder_end (words);
  wrong_words = co_test_align_words ((const char * const *) reference,
                                     (const char * const *) hypothesis, NULL);
  for (guint k = 0; k < owner->len; k++)
    wrong[g_array_index (owner, guint, k)] |= wrong_words[k];
  return wrong;
}

static Score
score_flags (GPtrArray *cues)
{
  g_autofree gboolean *wrong = find_wrong_cues (cues);
  Score score = { cues->len, 0, 0, 0 };

  for (guint i = 0; i < cues->len; i++)
    {
      const CoCue *cue = cues->pdata[i];

      g_test_message ("%s %.3f %s %s", wrong[i] ? "wrong" : "right", cue->confidence,
                      cue->flagged ? "flagged" : "       ", cue->text);
      score.wrong += wrong[i];
      score.flagged += cue->flagged;
      score.flagged_wrong += cue->flagged && wrong[i];
    }
  return score;
}

static void
test_flags_mark_wrong_cues (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("speech");
  CoTestSpan spans[G_N_ELEMENTS (sentences)];
  g_autofree char *wav = co_test_espeak_write (dir, "speech.wav", sentences,
                                               G_N_ELEMENTS (sentences), LEAD, GAP, spans);
  g_autoptr(CoTranscriber) transcriber = NULL;
  g_autoptr(CoTranscript) transcript = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GError) error = NULL;
  CoCueRules rules;
  double precision, recall;
  Score score;

  if (wav == NULL)
    {
      g_test_skip ("espeak-ng or sox could not generate the test speech");
      return;
    }
  /* The silences between the sentences, as the analysis finds them for
   * the app and the command line. */
  transcriber = co_transcriber_new (NULL);
  for (gsize i = 0; i + 1 < G_N_ELEMENTS (sentences); i++)
    co_transcriber_add_silence (transcriber, spans[i].end, spans[i + 1].start);
  transcript = co_transcriber_transcribe (transcriber, wav, NULL, &error);
  g_assert_no_error (error);
  co_cue_rules_init (&rules);
  cues = co_timeline_build_cues (co_transcript_get_words (transcript), &rules, NULL, &error);
  g_assert_no_error (error);

  score = score_flags (cues);
  precision = (double) score.flagged_wrong / MAX (score.flagged, 1);
  recall = (double) score.flagged_wrong / MAX (score.wrong, 1);
  g_test_message ("%u cues, %u wrong; %u flagged: precision %.2f, recall %.2f (flagging every"
                  " cue: precision %.2f)", score.cues, score.wrong, score.flagged, precision,
                  recall, (double) score.wrong / MAX (score.cues, 1));
  g_assert_cmpuint (score.cues, >=, G_N_ELEMENTS (sentences) * 3 / 4);
  g_assert_cmpuint (score.wrong, <, score.cues);
  g_assert_cmpfloat (precision, >=, MIN_PRECISION);
  g_assert_cmpfloat (recall, >=, MIN_RECALL);
  /* The flag tells more than flagging everything would. */
  g_assert_cmpfloat (precision, >, (double) score.wrong / score.cues);
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/media/speech/confidence/flags-mark-wrong-cues", test_flags_mark_wrong_cues);

  return g_test_run ();
}
