/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include "co-draft-json.h"
#include "co-draft-private.h"

struct _CoDraft
{
  GObject       parent_instance;

  gint64        id;
  CoDraftStage  stage;
  char         *title;
  char         *body;
  gint64        origin_id;
  gint64        created_at;
  gint64        updated_at;
  gint64        stage_changed_at;
  GListStore   *variants;
  GArray       *item_ids;
  GPtrArray    *files;      /* NULL-terminated */
};

G_DEFINE_FINAL_TYPE (CoDraft, co_draft, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STAGE,
  PROP_TITLE,
  PROP_BODY,
  PROP_READ_ONLY,
  PROP_UPDATED_AT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
co_draft_finalize (GObject *object)
{
  CoDraft *self = (CoDraft *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_object (&self->variants);
  g_clear_pointer (&self->item_ids, g_array_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);

  G_OBJECT_CLASS (co_draft_parent_class)->finalize (object);
}

static void
co_draft_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CoDraft *self = CO_DRAFT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, co_draft_get_read_only (self));
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_draft_class_init (CoDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = co_draft_finalize;
  object_class->get_property = co_draft_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_STAGE] = g_param_spec_enum ("stage", NULL, NULL, CO_TYPE_DRAFT_STAGE,
                                              CO_DRAFT_STAGE_SAVED, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_draft_init (CoDraft *self)
{
  self->variants = g_list_store_new (CO_TYPE_DRAFT_VARIANT);
  self->item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Reserving one slot makes pdata a NULL-terminated array even when empty. */
  self->files = g_ptr_array_new_null_terminated (1, g_free, TRUE);
}

/* Builds a draft, without its details yet, from a row of CO_DRAFT_COLUMNS. */
CoDraft *
_co_draft_new_from_row (sqlite3_stmt *stmt)
{
  CoDraft *self = g_object_new (CO_TYPE_DRAFT, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  /* The table's CHECK allows only known names; NULL error as it cannot fail. */
  co_draft_stage_from_string ((const char *)sqlite3_column_text (stmt, 1), &self->stage, NULL);
  self->title = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  self->body = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  self->origin_id = sqlite3_column_int64 (stmt, 4);
  self->created_at = sqlite3_column_int64 (stmt, 5);
  self->updated_at = sqlite3_column_int64 (stmt, 6);
  self->stage_changed_at = sqlite3_column_int64 (stmt, 7);
  return self;
}

void
_co_draft_add_variant (CoDraft      *self,
                       sqlite3_stmt *stmt)
{
  g_autoptr(CoDraftVariant) variant = _co_draft_variant_new_from_row (stmt, self->title,
                                                                      self->body);

  if (variant != NULL)
    g_list_store_append (self->variants, variant);
}

void
_co_draft_add_item (CoDraft *self,
                    gint64   item_id)
{
  g_array_append_val (self->item_ids, item_id);
}

void
_co_draft_add_file (CoDraft    *self,
                    const char *sha256)
{
  g_ptr_array_add (self->files, g_strdup (sha256));
}

/** co_draft_get_id: @self: a draft  Returns: its id */
gint64
co_draft_get_id (CoDraft *self)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), 0);
  return self->id;
}

/** co_draft_get_stage: @self: a draft  Returns: its stage */
CoDraftStage
co_draft_get_stage (CoDraft *self)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), CO_DRAFT_STAGE_SAVED);
  return self->stage;
}

/** co_draft_get_title: @self: a draft  Returns: (transfer none): its title, maybe empty */
const char *
co_draft_get_title (CoDraft *self)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), NULL);
  return self->title;
}

/** co_draft_get_body: @self: a draft  Returns: (transfer none): its text, maybe empty */
const char *
co_draft_get_body (CoDraft *self)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), NULL);
  return self->body;
}

/**
 * co_draft_get_origin_id:
 * @self: a draft
 *
 * Returns: the draft this one was repurposed from, or 0
 */
gint64
co_draft_get_origin_id (CoDraft *self)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), 0);
  return self->origin_id;
}

/** co_draft_get_created_at: @self: a draft  Returns: when it was made (µs, UTC) */
gint64
co_draft_get_created_at (CoDraft *self)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), 0);
  return self->created_at;
}

/** co_draft_get_updated_at: @self: a draft  Returns: its last change (µs, UTC) */
gint64
co_draft_get_updated_at (CoDraft *self)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), 0);
  return self->updated_at;
}

/** co_draft_get_stage_changed_at: @self: a draft  Returns: when it reached its stage (µs, UTC) */
gint64
co_draft_get_stage_changed_at (CoDraft *self)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), 0);
  return self->stage_changed_at;
}

