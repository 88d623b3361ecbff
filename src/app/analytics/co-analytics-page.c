/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-analytics-page.h"
#include "co-analytics-save.h"
#include "co-ui-util.h"

/* The Analytics section: a range (7, 30 or 90 days, or the days the user
 * types) and a platform, the summary's figures with their growth on the
 * range before, and the charts.  What it shows comes from its controller. */

static const int preset_days[] = { 7, 30, 90 };
#define CUSTOM_CHOICE G_N_ELEMENTS (preset_days)

static const char *const figure_names[CO_ANALYTICS_N_FIGURES] = {
  N_("Posts"), N_("Views"), N_("Likes"), N_("Comments"), N_("Shares"), N_("Engagement"),
};

static const char *const csv_kinds[] = { "daily", "posts", "platforms" };

struct _CoAnalyticsPage
{
  GtkWidget              parent_instance;

  /* Template children. */
  GtkWidget             *box;
  GtkDropDown           *range_choice;
  GtkWidget             *custom_box;
  GtkEntry              *first_entry;
  GtkEntry              *last_entry;
  GtkWidget             *apply_button;
  GtkDropDown           *platform_choice;
  GtkWidget             *csv_button;
  GtkLabel              *range_error;
  GtkStack              *content_stack;
  AdwStatusPage         *empty_page;
  AdwStatusPage         *failed_page;
  GtkFlowBox            *summary_box;
  CoChartCard           *views_card;
  CoChartCard           *engagement_card;
  CoChartCard           *top_card;
  CoChartCard           *heat_card;

  /* Borrowed: the summary's labels, children of summary_box. */
  GtkLabel              *values[CO_ANALYTICS_N_FIGURES];
  GtkLabel              *growths[CO_ANALYTICS_N_FIGURES];

  /* Owned. */
  CoAnalyticsController *controller;
};

G_DEFINE_FINAL_TYPE (CoAnalyticsPage, co_analytics_page, GTK_TYPE_WIDGET)

static void
show_figures (CoAnalyticsPage *self)
{
  for (int f = 0; f < CO_ANALYTICS_N_FIGURES; f++)
    {
      g_autofree char *value = co_analytics_controller_format_figure (self->controller, f);
      g_autofree char *growth = co_analytics_controller_format_growth (self->controller, f);

      gtk_label_set_label (self->values[f], value);
      gtk_label_set_label (self->growths[f], growth);
    }
}

static void
view_changed_cb (CoAnalyticsController *controller,
                 GParamSpec            *pspec,
                 CoAnalyticsPage       *self)
{
  if (co_analytics_controller_get_view (controller) == NULL)
    return;
  show_figures (self);
  for (CoAnalyticsChart c = 0; c < CO_ANALYTICS_N_CHARTS; c++)
    co_chart_card_set_data (co_analytics_page_get_card (self, c),
                            co_analytics_controller_make_chart (controller, c));
}

static void
state_changed_cb (CoAnalyticsController *controller,
                  GParamSpec            *pspec,
                  CoAnalyticsPage       *self)
{
  CoAnalyticsState state = co_analytics_controller_get_state (controller);
  const GError *error = co_analytics_controller_get_error (controller);

  gtk_widget_set_visible (GTK_WIDGET (self->range_error), state == CO_ANALYTICS_STATE_INVALID);
  if (state == CO_ANALYTICS_STATE_INVALID && error != NULL)
    gtk_label_set_label (self->range_error, error->message);
  else if (state == CO_ANALYTICS_STATE_EMPTY)
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
  else if (state == CO_ANALYTICS_STATE_READY)
    gtk_stack_set_visible_child_name (self->content_stack, "charts");
  else if (state == CO_ANALYTICS_STATE_FAILED && error != NULL)
    {
      adw_status_page_set_description (self->failed_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "failed");
    }
}

static void
range_changed_cb (GtkDropDown     *choice,
                  GParamSpec      *pspec,
                  CoAnalyticsPage *self)
{
  guint selected = gtk_drop_down_get_selected (choice);

  gtk_widget_set_visible (self->custom_box, selected == CUSTOM_CHOICE);
  if (selected == CUSTOM_CHOICE)
    gtk_widget_grab_focus (GTK_WIDGET (self->first_entry));
  else if (self->controller != NULL && selected < G_N_ELEMENTS (preset_days))
    co_analytics_controller_set_days (self->controller, preset_days[selected]);
}

static void
custom_apply_cb (GtkWidget       *widget,
                 CoAnalyticsPage *self)
{
  if (self->controller == NULL)
    return;
  /* A refused range is said by the state's error, under the choices. */
  co_analytics_controller_set_custom (self->controller,
                                      gtk_editable_get_text (GTK_EDITABLE (self->first_entry)),
                                      gtk_editable_get_text (GTK_EDITABLE (self->last_entry)),
                                      NULL);
}

