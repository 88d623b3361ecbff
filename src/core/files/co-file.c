/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "co-file.h"

/*
 * A path is opened without blocking (a pipe with no writer would otherwise
 * hold open() for ever) and checked on the descriptor it gave, so that what is
 * checked is what is read.  Reads stop one byte past the limit: a file that
 * grows after the check, or a /proc file that reports no size, is still
 * refused at the limit rather than read to its end.
 */

#define CHUNK_SIZE (64 * 1024)

/* Reads up to @size bytes into @buffer; 0 at the end, -1 with @error set. */
typedef gssize (*ReadFunc) (gpointer       source,
                            const char    *name,
                            guint8        *buffer,
                            gsize          size,
                            GCancellable  *cancellable,
                            GError       **error);

static void
set_unreadable (GError     **error,
                const char  *name,
                const char  *reason)
{
  g_set_error (error, CO_FILE_ERROR, CO_FILE_ERROR_UNREADABLE, _("“%s” cannot be read: %s"),
               name, reason);
}

static void
set_too_large (GError     **error,
               const char  *name,
               gsize        max_size)
{
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, CO_FILE_ERROR, CO_FILE_ERROR_TOO_LARGE,
               _("“%s” is too large: it holds more than the limit of %s"), name, limit);
}

static gssize
read_fd (gpointer       source,
         const char    *name,
         guint8        *buffer,
         gsize          size,
         GCancellable  *cancellable,
         GError       **error)
{
  int fd = GPOINTER_TO_INT (source);
  gssize n;

  do
    n = read (fd, buffer, size);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      int saved = errno;

      set_unreadable (error, name, g_strerror (saved));
    }
  return n;
}

static gssize
read_stream (gpointer       source,
             const char    *name,
             guint8        *buffer,
             gsize          size,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  /* Not every stream looks at the cancellable itself. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  n = g_input_stream_read (source, buffer, size, cancellable, &local_error);
  if (n >= 0)
    return n;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    set_unreadable (error, name, local_error->message);
  return -1;
}

/* Reads everything @read gives, but never more than @max_size bytes. */
static char *
read_bounded (ReadFunc       read,
              gpointer       source,
              const char    *name,
              gsize          max_size,
              gsize         *out_len,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[CHUNK_SIZE];
  gssize n;

  while ((n = read (source, name, buffer, MIN (sizeof buffer, max_size + 1 - data->len),
                    cancellable, error)) > 0)
    {
      g_byte_array_append (data, buffer, (guint)n);
      if (data->len > max_size)
        {
          set_too_large (error, name, max_size);
          return NULL;
        }
    }
  if (n < 0)
    return NULL;
  if (out_len != NULL)
    *out_len = data->len;
  g_byte_array_append (data, (const guint8 *)"", 1);
  return (char *)g_byte_array_free (g_steal_pointer (&data), FALSE);
}

/* Names what a path that is not a regular file is, in a whole sentence. */
static void
set_not_regular (GError     **error,
                 const char  *name,
                 mode_t       mode)
{
  const char *format;

  if (S_ISDIR (mode))
    format = _("“%s” is a folder, not a file");
  else if (S_ISFIFO (mode))
    format = _("“%s” is a pipe, not a file: only regular files are read");
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    format = _("“%s” is a device, not a file: only regular files are read");
  else
    format = _("“%s” is not a regular file: only regular files are read");
  g_set_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_REGULAR, format, name);
}

static int
open_regular (const char  *path,
              const char  *name,
              gsize        max_size,
              GError     **error)
{
  GStatBuf st;
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  int saved = errno;

  if (fd < 0 && (saved == ENOENT || saved == ENOTDIR))
    g_set_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND, _("“%s” does not exist"), name);
  else if (fd < 0)
    set_unreadable (error, name, g_strerror (saved));
  if (fd < 0)
    return -1;

  if (fstat (fd, &st) != 0)
    set_unreadable (error, name, g_strerror (errno));
  else if (!S_ISREG (st.st_mode))
    set_not_regular (error, name, st.st_mode);
  else if ((guint64)st.st_size > max_size)
    set_too_large (error, name, max_size);
  else
    return fd;
  close (fd);
  return -1;
}

/**
 * co_file_read:
 * @path: the file to read
 * @max_size: the most bytes accepted
 * @out_len: (out) (optional): the length read, without the terminating NUL
 * @error: return location for a #GError
 *
 * Reads a regular file whole, refusing folders, pipes, devices and sockets
 * before reading anything, and files of more than @max_size bytes (checked
 * from the file's size and again while reading).  Never blocks on a pipe.
 *
 * Returns: (transfer full): the content with a NUL appended, or %NULL with
 *   %CO_FILE_ERROR_NOT_FOUND, %CO_FILE_ERROR_NOT_REGULAR,
 *   %CO_FILE_ERROR_TOO_LARGE or %CO_FILE_ERROR_UNREADABLE, whose message
 *   names @path and the reason
 */
char *
co_file_read (const char  *path,
              gsize        max_size,
              gsize       *out_len,
              GError     **error)
{
  g_autofree char *name = NULL;
  char *data;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size < G_MAXSIZE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_filename_display_name (path);
  fd = open_regular (path, name, max_size, error);
  if (fd < 0)
    return NULL;
  data = read_bounded (read_fd, GINT_TO_POINTER (fd), name, max_size, out_len, NULL, error);
  close (fd);
  return data;
}

/**
 * co_file_read_stream:
 * @stream: the input, such as standard input
 * @name: how messages name it
 * @max_size: the most bytes accepted
 * @out_len: (out) (optional): the length read, without the terminating NUL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @stream to its end, but stops with an error as soon as it has given
 * more than @max_size bytes, so an endless input costs at most the limit.
 *
 * Returns: (transfer full): the content with a NUL appended, or %NULL with
 *   %CO_FILE_ERROR_TOO_LARGE, %CO_FILE_ERROR_UNREADABLE or
 *   %G_IO_ERROR_CANCELLED
 */
char *
co_file_read_stream (GInputStream  *stream,
                     const char    *name,
                     gsize          max_size,
                     gsize         *out_len,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (max_size < G_MAXSIZE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_bounded (read_stream, stream, name, max_size, out_len, cancellable, error);
}

/**
 * co_file_check_text:
 * @name: how messages name the input
 * @data: the content
 * @len: its length in bytes
 * @error: return location for a #GError
 *
 * Checks that @data is text: UTF-8 without NUL bytes, which would otherwise
 * cut the text short without a word.
 *
 * Returns: %TRUE if so, else %FALSE with %CO_FILE_ERROR_NOT_TEXT naming
 *   @name and the line of the first bad byte
 */
gboolean
co_file_check_text (const char  *name,
                    const char  *data,
                    gsize        len,
                    GError     **error)
{
  const char *end = NULL;
  guint line = 1;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len == 0 || g_utf8_validate_len (data, len, &end))
    return TRUE;
  for (const char *p = data; p < end; p++)
    line += *p == '\n';
  if (*end == '\0')
    g_set_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_TEXT,
                 _("“%s” is not text: line %u holds a NUL byte"), name, line);
  else
    g_set_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_TEXT,
                 _("“%s” is not UTF-8 text: line %u holds bytes that are not UTF-8"),
                 name, line);
  return FALSE;
}
