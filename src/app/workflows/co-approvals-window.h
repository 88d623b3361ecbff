/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-drafts.h"
#include "co-workflows.h"

G_BEGIN_DECLS

#define CO_TYPE_APPROVALS_WINDOW (co_approvals_window_get_type ())
G_DECLARE_FINAL_TYPE (CoApprovalsWindow, co_approvals_window, CO, APPROVALS_WINDOW, AdwWindow)

GtkWidget *co_approvals_window_new        (CoStore            *store);
gboolean   co_approvals_window_get_busy   (CoApprovalsWindow  *self);
guint      co_approvals_window_get_n_rows (CoApprovalsWindow  *self);
void       co_approvals_window_set_person (CoApprovalsWindow  *self,
                                           const char         *person);
gboolean   co_approvals_window_decide     (CoApprovalsWindow  *self,
                                           guint               row,
                                           CoWorkflowDecision  decision,
                                           const char         *comment);

G_END_DECLS
