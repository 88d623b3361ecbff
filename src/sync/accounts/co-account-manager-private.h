/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-account-manager.h"

G_BEGIN_DECLS

/* The keyring side (co-account-tokens.c): a token per account, as JSON. */
void      _co_account_tokens_load_async   (CoPlatform            platform,
                                           const char           *remote_id,
                                           gint64                now,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
CoToken  *_co_account_tokens_load_finish  (GAsyncResult         *result,
                                           GError              **error);
void      _co_account_tokens_store_async  (CoPlatform            platform,
                                           const char           *remote_id,
                                           const CoToken        *token,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  _co_account_tokens_store_finish (GAsyncResult         *result,
                                           GError              **error);
gint64    _co_account_manager_now         (CoAccountManager     *self);
void      _co_account_manager_mark        (CoAccountManager     *self,
                                           gint64                account_id,
                                           CoAccountState        state,
                                           gboolean              checked);

G_END_DECLS

G_BEGIN_DECLS

/* Refreshes in flight, by account id: one at a time per account, shared by all
 * who ask meanwhile (a rotating refresh token is good for one use). */
GHashTable *_co_account_manager_lock_refreshes   (CoAccountManager *self);
void        _co_account_manager_unlock_refreshes (CoAccountManager *self);

G_END_DECLS
