/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-job.h"
#include "co-transcode.h"

G_BEGIN_DECLS

/* The job kind that co_transcode_job_run() does. */
#define CO_TRANSCODE_JOB_KIND "transcode"

char     *co_transcode_job_params (const char         *input,
                                   const char         *output,
                                   CoTranscodeTarget   target,
                                   gboolean            overwrite);
gboolean  co_transcode_job_run    (CoJob              *job,
                                   const char         *params_json,
                                   gpointer            user_data,
                                   GError            **error);

G_END_DECLS
