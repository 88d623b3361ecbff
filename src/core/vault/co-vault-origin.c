/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-vault"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "co-json-read.h"
#include "co-vault-origin.h"

/*
 * Where a stored file came from.  The library keeps its own copy of every
 * imported file, so an item works after the original is moved or deleted;
 * but while the original is still where it was, an editor is better pointed
 * at it (its name, its folder, the creator's own file).  The import
 * remembers the path with the file's size and modification time, as a
 * result kept under the content's digest, which a purge of the stored file
 * removes with the other results of that content.  It is a hint: a file
 * at that path counts only while it still has the content.
 */

static gboolean
stat_file (const char *path,
           gint64     *out_size,
           gint64     *out_mtime)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  *out_size = st.st_size;
  *out_mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  return TRUE;
}

/**
 * co_vault_remember_origin:
 * @store: the library
 * @sha256: the digest of a stored file
 * @path: the file it was imported from
 *
 * Remembers @path as where the content of @sha256 is, with the file's size
 * and modification time.  The latest import of a content wins.  This is a
 * hint that only saves work later, so a failure is logged, not reported.
 */
void
co_vault_remember_origin (CoStore    *store,
                          const char *sha256,
                          const char *path)
{
  g_autofree char *absolute = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  gint64 size, mtime;

  g_return_if_fail (CO_IS_STORE (store) && sha256 != NULL && path != NULL);

  absolute = g_canonicalize_filename (path, NULL);
  if (!stat_file (absolute, &size, &mtime))
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, absolute);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, size);
  json_builder_set_member_name (builder, "mtime");
  json_builder_add_int_value (builder, mtime);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  if (!co_store_put_result (store, CO_VAULT_ORIGIN_KIND, sha256, "", json, NULL, &error))
    g_debug ("Where %s came from is not remembered: %s", sha256, error->message);
}

/* Same size and time: the file is taken to be unchanged, as make and rsync
 * do; the same size at another time is hashed to be sure. */
static gboolean
has_content (const char   *path,
             const char   *sha256,
             gint64        size,
             gint64        mtime,
             GCancellable *cancellable)
{
  g_autofree char *digest = NULL;
  gint64 now_size, now_mtime;

  if (!stat_file (path, &now_size, &now_mtime) || now_size != size)
    return FALSE;
  if (now_mtime == mtime)
    return TRUE;
  digest = co_store_hash_file (path, NULL, cancellable, NULL);
  return g_strcmp0 (digest, sha256) == 0;
}

/**
 * co_vault_dup_origin:
 * @store: the library
 * @sha256: the digest of a stored file
 * @cancellable: (nullable): a #GCancellable
 *
 * Finds the file the content of @sha256 was last imported from, if it is
 * still there with that content: the same size and modification time as at
 * the import, or, when only the time differs, the same digest.
 *
 * Returns: (transfer full) (nullable): its absolute path, or %NULL
 */
char *
co_vault_dup_origin (CoStore      *store,
                     const char   *sha256,
                     GCancellable *cancellable)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = NULL;
  const char *path;

  g_return_val_if_fail (CO_IS_STORE (store) && sha256 != NULL, NULL);

  /* The kept results are damaged at worst; then the copy is used. */
  if (!co_store_get_result (store, CO_VAULT_ORIGIN_KIND, sha256, "", &json, NULL, NULL) ||
      json == NULL)
    return NULL;
  root = co_json_read_object (json, &object);
  path = co_json_get_string (object, "path");
  if (path == NULL || !g_path_is_absolute (path) ||
      !has_content (path, sha256, co_json_get_int_or (object, "size", -1),
                    co_json_get_int_or (object, "mtime", -1), cancellable))
    return NULL;
  return g_strdup (path);
}
