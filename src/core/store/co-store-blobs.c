/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <string.h>
#include <sys/stat.h>

#include "co-file-error.h"
#include "co-store-error.h"
#include "co-store-private.h"

#define CHUNK_SIZE (256 * 1024)

/* Stored files live in blobs/<first two hex digits>/<sha256>, so that no
 * folder grows past a few thousand entries. */
static char *
blob_dir (CoStore    *self,
          const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  return g_build_filename (co_store_get_data_dir (self), "blobs", prefix, NULL);
}

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *format_path,
              const char  *path)
{
  g_autofree char *message = g_strdup_printf (format_path, path);

  g_set_error (error, CO_STORE_ERROR,
               saved_errno == ENOSPC || saved_errno == EDQUOT ? CO_STORE_ERROR_FULL
                                                              : CO_STORE_ERROR_IO,
               "%s: %s", message, g_strerror (saved_errno));
}

static void
set_source_error (GError     **error,
                  int          saved_errno,
                  const char  *path)
{
  int code = saved_errno == ENOENT ? CO_FILE_ERROR_NOT_FOUND
           : saved_errno == EISDIR ? CO_FILE_ERROR_NOT_REGULAR
           : CO_FILE_ERROR_UNREADABLE;

  g_set_error (error, CO_FILE_ERROR, code, _("Cannot read “%s”: %s"),
               path, g_strerror (saved_errno));
}

static void
set_not_regular_error (GError     **error,
                       const char  *path,
                       mode_t       mode)
{
  g_set_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_REGULAR,
               S_ISDIR (mode) ? _("Cannot read “%s”: it is a folder, not a file")
                              : _("Cannot read “%s”: it is a device, pipe or socket, not a file"),
               path);
}

/* Reads @in_fd to the end, feeding the checksum and (if @out_fd >= 0) the
 * copy.  Errors name @path, the file the user gave us. */
static gboolean
pump (int            in_fd,
      int            out_fd,
      const char    *path,
      const char    *tmp_path,
      GChecksum     *checksum,
      gint64        *out_size,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  gint64 total = 0;
  gssize n;

  while ((n = read (in_fd, buffer, CHUNK_SIZE)) != 0)
    {
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          set_source_error (error, errno, path);
          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_checksum_update (checksum, buffer, n);
      total += n;
      for (gssize done = 0; out_fd >= 0 && done < n;)
        {
          gssize w = write (out_fd, buffer + done, n - done);
          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              set_io_error (error, errno, _("Cannot write “%s”"), tmp_path);
              return FALSE;
            }
          done += w;
        }
    }

  *out_size = total;
  return TRUE;
}

