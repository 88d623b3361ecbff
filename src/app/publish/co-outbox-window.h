/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-publish-controller.h"

G_BEGIN_DECLS

#define CO_TYPE_OUTBOX_WINDOW (co_outbox_window_get_type ())
G_DECLARE_FINAL_TYPE (CoOutboxWindow, co_outbox_window, CO, OUTBOX_WINDOW, AdwWindow)

GtkWidget  *co_outbox_window_new          (CoPublishController *controller);
guint       co_outbox_window_get_n_rows   (CoOutboxWindow      *self);
const char *co_outbox_window_get_row_text (CoOutboxWindow      *self,
                                           gint64               operation_id);
const char *co_outbox_window_get_error    (CoOutboxWindow      *self);

G_END_DECLS
