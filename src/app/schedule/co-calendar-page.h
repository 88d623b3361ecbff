/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-calendar-grid.h"
#include "co-schedule-pane.h"
#include "co-schedule.h"

G_BEGIN_DECLS

/**
 * CoCalendarState:
 * @CO_CALENDAR_STATE_LOADING: the period shown is being read
 * @CO_CALENDAR_STATE_EMPTY: nothing to plan yet: the empty state
 * @CO_CALENDAR_STATE_READY: the period's posts are shown
 *
 * What the Calendar section is doing.
 */
typedef enum
{
  CO_CALENDAR_STATE_LOADING,
  CO_CALENDAR_STATE_EMPTY,
  CO_CALENDAR_STATE_READY,
} CoCalendarState;

#define CO_TYPE_CALENDAR_STATE (co_calendar_state_get_type ())
GType co_calendar_state_get_type (void) G_GNUC_CONST;

#define CO_TYPE_CALENDAR_PAGE (co_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (CoCalendarPage, co_calendar_page, CO, CALENDAR_PAGE, GtkWidget)

void            co_calendar_page_set_drafts    (CoCalendarPage *self,
                                                CoDrafts       *drafts);
CoSchedule     *co_calendar_page_get_schedule  (CoCalendarPage *self);
CoCalendarGrid *co_calendar_page_get_grid      (CoCalendarPage *self);
CoSchedulePane *co_calendar_page_get_pane      (CoCalendarPage *self);
GtkDropDown    *co_calendar_page_get_platforms (CoCalendarPage *self);
void            co_calendar_page_show_day      (CoCalendarPage *self,
                                                gint64          usec);
const char     *co_calendar_page_get_view      (CoCalendarPage *self);
void            co_calendar_page_set_view      (CoCalendarPage *self,
                                                const char     *view);
const char     *co_calendar_page_get_period    (CoCalendarPage *self);
const char     *co_calendar_page_get_zone_text (CoCalendarPage *self);
CoCalendarState co_calendar_page_get_state     (CoCalendarPage *self);
void            co_calendar_page_schedule_post (CoCalendarPage *self);

G_END_DECLS
