/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-calendar-day.h"

G_BEGIN_DECLS

#define CO_TYPE_CALENDAR_GRID (co_calendar_grid_get_type ())
G_DECLARE_FINAL_TYPE (CoCalendarGrid, co_calendar_grid, CO, CALENDAR_GRID, GtkWidget)

/**
 * CoCalendarSpan:
 * @first: the first day shown, a Monday (its date only)
 * @n_days: how many days: 7 for a week, whole weeks for a month
 * @month: the month shown (1–12), or 0 for a week
 * @today: the local day that is today (its date only)
 * @now: the current time (µs since 1970, UTC), for posts that are due
 *
 * What the grid shows.
 */
typedef struct
{
  GDateTime *first;
  guint      n_days;
  int        month;
  GDateTime *today;
  gint64     now;
} CoCalendarSpan;

void           co_calendar_grid_show          (CoCalendarGrid       *self,
                                               GTimeZone            *zone,
                                               const CoCalendarSpan *span,
                                               GListModel           *entries);
CoCalendarDay *co_calendar_grid_get_day       (CoCalendarGrid       *self,
                                               int                   year,
                                               int                   month,
                                               int                   day);
guint          co_calendar_grid_get_n_entries (CoCalendarGrid       *self);

G_END_DECLS
