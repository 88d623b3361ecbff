/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "co-export-error.h"
#include "co-export-media.h"
#include "co-store-private.h"
#include "co-vault-origin.h"

/*
 * The file an export points at.  A library keeps its files under their
 * SHA-256 without an extension, which an editor shows as a hash and may
 * refuse to open.  An export therefore names the media by the item's title
 * and points at a file with the real extension: the file the person named,
 * or the item's original while it is still there, otherwise a named copy of
 * the stored file in the library's "exports" folder.  The copy is a hard link where the file
 * system allows it (no space, no time), a plain copy otherwise, and
 * read-only either way: a hard link shares the stored file itself, which an
 * editor must never write into.  The same content under the same title
 * always gets the same path, so exporting again reuses it.
 */

/* Longest title kept in a file name, in bytes, below the usual 255. */
#define MAX_NAME_BYTES 200

#define COPY_BUFFER (1 << 20)

/* The extension of a few MIME types, for items imported without one. */
static const struct
{
  const char *mime;
  const char *extension;
} mime_extensions[] = {
  { "video/mp4", "mp4" }, { "video/quicktime", "mov" }, { "video/x-matroska", "mkv" },
  { "video/webm", "webm" }, { "video/x-msvideo", "avi" }, { "video/mpeg", "mpg" },
  { "video/ogg", "ogv" }, { "audio/mpeg", "mp3" }, { "audio/x-wav", "wav" },
  { "audio/wav", "wav" }, { "audio/vnd.wave", "wav" }, { "audio/flac", "flac" },
  { "audio/x-flac", "flac" }, { "audio/ogg", "ogg" }, { "audio/mp4", "m4a" },
  { "audio/x-m4a", "m4a" }, { "audio/aac", "aac" }, { "audio/x-aiff", "aif" },
  { "audio/webm", "weba" }, { "audio/opus", "opus" },
};

/**
 * co_export_format_links_media:
 * @format: an export format
 *
 * Returns: whether @format writes the path of the media, so that the
 *   editor opens it (xmeml, FCPXML, the EDL's source file, Premiere markers)
 */
gboolean
co_export_format_links_media (CoExportFormat format)
{
  return format == CO_EXPORT_PREMIERE_XML || format == CO_EXPORT_FCPXML ||
         format == CO_EXPORT_EDL || format == CO_EXPORT_PREMIERE_MARKERS;
}

/**
 * co_export_source_dup_title:
 * @source: what is exported
 *
 * Returns: (transfer full): the name editors show for the clip and the
 *   sequence: the item's title, else its original file name, else the
 *   base name of the file read
 */
char *
co_export_source_dup_title (const CoExportSource *source)
{
  g_return_val_if_fail (source != NULL && source->path != NULL, NULL);

  if (source->title != NULL && *source->title != '\0')
    return g_strdup (source->title);
  if (source->original_name != NULL && *source->original_name != '\0')
    return g_strdup (source->original_name);
  return g_path_get_basename (source->path);
}

