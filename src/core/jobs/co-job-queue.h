/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-job.h"
#include "co-store.h"

G_BEGIN_DECLS

/* At most this many jobs run at once unless set otherwise. */
#define CO_JOB_QUEUE_DEFAULT_MAX_RUNNING 2

/**
 * CoJobRunFunc:
 * @job: the job; report with co_job_set_progress(), stop when its
 *   cancellable is cancelled
 * @params: the job's parameters as JSON text
 * @user_data: the data given at registration
 * @error: return location for a #GError
 *
 * Does a job's work.  Runs in a worker thread: it must not touch widgets, and
 * must be safe to run again from the start if a crash cut it short.
 *
 * Returns: %TRUE on success
 */
typedef gboolean (*CoJobRunFunc) (CoJob       *job,
                                  const char  *params,
                                  gpointer     user_data,
                                  GError     **error);

#define CO_TYPE_JOB_QUEUE (co_job_queue_get_type ())
G_DECLARE_FINAL_TYPE (CoJobQueue, co_job_queue, CO, JOB_QUEUE, GObject)

CoJobQueue *co_job_queue_new             (CoStore        *store,
                                          guint           max_running);
void        co_job_queue_register        (CoJobQueue     *self,
                                          const char     *kind,
                                          CoJobRunFunc    run,
                                          gpointer        user_data,
                                          GDestroyNotify  destroy);
CoJob      *co_job_queue_submit          (CoJobQueue     *self,
                                          const char     *kind,
                                          const char     *title,
                                          const char     *params,
                                          GError        **error);
guint       co_job_queue_resume          (CoJobQueue     *self,
                                          GError        **error);
guint       co_job_queue_get_max_running (CoJobQueue     *self);
void        co_job_queue_set_max_running (CoJobQueue     *self,
                                          guint           max_running);
guint       co_job_queue_get_n_running   (CoJobQueue     *self);
void        co_job_queue_shutdown        (CoJobQueue     *self);

G_END_DECLS
