/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-job-queue.h"
#include "co-vault.h"

G_BEGIN_DECLS

#define CO_TYPE_IMPORT_CONTROLLER (co_import_controller_get_type ())
G_DECLARE_FINAL_TYPE (CoImportController, co_import_controller, CO, IMPORT_CONTROLLER, GObject)

CoImportController *co_import_controller_new     (CoVault            *vault,
                                                  CoJobQueue         *queue,
                                                  GSettings          *settings);
CoJob              *co_import_controller_import  (CoImportController *self,
                                                  const char * const *paths,
                                                  GError            **error);
CoJob              *co_import_controller_get_job (CoImportController *self);

G_END_DECLS
