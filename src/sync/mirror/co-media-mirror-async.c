/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-media-mirror.h"
#include "co-media-server.h"
#include "co-mirror-error.h"

/* The asynchronous edge of the media mirror for the app: bringing one file
 * a record names from the bucket, on demand.  Finding the bucket blocks on
 * the keyring and the download on the network, so both run in a worker and
 * answer on the caller's main context.  The library and the client are held
 * until the answer. */

typedef struct
{
  CoStore      *store;
  CoHttpClient *client;
  char         *sha256;
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->store);
  g_clear_object (&download->client);
  g_free (download->sha256);
  g_free (download);
}

static void
download_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Download *download = task_data;
  g_autoptr(CoS3) s3 = NULL;
  GError *error = NULL;

  s3 = co_media_server_open (download->store, download->client, cancellable, &error);
  if (s3 == NULL && error == NULL)
    g_set_error (&error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_CONFIGURED,
                 _("No S3 bucket is set up to download the file %s from"), download->sha256);
  if (s3 == NULL ||
      !co_media_mirror_fetch_file (s3, download->store, download->sha256, NULL, cancellable,
                                   &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * co_media_mirror_download_async:
 * @store: the library
 * @client: the HTTP client
 * @sha256: the digest of a file a record names
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is stored, or not
 * @user_data: for @callback
 *
 * co_media_mirror_fetch_file() from the bucket co_media_server_open() finds,
 * in a worker thread: the file is kept only if its content has the digest.
 */
void
co_media_mirror_download_async (CoStore             *store,
                                CoHttpClient        *client,
                                const char          *sha256,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Download *download;

  g_return_if_fail (CO_IS_STORE (store));
  g_return_if_fail (CO_IS_HTTP_CLIENT (client));
  g_return_if_fail (sha256 != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_media_mirror_download_async);
  download = g_new0 (Download, 1);
  *download = (Download) { g_object_ref (store), g_object_ref (client), g_strdup (sha256) };
  g_task_set_task_data (task, download, (GDestroyNotify)download_free);
  g_task_run_in_thread (task, download_thread);
}

/**
 * co_media_mirror_download_finish:
 * @store: the library
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the store holds the file, otherwise %FALSE with
 *   %CO_MIRROR_ERROR_NOT_CONFIGURED, %CO_MIRROR_ERROR_DIGEST_MISMATCH,
 *   %CO_MIRROR_ERROR_NOT_FOUND or the server's error
 */
gboolean
co_media_mirror_download_finish (CoStore       *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        co_media_mirror_download_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
