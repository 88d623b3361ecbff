/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-media-mirror.h"
#include "co-media-server.h"
#include "co-mirror-error.h"

/* The asynchronous edge of the media mirror for the app: setting up the
 * bucket, sending the library's files to it after each sync of the records,
 * and bringing one file a record names from it on demand.  The
 * keyring and the network block, so both run in a worker and answer on the
 * caller's main context.  The library and the client are held until the
 * answer. */

typedef struct
{
  CoStore      *store;
  CoHttpClient *client;
  char         *sha256;        /* the file to download, or NULL */
  char         *url;           /* the bucket to set up, or NULL */
  char         *credentials;   /* (nullable): its keys, as JSON */
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->store);
  g_clear_object (&download->client);
  g_free (download->sha256);
  g_free (download->url);
  /* The keys hold a secret: not left in freed memory. */
  if (download->credentials != NULL)
    memset (download->credentials, 0, strlen (download->credentials));
  g_free (download->credentials);
  g_free (download);
}

static GTask *
task_new (CoStore             *store,
          CoHttpClient        *client,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag,
          Download           **out_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);
  Download *download = g_new0 (Download, 1);

  g_task_set_source_tag (task, source_tag);
  download->store = g_object_ref (store);
  download->client = g_object_ref (client);
  g_task_set_task_data (task, download, (GDestroyNotify)download_free);
  *out_data = download;
  return task;
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

  task = task_new (store, client, cancellable, callback, user_data,
                   co_media_mirror_download_async, &download);
  download->sha256 = g_strdup (sha256);
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

static void
setup_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Download *setup = task_data;
  GError *error = NULL;

  if (co_media_server_setup (setup->store, setup->client, setup->url, setup->credentials,
                             cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
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
  g_autoptr(GTask) task = NULL;
  Download *setup;

  g_return_if_fail (CO_IS_STORE (store));
  g_return_if_fail (CO_IS_HTTP_CLIENT (client));
  g_return_if_fail (url != NULL);

  task = task_new (store, client, cancellable, callback, user_data, co_media_server_setup_async,
                   &setup);
  setup->url = g_strdup (url);
  setup->credentials = g_strdup (credentials);
  g_task_run_in_thread (task, setup_thread);
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
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == co_media_server_setup_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
push_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Download *push = task_data;
  g_autoptr(CoS3) s3 = NULL;
  CoMediaMirrorReport *report = g_new0 (CoMediaMirrorReport, 1);
  GError *error = NULL;

  s3 = co_media_server_open (push->store, push->client, cancellable, &error);
  /* No bucket set up: nothing to send. */
  if (error == NULL &&
      (s3 == NULL || co_media_mirror_push (s3, push->store, CO_MEDIA_MIRROR_PART_SIZE, NULL, NULL,
                                           report, cancellable, &error)))
    g_task_return_pointer (task, report, g_free);
  else
    {
      g_free (report);
      g_task_return_error (task, error);
    }
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
  g_autoptr(GTask) task = NULL;
  Download *push;

  g_return_if_fail (CO_IS_STORE (store));
  g_return_if_fail (CO_IS_HTTP_CLIENT (client));

  task = task_new (store, client, cancellable, callback, user_data, co_media_mirror_push_async,
                   &push);
  g_task_run_in_thread (task, push_thread);
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

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == co_media_mirror_push_async,
                        FALSE);

  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report != NULL && out_report != NULL)
    *out_report = *report;
  return report != NULL;
}
