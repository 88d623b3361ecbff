/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-publish-controller.h"

G_BEGIN_DECLS

#define CO_TYPE_PUBLISH_SERVICE (co_publish_service_get_type ())
G_DECLARE_FINAL_TYPE (CoPublishService, co_publish_service, CO, PUBLISH_SERVICE, GObject)

CoPublishService    *co_publish_service_new            (const char        *data_dir,
                                                        GSettings         *settings,
                                                        GError           **error);
CoPublishController *co_publish_service_get_controller (CoPublishService  *self);
void                 co_publish_service_stop           (CoPublishService  *self);
void                 co_publish_start_scheduler        (CoPublishController *controller,
                                                        GSettings         *settings,
                                                        guint              first_delay_s);

G_END_DECLS
