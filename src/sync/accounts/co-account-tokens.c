/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-account-manager-private.h"
#include "co-error.h"
#include "co-sync-error.h"
#include "co-secrets.h"

/*
 * Tokens: kept in the keyring as JSON under the platform and the account's id
 * there, renewed before they expire.  A renewal the provider refuses marks the
 * account "reconnect needed"; a renewal that fails on the way (no network, a
 * server error) says nothing about the token, which is used while it lasts.
 */

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *json = co_secrets_lookup_finish (result, &error);
  CoToken *token;

  if (json == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  token = co_token_new_from_json (json, *(gint64 *)g_task_get_task_data (task), &error);
  co_secret_free (json);
  if (token == NULL)
    g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH,
                             _("The token kept for this account cannot be read (%s); connect "
                               "it again"), error->message);
  else
    g_task_return_pointer (task, token, (GDestroyNotify)co_token_free);
  g_clear_error (&error);
}

/* Reads an account's token from the keyring; none is %CO_SYNC_ERROR_AUTH. */
void
_co_account_tokens_load_async (CoPlatform           platform,
                               const char          *remote_id,
                               gint64               now,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, _co_account_tokens_load_async);
  /* The time "expires_in" would count from; stored tokens carry "expires_at". */
  g_task_set_task_data (task, g_memdup2 (&now, sizeof now), g_free);
  co_secrets_lookup_async (co_platform_to_string (platform), remote_id, cancellable,
                           looked_up_cb, task);
}

CoToken *
_co_account_tokens_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!co_secrets_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Keeps @token in the keyring, replacing the account's earlier one. */
void
_co_account_tokens_store_async (CoPlatform           platform,
                                const char          *remote_id,
                                const CoToken       *token,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  char *json = co_token_to_json (token);

  g_task_set_source_tag (task, _co_account_tokens_store_async);
  co_secrets_store_async (co_platform_to_string (platform), remote_id, json, cancellable,
                          stored_cb, task);
  co_secret_free (json);
}

gboolean
_co_account_tokens_store_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* get_token */

typedef struct
{
  CoAccountManager *manager;
  CoAccount        *account;
  gboolean          force;
  CoToken          *token;
} TokenCall;

typedef struct
{
  CoAccountManager *manager;
  CoAccount        *account;
  CoToken          *old;
  CoToken          *fresh;
  GPtrArray        *waiters;   /* GTask */
} Refresh;

static void
token_call_free (TokenCall *call)
{
  g_clear_object (&call->manager);
  g_clear_object (&call->account);
  co_token_free (call->token);
  g_free (call);
}

static void
refresh_free (Refresh *refresh)
{
  g_clear_object (&refresh->manager);
  g_clear_object (&refresh->account);
  co_token_free (refresh->old);
  co_token_free (refresh->fresh);
  g_ptr_array_unref (refresh->waiters);
  g_free (refresh);
}

/* Ends the refresh of an account: every caller waiting on it gets @fresh, or
 * @error, or — for an error that says nothing about the token — the old token
 * if it still works and the caller did not ask for a new one. */
static void
settle (Refresh      *refresh,
        const GError *error)
{
  gint64 id = co_account_get_id (refresh->account);
  gint64 now = _co_account_manager_now (refresh->manager);
  GHashTable *refreshes = _co_account_manager_lock_refreshes (refresh->manager);

  g_hash_table_remove (refreshes, &id);
  _co_account_manager_unlock_refreshes (refresh->manager);
  for (guint i = 0; i < refresh->waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (refresh->waiters, i);
      TokenCall *call = g_task_get_task_data (task);
      gboolean transient = error != NULL &&
                           !g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH);

      if (error == NULL)
        g_task_return_pointer (task, co_token_copy (refresh->fresh), (GDestroyNotify)co_token_free);
      else if (transient && !call->force && !co_token_is_expired (refresh->old, now))
        g_task_return_pointer (task, co_token_copy (refresh->old), (GDestroyNotify)co_token_free);
      else
        g_task_return_error (task, g_error_copy (error));
    }
  refresh_free (refresh);
}

static void
fresh_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Refresh *refresh = user_data;
  g_autoptr(GError) error = NULL;

  /* The new token is good even when it could not be kept; the next start then
   * renews again, or asks for a new sign-in if the provider rotated. */
  if (!_co_account_tokens_store_finish (result, &error))
    g_warning ("The renewed token of %s account %" G_GINT64_FORMAT " could not be kept: %s",
               co_platform_to_string (co_account_get_platform (refresh->account)),
               co_account_get_id (refresh->account), error->message);
  _co_account_manager_mark (refresh->manager, co_account_get_id (refresh->account),
                            CO_ACCOUNT_CONNECTED, TRUE);
  settle (refresh, NULL);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Refresh *refresh = user_data;
  g_autoptr(GError) error = NULL;

  refresh->fresh = co_oauth_refresh_finish (result, &error);
  if (refresh->fresh == NULL)
    {
      g_debug ("Renewing the token of account %" G_GINT64_FORMAT " failed: %s",
               co_account_get_id (refresh->account), error->message);
      if (g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH))
        _co_account_manager_mark (refresh->manager, co_account_get_id (refresh->account),
                                  CO_ACCOUNT_RECONNECT, FALSE);
      else if (g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN))
        {
          /* The renewal's answer was lost; the caller's own request never
           * left, so for it this is only a failure to reach the network.
           * Passed on as it was, the caller's operation would be taken for
           * one that may have arrived.  A refresh token the provider rotated
           * meanwhile is refused at the next renewal: "reconnect needed". */
          GError *lost = g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE,
                                      _("The sign-in of %s account “%s” could not be renewed "
                                        "(%s); nothing was sent with it"),
                                      co_platform_display_name (
                                        co_account_get_platform (refresh->account)),
                                      co_account_get_display_name (refresh->account),
                                      error->message);

          g_clear_error (&error);
          error = lost;
        }
      settle (refresh, error);
      return;
    }
  co_token_keep_refresh (refresh->fresh, refresh->old);
  _co_account_tokens_store_async (co_account_get_platform (refresh->account),
                                  co_account_get_remote_id (refresh->account), refresh->fresh,
                                  NULL, fresh_stored_cb, refresh);
}

