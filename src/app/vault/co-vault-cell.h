/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "co-thumbnail-cache.h"
#include "co-vault-item.h"

G_BEGIN_DECLS

#define CO_TYPE_VAULT_CELL (co_vault_cell_get_type ())
G_DECLARE_FINAL_TYPE (CoVaultCell, co_vault_cell, CO, VAULT_CELL, GtkWidget)

GtkWidget   *co_vault_cell_new      (CoThumbnailCache *cache);
CoVaultItem *co_vault_cell_get_item (CoVaultCell      *self);
void         co_vault_cell_set_item (CoVaultCell      *self,
                                     CoVaultItem      *item);

G_END_DECLS
