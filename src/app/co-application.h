/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-job-queue.h"
#include "co-vault.h"

G_BEGIN_DECLS

#define CO_TYPE_APPLICATION (co_application_get_type ())
G_DECLARE_FINAL_TYPE (CoApplication, co_application, CO, APPLICATION, AdwApplication)

CoApplication *co_application_new               (void);
GSettings     *co_application_get_settings      (CoApplication *self);
int            co_application_get_exit_status   (CoApplication *self);
CoJobQueue    *co_application_ensure_job_queue  (CoApplication *self,
                                                 CoVault       *vault);
CoJobQueue    *co_application_get_job_queue     (CoApplication *self);

G_END_DECLS
