/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-account.h"
#include "co-store.h"

G_BEGIN_DECLS

/*
 * The accounts the library publishes to: one row each, with the platform, who
 * the account is there and whether it works.  No token ever comes here; the
 * keyring holds those (sync/accounts).
 */

#define CO_TYPE_ACCOUNT_BOOK (co_account_book_get_type ())
G_DECLARE_FINAL_TYPE (CoAccountBook, co_account_book, CO, ACCOUNT_BOOK, GObject)

CoAccountBook *co_account_book_new       (CoStore         *store);
CoStore       *co_account_book_get_store (CoAccountBook   *self);
GListModel    *co_account_book_list      (CoAccountBook   *self,
                                          GError         **error);
CoAccount     *co_account_book_get       (CoAccountBook   *self,
                                          gint64           id,
                                          GError         **error);
CoAccount     *co_account_book_find      (CoAccountBook   *self,
                                          CoPlatform       platform,
                                          const char      *remote_id);
CoAccount     *co_account_book_save      (CoAccountBook   *self,
                                          CoPlatform       platform,
                                          const char      *remote_id,
                                          const char      *display_name,
                                          gint64           now,
                                          GError         **error);
gboolean       co_account_book_set_state (CoAccountBook   *self,
                                          gint64           id,
                                          CoAccountState   state,
                                          gint64           checked_at,
                                          GError         **error);

G_END_DECLS
