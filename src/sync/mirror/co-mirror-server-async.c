/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-mirror-server.h"

/* The asynchronous edge of co-mirror-server.c for the app: finding the
 * server and signing in both block on the keyring, so they run in a worker
 * and answer on the caller's main context.  The library (store) and the
 * HTTP client are held until the answer. */

typedef struct
{
  CoStore      *store;
  CoHttpClient *client;
  char         *url;
  char         *credentials;
} ServerTask;

static void
server_task_free (ServerTask *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->client);
  g_free (data->url);
  /* The credentials hold a password: not left in freed memory. */
  if (data->credentials != NULL)
    memset (data->credentials, 0, strlen (data->credentials));
  g_free (data->credentials);
  g_free (data);
}

static GTask *
server_task_new (CoStore             *store,
                 CoHttpClient        *client,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ServerTask *data = g_new0 (ServerTask, 1);

  g_task_set_source_tag (task, source_tag);
  data->store = g_object_ref (store);
  data->client = g_object_ref (client);
  g_task_set_task_data (task, data, (GDestroyNotify)server_task_free);
  return task;
}

static void
connect_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ServerTask *data = task_data;
  g_autoptr(CoMirrorServer) server = NULL;
  CoCouch *couch = NULL;
  GError *error = NULL;

  server = co_mirror_server_load (data->store, cancellable, &error);
  if (server != NULL)
    couch = co_mirror_server_connect (server, data->client, &error);
  if (couch != NULL)
    g_task_return_pointer (task, couch, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * co_mirror_server_connect_async:
 * @store: the library
 * @client: the HTTP client the database is reached with
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the database, or the reason there is none
 * @user_data: for @callback
 *
 * co_mirror_server_load() then co_mirror_server_connect(), in a worker.
 */
void
co_mirror_server_connect_async (CoStore             *store,
                                CoHttpClient        *client,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CO_IS_STORE (store));
  g_return_if_fail (client != NULL);

  task = server_task_new (store, client, cancellable, callback, user_data,
                          co_mirror_server_connect_async);
  g_task_run_in_thread (task, connect_thread);
}

/**
 * co_mirror_server_connect_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the database, or %NULL with
 *   @error set as co_mirror_server_load() or co_mirror_server_connect() do
 */
CoCouch *
co_mirror_server_connect_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == co_mirror_server_connect_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
setup_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ServerTask *data = task_data;
  GError *error = NULL;

  if (co_mirror_server_setup (data->store, data->client, data->url, data->credentials,
                              cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * co_mirror_server_setup_async:
 * @store: the library
 * @client: the HTTP client the server is checked with
 * @url: the database's address
 * @credentials: (nullable): `{"username": …, "password": …}`, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server was checked and kept, or not
 * @user_data: for @callback
 *
 * co_mirror_server_setup() in a worker; @credentials is copied, and the
 * copy wiped once used.
 */
void
co_mirror_server_setup_async (CoStore             *store,
                              CoHttpClient        *client,
                              const char          *url,
                              const char          *credentials,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ServerTask *data;

  g_return_if_fail (CO_IS_STORE (store));
  g_return_if_fail (client != NULL);
  g_return_if_fail (url != NULL);

  task = server_task_new (store, client, cancellable, callback, user_data,
                          co_mirror_server_setup_async);
  data = g_task_get_task_data (task);
  data->url = g_strdup (url);
  data->credentials = g_strdup (credentials);
  g_task_run_in_thread (task, setup_thread);
}

/**
 * co_mirror_server_setup_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server was checked and kept
 */
gboolean
co_mirror_server_setup_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == co_mirror_server_setup_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
