/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "co-draft-stage.h"
#include "co-platform.h"

G_BEGIN_DECLS

/* One post on the calendar: a draft on a platform at a time.  An immutable
 * snapshot of its row, with the draft's title and stage for the calendar. */

#define CO_TYPE_SCHEDULE_ENTRY (co_schedule_entry_get_type ())
G_DECLARE_FINAL_TYPE (CoScheduleEntry, co_schedule_entry, CO, SCHEDULE_ENTRY, GObject)

gint64        co_schedule_entry_get_draft_id      (CoScheduleEntry *self);
const char   *co_schedule_entry_get_draft_title   (CoScheduleEntry *self);
CoDraftStage  co_schedule_entry_get_draft_stage   (CoScheduleEntry *self);
CoPlatform    co_schedule_entry_get_platform      (CoScheduleEntry *self);
gint64        co_schedule_entry_get_at            (CoScheduleEntry *self);
const char   *co_schedule_entry_get_zone          (CoScheduleEntry *self);
gint64        co_schedule_entry_get_published_at  (CoScheduleEntry *self);
gboolean      co_schedule_entry_get_unwatched     (CoScheduleEntry *self);
JsonNode     *co_schedule_entry_to_json           (CoScheduleEntry *self,
                                                   GTimeZone       *display);

G_END_DECLS
