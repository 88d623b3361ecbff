/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "co-chart.h"

G_BEGIN_DECLS

/* The size of an exported chart. */
#define CO_CHART_EXPORT_WIDTH  960
#define CO_CHART_EXPORT_HEIGHT 480

#define CO_TYPE_CHART_CARD (co_chart_card_get_type ())
G_DECLARE_FINAL_TYPE (CoChartCard, co_chart_card, CO, CHART_CARD, GtkWidget)

void       co_chart_card_set_data        (CoChartCard   *self,
                                          CoChartData   *data);
CoChart   *co_chart_card_get_chart       (CoChartCard   *self);
void       co_chart_card_set_table_shown (CoChartCard   *self,
                                          gboolean       shown);
gboolean   co_chart_card_get_table_shown (CoChartCard   *self);
GtkWidget *co_chart_card_get_table       (CoChartCard   *self);
gboolean   co_chart_card_export          (CoChartCard   *self,
                                          CoChartFormat  format,
                                          const char    *path,
                                          GError       **error);

G_END_DECLS
