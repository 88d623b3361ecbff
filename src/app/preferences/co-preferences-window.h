/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-job-queue.h"
#include "co-store.h"

G_BEGIN_DECLS

#define CO_TYPE_PREFERENCES_WINDOW (co_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CoPreferencesWindow, co_preferences_window, CO, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget  *co_preferences_window_new             (CoStore             *store,
                                                   CoJobQueue          *queue,
                                                   GSettings           *settings);
void        co_preferences_window_verify          (CoPreferencesWindow *self);
CoJob      *co_preferences_window_get_job         (CoPreferencesWindow *self);
const char *co_preferences_window_get_verify_text (CoPreferencesWindow *self);

G_END_DECLS
