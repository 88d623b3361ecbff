/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *co_cue_time_format (gint64       us);
gboolean  co_cue_time_parse  (const char  *text,
                              gint64      *us,
                              GError     **error);

G_END_DECLS
