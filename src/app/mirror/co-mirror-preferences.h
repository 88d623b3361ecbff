/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-mirror-controller.h"

G_BEGIN_DECLS

#define CO_TYPE_MIRROR_PREFERENCES (co_mirror_preferences_get_type ())
G_DECLARE_FINAL_TYPE (CoMirrorPreferences, co_mirror_preferences, CO, MIRROR_PREFERENCES,
                      AdwPreferencesPage)

GtkWidget *co_mirror_preferences_new          (CoMirrorController  *controller);
void       co_mirror_preferences_set_server   (CoMirrorPreferences *self,
                                               const char          *url,
                                               const char          *database,
                                               const char          *username,
                                               const char          *password);
void       co_mirror_preferences_connect      (CoMirrorPreferences *self);
void       co_mirror_preferences_set_bucket   (CoMirrorPreferences *self,
                                               const char          *url,
                                               const char          *access_key,
                                               const char          *secret_key);
void       co_mirror_preferences_connect_bucket (CoMirrorPreferences *self);
gboolean   co_mirror_preferences_get_busy     (CoMirrorPreferences *self);
const char *co_mirror_preferences_get_error   (CoMirrorPreferences *self);

G_END_DECLS
