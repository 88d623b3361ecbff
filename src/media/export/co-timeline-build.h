/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-analysis.h"
#include "co-cue-builder.h"
#include "co-probe.h"
#include "co-speech-word.h"
#include "co-timeline.h"

G_BEGIN_DECLS

/* The rate an audio-only file is counted in when no rate is asked for. */
#define CO_TIMELINE_BUILD_AUDIO_RATE CO_RATE_INIT (25, 1)

/**
 * CoTimelineBuildFlags:
 * @CO_TIMELINE_BUILD_NONE: keep the whole source, add no markers
 * @CO_TIMELINE_BUILD_CUT_SILENCES: keep only what lies outside the suggested
 *   cuts (the analysis's cut-out/cut-in pairs, which keep the padding next
 *   to the words); pauses kept as intentional stay in
 * @CO_TIMELINE_BUILD_MARKERS: add a marker for every edit suggestion, with
 *   its reason: scene changes, intentional pauses and the cuts (suggested,
 *   over the silence; or, when silences are cut, made, at the jump)
 * @CO_TIMELINE_BUILD_CHAPTERS: add a chapter marker at every scene change,
 *   which the YouTube chapters export then uses instead of all markers
 *
 * What co_timeline_build() puts into the timeline.
 */
typedef enum
{
  CO_TIMELINE_BUILD_NONE         = 0,
  CO_TIMELINE_BUILD_CUT_SILENCES = 1 << 0,
  CO_TIMELINE_BUILD_MARKERS      = 1 << 1,
  CO_TIMELINE_BUILD_CHAPTERS     = 1 << 2,
} CoTimelineBuildFlags;

CoRate      co_timeline_build_source_rate (const CoMediaInfo     *info);
CoTimeline *co_timeline_build             (const char            *path,
                                           const CoMediaInfo     *info,
                                           const CoAnalysis      *analysis,
                                           CoRate                 rate,
                                           CoTimelineBuildFlags   flags,
                                           GError               **error);
GPtrArray  *co_timeline_build_cues        (GPtrArray             *words,
                                           const CoCueRules      *rules,
                                           GHashTable            *names,
                                           GError               **error);
gboolean    co_timeline_build_add_cues    (CoTimeline            *timeline,
                                           GPtrArray             *words,
                                           const CoCueRules      *rules,
                                           GHashTable            *names,
                                           GError               **error);

G_END_DECLS
