/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-analysis.h"
#include "co-cue-builder.h"
#include "co-export.h"
#include "co-export-media.h"
#include "co-job.h"
#include "co-store.h"
#include "co-timeline-build.h"

G_BEGIN_DECLS

/* The job kind that co_export_job_run() does. */
#define CO_EXPORT_JOB_KIND "export"

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
CoTimeline *co_export_job_build_timeline  (CoStore               *store,
                                           const CoExportSource  *source,
                                           const CoExportOptions *options,
                                           CoProgressFunc         progress,
                                           gpointer               user_data,
                                           GCancellable          *cancellable,
                                           GError               **error);
char       *co_export_job_params          (const CoExportSource  *source,
                                           const CoExportOptions *options,
                                           const char            *output,
                                           gboolean               overwrite);
gboolean    co_export_job_run             (CoJob                 *job,
                                           const char            *params_json,
                                           gpointer               store,
                                           GError               **error);

G_END_DECLS
