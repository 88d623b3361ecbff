/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

/**
 * CoChartKind:
 * @CO_CHART_LINES: one line per series over the labels (days)
 * @CO_CHART_BARS: one horizontal bar per label, of the first series
 * @CO_CHART_HEAT: a grid of the first series, @n_rows rows of the labels
 *
 * How a chart draws its data.
 */
typedef enum
{
  CO_CHART_LINES,
  CO_CHART_BARS,
  CO_CHART_HEAT,
} CoChartKind;

/**
 * CoChartSeries:
 * @name: what the series counts, for the legend and the text alternative
 * @color: its colour
 * @values: (element-type double): one value per label (per cell, for a heat map)
 */
typedef struct
{
  char    *name;
  GdkRGBA  color;
  GArray  *values;
} CoChartSeries;

/**
 * CoChartData:
 * @kind: how to draw it
 * @title: the chart's name
 * @unit: what a value counts, as in "%s views" ("views"), or %NULL for a rate
 * @labels: (element-type utf8): the points' (bars', columns') names
 * @row_labels: (element-type utf8) (nullable): a heat map's rows' names
 * @series: (element-type CoChartSeries): what is drawn
 *
 * What a chart shows, before it is laid out at a size.  Made by the
 * analytics controller; drawn by #CoChart and co_chart_export().
 */
typedef struct
{
  CoChartKind  kind;
  char        *title;
  char        *unit;
  GPtrArray   *labels;
  GPtrArray   *row_labels;
  GArray      *series;
} CoChartData;

CoChartData   *co_chart_data_new         (CoChartKind        kind,
                                          const char        *title,
                                          const char        *unit);
void           co_chart_data_free        (CoChartData       *data);
CoChartSeries *co_chart_data_add_series  (CoChartData       *data,
                                          const char        *name,
                                          const GdkRGBA     *color);
void           co_chart_series_add       (CoChartSeries     *series,
                                          double             value);
CoChartSeries *co_chart_data_get_series  (const CoChartData *data,
                                          guint              index);
gboolean       co_chart_data_is_empty    (const CoChartData *data);
double         co_chart_data_max         (const CoChartData *data);
char          *co_chart_data_format      (const CoChartData *data,
                                          double             value);
char          *co_chart_data_point_text  (const CoChartData *data,
                                          guint              series,
                                          guint              index);
char          *co_chart_data_describe    (const CoChartData *data);
GPtrArray     *co_chart_data_table       (const CoChartData *data);
void           co_chart_platform_color   (int                platform,
                                          GdkRGBA           *out_color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoChartData, co_chart_data_free)

G_END_DECLS
