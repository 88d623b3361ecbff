/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-draft-column.h"

G_BEGIN_DECLS

#define CO_TYPE_DRAFT_BOARD (co_draft_board_get_type ())
G_DECLARE_FINAL_TYPE (CoDraftBoard, co_draft_board, CO, DRAFT_BOARD, GtkWidget)

void           co_draft_board_set_drafts (CoDraftBoard     *self,
                                          CoDrafts         *drafts);
CoDraftColumn *co_draft_board_get_column (CoDraftBoard     *self,
                                          CoDraftStage      stage);
void           co_draft_board_set_filter (CoDraftBoard     *self,
                                          const char       *search,
                                          const CoPlatform *platform);
void           co_draft_board_move       (CoDraftBoard     *self,
                                          gint64            id,
                                          CoDraftStage      stage);
guint          co_draft_board_get_moving (CoDraftBoard     *self);

G_END_DECLS
