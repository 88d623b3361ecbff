/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "co-media-mirror.h"
#include "co-mirror-error.h"
#include "co-mirror-media.h"

/*
 * Resuming a multipart upload: the upload's id and every part's ETag are kept
 * in the store as soon as the server gives them (co-mirror-media.c); after an
 * interruption the push sends the parts after the last kept one and completes
 * the upload with all the ETags.  The server is never asked for its parts
 * (ListParts) and no upload is aborted (s3rver has neither): when the server no
 * longer knows the upload, or refuses a kept part, the upload starts again
 * from the first part, and the one left behind expires under the bucket's
 * lifecycle rule, if any.
 */

/**
 * co_media_mirror_key:
 * @sha256: a stored file's digest
 *
 * Returns: (transfer full): the object key of the file in the bucket
 */
char *
co_media_mirror_key (const char *sha256)
{
  return g_strconcat ("blobs/", sha256, NULL);
}

static GMappedFile *
map_stored_file (CoStore     *store,
                 const char  *sha256,
                 GError     **error)
{
  g_autofree char *path = co_store_dup_blob_path (store, sha256);
  g_autoptr(GError) local_error = NULL;
  GMappedFile *mapped = g_mapped_file_new (path, FALSE, &local_error);

  if (mapped == NULL)
    g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_FOUND,
                 _("Cannot read the stored file %s: %s"), sha256, local_error->message);
  return mapped;
}

/* Sends the parts not sent yet and completes the upload; *out_again is set
 * when the server no longer knows the upload and it must start over. */
static gboolean
push_parts (CoS3                 *s3,
            CoStore              *store,
            const char           *sha256,
            GBytes               *content,
            CoMirrorUpload       *upload,
            CoProgressFunc        progress,
            gpointer              progress_data,
            CoMediaMirrorReport  *report,
            gboolean             *out_again,
            GCancellable         *cancellable,
            GError              **error)
{
  g_autofree char *key = co_media_mirror_key (sha256);
  gsize size = g_bytes_get_size (content);
  int n_parts = MAX (1, (size + upload->part_size - 1) / upload->part_size);

  *out_again = FALSE;
  for (int number = upload->etags->len + 1; number <= n_parts; number++)
    {
      gsize offset = (gsize)(number - 1) * upload->part_size;
      gsize length = MIN ((gsize)upload->part_size, size - offset);
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (content, offset, length);
      g_autoptr(GError) local_error = NULL;
      char *etag = co_s3_upload_part (s3, key, upload->upload_id, number, part, cancellable,
                                      &local_error);

      if (etag == NULL && g_error_matches (local_error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_REJECTED))
        {
          /* NoSuchUpload: the server forgot it. */
          *out_again = TRUE;
          return FALSE;
        }
      if (etag == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_ptr_array_add (upload->etags, etag);
      if (report != NULL)
        report->bytes_sent += length;
      if (!co_mirror_media_add_part (store, sha256, number, etag, error))
        return FALSE;
      if (progress != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Sent part %d of %d of %s"), number,
                                                      n_parts, key);

          progress ((double)number / n_parts, message, progress_data);
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return co_s3_complete_multipart (s3, key, upload->upload_id, upload->etags, out_again,
                                   cancellable, error);
}

static gboolean
push_multipart (CoS3                 *s3,
                CoStore              *store,
                const char           *sha256,
                GBytes               *content,
                CoMirrorUpload       *kept,
                gint64                part_size,
                CoProgressFunc        progress,
                gpointer              progress_data,
                CoMediaMirrorReport  *report,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autofree char *key = co_media_mirror_key (sha256);
  const char *bucket = co_s3_get_url (s3);
  g_autoptr(CoMirrorUpload) upload = kept;

  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean again = FALSE;

      if (upload == NULL)
        {
          upload = g_new0 (CoMirrorUpload, 1);
          upload->part_size = part_size;
          upload->etags = g_ptr_array_new_with_free_func (g_free);
          upload->upload_id = co_s3_create_multipart (s3, key, cancellable, error);
          if (upload->upload_id == NULL ||
              !co_mirror_media_begin_upload (store, bucket, sha256, upload->upload_id, part_size,
                                             error))
            return FALSE;
        }
      if (push_parts (s3, store, sha256, content, upload, progress, progress_data, report, &again,
                      cancellable, &local_error))
        return co_mirror_media_end_upload (store, sha256, error);
      if (!again || attempt > 0)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_REJECTED,
                         _("The S3 server at %s refused the upload of “%s”"), bucket, key);
          return FALSE;
        }
      g_debug ("The upload of %s is gone from %s; starting again", key, bucket);
      if (!co_mirror_media_end_upload (store, sha256, error))
        return FALSE;
      g_clear_pointer (&upload, co_mirror_upload_free);
    }
  g_assert_not_reached ();
}

