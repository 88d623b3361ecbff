/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include "co-mirror-media.h"
#include "co-store-private.h"

/*
 * mirror_media (bucket, sha256): files the bucket holds, pushed from here or
 * found there by a HEAD, so a second push asks nothing.  mirror_uploads and
 * mirror_upload_parts: one multipart upload per file under way, and the
 * ETag of each part as soon as the server took it.
 */

void
co_mirror_file_free (CoMirrorFile *file)
{
  if (file == NULL)
    return;
  g_free (file->sha256);
  g_free (file);
}

void
co_mirror_upload_free (CoMirrorUpload *upload)
{
  if (upload == NULL)
    return;
  g_free (upload->upload_id);
  g_clear_pointer (&upload->etags, g_ptr_array_unref);
  g_free (upload);
}

/**
 * co_mirror_media_list_files:
 * @store: a store
 * @bucket: the bucket's address
 * @missing_here: %TRUE for the files records name that are not stored here
 *   (to fetch), %FALSE for the stored ones the bucket is not known to hold
 *   (to push)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoMirrorFile) (nullable): the files,
 *   by digest
 */
GPtrArray *
co_mirror_media_list_files (CoStore     *store,
                            const char  *bucket,
                            gboolean     missing_here,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify)co_mirror_file_free);
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (bucket != NULL, NULL);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT a.sha256, a.size FROM assets a"
                                   " WHERE EXISTS (SELECT 1 FROM asset_refs r"
                                   "               WHERE r.sha256 = a.sha256)"
                                   " AND (?2 OR NOT EXISTS (SELECT 1 FROM mirror_media m"
                                   "      WHERE m.bucket = ?1 AND m.sha256 = a.sha256))"
                                   " ORDER BY a.sha256", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, bucket, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, missing_here);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sha256 = (const char *)sqlite3_column_text (stmt, 0);
      g_autofree char *path = co_store_dup_blob_path (store, sha256);
      CoMirrorFile *file;

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR) == missing_here)
        continue;
      file = g_new0 (CoMirrorFile, 1);
      file->sha256 = g_strdup (sha256);
      file->size = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (files, file);
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, "mirror_media");
      return NULL;
    }
  return g_steal_pointer (&files);
}

static gboolean
run (CoStore     *store,
     const char  *sql,
     const char  *text1,
     const char  *text2,
     const char  *text3,
     gint64       number,
     GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_TRANSIENT);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
  if (text3 != NULL)
    sqlite3_bind_text (stmt, 3, text3, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, number);
  return _co_store_step_done (store, stmt, error);
}

/**
 * co_mirror_media_mark_pushed:
 * @store: a store
 * @bucket: the bucket's address
 * @sha256: a file the bucket now holds
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
co_mirror_media_mark_pushed (CoStore     *store,
                             const char  *bucket,
                             const char  *sha256,
                             GError     **error)
{
  g_return_val_if_fail (CO_IS_STORE (store), FALSE);

  return run (store, "INSERT OR IGNORE INTO mirror_media (bucket, sha256) VALUES (?1, ?2)",
              bucket, sha256, NULL, 0, error);
}

/**
 * co_mirror_media_get_upload:
 * @store: a store
 * @bucket: the bucket's address
 * @sha256: a file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the upload of @sha256 to @bucket under
 *   way, or %NULL (without an error) when there is none
 */
CoMirrorUpload *
co_mirror_media_get_upload (CoStore     *store,
                            const char  *bucket,
                            const char  *sha256,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) parts = NULL;
  g_autoptr(CoMirrorUpload) upload = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT upload_id, part_size FROM mirror_uploads"
                                   " WHERE sha256 = ? AND bucket = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, bucket, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  upload = g_new0 (CoMirrorUpload, 1);
  upload->upload_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  upload->part_size = sqlite3_column_int64 (stmt, 1);
  upload->etags = g_ptr_array_new_with_free_func (g_free);
  parts = _co_store_prepare (store, "SELECT number, etag FROM mirror_upload_parts"
                                    " WHERE sha256 = ? ORDER BY number", error);
  if (parts == NULL)
    return NULL;
  sqlite3_bind_text (parts, 1, sha256, -1, SQLITE_TRANSIENT);
  /* Only the parts taken in a row from the first count. */
  while ((rc = sqlite3_step (parts)) == SQLITE_ROW &&
         sqlite3_column_int (parts, 0) == (int)upload->etags->len + 1)
    g_ptr_array_add (upload->etags, g_strdup ((const char *)sqlite3_column_text (parts, 1)));
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _co_store_set_error (store, error, "mirror_upload_parts");
      return NULL;
    }
  return g_steal_pointer (&upload);
}

/**
 * co_mirror_media_begin_upload:
 * @store: a store
 * @bucket: the bucket's address
 * @sha256: the file
 * @upload_id: the server's id of the new upload
 * @part_size: the size of its parts
 * @error: return location for a #GError
 *
 * Keeps a new upload, in place of any earlier one of the same file.
 *
 * Returns: %TRUE on success
 */
gboolean
co_mirror_media_begin_upload (CoStore     *store,
                              const char  *bucket,
                              const char  *sha256,
                              const char  *upload_id,
                              gint64       part_size,
                              GError     **error)
{
  g_return_val_if_fail (CO_IS_STORE (store), FALSE);

  return co_mirror_media_end_upload (store, sha256, error) &&
         run (store, "INSERT INTO mirror_uploads (sha256, bucket, upload_id, part_size)"
                     " VALUES (?1, ?2, ?3, ?4)", sha256, bucket, upload_id, part_size, error);
}

/**
 * co_mirror_media_add_part:
 * @store: a store
 * @sha256: the file
 * @number: the part the server took, from 1
 * @etag: its ETag
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
co_mirror_media_add_part (CoStore     *store,
                          const char  *sha256,
                          int          number,
                          const char  *etag,
                          GError     **error)
{
  g_return_val_if_fail (CO_IS_STORE (store), FALSE);

  return run (store, "INSERT OR REPLACE INTO mirror_upload_parts (sha256, etag, number)"
                     " VALUES (?1, ?2, ?4)", sha256, etag, NULL, number, error);
}

/**
 * co_mirror_media_end_upload:
 * @store: a store
 * @sha256: the file
 * @error: return location for a #GError
 *
 * Forgets the upload of @sha256 and its parts (completed, or to start again).
 *
 * Returns: %TRUE on success
 */
gboolean
co_mirror_media_end_upload (CoStore     *store,
                            const char  *sha256,
                            GError     **error)
{
  g_return_val_if_fail (CO_IS_STORE (store), FALSE);

  return run (store, "DELETE FROM mirror_upload_parts WHERE sha256 = ?1", sha256, NULL, NULL, 0,
              error) &&
         run (store, "DELETE FROM mirror_uploads WHERE sha256 = ?1", sha256, NULL, NULL, 0,
              error);
}
