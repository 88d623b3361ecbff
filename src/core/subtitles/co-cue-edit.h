/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *co_cue_list_edit (GPtrArray   *cues,
                             guint        index,
                             const char  *start,
                             const char  *end,
                             const char  *text,
                             GError     **error);

G_END_DECLS
