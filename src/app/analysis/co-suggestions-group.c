/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-duration.h"
#include "co-suggestions-group.h"

/* The edit suggestions of an analysis, one row each with its time, kind and
 * reason; activating a row asks to move the playhead there. */

struct _CoSuggestionsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template children. */
  GtkListBox          *suggestions_list;
  GtkLabel            *suggestions_empty;
};

G_DEFINE_FINAL_TYPE (CoSuggestionsGroup, co_suggestions_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_SEEK,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const char *
kind_label (CoEditPointKind kind)
{
  switch (kind)
    {
    case CO_EDIT_POINT_CUT_OUT:
      return _("Cut from here");
    case CO_EDIT_POINT_CUT_IN:
      return _("Cut to here");
    case CO_EDIT_POINT_PAUSE:
      return _("Pause kept");
    case CO_EDIT_POINT_SCENE:
    default:
      return _("Scene change");
    }
}

static const char *
kind_icon (CoEditPointKind kind)
{
  switch (kind)
    {
    case CO_EDIT_POINT_PAUSE:
      return "media-playback-pause-symbolic";
    case CO_EDIT_POINT_SCENE:
      return "camera-video-symbolic";
    case CO_EDIT_POINT_CUT_OUT:
    case CO_EDIT_POINT_CUT_IN:
    default:
      return "edit-cut-symbolic";
    }
}

static const char *
kind_class (CoEditPointKind kind)
{
  switch (kind)
    {
    case CO_EDIT_POINT_PAUSE:
      return "co-kind-pause";
    case CO_EDIT_POINT_SCENE:
      return "co-kind-scene";
    case CO_EDIT_POINT_CUT_OUT:
    case CO_EDIT_POINT_CUT_IN:
    default:
      return "co-kind-cut";
    }
}

static GtkWidget *
make_row (const CoEditPoint *point)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon (point->kind));
  g_autofree char *time = co_duration_format (MAX (point->time, 0), CO_DURATION_FORMAT_MILLIS);
  g_autofree char *title = g_strdup_printf ("%s · %s", time, kind_label (point->kind));
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_reason = g_markup_escape_text (point->reason, -1);

  gtk_widget_add_css_class (icon, kind_class (point->kind));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_reason);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Move the playhead here"));
  g_object_set_data_full (G_OBJECT (row), "co-time",
                          g_memdup2 (&point->time, sizeof point->time), g_free);
  return row;
}

static void
suggestion_activated_cb (GtkListBox         *list,
                         GtkListBoxRow      *row,
                         CoSuggestionsGroup *self)
{
  const double *time = g_object_get_data (G_OBJECT (row), "co-time");

  if (time != NULL)
    g_signal_emit (self, signals[SIGNAL_SEEK], 0, *time);
}

static void
co_suggestions_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CO_TYPE_SUGGESTIONS_GROUP);

  G_OBJECT_CLASS (co_suggestions_group_parent_class)->dispose (object);
}

static void
co_suggestions_group_class_init (CoSuggestionsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_suggestions_group_dispose;

  /**
   * CoSuggestionsGroup::seek:
   * @self: the group
   * @time: the suggestion's time, in seconds
   *
   * A suggestion was activated: the page moves the playhead to it.
   */
  signals[SIGNAL_SEEK] = g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-suggestions-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CoSuggestionsGroup, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, CoSuggestionsGroup, suggestions_empty);
  gtk_widget_class_bind_template_callback (widget_class, suggestion_activated_cb);
}

static void
co_suggestions_group_init (CoSuggestionsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_suggestions_group_set_analysis:
 * @self: the group
 * @analysis: (nullable): the analysis whose edit points to list, or %NULL
 *   for none
 */
void
co_suggestions_group_set_analysis (CoSuggestionsGroup *self,
                                   const CoAnalysis   *analysis)
{
  gsize n = 0;
  const CoEditPoint *points = analysis ? co_analysis_get_edit_points (analysis, &n) : NULL;
  g_autofree char *description = NULL;
  GtkWidget *child;

  g_return_if_fail (CO_IS_SUGGESTIONS_GROUP (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);
  for (gsize i = 0; i < n; i++)
    gtk_list_box_append (self->suggestions_list, make_row (&points[i]));
  description = g_strdup_printf (ngettext ("%u marker; activate one to move the playhead there",
                                           "%u markers; activate one to move the playhead there",
                                           n), (guint)n);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), n > 0 ? description : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_empty), n == 0);
  gtk_label_set_label (self->suggestions_empty,
                       _("No suggestions with these settings. Try a lower silence threshold "
                         "or a shorter minimum silence."));
}

/** co_suggestions_group_get_list: @self: the group  Returns: (transfer none): its list of rows */
GtkListBox *
co_suggestions_group_get_list (CoSuggestionsGroup *self)
{
  g_return_val_if_fail (CO_IS_SUGGESTIONS_GROUP (self), NULL);
  return self->suggestions_list;
}
