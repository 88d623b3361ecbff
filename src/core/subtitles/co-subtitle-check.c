/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-subtitle-check.h"

/**
 * co_cue_rules_init:
 * @rules: (out caller-allocates): the rules to fill
 *
 * Fills @rules with the broadcast defaults: 42 characters per line, 2 lines,
 * 5/6 s to 7 s on screen, 17 characters per second, 2 frames at 25 fps
 * between cues, cues ending at pauses of 0.5 s, flagged below 0.15.
 *
 * A cue's confidence is the chance that all its words are right (see
 * co_cue_builder_build()).  0.15 was calibrated on espeak-ng speech of
 * everyday sentences and of names PocketSphinx cannot know
 * (tests/media/speech/test-speech-confidence.c): there the flags find
 * nearly every wrong cue and few right ones.
 */
void
co_cue_rules_init (CoCueRules *rules)
{
  g_return_if_fail (rules != NULL);

  rules->max_chars_per_line = 42;
  rules->max_lines = 2;
  rules->min_duration_us = (5 * CO_USEC_PER_SEC + 5) / 6;
  rules->max_duration_us = 7 * CO_USEC_PER_SEC;
  rules->max_cps = 17.0;
  rules->min_gap_frames = 2;
  rules->rate = CO_RATE_INIT (25, 1);
  rules->pause_us = CO_USEC_PER_SEC / 2;
  rules->flag_below = 0.15;
}

/**
 * co_cue_rules_get_gap_us:
 * @rules: the rules
 *
 * Returns: the shortest allowed gap between cues, in whole milliseconds
 *   (rounded up, so it survives SRT and WebVTT), in microseconds
 */
gint64
co_cue_rules_get_gap_us (const CoCueRules *rules)
{
  gint64 us;

  g_return_val_if_fail (rules != NULL, 0);

  us = co_time_scale (rules->min_gap_frames,
                      (gint64) rules->rate.den * CO_USEC_PER_SEC, rules->rate.num);
  return (us + 999) / 1000 * 1000;
}

/**
 * co_cue_rule_to_string:
 * @rule: a rule
 *
 * Returns: the rule's stable id for scripts, such as "line-length"
 */
const char *
co_cue_rule_to_string (CoCueRule rule)
{
  static const char * const names[] = {
    "empty", "line-length", "line-count", "min-duration", "max-duration",
    "reading-speed", "order", "overlap", "gap", "low-confidence",
  };

  g_return_val_if_fail ((guint) rule < G_N_ELEMENTS (names), NULL);
  return names[rule];
}

/**
 * co_cue_problem_free:
 * @problem: (nullable): a problem
 *
 * Frees @problem.
 */
void
co_cue_problem_free (CoCueProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

G_GNUC_PRINTF (4, 5)
static void
report (GPtrArray  *problems,
        guint       index,
        CoCueRule   rule,
        const char *format,
        ...)
{
  CoCueProblem *problem = g_new0 (CoCueProblem, 1);
  va_list args;

  va_start (args, format);
  problem->cue_index = index;
  problem->rule = rule;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}

static void
check_lines (GPtrArray        *problems,
             guint             i,
             const CoCue      *cue,
             const CoCueRules *rules)
{
  g_auto(GStrv) lines = co_cue_dup_lines (cue);
  guint n = g_strv_length (lines);

  if (co_cue_count_chars (cue) == 0)
    report (problems, i, CO_CUE_RULE_EMPTY, _("Cue %u has no text."), i + 1);
  if ((int) n > rules->max_lines)
    report (problems, i, CO_CUE_RULE_LINE_COUNT,
            _("Cue %u has %u lines; at most %d are allowed."), i + 1, n, rules->max_lines);
  for (guint l = 0; l < n; l++)
    {
      glong chars = g_utf8_strlen (lines[l], -1);

      if (chars > rules->max_chars_per_line)
        report (problems, i, CO_CUE_RULE_LINE_LENGTH,
                _("Line %u of cue %u has %ld characters; at most %d are allowed."),
                l + 1, i + 1, chars, rules->max_chars_per_line);
    }
}

static void
check_timing (GPtrArray        *problems,
              guint             i,
              const CoCue      *cue,
              const CoCueRules *rules)
{
  gint64 duration = cue->end_us - cue->start_us;
  glong chars = co_cue_count_chars (cue);

  if (duration < rules->min_duration_us)
    report (problems, i, CO_CUE_RULE_MIN_DURATION,
            _("Cue %u is on screen for %.3f s; at least %.3f s are needed."),
            i + 1, duration / 1e6, rules->min_duration_us / 1e6);
  if (duration > rules->max_duration_us)
    report (problems, i, CO_CUE_RULE_MAX_DURATION,
            _("Cue %u is on screen for %.3f s; at most %.3f s are allowed."),
            i + 1, duration / 1e6, rules->max_duration_us / 1e6);
  if (duration > 0 && chars * 1e6 > rules->max_cps * duration + 1e-6)
    report (problems, i, CO_CUE_RULE_READING_SPEED,
            _("Cue %u needs %.1f characters per second; at most %.1f are allowed."),
            i + 1, chars * 1e6 / duration, rules->max_cps);
  if (cue->flagged || cue->confidence < rules->flag_below)
    report (problems, i, CO_CUE_RULE_LOW_CONFIDENCE,
            _("Cue %u has a low confidence (%.2f); check its text."), i + 1, cue->confidence);
}

static void
check_neighbours (GPtrArray        *problems,
                  guint             i,
                  const CoCue      *prev,
                  const CoCue      *cue,
                  const CoCueRules *rules)
{
  gint64 gap = cue->start_us - prev->end_us;
  gint64 min_gap = co_cue_rules_get_gap_us (rules);

  if (cue->start_us < prev->start_us)
    report (problems, i, CO_CUE_RULE_ORDER,
            _("Cue %u starts before cue %u; sort the cues by time."), i + 1, i);
  else if (gap < 0)
    report (problems, i, CO_CUE_RULE_OVERLAP,
            _("Cue %u starts %.3f s before cue %u ends."), i + 1, -gap / 1e6, i);
  else if (gap < min_gap)
    report (problems, i, CO_CUE_RULE_GAP,
            _("Cue %u starts %.3f s after cue %u; at least %d frames (%.3f s) are needed."),
            i + 1, gap / 1e6, i, rules->min_gap_frames, min_gap / 1e6);
}

/**
 * co_subtitle_check:
 * @cues: (element-type CoCue): the cues, in order
 * @rules: the rules to check
 *
 * Reports every rule each cue breaks: the QA check behind
 * `creatorops-cli subtitles check`.  The gap is checked in whole
 * milliseconds rounded up, as subtitle files store it.
 *
 * Returns: (transfer full) (element-type CoCueProblem): the problems, in
 *   cue order; empty if there are none
 */
GPtrArray *
co_subtitle_check (GPtrArray        *cues,
                   const CoCueRules *rules)
{
  GPtrArray *problems;

  g_return_val_if_fail (cues != NULL, NULL);
  g_return_val_if_fail (rules != NULL && co_rate_is_valid (rules->rate), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) co_cue_problem_free);
  for (guint i = 0; i < cues->len; i++)
    {
      const CoCue *cue = g_ptr_array_index (cues, i);

      check_lines (problems, i, cue, rules);
      check_timing (problems, i, cue, rules);
      if (i > 0)
        check_neighbours (problems, i, g_ptr_array_index (cues, i - 1), cue, rules);
    }
  return problems;
}
