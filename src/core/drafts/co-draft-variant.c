/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include "co-draft-private.h"
#include "co-draft-json.h"

/* One target platform of a draft: its own title and text if it overrides the
 * draft's, its schedule entry and what publishing recorded. */
struct _CoDraftVariant
{
  GObject     parent_instance;

  CoPlatform  platform;
  char       *title_override;
  char       *body_override;
  char       *title;
  char       *text;
  gint64      scheduled_at;
  char       *zone;
  char       *post_id;
  char       *post_url;
  gint64      published_at;
};

G_DEFINE_FINAL_TYPE (CoDraftVariant, co_draft_variant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLATFORM,
  PROP_TEXT,
  PROP_SCHEDULED_AT,
  PROP_PUBLISHED_AT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
co_draft_variant_finalize (GObject *object)
{
  CoDraftVariant *self = (CoDraftVariant *)object;

  g_clear_pointer (&self->title_override, g_free);
  g_clear_pointer (&self->body_override, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->zone, g_free);
  g_clear_pointer (&self->post_id, g_free);
  g_clear_pointer (&self->post_url, g_free);

  G_OBJECT_CLASS (co_draft_variant_parent_class)->finalize (object);
}

static void
co_draft_variant_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CoDraftVariant *self = CO_DRAFT_VARIANT (object);

  switch (prop_id)
    {
    case PROP_PLATFORM:
      g_value_set_string (value, co_platform_to_string (self->platform));
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_SCHEDULED_AT:
      g_value_set_int64 (value, self->scheduled_at);
      break;
    case PROP_PUBLISHED_AT:
      g_value_set_int64 (value, self->published_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_draft_variant_class_init (CoDraftVariantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = co_draft_variant_finalize;
  object_class->get_property = co_draft_variant_get_property;

  properties[PROP_PLATFORM] = g_param_spec_string ("platform", NULL, NULL, NULL, flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_SCHEDULED_AT] =
    g_param_spec_int64 ("scheduled-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PUBLISHED_AT] =
    g_param_spec_int64 ("published-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_draft_variant_init (CoDraftVariant *self)
{
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* Builds a variant from a row of CO_DRAFT_VARIANT_COLUMNS; a platform this
 * build does not know gives NULL. */
CoDraftVariant *
_co_draft_variant_new_from_row (sqlite3_stmt *stmt,
                                const char   *draft_title,
                                const char   *draft_body)
{
  CoDraftVariant *self;
  CoPlatform platform;

  /* A NULL error: a name from a newer build is skipped, not reported. */
  if (!co_platform_from_string ((const char *)sqlite3_column_text (stmt, 1), &platform, NULL))
    return NULL;
  self = g_object_new (CO_TYPE_DRAFT_VARIANT, NULL);
  self->platform = platform;
  self->title_override = dup_text (stmt, 2);
  self->body_override = dup_text (stmt, 3);
  self->title = g_strdup (self->title_override ? self->title_override : draft_title);
  self->text = g_strdup (self->body_override ? self->body_override : draft_body);
  self->post_id = dup_text (stmt, 4);
  self->post_url = dup_text (stmt, 5);
  self->published_at = sqlite3_column_int64 (stmt, 6);
  self->scheduled_at = sqlite3_column_int64 (stmt, 7);
  self->zone = dup_text (stmt, 8);
  return self;
}

/** co_draft_variant_get_platform: @self: a variant  Returns: its platform */
CoPlatform
co_draft_variant_get_platform (CoDraftVariant *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), CO_PLATFORM_X);
  return self->platform;
}

/**
 * co_draft_variant_get_title_override:
 * @self: a variant
 *
 * Returns: (transfer none) (nullable): the platform's own title, or %NULL
 *   when it uses the draft's
 */
const char *
co_draft_variant_get_title_override (CoDraftVariant *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), NULL);
  return self->title_override;
}

/**
 * co_draft_variant_get_body_override:
 * @self: a variant
 *
 * Returns: (transfer none) (nullable): the platform's own text, or %NULL
 *   when it uses the draft's body
 */
const char *
co_draft_variant_get_body_override (CoDraftVariant *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), NULL);
  return self->body_override;
}

/**
 * co_draft_variant_get_title:
 * @self: a variant
 *
 * Returns: (transfer none): the title posted to the platform (its own, or
 *   the draft's)
 */
const char *
co_draft_variant_get_title (CoDraftVariant *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), NULL);
  return self->title;
}

