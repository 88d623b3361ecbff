/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-mirror-json.h"
#include "co-mirror-error.h"
#include "co-mirror-server.h"
#include "co-secrets.h"
#include "co-sync-wait.h"

/*
 * Where the mirror goes: the database's address is a setting of the library
 * (without credentials); the user name and password are in the keyring,
 * under the address.  CREATOROPS_COUCHDB_URL, credentials in its user info,
 * wins over both, for scripts and tests.  Nothing here logs or prints a
 * password, and the address is only ever shown without its user info.
 */

#define URL_KEY "mirror-couchdb-url"
#define AUTH_KEY "mirror-couchdb-auth"
#define KEYRING_PLATFORM "couchdb"

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

void
co_mirror_server_free (CoMirrorServer *server)
{
  if (server == NULL)
    return;
  g_free (server->url);
  g_free (server->username);
  wipe (server->password);
  g_free (server);
}

static CoMirrorServer *
from_environment (const char  *value,
                  GError     **error)
{
  g_autoptr(CoMirrorServer) server = g_new0 (CoMirrorServer, 1);

  server->url = co_couch_split_url (value, &server->username, &server->password, error);
  if (server->url == NULL)
    {
      g_prefix_error (error, _("In %s: "), CO_MIRROR_COUCHDB_ENV);
      return NULL;
    }
  server->from_environment = TRUE;
  return g_steal_pointer (&server);
}

/* The user name and password in the keyring's JSON. */
static gboolean
read_credentials (const char  *text,
                  const char  *where,
                  char       **out_username,
                  char       **out_password,
                  GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                     : NULL;
  const char *username = object ? co_mirror_json_string (object, "username") : NULL;
  const char *password = object ? co_mirror_json_string (object, "password") : NULL;

  if (username == NULL || username[0] == '\0' || password == NULL)
    {
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_BAD_CREDENTIALS,
                   _("The credentials %s are not a JSON object with a “username” and a "
                     "“password”"), where);
      return FALSE;
    }
  *out_username = g_strdup (username);
  *out_password = g_strdup (password);
  return TRUE;
}

static char *
lookup_secret (const char    *url,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CoSyncWait wait;

  co_sync_wait_begin (&wait);
  co_secrets_lookup_async (KEYRING_PLATFORM, url, cancellable, co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  return co_secrets_lookup_finish (result, error);
}

/**
 * co_mirror_server_load:
 * @store: the library
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds where the library is mirrored: CREATOROPS_COUCHDB_URL, or what
 * co_mirror_server_setup() kept.  Blocks on the keyring: call it from a
 * worker thread.
 *
 * Returns: (transfer full) (nullable): the server, or %NULL with
 *   %CO_MIRROR_ERROR_NOT_CONFIGURED, %CO_MIRROR_ERROR_BAD_URL or a keyring
 *   error
 */
CoMirrorServer *
co_mirror_server_load (CoStore       *store,
                       GCancellable  *cancellable,
                       GError       **error)
{
  const char *env = g_getenv (CO_MIRROR_COUCHDB_ENV);
  g_autoptr(CoMirrorServer) server = NULL;
  g_autofree char *auth = NULL;
  char *secret;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  if (env != NULL && env[0] != '\0')
    return from_environment (env, error);
  server = g_new0 (CoMirrorServer, 1);
  server->url = co_store_dup_setting (store, URL_KEY);
  if (server->url == NULL)
    {
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_CONFIGURED,
                   _("No CouchDB server is set up for the library in %s"),
                   co_store_get_data_dir (store));
      return NULL;
    }
  auth = co_store_dup_setting (store, AUTH_KEY);
  if (g_strcmp0 (auth, "keyring") != 0)
    return g_steal_pointer (&server);
  secret = lookup_secret (server->url, cancellable, error);
  if (secret == NULL)
    return NULL;
  if (!read_credentials (secret, _("in the keyring"), &server->username, &server->password,
                         error))
    server = NULL;
  wipe (secret);
  return g_steal_pointer (&server);
}

