/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-store"

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "co-store-error.h"
#include "co-store-private.h"

/*
 * Removing stored files, the one thing in the store that can lose a
 * creator's work, so every removal follows the same rule: it happens while
 * this process holds the database's write lock, after checking under that
 * lock that no asset owns the file.  Imports put a file in place and record
 * its asset under the same lock (_co_store_place_blob()), so a file that an
 * import in another process has just taken over is never removed.
 *
 * A purge releases files in its own transaction (rows of file_deletions,
 * which survive a crash) and removes them in a second one, so the check
 * happens after any import that committed in between.
 */

/* A file younger than this may belong to an import that is still copying;
 * stray files are only removed once older. */
#define STRAY_MIN_AGE_SECONDS 3600

/* The name gdk-pixbuf's save in co-thumbnail.c gives its temporary files. */
#define THUMBNAIL_TMP_INFIX ".png.tmp-"

static gboolean
asset_is_known (CoStore    *self,
                const char *sha256)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* When in doubt (the query cannot run), the file is kept. */
  stmt = _co_store_prepare (self, "SELECT 1 FROM assets WHERE sha256 = ?", NULL);
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) != SQLITE_DONE;
}

/* Removes a stored file and its thumbnail; the caller holds the write lock
 * and has checked that no asset owns @sha256. */
static gboolean
remove_stored (CoStore    *self,
               const char *sha256,
               gint64     *bytes)
{
  g_autofree char *folder = _co_store_dup_blob_folder (sha256);
  g_autofree char *thumb = g_strconcat (sha256, ".png", NULL);
  gint64 size = 0;
  gboolean removed;

  /* Thumbnails are caches: their bytes are not counted as freed. */
  removed = _co_store_remove_file (self, folder, sha256, &size);
  if (removed)
    *bytes += size;
  _co_store_remove_file (self, "thumbnails", thumb, NULL);
  return removed;
}

/**
 * _co_store_release_file:
 * @self: a #CoStore
 * @sha256: a stored file whose asset the caller's transaction deleted
 * @error: return location for a #GError
 *
 * Records, inside the caller's transaction, that the file may go.
 * _co_store_delete_released_files() removes it after the commit unless an
 * asset has taken it back by then.
 *
 * Returns: %TRUE on success
 */
gboolean
_co_store_release_file (CoStore     *self,
                        const char  *sha256,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self,
                            "INSERT INTO file_deletions (sha256, released_at) VALUES (?, ?)"
                            " ON CONFLICT (sha256) DO NOTHING",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, _co_store_now ());
  return _co_store_step_done (self, stmt, error);
}