/**
 * co_draft_variant_get_text:
 * @self: a variant
 *
 * Returns: (transfer none): the text posted to the platform (its own, or the
 *   draft's body)
 */
const char *
co_draft_variant_get_text (CoDraftVariant *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), NULL);
  return self->text;
}

/**
 * co_draft_variant_get_scheduled_at:
 * @self: a variant
 *
 * Returns: when it is scheduled (µs since 1970, UTC), or 0 if it is not
 */
gint64
co_draft_variant_get_scheduled_at (CoDraftVariant *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), 0);
  return self->scheduled_at;
}

/**
 * co_draft_variant_get_zone:
 * @self: a variant
 *
 * Returns: (transfer none) (nullable): the IANA time zone the time was
 *   entered in, or %NULL if it is not scheduled
 */
const char *
co_draft_variant_get_zone (CoDraftVariant *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), NULL);
  return self->zone;
}

/** co_draft_variant_get_post_id: @self: a variant  Returns: (nullable): the platform's post id */
const char *
co_draft_variant_get_post_id (CoDraftVariant *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), NULL);
  return self->post_id;
}

/** co_draft_variant_get_post_url: @self: a variant  Returns: (nullable): the post's address */
const char *
co_draft_variant_get_post_url (CoDraftVariant *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), NULL);
  return self->post_url;
}

/**
 * co_draft_variant_get_published_at:
 * @self: a variant
 *
 * Returns: when it was posted (µs since 1970, UTC), or 0 if it was not
 */
gint64
co_draft_variant_get_published_at (CoDraftVariant *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), 0);
  return self->published_at;
}

/**
 * co_draft_variant_check_text:
 * @self: a variant
 * @error: return location for the platform's %CO_PLATFORM_ERROR
 *
 * Checks the title and text this variant would post against its platform's
 * rules (co_platform_check_text()).  Only YouTube posts a title.
 *
 * Returns: %TRUE when the platform would take them
 */
gboolean
co_draft_variant_check_text (CoDraftVariant  *self,
                             GError         **error)
{
  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), FALSE);

  /* TODO(#13): ask the platform table whether it posts a title once it says. */
  return co_platform_check_text (self->platform,
                                 self->platform == CO_PLATFORM_YOUTUBE ? self->title : NULL,
                                 self->text, error);
}

/**
 * co_draft_variant_to_json:
 * @self: a variant
 *
 * Returns: (transfer full): `platform`, `title`, `text`, `title_override`,
 *   `body_override`, `scheduled_at`, `zone`, `post_id`, `post_url`,
 *   `published_at` (times ISO 8601, UTC, or null), and `valid` with `problem`
 */
JsonNode *
co_draft_variant_to_json (CoDraftVariant *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) problem = NULL;

  g_return_val_if_fail (CO_IS_DRAFT_VARIANT (self), NULL);

  json_builder_begin_object (builder);
  _co_draft_json_add_string (builder, "platform", co_platform_to_string (self->platform));
  _co_draft_json_add_string (builder, "title", self->title);
  _co_draft_json_add_string (builder, "text", self->text);
  _co_draft_json_add_string (builder, "title_override", self->title_override);
  _co_draft_json_add_string (builder, "body_override", self->body_override);
  _co_draft_json_add_time (builder, "scheduled_at", self->scheduled_at);
  _co_draft_json_add_string (builder, "zone", self->zone);
  _co_draft_json_add_string (builder, "post_id", self->post_id);
  _co_draft_json_add_string (builder, "post_url", self->post_url);
  _co_draft_json_add_time (builder, "published_at", self->published_at);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, co_draft_variant_check_text (self, &problem));
  _co_draft_json_add_string (builder, "problem", problem != NULL ? problem->message : NULL);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
