/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-analysis.h"
#include "co-job.h"

G_BEGIN_DECLS

/* The job kind that co_analysis_job_run() does. */
#define CO_ANALYSIS_JOB_KIND "analyze"

char     *co_analysis_job_params      (const char              *path,
                                       const CoAnalysisParams  *params);
gboolean  co_analysis_job_read_params (const char              *params_json,
                                       char                   **out_path,
                                       CoAnalysisParams        *params);
gboolean  co_analysis_job_run         (CoJob                   *job,
                                       const char              *params_json,
                                       gpointer                 store,
                                       GError                 **error);

G_END_DECLS
