/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-analysis.h"

G_BEGIN_DECLS

#define CO_TYPE_LOUDNESS_GROUP (co_loudness_group_get_type ())
G_DECLARE_FINAL_TYPE (CoLoudnessGroup, co_loudness_group, CO, LOUDNESS_GROUP,
                      AdwPreferencesGroup)

void        co_loudness_group_set_analysis (CoLoudnessGroup  *self,
                                            const CoAnalysis *analysis);
const char *co_loudness_group_get_text     (CoLoudnessGroup  *self,
                                            const char       *what);

G_END_DECLS
