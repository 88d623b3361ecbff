/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <math.h>

#include <graphene.h>

#include "co-chart-layout.h"

/* Lays a chart's data out at a size, as rectangles, lines and texts.  Text
 * is placed by its top with room for one line of the default font. */

#define TEXT_HEIGHT 16
#define MARGIN 12
#define AXIS_WIDTH 72
#define LEGEND_HEIGHT 28
#define GRID_LINES 4
#define DOT 6
#define HIT_SLOP 6

static void
clear_mark (gpointer data)
{
  g_free (((CoChartMark *)data)->text);
}

static CoChartMark *
add_mark (GArray          *marks,
          CoChartMarkKind  kind,
          double           x,
          double           y,
          double           w,
          double           h)
{
  CoChartMark mark = { kind, x, y, w, h, 1, { 0, 0, 0, 1 }, TRUE, 0, NULL, -1, 0 };

  g_array_append_val (marks, mark);
  return &g_array_index (marks, CoChartMark, marks->len - 1);
}

static void
add_text (GArray     *marks,
          double      x,
          double      y,
          double      align,
          char       *text)
{
  CoChartMark *mark = add_mark (marks, CO_CHART_MARK_TEXT, x, y, 0, TEXT_HEIGHT);

  mark->align = align;
  mark->color.alpha = 0.8;
  mark->text = text;
}

static void
set_value (CoChartMark         *mark,
           const CoChartSeries *series,
           int                  s,
           guint                index)
{
  mark->ink = FALSE;
  mark->color = series->color;
  mark->series = s;
  mark->index = index;
}

/* Horizontal lines with their values, under the plot's lines. */
static void
add_grid (GArray            *marks,
          const CoChartData *data,
          const graphene_rect_t *plot,
          double             max)
{
  for (int i = 0; i <= GRID_LINES; i++)
    {
      double y = plot->origin.y + plot->size.height * (1 - (double)i / GRID_LINES);
      CoChartMark *line = add_mark (marks, CO_CHART_MARK_LINE, plot->origin.x, y,
                                    plot->size.width, 0);

      line->color.alpha = 0.15;
      add_text (marks, plot->origin.x - 6, y - TEXT_HEIGHT / 2.0, 1,
                co_chart_data_format (data, max * i / GRID_LINES));
    }
}

/* A coloured square and the name of each series, along the top. */
static void
add_legend (GArray            *marks,
            const CoChartData *data,
            double             x)
{
  for (guint s = 0; s < data->series->len; s++)
    {
      const CoChartSeries *series = co_chart_data_get_series (data, s);
      CoChartMark *key = add_mark (marks, CO_CHART_MARK_RECT, x, MARGIN + 2, 12, 12);

      key->ink = FALSE;
      key->color = series->color;
      add_text (marks, x + 18, MARGIN, 0, g_strdup (series->name));
      x += 30 + 8 * g_utf8_strlen (series->name, -1);
    }
}

static double
point_x (const graphene_rect_t *plot,
         guint                  i,
         guint                  n)
{
  return plot->origin.x + (n > 1 ? plot->size.width * i / (n - 1) : plot->size.width / 2);
}

static void
layout_series (GArray                *marks,
               const CoChartData     *data,
               int                    s,
               const graphene_rect_t *plot,
               double                 max)
{
  const CoChartSeries *series = co_chart_data_get_series (data, s);
  guint n = series->values->len;
  double px = 0, py = 0;

  for (guint i = 0; i < n; i++)
    {
      double x = point_x (plot, i, n);
      double y = plot->origin.y + plot->size.height *
                 (1 - g_array_index (series->values, double, i) / max);

      if (i > 0)
        {
          CoChartMark *line = add_mark (marks, CO_CHART_MARK_LINE, px, py, x - px, y - py);

          set_value (line, series, -1, 0);
          line->line_width = 2;
        }
      set_value (add_mark (marks, CO_CHART_MARK_RECT, x - DOT / 2.0, y - DOT / 2.0, DOT, DOT),
                 series, s, i);
      px = x;
      py = y;
    }
}

static void
layout_lines (GArray            *marks,
              const CoChartData *data,
              double             width,
              double             height)
{
  graphene_rect_t plot;
  double max = MAX (co_chart_data_max (data), data->unit != NULL ? 1 : 0.01);
  guint n = data->labels->len;

  graphene_rect_init (&plot, AXIS_WIDTH, MARGIN + LEGEND_HEIGHT,
                      MAX (1, width - AXIS_WIDTH - 2 * MARGIN),
                      MAX (1, height - 2 * MARGIN - LEGEND_HEIGHT - TEXT_HEIGHT - 4));
  add_grid (marks, data, &plot, max);
  add_legend (marks, data, AXIS_WIDTH);
  /* The first, middle and last days name the axis. */
  for (guint i = 0; n > 0 && i < 3; i++)
    {
      guint index = i == 0 ? 0 : i == 1 ? n / 2 : n - 1;

      if (i == 1 && (index == 0 || index == n - 1))
        continue;
      add_text (marks, point_x (&plot, index, n), plot.origin.y + plot.size.height + 4,
                n > 1 ? i * 0.5 : 0.5, g_strdup (g_ptr_array_index (data->labels, index)));
    }
  for (guint s = 0; s < data->series->len; s++)
    layout_series (marks, data, s, &plot, max);
}

