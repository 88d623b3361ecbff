/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-mirror-indicator.h"

/*
 * The cloud mirror in the header bar: an icon for what it does (up to date,
 * syncing, offline, failed), the reason in its tooltip, and a popover with
 * the server, the last sync, Sync Now and the conflicts.  Hidden while no
 * server is set up.
 */

struct _CoMirrorIndicator
{
  GtkWidget           parent_instance;

  /* Template children. */
  GtkMenuButton      *button;
  GtkPopover         *popover;
  GtkLabel           *server_label;
  GtkLabel           *status_label;
  GtkLabel           *last_label;
  GtkProgressBar     *progress;
  GtkButton          *conflicts_button;

  /* Owned. */
  CoMirrorController *controller;
  gulong              handler_ids[5];
  GBinding           *fraction_binding;   /* the running sync's job to the bar */
  char               *tooltip;
};

G_DEFINE_FINAL_TYPE (CoMirrorIndicator, co_mirror_indicator, GTK_TYPE_WIDGET)

static const char *
icon_for (CoMirrorState state,
          guint         n_conflicts)
{
  switch (state)
    {
    case CO_MIRROR_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case CO_MIRROR_STATE_OFFLINE:
      return "network-offline-symbolic";
    case CO_MIRROR_STATE_ERROR:
      return "dialog-error-symbolic";
    case CO_MIRROR_STATE_UNCONFIGURED:
    case CO_MIRROR_STATE_IDLE:
    default:
      return n_conflicts > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic";
    }
}

static void
update (CoMirrorIndicator *self)
{
  CoMirrorState state = co_mirror_controller_get_state (self->controller);
  guint n = co_mirror_controller_get_n_conflicts (self->controller);
  g_autofree char *url = co_mirror_controller_dup_server_url (self->controller);
  g_autofree char *summary = co_mirror_controller_dup_summary (self->controller);
  g_autofree char *last = co_mirror_controller_dup_last_sync_text (self->controller);
  g_autofree char *last_text = g_strdup_printf (_("Last sync: %s"), last);
  g_autofree char *conflicts = g_strdup_printf (ngettext ("%u _Conflict…", "%u _Conflicts…", n),
                                                n);

  gtk_widget_set_visible (GTK_WIDGET (self), url != NULL || n > 0);
  gtk_menu_button_set_icon_name (self->button, icon_for (state, n));
  g_free (self->tooltip);
  self->tooltip = n > 0 ? g_strdup_printf (ngettext ("%s (%u conflict)", "%s (%u conflicts)", n),
                                           summary, n)
                        : g_strdup (summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), self->tooltip);
  gtk_label_set_label (self->server_label, url != NULL ? url : _("Cloud Mirror"));
  gtk_label_set_label (self->status_label, summary);
  gtk_label_set_label (self->last_label, last_text);
  gtk_button_set_label (self->conflicts_button, conflicts);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), state == CO_MIRROR_STATE_SYNCING);
}

/* The binding goes with its job too, so the indicator keeps a reference. */
static void
clear_binding (CoMirrorIndicator *self)
{
  if (self->fraction_binding == NULL)
    return;
  g_binding_unbind (self->fraction_binding);
  g_clear_object (&self->fraction_binding);
}

/* The bar follows the job of the sync that runs. */
static void
job_changed (CoMirrorIndicator *self)
{
  CoJob *job = co_mirror_controller_get_job (self->controller);

  clear_binding (self);
  if (job != NULL)
    self->fraction_binding = g_object_ref (g_object_bind_property (job, "fraction",
                                                                   self->progress, "fraction",
                                                                   G_BINDING_SYNC_CREATE));
}

static void
disconnect (CoMirrorIndicator *self)
{
  clear_binding (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->handler_ids); i++)
    g_clear_signal_handler (&self->handler_ids[i], self->controller);
  g_clear_object (&self->controller);
}

static void
co_mirror_indicator_dispose (GObject *object)
{
  CoMirrorIndicator *self = (CoMirrorIndicator *)object;

  if (self->controller != NULL)
    disconnect (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_MIRROR_INDICATOR);

  G_OBJECT_CLASS (co_mirror_indicator_parent_class)->dispose (object);
}

static void
co_mirror_indicator_finalize (GObject *object)
{
  CoMirrorIndicator *self = (CoMirrorIndicator *)object;

  g_free (self->tooltip);

  G_OBJECT_CLASS (co_mirror_indicator_parent_class)->finalize (object);
}

static void
co_mirror_indicator_class_init (CoMirrorIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_mirror_indicator_dispose;
  object_class->finalize = co_mirror_indicator_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/"
                                               "co-mirror-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, CoMirrorIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorIndicator, server_label);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorIndicator, status_label);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorIndicator, last_label);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorIndicator, progress);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorIndicator, conflicts_button);
}

static void
co_mirror_indicator_init (CoMirrorIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cloud mirror"), -1);
}

/**
 * co_mirror_indicator_set_controller:
 * @self: the indicator
 * @controller: (nullable): the mirror it shows
 */
void
co_mirror_indicator_set_controller (CoMirrorIndicator  *self,
                                    CoMirrorController *controller)
{
  static const char * const signals[] = {
    "notify::state", "notify::message", "notify::n-conflicts", "notify::last-sync",
  };

  g_return_if_fail (CO_IS_MIRROR_INDICATOR (self));

  if (self->controller == controller)
    return;
  if (self->controller != NULL)
    disconnect (self);
  if (controller == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  self->controller = g_object_ref (controller);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    self->handler_ids[i] = g_signal_connect_swapped (controller, signals[i], G_CALLBACK (update),
                                                     self);
  self->handler_ids[G_N_ELEMENTS (signals)] =
    g_signal_connect_swapped (controller, "notify::job", G_CALLBACK (job_changed), self);
  job_changed (self);
  update (self);
}

/** co_mirror_indicator_get_icon_name: @self: the indicator  Returns: (nullable): its icon */
const char *
co_mirror_indicator_get_icon_name (CoMirrorIndicator *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_INDICATOR (self), NULL);
  return gtk_menu_button_get_icon_name (self->button);
}

/** co_mirror_indicator_get_tooltip: @self: the indicator  Returns: (nullable): its tooltip */
const char *
co_mirror_indicator_get_tooltip (CoMirrorIndicator *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_INDICATOR (self), NULL);
  return self->tooltip;
}

/**
 * co_mirror_indicator_get_fraction:
 * @self: the indicator
 *
 * Returns: how far its progress bar is, 0 to 1
 */
double
co_mirror_indicator_get_fraction (CoMirrorIndicator *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_INDICATOR (self), 0);
  return gtk_progress_bar_get_fraction (self->progress);
}

/** co_mirror_indicator_popup: @self: the indicator  Opens its popover. */
void
co_mirror_indicator_popup (CoMirrorIndicator *self)
{
  g_return_if_fail (CO_IS_MIRROR_INDICATOR (self));
  gtk_menu_button_popup (self->button);
}

/** co_mirror_indicator_popdown: @self: the indicator  Closes its popover. */
void
co_mirror_indicator_popdown (CoMirrorIndicator *self)
{
  g_return_if_fail (CO_IS_MIRROR_INDICATOR (self));
  gtk_menu_button_popdown (self->button);
}
