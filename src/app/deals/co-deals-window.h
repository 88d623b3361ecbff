/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-deals.h"

G_BEGIN_DECLS

#define CO_TYPE_DEALS_WINDOW (co_deals_window_get_type ())
G_DECLARE_FINAL_TYPE (CoDealsWindow, co_deals_window, CO, DEALS_WINDOW, AdwWindow)

GtkWidget  *co_deals_window_new           (CoStore        *store,
                                           gint64          now);
gboolean    co_deals_window_get_loaded    (CoDealsWindow  *self);
guint       co_deals_window_get_n_deals   (CoDealsWindow  *self);
guint       co_deals_window_get_n_due     (CoDealsWindow  *self);
const char *co_deals_window_get_row_text  (CoDealsWindow  *self,
                                           gboolean        due,
                                           guint           row);

G_END_DECLS
