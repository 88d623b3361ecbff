/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-mirror-json.h"
#include "co-draft-stage.h"
#include "co-mirror-error.h"
#include "co-mirror-private.h"
#include "co-platform.h"
#include "co-vault-item.h"

/*
 * A received body against the JSON shape of its type (README.md).  Each
 * type is a table of fields; a field has a JSON type, may be null or not,
 * and may have a check of its value.  Nothing is written before every
 * document of a batch passed, so a document that does not match changes
 * nothing here, and the error names it and the field.
 */

typedef enum
{
  F_STRING,
  F_INT,
  F_NUMBER,
  F_BOOL,
  F_OBJECT,
  F_ARRAY,
} FieldType;

typedef struct _Shape Shape;

/* Returns a reason when @node is not acceptable. */
typedef const char *(*CheckFunc) (JsonNode *node);

typedef struct
{
  const char  *name;
  FieldType    type;
  gboolean     nullable;
  CheckFunc    check;
  const Shape *items;    /* F_ARRAY: the shape of each element, or NULL for strings */
} Field;

struct _Shape
{
  const Field *fields;
};

static const char *
check_not_negative (JsonNode *node)
{
  return json_node_get_int (node) < 0 ? _("must not be negative") : NULL;
}

static const char *
check_not_empty (JsonNode *node)
{
  return json_node_get_string (node)[0] == '\0' ? _("must not be empty") : NULL;
}

static gboolean
is_hex (const char *text,
        gsize       length)
{
  if (strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
        return FALSE;
    }
  return TRUE;
}

static const char *
check_sha256 (JsonNode *node)
{
  return is_hex (json_node_get_string (node), 64)
         ? NULL : _("must be a SHA-256 digest in lowercase hexadecimal");
}

static const char *
check_phash (JsonNode *node)
{
  return is_hex (json_node_get_string (node), 16)
         ? NULL : _("must be 16 lowercase hexadecimal digits");
}

static const char *
check_item_type (JsonNode *node)
{
  CoVaultType type;

  return co_vault_type_from_string (json_node_get_string (node), &type) &&
         type != CO_VAULT_TYPE_ANY
         ? NULL : _("must be one of image, video, audio, note, link");
}

static const char *
check_stage (JsonNode *node)
{
  CoDraftStage stage;

  return co_draft_stage_from_string (json_node_get_string (node), &stage, NULL)
         ? NULL : _("must be one of saved, draft, scheduled, published");
}

static const char *
check_platform (JsonNode *node)
{
  CoPlatform platform;

  return co_platform_from_string (json_node_get_string (node), &platform, NULL)
         ? NULL : _("must be one of x, linkedin, instagram, youtube");
}

static const char *
check_ref (JsonNode     *node,
           CoMirrorKind  wanted)
{
  CoMirrorKind kind;

  if (_co_mirror_kind_for_doc_id (json_node_get_string (node), &kind) && kind == wanted)
    return NULL;
  return wanted == CO_MIRROR_KIND_DRAFT ? _("must be the id of a draft (draft:…)")
                                        : _("must be the id of a vault item (vault:…)");
}

static const char *
check_draft_ref (JsonNode *node)
{
  return check_ref (node, CO_MIRROR_KIND_DRAFT);
}

static const char *
check_vault_ref (JsonNode *node)
{
  return check_ref (node, CO_MIRROR_KIND_VAULT_ITEM);
}

static const char *
check_tag (JsonNode *node)
{
  const char *tag = json_node_get_string (node);

  gsize length = strlen (tag);

  if (length == 0 || tag[0] == '#' || g_ascii_isspace (tag[0]) ||
      g_ascii_isspace (tag[length - 1]) || g_utf8_strlen (tag, -1) > 64 ||
      strchr (tag, ',') != NULL)
    return _("must be 1 to 64 characters without commas or a leading #");
  return NULL;
}

static const char *
check_rev (JsonNode *node)
{
  return _co_mirror_rev_parse (json_node_get_string (node), NULL, NULL)
         ? NULL : _("must be a revision (N-hash)");
}

static const char *
check_record_type (JsonNode *node)
{
  const char *name = json_node_get_string (node);

  for (guint i = 0; i < CO_MIRROR_KIND_CONFLICT; i++)
    {
      if (strcmp (name, _co_mirror_kind_to_string (i)) == 0)
        return NULL;
    }
  return _("must be one of vault_item, draft, schedule");
}

