/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-media-mirror.h"
#include "co-media-server.h"
#include "co-mirror-call.h"
#include "co-mirror-error.h"
#include "co-task.h"

/* The asynchronous edge of the media mirror for the app: setting up the
 * bucket, sending the library's files to it after each sync of the records,
 * and bringing one file a record names from it on demand.  The
 * keyring and the network block, so both run in a worker and answer on the
 * caller's main context.  The library and the client are held until the
 * answer. */

static gpointer
download_work (gpointer       source,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  CoMirrorCall *call = data;
  g_autoptr(CoS3) s3 = NULL;
  GError *local = NULL;

  s3 = co_media_server_open (call->store, call->client, cancellable, &local);
  if (s3 == NULL)
    {
      if (local == NULL)
        g_set_error (&local, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_CONFIGURED,
                     _("No S3 bucket is set up to download the file %s from"), call->sha256);
      g_propagate_error (error, local);
      return NULL;
    }
  return co_media_mirror_fetch_file (s3, call->store, call->sha256, NULL, cancellable, error)
    ? GINT_TO_POINTER (TRUE) : NULL;
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
  g_return_if_fail (CO_IS_STORE (store));
  g_return_if_fail (CO_IS_HTTP_CLIENT (client));
  g_return_if_fail (sha256 != NULL);

  co_task_run_async (store, co_media_mirror_download_async, download_work,
                     _co_mirror_call_new (store, client, NULL, sha256, NULL), _co_mirror_call_free,
                     NULL, cancellable, callback, user_data);
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
  return co_task_propagate (result, store, co_media_mirror_download_async, error) != NULL;
}

static gpointer
setup_work (gpointer       source,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  CoMirrorCall *call = data;

  return co_media_server_setup (call->store, call->client, call->url, call->credentials,
                                cancellable, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

/**
 * co_media_server_setup_async:
 * @store: the library
 * @client: the HTTP client
 * @url: the bucket's address, http(s)://HOST[:PORT]/BUCKET
 * @credentials: (nullable): its keys, as co_media_server_setup() takes them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the bucket was checked and kept, or not
 * @user_data: for @callback
 *
 * co_media_server_setup() in a worker thread, for the app's preferences.
 */
void
co_media_server_setup_async (CoStore             *store,
                             CoHttpClient        *client,
                             const char          *url,
                             const char          *credentials,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CO_IS_STORE (store));
  g_return_if_fail (CO_IS_HTTP_CLIENT (client));
  g_return_if_fail (url != NULL);

  co_task_run_async (store, co_media_server_setup_async, setup_work,
                     _co_mirror_call_new (store, client, url, NULL, credentials),
                     _co_mirror_call_free, NULL, cancellable, callback, user_data);
}

/**
 * co_media_server_setup_finish:
 * @store: the library
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the bucket is kept; on failure nothing is
 */
gboolean
co_media_server_setup_finish (CoStore       *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  return co_task_propagate (result, store, co_media_server_setup_async, error) != NULL;
}

static gpointer
push_work (gpointer       source,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  CoMirrorCall *call = data;
  g_autoptr(CoS3) s3 = NULL;
  g_autofree CoMediaMirrorReport *report = g_new0 (CoMediaMirrorReport, 1);
  GError *local = NULL;

  s3 = co_media_server_open (call->store, call->client, cancellable, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  /* No bucket set up: nothing to send. */
  if (s3 != NULL && !co_media_mirror_push (s3, call->store, CO_MEDIA_MIRROR_PART_SIZE, NULL,
                                           NULL, report, cancellable, error))
    return NULL;
  return g_steal_pointer (&report);
}

/**
 * co_media_mirror_push_async:
 * @store: the library
 * @client: the HTTP client
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the files are sent, or not
 * @user_data: for @callback
 *
 * co_media_mirror_push() to the bucket co_media_server_open() finds, in a
 * worker thread; with no bucket set up it sends nothing and succeeds.
 */
void
co_media_mirror_push_async (CoStore             *store,
                            CoHttpClient        *client,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CO_IS_STORE (store));
  g_return_if_fail (CO_IS_HTTP_CLIENT (client));

  co_task_run_async (store, co_media_mirror_push_async, push_work,
                     _co_mirror_call_new (store, client, NULL, NULL, NULL), _co_mirror_call_free,
                     g_free, cancellable, callback, user_data);
}

/**
 * co_media_mirror_push_finish:
 * @store: the library
 * @result: the result given to the callback
 * @out_report: (out caller-allocates) (optional): what the push did
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the bucket holds every file, or none is set up
 */
gboolean
co_media_mirror_push_finish (CoStore              *store,
                             GAsyncResult         *result,
                             CoMediaMirrorReport  *out_report,
                             GError              **error)
{
  g_autofree CoMediaMirrorReport *report = NULL;

  report = co_task_propagate (result, store, co_media_mirror_push_async, error);
  if (report != NULL && out_report != NULL)
    *out_report = *report;
  return report != NULL;
}
