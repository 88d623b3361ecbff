/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "co-mirror-private.h"

/*
 * Revisions are CouchDB's: "N-hash", N the number of edits on the branch.
 * The hash is the MD5 of the parent revision, the deleted flag and the body
 * in a canonical form (members sorted by name, at every depth), so two
 * libraries that make the same change to the same revision make the same
 * revision whatever order their copies of a body keep, and a replay after a
 * crash sends what was sent before.
 */

static const char *const kind_names[] = {
  [CO_MIRROR_KIND_VAULT_ITEM] = "vault_item",
  [CO_MIRROR_KIND_DRAFT] = "draft",
  [CO_MIRROR_KIND_SCHEDULE] = "schedule",
  [CO_MIRROR_KIND_CONFLICT] = "conflict",
};

/* Document ids start with these, in the order of CoMirrorKind. */
static const char *const id_prefixes[] = {
  [CO_MIRROR_KIND_VAULT_ITEM] = "vault:",
  [CO_MIRROR_KIND_DRAFT] = "draft:",
  [CO_MIRROR_KIND_SCHEDULE] = "schedule:",
  [CO_MIRROR_KIND_CONFLICT] = "conflict:",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == CO_MIRROR_N_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (id_prefixes) == CO_MIRROR_N_KINDS);

const char *
_co_mirror_kind_to_string (CoMirrorKind kind)
{
  g_assert (kind < CO_MIRROR_N_KINDS);
  return kind_names[kind];
}

/* The kind of record a document id names, from its prefix.  Other ids (design
 * documents, records of a newer CreatorOps) name nothing this build keeps. */
gboolean
_co_mirror_kind_for_doc_id (const char   *doc_id,
                            CoMirrorKind *out_kind)
{
  for (guint i = 0; i < CO_MIRROR_N_KINDS; i++)
    {
      if (g_str_has_prefix (doc_id, id_prefixes[i]) && doc_id[strlen (id_prefixes[i])] != '\0')
        {
          *out_kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
_co_mirror_rev_parse (const char  *rev,
                      int         *out_generation,
                      const char **out_hash)
{
  char *end = NULL;
  gint64 generation;

  if (rev == NULL || !g_ascii_isdigit (rev[0]))
    return FALSE;
  generation = g_ascii_strtoll (rev, &end, 10);
  if (end == NULL || *end != '-' || end[1] == '\0' || generation < 1 || generation > G_MAXINT)
    return FALSE;
  if (out_generation != NULL)
    *out_generation = (int)generation;
  if (out_hash != NULL)
    *out_hash = end + 1;
  return TRUE;
}

/**
 * _co_mirror_hash_text:
 * @first: the first piece of text
 * @...: more pieces, then %NULL
 *
 * Returns: (transfer full): the MD5 of the pieces, each followed by a newline,
 *   in hexadecimal
 */
char *
_co_mirror_hash_text (const char *first,
                      ...)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_MD5);
  va_list args;

  va_start (args, first);
  for (const char *piece = first; piece != NULL; piece = va_arg (args, const char *))
    {
      g_checksum_update (checksum, (const guchar *)piece, strlen (piece));
      g_checksum_update (checksum, (const guchar *)"\n", 1);
    }
  va_end (args);
  return g_strdup (g_checksum_get_string (checksum));
}

static JsonNode *canonical_node (JsonNode *node);

static JsonObject *
canonical_object (JsonObject *object)
{
  JsonObject *sorted = json_object_new ();
  GList *names = g_list_sort (json_object_get_members (object), (GCompareFunc)strcmp);

  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (sorted, l->data,
                            canonical_node (json_object_get_member (object, l->data)));
  g_list_free (names);
  return sorted;
}

/* A deep copy of @node with every object's members sorted by name. */
static JsonNode *
canonical_node (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, canonical_object (json_node_get_object (node)));
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *sorted = json_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (sorted, canonical_node (json_array_get_element (array, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, sorted);
      return copy;
    }
  return json_node_copy (node);
}

/**
 * _co_mirror_rev_next:
 * @parent: (nullable): the revision the change starts from
 * @deleted: whether the new revision is a deletion
 * @body: the new revision's body
 *
 * Returns: (transfer full): the new revision, one generation after @parent
 */
char *
_co_mirror_rev_next (const char *parent,
                     gboolean    deleted,
                     JsonObject *body)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  int generation = 0;

  json_node_take_object (node, canonical_object (body));
  text = json_to_string (node, FALSE);
  hash = _co_mirror_hash_text (parent ? parent : "", deleted ? "1" : "0", text, NULL);
  if (parent != NULL && !_co_mirror_rev_parse (parent, &generation, NULL))
    g_assert_not_reached ();
  return g_strdup_printf ("%d-%s", generation + 1, hash);
}

/* The history of @rev, whose parent had @parent_ancestry; capped. */
char **
_co_mirror_ancestry_extend (const char  *rev,
                            char       **parent_ancestry)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *hash = NULL;
  guint n = 1;

  if (!_co_mirror_rev_parse (rev, NULL, &hash))
    g_assert_not_reached ();
  g_strv_builder_add (builder, hash);
  for (guint i = 0; parent_ancestry != NULL && parent_ancestry[i] != NULL; i++)
    {
      if (n++ >= CO_MIRROR_MAX_ANCESTRY)
        break;
      g_strv_builder_add (builder, parent_ancestry[i]);
    }
  return g_strv_builder_end (builder);
}

/* Whether @rev is @tip or one of its ancestors in @ancestry (@tip's history). */
gboolean
_co_mirror_ancestry_has (const char  *tip,
                         char       **ancestry,
                         const char  *rev)
{
  int tip_generation, generation;
  const char *hash;
  guint index;

  if (tip == NULL || ancestry == NULL ||
      !_co_mirror_rev_parse (tip, &tip_generation, NULL) ||
      !_co_mirror_rev_parse (rev, &generation, &hash) || generation > tip_generation)
    return FALSE;
  index = (guint)(tip_generation - generation);
  if (index >= g_strv_length (ancestry))
    return FALSE;
  return strcmp (ancestry[index], hash) == 0;
}

char **
_co_mirror_ancestry_parse (const char *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strv_builder_end (builder);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *hash = json_node_get_string (json_array_get_element (array, i));

      if (hash != NULL)
        g_strv_builder_add (builder, hash);
    }
  return g_strv_builder_end (builder);
}

static JsonArray *
strv_to_array (char **strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

char *
_co_mirror_ancestry_to_json (char **ancestry)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, strv_to_array (ancestry));
  return json_to_string (node, FALSE);
}

/* CouchDB's `_revisions` member: the generation of @rev and the hashes. */
JsonObject *
_co_mirror_revisions_json (const char  *rev,
                           char       **ancestry)
{
  JsonObject *object = json_object_new ();
  int generation = 0;

  if (!_co_mirror_rev_parse (rev, &generation, NULL))
    g_assert_not_reached ();
  json_object_set_int_member (object, "start", generation);
  json_object_set_array_member (object, "ids", strv_to_array (ancestry));
  return object;
}
