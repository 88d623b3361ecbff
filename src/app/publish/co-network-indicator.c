/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-network-indicator.h"

/*
 * The network and the outbox in the header bar: shown while there is no
 * network (GNetworkMonitor) or while posts wait or failed; its icon says
 * which, its tooltip how many, and it opens the Outbox.
 */

struct _CoNetworkIndicator
{
  GtkWidget            parent_instance;

  /* Template children. */
  GtkButton           *button;

  /* Owned. */
  CoPublishController *controller;
  gulong               handler_ids[3];
  char                *tooltip;
};

G_DEFINE_FINAL_TYPE (CoNetworkIndicator, co_network_indicator, GTK_TYPE_WIDGET)

static const char *
icon_for (gboolean online,
          guint    failed)
{
  if (!online)
    return "network-offline-symbolic";
  return failed > 0 ? "dialog-warning-symbolic" : "mail-send-symbolic";
}

static void
update (CoNetworkIndicator *self)
{
  gboolean online = co_publish_controller_get_online (self->controller);
  guint waiting = co_publish_controller_get_n_waiting (self->controller);
  guint failed = co_publish_controller_get_n_failed (self->controller);
  const char *network = online ? _("Online")
                               : _("Offline: posts wait in the outbox until the network is back");
  g_autofree char *counts = g_strdup_printf (ngettext ("%u post waits", "%u posts wait", waiting),
                                             waiting);
  g_autofree char *failures = g_strdup_printf (ngettext ("%u failed", "%u failed", failed), failed);

  gtk_widget_set_visible (GTK_WIDGET (self), !online || waiting > 0 || failed > 0);
  gtk_button_set_icon_name (self->button, icon_for (online, failed));
  g_free (self->tooltip);
  /* Translators: the network's state, then the outbox's counts. */
  self->tooltip = g_strdup_printf (_("%s · %s, %s"), network, counts, failures);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), self->tooltip);
}

static void
disconnect (CoNetworkIndicator *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->handler_ids); i++)
    g_clear_signal_handler (&self->handler_ids[i], self->controller);
  g_clear_object (&self->controller);
}

static void
co_network_indicator_dispose (GObject *object)
{
  CoNetworkIndicator *self = (CoNetworkIndicator *)object;

  if (self->controller != NULL)
    disconnect (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_NETWORK_INDICATOR);

  G_OBJECT_CLASS (co_network_indicator_parent_class)->dispose (object);
}

static void
co_network_indicator_finalize (GObject *object)
{
  g_free (CO_NETWORK_INDICATOR (object)->tooltip);

  G_OBJECT_CLASS (co_network_indicator_parent_class)->finalize (object);
}

static void
co_network_indicator_class_init (CoNetworkIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_network_indicator_dispose;
  object_class->finalize = co_network_indicator_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/"
                                               "co-network-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, CoNetworkIndicator, button);
}

static void
co_network_indicator_init (CoNetworkIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_network_indicator_set_controller:
 * @self: the indicator
 * @controller: (nullable): the publishing it shows
 */
void
co_network_indicator_set_controller (CoNetworkIndicator  *self,
                                     CoPublishController *controller)
{
  static const char * const signals[] = { "notify::online", "notify::n-waiting",
                                          "notify::n-failed" };

  g_return_if_fail (CO_IS_NETWORK_INDICATOR (self));

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
  update (self);
}

/** co_network_indicator_get_icon_name: @self: the indicator  Returns: (nullable): its icon */
const char *
co_network_indicator_get_icon_name (CoNetworkIndicator *self)
{
  g_return_val_if_fail (CO_IS_NETWORK_INDICATOR (self), NULL);
  return gtk_button_get_icon_name (self->button);
}

/** co_network_indicator_get_tooltip: @self: the indicator  Returns: (nullable): its tooltip */
const char *
co_network_indicator_get_tooltip (CoNetworkIndicator *self)
{
  g_return_val_if_fail (CO_IS_NETWORK_INDICATOR (self), NULL);
  return self->tooltip;
}
