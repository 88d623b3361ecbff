/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CO_TYPE_LLM_PREFERENCES (co_llm_preferences_get_type ())
G_DECLARE_FINAL_TYPE (CoLlmPreferences, co_llm_preferences, CO, LLM_PREFERENCES,
                      AdwPreferencesGroup)

GtkWidget  *co_llm_preferences_new        (GSettings        *settings);
const char *co_llm_preferences_get_status (CoLlmPreferences *self);

G_END_DECLS
