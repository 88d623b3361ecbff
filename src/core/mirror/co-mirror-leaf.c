/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-mirror-json.h"
#include "co-mirror-error.h"
#include "co-mirror-private.h"

/*
 * A leaf is one revision of a document as the replication moves it: CouchDB's
 * `_rev`, `_revisions` and `_deleted`, and the body.  Received documents are
 * checked here for what makes them revisions at all; validate.c checks the
 * body against its type.
 */

CoMirrorLeaf *
_co_mirror_leaf_new (const char  *rev,
                     char       **ancestry,
                     gboolean     deleted,
                     JsonObject  *body)
{
  CoMirrorLeaf *leaf = g_new0 (CoMirrorLeaf, 1);

  leaf->rev = g_strdup (rev);
  leaf->ancestry = g_strdupv (ancestry);
  leaf->deleted = deleted;
  leaf->body = json_object_ref (body);
  return leaf;
}

void
_co_mirror_leaf_free (CoMirrorLeaf *leaf)
{
  if (leaf == NULL)
    return;
  g_free (leaf->rev);
  g_strfreev (leaf->ancestry);
  g_clear_pointer (&leaf->body, json_object_unref);
  g_free (leaf);
}

/* An array that frees its leaves. */
GPtrArray *
_co_mirror_leaf_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)_co_mirror_leaf_free);
}

static gboolean
set_invalid (GError     **error,
             const char  *doc_id,
             const char  *reason)
{
  g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_INVALID_DOCUMENT,
               _("The document “%s” from the server is not a valid revision: %s"),
               doc_id, reason);
  return FALSE;
}

/* The history in `_revisions`, which must start at @rev itself. */
static char **
read_revisions (JsonObject  *doc,
                const char  *doc_id,
                const char  *rev,
                GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (doc, "_revisions");
  const char *hash;
  int generation;
  JsonObject *revisions;
  JsonArray *ids;

  _co_mirror_rev_parse (rev, &generation, &hash);
  if (node == NULL)
    {
      g_strv_builder_add (builder, hash);
      return g_strv_builder_end (builder);
    }
  revisions = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  ids = revisions != NULL && json_object_has_member (revisions, "ids")
          ? co_mirror_json_array (revisions, "ids") : NULL;
  if (ids == NULL || json_array_get_length (ids) == 0 ||
      co_mirror_json_int (revisions, "start", -1) != generation)
    {
      set_invalid (error, doc_id, _("its _revisions do not start at its _rev"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (ids) && i < CO_MIRROR_MAX_ANCESTRY; i++)
    {
      JsonNode *id = json_array_get_element (ids, i);

      if (json_node_get_value_type (id) != G_TYPE_STRING || (i == 0 &&
          strcmp (json_node_get_string (id), hash) != 0))
        {
          set_invalid (error, doc_id, _("its _revisions do not start at its _rev"));
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (id));
    }
  return g_strv_builder_end (builder);
}

/**
 * _co_mirror_leaf_from_doc:
 * @doc: a document as CouchDB sends it, with `_id`, `_rev` and, when asked
 *   for, `_revisions`
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the revision, or %NULL with
 *   %CO_MIRROR_ERROR_INVALID_DOCUMENT
 */
CoMirrorLeaf *
_co_mirror_leaf_from_doc (JsonObject  *doc,
                          GError     **error)
{
  const char *doc_id = co_mirror_json_string_or (doc, "_id", "?");
  const char *rev = co_mirror_json_string (doc, "_rev");
  g_autoptr(JsonObject) body = json_object_new ();
  g_auto(GStrv) ancestry = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (!_co_mirror_rev_parse (rev, NULL, NULL))
    {
      set_invalid (error, doc_id, _("it has no _rev of the form N-hash"));
      return NULL;
    }
  ancestry = read_revisions (doc, doc_id, rev, error);
  if (ancestry == NULL)
    return NULL;
  json_object_iter_init_ordered (&iter, doc);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (name[0] != '_')
        json_object_set_member (body, name, json_node_copy (value));
    }
  return _co_mirror_leaf_new (rev, ancestry,
                              co_mirror_json_true (doc, "_deleted"),
                              body);
}

/**
 * _co_mirror_leaf_to_doc:
 * @leaf: a revision
 * @doc_id: its document's id
 *
 * Returns: (transfer full): the document to send with `new_edits: false`
 */
JsonNode *
_co_mirror_leaf_to_doc (CoMirrorLeaf *leaf,
                        const char   *doc_id)
{
  JsonObject *doc = json_object_new ();
  JsonNode *node;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "_rev", leaf->rev);
  json_object_set_object_member (doc, "_revisions",
                                 _co_mirror_revisions_json (leaf->rev, leaf->ancestry));
  if (leaf->deleted)
    json_object_set_boolean_member (doc, "_deleted", TRUE);
  json_object_iter_init_ordered (&iter, leaf->body);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    json_object_set_member (doc, name, json_node_copy (value));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, doc);
  return node;
}

/* Whether @rev is this revision or one of its ancestors. */
gboolean
_co_mirror_leaf_descends (CoMirrorLeaf *leaf,
                          const char   *rev)
{
  return rev != NULL && _co_mirror_ancestry_has (leaf->rev, leaf->ancestry, rev);
}

/* A tombstone that only closes the losing branch of a resolved conflict: it
 * says nothing about the record. */
gboolean
_co_mirror_leaf_is_closed (CoMirrorLeaf *leaf)
{
  return leaf->deleted &&
         co_mirror_json_true (leaf->body, "closed");
}
