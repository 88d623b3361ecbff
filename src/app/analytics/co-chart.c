/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "co-chart-layout.h"
#include "co-chart.h"

/* A chart of any kind (lines, bars, heat map), drawn with GtkSnapshot from
 * the marks co_chart_layout() makes of its data.  The kinds differ only in
 * their layout, so one widget draws them all and the pointer's value, the
 * text alternative and the export work the same for each.  The value under
 * the pointer is its tooltip; the data in words is its accessible
 * description.  Focused, Left and Right step through the values (the help
 * overlay lists them), each outlined and said as the pointer's would be. */

struct _CoChart
{
  GtkWidget    parent_instance;

  /* Owned: what is drawn, and its marks at the last size drawn. */
  CoChartData *data;
  GArray      *marks;
  int          marks_width;
  int          marks_height;
  char        *description;
  char        *hover_text;
  int          selected;      /* the value stepped to with the keys, of the marks, or -1 */
};

G_DEFINE_FINAL_TYPE (CoChart, co_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HOVER_TEXT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static GArray *
get_marks (CoChart *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->marks == NULL || width != self->marks_width || height != self->marks_height)
    {
      g_clear_pointer (&self->marks, g_array_unref);
      self->marks = co_chart_layout (self->data, width, height);
      self->marks_width = width;
      self->marks_height = height;
    }
  return self->marks;
}

static void
set_hover_text (CoChart    *self,
                const char *text)
{
  if (g_strcmp0 (self->hover_text, text) == 0)
    return;
  g_free (self->hover_text);
  self->hover_text = g_strdup (text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_TEXT]);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           CoChart                  *self)
{
  const CoChartMark *mark = co_chart_layout_hit (get_marks (self), x, y);
  g_autofree char *text = NULL;

  if (mark != NULL)
    text = co_chart_data_point_text (self->data, mark->series, mark->index);
  set_hover_text (self, text);
}

static void
leave_cb (GtkEventControllerMotion *motion,
          CoChart                  *self)
{
  set_hover_text (self, NULL);
}

/* The next (or previous) mark of a value from the one selected. */
static void
step (CoChart *self,
      int      direction)
{
  GArray *marks = get_marks (self);
  int i = self->selected;
  g_autofree char *text = NULL;

  for (guint n = 0; n < marks->len; n++)
    {
      i = i < 0 ? (direction > 0 ? 0 : (int)marks->len - 1)
                : ((i + direction) % (int)marks->len + (int)marks->len) % (int)marks->len;
      if (g_array_index (marks, CoChartMark, i).series >= 0)
        {
          const CoChartMark *mark = &g_array_index (marks, CoChartMark, i);

          self->selected = i;
          text = co_chart_data_point_text (self->data, mark->series, mark->index);
          set_hover_text (self, text);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          return;
        }
    }
}

static void
step_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  step (CO_CHART (widget), g_str_equal (name, "chart.next") ? 1 : -1);
}

static void
snapshot_selected (CoChart     *self,
                   GtkSnapshot *snapshot,
                   GArray      *marks)
{
  const CoChartMark *mark;
  GskRoundedRect outline;
  GdkRGBA ink;
  float widths[4] = { 2, 2, 2, 2 };

  if (self->selected < 0 || self->selected >= (int)marks->len ||
      !gtk_widget_has_focus (GTK_WIDGET (self)))
    return;
  mark = &g_array_index (marks, CoChartMark, self->selected);
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &ink);
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (mark->x - 3, mark->y - 3,
                                                                  mark->w + 6, mark->h + 6), 0);
  gtk_snapshot_append_border (snapshot, &outline, widths,
                              (GdkRGBA[4]){ ink, ink, ink, ink });
}

