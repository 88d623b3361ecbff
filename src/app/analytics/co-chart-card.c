/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-analytics-save.h"
#include "co-chart-card.h"

/* A chart with its title, a "Show as Table" toggle that puts the chart's
 * numbers in a table (for the keyboard and screen readers as much as for
 * reading them), and its export as PNG or SVG. */

struct _CoChartCard
{
  GtkWidget        parent_instance;

  /* Template children. */
  GtkWidget       *box;
  GtkLabel        *title_label;
  GtkToggleButton *table_toggle;
  GtkWidget       *export_button;
  GtkStack        *view_stack;
  CoChart         *chart;
  GtkGrid         *table_grid;
};

G_DEFINE_FINAL_TYPE (CoChartCard, co_chart_card, GTK_TYPE_WIDGET)

static void
clear_table (CoChartCard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);
}

static void
fill_table (CoChartCard       *self,
            const CoChartData *data)
{
  g_autoptr(GPtrArray) rows = co_chart_data_table (data);

  clear_table (self);
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      for (int c = 0; cells[c] != NULL; c++)
        {
          GtkWidget *label = gtk_label_new (cells[c]);

          gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
          if (r == 0)
            gtk_widget_add_css_class (label, "heading");
          else if (c > 0)
            gtk_widget_add_css_class (label, "numeric");
          gtk_grid_attach (self->table_grid, label, c, r, 1, 1);
        }
    }
}

static void
table_toggled_cb (GtkToggleButton *toggle,
                  CoChartCard     *self)
{
  gtk_stack_set_visible_child_name (self->view_stack,
                                    gtk_toggle_button_get_active (toggle) ? "table" : "chart");
}

static gboolean
save_chart (GtkWidget   *widget,
            const char  *kind,
            const char  *path,
            GError     **error)
{
  return co_chart_card_export (CO_CHART_CARD (widget),
                               g_str_equal (kind, "svg") ? CO_CHART_FORMAT_SVG
                                                         : CO_CHART_FORMAT_PNG, path, error);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CoChartCard *self = CO_CHART_CARD (widget);
  const char *kind = g_variant_get_string (param, NULL);
  g_autofree char *file_name = g_strdup_printf ("%s.%s", gtk_label_get_label (self->title_label),
                                                kind);

  co_analytics_save_as (widget, _("Export Chart"), file_name, kind, save_chart);
}

static void
co_chart_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CO_TYPE_CHART_CARD);

  G_OBJECT_CLASS (co_chart_card_parent_class)->dispose (object);
}

static void
co_chart_card_class_init (CoChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_chart_card_dispose;

  g_type_ensure (CO_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-chart-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CoChartCard, box);
  gtk_widget_class_bind_template_child (widget_class, CoChartCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CoChartCard, table_toggle);
  gtk_widget_class_bind_template_child (widget_class, CoChartCard, export_button);
  gtk_widget_class_bind_template_child (widget_class, CoChartCard, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CoChartCard, chart);
  gtk_widget_class_bind_template_child (widget_class, CoChartCard, table_grid);
  gtk_widget_class_bind_template_callback (widget_class, table_toggled_cb);
  gtk_widget_class_install_action (widget_class, "card.export", "s", export_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
co_chart_card_init (CoChartCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_chart_card_set_data:
 * @self: the card
 * @data: (transfer full): what the chart shows
 */
void
co_chart_card_set_data (CoChartCard *self,
                        CoChartData *data)
{
  g_return_if_fail (CO_IS_CHART_CARD (self) && data != NULL);

  gtk_label_set_label (self->title_label, data->title);
  fill_table (self, data);
  co_chart_set_data (self->chart, data);
}

/** co_chart_card_get_chart: @self: the card  Returns: (transfer none): its chart */
CoChart *
co_chart_card_get_chart (CoChartCard *self)
{
  g_return_val_if_fail (CO_IS_CHART_CARD (self), NULL);
  return self->chart;
}

/** co_chart_card_get_table: @self: the card  Returns: (transfer none): its table, a #GtkGrid */
GtkWidget *
co_chart_card_get_table (CoChartCard *self)
{
  g_return_val_if_fail (CO_IS_CHART_CARD (self), NULL);
  return GTK_WIDGET (self->table_grid);
}

/** co_chart_card_set_table_shown: @self: the card  @shown: whether the table shows instead */
void
co_chart_card_set_table_shown (CoChartCard *self,
                               gboolean     shown)
{
  g_return_if_fail (CO_IS_CHART_CARD (self));
  gtk_toggle_button_set_active (self->table_toggle, shown);
}

/** co_chart_card_get_table_shown: @self: the card  Returns: whether the table shows */
gboolean
co_chart_card_get_table_shown (CoChartCard *self)
{
  g_return_val_if_fail (CO_IS_CHART_CARD (self), FALSE);
  return gtk_toggle_button_get_active (self->table_toggle);
}

/**
 * co_chart_card_export:
 * @self: the card
 * @format: PNG or SVG
 * @path: where to write it
 * @error: return location for a #GError
 *
 * Returns: as co_chart_export(), at %CO_CHART_EXPORT_WIDTH × %CO_CHART_EXPORT_HEIGHT
 */
gboolean
co_chart_card_export (CoChartCard    *self,
                      CoChartFormat   format,
                      const char     *path,
                      GError        **error)
{
  const CoChartData *data;

  g_return_val_if_fail (CO_IS_CHART_CARD (self), FALSE);

  data = co_chart_get_data (self->chart);
  if (data == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot export “%s”: the chart shows nothing yet"), path);
      return FALSE;
    }
  return co_chart_export (data, format, path, CO_CHART_EXPORT_WIDTH, CO_CHART_EXPORT_HEIGHT,
                          error);
}