/**
 * co_media_mirror_push_file:
 * @s3: the bucket
 * @store: the library
 * @sha256: a stored file's digest
 * @part_size: files larger than this go in parts of this size
 *   (%CO_MEDIA_MIRROR_PART_SIZE; S3 takes parts of 5 MiB or more)
 * @progress: (nullable) (scope call): told after each part
 * @progress_data: data for @progress
 * @report: (nullable): what the push did, added to
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends the file unless the bucket holds it already; an upload in parts that
 * was interrupted continues from its last part.
 *
 * Returns: %TRUE when the bucket holds the file
 */
gboolean
co_media_mirror_push_file (CoS3                 *s3,
                           CoStore              *store,
                           const char           *sha256,
                           gint64                part_size,
                           CoProgressFunc        progress,
                           gpointer              progress_data,
                           CoMediaMirrorReport  *report,
                           GCancellable         *cancellable,
                           GError              **error)
{
  g_autofree char *key = co_media_mirror_key (sha256);
  const char *bucket = co_s3_get_url (s3);
  g_autoptr(CoMirrorUpload) upload = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CO_IS_S3 (s3), FALSE);
  g_return_val_if_fail (CO_IS_STORE (store), FALSE);
  g_return_val_if_fail (part_size > 0, FALSE);

  mapped = map_stored_file (store, sha256, error);
  if (mapped == NULL)
    return FALSE;
  content = g_mapped_file_get_bytes (mapped);
  upload = co_mirror_media_get_upload (store, bucket, sha256, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (upload == NULL)
    {
      gboolean exists = FALSE;
      gint64 size = -1;

      if (!co_s3_head (s3, key, &exists, &size, cancellable, error))
        return FALSE;
      if (exists && size == (gint64)g_bytes_get_size (content))
        {
          if (report != NULL)
            report->present++;
          return co_mirror_media_mark_pushed (store, bucket, sha256, error);
        }
    }
  if (upload != NULL || (gint64)g_bytes_get_size (content) > part_size)
    {
      if (!push_multipart (s3, store, sha256, content, g_steal_pointer (&upload), part_size,
                           progress, progress_data, report, cancellable, error))
        return FALSE;
    }
  else
    {
      /* The file's digest is the body's SHA-256 the request is signed with. */
      if (!co_s3_put (s3, key, content, sha256, cancellable, error))
        return FALSE;
      if (report != NULL)
        report->bytes_sent += g_bytes_get_size (content);
    }
  if (report != NULL)
    report->pushed++;
  return co_mirror_media_mark_pushed (store, bucket, sha256, error);
}

/**
 * co_media_mirror_push:
 * @s3: the bucket
 * @store: the library
 * @part_size: as for co_media_mirror_push_file()
 * @progress: (nullable) (scope call): told after each part
 * @progress_data: data for @progress
 * @report: (nullable): what the push did, added to
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends every stored file a record refers to that the bucket is not known to
 * hold.  A second push with nothing new sends no request.
 *
 * Returns: %TRUE when the bucket holds them all
 */
