/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "co-subtitle.h"
#include "co-timecode.h"

G_BEGIN_DECLS

/**
 * CoCueRules:
 * @max_chars_per_line: characters per line, at most (42)
 * @max_lines: lines per cue, at most (2)
 * @min_duration_us: time on screen, at least (5/6 s, rounded up to 833334 µs)
 * @max_duration_us: time on screen, at most (7 s)
 * @max_cps: reading speed in characters per second, at most (17)
 * @min_gap_frames: frames between two cues, at least (2)
 * @rate: the frame rate @min_gap_frames counts in (25)
 * @pause_us: a silence between words at least this long ends a cue (0.5 s);
 *   used by the cue builder only
 * @flag_below: cues whose confidence is below this are flagged (0.15)
 *
 * The broadcast rules the cue builder follows and the QA check reports.
 * Fill with co_cue_rules_init() and change what differs.
 */
typedef struct
{
  int     max_chars_per_line;
  int     max_lines;
  gint64  min_duration_us;
  gint64  max_duration_us;
  double  max_cps;
  int     min_gap_frames;
  CoRate  rate;
  gint64  pause_us;
  double  flag_below;
} CoCueRules;

/**
 * CoCueRule:
 * @CO_CUE_RULE_EMPTY: the cue has no text
 * @CO_CUE_RULE_LINE_LENGTH: a line is too long
 * @CO_CUE_RULE_LINE_COUNT: the cue has too many lines
 * @CO_CUE_RULE_MIN_DURATION: the cue is too short on screen
 * @CO_CUE_RULE_MAX_DURATION: the cue is too long on screen
 * @CO_CUE_RULE_READING_SPEED: the cue is too fast to read
 * @CO_CUE_RULE_ORDER: the cue starts before the previous one
 * @CO_CUE_RULE_OVERLAP: the cue starts before the previous one ends
 * @CO_CUE_RULE_GAP: the gap to the previous cue is too short
 * @CO_CUE_RULE_LOW_CONFIDENCE: the cue is flagged or its confidence is low
 *
 * The rules the QA check reports, one id each.
 */
typedef enum
{
  CO_CUE_RULE_EMPTY,
  CO_CUE_RULE_LINE_LENGTH,
  CO_CUE_RULE_LINE_COUNT,
  CO_CUE_RULE_MIN_DURATION,
  CO_CUE_RULE_MAX_DURATION,
  CO_CUE_RULE_READING_SPEED,
  CO_CUE_RULE_ORDER,
  CO_CUE_RULE_OVERLAP,
  CO_CUE_RULE_GAP,
  CO_CUE_RULE_LOW_CONFIDENCE,
} CoCueRule;

/**
 * CoCueProblem:
 * @cue_index: the 0-based index of the cue in the list
 * @rule: the rule broken
 * @message: a sentence for people, naming the cue (1-based) and the values
 */
typedef struct
{
  guint      cue_index;
  CoCueRule  rule;
  char      *message;
} CoCueProblem;

void        co_cue_rules_init        (CoCueRules        *rules);
gint64      co_cue_rules_get_gap_us  (const CoCueRules  *rules);
const char *co_cue_rule_to_string    (CoCueRule          rule);
void        co_cue_problem_free      (CoCueProblem      *problem);
GPtrArray  *co_subtitle_check        (GPtrArray         *cues,
                                      const CoCueRules  *rules);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoCueProblem, co_cue_problem_free)

G_END_DECLS
