/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-vault-model.h"

G_BEGIN_DECLS

#define CO_TYPE_VAULT_PAGE (co_vault_page_get_type ())
G_DECLARE_FINAL_TYPE (CoVaultPage, co_vault_page, CO, VAULT_PAGE, GtkWidget)

GtkWidget      *co_vault_page_new              (gboolean      trash_mode);
void            co_vault_page_set_vault        (CoVaultPage  *self,
                                                CoVault      *vault);
void            co_vault_page_set_settings     (CoVaultPage  *self,
                                                GSettings    *settings);
CoVaultModel   *co_vault_page_get_model        (CoVaultPage  *self);
GtkGridView    *co_vault_page_get_grid_view    (CoVaultPage  *self);
GtkSearchEntry *co_vault_page_get_search_entry (CoVaultPage  *self);
CoVaultItem    *co_vault_page_get_current_item (CoVaultPage  *self);
void            co_vault_page_select           (CoVaultPage  *self,
                                                guint         position);
void            co_vault_page_focus_search     (CoVaultPage  *self);
void            co_vault_page_show_details     (CoVaultPage  *self,
                                                gboolean      show);
gboolean        co_vault_page_get_populated    (CoVaultPage  *self);
gboolean        co_vault_page_get_busy         (CoVaultPage  *self);

G_END_DECLS