/**
 * co_draft_get_read_only:
 * @self: a draft
 *
 * Returns: %TRUE for a published draft, which the store refuses to change
 */
gboolean
co_draft_get_read_only (CoDraft *self)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), TRUE);
  return self->stage == CO_DRAFT_STAGE_PUBLISHED;
}

/**
 * co_draft_get_variants:
 * @self: a draft
 *
 * Returns: (transfer none): its target platforms, one #CoDraftVariant each,
 *   in the order of their names
 */
GListModel *
co_draft_get_variants (CoDraft *self)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), NULL);
  return G_LIST_MODEL (self->variants);
}

/**
 * co_draft_get_variant:
 * @self: a draft
 * @platform: a platform
 *
 * Returns: (transfer none) (nullable): the variant for @platform, or %NULL
 *   when the draft does not target it
 */
CoDraftVariant *
co_draft_get_variant (CoDraft    *self,
                      CoPlatform  platform)
{
  guint n;

  g_return_val_if_fail (CO_IS_DRAFT (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->variants));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (G_LIST_MODEL (self->variants), i);

      if (co_draft_variant_get_platform (variant) == platform)
        return variant;
    }
  return NULL;
}

/** co_draft_has_platform: @self: a draft  @platform: a platform  Returns: whether it targets it */
gboolean
co_draft_has_platform (CoDraft    *self,
                       CoPlatform  platform)
{
  return co_draft_get_variant (self, platform) != NULL;
}

/**
 * co_draft_get_item_ids:
 * @self: a draft
 * @n_items: (out): how many vault items it links
 *
 * Returns: (transfer none) (array length=n_items): the linked vault items'
 *   ids, in the order they were linked
 */
const gint64 *
co_draft_get_item_ids (CoDraft *self,
                       guint   *n_items)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), NULL);
  *n_items = self->item_ids->len;
  return (const gint64 *)(gpointer)self->item_ids->data;
}

/**
 * co_draft_get_files:
 * @self: a draft
 *
 * Returns: (transfer none) (array zero-terminated=1): the SHA-256 digests of
 *   the stored files it references
 */
const char * const *
co_draft_get_files (CoDraft *self)
{
  g_return_val_if_fail (CO_IS_DRAFT (self), NULL);
  return (const char * const *)self->files->pdata;
}

static void
add_variants (JsonBuilder *builder,
              CoDraft     *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->variants));

  json_builder_set_member_name (builder, "platforms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (G_LIST_MODEL (self->variants), i);
      json_builder_add_string_value (builder,
                                     co_platform_to_string (co_draft_variant_get_platform (variant)));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "variants");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (G_LIST_MODEL (self->variants), i);
      json_builder_add_value (builder, co_draft_variant_to_json (variant));
    }
  json_builder_end_array (builder);
}

static void
add_links (JsonBuilder *builder,
           CoDraft     *self)
{
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->item_ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (self->item_ids, gint64, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->files->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->files, i));
  json_builder_end_array (builder);
}

/**
 * co_draft_to_json:
 * @self: a draft
 *
 * Describes the draft in the stable JSON shape the command line prints: `id`,
 * `stage`, `title`, `body`, `origin_id` (or null), `created_at`,
 * `updated_at`, `stage_changed_at` (ISO 8601, UTC), `read_only`, `platforms`,
 * `variants` (see co_draft_variant_to_json()), `items` (vault item ids) and
 * `files` (SHA-256 digests).
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
co_draft_to_json (CoDraft *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CO_IS_DRAFT (self), NULL);

  json_builder_begin_object (builder);
  _co_draft_json_add_int (builder, "id", self->id);
  _co_draft_json_add_string (builder, "stage", co_draft_stage_to_string (self->stage));
  _co_draft_json_add_string (builder, "title", self->title);
  _co_draft_json_add_string (builder, "body", self->body);
  json_builder_set_member_name (builder, "origin_id");
  if (self->origin_id != 0)
    json_builder_add_int_value (builder, self->origin_id);
  else
    json_builder_add_null_value (builder);
  _co_draft_json_add_time (builder, "created_at", self->created_at);
  _co_draft_json_add_time (builder, "updated_at", self->updated_at);
  _co_draft_json_add_time (builder, "stage_changed_at", self->stage_changed_at);
  json_builder_set_member_name (builder, "read_only");
  json_builder_add_boolean_value (builder, co_draft_get_read_only (self));
  add_variants (builder, self);
  add_links (builder, self);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
