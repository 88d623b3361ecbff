/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include "co-reanalyse-popover.h"

/* The analysis settings of the Media page's Re-analyse button: the silence
 * threshold, the shortest silence, the padding, the pauses kept and scene
 * changes.  Its Analyse button runs the page's media.reanalyse action,
 * which reads the settings back. */

struct _CoReanalysePopover
{
  GtkPopover     parent_instance;

  /* Template children. */
  GtkSpinButton *threshold_spin;
  GtkSpinButton *min_silence_spin;
  GtkSpinButton *padding_spin;
  GtkSpinButton *keep_pauses_spin;
  AdwActionRow  *scenes_row;
  GtkSwitch     *scenes_switch;
};

G_DEFINE_FINAL_TYPE (CoReanalysePopover, co_reanalyse_popover, GTK_TYPE_POPOVER)

static void
co_reanalyse_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CO_TYPE_REANALYSE_POPOVER);

  G_OBJECT_CLASS (co_reanalyse_popover_parent_class)->dispose (object);
}

static void
co_reanalyse_popover_class_init (CoReanalysePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_reanalyse_popover_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-reanalyse-popover.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoReanalysePopover, name)
  BIND (threshold_spin);
  BIND (min_silence_spin);
  BIND (padding_spin);
  BIND (keep_pauses_spin);
  BIND (scenes_row);
  BIND (scenes_switch);
#undef BIND
}

static void
co_reanalyse_popover_init (CoReanalysePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_reanalyse_popover_set_params:
 * @self: the popover
 * @params: the settings to show
 */
void
co_reanalyse_popover_set_params (CoReanalysePopover     *self,
                                 const CoAnalysisParams *params)
{
  g_return_if_fail (CO_IS_REANALYSE_POPOVER (self));
  g_return_if_fail (params != NULL);

  gtk_spin_button_set_value (self->threshold_spin, params->threshold_db);
  gtk_spin_button_set_value (self->min_silence_spin, params->min_silence);
  gtk_spin_button_set_value (self->padding_spin, params->padding);
  gtk_spin_button_set_value (self->keep_pauses_spin, params->keep_pauses_over);
  gtk_switch_set_active (self->scenes_switch, params->scenes);
}

/**
 * co_reanalyse_popover_get_params:
 * @self: the popover
 * @params: (inout): parameters, of which the settings shown are replaced
 */
void
co_reanalyse_popover_get_params (CoReanalysePopover *self,
                                 CoAnalysisParams   *params)
{
  g_return_if_fail (CO_IS_REANALYSE_POPOVER (self));
  g_return_if_fail (params != NULL);

  params->threshold_db = gtk_spin_button_get_value (self->threshold_spin);
  params->min_silence = gtk_spin_button_get_value (self->min_silence_spin);
  params->padding = gtk_spin_button_get_value (self->padding_spin);
  params->keep_pauses_over = gtk_spin_button_get_value (self->keep_pauses_spin);
  params->scenes = gtk_switch_get_active (self->scenes_switch);
}

/**
 * co_reanalyse_popover_set_video:
 * @self: the popover
 * @video: whether the item has pictures, in which scene changes can be found
 */
void
co_reanalyse_popover_set_video (CoReanalysePopover *self,
                                gboolean            video)
{
  g_return_if_fail (CO_IS_REANALYSE_POPOVER (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->scenes_row), video);
}
