/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-ideas-controller.h"
#include "co-store.h"

G_BEGIN_DECLS

#define CO_TYPE_IDEAS_WINDOW (co_ideas_window_get_type ())
G_DECLARE_FINAL_TYPE (CoIdeasWindow, co_ideas_window, CO, IDEAS_WINDOW, AdwWindow)

GtkWidget         *co_ideas_window_new              (CoStore       *store,
                                                     int            hashtag_limit);
CoIdeasController *co_ideas_window_get_controller   (CoIdeasWindow *self);
guint              co_ideas_window_get_n_rows       (CoIdeasWindow *self);
GtkWidget         *co_ideas_window_get_row          (CoIdeasWindow *self,
                                                     guint          index);
GtkWidget         *co_ideas_window_get_badge        (CoIdeasWindow *self,
                                                     guint          index);
GtkWidget         *co_ideas_window_get_draft_button (CoIdeasWindow *self,
                                                     guint          index);
const char        *co_ideas_window_get_status       (CoIdeasWindow *self);
const char        *co_ideas_window_get_streamed     (CoIdeasWindow *self);
gint64             co_ideas_window_get_last_draft   (CoIdeasWindow *self);

G_END_DECLS
