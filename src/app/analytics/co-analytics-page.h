/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-analytics-controller.h"
#include "co-chart-card.h"

G_BEGIN_DECLS

#define CO_TYPE_ANALYTICS_PAGE (co_analytics_page_get_type ())
G_DECLARE_FINAL_TYPE (CoAnalyticsPage, co_analytics_page, CO, ANALYTICS_PAGE, GtkWidget)

void                   co_analytics_page_set_store        (CoAnalyticsPage   *self,
                                                           CoStore           *store);
CoAnalyticsController *co_analytics_page_get_controller   (CoAnalyticsPage   *self);
CoChartCard           *co_analytics_page_get_card         (CoAnalyticsPage   *self,
                                                           CoAnalyticsChart   chart);
const char            *co_analytics_page_get_shown        (CoAnalyticsPage   *self);
const char            *co_analytics_page_get_range_error  (CoAnalyticsPage   *self);
const char            *co_analytics_page_get_figure       (CoAnalyticsPage   *self,
                                                           CoAnalyticsFigure  figure,
                                                           gboolean           growth);
void                   co_analytics_page_choose_days      (CoAnalyticsPage   *self,
                                                           int                days);
void                   co_analytics_page_choose_custom    (CoAnalyticsPage   *self,
                                                           const char        *first_day,
                                                           const char        *last_day);
void                   co_analytics_page_choose_platform  (CoAnalyticsPage   *self,
                                                           const CoPlatform  *platform);
gboolean               co_analytics_page_export_csv       (CoAnalyticsPage   *self,
                                                           CoAnalyticsCsv     kind,
                                                           const char        *path,
                                                           GError           **error);

G_END_DECLS
