/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-analysis.h"
#include "co-job-queue.h"
#include "co-vault.h"

G_BEGIN_DECLS

/* How long quitting waits for running jobs to stop before it lets go. */
#define CO_APP_JOBS_SHUTDOWN_TIMEOUT_MS 5000

CoJobQueue *co_app_jobs_new_queue        (CoVault                 *vault,
                                          GSettings               *settings);
void        co_app_jobs_shutdown         (CoJobQueue              *queue,
                                          guint                    timeout_ms);
void        co_app_jobs_default_params   (GSettings               *settings,
                                          CoVaultType              type,
                                          CoAnalysisParams        *params);
gboolean    co_app_jobs_can_analyse      (CoVaultItem             *item);
char       *co_app_jobs_dup_media_path   (CoStore                 *store,
                                          CoVaultItem             *item);
CoJob      *co_app_jobs_submit_analysis  (CoJobQueue              *queue,
                                          CoStore                 *store,
                                          CoVaultItem             *item,
                                          const CoAnalysisParams  *params,
                                          GError                 **error);
CoJob      *co_app_jobs_find_analysis    (CoJobQueue              *queue,
                                          const char              *job_params);

G_END_DECLS
