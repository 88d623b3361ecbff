/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      co_secrets_store_async   (const char           *platform,
                                    const char           *account,
                                    const char           *secret,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  co_secrets_store_finish  (GAsyncResult         *result,
                                    GError              **error);
void      co_secrets_lookup_async  (const char           *platform,
                                    const char           *account,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
char     *co_secrets_lookup_finish (GAsyncResult         *result,
                                    GError              **error);
void      co_secrets_clear_async   (const char           *platform,
                                    const char           *account,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  co_secrets_clear_finish  (GAsyncResult         *result,
                                    GError              **error);

G_END_DECLS
