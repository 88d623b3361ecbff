/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "co-chart-data.h"

/* What a chart shows, independent of its size and of GTK's widgets: the
 * controller fills it, the chart lays it out, and the text alternative and
 * the table are read from it, so all three say the same numbers. */

static void
clear_series (gpointer data)
{
  CoChartSeries *series = data;

  g_free (series->name);
  g_array_unref (series->values);
}

/**
 * co_chart_data_new:
 * @kind: how to draw it
 * @title: the chart's name
 * @unit: (nullable): what a value counts ("views"), or %NULL for a rate
 *
 * Returns: (transfer full): an empty chart
 */
CoChartData *
co_chart_data_new (CoChartKind  kind,
                   const char  *title,
                   const char  *unit)
{
  CoChartData *data = g_new0 (CoChartData, 1);

  data->kind = kind;
  data->title = g_strdup (title);
  data->unit = g_strdup (unit);
  data->labels = g_ptr_array_new_with_free_func (g_free);
  data->series = g_array_new (FALSE, TRUE, sizeof (CoChartSeries));
  g_array_set_clear_func (data->series, clear_series);
  return data;
}

/** co_chart_data_free: @data: (transfer full) (nullable): a chart's data */
void
co_chart_data_free (CoChartData *data)
{
  if (data == NULL)
    return;
  g_free (data->title);
  g_free (data->unit);
  g_ptr_array_unref (data->labels);
  g_clear_pointer (&data->row_labels, g_ptr_array_unref);
  g_array_unref (data->series);
  g_free (data);
}

/**
 * co_chart_data_add_series:
 * @data: a chart's data
 * @name: the series' name
 * @color: its colour
 *
 * Returns: (transfer none): the new, empty series
 */
CoChartSeries *
co_chart_data_add_series (CoChartData   *data,
                          const char    *name,
                          const GdkRGBA *color)
{
  CoChartSeries series = { g_strdup (name), *color, g_array_new (FALSE, FALSE, sizeof (double)) };

  g_array_append_val (data->series, series);
  return &g_array_index (data->series, CoChartSeries, data->series->len - 1);
}

/** co_chart_series_add: @series: a series  @value: its next value */
void
co_chart_series_add (CoChartSeries *series,
                     double         value)
{
  g_array_append_val (series->values, value);
}

/** co_chart_data_get_series: @data: a chart's data  @index: a series  Returns: (transfer none): it */
CoChartSeries *
co_chart_data_get_series (const CoChartData *data,
                          guint              index)
{
  g_return_val_if_fail (index < data->series->len, NULL);
  return &g_array_index (data->series, CoChartSeries, index);
}

static double
value_at (const CoChartData *data,
          guint              series,
          guint              index)
{
  return g_array_index (co_chart_data_get_series (data, series)->values, double, index);
}

/** co_chart_data_max: @data: a chart's data  Returns: its largest value, or 0 */
double
co_chart_data_max (const CoChartData *data)
{
  double max = 0;

  for (guint s = 0; s < data->series->len; s++)
    for (guint i = 0; i < co_chart_data_get_series (data, s)->values->len; i++)
      max = MAX (max, value_at (data, s, i));
  return max;
}

/** co_chart_data_is_empty: @data: a chart's data  Returns: whether no value is above 0 */
gboolean
co_chart_data_is_empty (const CoChartData *data)
{
  return co_chart_data_max (data) <= 0;
}

/**
 * co_chart_data_format:
 * @data: a chart's data
 * @value: one of its values
 *
 * Returns: (transfer full): @value with its unit ("1200 views", "4.5 %")
 */
char *
co_chart_data_format (const CoChartData *data,
                      double             value)
{
  if (data->unit == NULL)
    return g_strdup_printf (_("%.1f %%"), value * 100);
  return g_strdup_printf ("%.0f %s", value, data->unit);
}

/* A heat map's cell or another chart's label, by the value's index. */
static char *
place_name (const CoChartData *data,
            guint              index)
{
  guint n = data->labels->len;

  if (data->kind == CO_CHART_HEAT && data->row_labels != NULL)
    return g_strdup_printf ("%s %s", (char *)g_ptr_array_index (data->row_labels, index / n),
                            (char *)g_ptr_array_index (data->labels, index % n));
  return g_strdup (g_ptr_array_index (data->labels, index));
}

/**
 * co_chart_data_point_text:
 * @data: a chart's data
 * @series: a series
 * @index: a value of it
 *
 * Returns: (transfer full): what the pointer over the value shows
 */
