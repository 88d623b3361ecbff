/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-subtitle-check.h"
#include "co-timecode.h"

G_BEGIN_DECLS

gboolean co_app_settings_has_key         (GSettings   *settings,
                                          const char  *key);
void     co_app_settings_get_cue_rules   (GSettings   *settings,
                                          CoCueRules  *rules);
CoRate   co_app_settings_get_export_rate (GSettings   *settings);

G_END_DECLS
