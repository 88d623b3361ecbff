/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The JSON shapes drafts and schedule entries share: times are ISO 8601 in
 * UTC or null, strings may be null. */
void        _co_draft_json_add_string (JsonBuilder *builder,
                                       const char  *name,
                                       const char  *value);
void        _co_draft_json_add_time   (JsonBuilder *builder,
                                       const char  *name,
                                       gint64       usec);
void        _co_draft_json_add_int    (JsonBuilder *builder,
                                       const char  *name,
                                       gint64       value);
char       *_co_draft_json_format_time (gint64      usec);

G_END_DECLS

G_BEGIN_DECLS
char       *_co_draft_format_local    (gint64       usec,
                                       const char  *zone_id);
G_END_DECLS