gboolean
co_media_mirror_push (CoS3                 *s3,
                      CoStore              *store,
                      gint64                part_size,
                      CoProgressFunc        progress,
                      gpointer              progress_data,
                      CoMediaMirrorReport  *report,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autoptr(GPtrArray) files = NULL;

  g_return_val_if_fail (CO_IS_S3 (s3), FALSE);

  files = co_mirror_media_list_files (store, co_s3_get_url (s3), FALSE, error);
  if (files == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      CoMirrorFile *file = g_ptr_array_index (files, i);

      if (!co_media_mirror_push_file (s3, store, file->sha256, part_size, progress, progress_data,
                                      report, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * co_media_mirror_fetch_file:
 * @s3: the bucket
 * @store: the library
 * @sha256: the digest of a file a record names
 * @report: (nullable): what the fetch did, added to
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Brings the file from the bucket into the store, if its content has the
 * digest; otherwise nothing is kept.
 *
 * Returns: %TRUE when the store holds the file, otherwise %FALSE with
 *   %CO_MIRROR_ERROR_DIGEST_MISMATCH, %CO_MIRROR_ERROR_NOT_FOUND or the
 *   server's error
 */
gboolean
co_media_mirror_fetch_file (CoS3                 *s3,
                            CoStore              *store,
                            const char           *sha256,
                            CoMediaMirrorReport  *report,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_autofree char *key = co_media_mirror_key (sha256);
  g_autoptr(GBytes) content = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd;

  g_return_val_if_fail (CO_IS_S3 (s3), FALSE);
  g_return_val_if_fail (CO_IS_STORE (store), FALSE);

  content = co_s3_get (s3, key, cancellable, error);
  if (content == NULL)
    return FALSE;
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  if (g_strcmp0 (actual, sha256) != 0)
    {
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_DIGEST_MISMATCH,
                   _("The object “%s” in the S3 bucket at %s is not the file it names (its "
                     "SHA-256 is %s); it was not kept"), key, co_s3_get_url (s3), actual);
      return FALSE;
    }
  fd = g_file_open_tmp ("creatorops-fetch-XXXXXX", &tmp_path, &local_error);
  if (fd < 0 ||
      !g_file_set_contents_full (tmp_path, g_bytes_get_data (content, NULL),
                                 g_bytes_get_size (content), G_FILE_SET_CONTENTS_NONE, 0600,
                                 &local_error))
    {
      if (fd >= 0)
        close (fd);
      if (tmp_path != NULL)
        g_unlink (tmp_path);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot keep the file %s from the S3 bucket: "), sha256);
      return FALSE;
    }
  close (fd);
  stored = co_store_add_blob (store, tmp_path, NULL, cancellable, error);
  g_unlink (tmp_path);
  if (stored == NULL)
    return FALSE;
  /* The file changed between the check and the store: not what was asked. */
  if (g_strcmp0 (stored, sha256) != 0)
    {
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_DIGEST_MISMATCH,
                   _("The file %s from the S3 bucket at %s changed while it was stored"),
                   sha256, co_s3_get_url (s3));
      return FALSE;
    }
  if (report != NULL)
    report->fetched++;
  return co_mirror_media_mark_pushed (store, co_s3_get_url (s3), sha256, error);
}

/**
 * co_media_mirror_fetch:
 * @s3: the bucket
 * @store: the library
 * @report: (nullable): what the fetch did, added to
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Brings every file a record names that is not stored here.  A file the
 * bucket does not have either is counted as missing, not an error: the
 * library that has it may not have pushed it yet.
 *
 * Returns: %TRUE unless one could not be fetched or was damaged
 */
gboolean
co_media_mirror_fetch (CoS3                 *s3,
                       CoStore              *store,
                       CoMediaMirrorReport  *report,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(GPtrArray) files = NULL;

  g_return_val_if_fail (CO_IS_S3 (s3), FALSE);

  files = co_mirror_media_list_files (store, co_s3_get_url (s3), TRUE, error);
  if (files == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      CoMirrorFile *file = g_ptr_array_index (files, i);

      g_autoptr(GError) local_error = NULL;

      if (co_media_mirror_fetch_file (s3, store, file->sha256, report, cancellable, &local_error))
        continue;
      if (!g_error_matches (local_error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (report != NULL)
        report->missing++;
    }
  return TRUE;
}