/**
 * co_mirror_server_dup_url:
 * @store: the library
 * @out_from_environment: (out) (optional): whether CREATOROPS_COUCHDB_URL
 *   named it
 *
 * Where the library is mirrored, without asking the keyring.
 *
 * Returns: (transfer full) (nullable): the database's address, without
 *   credentials, or %NULL when none is set up (or the environment's is not
 *   an address)
 */
char *
co_mirror_server_dup_url (CoStore  *store,
                          gboolean *out_from_environment)
{
  const char *env = g_getenv (CO_MIRROR_COUCHDB_ENV);
  gboolean from_environment = env != NULL && env[0] != '\0';

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  if (out_from_environment != NULL)
    *out_from_environment = from_environment;
  if (from_environment)
    return co_couch_split_url (env, NULL, NULL, NULL);
  return co_store_dup_setting (store, URL_KEY);
}

/**
 * co_mirror_server_connect:
 * @server: a server
 * @client: the HTTP client
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): its database
 */
CoCouch *
co_mirror_server_connect (CoMirrorServer  *server,
                          CoHttpClient    *client,
                          GError         **error)
{
  g_return_val_if_fail (server != NULL, NULL);

  return co_couch_new (client, server->url, server->username, server->password, error);
}

static gboolean
keep_secret (const char    *url,
             const char    *secret,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CoSyncWait wait;

  co_sync_wait_begin (&wait);
  if (secret != NULL)
    co_secrets_store_async (KEYRING_PLATFORM, url, secret, cancellable, co_sync_wait_cb, &wait);
  else
    co_secrets_clear_async (KEYRING_PLATFORM, url, cancellable, co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  return secret != NULL ? co_secrets_store_finish (result, error)
                        : co_secrets_clear_finish (result, error);
}

/* Blank, or a JSON object with neither a user name nor a password (only the
 * S3 keys, say): no CouchDB credentials. */
static gboolean
is_blank (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        {
          node = json_from_string (text, NULL);
          object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                 : NULL;
          return object != NULL && !json_object_has_member (object, "username") &&
                 !json_object_has_member (object, "password");
        }
    }
  return TRUE;
}

static char *
credentials_json (const char *username,
                  const char *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  return json_to_string (node, FALSE);
}

/**
 * co_mirror_server_setup:
 * @store: the library
 * @client: the HTTP client
 * @url: the database's address; credentials in its user info are taken
 *   when @credentials has none
 * @credentials: (nullable): a JSON object with `username` and `password`,
 *   or blank for none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks that the database answers as CouchDB does and accepts the
 * credentials (it is made when it does not exist), then keeps the address
 * in the library's settings and the credentials in the keyring.  Blocks:
 * call it from a worker thread.
 *
 * Returns: %TRUE on success; on failure nothing is kept
 */
gboolean
co_mirror_server_setup (CoStore       *store,
                        CoHttpClient  *client,
                        const char    *url,
                        const char    *credentials,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(CoMirrorServer) server = g_new0 (CoMirrorServer, 1);
  g_autoptr(CoCouch) couch = NULL;
  g_autofree char *secret = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  server->url = co_couch_split_url (url, &server->username, &server->password, error);
  if (server->url == NULL)
    return FALSE;
  if (!is_blank (credentials))
    {
      g_clear_pointer (&server->username, g_free);
      g_clear_pointer (&server->password, wipe);
      if (!read_credentials (credentials, _("on standard input"), &server->username,
                             &server->password, error))
        return FALSE;
    }
  couch = co_mirror_server_connect (server, client, error);
  if (couch == NULL || !co_couch_open (couch, TRUE, cancellable, error))
    return FALSE;
  if (server->username != NULL)
    secret = credentials_json (server->username, server->password);
  if (secret != NULL && !keep_secret (server->url, secret, cancellable, error))
    return FALSE;
  /* Without credentials, old ones only go if the keyring is there to ask. */
  if (secret == NULL && !keep_secret (server->url, NULL, cancellable, NULL))
    g_debug ("No keyring to forget old credentials of %s in", server->url);
  wipe (g_steal_pointer (&secret));
  return co_store_set_setting (store, AUTH_KEY, server->username ? "keyring" : "none", error) &&
         co_store_set_setting (store, URL_KEY, server->url, error);
}
