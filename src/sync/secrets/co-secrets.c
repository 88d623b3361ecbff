/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "co-error.h"
#include "co-secrets.h"
#include "co-sync-error.h"

/*
 * Account tokens live only in the system keyring, keyed by platform and
 * account.  Nothing here logs a secret: messages name the platform and
 * account, never the value.
 */

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.creatorops.CreatorOps.Token", SECRET_SCHEMA_NONE,
    {
      { "platform", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

/* Turns libsecret's and D-Bus's errors into one the user can act on, and
 * lets cancellation through untouched. */
static void
return_keyring_error (GTask      *task,
                      GError     *error,
                      const char *platform,
                      const char *account)
{
  if (co_error_is_cancelled (error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_KEYRING,
                           _("The system keyring could not be used for the %s account “%s”: %s"),
                           platform, account, error->message);
  g_error_free (error);
}

/* The three things done with a token.  They share one request, one
 * callback and one error path; only the libsecret call differs. */
typedef enum
{
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
} Op;

typedef struct
{
  Op    op;
  char *platform;
  char *account;
} Request;

static void
request_free (Request *request)
{
  g_free (request->platform);
  g_free (request->account);
  g_free (request);
}

static void
return_lookup (GTask   *task,
               Request *request,
               char    *secret)
{
  if (secret == NULL)
    {
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH,
                               _("No token is stored for the %s account “%s”; connect it again"),
                               request->platform, request->account);
      return;
    }
  g_task_return_pointer (task, g_strdup (secret), g_free);
  secret_password_free (secret);
}

static void
request_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret = NULL;

  switch (request->op)
    {
    case OP_STORE:
      secret_password_store_finish (result, &error);
      break;
    case OP_LOOKUP:
      secret = secret_password_lookup_finish (result, &error);
      break;
    case OP_CLEAR:
      /* FALSE without an error only means there was nothing to remove. */
      secret_password_clear_finish (result, &error);
      break;
    }
  if (error != NULL)
    return_keyring_error (task, error, request->platform, request->account);
  else if (request->op == OP_LOOKUP)
    return_lookup (task, request, secret);
  else
    g_task_return_boolean (task, TRUE);
}

/* Starts @op on the token of @platform and @account; @secret is only for
 * OP_STORE. */
static void
request_start (Op                   op,
               const char          *platform,
               const char          *account,
               const char          *secret,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  *request = (Request) { op, g_strdup (platform), g_strdup (account) };
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  attributes = secret_attributes_build (token_schema (), "platform", platform,
                                        "account", account, NULL);
  switch (op)
    {
    case OP_STORE:
      label = g_strdup_printf ("CreatorOps: %s account %s", platform, account);
      secret_password_storev (token_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                              secret, cancellable, request_done_cb, task);
      break;
    case OP_LOOKUP:
      secret_password_lookupv (token_schema (), attributes, cancellable, request_done_cb, task);
      break;
    case OP_CLEAR:
      secret_password_clearv (token_schema (), attributes, cancellable, request_done_cb, task);
      break;
    }
}

/**
 * co_secrets_store_async:
 * @platform: the platform ("x", "youtube"…)
 * @account: the account on that platform
 * @secret: the token to keep
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Stores a token in the default keyring collection, replacing any earlier
 * one for the same account.
 */
void
co_secrets_store_async (const char          *platform,
                        const char          *account,
                        const char          *secret,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (platform != NULL && account != NULL && secret != NULL);

  request_start (OP_STORE, platform, account, secret, cancellable, callback, user_data,
                 co_secrets_store_async);
}

/**
 * co_secrets_store_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE if stored; otherwise %CO_SYNC_ERROR_KEYRING
 */
gboolean
co_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * co_secrets_lookup_async:
 * @platform: the platform
 * @account: the account on that platform
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Reads an account's token from the keyring.
 */
void
co_secrets_lookup_async (const char          *platform,
                         const char          *account,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (platform != NULL && account != NULL);

  request_start (OP_LOOKUP, platform, account, NULL, cancellable, callback, user_data,
                 co_secrets_lookup_async);
}

/**
 * co_secrets_lookup_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the token, or %NULL with
 *   %CO_SYNC_ERROR_AUTH when none is stored, %CO_SYNC_ERROR_KEYRING when the
 *   keyring cannot be used
 */
char *
co_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * co_secrets_clear_async:
 * @platform: the platform
 * @account: the account on that platform
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Forgets an account's token (when the user disconnects it).
 */
void
co_secrets_clear_async (const char          *platform,
                        const char          *account,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (platform != NULL && account != NULL);

  request_start (OP_CLEAR, platform, account, NULL, cancellable, callback, user_data,
                 co_secrets_clear_async);
}

/**
 * co_secrets_clear_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when no token is left for the account
 */
gboolean
co_secrets_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