static void
platform_changed_cb (GtkDropDown     *choice,
                     GParamSpec      *pspec,
                     CoAnalyticsPage *self)
{
  CoPlatform platform;

  if (self->controller == NULL)
    return;
  co_analytics_controller_set_platform (self->controller,
                                        co_ui_platform_filter_get (choice, &platform)
                                        ? &platform : NULL);
}

static gboolean
save_csv (GtkWidget   *widget,
          const char  *kind,
          const char  *path,
          GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (csv_kinds); i++)
    if (g_str_equal (kind, csv_kinds[i]))
      return co_analytics_page_export_csv (CO_ANALYTICS_PAGE (widget), i, path, error);
  g_return_val_if_reached (FALSE);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  const char *kind = g_variant_get_string (param, NULL);
  g_autofree char *file_name = g_strdup_printf ("analytics-%s.csv", kind);

  co_analytics_save_as (widget, _("Export CSV"), file_name, kind, save_csv);
}

/* A figure's box: its name, its value and its growth. */
static void
add_figure (CoAnalyticsPage   *self,
            CoAnalyticsFigure  figure)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (_(figure_names[figure]));

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (name, "caption-heading");
  self->values[figure] = GTK_LABEL (gtk_label_new ("–"));
  gtk_widget_add_css_class (GTK_WIDGET (self->values[figure]), "title-2");
  gtk_widget_add_css_class (GTK_WIDGET (self->values[figure]), "numeric");
  self->growths[figure] = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->growths[figure], TRUE);
  gtk_label_set_justify (self->growths[figure], GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->growths[figure]), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->growths[figure]), "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->values[figure]));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->growths[figure]));
  gtk_widget_set_margin_top (name, 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->growths[figure]), 6);
  gtk_flow_box_append (self->summary_box, box);
}

static void
co_analytics_page_dispose (GObject *object)
{
  CoAnalyticsPage *self = CO_ANALYTICS_PAGE (object);

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_clear_object (&self->controller);
  gtk_widget_dispose_template (GTK_WIDGET (object), CO_TYPE_ANALYTICS_PAGE);

  G_OBJECT_CLASS (co_analytics_page_parent_class)->dispose (object);
}

static void
co_analytics_page_class_init (CoAnalyticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_analytics_page_dispose;

  g_type_ensure (CO_TYPE_CHART_CARD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-analytics-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoAnalyticsPage, name)
  BIND (box);
  BIND (range_choice);
  BIND (custom_box);
  BIND (first_entry);
  BIND (last_entry);
  BIND (apply_button);
  BIND (platform_choice);
  BIND (csv_button);
  BIND (range_error);
  BIND (content_stack);
  BIND (empty_page);
  BIND (failed_page);
  BIND (summary_box);
  BIND (views_card);
  BIND (engagement_card);
  BIND (top_card);
  BIND (heat_card);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, platform_changed_cb);
  gtk_widget_class_install_action (widget_class, "analytics.export-csv", "s", export_csv_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
co_analytics_page_init (CoAnalyticsPage *self)
{
  g_autoptr(GListModel) platforms = co_ui_platform_filter_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->platform_choice, platforms);
  for (CoAnalyticsFigure f = 0; f < CO_ANALYTICS_N_FIGURES; f++)
    add_figure (self, f);
}

/**
 * co_analytics_page_set_store:
 * @self: the page
 * @store: the open library
 *
 * Shows the metrics of @store, in the local zone, for the range chosen.
 */
void
co_analytics_page_set_store (CoAnalyticsPage *self,
                             CoStore         *store)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  guint selected;

  g_return_if_fail (CO_IS_ANALYTICS_PAGE (self) && CO_IS_STORE (store));
  g_return_if_fail (self->controller == NULL);

  self->controller = co_analytics_controller_new (store, zone);
  g_signal_connect (self->controller, "notify::state", G_CALLBACK (state_changed_cb), self);
  g_signal_connect (self->controller, "notify::error", G_CALLBACK (state_changed_cb), self);
  g_signal_connect (self->controller, "notify::view", G_CALLBACK (view_changed_cb), self);
  selected = gtk_drop_down_get_selected (self->range_choice);
  co_analytics_controller_set_days (self->controller,
                                    preset_days[selected < CUSTOM_CHOICE ? selected : 1]);
}

/**
 * co_analytics_page_get_controller:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): what the page shows, once a library is set
 */
CoAnalyticsController *
co_analytics_page_get_controller (CoAnalyticsPage *self)
{
  g_return_val_if_fail (CO_IS_ANALYTICS_PAGE (self), NULL);
  return self->controller;
}

