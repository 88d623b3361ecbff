/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-vault"

#include "config.h"

#include <math.h>

#include "co-vault-item-private.h"

/* A vault item is an immutable snapshot of one row: views that show it are
 * refreshed from the vault after a change, never patched in place. */
struct _CoVaultItem
{
  GObject      parent_instance;

  gint64       id;
  CoVaultType  type;
  char        *title;
  char        *body;
  char        *notes;
  char        *mime;
  gint64       size;
  char        *sha256;
  int          width;
  int          height;
  double       duration;
  char        *codecs;
  char        *source_url;
  char        *original_name;
  gint64       created_at;
  gint64       imported_at;
  gint64       trashed_at;
  gboolean     excluded;
  gboolean     has_phash;
  guint64      phash;
  char       **tags;
};

G_DEFINE_FINAL_TYPE (CoVaultItem, co_vault_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ITEM_TYPE,
  PROP_TITLE,
  PROP_MIME,
  PROP_SIZE,
  PROP_DURATION,
  PROP_SHA256,
  PROP_TRASHED,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char *const type_names[] = { "any", "image", "video", "audio", "note", "link" };

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static void
co_vault_item_finalize (GObject *object)
{
  CoVaultItem *self = (CoVaultItem *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->mime, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->codecs, g_free);
  g_clear_pointer (&self->source_url, g_free);
  g_clear_pointer (&self->original_name, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (co_vault_item_parent_class)->finalize (object);
}

static void
co_vault_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CoVaultItem *self = CO_VAULT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_ITEM_TYPE:
      g_value_set_string (value, co_vault_type_to_string (self->type));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MIME:
      g_value_set_string (value, self->mime);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_DURATION:
      g_value_set_double (value, self->duration);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    case PROP_TRASHED:
      g_value_set_boolean (value, self->trashed_at != 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_vault_item_class_init (CoVaultItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = co_vault_item_finalize;
  object_class->get_property = co_vault_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ITEM_TYPE] = g_param_spec_string ("item-type", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_MIME] = g_param_spec_string ("mime", NULL, NULL, NULL, flags);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DURATION] =
    g_param_spec_double ("duration", NULL, NULL, -1.0, G_MAXDOUBLE, -1.0, flags);
  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, flags);
  properties[PROP_TRASHED] = g_param_spec_boolean ("trashed", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_vault_item_init (CoVaultItem *self)
{
  self->duration = -1.0;
}

CoVaultItem *
_co_vault_item_new_from_row (sqlite3_stmt *stmt)
{
  CoVaultItem *self = g_object_new (CO_TYPE_VAULT_ITEM, NULL);
  const char *tags;

  self->id = sqlite3_column_int64 (stmt, 0);
  if (!co_vault_type_from_string ((const char *)sqlite3_column_text (stmt, 1), &self->type))
    self->type = CO_VAULT_TYPE_ANY;
  self->title = dup_column (stmt, 2);
  self->body = dup_column (stmt, 3);
  self->notes = dup_column (stmt, 4);
  self->mime = dup_column (stmt, 5);
  self->size = sqlite3_column_int64 (stmt, 6);
  self->sha256 = dup_column (stmt, 7);
  self->width = sqlite3_column_int (stmt, 8);
  self->height = sqlite3_column_int (stmt, 9);
  if (sqlite3_column_type (stmt, 10) != SQLITE_NULL)
    self->duration = sqlite3_column_double (stmt, 10);
  self->codecs = dup_column (stmt, 11);
  self->source_url = dup_column (stmt, 12);
  self->original_name = dup_column (stmt, 13);
  self->created_at = sqlite3_column_int64 (stmt, 14);
  self->imported_at = sqlite3_column_int64 (stmt, 15);
  self->trashed_at = sqlite3_column_int64 (stmt, 16);
  self->excluded = sqlite3_column_int (stmt, 17) != 0;
  self->has_phash = sqlite3_column_type (stmt, 18) != SQLITE_NULL;
  self->phash = (guint64)sqlite3_column_int64 (stmt, 18);
  tags = (const char *)sqlite3_column_text (stmt, 19);
  self->tags = tags != NULL ? g_strsplit (tags, "\x1f", -1) : g_new0 (char *, 1);

  return self;
}

/**
 * co_vault_type_to_string:
 * @type: a #CoVaultType
 *
 * Returns: (transfer none): the stable name stored and printed for @type
 */
const char *
co_vault_type_to_string (CoVaultType type)
{
  g_return_val_if_fail (type <= CO_VAULT_TYPE_LINK, NULL);
  return type_names[type];
}

/**
 * co_vault_type_from_string:
 * @name: (nullable): a type name ("image", "video"…)
 * @out_type: (out): the type
 *
 * Returns: %TRUE if @name names a type
 */
gboolean
co_vault_type_from_string (const char  *name,
                           CoVaultType *out_type)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (type_names); i++)
    {
      if (g_ascii_strcasecmp (name, type_names[i]) == 0)
        {
          *out_type = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * co_vault_type_is_visual:
 * @type: a #CoVaultType
 *
 * Returns: %TRUE for the types that get a thumbnail
 */
gboolean
co_vault_type_is_visual (CoVaultType type)
{
  return type == CO_VAULT_TYPE_IMAGE || type == CO_VAULT_TYPE_VIDEO;
}

/** co_vault_item_get_id: @self: an item  Returns: its id */
gint64
co_vault_item_get_id (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), 0);
  return self->id;
}

/** co_vault_item_get_item_type: @self: an item  Returns: its type */
CoVaultType
co_vault_item_get_item_type (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), CO_VAULT_TYPE_ANY);
  return self->type;
}