static GPtrArray *
list_released (CoStore  *self,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = _co_store_prepare (self,
                            "SELECT sha256 FROM file_deletions"
                            " WHERE sha256 NOT IN (SELECT sha256 FROM assets) ORDER BY sha256",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (shas, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (self, error, _("listing files to delete"));
      return NULL;
    }
  return g_steal_pointer (&shas);
}

typedef struct
{
  guint  files;
  gint64 bytes;
} Removed;

static gboolean
delete_released_tx (CoStore   *self,
                    gpointer   data,
                    GError   **error)
{
  Removed *removed = data;
  g_autoptr(GPtrArray) shas = list_released (self, error);

  if (shas == NULL)
    return FALSE;
  for (guint i = 0; i < shas->len; i++)
    {
      if (!_co_store_is_digest (g_ptr_array_index (shas, i)))
        continue;
      removed->files += remove_stored (self, g_ptr_array_index (shas, i), &removed->bytes);
    }
  /* Files an import took back stay, and their rows go as well. */
  return _co_store_exec (self, "DELETE FROM file_deletions", error);
}

/**
 * _co_store_delete_released_files:
 * @self: a #CoStore
 * @out_files: (out): how many stored files were removed
 * @out_bytes: (out): their size, with their thumbnails
 * @error: return location for a #GError
 *
 * Removes the files released by _co_store_release_file() (in this run or
 * one a crash cut short) that no asset owns, all under one write lock.
 *
 * Returns: %TRUE on success
 */
gboolean
_co_store_delete_released_files (CoStore  *self,
                                 guint    *out_files,
                                 gint64   *out_bytes,
                                 GError  **error)
{
  Removed removed = { 0 };

  if (!_co_store_write (self, delete_released_tx, &removed, error))
    return FALSE;
  *out_files = removed.files;
  *out_bytes = removed.bytes;
  return TRUE;
}

static gboolean
remove_unowned_tx (CoStore   *self,
                   gpointer   data,
                   GError   **error)
{
  gint64 bytes = 0;

  if (!asset_is_known (self, data))
    remove_stored (self, data, &bytes);
  return TRUE;
}

/**
 * _co_store_remove_unowned_blob:
 * @self: a #CoStore
 * @sha256: a stored file that a failed import put in place
 *
 * Removes the file and its thumbnail unless an asset owns it, checked under
 * the write lock.
 */
void
_co_store_remove_unowned_blob (CoStore    *self,
                               const char *sha256)
{
  g_autoptr(GError) error = NULL;

  if (!_co_store_write (self, remove_unowned_tx, (gpointer)sha256, &error))
    g_warning ("Cannot remove the unused stored file %s: %s", sha256, error->message);
}

/* Stray files ------------------------------------------------------------ */

typedef enum
{
  STRAY_BLOB,
  STRAY_TEMP,
  STRAY_THUMBNAIL,
} StrayKind;

typedef struct
{
  StrayKind  kind;
  char      *folder;
  char      *name;
  char      *sha256;   /* The digest the name stands for, NULL for temporary files. */
  ino_t      inode;
  gint64     mtime;
} Stray;

static void
stray_free (Stray *stray)
{
  g_free (stray->folder);
  g_free (stray->name);
  g_free (stray->sha256);
  g_free (stray);
}

typedef struct
{
  CoStore    *store;
  const char *folder;
  gint64      now;
  GPtrArray  *strays;
} Sweep;

static gboolean
is_old (const Sweep       *sweep,
        const struct stat *st)
{
  return sweep->now - st->st_mtime >= STRAY_MIN_AGE_SECONDS;
}

static gboolean
is_import_temp (const char *name)
{
  if (!g_str_has_prefix (name, "import-") || strlen (name) != strlen ("import-XXXXXX"))
    return FALSE;
  for (const char *c = name + strlen ("import-"); *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c))
        return FALSE;
    }
  return TRUE;
}

/* Whether @name in @dir_fd holds exactly the content its name says, which
 * only a file the store wrote does. */
