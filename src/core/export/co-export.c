/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "co-export-error.h"
#include "co-export-private.h"

static const struct
{
  const char *name;
  const char *extension;
} formats[] = {
  [CO_EXPORT_PREMIERE_XML] = { "premiere-xml", "xml" },
  [CO_EXPORT_FCPXML] = { "fcpxml", "fcpxml" },
  [CO_EXPORT_EDL] = { "edl", "edl" },
  [CO_EXPORT_AUDITION_CSV] = { "audition-csv", "csv" },
  [CO_EXPORT_PREMIERE_MARKERS] = { "premiere-markers", "xml" },
  [CO_EXPORT_CHAPTERS] = { "chapters", "txt" },
  [CO_EXPORT_SRT] = { "srt", "srt" },
  [CO_EXPORT_VTT] = { "vtt", "vtt" },
};

/**
 * co_export_format_to_name:
 * @format: an export format
 *
 * Returns: the name scripts use, such as "premiere-xml"
 */
const char *
co_export_format_to_name (CoExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);
  return formats[format].name;
}

/**
 * co_export_format_get_extension:
 * @format: an export format
 *
 * Returns: the usual file extension, without the dot
 */
const char *
co_export_format_get_extension (CoExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);
  return formats[format].extension;
}

/**
 * co_export_format_from_name:
 * @name: a format name such as "fcpxml"
 * @format: (out): the format
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Returns: %TRUE if @name names a format
 */
gboolean
co_export_format_from_name (const char      *name,
                            CoExportFormat  *format,
                            GError         **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_strcmp0 (name, formats[i].name) == 0)
        {
          *format = i;
          return TRUE;
        }
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", formats[i].name);
    }
  g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
               _("“%s” is not an export format; use one of %s"), name, known->str);
  return FALSE;
}

/**
 * co_export_to_string:
 * @format: the format
 * @timeline: what to export
 * @error: return location for a #CO_EXPORT_ERROR_INVALID error
 *
 * Writes @timeline in @format.
 *
 * Returns: (transfer full): the file content, UTF-8, or %NULL
 */
