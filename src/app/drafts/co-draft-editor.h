/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-draft-links.h"
#include "co-drafts.h"
#include "co-platform-tab.h"

G_BEGIN_DECLS

#define CO_TYPE_DRAFT_EDITOR (co_draft_editor_get_type ())
G_DECLARE_FINAL_TYPE (CoDraftEditor, co_draft_editor, CO, DRAFT_EDITOR, GtkWidget)

void           co_draft_editor_set_library   (CoDraftEditor  *self,
                                              CoDrafts       *drafts,
                                              CoVault        *vault,
                                              GSettings      *settings);
gboolean       co_draft_editor_load          (CoDraftEditor  *self,
                                              gint64          id,
                                              GError        **error);
gint64         co_draft_editor_get_draft_id  (CoDraftEditor  *self);
gboolean       co_draft_editor_save          (CoDraftEditor  *self,
                                              GError        **error);
gboolean       co_draft_editor_get_dirty     (CoDraftEditor  *self);
gboolean       co_draft_editor_set_platform  (CoDraftEditor  *self,
                                              CoPlatform      platform,
                                              gboolean        target);
void           co_draft_editor_repurpose     (CoDraftEditor  *self,
                                              CoPlatform      platform);
CoPlatformTab *co_draft_editor_get_tab       (CoDraftEditor  *self,
                                              CoPlatform      platform);
GtkEditable   *co_draft_editor_get_title     (CoDraftEditor  *self);
GtkTextBuffer *co_draft_editor_get_body      (CoDraftEditor  *self);
CoDraftLinks  *co_draft_editor_get_links     (CoDraftEditor  *self);

G_END_DECLS
