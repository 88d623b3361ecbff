/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "co-draft.h"

G_BEGIN_DECLS

/* The columns _co_draft_new_from_row() reads, in order, for the table alias
 * "d".  Variants, links and files are added by _co_drafts_load_details(),
 * a query each for a whole page of drafts. */
#define CO_DRAFT_COLUMNS \
  "d.id, d.stage, d.title, d.body, d.origin_id, d.created_at, d.updated_at, d.stage_changed_at"

/* The columns _co_draft_variant_new_from_row() reads, after the draft id,
 * for the aliases "v" (draft_variants) and "s" (its schedule entry). */
#define CO_DRAFT_VARIANT_COLUMNS \
  "v.draft_id, v.platform, v.title, v.body, v.post_id, v.post_url, v.published_at, s.at, s.zone"

CoDraft        *_co_draft_new_from_row         (sqlite3_stmt *stmt);
CoDraftVariant *_co_draft_variant_new_from_row (sqlite3_stmt *stmt,
                                                const char   *draft_title,
                                                const char   *draft_body);

/* While a draft is built, before anyone else sees it. */
void            _co_draft_add_variant          (CoDraft      *self,
                                                sqlite3_stmt *stmt);
void            _co_draft_add_item             (CoDraft      *self,
                                                gint64        item_id);
void            _co_draft_add_file             (CoDraft      *self,
                                                const char   *sha256);

G_END_DECLS
