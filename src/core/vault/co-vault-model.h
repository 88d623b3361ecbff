/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-vault.h"

G_BEGIN_DECLS

#define CO_TYPE_VAULT_MODEL (co_vault_model_get_type ())
G_DECLARE_FINAL_TYPE (CoVaultModel, co_vault_model, CO, VAULT_MODEL, GObject)

CoVaultModel *co_vault_model_new        (CoVault       *vault);
CoVaultModel *co_vault_model_new_for_query (CoVault            *vault,
                                            const CoVaultQuery *query);
CoVault      *co_vault_model_get_vault  (CoVaultModel  *self);
const char   *co_vault_model_get_search (CoVaultModel  *self);
void          co_vault_model_set_search (CoVaultModel  *self,
                                         const char    *search);
CoVaultType   co_vault_model_get_filter_type (CoVaultModel *self);
void          co_vault_model_set_filter_type (CoVaultModel *self,
                                              CoVaultType   type);
const char   *co_vault_model_get_tag    (CoVaultModel  *self);
void          co_vault_model_set_tag    (CoVaultModel  *self,
                                         const char    *tag);
CoVaultSort   co_vault_model_get_sort   (CoVaultModel  *self);
void          co_vault_model_set_sort   (CoVaultModel  *self,
                                         CoVaultSort    sort);
CoVaultTrash  co_vault_model_get_trash  (CoVaultModel  *self);
void          co_vault_model_set_trash  (CoVaultModel  *self,
                                         CoVaultTrash   trash);
const GError *co_vault_model_get_error  (CoVaultModel  *self);
guint         co_vault_model_get_n_loaded_pages (CoVaultModel *self);
void          co_vault_model_refresh    (CoVaultModel  *self);

G_END_DECLS
