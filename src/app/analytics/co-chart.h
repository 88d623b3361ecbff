/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "co-chart-data.h"

G_BEGIN_DECLS

#define CO_TYPE_CHART (co_chart_get_type ())
G_DECLARE_FINAL_TYPE (CoChart, co_chart, CO, CHART, GtkWidget)

/**
 * CoChartFormat:
 * @CO_CHART_FORMAT_PNG: a PNG picture
 * @CO_CHART_FORMAT_SVG: an SVG drawing
 */
typedef enum
{
  CO_CHART_FORMAT_PNG,
  CO_CHART_FORMAT_SVG,
} CoChartFormat;

GtkWidget         *co_chart_new              (void);
void               co_chart_set_data         (CoChart            *self,
                                              CoChartData        *data);
const CoChartData *co_chart_get_data         (CoChart            *self);
const char        *co_chart_get_hover_text   (CoChart            *self);
const char        *co_chart_get_description  (CoChart            *self);
gboolean           co_chart_export           (const CoChartData  *data,
                                              CoChartFormat       format,
                                              const char         *path,
                                              int                 width,
                                              int                 height,
                                              GError            **error);

G_END_DECLS
