/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-drafts.h"
#include "co-vault-picker.h"

G_BEGIN_DECLS

#define CO_TYPE_DRAFT_LINKS (co_draft_links_get_type ())
G_DECLARE_FINAL_TYPE (CoDraftLinks, co_draft_links, CO, DRAFT_LINKS, GtkWidget)

void           co_draft_links_set_library (CoDraftLinks *self,
                                           CoDrafts     *drafts,
                                           CoVault      *vault);
void           co_draft_links_show        (CoDraftLinks *self,
                                           CoDraft      *draft);
gboolean       co_draft_links_link        (CoDraftLinks *self,
                                           gint64        item_id);
gboolean       co_draft_links_unlink      (CoDraftLinks *self,
                                           gint64        item_id);
guint          co_draft_links_get_n_items (CoDraftLinks *self);
CoVaultPicker *co_draft_links_get_picker  (CoDraftLinks *self);
gboolean       co_draft_links_drop        (CoDraftLinks *self,
                                           const GValue *value);

G_END_DECLS
