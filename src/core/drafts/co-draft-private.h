/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "co-draft.h"

G_BEGIN_DECLS

/* The columns _co_draft_new_from_row() reads, in order, for the table alias
 * "d".  Variants (with their schedule entry), vault item links and stored
 * file references come as JSON arrays, so that a page of drafts is one
 * query. */
#define CO_DRAFT_COLUMNS \
  "d.id, d.stage, d.title, d.body, d.origin_id, d.created_at, d.updated_at, " \
  "d.stage_changed_at, " \
  "(SELECT json_group_array (json_object ('platform', x.platform, 'title', x.title," \
  "   'body', x.body, 'post_id', x.post_id, 'post_url', x.post_url," \
  "   'published_at', x.published_at, 'at', x.at, 'zone', x.zone))" \
  " FROM (SELECT v.*, s.at, s.zone FROM draft_variants v" \
  "       LEFT JOIN schedule_entries s ON s.draft_id = v.draft_id AND s.platform = v.platform" \
  "       WHERE v.draft_id = d.id ORDER BY v.platform) x), " \
  "(SELECT json_group_array (i.item_id) FROM" \
  "   (SELECT item_id FROM draft_items WHERE draft_id = d.id ORDER BY position) i), " \
  "(SELECT json_group_array (r.sha256) FROM" \
  "   (SELECT sha256 FROM asset_refs WHERE owner_kind = 'draft' AND owner_id = d.id" \
  "    ORDER BY created_at, sha256) r)"

CoDraft        *_co_draft_new_from_row          (sqlite3_stmt *stmt);
CoDraftVariant *_co_draft_variant_new_from_json (JsonObject   *object,
                                                 const char   *draft_title,
                                                 const char   *draft_body);

G_END_DECLS
