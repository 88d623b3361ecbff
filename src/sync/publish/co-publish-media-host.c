/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "co-publish-media-host.h"
#include "co-service-config.h"
#include "co-sync-error.h"

/*
 * The media host: Instagram fetches each image or video from a public
 * address, so a file to post is put in a folder that a web server already
 * publishes (the service configuration's media host), and its address there
 * is handed to Instagram.  The library's files are named by their SHA-256,
 * so one name is one content; the extension comes from the MIME type, for
 * servers that type files by it.  A hard link costs nothing on the same
 * file system; elsewhere the file is copied.
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

static gboolean
put_file (const char  *path,
          const char  *target,
          GError     **error)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) destination = NULL;

  if (g_file_test (target, G_FILE_TEST_EXISTS) || link (path, target) == 0)
    return TRUE;
  source = g_file_new_for_path (path);
  destination = g_file_new_for_path (target);
  return g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
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