static void
snapshot_line (GtkSnapshot       *snapshot,
               const CoChartMark *mark,
               const GdkRGBA     *color)
{
  double length = hypot (mark->w, mark->h);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (mark->x, mark->y));
  gtk_snapshot_rotate (snapshot, atan2 (mark->h, mark->w) * 180 / G_PI);
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (0, -mark->line_width / 2, length,
                                                  mark->line_width));
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_text (CoChart           *self,
               GtkSnapshot       *snapshot,
               const CoChartMark *mark,
               const GdkRGBA     *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), mark->text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (mark->x - mark->align * width, mark->y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
co_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  CoChart *self = CO_CHART (widget);
  GArray *marks = get_marks (self);
  GdkRGBA ink;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  for (guint i = 0; i < marks->len; i++)
    {
      const CoChartMark *mark = &g_array_index (marks, CoChartMark, i);
      GdkRGBA color = mark->ink ? ink : mark->color;

      if (mark->ink)
        color.alpha *= mark->color.alpha;
      if (mark->kind == CO_CHART_MARK_RECT)
        gtk_snapshot_append_color (snapshot, &color,
                                   &GRAPHENE_RECT_INIT (mark->x, mark->y, mark->w, mark->h));
      else if (mark->kind == CO_CHART_MARK_LINE)
        snapshot_line (snapshot, mark, &color);
      else
        snapshot_text (self, snapshot, mark, &color);
    }
  snapshot_selected (self, snapshot, marks);
}

static void
co_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  CoChart *self = CO_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 640;
      return;
    }
  *minimum = 200;
  *natural = self->data != NULL && self->data->kind == CO_CHART_BARS
             ? MAX (200, 24 + 32 * (int)self->data->labels->len) : 260;
}

static void
co_chart_finalize (GObject *object)
{
  CoChart *self = CO_CHART (object);

  g_clear_pointer (&self->data, co_chart_data_free);
  g_clear_pointer (&self->marks, g_array_unref);
  g_free (self->description);
  g_free (self->hover_text);

  G_OBJECT_CLASS (co_chart_parent_class)->finalize (object);
}

static void
co_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CoChart *self = CO_CHART (object);

  switch (prop_id)
    {
    case PROP_HOVER_TEXT:
      g_value_set_string (value, self->hover_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_chart_class_init (CoChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = co_chart_finalize;
  object_class->get_property = co_chart_get_property;
  widget_class->snapshot = co_chart_snapshot;
  widget_class->measure = co_chart_measure;

  properties[PROP_HOVER_TEXT] =
    g_param_spec_string ("hover-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "chart.previous", NULL, step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.previous", NULL);
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
co_chart_init (CoChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->selected = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

/** co_chart_new: Returns: (transfer floating): a chart with nothing to show */
GtkWidget *
co_chart_new (void)
{
  return g_object_new (CO_TYPE_CHART, NULL);
}

/**
 * co_chart_set_data:
 * @self: the chart
 * @data: (transfer full) (nullable): what to show
 *
 * Shows @data, and says it in words to screen readers.
 */
void
co_chart_set_data (CoChart     *self,
                   CoChartData *data)
{
  g_return_if_fail (CO_IS_CHART (self));

  g_clear_pointer (&self->data, co_chart_data_free);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->description, g_free);
  self->data = data;
  self->selected = -1;
  set_hover_text (self, NULL);
  if (data != NULL)
    {
      self->description = co_chart_data_describe (data);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, data->title,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                      -1);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/** co_chart_get_data: @self: the chart  Returns: (transfer none) (nullable): what it shows */
const CoChartData *
co_chart_get_data (CoChart *self)
{
  g_return_val_if_fail (CO_IS_CHART (self), NULL);
  return self->data;
}

/** co_chart_get_hover_text: @self: the chart  Returns: (nullable): the value under the pointer */
const char *
co_chart_get_hover_text (CoChart *self)
{
  g_return_val_if_fail (CO_IS_CHART (self), NULL);
  return self->hover_text;
}

/** co_chart_get_description: @self: the chart  Returns: (nullable): its text alternative */
const char *
co_chart_get_description (CoChart *self)
{
  g_return_val_if_fail (CO_IS_CHART (self), NULL);
  return self->description;
}