static int
open_source (const char  *path,
             GError     **error)
{
  GStatBuf st = { 0 };
  int fd;

  /* Non-blocking, so that a named pipe given by mistake is refused instead
   * of waiting forever for a writer. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_source_error (error, errno, path);
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;
      close (fd);
      set_source_error (error, saved_errno, path);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      set_not_regular_error (error, path, st.st_mode);
      return -1;
    }
  /* Regular files never block; reads below need not handle EAGAIN. */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

/**
 * co_store_hash_file:
 * @path: a regular file
 * @out_size: (out) (optional): the file's size in bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Computes the SHA-256 of a file without storing it.
 *
 * Returns: (transfer full) (nullable): the lowercase hex digest, or %NULL
 *   with a %CO_FILE_ERROR naming @path
 */
char *
co_store_hash_file (const char    *path,
                    gint64        *out_size,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gint64 size = 0;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = open_source (path, error);
  if (fd < 0)
    return NULL;
  ok = pump (fd, -1, path, NULL, checksum, &size, cancellable, error);
  close (fd);
  if (!ok)
    return NULL;

  if (out_size != NULL)
    *out_size = size;
  return g_strdup (g_checksum_get_string (checksum));
}

/* Creates blobs/tmp/import-XXXXXX (the name the stray sweep recognises)
 * below @tmp_fd, never through a link. */
static int
create_temp (int     tmp_fd,
             char  **out_name)
{
  static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  for (int attempt = 0; attempt < 100; attempt++)
    {
      char name[] = "import-XXXXXX";
      int fd;

      for (gsize i = strlen ("import-"); i < strlen (name); i++)
        name[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      fd = openat (tmp_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      if (fd >= 0 || errno != EEXIST)
        {
          if (fd >= 0)
            *out_name = g_strdup (name);
          return fd;
        }
    }
  errno = EEXIST;
  return -1;
}

static gboolean
copy_to_temp (CoStore       *self,
              int            in_fd,
              const char    *path,
              CoStagedBlob  *staged,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *tmp_dir = g_build_filename (co_store_get_data_dir (self), "blobs", "tmp", NULL);
  g_autofree char *tmp_path = NULL;
  int tmp_fd = _co_store_open_folder (self, "blobs/tmp", TRUE, error);
  int out_fd;
  gboolean ok;

  if (tmp_fd < 0)
    return FALSE;
  out_fd = create_temp (tmp_fd, &staged->tmp_name);
  close (tmp_fd);
  if (out_fd < 0)
    {
      set_io_error (error, errno, _("Cannot create a file in “%s”"), tmp_dir);
      return FALSE;
    }

  tmp_path = g_build_filename (tmp_dir, staged->tmp_name, NULL);
  ok = pump (in_fd, out_fd, path, tmp_path, checksum, &staged->size, cancellable, error);
  if (ok && fsync (out_fd) != 0)
    {
      set_io_error (error, errno, _("Cannot flush “%s”"), tmp_path);
      ok = FALSE;
    }
  close (out_fd);
  if (ok)
    staged->sha256 = g_strdup (g_checksum_get_string (checksum));
  return ok;
}

/**
 * _co_store_stage_blob:
 * @self: a #CoStore
 * @path: the file to store
 * @staged: (out caller-allocates): the copy; clear it with
 *   _co_store_staged_blob_clear()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Copies @path into blobs/tmp, flushed to disk and hashed on the way.  The
 * copy gets its stored name only in _co_store_place_blob(), inside the
 * transaction that records it.  Needs no lock: other work goes on while a
 * large file is copied.
 *
 * Returns: %TRUE on success; %CO_MEDIA_ERROR for the source,
 *   %CO_STORE_ERROR for the store
 */
gboolean
_co_store_stage_blob (CoStore       *self,
                      const char    *path,
                      CoStagedBlob  *staged,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gboolean ok;
  int in_fd;

  memset (staged, 0, sizeof *staged);
  in_fd = open_source (path, error);
  if (in_fd < 0)
    return FALSE;
  ok = copy_to_temp (self, in_fd, path, staged, cancellable, error);
  close (in_fd);
  if (!ok)
    _co_store_staged_blob_clear (self, staged);
  return ok;
}

/**
 * _co_store_staged_blob_clear:
 * @self: a #CoStore
 * @staged: a staged copy
 *
 * Removes the temporary copy if it was not placed, and frees @staged.
 */
void
_co_store_staged_blob_clear (CoStore      *self,
                             CoStagedBlob *staged)
{
  if (staged->tmp_name != NULL)
    _co_store_remove_file (self, "blobs/tmp", staged->tmp_name, NULL);
  g_clear_pointer (&staged->tmp_name, g_free);
  g_clear_pointer (&staged->sha256, g_free);
}

static gboolean
rename_into_place (CoStore       *self,
                   int            tmp_fd,
                   int            dir_fd,
                   CoStagedBlob  *staged,
                   gboolean      *out_created,
                   GError       **error)
{
  g_autofree char *final_path = co_store_dup_blob_path (self, staged->sha256);
  struct stat st;

  /* The same content is stored once: a second copy is simply dropped. */
  if (fstatat (dir_fd, staged->sha256, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG (st.st_mode))
    return TRUE;
  if (renameat (tmp_fd, staged->tmp_name, dir_fd, staged->sha256) != 0)
    {
      set_io_error (error, errno, _("Cannot store “%s”"), final_path);
      return FALSE;
    }
  g_clear_pointer (&staged->tmp_name, g_free);
  *out_created = TRUE;
  if (fsync (dir_fd) != 0)
    {
      set_io_error (error, errno, _("Cannot flush the folder of “%s”"), final_path);
      return FALSE;
    }
  return TRUE;
}

/**
 * _co_store_place_blob:
 * @self: a #CoStore
 * @staged: a copy made by _co_store_stage_blob()
 * @out_created: (out): %TRUE when this call put the file in place (it was
 *   not stored yet), so that a failed transaction can remove it again
 * @error: return location for a #GError
 *
 * Gives a staged copy its stored name.  Call it inside the write
 * transaction that records the asset: a purge removes files only while it
 * holds the same lock, so a file found or placed here is still there at
 * the commit.
 *
 * Returns: %TRUE when the file is in place
 */
gboolean
_co_store_place_blob (CoStore       *self,
                      CoStagedBlob  *staged,
                      gboolean      *out_created,
                      GError       **error)
{
  g_autofree char *relative = _co_store_dup_blob_folder (staged->sha256);
  int tmp_fd, dir_fd;
  gboolean ok;

  *out_created = FALSE;
  tmp_fd = _co_store_open_folder (self, "blobs/tmp", FALSE, error);
  if (tmp_fd < 0)
    return FALSE;
  dir_fd = _co_store_open_folder (self, relative, TRUE, error);
  if (dir_fd < 0)
    {
      close (tmp_fd);
      return FALSE;
    }
  ok = rename_into_place (self, tmp_fd, dir_fd, staged, out_created, error);
  close (dir_fd);
  close (tmp_fd);
  /* A copy that was not renamed (the file was already stored, or the
   * rename failed) is not needed any more. */
  if (staged->tmp_name != NULL)
    _co_store_remove_file (self, "blobs/tmp", staged->tmp_name, NULL);
  g_clear_pointer (&staged->tmp_name, g_free);
  return ok;
}

/**
 * _co_store_dup_blob_folder:
 * @sha256: a digest
 *
 * Returns: (transfer full): the folder of that stored file relative to the
 *   data folder, "blobs/" and its first two digits
 */
char *
_co_store_dup_blob_folder (const char *sha256)
{
  return g_strdup_printf ("blobs/%c%c", sha256[0], sha256[1]);
}

/**
 * co_store_add_blob:
 * @self: a #CoStore
 * @path: the file to store
 * @out_size: (out) (optional): the file's size in bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Copies @path into the content-addressed store, through a temporary file
 * that is flushed to disk and renamed into place, so that a crash never
 * leaves a partial file under a valid name.  Storing the same content twice
 * keeps one copy.  This records nothing in the database, so a purge may
 * remove the file again once it is old; the vault's import stores and
 * records a file in one transaction instead.
 *
 * Returns: (transfer full) (nullable): the SHA-256 hex digest, or %NULL with
 *   a %CO_FILE_ERROR (the source) or %CO_STORE_ERROR (the store)
 */
char *
co_store_add_blob (CoStore       *self,
                   const char    *path,
                   gint64        *out_size,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  CoStagedBlob staged;
  gboolean created;
  char *sha256 = NULL;

  g_return_val_if_fail (CO_IS_STORE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!_co_store_stage_blob (self, path, &staged, cancellable, error))
    return NULL;
  locker = _co_store_lock (self);
  if (_co_store_begin (self, error))
    {
      if (_co_store_place_blob (self, &staged, &created, error))
        sha256 = g_strdup (staged.sha256);
      _co_store_rollback (self);   /* Nothing was written to the database. */
    }
  if (sha256 != NULL && out_size != NULL)
    *out_size = staged.size;
  _co_store_staged_blob_clear (self, &staged);
  return sha256;
}

/**
 * co_store_dup_blob_path:
 * @self: a #CoStore
 * @sha256: a stored file's digest
 *
 * Returns: (transfer full): where the file with that digest is stored
 */
char *
co_store_dup_blob_path (CoStore    *self,
                        const char *sha256)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (CO_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) == 64, NULL);

  dir = blob_dir (self, sha256);
  return g_build_filename (dir, sha256, NULL);
}

static gboolean
collect_blob_cb (int                dir_fd,
                 const char        *folder,
                 const char        *name,
                 const struct stat *st,
                 gpointer           digests)
{
  g_ptr_array_add (digests, g_strdup (name));
  return TRUE;
}

/**
 * co_store_list_blobs:
 * @self: a #CoStore
 *
 * Lists the stored files found on disk, whether or not the database knows
 * them: regular files named by a digest in the folder of its first two
 * digits.  Links are not followed.
 *
 * Returns: (transfer full) (element-type utf8): the digests, by folder
 */
GPtrArray *
co_store_list_blobs (CoStore *self)
{
  GPtrArray *digests;

  g_return_val_if_fail (CO_IS_STORE (self), NULL);

  digests = g_ptr_array_new_with_free_func (g_free);
  _co_store_foreach_stored_file (self, collect_blob_cb, digests);
  return digests;
}

/**
 * co_store_dup_thumbnail_path:
 * @self: a #CoStore
 * @sha256: a stored file's digest
 *
 * Thumbnails are cached by content, so one is made once per stored file.
 *
 * Returns: (transfer full): where the PNG thumbnail of that file is cached
 */
char *
co_store_dup_thumbnail_path (CoStore    *self,
                             const char *sha256)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (CO_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  name = g_strconcat (sha256, ".png", NULL);
  return g_build_filename (co_store_get_data_dir (self), "thumbnails", name, NULL);
}

static gboolean
is_digest (const char *name)
{
  return strlen (name) == 64 && strspn (name, "0123456789abcdef") == 64;
}

/**
 * co_store_dup_blob_digest:
 * @path: any path
 *
 * Tells whether @path names a stored file, that is a file at the place
 * co_store_dup_blob_path() gives for its digest inside a data folder, and
 * if so which digest.  Only the path is looked at, so a stored file of any
 * library is recognised, and nothing is read.
 *
 * Returns: (transfer full) (nullable): the digest, or %NULL when @path is
 *   not a stored file
 */
char *
co_store_dup_blob_digest (const char *path)
{
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *blobs = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_path_get_basename (path);
  dir = g_path_get_dirname (path);
  prefix = g_path_get_basename (dir);
  parent = g_path_get_dirname (dir);
  blobs = g_path_get_basename (parent);
  if (!is_digest (name) || strlen (prefix) != 2 || !g_str_has_prefix (name, prefix) ||
      g_strcmp0 (blobs, "blobs") != 0)
    return NULL;
  return g_steal_pointer (&name);
}

/**
 * co_store_dup_source_key:
 * @path: a file
 * @error: return location for a #GError
 *
 * Names a file for the results kept with co_store_put_result().  A stored
 * file (co_store_dup_blob_digest()) is named by its digest, which never
 * changes, so that purging the asset removes its results too
 * (co_store_delete_results()).  Any other file is named by its absolute
 * path, size and modification time: cheap to compute (hashing a long video
 * would cost as much as analysing it), and it changes whenever the file
 * does.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with a
 *   %CO_FILE_ERROR naming @path when it cannot be read
 */
char *
co_store_dup_source_key (const char  *path,
                         GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *digest = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  absolute = g_file_get_path (file);
  if (g_stat (absolute, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CO_FILE_ERROR,
                   saved_errno == ENOENT ? CO_FILE_ERROR_NOT_FOUND : CO_FILE_ERROR_UNREADABLE,
                   _("Cannot read “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  if ((digest = co_store_dup_blob_digest (absolute)) != NULL)
    return g_steal_pointer (&digest);
  return g_strdup_printf ("file:%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ".%09ld", absolute,
                          (gint64) st.st_size, (gint64) st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}
