/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-progress.h"

G_BEGIN_DECLS

/**
 * CoJobState:
 * @CO_JOB_QUEUED: waiting for a slot
 * @CO_JOB_RUNNING: working; #CoJob:fraction and #CoJob:message tell how far
 * @CO_JOB_DONE: finished successfully
 * @CO_JOB_FAILED: finished with #CoJob:error set
 * @CO_JOB_CANCELLED: stopped on request; never reported as an error
 */
typedef enum
{
  CO_JOB_QUEUED,
  CO_JOB_RUNNING,
  CO_JOB_DONE,
  CO_JOB_FAILED,
  CO_JOB_CANCELLED,
} CoJobState;

const char *co_job_state_to_string (CoJobState state);

#define CO_TYPE_JOB (co_job_get_type ())
G_DECLARE_FINAL_TYPE (CoJob, co_job, CO, JOB, GObject)

CoJob        *co_job_new             (const char   *kind,
                                      const char   *title);
gint64        co_job_get_id          (CoJob        *self);
const char   *co_job_get_params      (CoJob        *self);
const char   *co_job_get_kind        (CoJob        *self);
const char   *co_job_get_title       (CoJob        *self);
CoJobState    co_job_get_state       (CoJob        *self);
double        co_job_get_fraction    (CoJob        *self);
char         *co_job_dup_message     (CoJob        *self);
GError       *co_job_dup_error       (CoJob        *self);
GCancellable *co_job_get_cancellable (CoJob        *self);
gboolean      co_job_is_finished     (CoJob        *self);
void          co_job_cancel          (CoJob        *self);

/* For workers: safe from any thread; notifications arrive on the main context
 * of the thread that created the job. */
void          co_job_start           (CoJob        *self);
void          co_job_set_progress    (CoJob        *self,
                                      double        fraction,
                                      const char   *message);
void          co_job_finish          (CoJob        *self,
                                      const GError *error);
void          co_job_progress_cb     (double        fraction,
                                      const char   *message,
                                      gpointer      job);
void          co_job_set_result      (CoJob          *self,
                                      gpointer        result,
                                      GDestroyNotify  destroy);
gpointer      co_job_get_result      (CoJob        *self);

G_END_DECLS
