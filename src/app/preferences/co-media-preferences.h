/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CO_TYPE_MEDIA_PREFERENCES (co_media_preferences_get_type ())
G_DECLARE_FINAL_TYPE (CoMediaPreferences, co_media_preferences, CO, MEDIA_PREFERENCES,
                      AdwPreferencesPage)

GtkWidget *co_media_preferences_new (GSettings *settings);

G_END_DECLS
