/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-draft-model.h"

G_BEGIN_DECLS

#define CO_TYPE_DRAFT_COLUMN (co_draft_column_get_type ())
G_DECLARE_FINAL_TYPE (CoDraftColumn, co_draft_column, CO, DRAFT_COLUMN, GtkWidget)

CoDraftStage  co_draft_column_get_stage     (CoDraftColumn    *self);
void          co_draft_column_set_drafts    (CoDraftColumn    *self,
                                             CoDrafts         *drafts);
CoDraftModel *co_draft_column_get_model     (CoDraftColumn    *self);
GtkListView  *co_draft_column_get_list_view (CoDraftColumn    *self);
void          co_draft_column_set_filter    (CoDraftColumn    *self,
                                             const char       *search,
                                             const CoPlatform *platform);
gboolean      co_draft_column_focus_draft   (CoDraftColumn    *self,
                                             gint64            id);

G_END_DECLS
