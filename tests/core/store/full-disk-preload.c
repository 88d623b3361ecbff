/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A full disk for one folder, without mounting anything: preloaded into a
 * process (LD_PRELOAD), this library gives the files below
 * CO_FULL_DISK_ROOT a disk of their own with as many free bytes as the
 * number in the file CO_FULL_DISK_STATE.  Writes that make a file grow
 * beyond that fail with ENOSPC; removing or replacing a file gives its
 * bytes back; statvfs() reports the free bytes.  The count is saved back to
 * the state file at exit, so several processes in a row share one disk.
 * Files elsewhere (the terminal, the test's own files) are untouched.
 *
 * It interposes what SQLite, GLib and the store use: write, pwrite64,
 * posix_fallocate, unlink, unlinkat, rename, renameat and statvfs.  Sizes
 * are counted in bytes, not blocks: the test needs a deterministic disk,
 * not a faithful file system.
 */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

static char root[PATH_MAX];
static char state_path[PATH_MAX];
static long long free_bytes;
static int active;

#define REAL(name) ((__typeof__ (&name)) dlsym (RTLD_NEXT, #name))

static void
save_state (void)
{
  FILE *file;

  if (!active || (file = fopen (state_path, "w")) == NULL)
    return;
  fprintf (file, "%lld\n", free_bytes);
  fclose (file);
}

__attribute__ ((constructor)) static void
load_state (void)
{
  const char *dir = getenv ("CO_FULL_DISK_ROOT");
  const char *state = getenv ("CO_FULL_DISK_STATE");
  FILE *file;

  if (dir == NULL || state == NULL || realpath (dir, root) == NULL)
    return;
  snprintf (state_path, sizeof state_path, "%s", state);
  file = fopen (state_path, "r");
  if (file == NULL)
    return;
  active = fscanf (file, "%lld", &free_bytes) == 1;
  fclose (file);
  if (active)
    atexit (save_state);
}

static int
is_below_root (const char *path)
{
  size_t n = strlen (root);

  return active && strncmp (path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static int
fd_is_managed (int fd)
{
  char link[64], path[PATH_MAX];
  ssize_t n;

  if (!active)
    return 0;
  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, path, sizeof path - 1);
  if (n < 0)
    return 0;
  path[n] = '\0';
  return is_below_root (path);
}

/* The absolute path of @name relative to @dir_fd, or of @name alone. */
static int
resolve (int         dir_fd,
         const char *name,
         char       *out)
{
  char base[PATH_MAX], link[64];
  ssize_t n;

  if (name[0] == '/')
    return snprintf (out, PATH_MAX, "%s", name) < PATH_MAX;
  if (dir_fd == AT_FDCWD)
    {
      if (getcwd (base, sizeof base) == NULL)
        return 0;
    }
  else
    {
      snprintf (link, sizeof link, "/proc/self/fd/%d", dir_fd);
      if ((n = readlink (link, base, sizeof base - 1)) < 0)
        return 0;
      base[n] = '\0';
    }
  return snprintf (out, PATH_MAX, "%s/%s", base, name) < PATH_MAX;
}

/* Takes the bytes a write at @offset of @length needs; 0 when the disk is
 * full. */
static int
take_space (int       fd,
            long long offset,
            long long length)
{
  struct stat st;
  long long grow;

  if (!fd_is_managed (fd) || fstat (fd, &st) != 0)
    return 1;
  grow = offset + length - (long long)st.st_size;
  if (grow <= 0)
    return 1;
  if (grow > free_bytes)
    return 0;
  free_bytes -= grow;
  return 1;
}

/* The size a removal gives back: that of the last link to a regular file. */
static long long
size_to_free (int         dir_fd,
              const char *name)
{
  char path[PATH_MAX];
  struct stat st;

  if (!active || !resolve (dir_fd, name, path) || !is_below_root (path) ||
      lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_nlink != 1)
    return 0;
  return st.st_size;
}

ssize_t
write (int         fd,
       const void *buffer,
       size_t      length)
{
  if (!take_space (fd, lseek (fd, 0, SEEK_CUR), length))
    {
      errno = ENOSPC;
      return -1;
    }
  return REAL (write) (fd, buffer, length);
}

ssize_t
pwrite64 (int         fd,
          const void *buffer,
          size_t      length,
          off64_t     offset)
{
  if (!take_space (fd, offset, length))
    {
      errno = ENOSPC;
      return -1;
    }
  return REAL (pwrite64) (fd, buffer, length, offset);
}

ssize_t
pwrite (int         fd,
        const void *buffer,
        size_t      length,
        off_t       offset)
{
  return pwrite64 (fd, buffer, length, offset);
}

int
posix_fallocate64 (int     fd,
                   off64_t offset,
                   off64_t length)
{
  if (!take_space (fd, offset, length))
    return ENOSPC;
  return REAL (posix_fallocate64) (fd, offset, length);
}

int
posix_fallocate (int   fd,
                 off_t offset,
                 off_t length)
{
  return posix_fallocate64 (fd, offset, length);
}

int
unlinkat (int         dir_fd,
          const char *name,
          int         flags)
{
  long long bytes = (flags & AT_REMOVEDIR) ? 0 : size_to_free (dir_fd, name);
  int rc = REAL (unlinkat) (dir_fd, name, flags);

  if (rc == 0)
    free_bytes += bytes;
  return rc;
}

int
unlink (const char *name)
{
  return unlinkat (AT_FDCWD, name, 0);
}

int
renameat (int         old_dir_fd,
          const char *old_name,
          int         new_dir_fd,
          const char *new_name)
{
  long long bytes = size_to_free (new_dir_fd, new_name);
  int rc = REAL (renameat) (old_dir_fd, old_name, new_dir_fd, new_name);

  if (rc == 0)
    free_bytes += bytes;
  return rc;
}

int
rename (const char *old_name,
        const char *new_name)
{
  return renameat (AT_FDCWD, old_name, AT_FDCWD, new_name);
}

static void
report_free (const char     *path,
             struct statvfs *st)
{
  if (is_below_root (path))
    st->f_bavail = st->f_bfree = (fsblkcnt_t)(free_bytes / (long long)st->f_frsize);
}

int
statvfs64 (const char       *path,
           struct statvfs64 *st)
{
  char absolute[PATH_MAX];
  int rc = REAL (statvfs64) (path, st);

  if (rc == 0 && resolve (AT_FDCWD, path, absolute))
    report_free (absolute, (struct statvfs *)st);
  return rc;
}

int
statvfs (const char     *path,
         struct statvfs *st)
{
  return statvfs64 (path, (struct statvfs64 *)st);
}
