/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "co-publish-media-host.h"
#include "co-service-config.h"
#include "co-sync-error.h"
#include "co-task.h"

/*
 * The media host: Instagram fetches each image or video from a public
 * address, so a file to post is put in a folder that a web server already
 * publishes (the service configuration's media host), and its address there
 * is handed to Instagram.  The library's files are named by their SHA-256,
 * so one name is one content; the extension comes from the MIME type, for
 * servers that type files by it.  A hard link costs nothing on the same
 * file system; elsewhere the file is copied, whole or not at all.
 */

static const char *
extension_for (const char *mime)
{
  static const struct { const char *mime, *extension; } known[] = {
    { "image/jpeg", ".jpg" }, { "image/png", ".png" }, { "video/mp4", ".mp4" },
    { "video/quicktime", ".mov" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (mime, known[i].mime) == 0)
      return known[i].extension;
  return "";
}

/* A file already under the name is taken when it has the original's size:
 * names are the contents' SHA-256, so anything else there is a copy left
 * partial by a run killed before copies were renamed into place. */
static gboolean
is_whole (const char *path,
          const char *target)
{
  GStatBuf original, put;

  return g_stat (target, &put) == 0 && g_stat (path, &original) == 0 &&
         put.st_size == original.st_size;
}

/* A copy goes in under a temporary name and is renamed once complete, so that
 * a run killed while copying leaves no partial file under the name Instagram
 * is given. */
static gboolean
copy_whole (const char  *path,
            const char  *target,
            GError     **error)
{
  g_autofree char *partial = g_strdup_printf ("%s.partial-%08x", target, g_random_int ());
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) destination = g_file_new_for_path (partial);
  int saved;

  if (!g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    {
      g_unlink (partial);
      return FALSE;
    }
  if (g_rename (partial, target) == 0)
    return TRUE;
  saved = errno;
  g_unlink (partial);
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
  return FALSE;
}

static gboolean
put_file (const char  *path,
          const char  *target,
          GError     **error)
{
  if (is_whole (path, target))
    return TRUE;
  g_unlink (target);
  return link (path, target) == 0 || copy_whole (path, target, error);
}

/**
 * co_publish_media_host_put:
 * @path: a file of the library
 * @mime: its MIME type
 * @config: (type CoServiceConfig): the configuration with the media host
 * @error: return location for a #GError
 *
 * A #CoInstagramMediaHostFunc: puts @path in the media host's folder.
 *
 * Returns: (transfer full) (nullable): the file's public address; or %NULL
 *   with %CO_SYNC_ERROR_CONFIG (no media host) or a #GIOError naming the
 *   folder
 */
char *
co_publish_media_host_put (const char  *path,
                           const char  *mime,
                           gpointer     config,
                           GError     **error)
{
  const char *folder = co_service_config_get_media_folder (config);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (config), NULL);

  if (folder == NULL)
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
                   _("Instagram fetches “%s” from a public web address, and no media folder "
                     "is set up: set %s and %s, or the “media-host-folder” and "
                     "“media-host-url” settings"), path, CO_MEDIA_HOST_DIR_ENV,
                   CO_MEDIA_HOST_URL_ENV);
      return NULL;
    }
  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The media folder “%s” cannot be made: %s"), folder, g_strerror (saved));
      return NULL;
    }
  name = g_strconcat (base, g_str_has_suffix (base, extension_for (mime)) ? ""
                                                                          : extension_for (mime),
                      NULL);
  target = g_build_filename (folder, name, NULL);
  if (!put_file (path, target, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("“%s” could not be put in the media folder “%s”: %s"), path, folder,
                   local_error->message);
      return NULL;
    }
  escaped = g_uri_escape_string (name, NULL, FALSE);
  return g_strconcat (co_service_config_get_media_url (config), "/", escaped, NULL);
}

static gboolean
refuse_folder (const char  *folder,
               const char  *why,
               GError     **error)
{
  g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
               _("The media folder “%s” cannot be used: %s"), folder, why);
  return FALSE;
}

/* Permissions alone do not say whether a file can be made (a read-only
 * file system, or root, who passes every permission check): making one
 * does. */
static gboolean
can_write_in (const char  *folder,
              GError     **error)
{
  g_autofree char *probe = g_build_filename (folder, ".creatorops-write-check-XXXXXX", NULL);
  int fd = g_mkstemp_full (probe, O_RDWR, 0600);
  int saved = errno;
  g_autofree char *why = NULL;

  if (fd >= 0)
    {
      close (fd);
      g_unlink (probe);
      return TRUE;
    }
  why = g_strdup_printf (_("CreatorOps cannot write in it (%s)"), g_strerror (saved));
  return refuse_folder (folder, why, error);
}

/**
 * co_publish_media_host_check_folder:
 * @folder: the folder a web server publishes
 * @error: return location for a #GError
 *
 * Checks that @folder can be the media host's folder: an absolute path to
 * a folder that exists and in which files can be made.  Blocks on the file
 * system; the app calls co_publish_media_host_check_folder_async().
 *
 * Returns: %TRUE if it can, else %FALSE with %CO_SYNC_ERROR_CONFIG naming
 *   @folder and why
 */
gboolean
co_publish_media_host_check_folder (const char  *folder,
                                    GError     **error)
{
  g_return_val_if_fail (folder != NULL, FALSE);

  if (!g_path_is_absolute (folder))
    return refuse_folder (folder, _("it is not an absolute path"), error);
  if (!g_file_test (folder, G_FILE_TEST_EXISTS))
    return refuse_folder (folder, _("it does not exist"), error);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return refuse_folder (folder, _("it is not a folder"), error);
  return can_write_in (folder, error);
}

static gpointer
check_folder_work (gpointer       source,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return co_publish_media_host_check_folder (data, error) ? g_strdup (data) : NULL;
}

/**
 * co_publish_media_host_check_folder_async:
 * @folder: the folder a web server publishes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the check is done
 * @user_data: closure
 *
 * Runs co_publish_media_host_check_folder() in a thread.
 */
void
co_publish_media_host_check_folder_async (const char          *folder,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (folder != NULL);

  co_task_run_async (NULL, co_publish_media_host_check_folder_async, check_folder_work,
                     g_strdup (folder), g_free, g_free, cancellable, callback, user_data);
}

/**
 * co_publish_media_host_check_folder_finish:
 * @result: the result handed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the folder checked, if it can be
 *   used, else %NULL with the error of co_publish_media_host_check_folder(),
 *   or %G_IO_ERROR_CANCELLED
 */
char *
co_publish_media_host_check_folder_finish (GAsyncResult  *result,
                                           GError       **error)
{
  return co_task_propagate (result, NULL, co_publish_media_host_check_folder_async, error);
}
