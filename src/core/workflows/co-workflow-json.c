/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-workflows"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-json-read.h"
#include "co-workflow-def.h"

/*
 * The JSON form of a definition, which people write (help/C/workflows.page):
 *
 *   {"name": "Sponsored video", "members": ["alice", "bob"],
 *    "stages": [{"name": "edit"},
 *               {"name": "brand check", "after": ["edit"], "approvers": ["bob"],
 *                "timeout": "48h"}]}
 *
 * Keys are checked strictly, so a misspelt one is an error rather than a
 * stage that silently lacks its approvers.
 */

static const char *const workflow_keys[] = { "name", "members", "stages", NULL };
static const char *const stage_keys[] = { "name", "after", "approvers", "timeout", NULL };

static gboolean
refuse (GError     **error,
        const char  *what,
        const char  *reason)
{
  g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INVALID,
               _("The workflow definition is not valid: %s: %s"), what, reason);
  return FALSE;
}

static gboolean
check_keys (JsonObject         *object,
            const char *const  *known,
            const char         *what,
            GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *reason = g_strdup_printf (_("unknown key “%s”"), (char *)l->data);
        return refuse (error, what, reason);
      }
  return TRUE;
}

/* An optional array of strings: absent is empty. */
static gboolean
read_names (JsonObject   *object,
            const char   *key,
            const char   *what,
            char       ***out_names,
            GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!json_object_has_member (object, key))
    {
      *out_names = g_strv_builder_end (builder);
      return TRUE;
    }
  if ((array = co_json_get_array (object, key)) == NULL)
    return refuse (error, what, key);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *reason = g_strdup_printf (_("“%s” must be a list of names"), key);
          return refuse (error, what, reason);
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  *out_names = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_stage (CoWorkflowDef  *def,
            JsonObject     *object,
            guint           index,
            GError        **error)
{
  g_autofree char *what = g_strdup_printf (_("stage %u"), index + 1);
  g_auto(GStrv) after = NULL;
  g_auto(GStrv) approvers = NULL;
  const char *name, *timeout_text = NULL;
  gint64 timeout = 0;

  if (object == NULL)
    return refuse (error, what, _("each stage must be an object"));
  if (!check_keys (object, stage_keys, what, error))
    return FALSE;
  if ((name = co_json_get_string (object, "name")) == NULL)
    return refuse (error, what, _("it needs a “name”"));
  if (!read_names (object, "after", what, &after, error) ||
      !read_names (object, "approvers", what, &approvers, error))
    return FALSE;
  if (json_object_has_member (object, "timeout") &&
      ((timeout_text = co_json_get_string (object, "timeout")) == NULL ||
       !co_workflow_parse_timeout (timeout_text, &timeout, error)))
    return timeout_text != NULL ? FALSE
                                : refuse (error, what, _("“timeout” must be text like “48h”"));
  co_workflow_def_add_stage (def, name, (const char *const *)after,
                             (const char *const *)approvers, timeout);
  return TRUE;
}

/**
 * co_workflow_def_new_from_json:
 * @json: the definition as JSON text
 * @error: return location for a #GError
 *
 * Reads a definition and validates it (co_workflow_def_validate()).
 *
 * Returns: (transfer full) (nullable): the definition, or %NULL with
 *   %CO_WORKFLOW_ERROR_INVALID saying what is wrong
 */