static const Field header_fields[] = {
  { "type", F_STRING, FALSE, NULL, NULL },
  { "schema", F_INT, FALSE, check_not_negative, NULL },
  { "modified_at", F_INT, FALSE, check_not_negative, NULL },
  { "modified_by", F_STRING, FALSE, check_not_empty, NULL },
  { NULL },
};
static const Shape header_shape = { header_fields };

static const Shape tag_shape = { NULL };

static const Field vault_item_fields[] = {
  { "item_type", F_STRING, FALSE, check_item_type, NULL },
  { "title", F_STRING, FALSE, NULL, NULL },
  { "body", F_STRING, FALSE, NULL, NULL },
  { "notes", F_STRING, FALSE, NULL, NULL },
  { "mime", F_STRING, TRUE, NULL, NULL },
  { "size", F_INT, FALSE, check_not_negative, NULL },
  { "sha256", F_STRING, TRUE, check_sha256, NULL },
  { "width", F_INT, TRUE, check_not_negative, NULL },
  { "height", F_INT, TRUE, check_not_negative, NULL },
  { "duration", F_NUMBER, TRUE, NULL, NULL },
  { "codecs", F_STRING, TRUE, NULL, NULL },
  { "source_url", F_STRING, TRUE, NULL, NULL },
  { "original_name", F_STRING, TRUE, NULL, NULL },
  { "created_at", F_INT, FALSE, NULL, NULL },
  { "imported_at", F_INT, FALSE, NULL, NULL },
  { "trashed_at", F_INT, TRUE, NULL, NULL },
  { "excluded", F_BOOL, FALSE, NULL, NULL },
  { "phash", F_STRING, TRUE, check_phash, NULL },
  { "tags", F_ARRAY, FALSE, check_tag, &tag_shape },
  { NULL },
};

static const Field variant_fields[] = {
  { "platform", F_STRING, FALSE, check_platform, NULL },
  { "title", F_STRING, TRUE, NULL, NULL },
  { "body", F_STRING, TRUE, NULL, NULL },
  { "post_id", F_STRING, TRUE, NULL, NULL },
  { "post_url", F_STRING, TRUE, NULL, NULL },
  { "published_at", F_INT, TRUE, NULL, NULL },
  { NULL },
};
static const Shape variant_shape = { variant_fields };

static const Field item_link_fields[] = {
  { "item", F_STRING, FALSE, check_vault_ref, NULL },
  { "position", F_INT, FALSE, NULL, NULL },
  { "created_at", F_INT, FALSE, NULL, NULL },
  { NULL },
};
static const Shape item_link_shape = { item_link_fields };

static const Field file_fields[] = {
  { "sha256", F_STRING, FALSE, check_sha256, NULL },
  { "size", F_INT, FALSE, check_not_negative, NULL },
  { "mime", F_STRING, FALSE, NULL, NULL },
  { NULL },
};
static const Shape file_shape = { file_fields };

static const Field history_fields[] = {
  { "from", F_STRING, TRUE, check_stage, NULL },
  { "to", F_STRING, FALSE, check_stage, NULL },
  { "actor", F_STRING, FALSE, NULL, NULL },
  { "at", F_INT, FALSE, NULL, NULL },
  { NULL },
};
static const Shape history_shape = { history_fields };

static const Field draft_fields[] = {
  { "stage", F_STRING, FALSE, check_stage, NULL },
  { "title", F_STRING, FALSE, NULL, NULL },
  { "body", F_STRING, FALSE, NULL, NULL },
  { "origin", F_STRING, TRUE, check_draft_ref, NULL },
  { "created_at", F_INT, FALSE, NULL, NULL },
  { "updated_at", F_INT, FALSE, NULL, NULL },
  { "stage_changed_at", F_INT, FALSE, NULL, NULL },
  { "variants", F_ARRAY, FALSE, NULL, &variant_shape },
  { "items", F_ARRAY, FALSE, NULL, &item_link_shape },
  { "files", F_ARRAY, FALSE, NULL, &file_shape },
  { "history", F_ARRAY, FALSE, NULL, &history_shape },
  { NULL },
};

static const Field schedule_fields[] = {
  { "draft", F_STRING, FALSE, check_draft_ref, NULL },
  { "platform", F_STRING, FALSE, check_platform, NULL },
  { "at", F_INT, FALSE, NULL, NULL },
  { "zone", F_STRING, FALSE, check_not_empty, NULL },
  { "created_at", F_INT, FALSE, NULL, NULL },
  { "updated_at", F_INT, FALSE, NULL, NULL },
  { NULL },
};

