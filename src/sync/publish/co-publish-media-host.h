/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *co_publish_media_host_put                 (const char           *path,
                                                     const char           *mime,
                                                     gpointer              config,
                                                     GError              **error);
gboolean  co_publish_media_host_check_folder        (const char           *folder,
                                                     GError              **error);
void      co_publish_media_host_check_folder_async  (const char           *folder,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
char     *co_publish_media_host_check_folder_finish (GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
