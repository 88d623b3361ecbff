/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-mirror-call.h"
#include "co-mirror-server.h"
#include "co-task.h"

/* The asynchronous edge of co-mirror-server.c for the app: finding the
 * server and signing in both block on the keyring, so they run in a worker
 * and answer on the caller's main context.  The library (store) and the
 * HTTP client are held until the answer. */

static gpointer
connect_work (gpointer       source,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  CoMirrorCall *call = data;
  g_autoptr(CoMirrorServer) server = co_mirror_server_load (call->store, cancellable, error);

  return server != NULL ? co_mirror_server_connect (server, call->client, error) : NULL;
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
  g_return_if_fail (CO_IS_STORE (store));
  g_return_if_fail (client != NULL);

  co_task_run_async (NULL, co_mirror_server_connect_async, connect_work,
                     _co_mirror_call_new (store, client, NULL, NULL, NULL), _co_mirror_call_free,
                     g_object_unref, cancellable, callback, user_data);
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
  return co_task_propagate (result, NULL, co_mirror_server_connect_async, error);
}

static gpointer
setup_work (gpointer       source,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  CoMirrorCall *call = data;

  return co_mirror_server_setup (call->store, call->client, call->url, call->credentials,
                                 cancellable, error) ? GINT_TO_POINTER (TRUE) : NULL;
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
  g_return_if_fail (CO_IS_STORE (store));
  g_return_if_fail (client != NULL);
  g_return_if_fail (url != NULL);

  co_task_run_async (NULL, co_mirror_server_setup_async, setup_work,
                     _co_mirror_call_new (store, client, url, NULL, credentials),
                     _co_mirror_call_free, NULL, cancellable, callback, user_data);
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
  return co_task_propagate (result, NULL, co_mirror_server_setup_async, error) != NULL;
}
