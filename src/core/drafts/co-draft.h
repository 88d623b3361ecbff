/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "co-draft-error.h"
#include "co-draft-stage.h"
#include "co-platform.h"

G_BEGIN_DECLS

/*
 * A draft and its per-platform variants, as immutable snapshots of their rows:
 * views that show them are refreshed from CoDrafts after a change (its
 * "changed" signal), never patched in place.
 */

#define CO_TYPE_DRAFT_VARIANT (co_draft_variant_get_type ())
G_DECLARE_FINAL_TYPE (CoDraftVariant, co_draft_variant, CO, DRAFT_VARIANT, GObject)

CoPlatform   co_draft_variant_get_platform       (CoDraftVariant *self);
const char  *co_draft_variant_get_title_override (CoDraftVariant *self);
const char  *co_draft_variant_get_body_override  (CoDraftVariant *self);
const char  *co_draft_variant_get_title          (CoDraftVariant *self);
const char  *co_draft_variant_get_text           (CoDraftVariant *self);
gint64       co_draft_variant_get_scheduled_at   (CoDraftVariant *self);
const char  *co_draft_variant_get_zone           (CoDraftVariant *self);
const char  *co_draft_variant_get_post_id        (CoDraftVariant *self);
const char  *co_draft_variant_get_post_url       (CoDraftVariant *self);
gint64       co_draft_variant_get_published_at   (CoDraftVariant *self);
gboolean     co_draft_variant_check_text         (CoDraftVariant *self,
                                                  GError        **error);
JsonNode    *co_draft_variant_to_json            (CoDraftVariant *self);

#define CO_TYPE_DRAFT (co_draft_get_type ())
G_DECLARE_FINAL_TYPE (CoDraft, co_draft, CO, DRAFT, GObject)

gint64              co_draft_get_id               (CoDraft     *self);
CoDraftStage        co_draft_get_stage            (CoDraft     *self);
const char         *co_draft_get_title            (CoDraft     *self);
const char         *co_draft_get_body             (CoDraft     *self);
gint64              co_draft_get_origin_id        (CoDraft     *self);
gint64              co_draft_get_created_at       (CoDraft     *self);
gint64              co_draft_get_updated_at       (CoDraft     *self);
gint64              co_draft_get_stage_changed_at (CoDraft     *self);
gboolean            co_draft_get_read_only        (CoDraft     *self);
GListModel         *co_draft_get_variants         (CoDraft     *self);
CoDraftVariant     *co_draft_get_variant          (CoDraft     *self,
                                                   CoPlatform   platform);
gboolean            co_draft_has_platform         (CoDraft     *self,
                                                   CoPlatform   platform);
const gint64       *co_draft_get_item_ids         (CoDraft     *self,
                                                   guint       *n_items);
const char * const *co_draft_get_files            (CoDraft     *self);
JsonNode           *co_draft_to_json              (CoDraft     *self);

G_END_DECLS
