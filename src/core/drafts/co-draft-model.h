/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-drafts.h"

G_BEGIN_DECLS

#define CO_TYPE_DRAFT_MODEL (co_draft_model_get_type ())
G_DECLARE_FINAL_TYPE (CoDraftModel, co_draft_model, CO, DRAFT_MODEL, GObject)

CoDraftModel *co_draft_model_new               (CoDrafts           *drafts,
                                                const CoDraftQuery *query);
CoDraftModel *co_draft_model_new_for_stage     (CoDrafts           *drafts,
                                                CoDraftStage        stage);
CoDrafts     *co_draft_model_get_drafts        (CoDraftModel       *self);
guint         co_draft_model_get_stages        (CoDraftModel       *self);
void          co_draft_model_set_stages        (CoDraftModel       *self,
                                                guint               stages);
gboolean      co_draft_model_get_platform      (CoDraftModel       *self,
                                                CoPlatform         *out_platform);
void          co_draft_model_set_platform      (CoDraftModel       *self,
                                                const CoPlatform   *platform);
const char   *co_draft_model_get_search        (CoDraftModel       *self);
void          co_draft_model_set_search        (CoDraftModel       *self,
                                                const char         *search);
CoDraftSort   co_draft_model_get_sort          (CoDraftModel       *self);
void          co_draft_model_set_sort          (CoDraftModel       *self,
                                                CoDraftSort         sort);
const GError *co_draft_model_get_error         (CoDraftModel       *self);
guint         co_draft_model_get_n_loaded_pages (CoDraftModel      *self);
void          co_draft_model_refresh           (CoDraftModel       *self);

G_END_DECLS
