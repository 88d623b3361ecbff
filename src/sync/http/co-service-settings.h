/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-service-config.h"

G_BEGIN_DECLS

void co_service_config_apply_settings (CoServiceConfig *self,
                                       GSettings       *settings);

G_END_DECLS
