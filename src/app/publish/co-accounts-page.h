/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-publish-controller.h"

G_BEGIN_DECLS

#define CO_TYPE_ACCOUNTS_PAGE (co_accounts_page_get_type ())
G_DECLARE_FINAL_TYPE (CoAccountsPage, co_accounts_page, CO, ACCOUNTS_PAGE, AdwPreferencesPage)

GtkWidget  *co_accounts_page_new             (CoPublishController *controller);
const char *co_accounts_page_get_status      (CoAccountsPage      *self,
                                              CoPlatform           platform);
const char *co_accounts_page_get_sign_in_uri (CoAccountsPage      *self);
const char *co_accounts_page_get_error       (CoAccountsPage      *self);
gboolean    co_accounts_page_get_busy        (CoAccountsPage      *self);

G_END_DECLS
