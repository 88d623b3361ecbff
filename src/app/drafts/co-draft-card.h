/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-draft.h"

G_BEGIN_DECLS

#define CO_TYPE_DRAFT_CARD (co_draft_card_get_type ())
G_DECLARE_FINAL_TYPE (CoDraftCard, co_draft_card, CO, DRAFT_CARD, GtkWidget)

GtkWidget *co_draft_card_new       (void);
CoDraft   *co_draft_card_get_draft (CoDraftCard *self);
void       co_draft_card_set_draft (CoDraftCard *self,
                                    CoDraft     *draft);

G_END_DECLS
