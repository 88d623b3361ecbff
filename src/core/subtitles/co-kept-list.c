/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-json-read.h"
#include "co-kept-list-private.h"

/* The one shape of the lists that the cue and transcript stores keep. */

static char *
list_to_json (const char       *name,
              GPtrArray        *items,
              CoKeptItemWriter  write)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_sized_new (items->len);

  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *item = json_object_new ();

      write (item, g_ptr_array_index (items, i));
      json_array_add_object_element (array, item);
    }
  json_object_set_array_member (object, name, array);
  json_node_take_object (root, object);
  return json_to_string (root, FALSE);
}

/* Fills @items from @text; FALSE when it is not such a list, or an item is
 * not an object with a "text" string that its reader accepts.  Every
 * member's type is checked before it is read (co-json-read.h): json-glib's
 * own getters make a CRITICAL of a member of the wrong type. */
static gboolean
list_from_json (const char       *text,
                const char       *name,
                GPtrArray        *items,
                CoKeptItemReader  read)
{
  JsonObject *object = NULL;
  g_autoptr(JsonNode) root = co_json_read_object (text, &object);
  JsonArray *array = co_json_get_array (object, name);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = co_json_array_get_object (array, i);
      const char *item_text = co_json_get_string (item, "text");
      gpointer read_item = item_text != NULL ? read (item, item_text) : NULL;

      if (read_item == NULL)
        return FALSE;
      g_ptr_array_add (items, read_item);
    }
  return TRUE;
}

/* Returns the kept list, or %NULL: without an error when none is kept or
 * (with *@out_damaged set) when it cannot be read, with one when the store
 * fails. */
GPtrArray *
_co_kept_list_load (CoStore          *store,
                    const char       *kind,
                    const char       *source_key,
                    const char       *params_key,
                    const char       *name,
                    GDestroyNotify    free_item,
                    CoKeptItemReader  read,
                    gboolean         *out_damaged,
                    GError          **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) items = NULL;

  *out_damaged = FALSE;
  if (!co_store_get_result (store, kind, source_key, params_key, &json, NULL, error))
    return NULL;
  items = g_ptr_array_new_with_free_func (free_item);
  *out_damaged = !list_from_json (json, name, items, read);
  return *out_damaged ? NULL : g_steal_pointer (&items);
}

gboolean
_co_kept_list_save (CoStore          *store,
                    const char       *kind,
                    const char       *source_key,
                    const char       *params_key,
                    const char       *name,
                    GPtrArray        *items,
                    CoKeptItemWriter  write,
                    GError          **error)
{
  g_autofree char *json = list_to_json (name, items, write);

  return co_store_put_result (store, kind, source_key, params_key, json, NULL, error);
}