static gboolean
content_matches_name (int         dir_fd,
                      const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  int fd = openat (dir_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  gssize n;

  if (fd < 0)
    return FALSE;
  while ((n = read (fd, buffer, 64 * 1024)) > 0)
    g_checksum_update (checksum, buffer, n);
  close (fd);
  return n == 0 && g_str_equal (g_checksum_get_string (checksum), name);
}

static void
add_stray (Sweep             *sweep,
           StrayKind          kind,
           const char        *name,
           char              *sha256,
           const struct stat *st)
{
  Stray *stray = g_new0 (Stray, 1);

  stray->kind = kind;
  stray->folder = g_strdup (sweep->folder);
  stray->name = g_strdup (name);
  stray->sha256 = sha256;
  stray->inode = st->st_ino;
  stray->mtime = st->st_mtime;
  g_ptr_array_add (sweep->strays, stray);
}

static gboolean
find_blob_stray_cb (int                dir_fd,
                    const char        *folder,
                    const char        *name,
                    const struct stat *st,
                    gpointer           data)
{
  Sweep *sweep = data;

  /* Only a stored file whose content has the digest that names it can be
   * a copy the store made. */
  if (!is_old (sweep, st))
    return TRUE;
  sweep->folder = folder;
  if (asset_is_known (sweep->store, name) || !content_matches_name (dir_fd, name))
    return TRUE;
  add_stray (sweep, STRAY_BLOB, name, g_strdup (name), st);
  return TRUE;
}

static gboolean
find_temp_stray_cb (int                dir_fd,
                    const char        *name,
                    const struct stat *st,
                    gpointer           data)
{
  Sweep *sweep = data;

  if (is_import_temp (name) && is_old (sweep, st))
    add_stray (sweep, STRAY_TEMP, name, NULL, st);
  return TRUE;
}

static gboolean
find_thumbnail_stray_cb (int                dir_fd,
                         const char        *name,
                         const struct stat *st,
                         gpointer           data)
{
  Sweep *sweep = data;
  g_autofree char *sha256 = g_strndup (name, 64);
  const char *rest = name + strlen (sha256);

  if (!_co_store_is_digest (sha256) || !is_old (sweep, st))
    return TRUE;
  /* A finished thumbnail of no asset, or a temporary one a crash left. */
  if (g_str_equal (rest, ".png") && !asset_is_known (sweep->store, sha256))
    add_stray (sweep, STRAY_THUMBNAIL, name, g_steal_pointer (&sha256), st);
  else if (g_str_has_prefix (rest, THUMBNAIL_TMP_INFIX))
    add_stray (sweep, STRAY_TEMP, name, NULL, st);
  return TRUE;
}

/* Finds the candidates without holding the lock: hashing a large stray
 * must not stop other processes from writing. */
static GPtrArray *
find_strays (CoStore *self)
{
  Sweep sweep = { self, NULL, g_get_real_time () / G_USEC_PER_SEC,
                  g_ptr_array_new_with_free_func ((GDestroyNotify)stray_free) };

  _co_store_foreach_stored_file (self, find_blob_stray_cb, &sweep);
  sweep.folder = "blobs/tmp";
  _co_store_list_folder (self, sweep.folder, find_temp_stray_cb, &sweep);
  sweep.folder = "thumbnails";
  _co_store_list_folder (self, sweep.folder, find_thumbnail_stray_cb, &sweep);
  return sweep.strays;
}

/* Under the write lock: the file is still the one examined, and no asset
 * took it over since. */
static gboolean
still_stray (CoStore     *self,
             const Stray *stray)
{
  struct stat st;
  gboolean same;
  int fd = _co_store_open_folder (self, stray->folder, FALSE, NULL);

  if (fd < 0)
    return FALSE;
  same = fstatat (fd, stray->name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG (st.st_mode) &&
         st.st_ino == stray->inode && st.st_mtime == stray->mtime;
  close (fd);
  return same && (stray->sha256 == NULL || !asset_is_known (self, stray->sha256));
}

typedef struct
{
  GPtrArray *strays;
  guint      files;
  gint64     bytes;
} SweepResult;

static gboolean
remove_strays_tx (CoStore   *self,
                  gpointer   data,
                  GError   **error)
{
  SweepResult *result = data;

  for (guint i = 0; i < result->strays->len; i++)
    {
      Stray *stray = g_ptr_array_index (result->strays, i);
      gint64 size = 0;

      if (!still_stray (self, stray) ||
          !_co_store_remove_file (self, stray->folder, stray->name, &size))
        continue;
      g_message ("Removed the stray file %s/%s/%s (%" G_GINT64_FORMAT " bytes), which no "
                 "library item uses", co_store_get_data_dir (self), stray->folder, stray->name,
                 size);
      result->bytes += size;
      /* Thumbnails are caches: they do not count as files removed. */
      result->files += stray->kind != STRAY_THUMBNAIL;
    }
  return TRUE;
}

/**
 * _co_store_sweep_strays:
 * @self: a #CoStore
 * @out_bytes: (inout): incremented by the bytes removed
 *
 * Removes the files a crash left behind, and only those the store made:
 * stored files named by the SHA-256 of their content in the folder of their
 * first two digits, temporary copies of imports (blobs/tmp/import-XXXXXX),
 * and thumbnails of no asset, each older than an hour and not owned by an
 * asset.  Each removal is logged.
 *
 * Returns: the number of stored and temporary files removed
 */
guint
_co_store_sweep_strays (CoStore *self,
                        gint64  *out_bytes)
{
  g_autoptr(GPtrArray) strays = find_strays (self);
  g_autoptr(GError) error = NULL;
  SweepResult result = { strays, 0, 0 };

  if (strays->len == 0)
    return 0;
  if (!_co_store_write (self, remove_strays_tx, &result, &error))
    g_warning ("Cannot remove stray files: %s", error->message);
  *out_bytes += result.bytes;
  return result.files;
}
