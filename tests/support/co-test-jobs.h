/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-job-queue.h"

G_BEGIN_DECLS

/**
 * CoTestJobKind:
 * @store: the store whose queue runs the job
 * @kind: the job kind
 * @run: its runner
 * @run_data: (nullable): the runner's data, borrowed
 *
 * One job kind as its test drives it through a real #CoJobQueue.
 */
typedef struct
{
  CoStore      *store;
  const char   *kind;
  CoJobRunFunc  run;
  gpointer      run_data;
} CoTestJobKind;

CoJob *co_test_jobs_run             (const CoTestJobKind *kind,
                                     const char          *params);
CoJob *co_test_jobs_cancel_running  (const CoTestJobKind *kind,
                                     const char          *params);
CoJob *co_test_jobs_resume_restart  (const CoTestJobKind *kind,
                                     const char          *params);
void   co_test_jobs_free_queue      (CoJobQueue          *queue);
gboolean co_test_jobs_hold_run      (CoJob               *job,
                                     const char          *params,
                                     gpointer             user_data,
                                     GError             **error);
void   co_test_jobs_release_holds   (void);
void   co_test_jobs_keep_holds      (void);

G_END_DECLS
