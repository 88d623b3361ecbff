/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-importer.h"
#include "co-job.h"

G_BEGIN_DECLS

/* The job kind that co_import_job_run() does. */
#define CO_IMPORT_JOB_KIND "import"

char      *co_import_job_params      (const char * const     *paths,
                                      const CoImportOptions  *options);
gboolean   co_import_job_run         (CoJob                  *job,
                                      const char             *params_json,
                                      gpointer                vault,
                                      GError                **error);
GPtrArray *co_import_job_get_results (CoJob                  *job);

G_END_DECLS
