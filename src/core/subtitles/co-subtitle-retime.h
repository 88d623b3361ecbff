/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "co-timecode.h"

G_BEGIN_DECLS

/**
 * CoSubtitleRetimeKind:
 * @CO_SUBTITLE_RETIME_SHIFT: move every cue by the same amount
 * @CO_SUBTITLE_RETIME_MAP: the linear map that takes two times to two others
 * @CO_SUBTITLE_RETIME_CONFORM: a speed change from one frame rate to another
 *
 * The three ways of re-timing subtitles that people ask for.
 */
typedef enum
{
  CO_SUBTITLE_RETIME_SHIFT,
  CO_SUBTITLE_RETIME_MAP,
  CO_SUBTITLE_RETIME_CONFORM,
} CoSubtitleRetimeKind;

/**
 * CoSubtitleRetime:
 * @kind: which re-timing
 * @times: for %CO_SUBTITLE_RETIME_SHIFT the amount in @times[0]; for %CO_SUBTITLE_RETIME_MAP the
 *   first time, its target, the second time and its target, in microseconds
 * @from: for %CO_SUBTITLE_RETIME_CONFORM, the rate the cues were timed for
 * @to: for %CO_SUBTITLE_RETIME_CONFORM, the rate the frames now play at
 *
 * A re-timing read from what a person typed, before any file is touched.
 */
typedef struct
{
  CoSubtitleRetimeKind kind;
  gint64       times[4];
  CoRate       from;
  CoRate       to;
} CoSubtitleRetime;

gboolean    co_subtitle_retime_parse_shift    (CoSubtitleRetime        *retime,
                                               const char              *delta,
                                               GError                 **error);
gboolean    co_subtitle_retime_parse_map      (CoSubtitleRetime        *retime,
                                               const char              *from_a,
                                               const char              *to_a,
                                               const char              *from_b,
                                               const char              *to_b,
                                               GError                 **error);
gboolean    co_subtitle_retime_parse_conform  (CoSubtitleRetime        *retime,
                                               const char              *from,
                                               const char              *to,
                                               GError                 **error);
gboolean    co_subtitle_retime_apply          (const CoSubtitleRetime  *retime,
                                               GPtrArray               *cues,
                                               GError                 **error);
const char *co_subtitle_retime_kind_to_string (CoSubtitleRetimeKind     kind);

G_END_DECLS
