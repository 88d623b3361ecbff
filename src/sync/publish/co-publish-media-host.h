/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *co_publish_media_host_put (const char  *path,
                                 const char  *mime,
                                 gpointer     config,
                                 GError     **error);

G_END_DECLS
