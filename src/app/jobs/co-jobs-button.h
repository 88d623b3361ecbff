/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "co-job-queue.h"

G_BEGIN_DECLS

#define CO_TYPE_JOBS_BUTTON (co_jobs_button_get_type ())
G_DECLARE_FINAL_TYPE (CoJobsButton, co_jobs_button, CO, JOBS_BUTTON, GtkWidget)

void        co_jobs_button_set_queue    (CoJobsButton *self,
                                         CoJobQueue   *queue);
gboolean    co_jobs_button_get_busy     (CoJobsButton *self);
GtkListBox *co_jobs_button_get_list_box (CoJobsButton *self);
void        co_jobs_button_popup        (CoJobsButton *self);

G_END_DECLS
