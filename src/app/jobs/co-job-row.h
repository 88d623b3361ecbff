/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "co-job.h"

G_BEGIN_DECLS

#define CO_TYPE_JOB_ROW (co_job_row_get_type ())
G_DECLARE_FINAL_TYPE (CoJobRow, co_job_row, CO, JOB_ROW, GtkWidget)

GtkWidget  *co_job_row_new             (CoJob    *job);
CoJob      *co_job_row_get_job         (CoJobRow *self);
const char *co_job_row_get_status_text (CoJobRow *self);
gboolean    co_job_row_get_shows_error (CoJobRow *self);

G_END_DECLS
