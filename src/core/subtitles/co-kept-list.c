/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-kept-list-private.h"

/* The one shape of the lists that the cue and transcript stores keep. */

char *
_co_kept_list_to_json (const char       *name,
                       GPtrArray        *items,
                       CoKeptItemWriter  write)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (builder);
      write (builder, g_ptr_array_index (items, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static JsonObject *
as_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
as_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Fills @items from @text; FALSE when it is not such a list, or an item is
 * not an object with a "text" string that its reader accepts. */
gboolean
_co_kept_list_from_json (const char       *text,
                         const char       *name,
                         GPtrArray        *items,
                         CoKeptItemReader  read)
{
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonObject *object = as_object (root);
  JsonArray *array = object ? as_array (json_object_get_member (object, name)) : NULL;

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = as_object (json_array_get_element (array, i));
      JsonNode *text_node = item ? json_object_get_member (item, "text") : NULL;
      gpointer read_item;

      if (text_node == NULL || json_node_get_value_type (text_node) != G_TYPE_STRING ||
          (read_item = read (item, json_node_get_string (text_node))) == NULL)
        return FALSE;
      g_ptr_array_add (items, read_item);
    }
  return TRUE;
}

/* The member @name of @object when it is a number, else %NULL. */
JsonNode *
_co_kept_number (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                           : G_TYPE_INVALID;

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE ? node : NULL;
}
