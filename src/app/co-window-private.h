/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-window.h"

G_BEGIN_DECLS

/* Shared by co-window.c and co-window-actions.c. */
void         _co_window_install_actions (CoWindow *self);
void         _co_window_update_actions  (CoWindow *self);
void         _co_window_choose_files    (CoWindow *self);
void         _co_window_paste           (CoWindow *self);
void         _co_window_restore         (CoWindow *self,
                                         gint64    id);
void         _co_window_focus_search    (CoWindow *self);
CoVaultItem *_co_window_get_media_item  (CoWindow *self);

G_END_DECLS
