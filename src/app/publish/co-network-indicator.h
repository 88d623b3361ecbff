/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "co-publish-controller.h"

G_BEGIN_DECLS

#define CO_TYPE_NETWORK_INDICATOR (co_network_indicator_get_type ())
G_DECLARE_FINAL_TYPE (CoNetworkIndicator, co_network_indicator, CO, NETWORK_INDICATOR, GtkWidget)

void        co_network_indicator_set_controller (CoNetworkIndicator  *self,
                                                 CoPublishController *controller);
const char *co_network_indicator_get_icon_name  (CoNetworkIndicator  *self);
const char *co_network_indicator_get_tooltip    (CoNetworkIndicator  *self);

G_END_DECLS
