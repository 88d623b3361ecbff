/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-http-client.h"
#include "co-platform.h"
#include "co-service-config.h"
#include "co-token.h"

G_BEGIN_DECLS

/* How long the loopback redirect waits for the browser. */
#define CO_OAUTH_BROWSER_TIMEOUT (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)

/**
 * CoOAuthOpenFunc:
 * @uri: the authorization address to open in the user's browser
 * @user_data: the data given with the function
 *
 * Shows the sign-in page: the app opens it with gtk_show_uri(), the CLI prints
 * it.  Called once, on the thread that started the sign-in.
 */
typedef void (*CoOAuthOpenFunc) (const char *uri,
                                 gpointer    user_data);

const char *co_oauth_get_authorize_path (CoPlatform            platform);
const char *co_oauth_get_token_path     (CoPlatform            platform);
char       *co_oauth_dup_token_url      (CoServiceConfig      *config,
                                         CoPlatform            platform);

void        co_oauth_authorize_async    (CoHttpClient         *client,
                                         CoServiceConfig      *config,
                                         CoPlatform            platform,
                                         CoOAuthOpenFunc       open_func,
                                         gpointer              open_data,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
CoToken    *co_oauth_authorize_finish   (GAsyncResult         *result,
                                         GError              **error);
void        co_oauth_refresh_async      (CoHttpClient         *client,
                                         CoServiceConfig      *config,
                                         CoPlatform            platform,
                                         const char           *refresh_token,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
CoToken    *co_oauth_refresh_finish     (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
