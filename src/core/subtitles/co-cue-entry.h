/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "co-subtitle-check.h"

G_BEGIN_DECLS

#define CO_TYPE_CUE_ENTRY (co_cue_entry_get_type ())
G_DECLARE_FINAL_TYPE (CoCueEntry, co_cue_entry, CO, CUE_ENTRY, GObject)

GPtrArray  *co_cue_entries_new        (GPtrArray         *cues,
                                       const CoCueRules  *rules,
                                       guint             *out_n_flagged);
const char *co_cue_entry_get_times    (CoCueEntry        *self);
const char *co_cue_entry_get_text     (CoCueEntry        *self);
const char *co_cue_entry_get_problems (CoCueEntry        *self);

G_END_DECLS
