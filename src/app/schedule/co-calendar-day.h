/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-schedule-entry.h"

G_BEGIN_DECLS

#define CO_TYPE_CALENDAR_DAY (co_calendar_day_get_type ())
G_DECLARE_FINAL_TYPE (CoCalendarDay, co_calendar_day, CO, CALENDAR_DAY, GtkWidget)

GtkWidget *co_calendar_day_new           (GDateTime       *date,
                                          GTimeZone       *zone,
                                          guint            max_chips);
GDateTime *co_calendar_day_get_date      (CoCalendarDay   *self);
void       co_calendar_day_set_flags     (CoCalendarDay   *self,
                                          gboolean         in_period,
                                          gboolean         today);
void       co_calendar_day_add_entry     (CoCalendarDay   *self,
                                          CoScheduleEntry *entry,
                                          gboolean         due);
guint      co_calendar_day_get_n_entries (CoCalendarDay   *self);
gboolean   co_calendar_day_drop          (CoCalendarDay   *self,
                                          const GValue    *value);

G_END_DECLS
