/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CO_TYPE_MEDIA_HOST_PREFERENCES (co_media_host_preferences_get_type ())
G_DECLARE_FINAL_TYPE (CoMediaHostPreferences, co_media_host_preferences, CO,
                      MEDIA_HOST_PREFERENCES, AdwPreferencesGroup)

GtkWidget  *co_media_host_preferences_new          (GSettings              *settings);
void        co_media_host_preferences_choose_folder (CoMediaHostPreferences *self,
                                                     GFile                  *folder);
const char *co_media_host_preferences_get_status   (CoMediaHostPreferences *self);

G_END_DECLS
