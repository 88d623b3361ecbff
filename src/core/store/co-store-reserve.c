/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "co-store-private.h"

/*
 * The space reserve: a file of a few megabytes kept in the library folder
 * while the disk has room.  On a full disk SQLite cannot even open the
 * library (its shared-memory file needs 32 KiB) nor record a purge, so the
 * app could never free space.  Then the reserve is removed, which gives
 * the database room to open, trash and purge; purging frees the files, and
 * the reserve is made again once the disk has room.
 */

#define RESERVE_NAME "space-reserve"
#define RESERVE_SIZE (4 * 1024 * 1024)

/* The reserve is only made while this much room is left beside it. */
#define RESERVE_HEADROOM (4 * RESERVE_SIZE)

static gint64
free_bytes (CoStore *self)
{
  struct statvfs st;

  if (statvfs (co_store_get_data_dir (self), &st) != 0)
    return G_MAXINT64;   /* Unknown: assume room, SQLite reports the real failure. */
  return (gint64)st.f_bavail * (gint64)st.f_frsize;
}

/**
 * _co_store_space_is_low:
 * @self: a #CoStore
 *
 * Returns: %TRUE when the disk of the library has less room than the reserve
 */
gboolean
_co_store_space_is_low (CoStore *self)
{
  return free_bytes (self) < RESERVE_SIZE;
}

/**
 * _co_store_release_reserve:
 * @self: a #CoStore
 *
 * Removes the space reserve, if there is one, to let the database write on
 * a full disk.
 *
 * Returns: %TRUE if space was freed
 */
gboolean
_co_store_release_reserve (CoStore *self)
{
  gint64 bytes = 0;

  if (!_co_store_remove_file (self, NULL, RESERVE_NAME, &bytes))
    return FALSE;
  g_message ("The disk of %s is full: released its %" G_GINT64_FORMAT " bytes of reserved "
             "space so that the library can be opened and cleaned up",
             co_store_get_data_dir (self), bytes);
  return TRUE;
}

static gboolean
fill_reserve (int fd)
{
  int rc = posix_fallocate (fd, 0, RESERVE_SIZE);

  /* Where the file system cannot allocate ahead, write the zeros. */
  if (rc == EOPNOTSUPP || rc == EINVAL)
    {
      g_autofree char *zeros = g_malloc0 (64 * 1024);

      rc = 0;
      for (gsize done = 0; rc == 0 && done < RESERVE_SIZE; done += 64 * 1024)
        rc = write (fd, zeros, 64 * 1024) == 64 * 1024 ? 0 : ENOSPC;
    }
  return rc == 0;
}

/**
 * _co_store_ensure_reserve:
 * @self: a #CoStore
 *
 * Makes the space reserve if it is missing and the disk has room for it
 * and more.  Failing to make it is not an error: it is made again later.
 */
void
_co_store_ensure_reserve (CoStore *self)
{
  int dir_fd, fd;

  if (free_bytes (self) < RESERVE_HEADROOM)
    return;
  dir_fd = _co_store_open_folder (self, NULL, FALSE, NULL);
  if (dir_fd < 0)
    return;
  fd = openat (dir_fd, RESERVE_NAME, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      gboolean ok = fill_reserve (fd);

      close (fd);
      if (!ok)
        unlinkat (dir_fd, RESERVE_NAME, 0);
    }
  close (dir_fd);
}
