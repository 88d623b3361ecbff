/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "co-analysis.h"
#include "co-subtitle-check.h"
#include "co-job.h"
#include "co-store.h"

G_BEGIN_DECLS

/* The job kind that co_subtitles_job_run() does. */
#define CO_SUBTITLES_JOB_KIND "subtitles"

char       *co_subtitles_job_params      (const char              *path,
                                          const CoAnalysisParams  *params,
                                          const CoCueRules        *rules);
void        co_subtitles_job_add_rules   (JsonObject              *object,
                                          const CoCueRules        *rules);
void        co_subtitles_job_read_rules  (const char              *params_json,
                                          CoCueRules              *rules);
char       *co_subtitles_job_dup_path    (const char              *params_json);
gboolean    co_subtitles_job_run         (CoJob                   *job,
                                          const char              *params_json,
                                          gpointer                 store,
                                          GError                 **error);

G_END_DECLS
