/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-deals.h"

G_BEGIN_DECLS

/* How far ahead the deals view and the start-up list look. */
#define CO_DEAL_REMINDERS_HORIZON (7 * G_TIME_SPAN_DAY)

#define CO_TYPE_DEAL_REMINDERS (co_deal_reminders_get_type ())
G_DECLARE_FINAL_TYPE (CoDealReminders, co_deal_reminders, CO, DEAL_REMINDERS, GObject)

CoDealReminders *co_deal_reminders_new         (CoStore          *store);
void             co_deal_reminders_start       (CoDealReminders  *self,
                                                guint             interval_s);
void             co_deal_reminders_stop        (CoDealReminders  *self);
void             co_deal_reminders_check       (CoDealReminders  *self,
                                                gint64            now);
guint            co_deal_reminders_get_n_checks (CoDealReminders *self);

void             co_deal_reminder_describe     (const CoDealReminder *reminder,
                                                char                **title,
                                                char                **body);

G_END_DECLS
