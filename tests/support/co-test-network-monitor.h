/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A GNetworkMonitor whose answer to "is a network there" the test sets; it
 * emits network-changed when that answer changes, as GIO's monitors do.
 */

#define CO_TYPE_TEST_NETWORK_MONITOR (co_test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (CoTestNetworkMonitor, co_test_network_monitor, CO, TEST_NETWORK_MONITOR,
                      GObject)

CoTestNetworkMonitor *co_test_network_monitor_new           (gboolean              available);
void                  co_test_network_monitor_set_available (CoTestNetworkMonitor *self,
                                                             gboolean              available);

G_END_DECLS
