/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-draft-board.h"
#include "co-draft-editor.h"
#include "co-drafts.h"
#include "co-vault.h"

G_BEGIN_DECLS

/**
 * CoDraftsView:
 * @CO_DRAFTS_VIEW_EMPTY: the library has no draft: the empty state
 * @CO_DRAFTS_VIEW_BOARD: the board
 * @CO_DRAFTS_VIEW_EDITOR: the editor of one draft
 *
 * What the Drafts section shows.
 */
typedef enum
{
  CO_DRAFTS_VIEW_EMPTY,
  CO_DRAFTS_VIEW_BOARD,
  CO_DRAFTS_VIEW_EDITOR,
} CoDraftsView;

#define CO_TYPE_DRAFTS_VIEW (co_drafts_view_get_type ())
GType co_drafts_view_get_type (void) G_GNUC_CONST;

#define CO_TYPE_DRAFTS_PAGE (co_drafts_page_get_type ())
G_DECLARE_FINAL_TYPE (CoDraftsPage, co_drafts_page, CO, DRAFTS_PAGE, GtkWidget)

void            co_drafts_page_set_library   (CoDraftsPage *self,
                                              CoDrafts     *drafts,
                                              CoVault      *vault,
                                              GSettings    *settings);
CoDrafts       *co_drafts_page_get_drafts    (CoDraftsPage *self);
CoDraftBoard   *co_drafts_page_get_board     (CoDraftsPage *self);
CoDraftEditor  *co_drafts_page_get_editor    (CoDraftsPage *self);
GtkSearchEntry *co_drafts_page_get_search    (CoDraftsPage *self);
GtkDropDown    *co_drafts_page_get_platforms (CoDraftsPage *self);
CoDraftsView    co_drafts_page_get_view      (CoDraftsPage *self);
gint64          co_drafts_page_new_draft     (CoDraftsPage *self);
gboolean        co_drafts_page_focus_draft   (CoDraftsPage *self,
                                              gint64        id);
gboolean        co_drafts_page_open          (CoDraftsPage *self,
                                              gint64        id);
void            co_drafts_page_show_board    (CoDraftsPage *self);

G_END_DECLS
