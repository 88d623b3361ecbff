/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-mirror-controller.h"

G_BEGIN_DECLS

#define CO_TYPE_MIRROR_CONFLICTS_WINDOW (co_mirror_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (CoMirrorConflictsWindow, co_mirror_conflicts_window, CO,
                      MIRROR_CONFLICTS_WINDOW, AdwWindow)

GtkWidget *co_mirror_conflicts_window_new       (CoMirrorController      *controller);
guint      co_mirror_conflicts_window_get_n_rows (CoMirrorConflictsWindow *self);
gboolean   co_mirror_conflicts_window_keep      (CoMirrorConflictsWindow *self,
                                                 guint                    row,
                                                 CoMirrorKeep             keep);

G_END_DECLS
