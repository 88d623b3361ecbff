/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "co-media-server.h"
#include "co-mirror-error.h"
#include "co-secrets.h"
#include "co-sync-wait.h"

/*
 * Where the media go: the bucket's address is a setting of the library
 * (without the key pair); the key pair and region are in the keyring, under
 * the address, as JSON.  CREATOROPS_S3_URL, the key pair in its user info,
 * wins over both.  No bucket set up is not an error: the mirror then moves
 * records only.
 */

#define URL_KEY "mirror-s3-url"
#define KEYRING_PLATFORM "s3"

/**
 * co_media_server_dup_url:
 * @store: the library
 * @out_from_environment: (out) (optional): whether CREATOROPS_S3_URL named it
 *
 * Returns: (transfer full) (nullable): the bucket's address without the key
 *   pair, or %NULL when none is set up
 */
char *
co_media_server_dup_url (CoStore  *store,
                         gboolean *out_from_environment)
{
  const char *env = g_getenv (CO_MEDIA_S3_ENV);
  gboolean from_environment = env != NULL && env[0] != '\0';

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  if (out_from_environment != NULL)
    *out_from_environment = from_environment;
  if (from_environment)
    return co_s3_split_url (env, NULL, NULL, NULL);
  return co_store_dup_setting (store, URL_KEY);
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static const char *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The bucket with the key pair (and region) of @keys, a JSON object with
 * "access_key_id", "secret_access_key" and optionally "region". */
static CoS3 *
connect_with (CoHttpClient  *client,
              const char    *url,
              JsonObject    *keys,
              const char    *where,
              GError       **error)
{
  const char *access = member (keys, "access_key_id");
  const char *secret = member (keys, "secret_access_key");
  const char *region = member (keys, "region");
  CoS3 *s3;

  if (keys != NULL && (access == NULL || secret == NULL))
    {
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_BAD_CREDENTIALS,
                   _("The S3 keys %s are not a JSON object with an “access_key_id” and a "
                     "“secret_access_key”"), where);
      return NULL;
    }
  s3 = co_s3_new (client, url, access, secret, error);
  if (s3 != NULL && region != NULL && region[0] != '\0')
    co_s3_set_region (s3, region);
  return s3;
}

/**
 * co_media_server_open:
 * @store: the library
 * @client: the HTTP client
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The bucket the library's media go to: CREATOROPS_S3_URL, or what
 * co_media_server_setup() kept.  Blocks on the keyring.
 *
 * Returns: (transfer full) (nullable): the bucket, or %NULL, with an error
 *   only when one is set up but cannot be used
 */
CoS3 *
co_media_server_open (CoStore       *store,
                      CoHttpClient  *client,
                      GCancellable  *cancellable,
                      GError       **error)
{
  const char *env = g_getenv (CO_MEDIA_S3_ENV);
  g_autofree char *url = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();
  char *secret;
  CoSyncWait wait;
  CoS3 *s3;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  if (env != NULL && env[0] != '\0')
    {
      s3 = co_s3_new (client, env, NULL, NULL, error);
      if (s3 == NULL)
        g_prefix_error (error, _("In %s: "), CO_MEDIA_S3_ENV);
      return s3;
    }
  url = co_store_dup_setting (store, URL_KEY);
  if (url == NULL)
    return NULL;
  co_sync_wait_begin (&wait);
  co_secrets_lookup_async (KEYRING_PLATFORM, url, cancellable, co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  secret = co_secrets_lookup_finish (result, error);
  if (secret == NULL)
    return NULL;
  node = json_from_string (secret, NULL);
  wipe (secret);
  return connect_with (client, url,
                       node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                     : empty,
                       _("in the keyring"), error);
}

/**
 * co_media_server_setup:
 * @store: the library
 * @client: the HTTP client
 * @url: the bucket's address, http(s)://HOST[:PORT]/BUCKET; a key pair in
 *   its user info is taken when @credentials has none
 * @credentials: (nullable): the JSON given on standard input; its member
 *   "s3" holds "access_key_id", "secret_access_key" and optionally "region"
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks that the bucket exists and takes the key pair, then keeps the
 * address in the library's settings and the keys in the keyring.  Blocks.
 *
 * Returns: %TRUE on success; on failure nothing is kept
 */
gboolean
co_media_server_setup (CoStore       *store,
                       CoHttpClient  *client,
                       const char    *url,
                       const char    *credentials,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(JsonNode) node = credentials ? json_from_string (credentials, NULL) : NULL;
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                     : NULL;
  JsonNode *s3_node = object != NULL ? json_object_get_member (object, "s3") : NULL;
  JsonObject *keys = NULL;
  g_autoptr(JsonObject) from_url = NULL;
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *access = NULL;
  g_autofree char *password = NULL;
  CoSyncWait wait;
  gboolean kept;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (s3_node != NULL && !JSON_NODE_HOLDS_OBJECT (s3_node))
    {
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_BAD_CREDENTIALS,
                   _("The member “s3” of the credentials on standard input is not a JSON "
                     "object"));
      return FALSE;
    }
  if (s3_node != NULL)
    keys = json_node_get_object (s3_node);
  else
    {
      /* The key pair in the address, kept the same way. */
      g_autofree char *plain = co_s3_split_url (url, &access, &password, error);

      if (plain == NULL)
        return FALSE;
      from_url = json_object_new ();
      if (access != NULL)
        json_object_set_string_member (from_url, "access_key_id", access);
      if (password != NULL)
        json_object_set_string_member (from_url, "secret_access_key", password);
      keys = from_url;
      wipe (g_steal_pointer (&password));
    }
  s3 = connect_with (client, url, keys, _("on standard input"), error);
  if (s3 == NULL || !co_s3_check_bucket (s3, cancellable, error))
    return FALSE;
  {
    g_autoptr(JsonNode) keys_node = json_node_init_object (json_node_alloc (), keys);

    secret = json_to_string (keys_node, FALSE);
  }
  co_sync_wait_begin (&wait);
  co_secrets_store_async (KEYRING_PLATFORM, co_s3_get_url (s3), secret, cancellable,
                          co_sync_wait_cb, &wait);
  result = co_sync_wait_end (&wait);
  kept = co_secrets_store_finish (result, error);
  wipe (g_steal_pointer (&secret));
  return kept && co_store_set_setting (store, URL_KEY, co_s3_get_url (s3), error);
}