static const Field conflict_fields[] = {
  { "record", F_STRING, FALSE, check_not_empty, NULL },
  { "record_type", F_STRING, FALSE, check_record_type, NULL },
  { "lost_rev", F_STRING, FALSE, check_rev, NULL },
  { "copy", F_OBJECT, FALSE, NULL, NULL },
  { NULL },
};

static const Shape kind_shapes[] = {
  [CO_MIRROR_KIND_VAULT_ITEM] = { vault_item_fields },
  [CO_MIRROR_KIND_DRAFT] = { draft_fields },
  [CO_MIRROR_KIND_SCHEDULE] = { schedule_fields },
  [CO_MIRROR_KIND_CONFLICT] = { conflict_fields },
};

static gboolean
has_type (JsonNode  *node,
          FieldType  type)
{
  GType value_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                  : G_TYPE_INVALID;

  switch (type)
    {
    case F_STRING:
      return value_type == G_TYPE_STRING;
    case F_INT:
      return value_type == G_TYPE_INT64;
    case F_NUMBER:
      return value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE;
    case F_BOOL:
      return value_type == G_TYPE_BOOLEAN;
    case F_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case F_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    default:
      g_assert_not_reached ();
    }
}

static const char *
type_reason (FieldType type)
{
  switch (type)
    {
    case F_STRING:
      return _("must be a string");
    case F_INT:
      return _("must be a whole number");
    case F_NUMBER:
      return _("must be a number");
    case F_BOOL:
      return _("must be true or false");
    case F_OBJECT:
      return _("must be an object");
    case F_ARRAY:
      return _("must be an array");
    default:
      g_assert_not_reached ();
    }
}

static char *check_object (JsonObject  *object,
                           const Shape *shape,
                           const char  *path);

/* The reason @node is not acceptable as @field, or NULL; @path names it. */
static char *
check_value (JsonNode    *node,
             const Field *field,
             const char  *path)
{
  const char *reason = NULL;
  JsonArray *array;

  if (node == NULL)
    return g_strdup_printf (_("“%s” is missing"), path);
  if (JSON_NODE_HOLDS_NULL (node))
    return field->nullable ? NULL : g_strdup_printf (_("“%s” must not be null"), path);
  if (!has_type (node, field->type))
    return g_strdup_printf ("“%s” %s", path, type_reason (field->type));
  if (field->type != F_ARRAY)
    {
      reason = field->check != NULL ? field->check (node) : NULL;
      return reason != NULL ? g_strdup_printf ("“%s” %s", path, reason) : NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
      JsonNode *element = json_array_get_element (array, i);
      const Field string_field = { field->name, F_STRING, FALSE, field->check, NULL };
      char *problem;

      if (field->items->fields == NULL)
        problem = check_value (element, &string_field, element_path);
      else if (!JSON_NODE_HOLDS_OBJECT (element))
        problem = g_strdup_printf (_("“%s” must be an object"), element_path);
      else
        problem = check_object (json_node_get_object (element), field->items, element_path);
      if (problem != NULL)
        return problem;
    }
  return NULL;
}

static char *
check_object (JsonObject  *object,
              const Shape *shape,
              const char  *path)
{
  for (const Field *field = shape->fields; field->name != NULL; field++)
    {
      g_autofree char *field_path = path != NULL ? g_strdup_printf ("%s.%s", path, field->name)
                                                 : g_strdup (field->name);
      char *problem = check_value (json_object_get_member (object, field->name), field,
                                   field_path);

      if (problem != NULL)
        return problem;
    }
  return NULL;
}

/* What one type requires beyond its fields. */
static char *
check_draft (JsonObject *body)
{
  const char *stage = json_object_get_string_member (body, "stage");
  JsonArray *variants = co_mirror_json_array (body, "variants");
  guint seen = 0;

  if (strcmp (stage, "saved") != 0 &&
      (json_object_get_string_member (body, "title")[0] == '\0' ||
       json_object_get_string_member (body, "body")[0] == '\0'))
    return g_strdup_printf (_("a draft at the stage “%s” needs a title and a text"), stage);
  for (guint i = 0; i < json_array_get_length (variants); i++)
    {
      JsonObject *variant = co_mirror_json_element (variants, i);
      CoPlatform platform;

      /* Checked above: the message is not wanted. */
      co_platform_from_string (json_object_get_string_member (variant, "platform"), &platform,
                               NULL);
      if (seen & (1u << platform))
        return g_strdup_printf (_("“variants[%u].platform” is there twice"), i);
      seen |= 1u << platform;
    }
  return NULL;
}