/** co_vault_item_get_title: @self: an item  Returns: (transfer none): its title */
const char *
co_vault_item_get_title (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), NULL);
  return self->title;
}

/** co_vault_item_get_body: @self: an item  Returns: (transfer none): a note's text */
const char *
co_vault_item_get_body (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), NULL);
  return self->body;
}

/** co_vault_item_get_notes: @self: an item  Returns: (transfer none): the user's notes */
const char *
co_vault_item_get_notes (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), NULL);
  return self->notes;
}

/** co_vault_item_get_mime: @self: an item  Returns: (transfer none) (nullable): its MIME type */
const char *
co_vault_item_get_mime (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), NULL);
  return self->mime;
}

/** co_vault_item_get_size: @self: an item  Returns: the stored file's size in bytes */
gint64
co_vault_item_get_size (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), 0);
  return self->size;
}

/** co_vault_item_get_sha256: @self: an item  Returns: (transfer none) (nullable): its digest */
const char *
co_vault_item_get_sha256 (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), NULL);
  return self->sha256;
}

/** co_vault_item_get_width: @self: an item  Returns: pixels, or 0 */
int
co_vault_item_get_width (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), 0);
  return self->width;
}

/** co_vault_item_get_height: @self: an item  Returns: pixels, or 0 */
int
co_vault_item_get_height (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), 0);
  return self->height;
}

/** co_vault_item_get_duration: @self: an item  Returns: seconds, or a negative number */
double
co_vault_item_get_duration (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), -1.0);
  return self->duration;
}

/** co_vault_item_get_codecs: @self: an item  Returns: (transfer none) (nullable): codecs */
const char *
co_vault_item_get_codecs (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), NULL);
  return self->codecs;
}

/** co_vault_item_get_source_url: @self: an item  Returns: (transfer none) (nullable): origin */
const char *
co_vault_item_get_source_url (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), NULL);
  return self->source_url;
}

/** co_vault_item_get_original_name: @self: an item  Returns: (transfer none) (nullable): name */
const char *
co_vault_item_get_original_name (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), NULL);
  return self->original_name;
}

/** co_vault_item_get_created_at: @self: an item  Returns: µs since the epoch, UTC */
gint64
co_vault_item_get_created_at (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), 0);
  return self->created_at;
}

/** co_vault_item_get_imported_at: @self: an item  Returns: µs since the epoch, UTC */
gint64
co_vault_item_get_imported_at (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), 0);
  return self->imported_at;
}

/** co_vault_item_get_trashed_at: @self: an item  Returns: µs since the epoch, or 0 */
gint64
co_vault_item_get_trashed_at (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), 0);
  return self->trashed_at;
}

/** co_vault_item_get_trashed: @self: an item  Returns: %TRUE if it is in the trash */
gboolean
co_vault_item_get_trashed (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), FALSE);
  return self->trashed_at != 0;
}

/** co_vault_item_get_excluded: @self: an item  Returns: %TRUE if kept out of idea generation */
gboolean
co_vault_item_get_excluded (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), FALSE);
  return self->excluded;
}

/**
 * co_vault_item_get_tags:
 * @self: an item
 *
 * Returns: (transfer none) (array zero-terminated=1): its tags, sorted
 */
const char * const *
co_vault_item_get_tags (CoVaultItem *self)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), NULL);
  return (const char * const *)self->tags;
}

/**
 * co_vault_item_get_phash:
 * @self: an item
 * @out_phash: (out) (optional): the perceptual hash
 *
 * Returns: %TRUE if the item has a perceptual hash
 */
gboolean
co_vault_item_get_phash (CoVaultItem *self,
                         guint64     *out_phash)
{
  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), FALSE);
  if (out_phash != NULL)
    *out_phash = self->phash;
  return self->has_phash;
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       usec)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, name);
  if (usec == 0 || (dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC)) == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  text = g_date_time_format_iso8601 (dt);
  json_builder_add_string_value (builder, text);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_positive_int (JsonBuilder *builder,
                  const char  *name,
                  gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (value > 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * co_vault_item_to_json:
 * @self: an item
 *
 * Describes the item in the stable JSON shape the command line prints:
 * `id`, `type`, `title`, `mime`, `size`, `sha256`, `width`, `height`,
 * `duration` (seconds, millisecond precision), `tags`, `created_at`,
 * `imported_at` (ISO 8601, UTC), `trashed`, plus `notes`, `body`,
 * `source_url`, `codecs` and `excluded`.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
co_vault_item_to_json (CoVaultItem *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CO_IS_VAULT_ITEM (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  add_string (builder, "type", co_vault_type_to_string (self->type));
  add_string (builder, "title", self->title);
  add_string (builder, "mime", self->mime);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, self->size);
  add_string (builder, "sha256", self->sha256);
  add_positive_int (builder, "width", self->width);
  add_positive_int (builder, "height", self->height);
  json_builder_set_member_name (builder, "duration");
  if (self->duration >= 0)
    json_builder_add_double_value (builder, round (self->duration * 1000.0) / 1000.0);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; self->tags[i] != NULL; i++)
    json_builder_add_string_value (builder, self->tags[i]);
  json_builder_end_array (builder);
  add_time (builder, "created_at", self->created_at);
  add_time (builder, "imported_at", self->imported_at);
  json_builder_set_member_name (builder, "trashed");
  json_builder_add_boolean_value (builder, self->trashed_at != 0);
  json_builder_set_member_name (builder, "excluded");
  json_builder_add_boolean_value (builder, self->excluded);
  add_string (builder, "notes", self->notes);
  add_string (builder, "body", self->body);
  add_string (builder, "source_url", self->source_url);
  add_string (builder, "codecs", self->codecs);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