static void
layout_bars (GArray            *marks,
             const CoChartData *data,
             double             width,
             double             height)
{
  const CoChartSeries *series = co_chart_data_get_series (data, 0);
  double max = MAX (co_chart_data_max (data), 1);
  double left = MARGIN + MIN (240, width * 0.4), right = width - MARGIN - 96;
  double row = MIN (32, (height - 2 * MARGIN) / MAX (1, data->labels->len));

  for (guint i = 0; i < data->labels->len; i++)
    {
      double value = g_array_index (series->values, double, i);
      double y = MARGIN + i * row;
      double w = MAX (1, (right - left) * value / max);

      add_text (marks, left - 8, y + (row - TEXT_HEIGHT) / 2, 1,
                g_strdup (g_ptr_array_index (data->labels, i)));
      set_value (add_mark (marks, CO_CHART_MARK_RECT, left, y + 3, w, row - 6), series, 0, i);
      add_text (marks, left + w + 6, y + (row - TEXT_HEIGHT) / 2, 0,
                co_chart_data_format (data, value));
    }
}

static void
layout_heat (GArray            *marks,
             const CoChartData *data,
             double             width,
             double             height)
{
  const CoChartSeries *series = co_chart_data_get_series (data, 0);
  guint n_cols = data->labels->len, n_rows = data->row_labels->len;
  double max = MAX (co_chart_data_max (data), 1);
  double left = MARGIN + 48, top = MARGIN + TEXT_HEIGHT + 4;
  double cw = MAX (1, (width - left - MARGIN) / n_cols);
  double ch = MAX (1, (height - top - MARGIN) / n_rows);

  for (guint c = 0; c < n_cols; c += 3)
    add_text (marks, left + c * cw, MARGIN, 0, g_strdup (g_ptr_array_index (data->labels, c)));
  for (guint r = 0; r < n_rows; r++)
    {
      add_text (marks, left - 8, top + r * ch + (ch - TEXT_HEIGHT) / 2, 1,
                g_strdup (g_ptr_array_index (data->row_labels, r)));
      for (guint c = 0; c < n_cols; c++)
        {
          double value = g_array_index (series->values, double, r * n_cols + c);
          CoChartMark *cell = add_mark (marks, CO_CHART_MARK_RECT, left + c * cw + 1,
                                        top + r * ch + 1, cw - 2, ch - 2);

          if (value <= 0)
            {
              cell->color.alpha = 0.06;
              continue;
            }
          set_value (cell, series, 0, r * n_cols + c);
          cell->color.alpha = 0.25 + 0.75 * value / max;
        }
    }
}

/**
 * co_chart_layout:
 * @data: a chart's data
 * @width: the width to draw it in
 * @height: the height
 *
 * Returns: (transfer full) (element-type CoChartMark): what to draw, in order
 */
GArray *
co_chart_layout (const CoChartData *data,
                 double             width,
                 double             height)
{
  GArray *marks = g_array_new (FALSE, TRUE, sizeof (CoChartMark));

  g_array_set_clear_func (marks, clear_mark);
  if (data == NULL || data->series->len == 0)
    return marks;
  if (data->kind == CO_CHART_LINES)
    layout_lines (marks, data, width, height);
  else if (data->kind == CO_CHART_BARS)
    layout_bars (marks, data, width, height);
  else if (data->row_labels != NULL && data->labels->len > 0)
    layout_heat (marks, data, width, height);
  return marks;
}

/**
 * co_chart_layout_hit:
 * @marks: (element-type CoChartMark): a chart's marks
 * @x: a point
 * @y: a point
 *
 * Returns: (transfer none) (nullable): the mark of a value nearest to the
 *   point, within a few pixels of it
 */
const CoChartMark *
co_chart_layout_hit (GArray *marks,
                     double  x,
                     double  y)
{
  const CoChartMark *best = NULL;
  double best_distance = G_MAXDOUBLE;

  for (guint i = 0; i < marks->len; i++)
    {
      const CoChartMark *mark = &g_array_index (marks, CoChartMark, i);
      double dx = MAX (0, fabs (x - (mark->x + mark->w / 2)) - mark->w / 2);
      double dy = MAX (0, fabs (y - (mark->y + mark->h / 2)) - mark->h / 2);
      double distance = dx * dx + dy * dy;

      if (mark->series >= 0 && distance <= HIT_SLOP * HIT_SLOP && distance < best_distance)
        {
          best = mark;
          best_distance = distance;
        }
    }
  return best;
}
