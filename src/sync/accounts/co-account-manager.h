/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-account-book.h"
#include "co-account-profiler.h"
#include "co-http-client.h"
#include "co-oauth.h"
#include "co-service-config.h"
#include "co-token.h"

G_BEGIN_DECLS

#define CO_TYPE_ACCOUNT_MANAGER (co_account_manager_get_type ())
G_DECLARE_FINAL_TYPE (CoAccountManager, co_account_manager, CO, ACCOUNT_MANAGER, GObject)

CoAccountManager  *co_account_manager_new             (CoAccountBook        *book,
                                                       CoHttpClient         *client,
                                                       CoServiceConfig      *config);
CoAccountBook     *co_account_manager_get_book        (CoAccountManager     *self);
CoHttpClient      *co_account_manager_get_client      (CoAccountManager     *self);
CoServiceConfig   *co_account_manager_get_config      (CoAccountManager     *self);
void               co_account_manager_set_profiler    (CoAccountManager     *self,
                                                       CoPlatform            platform,
                                                       CoAccountProfiler    *profiler);
CoAccountProfiler *co_account_manager_dup_profiler    (CoAccountManager     *self,
                                                       CoPlatform            platform);

void               co_account_manager_connect_async   (CoAccountManager     *self,
                                                       CoPlatform            platform,
                                                       CoOAuthOpenFunc       open_func,
                                                       gpointer              open_data,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
CoAccount         *co_account_manager_connect_finish  (CoAccountManager     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void               co_account_manager_add_token_async (CoAccountManager     *self,
                                                       CoPlatform            platform,
                                                       const char           *token_json,
                                                       const char           *remote_id,
                                                       const char           *display_name,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
CoAccount         *co_account_manager_add_token_finish (CoAccountManager    *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void               co_account_manager_disconnect_async (CoAccountManager    *self,
                                                        gint64               account_id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
CoAccount         *co_account_manager_disconnect_finish (CoAccountManager   *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);
void               co_account_manager_check_async     (CoAccountManager     *self,
                                                       gint64                account_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
CoAccount         *co_account_manager_check_finish    (CoAccountManager     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void               co_account_manager_get_token_async (CoAccountManager     *self,
                                                       gint64                account_id,
                                                       gboolean              force_refresh,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
CoToken           *co_account_manager_get_token_finish (CoAccountManager    *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