/** co_analytics_page_get_card: @self: the page  @chart: a chart  Returns: (transfer none): its card */
CoChartCard *
co_analytics_page_get_card (CoAnalyticsPage  *self,
                            CoAnalyticsChart  chart)
{
  g_return_val_if_fail (CO_IS_ANALYTICS_PAGE (self), NULL);

  switch (chart)
    {
    case CO_ANALYTICS_CHART_VIEWS:
      return self->views_card;
    case CO_ANALYTICS_CHART_ENGAGEMENT:
      return self->engagement_card;
    case CO_ANALYTICS_CHART_TOP_POSTS:
      return self->top_card;
    case CO_ANALYTICS_CHART_HEAT_MAP:
    case CO_ANALYTICS_N_CHARTS:
    default:
      return self->heat_card;
    }
}

/**
 * co_analytics_page_get_shown:
 * @self: the page
 *
 * Returns: "loading", "empty", "failed" or "charts"
 */
const char *
co_analytics_page_get_shown (CoAnalyticsPage *self)
{
  g_return_val_if_fail (CO_IS_ANALYTICS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

/**
 * co_analytics_page_get_range_error:
 * @self: the page
 *
 * Returns: (nullable): why the range typed was refused, as shown, or %NULL
 */
const char *
co_analytics_page_get_range_error (CoAnalyticsPage *self)
{
  g_return_val_if_fail (CO_IS_ANALYTICS_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->range_error)))
    return NULL;
  return gtk_label_get_label (self->range_error);
}

/**
 * co_analytics_page_get_figure:
 * @self: the page
 * @figure: a figure of the summary
 * @growth: its growth rather than its value
 *
 * Returns: the text shown
 */
const char *
co_analytics_page_get_figure (CoAnalyticsPage   *self,
                              CoAnalyticsFigure  figure,
                              gboolean           growth)
{
  g_return_val_if_fail (CO_IS_ANALYTICS_PAGE (self) && figure < CO_ANALYTICS_N_FIGURES, NULL);
  return gtk_label_get_label (growth ? self->growths[figure] : self->values[figure]);
}

/**
 * co_analytics_page_choose_days:
 * @self: the page
 * @days: 7, 30 or 90
 *
 * Chooses the last @days days, as a user does in the range's choice.
 */
void
co_analytics_page_choose_days (CoAnalyticsPage *self,
                               int              days)
{
  g_return_if_fail (CO_IS_ANALYTICS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (preset_days); i++)
    if (preset_days[i] == days)
      {
        /* Chosen again, it reads the range again. */
        if (gtk_drop_down_get_selected (self->range_choice) == i)
          range_changed_cb (self->range_choice, NULL, self);
        gtk_drop_down_set_selected (self->range_choice, i);
        return;
      }
  g_return_if_reached ();
}

/**
 * co_analytics_page_choose_custom:
 * @self: the page
 * @first_day: what to type as the first day
 * @last_day: what to type as the last day
 *
 * Chooses a custom range as a user does: the choice, the two days, Enter.
 */
void
co_analytics_page_choose_custom (CoAnalyticsPage *self,
                                 const char      *first_day,
                                 const char      *last_day)
{
  g_return_if_fail (CO_IS_ANALYTICS_PAGE (self));

  gtk_drop_down_set_selected (self->range_choice, CUSTOM_CHOICE);
  gtk_editable_set_text (GTK_EDITABLE (self->first_entry), first_day);
  gtk_editable_set_text (GTK_EDITABLE (self->last_entry), last_day);
  g_signal_emit_by_name (self->last_entry, "activate");
}

/**
 * co_analytics_page_choose_platform:
 * @self: the page
 * @platform: (nullable): a platform, or %NULL for all
 */
void
co_analytics_page_choose_platform (CoAnalyticsPage  *self,
                                   const CoPlatform *platform)
{
  g_return_if_fail (CO_IS_ANALYTICS_PAGE (self));
  gtk_drop_down_set_selected (self->platform_choice, platform != NULL ? *platform + 1 : 0);
}

/**
 * co_analytics_page_export_csv:
 * @self: the page
 * @kind: which table
 * @path: where to write it
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was written, else %FALSE with a #GFileError
 *   naming @path, or %G_IO_ERROR_NOT_FOUND before anything is shown
 */
gboolean
co_analytics_page_export_csv (CoAnalyticsPage  *self,
                              CoAnalyticsCsv    kind,
                              const char       *path,
                              GError          **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (CO_IS_ANALYTICS_PAGE (self) && path != NULL, FALSE);

  csv = self->controller != NULL ? co_analytics_controller_to_csv (self->controller, kind) : NULL;
  if (csv == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot export “%s”: no metrics are shown yet"), path);
      return FALSE;
    }
  if (g_file_set_contents (path, csv, -1, error))
    return TRUE;
  g_prefix_error (error, _("Cannot export the table to “%s”: "), path);
  return FALSE;
}
