/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * CoVaultType:
 * @CO_VAULT_TYPE_ANY: no type (in filters: every type)
 * @CO_VAULT_TYPE_IMAGE: a still image
 * @CO_VAULT_TYPE_VIDEO: a video, with or without sound
 * @CO_VAULT_TYPE_AUDIO: sound only
 * @CO_VAULT_TYPE_NOTE: a text note (typed in or imported from a text file)
 * @CO_VAULT_TYPE_LINK: a web address
 */
typedef enum
{
  CO_VAULT_TYPE_ANY,
  CO_VAULT_TYPE_IMAGE,
  CO_VAULT_TYPE_VIDEO,
  CO_VAULT_TYPE_AUDIO,
  CO_VAULT_TYPE_NOTE,
  CO_VAULT_TYPE_LINK,
} CoVaultType;

const char  *co_vault_type_to_string   (CoVaultType  type);
gboolean     co_vault_type_from_string (const char  *name,
                                        CoVaultType *out_type);
gboolean     co_vault_type_is_visual   (CoVaultType  type);

#define CO_TYPE_VAULT_ITEM (co_vault_item_get_type ())
G_DECLARE_FINAL_TYPE (CoVaultItem, co_vault_item, CO, VAULT_ITEM, GObject)

gint64              co_vault_item_get_id            (CoVaultItem *self);
CoVaultType         co_vault_item_get_item_type     (CoVaultItem *self);
const char         *co_vault_item_get_title         (CoVaultItem *self);
const char         *co_vault_item_get_body          (CoVaultItem *self);
const char         *co_vault_item_get_notes         (CoVaultItem *self);
const char         *co_vault_item_get_mime          (CoVaultItem *self);
gint64              co_vault_item_get_size          (CoVaultItem *self);
const char         *co_vault_item_get_sha256        (CoVaultItem *self);
int                 co_vault_item_get_width         (CoVaultItem *self);
int                 co_vault_item_get_height        (CoVaultItem *self);
double              co_vault_item_get_duration      (CoVaultItem *self);
const char         *co_vault_item_get_codecs        (CoVaultItem *self);
const char         *co_vault_item_get_source_url    (CoVaultItem *self);
const char         *co_vault_item_get_original_name (CoVaultItem *self);
gint64              co_vault_item_get_created_at    (CoVaultItem *self);
gint64              co_vault_item_get_imported_at   (CoVaultItem *self);
gint64              co_vault_item_get_trashed_at    (CoVaultItem *self);
gboolean            co_vault_item_get_trashed       (CoVaultItem *self);
gboolean            co_vault_item_get_excluded      (CoVaultItem *self);
const char * const *co_vault_item_get_tags          (CoVaultItem *self);
gboolean            co_vault_item_get_phash         (CoVaultItem *self,
                                                     guint64     *out_phash);
JsonNode           *co_vault_item_to_json           (CoVaultItem *self);

G_END_DECLS
