/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "co-job.h"

G_BEGIN_DECLS

#define CO_TYPE_IMPORT_BAR (co_import_bar_get_type ())
G_DECLARE_FINAL_TYPE (CoImportBar, co_import_bar, CO, IMPORT_BAR, GtkWidget)

void        co_import_bar_set_job  (CoImportBar *self,
                                    CoJob       *job);
CoJob      *co_import_bar_get_job  (CoImportBar *self);
const char *co_import_bar_get_text (CoImportBar *self);

G_END_DECLS
