/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-network-monitor.h"

struct _CoTestNetworkMonitor
{
  GObject  parent_instance;

  gboolean available;
};

enum
{
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static void co_test_network_monitor_iface_init (GNetworkMonitorInterface *iface);
static void co_test_network_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoTestNetworkMonitor, co_test_network_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      co_test_network_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      co_test_network_monitor_iface_init))

static gboolean
co_test_network_monitor_can_reach (GNetworkMonitor     *monitor,
                                   GSocketConnectable  *connectable,
                                   GCancellable        *cancellable,
                                   GError             **error)
{
  if (CO_TEST_NETWORK_MONITOR (monitor)->available)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE,
                       "The test's network is not there");
  return FALSE;
}

static void
co_test_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = co_test_network_monitor_can_reach;
}

static gboolean
co_test_network_monitor_initable_init_cb (GInitable     *initable,
                                          GCancellable  *cancellable,
                                          GError       **error)
{
  return TRUE;
}

static void
co_test_network_monitor_initable_init (GInitableIface *iface)
{
  iface->init = co_test_network_monitor_initable_init_cb;
}

static void
co_test_network_monitor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CoTestNetworkMonitor *self = CO_TEST_NETWORK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_test_network_monitor_class_init (CoTestNetworkMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = co_test_network_monitor_get_property;
  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
co_test_network_monitor_init (CoTestNetworkMonitor *self)
{
}

CoTestNetworkMonitor *
co_test_network_monitor_new (gboolean available)
{
  CoTestNetworkMonitor *self = g_object_new (CO_TYPE_TEST_NETWORK_MONITOR, NULL);

  self->available = available;
  return self;
}

/* Says whether the network is there; a change is announced. */
void
co_test_network_monitor_set_available (CoTestNetworkMonitor *self,
                                       gboolean              available)
{
  g_return_if_fail (CO_IS_TEST_NETWORK_MONITOR (self));

  if (self->available == available)
    return;
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}
