/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-thumbnail-cache.h"
#include "co-vault.h"

G_BEGIN_DECLS

#define CO_TYPE_ITEM_DETAILS (co_item_details_get_type ())
G_DECLARE_FINAL_TYPE (CoItemDetails, co_item_details, CO, ITEM_DETAILS, GtkWidget)

void         co_item_details_set_vault (CoItemDetails    *self,
                                        CoVault          *vault,
                                        CoThumbnailCache *cache);
CoVaultItem *co_item_details_get_item  (CoItemDetails    *self);
void         co_item_details_set_item  (CoItemDetails    *self,
                                        CoVaultItem      *item);
void         co_item_details_reload    (CoItemDetails    *self);

G_END_DECLS
