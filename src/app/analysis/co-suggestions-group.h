/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-analysis.h"

G_BEGIN_DECLS

#define CO_TYPE_SUGGESTIONS_GROUP (co_suggestions_group_get_type ())
G_DECLARE_FINAL_TYPE (CoSuggestionsGroup, co_suggestions_group, CO, SUGGESTIONS_GROUP,
                      AdwPreferencesGroup)

void        co_suggestions_group_set_analysis (CoSuggestionsGroup *self,
                                               const CoAnalysis   *analysis);
GtkListBox *co_suggestions_group_get_list     (CoSuggestionsGroup *self);

G_END_DECLS
