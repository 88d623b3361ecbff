/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "co-json-read.h"

static JsonNode *
get_value (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? node : NULL;
}

/**
 * co_json_read_object:
 * @text: (nullable): JSON text
 * @out_object: (out) (transfer none): the root object, valid as long as the
 *   returned node
 *
 * Returns: (transfer full) (nullable): the parsed document when @text is
 *   JSON whose root is an object, else %NULL
 */
JsonNode *
co_json_read_object (const char  *text,
                     JsonObject **out_object)
{
  g_autoptr(JsonNode) root = text != NULL ? json_from_string (text, NULL) : NULL;

  *out_object = NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  *out_object = json_node_get_object (root);
  return g_steal_pointer (&root);
}

/**
 * co_json_get_array:
 * @object: (nullable): an object
 * @name: a member name
 *
 * Returns: (transfer none) (nullable): the member if it is an array
 */
JsonArray *
co_json_get_array (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * co_json_get_object:
 * @object: (nullable): an object
 * @name: a member name
 *
 * Returns: (transfer none) (nullable): the member if it is an object
 */
JsonObject *
co_json_get_object (JsonObject *object,
                    const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * co_json_array_get_object:
 * @array: an array
 * @index: an index, which may be past the end
 *
 * Returns: (transfer none) (nullable): the element if it is an object
 */
JsonObject *
co_json_array_get_object (JsonArray *array,
                          guint      index)
{
  JsonNode *node = index < json_array_get_length (array) ? json_array_get_element (array, index)
                                                          : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * co_json_get_number:
 * @object: (nullable): an object
 * @name: a member name
 * @out_value: (out): the number; NAN for a JSON null, which is how the
 *   writers keep a value that is unknown or not finite
 *
 * Returns: %TRUE if the member is a number or null, %FALSE if it is missing
 *   or of another type
 */
gboolean
co_json_get_number (JsonObject *object,
                    const char *name,
                    double     *out_value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  GType type;

  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    {
      *out_value = NAN;
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;
  *out_value = json_node_get_double (node);
  return TRUE;
}

/**
 * co_json_get_int:
 * @object: (nullable): an object
 * @name: a member name
 * @min: the smallest value accepted
 * @max: the largest value accepted
 * @out_value: (out): the integer
 *
 * Returns: %TRUE if the member is an integer from @min to @max
 */
gboolean
co_json_get_int (JsonObject *object,
                 const char *name,
                 gint64      min,
                 gint64      max,
                 gint64     *out_value)
{
  JsonNode *node = get_value (object, name);
  gint64 value;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  value = json_node_get_int (node);
  if (value < min || value > max)
    return FALSE;
  *out_value = value;
  return TRUE;
}

/**
 * co_json_get_string:
 * @object: (nullable): an object
 * @name: a member name
 *
 * Returns: (transfer none) (nullable): the member if it is a string
 */
const char *
co_json_get_string (JsonObject *object,
                    const char *name)
{
  JsonNode *node = get_value (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

/**
 * co_json_get_double_or:
 * @object: (nullable): an object
 * @name: a member name
 * @fallback: the value when the member is missing, null or not a number
 *
 * For optional members, where a damaged value is as good as none.
 *
 * Returns: the member's finite value, or @fallback
 */
double
co_json_get_double_or (JsonObject *object,
                       const char *name,
                       double      fallback)
{
  double value;

  return co_json_get_number (object, name, &value) && isfinite (value) ? value : fallback;
}

/**
 * co_json_get_int_or:
 * @object: (nullable): an object
 * @name: a member name
 * @fallback: the value when the member is missing or not an integer
 *
 * Returns: the member's value, or @fallback
 */
gint64
co_json_get_int_or (JsonObject *object,
                    const char *name,
                    gint64      fallback)
{
  gint64 value;

  return co_json_get_int (object, name, G_MININT64, G_MAXINT64, &value) ? value : fallback;
}

/**
 * co_json_get_boolean_or:
 * @object: (nullable): an object
 * @name: a member name
 * @fallback: the value when the member is missing or not a boolean
 *
 * Returns: the member's value, or @fallback
 */
gboolean
co_json_get_boolean_or (JsonObject *object,
                        const char *name,
                        gboolean    fallback)
{
  JsonNode *node = get_value (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN
           ? json_node_get_boolean (node) : fallback;
}
