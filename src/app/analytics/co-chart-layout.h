/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-chart-data.h"

G_BEGIN_DECLS

/**
 * CoChartMarkKind:
 * @CO_CHART_MARK_RECT: a filled rectangle
 * @CO_CHART_MARK_LINE: a line from (@x, @y) to (@x + @w, @y + @h)
 * @CO_CHART_MARK_TEXT: @text with its top at @y, placed at @x by @align
 */
typedef enum
{
  CO_CHART_MARK_RECT,
  CO_CHART_MARK_LINE,
  CO_CHART_MARK_TEXT,
} CoChartMarkKind;

/**
 * CoChartMark:
 * @kind: what it is
 * @x: left (or the start of a line, or where text is aligned)
 * @y: top (or the start of a line)
 * @w: width (or a line's run)
 * @h: height (or a line's rise)
 * @line_width: a line's width
 * @color: its colour, unless @ink
 * @ink: drawn in the text colour, at @color's alpha
 * @align: text: 0 starts at @x, 0.5 is centred on it, 1 ends at it
 * @text: (nullable): the text of a text mark
 * @series: the series of the value the mark stands for, or -1
 * @index: the value's index in it
 *
 * One thing a chart draws.  The same marks are drawn by the widget (with
 * GtkSnapshot) and by the PNG and SVG exports (with cairo).
 */
typedef struct
{
  CoChartMarkKind  kind;
  double           x, y, w, h;
  double           line_width;
  GdkRGBA          color;
  gboolean         ink;
  double           align;
  char            *text;
  int              series;
  guint            index;
} CoChartMark;

GArray            *co_chart_layout     (const CoChartData *data,
                                        double             width,
                                        double             height);
const CoChartMark *co_chart_layout_hit (GArray            *marks,
                                        double             x,
                                        double             y);

G_END_DECLS
