/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "co-chart-layout.h"
#include "co-chart.h"

/* A chart as a PNG picture or an SVG drawing: the marks the widget draws
 * with GtkSnapshot, drawn with cairo on a white page. */

static void
set_color (cairo_t           *cr,
           const CoChartMark *mark)
{
  if (mark->ink)
    cairo_set_source_rgba (cr, 0.14, 0.12, 0.19, mark->color.alpha);
  else
    cairo_set_source_rgba (cr, mark->color.red, mark->color.green, mark->color.blue,
                           mark->color.alpha);
}

static void
draw_text (cairo_t           *cr,
           const CoChartMark *mark)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 9");
  int width;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, mark->text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  cairo_move_to (cr, mark->x - mark->align * width, mark->y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_marks (cairo_t *cr,
            GArray  *marks,
            int      width,
            int      height)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (guint i = 0; i < marks->len; i++)
    {
      const CoChartMark *mark = &g_array_index (marks, CoChartMark, i);

      set_color (cr, mark);
      if (mark->kind == CO_CHART_MARK_RECT)
        {
          cairo_rectangle (cr, mark->x, mark->y, mark->w, mark->h);
          cairo_fill (cr);
        }
      else if (mark->kind == CO_CHART_MARK_LINE)
        {
          cairo_set_line_width (cr, mark->line_width);
          cairo_move_to (cr, mark->x, mark->y);
          cairo_rel_line_to (cr, mark->w, mark->h);
          cairo_stroke (cr);
        }
      else
        draw_text (cr, mark);
    }
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
create_surface (CoChartFormat  format,
                GByteArray    *bytes,
                int            width,
                int            height)
{
  if (format == CO_CHART_FORMAT_SVG)
    return cairo_svg_surface_create_for_stream (append_cb, bytes, width, height);
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
}

/**
 * co_chart_export:
 * @data: a chart's data
 * @format: PNG or SVG
 * @path: where to write it
 * @width: its width, in pixels (points, for SVG)
 * @height: its height
 * @error: return location for a #GError
 *
 * Draws the chart as the widget does, on a white page, into a file.
 *
 * Returns: %TRUE when the file was written, else %FALSE with a #GIOError
 *   naming @path
 */
gboolean
co_chart_export (const CoChartData  *data,
                 CoChartFormat       format,
                 const char         *path,
                 int                 width,
                 int                 height,
                 GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GArray) marks = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (data != NULL && path != NULL && width > 0 && height > 0, FALSE);

  marks = co_chart_layout (data, width, height);
  surface = create_surface (format, bytes, width, height);
  cr = cairo_create (surface);
  draw_marks (cr, marks, width, height);
  cairo_destroy (cr);
  if (format == CO_CHART_FORMAT_PNG)
    cairo_surface_write_to_png_stream (surface, append_cb, bytes);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot draw the chart “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_file_set_contents (path, (const char *)bytes->data, bytes->len, error))
    return TRUE;
  g_prefix_error (error, _("Cannot export the chart to “%s”: "), path);
  return FALSE;
}
