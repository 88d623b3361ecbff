/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-analysis.h"
#include "co-cue-builder.h"
#include "co-export.h"
#include "co-job.h"
#include "co-probe.h"
#include "co-store.h"
#include "co-timeline.h"

G_BEGIN_DECLS

/* The rate an audio-only file is counted in when no rate is asked for. */
#define CO_TIMELINE_BUILD_AUDIO_RATE CO_RATE_INIT (25, 1)

/* What co_timeline_build_transcribe() keeps in the store. */
#define CO_TRANSCRIPT_RESULT_KIND "transcript"

/* The edited subtitles of a file, kept by co_timeline_build_save_subtitles(). */
#define CO_SUBTITLES_RESULT_KIND "subtitles"

/* The job kind that co_export_job_run() does. */
#define CO_EXPORT_JOB_KIND "export"

/**
 * CoTimelineBuildFlags:
 * @CO_TIMELINE_BUILD_NONE: keep the whole source, add no markers
 * @CO_TIMELINE_BUILD_CUT_SILENCES: keep only what lies outside the suggested
 *   cuts (the analysis's cut-out/cut-in pairs, which keep the padding next
 *   to the words); pauses kept as intentional stay in
 * @CO_TIMELINE_BUILD_MARKERS: add a marker for every edit suggestion, with
 *   its reason: scene changes, intentional pauses and, when silences are not
 *   cut, the suggested cuts
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

/**
 * CoExportOptions:
 * @format: what to write
 * @flags: what goes into the timeline
 * @rate: the rate to count in; `{ 0, 0 }` for the source's
 * @params: the analysis parameters, for cuts and markers
 * @rules: the subtitle rules, for SRT and WebVTT made from speech
 *
 * Everything an export needs besides the file.  Fill with
 * co_export_options_init() and change what differs.
 */
typedef struct
{
  CoExportFormat        format;
  CoTimelineBuildFlags  flags;
  CoRate                rate;
  CoAnalysisParams      params;
  CoCueRules            rules;
} CoExportOptions;

void        co_export_options_init        (CoExportOptions       *options,
                                           CoExportFormat         format);
CoTimeline *co_timeline_build_for_export  (CoStore               *store,
                                           const char            *path,
                                           const CoExportOptions *options,
                                           CoProgressFunc         progress,
                                           gpointer               user_data,
                                           GCancellable          *cancellable,
                                           GError               **error);
GPtrArray  *co_timeline_build_load_subtitles (CoStore            *store,
                                           const char            *path,
                                           GError               **error);
gboolean    co_timeline_build_save_subtitles (CoStore            *store,
                                           const char            *path,
                                           GPtrArray             *cues,
                                           GError               **error);
char       *co_export_job_params          (const char            *path,
                                           const CoExportOptions *options,
                                           const char            *output,
                                           gboolean               overwrite);
gboolean    co_export_job_run             (CoJob                 *job,
                                           const char            *params_json,
                                           gpointer               store,
                                           GError               **error);

CoRate      co_timeline_build_source_rate (const CoMediaInfo     *info);
CoTimeline *co_timeline_build             (const char            *path,
                                           const CoMediaInfo     *info,
                                           const CoAnalysis      *analysis,
                                           CoRate                 rate,
                                           CoTimelineBuildFlags   flags,
                                           GError               **error);
GPtrArray  *co_timeline_build_cues        (GPtrArray             *words,
                                           const CoCueRules      *rules,
                                           GError               **error);
gboolean    co_timeline_build_add_cues    (CoTimeline            *timeline,
                                           GPtrArray             *words,
                                           const CoCueRules      *rules,
                                           GError               **error);
GPtrArray  *co_timeline_build_transcribe  (CoStore               *store,
                                           const char            *path,
                                           const CoAnalysis      *analysis,
                                           gboolean              *out_cached,
                                           CoProgressFunc         progress,
                                           gpointer               user_data,
                                           GCancellable          *cancellable,
                                           GError               **error);

G_END_DECLS