static char *
check_schedule (const char *doc_id,
                JsonObject *body)
{
  g_autofree char *wanted = g_strdup_printf ("schedule:%s:%s",
                                             json_object_get_string_member (body, "draft") + 6,
                                             json_object_get_string_member (body, "platform"));

  if (doc_id != NULL && strcmp (doc_id, wanted) != 0)
    return g_strdup_printf (_("its id must be “%s”, from its draft and platform"), wanted);
  return NULL;
}

static char *check_body (const char   *doc_id,
                         CoMirrorKind  kind,
                         JsonObject   *body,
                         gboolean      deleted,
                         gboolean      copy);

static char *
check_conflict (JsonObject *body)
{
  const char *record = json_object_get_string_member (body, "record");
  const char *record_type = json_object_get_string_member (body, "record_type");
  CoMirrorKind kind;

  if (!_co_mirror_kind_for_doc_id (record, &kind) ||
      strcmp (_co_mirror_kind_to_string (kind), record_type) != 0)
    return g_strdup_printf (_("“record” must be the id of a %s"), record_type);
  return check_body (record, kind, co_mirror_json_object (body, "copy"), FALSE, TRUE);
}

/* @copy: the body is a conflict copy's (which may be an item in the trash). */
static char *
check_body (const char   *doc_id,
            CoMirrorKind  kind,
            JsonObject   *body,
            gboolean      deleted,
            gboolean      copy)
{
  const char *type;
  char *problem = check_object (body, &header_shape, copy ? "copy" : NULL);

  if (problem != NULL)
    return problem;
  type = json_object_get_string_member (body, "type");
  if (strcmp (type, _co_mirror_kind_to_string (kind)) != 0)
    return g_strdup_printf (_("its type is “%s”, but its id is that of a %s"), type,
                            _co_mirror_kind_to_string (kind));
  if (json_object_get_int_member (body, "schema") > CO_MIRROR_SCHEMA)
    return g_strdup_printf (_("it was written by a newer CreatorOps (shape %lld)"),
                            (long long)json_object_get_int_member (body, "schema"));
  if (deleted && !copy &&
      (co_mirror_json_true (body, "purged") ||
       co_mirror_json_true (body, "closed")))
    return NULL;
  problem = check_object (body, &kind_shapes[kind], copy ? "copy" : NULL);
  if (problem != NULL)
    return problem;
  switch (kind)
    {
    case CO_MIRROR_KIND_VAULT_ITEM:
      if (!copy && deleted == json_object_get_null_member (body, "trashed_at"))
        return g_strdup (deleted ? _("a deleted item must have “trashed_at” or “purged”")
                                 : _("an item with “trashed_at” must be deleted"));
      return NULL;
    case CO_MIRROR_KIND_DRAFT:
      problem = check_draft (body);
      break;
    case CO_MIRROR_KIND_SCHEDULE:
      problem = check_schedule (copy ? NULL : doc_id, body);
      break;
    case CO_MIRROR_KIND_CONFLICT:
      problem = copy ? g_strdup (_("a conflict copy cannot hold a conflict copy"))
                     : check_conflict (body);
      break;
    default:
      g_assert_not_reached ();
    }
  if (problem == NULL && deleted && !copy)
    problem = g_strdup (_("a deleted document must be “purged” or “closed”"));
  return problem;
}

/**
 * _co_mirror_validate:
 * @doc_id: the document's id, which names its type
 * @leaf: a revision of it, as received
 * @error: return location for a #GError
 *
 * Checks a received revision against the JSON shape of its type.
 *
 * Returns: %TRUE when it matches; otherwise %FALSE with
 *   %CO_MIRROR_ERROR_INVALID_DOCUMENT naming the document and the field
 */
gboolean
_co_mirror_validate (const char    *doc_id,
                     CoMirrorLeaf  *leaf,
                     GError       **error)
{
  g_autofree char *problem = NULL;
  CoMirrorKind kind;

  if (!_co_mirror_kind_for_doc_id (doc_id, &kind))
    problem = g_strdup (_("its id names no kind of record"));
  else
    problem = check_body (doc_id, kind, leaf->body, leaf->deleted, FALSE);
  if (problem == NULL)
    return TRUE;
  g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_INVALID_DOCUMENT,
               _("The document “%s” (revision %s) from the server does not match its type: %s"),
               doc_id, leaf->rev, problem);
  return FALSE;
}