char *
co_export_to_string (CoExportFormat   format,
                     CoTimeline      *timeline,
                     GError         **error)
{
  g_return_val_if_fail (CO_IS_TIMELINE (timeline), NULL);

  switch (format)
    {
    case CO_EXPORT_PREMIERE_XML:
      return co_export_xmeml (timeline, error);
    case CO_EXPORT_FCPXML:
      return co_export_fcpxml (timeline, error);
    case CO_EXPORT_EDL:
      return co_export_edl (timeline, error);
    case CO_EXPORT_AUDITION_CSV:
      return co_export_audition_csv (timeline, error);
    case CO_EXPORT_PREMIERE_MARKERS:
      return co_export_premiere_markers (timeline, error);
    case CO_EXPORT_CHAPTERS:
      return co_export_chapters (timeline, error);
    case CO_EXPORT_SRT:
      return co_export_subtitles (timeline, CO_SUBTITLE_FORMAT_SRT, error);
    case CO_EXPORT_VTT:
      return co_export_subtitles (timeline, CO_SUBTITLE_FORMAT_VTT, error);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * co_export_write:
 * @format: the format
 * @timeline: what to export
 * @path: the output file
 * @flags: whether an existing file may be replaced
 * @error: return location for a #CO_EXPORT_ERROR error
 *
 * Exports @timeline to @path atomically: a reader never sees half a file,
 * and a failure leaves an existing file as it was.
 *
 * Returns: %TRUE on success; #CO_EXPORT_ERROR_EXISTS if @path exists and
 *   @flags does not allow overwriting it
 */
gboolean
co_export_write (CoExportFormat   format,
                 CoTimeline      *timeline,
                 const char      *path,
                 CoExportFlags    flags,
                 GError         **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (CO_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(flags & CO_EXPORT_FLAGS_OVERWRITE) && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS,
                   _("%s already exists"), path);
      return FALSE;
    }
  contents = co_export_to_string (format, timeline, error);
  if (contents == NULL)
    return FALSE;
  return co_export_write_file (path, contents, -1, flags, error);
}

static gboolean
io_error (GError     **error,
          const char  *path,
          int          saved_errno)
{
  g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_IO,
               _("%s cannot be written: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Writes everything to a new temporary file next to @path. */
static char *
write_temp (const char  *path,
            const char  *contents,
            gsize        len,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd = g_mkstemp_full (tmpl, O_WRONLY, 0644);
  int saved;

  if (fd < 0)
    {
      io_error (error, path, errno);
      return NULL;
    }
  while (len > 0)
    {
      gssize n = write (fd, contents, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      contents += n;
      len -= n;
    }
  saved = len > 0 ? (errno ? errno : EIO) : (fsync (fd) == 0 ? 0 : errno);
  if (close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved != 0)
    {
      g_unlink (tmpl);
      io_error (error, path, saved);
      return NULL;
    }
  return g_steal_pointer (&tmpl);
}

/* Moves the finished file into place.  Without overwrite, link() fails if
 * the name was taken meanwhile; file systems without hard links fall back
 * to a check and a rename. */
static gboolean
publish (const char     *tmp,
         const char     *path,
         CoExportFlags   flags,
         GError        **error)
{
  int saved = 0;

  if (flags & CO_EXPORT_FLAGS_OVERWRITE)
    saved = g_rename (tmp, path) == 0 ? 0 : errno;
  else if (link (tmp, path) != 0)
    {
      saved = errno;
      if (saved != EEXIST && !g_file_test (path, G_FILE_TEST_EXISTS))
        saved = g_rename (tmp, path) == 0 ? 0 : errno;
    }
  g_unlink (tmp);
  if (saved == EEXIST)
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS, _("%s already exists"), path);
      return FALSE;
    }
  return saved == 0 ? TRUE : io_error (error, path, saved);
}

/**
 * co_export_write_file:
 * @path: the output file
 * @contents: what to write
 * @len: its length, or -1 if nul-terminated
 * @flags: whether an existing file may be replaced
 * @error: return location for a #CO_EXPORT_ERROR error
 *
 * Writes a file atomically through a temporary file in the same folder,
 * synced before it takes the final name.
 *
 * Returns: %TRUE on success; #CO_EXPORT_ERROR_EXISTS if @path exists and
 *   overwriting was not asked for, #CO_EXPORT_ERROR_IO if writing failed
 */
gboolean
co_export_write_file (const char     *path,
                      const char     *contents,
                      gssize          len,
                      CoExportFlags   flags,
                      GError        **error)
{
  g_autofree char *tmp = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if (len < 0)
    len = strlen (contents);
  if (!(flags & CO_EXPORT_FLAGS_OVERWRITE) && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS, _("%s already exists"), path);
      return FALSE;
    }
  tmp = write_temp (path, contents, len, error);
  if (tmp == NULL)
    return FALSE;
  return publish (tmp, path, flags, error);
}

/**
 * co_export_file_url:
 * @path: an absolute path
 * @localhost: whether to write `file://localhost/` (xmeml) rather than
 *   `file:///` (FCPXML)
 *
 * Makes a file URL in which every byte other than an unreserved ASCII
 * character or `/` is percent-encoded: spaces, UTF-8 and `&<>` included.
 *
 * Returns: (transfer full): the URL
 */
char *
co_export_file_url (const char *path,
                    gboolean    localhost)
{
  GString *url = g_string_new (localhost ? "file://localhost" : "file://");

  g_return_val_if_fail (path != NULL && g_path_is_absolute (path), NULL);

  for (const guchar *p = (const guchar *) path; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~/", *p) != NULL)
        g_string_append_c (url, *p);
      else
        g_string_append_printf (url, "%%%02X", *p);
    }
  return g_string_free (url, FALSE);
}
