/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-timeline.h"

G_BEGIN_DECLS

/* The kept ranges as pairs of gint64 (start, end), for co-timeline-edits.c. */
GArray *_co_timeline_get_kept (CoTimeline *self);

G_END_DECLS