/* Joins the account's refresh in flight, or starts one. */
static void
join_refresh (GTask *task)
{
  TokenCall *call = g_task_get_task_data (task);
  gint64 id = co_account_get_id (call->account);
  GHashTable *refreshes = _co_account_manager_lock_refreshes (call->manager);
  Refresh *refresh = g_hash_table_lookup (refreshes, &id);
  gboolean start = refresh == NULL;

  if (start)
    {
      refresh = g_new0 (Refresh, 1);
      refresh->manager = g_object_ref (call->manager);
      refresh->account = g_object_ref (call->account);
      refresh->old = co_token_copy (call->token);
      refresh->waiters = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (refreshes, g_memdup2 (&id, sizeof id), refresh);
    }
  g_ptr_array_add (refresh->waiters, g_object_ref (task));
  _co_account_manager_unlock_refreshes (call->manager);
  if (start)
    co_oauth_refresh_async (co_account_manager_get_client (call->manager),
                            co_account_manager_get_config (call->manager),
                            co_account_get_platform (call->account), refresh->old->refresh_token,
                            NULL, refreshed_cb, refresh);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TokenCall *call = g_task_get_task_data (task);
  gint64 now = _co_account_manager_now (call->manager);
  GError *error = NULL;

  call->token = _co_account_tokens_load_finish (result, &error);
  if (call->token == NULL)
    g_task_return_error (task, error);
  else if (call->token->refresh_token != NULL &&
           (call->force || co_token_needs_refresh (call->token, now)))
    join_refresh (task);
  else if (call->force || co_token_is_expired (call->token, now))
    {
      /* Refused or out of date, with nothing to renew it. */
      _co_account_manager_mark (call->manager, co_account_get_id (call->account),
                                CO_ACCOUNT_RECONNECT, FALSE);
      g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH,
                               _("The sign-in of %s account “%s” has expired"),
                               co_platform_display_name (co_account_get_platform (call->account)),
                               co_account_get_display_name (call->account));
    }
  else
    g_task_return_pointer (task, g_steal_pointer (&call->token), (GDestroyNotify)co_token_free);
}

static gboolean
check_usable (CoAccount  *account,
              GError    **error)
{
  const char *platform = co_platform_display_name (co_account_get_platform (account));

  switch (co_account_get_state (account))
    {
    case CO_ACCOUNT_DISCONNECTED:
      g_set_error (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_NOT_CONNECTED,
                   _("The %s account “%s” is disconnected"), platform,
                   co_account_get_display_name (account));
      return FALSE;
    case CO_ACCOUNT_RECONNECT:
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH,
                   _("The %s account “%s” must be connected again"), platform,
                   co_account_get_display_name (account));
      return FALSE;
    case CO_ACCOUNT_CONNECTED:
    default:
      return TRUE;
    }
}

/**
 * co_account_manager_get_token_async:
 * @self: a #CoAccountManager
 * @account_id: the account
 * @force_refresh: renew the token even if it has not expired (the platform just
 *   refused it)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Gets a token to send requests as the account with, renewed first when it
 * expires within %CO_TOKEN_REFRESH_MARGIN.
 */
void
co_account_manager_get_token_async (CoAccountManager    *self,
                                    gint64               account_id,
                                    gboolean             force_refresh,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(CoAccount) account = NULL;
  TokenCall *call;
  GError *error = NULL;

  g_return_if_fail (CO_IS_ACCOUNT_MANAGER (self));

  g_task_set_source_tag (task, co_account_manager_get_token_async);
  account = co_account_book_get (co_account_manager_get_book (self), account_id, &error);
  if (account == NULL || !check_usable (account, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  call = g_new0 (TokenCall, 1);
  call->manager = g_object_ref (self);
  call->account = g_steal_pointer (&account);
  call->force = force_refresh;
  g_task_set_task_data (task, call, (GDestroyNotify)token_call_free);
  _co_account_tokens_load_async (co_account_get_platform (call->account),
                                 co_account_get_remote_id (call->account),
                                 _co_account_manager_now (self), cancellable, loaded_cb,
                                 g_object_ref (task));
}

/**
 * co_account_manager_get_token_finish:
 * @self: a #CoAccountManager
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the token; or %NULL with
 *   %CO_ACCOUNT_ERROR_NOT_FOUND, %CO_ACCOUNT_ERROR_NOT_CONNECTED,
 *   %CO_SYNC_ERROR_AUTH (connect it again: the account is now marked so),
 *   %CO_SYNC_ERROR_KEYRING, or a network error from a renewal the token needed
 */
CoToken *
co_account_manager_get_token_finish (CoAccountManager  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