char *
co_chart_data_point_text (const CoChartData *data,
                          guint              series,
                          guint              index)
{
  g_autofree char *place = place_name (data, index);
  g_autofree char *value = co_chart_data_format (data, value_at (data, series, index));

  if (data->kind == CO_CHART_LINES && data->series->len > 1)
    return g_strdup_printf ("%s, %s: %s", co_chart_data_get_series (data, series)->name, place,
                            value);
  return g_strdup_printf ("%s: %s", place, value);
}

/* The series' sum, its highest value and where that is. */
static void
describe_series (const CoChartData *data,
                 guint              s,
                 GString           *text)
{
  const CoChartSeries *series = co_chart_data_get_series (data, s);
  g_autofree char *place = NULL, *max = NULL, *sum_text = NULL;
  double sum = 0;
  guint best = 0;

  for (guint i = 0; i < series->values->len; i++)
    {
      sum += value_at (data, s, i);
      if (value_at (data, s, i) > value_at (data, s, best))
        best = i;
    }
  place = place_name (data, best);
  max = co_chart_data_format (data, value_at (data, s, best));
  if (data->unit != NULL && data->kind == CO_CHART_LINES)
    {
      sum_text = co_chart_data_format (data, sum);
      /* Translators: a series, its sum, and where it was highest. */
      g_string_append_printf (text, _(" %s: %s in all, the most on %s (%s)."), series->name,
                              sum_text, place, max);
    }
  else
    /* Translators: a series, and where it was highest. */
    g_string_append_printf (text, _(" %s: highest at %s (%s)."), series->name, place, max);
}

/* The bars in order: "1. name, value; 2. …". */
static void
describe_bars (const CoChartData *data,
               GString           *text)
{
  for (guint i = 0; i < data->labels->len; i++)
    {
      g_autofree char *value = co_chart_data_format (data, value_at (data, 0, i));

      g_string_append_printf (text, "%s%u. %s, %s", i > 0 ? "; " : " ", i + 1,
                              (char *)g_ptr_array_index (data->labels, i), value);
    }
  g_string_append_c (text, '.');
}

/**
 * co_chart_data_describe:
 * @data: a chart's data
 *
 * Returns: (transfer full): the chart in words, for screen readers: each
 *   series with its numbers, or that there are none
 */
char *
co_chart_data_describe (const CoChartData *data)
{
  GString *text = g_string_new (data->title);

  g_string_append_c (text, '.');
  if (co_chart_data_is_empty (data))
    {
      g_string_append (text, _(" Nothing to show in this range."));
      return g_string_free (text, FALSE);
    }
  if (data->kind == CO_CHART_BARS)
    describe_bars (data, text);
  else
    for (guint s = 0; s < data->series->len; s++)
      describe_series (data, s, text);
  return g_string_free (text, FALSE);
}

/* Adds @text to @builder and frees it. */
static void
add_cell (GStrvBuilder *builder,
          char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

static void
add_row (GPtrArray    *rows,
         GStrvBuilder *builder)
{
  g_ptr_array_add (rows, g_strv_builder_end (builder));
}

/**
 * co_chart_data_table:
 * @data: a chart's data
 *
 * Returns: (transfer full) (element-type GStrv): the chart as a table, the
 *   header first: a row per label and a column per series (for a heat map,
 *   a row per cell that has a value)
 */
GPtrArray *
co_chart_data_table (const CoChartData *data)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();

  g_strv_builder_add (header, data->kind == CO_CHART_BARS ? _("Post")
                              : data->kind == CO_CHART_HEAT ? _("Time") : _("Day"));
  for (guint s = 0; s < data->series->len; s++)
    g_strv_builder_add (header, co_chart_data_get_series (data, s)->name);
  add_row (rows, header);
  for (guint i = 0; data->series->len > 0 && i < co_chart_data_get_series (data, 0)->values->len;
       i++)
    {
      g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

      if (data->kind == CO_CHART_HEAT && value_at (data, 0, i) <= 0)
        continue;
      add_cell (row, place_name (data, i));
      for (guint s = 0; s < data->series->len; s++)
        add_cell (row, co_chart_data_format (data, value_at (data, s, i)));
      add_row (rows, row);
    }
  return rows;
}

/**
 * co_chart_platform_color:
 * @platform: a #CoPlatform, or -1 for all of them
 * @out_color: (out caller-allocates): its colour in charts
 *
 * The colours come from the GNOME palette, one far from the next.
 */
void
co_chart_platform_color (int      platform,
                         GdkRGBA *out_color)
{
  static const char *const colors[] = {
    "#1c71d8", "#2ec27e", "#e66100", "#c01c28", "#9141ac", "#f5c211", "#865e3c",
  };

  gdk_rgba_parse (out_color, platform < 0 ? "#813d9c" : colors[platform % G_N_ELEMENTS (colors)]);
}
