/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-store"

#include "config.h"

#include <dirent.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "co-store-error.h"
#include "co-store-private.h"

/*
 * Safe access to the folders inside a library.  The data folder itself may
 * be a symbolic link (a library moved to another disk), but nothing below
 * it is ever followed: every folder is opened relative to its parent with
 * O_NOFOLLOW, and files are created, renamed and removed relative to those
 * descriptors.  A link swapped in while the store is open therefore makes
 * an operation fail instead of sending it outside the library.
 */

/* The folders the store writes and deletes in, checked at every open. */
static const char *const internal_folders[] = { "blobs", "blobs/tmp", "thumbnails" };

static void
set_layout_error (CoStore     *self,
                  GError     **error,
                  const char  *relative)
{
  g_autofree char *path = g_build_filename (co_store_get_data_dir (self), relative, NULL);

  g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_LAYOUT,
               _("“%s” is a symbolic link or not a folder; CreatorOps does not write or "
                 "delete through links inside a library"), path);
}

static void
set_folder_error (CoStore     *self,
                  GError     **error,
                  int          saved_errno,
                  const char  *relative)
{
  g_autofree char *path = g_build_filename (co_store_get_data_dir (self), relative, NULL);
  int code = saved_errno == ENOSPC || saved_errno == EDQUOT ? CO_STORE_ERROR_FULL
           : saved_errno == EROFS || saved_errno == EACCES || saved_errno == EPERM
             ? CO_STORE_ERROR_READ_ONLY
           : CO_STORE_ERROR_IO;

  if (saved_errno == ELOOP || saved_errno == ENOTDIR)
    {
      set_layout_error (self, error, relative);
      return;
    }
  g_set_error (error, CO_STORE_ERROR, code, _("Cannot open the folder “%s”: %s"), path,
               g_strerror (saved_errno));
}

/* Opens (and with @create, makes) one folder below @parent_fd, never
 * through a link. */
