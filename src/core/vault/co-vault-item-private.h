/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "co-vault-item.h"

G_BEGIN_DECLS

/* The columns _co_vault_item_new_from_row() reads, in order, prefixed by the
 * table alias "v". */
#define CO_VAULT_ITEM_COLUMNS \
  "v.id, v.type, v.title, v.body, v.notes, v.mime, v.size, v.sha256, v.width, v.height, " \
  "v.duration, v.codecs, v.source_url, v.original_name, v.created_at, v.imported_at, " \
  "v.trashed_at, v.excluded, v.phash, " \
  "(SELECT group_concat (t.name, char (31)) FROM " \
  "   (SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id " \
  "    WHERE it.item_id = v.id ORDER BY t.name COLLATE NOCASE) t)"

CoVaultItem *_co_vault_item_new_from_row (sqlite3_stmt *stmt);

G_END_DECLS
