/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-schedule.h"

G_BEGIN_DECLS

#define CO_TYPE_SCHEDULE_PANE (co_schedule_pane_get_type ())
G_DECLARE_FINAL_TYPE (CoSchedulePane, co_schedule_pane, CO, SCHEDULE_PANE, GtkWidget)

void         co_schedule_pane_set_library    (CoSchedulePane  *self,
                                              CoSchedule      *schedule,
                                              GTimeZone       *zone);
void         co_schedule_pane_start_add      (CoSchedulePane  *self,
                                              gint64           at);
void         co_schedule_pane_start_move     (CoSchedulePane  *self,
                                              CoScheduleEntry *entry);
gboolean     co_schedule_pane_select_draft   (CoSchedulePane  *self,
                                              gint64           id);
gboolean     co_schedule_pane_select_platform (CoSchedulePane *self,
                                              CoPlatform       platform);
void         co_schedule_pane_set_time       (CoSchedulePane  *self,
                                              gint64           at);
void         co_schedule_pane_set_local      (CoSchedulePane  *self,
                                              int              year,
                                              int              month,
                                              int              day,
                                              int              hour,
                                              int              minute);
const char  *co_schedule_pane_get_note       (CoSchedulePane  *self);
gint64       co_schedule_pane_get_time       (CoSchedulePane  *self);
const char  *co_schedule_pane_get_conflict   (CoSchedulePane  *self);
guint        co_schedule_pane_get_n_free     (CoSchedulePane  *self);
void         co_schedule_pane_pick_free      (CoSchedulePane  *self,
                                              guint            index);
guint        co_schedule_pane_get_n_hints    (CoSchedulePane  *self);
const char  *co_schedule_pane_get_hint_source (CoSchedulePane *self);
gboolean     co_schedule_pane_can_submit     (CoSchedulePane  *self);
void         co_schedule_pane_submit         (CoSchedulePane  *self);
void         co_schedule_pane_remove         (CoSchedulePane  *self);
gboolean     co_schedule_pane_get_busy       (CoSchedulePane  *self);

G_END_DECLS