/* The extension of @name when it looks like one: 1–8 letters or digits. */
static const char *
find_extension (const char *name)
{
  const char *dot = name != NULL ? strrchr (name, '.') : NULL;
  gsize len;

  if (dot == NULL || dot == name)
    return NULL;
  len = strlen (dot + 1);
  if (len < 1 || len > 8)
    return NULL;
  for (const char *p = dot + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return NULL;
  return dot + 1;
}

static const char *
source_extension (const CoExportSource *source)
{
  const char *extension = find_extension (source->original_name);

  if (extension != NULL)
    return extension;
  for (gsize i = 0; source->mime != NULL && i < G_N_ELEMENTS (mime_extensions); i++)
    if (g_ascii_strcasecmp (source->mime, mime_extensions[i].mime) == 0)
      return mime_extensions[i].extension;
  return find_extension (source->title);
}

/* A title as a file name that every editor's system accepts: no folder
 * separators, no characters Windows refuses, no control characters, no
 * leading dot, at most MAX_NAME_BYTES. */
static char *
safe_stem (const char *title,
           const char *extension)
{
  GString *stem = g_string_new (NULL);
  const char *own = find_extension (title);
  const char *end;
  gsize len;

  len = strlen (title);
  /* "My Talk.wav" is not made "My Talk.wav.wav". */
  if (own != NULL && extension != NULL && g_ascii_strcasecmp (own, extension) == 0)
    len = own - 1 - title;
  if (!g_utf8_validate (title, len, &end))
    len = end - title;
  for (const char *p = title; p < title + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize size = g_utf8_next_char (p) - p;

      if (stem->len + size > MAX_NAME_BYTES)
        break;
      if (g_unichar_iscntrl (c) || (c < 128 && strchr ("/\\:*?\"<>|", (int) c) != NULL))
        g_string_append_c (stem, '_');
      else
        g_string_append_len (stem, p, size);
    }
  g_strstrip (stem->str);
  g_string_set_size (stem, strlen (stem->str));
  while (stem->str[0] == '.')
    g_string_erase (stem, 0, 1);
  if (stem->len == 0)
    g_string_assign (stem, "media");
  return g_string_free (stem, FALSE);
}

/**
 * co_export_source_dup_filename:
 * @source: what is exported
 *
 * Returns: (transfer full): the name of the named copy: the title, made
 *   safe for file systems, with the extension of the original file (or of
 *   the MIME type), e.g. `Interview take 3.mp4`
 */
char *
co_export_source_dup_filename (const CoExportSource *source)
{
  g_autofree char *title = co_export_source_dup_title (source);
  const char *extension = source_extension (source);
  g_autofree char *stem = safe_stem (title, extension);

  return extension != NULL ? g_strconcat (stem, ".", extension, NULL) : g_steal_pointer (&stem);
}

/* The second name, for another content that has the first one. */
static char *
alternative_filename (const CoExportSource *source,
                      const char           *name)
{
  const char *extension = find_extension (name);
  g_autofree char *stem = g_strndup (name, extension != NULL ? (gsize) (extension - 1 - name)
                                                             : strlen (name));

  return extension != NULL ? g_strdup_printf ("%s (%.8s).%s", stem, source->sha256, extension)
                           : g_strdup_printf ("%s (%.8s)", stem, source->sha256);
}

static gboolean
export_io_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_IO,
               _("The named copy “%s” cannot be made: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Whether @name in the folder holds @source's content already: the stored
 * file itself (a hard link), or a copy with its digest. */
static gboolean
holds_content (int                   dir_fd,
               const char           *dir,
               const char           *name,
               const struct stat    *blob,
               const CoExportSource *source,
               GCancellable         *cancellable)
{
  g_autofree char *path = NULL;
  g_autofree char *digest = NULL;
  struct stat st;

  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  if (st.st_dev == blob->st_dev && st.st_ino == blob->st_ino)
    return TRUE;
  if (st.st_size != blob->st_size)
    return FALSE;
  path = g_build_filename (dir, name, NULL);
  /* A copy that cannot be read is replaced, not reported. */
  digest = co_store_hash_file (path, NULL, cancellable, NULL);
  return g_strcmp0 (digest, source->sha256) == 0;
}

/* Writes all of @len bytes, or sets *out_errno. */
static gboolean
write_all (int         fd,
           const char *data,
           gsize       len,
           int        *out_errno)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *out_errno = errno;
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

static gboolean
copy_fd (int            from,
         int            to,
         GCancellable  *cancellable,
         int           *out_errno)
{
  g_autofree char *buffer = g_malloc (COPY_BUFFER);
  gssize n;

  while ((n = read (from, buffer, COPY_BUFFER)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      *out_errno = n < 0 ? errno : ECANCELED;
      if (n < 0 || g_cancellable_is_cancelled (cancellable) ||
          !write_all (to, buffer, n, out_errno))
        return FALSE;
    }
  if (fdatasync (to) == 0)
    return TRUE;
  *out_errno = errno;
  return FALSE;
}

/* Copies the stored file to @tmp in the folder, for file systems without
 * hard links (or across two of them). */
static gboolean
copy_blob (int            dir_fd,
           const char    *blob_path,
           const char    *tmp,
           GCancellable  *cancellable,
           int           *out_errno)
{
  int from = g_open (blob_path, O_RDONLY | O_CLOEXEC, 0);
  int to;
  gboolean ok;

  if (from < 0)
    return (*out_errno = errno), FALSE;
  to = openat (dir_fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (to < 0)
    {
      *out_errno = errno;
      close (from);
      return FALSE;
    }
  ok = copy_fd (from, to, cancellable, out_errno);
  close (from);
  close (to);
  return ok;
}

/* Puts the stored file under @name: linked or copied to a temporary name,
 * made read-only, renamed into place. */
static gboolean
place (int            dir_fd,
       const char    *blob_path,
       const char    *name,
       GCancellable  *cancellable,
       int           *out_errno)
{
  g_autofree char *tmp = g_strdup_printf (".partial-%08x", g_random_int ());

  if (linkat (AT_FDCWD, blob_path, dir_fd, tmp, 0) != 0 &&
      !copy_blob (dir_fd, blob_path, tmp, cancellable, out_errno))
    {
      unlinkat (dir_fd, tmp, 0);
      return FALSE;
    }
  if (fchmodat (dir_fd, tmp, 0400, 0) != 0 || renameat (dir_fd, tmp, dir_fd, name) != 0)
    {
      *out_errno = errno;
      unlinkat (dir_fd, tmp, 0);
      return FALSE;
    }
  return TRUE;
}

static char *
materialise (CoStore               *store,
             const CoExportSource  *source,
             int                    dir_fd,
             const struct stat     *blob,
             GCancellable          *cancellable,
             GError               **error)
{
  g_autofree char *dir = g_build_filename (co_store_get_data_dir (store), CO_EXPORT_MEDIA_FOLDER,
                                           NULL);
  g_autofree char *blob_path = co_store_dup_blob_path (store, source->sha256);
  g_autofree char *name = co_export_source_dup_filename (source);
  g_autofree char *other = alternative_filename (source, name);
  const char *target = name;
  int saved_errno = 0;
  struct stat st;

  if (holds_content (dir_fd, dir, name, blob, source, cancellable))
    return g_build_filename (dir, name, NULL);
  if (holds_content (dir_fd, dir, other, blob, source, cancellable))
    return g_build_filename (dir, other, NULL);
  /* The title's name is another content's already (two takes both called
   * "Interview"): this one gets the digest's start in its name. */
  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
    target = other;
  if (!place (dir_fd, blob_path, target, cancellable, &saved_errno))
    {
      g_autofree char *path = g_build_filename (dir, target, NULL);

      if (saved_errno == ECANCELED && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      export_io_error (error, path, saved_errno);
      return NULL;
    }
  return g_build_filename (dir, target, NULL);
}

/* Whether @path, a file other than the stored one, still has the content. */
static gboolean
is_original (CoStore              *store,
             const CoExportSource *source,
             const char           *path,
             GCancellable         *cancellable)
{
  g_autofree char *blob_path = co_store_dup_blob_path (store, source->sha256);
  g_autofree char *digest = NULL;

  if (g_strcmp0 (path, blob_path) == 0 || !g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      find_extension (path) == NULL)
    return FALSE;
  digest = co_store_hash_file (path, NULL, cancellable, NULL);
  return g_strcmp0 (digest, source->sha256) == 0;
}

/**
 * co_export_media_dup_path:
 * @store: the library
 * @source: what is exported
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds the file an export points at.  A file the person named (no
 * @source->sha256) is used as it is.  For a vault item, the original is
 * used while it still has the content and an extension: @source->path
 * when it is not the stored file, else the file the item was imported
 * from (co_vault_dup_origin()).  Otherwise the stored file gets a
 * named, read-only copy in the library's %CO_EXPORT_MEDIA_FOLDER folder,
 * `<data-dir>/exports/<title>.<ext>`, a hard link where the file system
 * allows it.  A copy made before is reused; another content with the same
 * title gets the first eight digits of its digest in its name.  Blocks
 * while it copies or compares a file: call it in a thread.
 *
 * Returns: (transfer full) (nullable): the absolute path, or %NULL with a
 *   %CO_EXPORT_ERROR_IO error naming the copy (the stored file is missing,
 *   the folder cannot be written), a %CO_STORE_ERROR when the folder is a
 *   link, or %G_IO_ERROR_CANCELLED
 */
char *
co_export_media_dup_path (CoStore               *store,
                          const CoExportSource  *source,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_autofree char *path = NULL;
  g_autofree char *blob_path = NULL;
  struct stat blob;
  char *result;
  int dir_fd;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (source != NULL && source->path != NULL, NULL);

  path = g_canonicalize_filename (source->path, NULL);
  if (source->sha256 == NULL || is_original (store, source, path, cancellable))
    return g_steal_pointer (&path);
  g_clear_pointer (&path, g_free);
  path = co_vault_dup_origin (store, source->sha256, cancellable);
  if (path != NULL && find_extension (path) != NULL)
    return g_steal_pointer (&path);
  blob_path = co_store_dup_blob_path (store, source->sha256);
  if (g_stat (blob_path, &blob) != 0)
    {
      int saved_errno = errno;
      g_autofree char *title = co_export_source_dup_title (source);

      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_IO,
                   _("The stored file of “%s” cannot be read (%s): %s"), title, blob_path,
                   g_strerror (saved_errno));
      return NULL;
    }
  dir_fd = _co_store_open_folder (store, CO_EXPORT_MEDIA_FOLDER, TRUE, error);
  if (dir_fd < 0)
    return NULL;
  result = materialise (store, source, dir_fd, &blob, cancellable, error);
  close (dir_fd);
  return result;
}
