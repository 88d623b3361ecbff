/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-vault-model.h"

G_BEGIN_DECLS

#define CO_TYPE_VAULT_PICKER (co_vault_picker_get_type ())
G_DECLARE_FINAL_TYPE (CoVaultPicker, co_vault_picker, CO, VAULT_PICKER, GtkWidget)

void            co_vault_picker_set_vault  (CoVaultPicker *self,
                                            CoVault       *vault);
CoVaultModel   *co_vault_picker_get_model  (CoVaultPicker *self);
GtkSearchEntry *co_vault_picker_get_search (CoVaultPicker *self);
void            co_vault_picker_activate   (CoVaultPicker *self,
                                            guint          position);

G_END_DECLS
