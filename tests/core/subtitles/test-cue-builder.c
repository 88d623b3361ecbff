/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-cue-builder.h"
#include "co-export-error.h"
#include "co-subtitle-check.h"
#include "co-test-util.h"

#define MS(x) ((gint64) (x) * 1000)

/* Speech at a steady pace: each word lasts @word_ms, with @gap_ms between
 * words, and a longer pause after a word in @pauses. */
static GArray *
speak (const char * const *words,
       gint64              start_ms,
       gint64              word_ms,
       gint64              gap_ms)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (CoWord));
  gint64 t = start_ms;

  for (guint i = 0; words[i] != NULL; i++)
    {
      CoWord w = { words[i], MS (t), MS (t + word_ms), 0.9 };

      g_array_append_val (out, w);
      t += word_ms + gap_ms;
    }
  return out;
}

static GPtrArray *
build (GArray           *words,
       const CoCueRules *rules)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cues = co_cue_builder_build ((CoWord *) words->data, words->len, rules, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cues);
  return cues;
}

static void
assert_no_problems (GPtrArray        *cues,
                    const CoCueRules *rules)
{
  g_autoptr(GPtrArray) problems = co_subtitle_check (cues, rules);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((CoCueProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_sentences (void)
{
  const char * const words[] = {
    "Hello", "everyone,", "welcome", "back.", "Today", "we", "build", "a", "small", "wooden", "table", "for", "the",
    "garden,", "and", "it", "takes", "about", "an", "hour.", "Let's", "start.", NULL,
  };
  g_autoptr(GArray) speech = speak (words, 1234, 350, 150);
  g_autoptr(GPtrArray) cues = NULL;
  CoCueRules rules;
  const CoCue *first;

  co_cue_rules_init (&rules);
  cues = build (speech, &rules);
  assert_no_problems (cues, &rules);

  first = g_ptr_array_index (cues, 0);
  /* The first cue starts when the speech does, never before. */
  g_assert_cmpint (first->start_us, ==, MS (1234));
  g_assert_cmpstr (first->text, ==, "Hello everyone, welcome back.");
  /* A full cue ends at the comma, not in the middle of the phrase, and
   * its lines are balanced (22 and 28 characters rather than 29 and 21). */
  g_assert_cmpstr (((CoCue *) cues->pdata[1])->text, ==,
                   "Today we build a small\nwooden table for the garden,");
  g_assert_cmpuint (cues->len, >=, 3);
  g_assert_true (g_str_has_suffix (((CoCue *) g_ptr_array_index (cues, cues->len - 1))->text,
                                   "start."));
}

static void
test_pause_breaks (void)
{
  CoWord words[] = {
    { "so", MS (0), MS (300), 1 }, { "we", MS (350), MS (600), 1 },
    { "begin", MS (650), MS (1000), 1 },
    /* A two-second pause. */
    { "then", MS (3000), MS (3300), 1 }, { "we", MS (3350), MS (3600), 1 },
    { "continue", MS (3650), MS (4200), 1 },
  };
  g_autoptr(GPtrArray) cues = NULL;
  CoCueRules rules;

  co_cue_rules_init (&rules);
  cues = co_cue_builder_build (words, G_N_ELEMENTS (words), &rules, NULL);
  g_assert_cmpuint (cues->len, ==, 2);
  g_assert_cmpstr (((CoCue *) g_ptr_array_index (cues, 0))->text, ==, "so we begin");
  g_assert_cmpstr (((CoCue *) g_ptr_array_index (cues, 1))->text, ==, "then we continue");
  g_assert_cmpint (((CoCue *) g_ptr_array_index (cues, 1))->start_us, ==, MS (3000));
  assert_no_problems (cues, &rules);
}

static void
test_balanced_lines (void)
{
  const char * const words[] = {
    "this", "sentence", "is", "long", "enough", "to", "need", "two", "lines", "on", "screen",
    "today", NULL,
  };
  g_autoptr(GArray) speech = speak (words, 0, 200, 20);
  g_autoptr(GPtrArray) cues = NULL;
  g_auto(GStrv) lines = NULL;
  CoCueRules rules;

  co_cue_rules_init (&rules);
  cues = build (speech, &rules);
  g_assert_cmpuint (cues->len, ==, 1);
  lines = co_cue_dup_lines (g_ptr_array_index (cues, 0));
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  /* 68 characters split evenly, not 42 + 25. */
  g_assert_cmpint (ABS ((int) strlen (lines[0]) - (int) strlen (lines[1])), <=, 8);
}

static void
test_low_confidence (void)
{
  CoWord words[] = {
    { "clear", MS (0), MS (500), 0.95 }, { "words.", MS (500), MS (1000), 0.9 },
    { "mumbled", MS (3000), MS (3500), 0.1 }, { "words.", MS (3500), MS (4000), 0.8 },
  };
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  CoCueRules rules;
  const CoCue *a, *b;

  co_cue_rules_init (&rules);
  cues = co_cue_builder_build (words, G_N_ELEMENTS (words), &rules, NULL);
  g_assert_cmpuint (cues->len, ==, 2);
  a = g_ptr_array_index (cues, 0);
  b = g_ptr_array_index (cues, 1);
  /* A cue's confidence is the chance that all its words are right. */
  g_assert_false (a->flagged);
  g_assert_cmpfloat_with_epsilon (a->confidence, 0.95 * 0.9, 1e-9);
  g_assert_true (b->flagged);
  g_assert_cmpfloat_with_epsilon (b->confidence, 0.1 * 0.8, 1e-9);

  problems = co_subtitle_check (cues, &rules);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (co_cue_rule_to_string (((CoCueProblem *) problems->pdata[0])->rule), ==,
                   "low-confidence");
}

static void
test_configurable (void)
{
  const char * const words[] = { "one", "two", "three", "four", "five", "six", NULL };
  g_autoptr(GArray) speech = speak (words, 0, 800, 150);
  g_autoptr(GPtrArray) cues = NULL;
  CoCueRules rules;

  co_cue_rules_init (&rules);
  rules.max_chars_per_line = 9;
  rules.max_lines = 1;
  cues = build (speech, &rules);
  for (guint i = 0; i < cues->len; i++)
    g_assert_cmpint (g_utf8_strlen (((CoCue *) cues->pdata[i])->text, -1), <=, 9);
  /* "three four" would be 10 characters. */
  g_assert_cmpuint (cues->len, ==, 4);
  g_assert_cmpstr (((CoCue *) cues->pdata[1])->text, ==, "three");
  g_assert_cmpstr (((CoCue *) cues->pdata[2])->text, ==, "four five");
  assert_no_problems (cues, &rules);
}

static void
test_invalid (void)
{
  CoWord reversed[] = { { "a", MS (500), MS (100), 1 } };
  CoWord unordered[] = { { "a", MS (500), MS (600), 1 }, { "b", MS (100), MS (200), 1 } };
  CoWord empty[] = { { "", MS (0), MS (100), 1 } };
  g_autoptr(GError) error = NULL;
  CoCueRules rules;

  co_cue_rules_init (&rules);
  g_assert_null (co_cue_builder_build (reversed, 1, &rules, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (co_cue_builder_build (unordered, 2, &rules, &error));
  g_assert_nonnull (strstr (error->message, "Word 2"));
  g_clear_error (&error);
  g_assert_null (co_cue_builder_build (empty, 1, &rules, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  rules.max_lines = 0;
  g_assert_null (co_cue_builder_build (empty, 0, &rules, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
}

static gboolean
has_rule (GPtrArray *problems,
          guint      index,
          CoCueRule  rule)
{
  for (guint i = 0; i < problems->len; i++)
    {
      CoCueProblem *p = g_ptr_array_index (problems, i);

      if (p->cue_index == index && p->rule == rule)
        return TRUE;
    }
  return FALSE;
}

/* Each cue breaks one rule; the check names every one. */
static void
test_check_rules (void)
{
  g_autoptr(GPtrArray) cues = co_cue_list_new ();
  g_autoptr(GPtrArray) problems = NULL;
  CoCueRules rules;
  CoCue *low;

  co_cue_rules_init (&rules);
  g_ptr_array_add (cues, co_cue_new (MS (0), MS (2000), "fine"));
  g_ptr_array_add (cues, co_cue_new (MS (3000), MS (3500), "short"));
  g_ptr_array_add (cues, co_cue_new (MS (4000), MS (12000), "long"));
  g_ptr_array_add (cues, co_cue_new (MS (13000), MS (14000),
                                     "far too many characters for one second here"));
  g_ptr_array_add (cues, co_cue_new (MS (20000), MS (23000), "a\nb\nc"));
  g_ptr_array_add (cues, co_cue_new (MS (23020), MS (25000), "gap"));
  g_ptr_array_add (cues, co_cue_new (MS (24000), MS (26000), "overlap"));
  g_ptr_array_add (cues, co_cue_new (MS (1000), MS (3000), "order"));
  g_ptr_array_add (cues, co_cue_new (MS (40000), MS (44000),
                                     "a line that is much longer than forty-two characters"));
  low = co_cue_new (MS (50000), MS (52000), "unsure");
  low->confidence = 0.1;
  g_ptr_array_add (cues, low);
  g_ptr_array_add (cues, co_cue_new (MS (60000), MS (62000), ""));

  problems = co_subtitle_check (cues, &rules);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((CoCueProblem *) problems->pdata[i])->message);
  g_assert_false (has_rule (problems, 0, CO_CUE_RULE_MIN_DURATION));
  g_assert_true (has_rule (problems, 1, CO_CUE_RULE_MIN_DURATION));
  g_assert_true (has_rule (problems, 2, CO_CUE_RULE_MAX_DURATION));
  g_assert_true (has_rule (problems, 3, CO_CUE_RULE_READING_SPEED));
  g_assert_true (has_rule (problems, 3, CO_CUE_RULE_LINE_LENGTH));
  g_assert_true (has_rule (problems, 4, CO_CUE_RULE_LINE_COUNT));
  g_assert_true (has_rule (problems, 5, CO_CUE_RULE_GAP));
  g_assert_true (has_rule (problems, 6, CO_CUE_RULE_OVERLAP));
  g_assert_true (has_rule (problems, 7, CO_CUE_RULE_ORDER));
  g_assert_true (has_rule (problems, 8, CO_CUE_RULE_LINE_LENGTH));
  g_assert_true (has_rule (problems, 9, CO_CUE_RULE_LOW_CONFIDENCE));
  g_assert_true (has_rule (problems, 10, CO_CUE_RULE_EMPTY));
  g_assert_cmpstr (co_cue_rule_to_string (CO_CUE_RULE_READING_SPEED), ==, "reading-speed");
}

static const char * const vocabulary[] = {
  "I", "think", "that", "the", "light", "is", "better", "over", "here,", "isn't", "it?",
  "Absolutely.", "We", "should", "move", "camera", "two", "closer", "to", "window", "…",
  "extraordinarily", "quick", "a", "café", "naïve", "日本語",
};

/* Random speech: words of random length and pace, occasional pauses. */
static GArray *
random_speech (GRand *rand)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (CoWord));
  int n = g_rand_int_range (rand, 1, 120);
  gint64 t = g_rand_int_range (rand, 0, 5000000);

  for (int i = 0; i < n; i++)
    {
      CoWord w;

      w.text = vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))];
      w.start_us = t;
      w.end_us = t + g_rand_int_range (rand, 80000, 900000);
      w.confidence = g_rand_double (rand);
      g_array_append_val (words, w);
      t = w.end_us + (g_rand_int_range (rand, 0, 10) == 0 ? g_rand_int_range (rand, 0, 3000000)
                                                          : g_rand_int_range (rand, 0, 150000));
    }
  return words;
}

/* Checks that the cues hold exactly the words, in order, and that each cue
 * starts no earlier than its first word. */
static void
assert_words_covered (GPtrArray *cues,
                      GArray    *words)
{
  guint w = 0;

  for (guint i = 0; i < cues->len; i++)
    {
      const CoCue *cue = g_ptr_array_index (cues, i);
      g_autofree char *flat = g_strdup (cue->text);
      g_auto(GStrv) parts = NULL;

      g_strdelimit (flat, "\n", ' ');
      parts = g_strsplit (flat, " ", -1);
      g_assert_cmpint (cue->start_us, >=, g_array_index (words, CoWord, w).start_us);
      for (guint k = 0; parts[k] != NULL; k++, w++)
        g_assert_cmpstr (parts[k], ==, g_array_index (words, CoWord, w).text);
    }
  g_assert_cmpuint (w, ==, words->len);
}

/* Property: for random speech and random rules, the cues never overlap,
 * keep the gap, never start before their speech, respect line length,
 * line count and maximum duration, and reach the minimum duration unless
 * the next cue leaves no room. */
static void
test_property_rules (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  CoRate fps[] = { CO_RATE_INIT (25, 1), CO_RATE_INIT (24000, 1001), CO_RATE_INIT (30000, 1001) };

  for (int n = 0; n < 200; n++)
    {
      g_autoptr(GArray) words = random_speech (rand);
      g_autoptr(GPtrArray) cues = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      CoCueRules rules;

      co_cue_rules_init (&rules);
      rules.max_chars_per_line = g_rand_int_range (rand, 16, 50);
      rules.max_lines = g_rand_int_range (rand, 1, 4);
      rules.rate = fps[g_rand_int_range (rand, 0, G_N_ELEMENTS (fps))];
      cues = build (words, &rules);
      assert_words_covered (cues, words);

      problems = co_subtitle_check (cues, &rules);
      for (guint i = 0; i < problems->len; i++)
        {
          CoCueProblem *p = g_ptr_array_index (problems, i);
          const CoCue *cue = g_ptr_array_index (cues, p->cue_index);
          gboolean next_too_close = p->cue_index + 1 < cues->len &&
            ((CoCue *) cues->pdata[p->cue_index + 1])->start_us - cue->end_us <=
            co_cue_rules_get_gap_us (&rules);
          gboolean long_word = strchr (cue->text, ' ') == NULL;

          switch (p->rule)
            {
            case CO_CUE_RULE_LOW_CONFIDENCE:
              g_assert_true (cue->flagged);
              break;
            case CO_CUE_RULE_MIN_DURATION:
            case CO_CUE_RULE_READING_SPEED:
              /* Only allowed where the next cue follows right after. */
              g_assert_true (next_too_close);
              break;
            case CO_CUE_RULE_LINE_LENGTH:
              /* Only a single word too long for any line. */
              g_assert_true (long_word);
              break;
            default:
              g_error ("seed case %d: unexpected problem: %s", n, p->message);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/cue-builder/sentences", test_sentences);
  g_test_add_func ("/core/cue-builder/pause-breaks", test_pause_breaks);
  g_test_add_func ("/core/cue-builder/balanced-lines", test_balanced_lines);
  g_test_add_func ("/core/cue-builder/low-confidence", test_low_confidence);
  g_test_add_func ("/core/cue-builder/configurable", test_configurable);
  g_test_add_func ("/core/cue-builder/invalid", test_invalid);
  g_test_add_func ("/core/cue-builder/check-rules", test_check_rules);
  g_test_add_func ("/core/cue-builder/property/rules", test_property_rules);

  return g_test_run ();
}
