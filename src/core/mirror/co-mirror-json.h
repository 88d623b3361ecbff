/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Reading JSON that came from a server: json-glib's getters warn (and fail
 * the tests) when a member is missing or of another type, which is what a
 * server may well send.  These answer NULL (or the fallback) instead.
 */

static inline JsonNode *
co_mirror_json_member (JsonObject   *object,
                       const char   *name,
                       JsonNodeType  type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_TYPE (node) == type ? node : NULL;
}

static inline JsonArray *
co_mirror_json_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node = co_mirror_json_member (object, name, JSON_NODE_ARRAY);

  return node != NULL ? json_node_get_array (node) : NULL;
}

static inline JsonObject *
co_mirror_json_object (JsonObject *object,
                       const char *name)
{
  JsonNode *node = co_mirror_json_member (object, name, JSON_NODE_OBJECT);

  return node != NULL ? json_node_get_object (node) : NULL;
}

static inline const char *
co_mirror_json_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = co_mirror_json_member (object, name, JSON_NODE_VALUE);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static inline const char *
co_mirror_json_string_or (JsonObject *object,
                          const char *name,
                          const char *fallback)
{
  const char *value = co_mirror_json_string (object, name);

  return value != NULL ? value : fallback;
}

/* TRUE only for a member that is the boolean true. */
static inline gboolean
co_mirror_json_true (JsonObject *object,
                     const char *name)
{
  JsonNode *node = co_mirror_json_member (object, name, JSON_NODE_VALUE);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static inline gint64
co_mirror_json_int (JsonObject *object,
                    const char *name,
                    gint64      fallback)
{
  JsonNode *node = co_mirror_json_member (object, name, JSON_NODE_VALUE);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_INT64
         ? json_node_get_int (node) : fallback;
}

static inline JsonObject *
co_mirror_json_element (JsonArray *array,
                        guint      index)
{
  JsonNode *node = array != NULL && index < json_array_get_length (array)
                   ? json_array_get_element (array, index) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

G_END_DECLS