static int
open_child (int         parent_fd,
            const char *name,
            gboolean    create)
{
  int fd = openat (parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

  if (fd < 0 && errno == ENOENT && create)
    {
      if (mkdirat (parent_fd, name, 0700) != 0 && errno != EEXIST)
        return -1;
      fd = openat (parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
  return fd;
}

/**
 * _co_store_open_folder:
 * @self: a #CoStore
 * @relative: (nullable): a folder below the data folder, "/"-separated
 *   ("blobs/ab"), or %NULL for the data folder itself
 * @create: make missing folders (mode 0700)
 * @error: return location for a #GError
 *
 * Returns: a directory descriptor to close, or -1 with @error set
 *   (%CO_STORE_ERROR_LAYOUT when a component is a link or a file;
 *   %G_IO_ERROR_NOT_FOUND when it is missing and @create is %FALSE)
 */
int
_co_store_open_folder (CoStore     *self,
                       const char  *relative,
                       gboolean     create,
                       GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (relative != NULL ? relative : "", "/", -1);
  int fd = g_open (co_store_get_data_dir (self), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      set_folder_error (self, error, errno, "");
      return -1;
    }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      int child;

      if (parts[i][0] == '\0')
        continue;
      child = open_child (fd, parts[i], create);
      if (child < 0)
        {
          int saved_errno = errno;

          close (fd);
          if (saved_errno == ENOENT)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", g_strerror (ENOENT));
          else
            set_folder_error (self, error, saved_errno, relative);
          return -1;
        }
      close (fd);
      fd = child;
    }
  return fd;
}

static gboolean
check_folder (CoStore     *self,
              const char  *relative,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int fd = _co_store_open_folder (self, relative, FALSE, &local_error);

  if (fd >= 0)
    {
      close (fd);
      return TRUE;
    }
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Every entry of blobs/ must be a real folder: the prefix folders and tmp. */
static gboolean
check_blob_folders (CoStore  *self,
                    GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  int fd = _co_store_open_folder (self, "blobs", FALSE, &local_error);
  DIR *dir;
  struct dirent *entry;
  gboolean ok = TRUE;

  if (fd < 0)
    return TRUE;   /* Missing, or already reported by check_folder(). */
  dir = fdopendir (fd);
  if (dir == NULL)
    {
      close (fd);
      return TRUE;
    }
  while (ok && (entry = readdir (dir)) != NULL)
    {
      struct stat st;

      if (entry->d_name[0] == '.')
        continue;
      if (fstatat (dirfd (dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISLNK (st.st_mode))
        {
          g_autofree char *relative = g_build_filename ("blobs", entry->d_name, NULL);

          set_layout_error (self, error, relative);
          ok = FALSE;
        }
    }
  closedir (dir);
  return ok;
}

/**
 * _co_store_check_layout:
 * @self: a #CoStore
 * @error: return location for a #GError
 *
 * Refuses a library whose internal folders (blobs, its prefix folders and
 * tmp, thumbnails) are symbolic links or files: deleting stored files there
 * could remove files outside the library.
 *
 * Returns: %TRUE if the layout is safe
 */
gboolean
_co_store_check_layout (CoStore  *self,
                        GError  **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (internal_folders); i++)
    {
      if (!check_folder (self, internal_folders[i], error))
        return FALSE;
    }
  return check_blob_folders (self, error);
}

/**
 * _co_store_remove_file:
 * @self: a #CoStore
 * @relative: the folder below the data folder
 * @name: the file's name in it
 * @out_bytes: (out) (optional): the size of the removed file
 *
 * Removes a regular file the store made, through the safe descriptors.  A
 * link or anything else that is not a regular file is left alone and
 * logged: the store never makes those.
 *
 * Returns: %TRUE if a file was removed
 */
gboolean
_co_store_remove_file (CoStore    *self,
                       const char *relative,
                       const char *name,
                       gint64     *out_bytes)
{
  g_autoptr(GError) error = NULL;
  struct stat st;
  gboolean removed = FALSE;
  int fd = _co_store_open_folder (self, relative, FALSE, &error);

  if (fd < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_warning ("Not removing %s/%s: %s", relative, name, error->message);
      return FALSE;
    }
  if (fstatat (fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
    {
      if (!S_ISREG (st.st_mode))
        g_warning ("Not removing %s/%s/%s: it is not a regular file",
                   co_store_get_data_dir (self), relative, name);
      else if (unlinkat (fd, name, 0) == 0)
        removed = TRUE;
      else
        g_warning ("Cannot remove %s/%s/%s: %s", co_store_get_data_dir (self), relative, name,
                   g_strerror (errno));
    }
  close (fd);
  if (removed && out_bytes != NULL)
    *out_bytes = st.st_size;
  return removed;
}

/**
 * _co_store_list_folder:
 * @self: a #CoStore
 * @relative: the folder below the data folder
 * @func: (scope call): called with the folder's descriptor and each entry
 *   that is a regular file (links are never reported)
 * @user_data: passed to @func
 *
 * Walks one folder of the library without following links.  A missing
 * folder has no entries.
 */
void
_co_store_list_folder (CoStore              *self,
                       const char           *relative,
                       CoStoreFolderFunc     func,
                       gpointer              user_data)
{
  g_autoptr(GError) error = NULL;
  int fd = _co_store_open_folder (self, relative, FALSE, &error);
  struct dirent *entry;
  DIR *dir;

  if (fd < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_warning ("Cannot list %s: %s", relative, error->message);
      return;
    }
  dir = fdopendir (fd);
  if (dir == NULL)
    {
      close (fd);
      return;
    }
  while ((entry = readdir (dir)) != NULL)
    {
      struct stat st;

      if (fstatat (dirfd (dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
          !S_ISREG (st.st_mode))
        continue;
      if (!func (dirfd (dir), entry->d_name, &st, user_data))
        break;
    }
  closedir (dir);
}

/* Whether @name is made only of lowercase hexadecimal digits. */
static gboolean
is_hex_digits (const char *name)
{
  for (gsize i = 0; name[i] != '\0'; i++)
    {
      if (!g_ascii_isdigit (name[i]) && !(name[i] >= 'a' && name[i] <= 'f'))
        return FALSE;
    }
  return TRUE;
}

/**
 * _co_store_is_digest:
 * @name: a file name
 *
 * Returns: %TRUE if @name is a SHA-256 digest the way the store writes it:
 *   64 lowercase hexadecimal digits
 */
gboolean
_co_store_is_digest (const char *name)
{
  return strlen (name) == 64 && is_hex_digits (name);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/* The prefix folders of blobs/ ("00" to "ff"), in order. */
static GPtrArray *
list_prefix_folders (CoStore *self)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  int fd = _co_store_open_folder (self, "blobs", FALSE, NULL);
  struct dirent *entry;
  DIR *dir;

  if (fd < 0 || (dir = fdopendir (fd)) == NULL)
    {
      if (fd >= 0)
        close (fd);
      return names;
    }
  while ((entry = readdir (dir)) != NULL)
    {
      const char *n = entry->d_name;

      if (strlen (n) == 2 && is_hex_digits (n))
        g_ptr_array_add (names, g_build_filename ("blobs", n, NULL));
    }
  closedir (dir);
  g_ptr_array_sort (names, compare_names);
  return names;
}

typedef struct
{
  CoStoreFileFunc  func;
  gpointer         data;
  const char      *folder;
  gboolean         stop;
} StoredWalk;

static gboolean
walk_stored_cb (int                dir_fd,
                const char        *name,
                const struct stat *st,
                gpointer           data)
{
  StoredWalk *walk = data;

  /* A stored file is named by its digest, in the folder of its first two
   * digits. */
  if (!_co_store_is_digest (name) || strncmp (name, walk->folder + strlen ("blobs/"), 2) != 0)
    return TRUE;
  walk->stop = !walk->func (dir_fd, walk->folder, name, st, walk->data);
  return !walk->stop;
}

/**
 * _co_store_foreach_stored_file:
 * @self: a #CoStore
 * @func: (scope call): called for each stored file found on disk, known to
 *   the database or not; returns %FALSE to stop
 * @data: passed to @func
 *
 * Walks blobs/, in order, without following links.
 */
void
_co_store_foreach_stored_file (CoStore         *self,
                               CoStoreFileFunc  func,
                               gpointer         data)
{
  g_autoptr(GPtrArray) folders = list_prefix_folders (self);
  StoredWalk walk = { func, data, NULL, FALSE };

  for (guint i = 0; i < folders->len && !walk.stop; i++)
    {
      walk.folder = g_ptr_array_index (folders, i);
      _co_store_list_folder (self, walk.folder, walk_stored_cb, &walk);
    }
}