CoWorkflowDef *
co_workflow_def_new_from_json (const char  *json,
                               GError     **error)
{
  g_autoptr(CoWorkflowDef) def = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = NULL;
  JsonArray *stages = NULL;
  const char *name;

  g_return_val_if_fail (json != NULL, NULL);

  if ((root = co_json_read_object (json, &object)) == NULL)
    return refuse (error, _("the text"), _("it is not a JSON object")), NULL;
  if (!check_keys (object, workflow_keys, _("the workflow"), error))
    return NULL;
  if ((name = co_json_get_string (object, "name")) == NULL)
    return refuse (error, _("the workflow"), _("it needs a “name”")), NULL;
  def = co_workflow_def_new (name);
  g_clear_pointer (&def->members, g_strfreev);
  if (!read_names (object, "members", _("the workflow"), &def->members, error))
    return NULL;
  if (json_object_has_member (object, "stages") &&
      (stages = co_json_get_array (object, "stages")) == NULL)
    return refuse (error, _("the workflow"), _("“stages” must be a list")), NULL;
  for (guint i = 0; stages != NULL && i < json_array_get_length (stages); i++)
    if (!read_stage (def, co_json_array_get_object (stages, i), i, error))
      return NULL;
  if (!co_workflow_def_validate (def, error))
    return NULL;
  return g_steal_pointer (&def);
}

static JsonNode *
names_to_json (char **names)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; names[i] != NULL; i++)
    json_array_add_string_element (array, names[i]);
  json_node_take_array (node, array);
  return node;
}

static JsonNode *
stage_to_json (const CoWorkflowStage *stage)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "name", stage->name);
  json_object_set_member (object, "after", names_to_json (stage->after));
  json_object_set_member (object, "approvers", names_to_json (stage->approvers));
  if (stage->timeout > 0)
    {
      g_autofree char *timeout = co_workflow_format_timeout (stage->timeout);
      json_object_set_string_member (object, "timeout", timeout);
    }
  json_node_take_object (node, object);
  return node;
}

/**
 * co_workflow_def_to_json:
 * @def: a definition
 *
 * Returns: (transfer full): @def in the form co_workflow_def_new_from_json()
 *   reads, pretty-printed
 */
char *
co_workflow_def_to_json (const CoWorkflowDef *def)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *stages = json_array_new ();

  json_object_set_string_member (object, "name", def->name);
  json_object_set_member (object, "members", names_to_json (def->members));
  for (guint i = 0; i < def->stages->len; i++)
    json_array_add_element (stages, stage_to_json (g_ptr_array_index (def->stages, i)));
  json_object_set_array_member (object, "stages", stages);
  json_node_take_object (root, object);
  return json_to_string (root, TRUE);
}

/**
 * co_workflow_parse_timeout:
 * @text: a whole number and a unit: “90m”, “48h” or “7d”
 * @out_seconds: (out): the period in seconds
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, else %FALSE with %CO_WORKFLOW_ERROR_INVALID
 *   naming @text; the period must be from one minute to a year
 */
gboolean
co_workflow_parse_timeout (const char  *text,
                           gint64      *out_seconds,
                           GError     **error)
{
  g_autofree char *number = NULL;
  guint64 value = 0;
  gint64 unit = 0;
  gsize len;

  g_return_val_if_fail (text != NULL && out_seconds != NULL, FALSE);

  len = strlen (text);
  if (len >= 2)
    unit = text[len - 1] == 'm' ? 60 : text[len - 1] == 'h' ? 3600
           : text[len - 1] == 'd' ? 86400 : 0;
  number = g_strndup (text, len > 0 ? len - 1 : 0);
  if (unit == 0 || !g_ascii_isdigit (number[0]) ||
      !g_ascii_string_to_unsigned (number, 10, 1, 366 * 24 * 60, &value, NULL) ||
      (gint64)value * unit > 366 * 86400)
    {
      g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INVALID,
                   _("“%s” is not a timeout: write a whole number of minutes, hours or days "
                     "(“90m”, “48h”, “7d”), at most a year"), text);
      return FALSE;
    }
  *out_seconds = (gint64)value * unit;
  return TRUE;
}

/**
 * co_workflow_format_timeout:
 * @seconds: a period of whole minutes
 *
 * Returns: (transfer full): the period as co_workflow_parse_timeout()
 *   reads it, in the largest unit that divides it
 */
char *
co_workflow_format_timeout (gint64 seconds)
{
  if (seconds % 86400 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "d", seconds / 86400);
  if (seconds % 3600 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "h", seconds / 3600);
  return g_strdup_printf ("%" G_GINT64_FORMAT "m", seconds / 60);
}
