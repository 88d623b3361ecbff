/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-assets.h"
#include "co-job.h"

G_BEGIN_DECLS

/* The job kind that co_verify_job_run() does. */
#define CO_VERIFY_JOB_KIND "verify"

char      *co_verify_job_params       (void);
gboolean   co_verify_job_run          (CoJob       *job,
                                       const char  *params_json,
                                       gpointer     store,
                                       GError     **error);
GPtrArray *co_verify_job_get_problems (CoJob       *job);

G_END_DECLS
