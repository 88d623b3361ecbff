/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "co-store-error.h"
#include "co-store-private.h"

/*
 * What is checked before a library is opened, so that opening never
 * damages one: the folder must be writable and hold no links where the
 * store deletes, and a folder with stored files but no usable database is
 * refused instead of being initialised as a new, empty library (which a
 * purge would then have emptied of every file).
 */

/* File systems keep modification times to two seconds at worst. */
#define MTIME_SLACK_USEC (2 * G_USEC_PER_SEC)

static gboolean
is_read_only (const char *path)
{
  struct statvfs st;

  if (statvfs (path, &st) == 0 && (st.f_flag & ST_RDONLY) != 0)
    return TRUE;
  return access (path, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM);
}

static gboolean
check_writable (CoStore     *self,
                const char  *db_path,
                GError     **error)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (is_read_only (co_store_get_data_dir (self)))
    {
      g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_READ_ONLY,
                   _("The library folder “%s” is read-only: CreatorOps needs to write its "
                     "database and stored files there"), co_store_get_data_dir (self));
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS) && is_read_only (path))
        {
          g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_READ_ONLY,
                       _("The library database “%s” is read-only: CreatorOps needs to write "
                         "to it"), path);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * _co_store_check_folder:
 * @self: a #CoStore
 * @db_path: where its database is
 * @error: return location for a #GError
 *
 * Makes the data folder if needed (mode 0700), then refuses a read-only
 * library or one whose internal folders are links.
 *
 * Returns: %TRUE if the library may be opened
 */
gboolean
_co_store_check_folder (CoStore     *self,
                        const char  *db_path,
                        GError     **error)
{
  const char *data_dir = co_store_get_data_dir (self);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CO_STORE_ERROR,
                   saved_errno == EROFS || saved_errno == EACCES ? CO_STORE_ERROR_READ_ONLY
                                                                 : CO_STORE_ERROR_OPEN,
                   _("Cannot create the data folder “%s”: %s"), data_dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return check_writable (self, db_path, error) && _co_store_check_layout (self, error);
}

typedef struct
{
  gint64   before_usec;
  gboolean found;
} FindOlder;

static gboolean
find_older_cb (int                dir_fd,
               const char        *folder,
               const char        *name,
               const struct stat *st,
               gpointer           data)
{
  FindOlder *find = data;
  gint64 mtime = (gint64)st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;

  find->found = mtime < find->before_usec;
  return !find->found;
}

/* Whether blobs/ holds a stored file last written before @before_usec. */
static gboolean
has_stored_files (CoStore *self,
                  gint64   before_usec)
{
  FindOlder find = { before_usec, FALSE };

  _co_store_foreach_stored_file (self, find_older_cb, &find);
  return find.found;
}

/* Tightens a database made by an older CreatorOps, and its -wal and -shm,
 * to the owner alone, as new ones are made. */
static void
restrict_database (const char *db_path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      GStatBuf st;

      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 077) != 0 &&
          st.st_uid == getuid ())
        g_chmod (path, 0600);
    }
}

static gboolean
create_database (const char  *db_path,
                 GError     **error)
{
  int fd = g_open (db_path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_OPEN,
                   _("Cannot create the library database “%s”: %s"), db_path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * _co_store_prepare_database:
 * @self: a #CoStore
 * @db_path: where its database is
 * @recovery: %TRUE to accept a missing or empty database beside stored
 *   files (co_vault_recover() rebuilds it)
 * @error: return location for a #GError
 *
 * Refuses a missing or empty database when the folder holds stored files
 * (%CO_STORE_ERROR_NO_DATABASE), without creating anything.  Otherwise a
 * missing database is created with mode 0600, so that SQLite gives its
 * -wal and -shm files the same mode.
 *
 * Returns: %TRUE if the database may be opened
 */
gboolean
_co_store_prepare_database (CoStore     *self,
                            const char  *db_path,
                            gboolean     recovery,
                            GError     **error)
{
  GStatBuf st;
  gboolean missing = g_stat (db_path, &st) != 0;

  if (!missing && st.st_size > 0)
    {
      restrict_database (db_path);
      return TRUE;
    }
  if (!missing)
    restrict_database (db_path);
  if (!recovery && has_stored_files (self, G_MAXINT64))
    {
      g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_NO_DATABASE,
                   missing ? _("The library folder “%s” holds stored files, but its database "
                               "“%s” is missing; nothing was created or deleted")
                           : _("The library folder “%s” holds stored files, but its database "
                               "“%s” is empty; nothing was changed"),
                   co_store_get_data_dir (self), db_path);
      return FALSE;
    }
  return create_database (db_path, error);
}

static gint64
query_int (CoStore     *self,
           const char  *sql,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (self, sql, error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _co_store_set_error (self, error, _("checking the library"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * _co_store_check_not_lost:
 * @self: a #CoStore
 * @error: return location for a #GError
 *
 * Runs inside the transaction that opens the library.  A database that
 * has never recorded a stored file, in a folder holding stored files older
 * than the database, is a new database beside a lost one's files (made by
 * a CreatorOps that did not check yet): it is refused.  Files newer than
 * the database are the leftovers of an interrupted first import, which a
 * purge removes.
 *
 * Returns: %TRUE if the database belongs with the folder's files
 */
gboolean
_co_store_check_not_lost (CoStore  *self,
                          GError  **error)
{
  gint64 used = query_int (self, "SELECT EXISTS (SELECT 1 FROM assets) OR"
                                 " EXISTS (SELECT 1 FROM file_deletions)", error);
  gint64 created;

  if (used != 0)
    return used > 0;
  created = query_int (self, "SELECT coalesce (min (applied_at), 0) FROM schema_migrations",
                       error);
  if (created < 0)
    return FALSE;
  if (!has_stored_files (self, created - MTIME_SLACK_USEC))
    return TRUE;
  g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_NO_DATABASE,
               _("The library folder “%s” holds stored files older than its database “%s”, "
                 "which lists none of them: the database was replaced by an empty one; "
                 "nothing was changed"),
               co_store_get_data_dir (self), co_store_get_database_path (self));
  return FALSE;
}
