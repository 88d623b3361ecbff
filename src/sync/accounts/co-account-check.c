/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-accounts"

#include "config.h"

#include "co-account-manager-private.h"
#include "co-error.h"
#include "co-sync-error.h"

/*
 * Checking an account: a token that works (renewed if it is about to expire),
 * shown to the platform, which must accept it.  A refusal gets one forced
 * renewal before the account is marked "reconnect needed"; a failure on the
 * way changes nothing.
 */

typedef struct
{
  CoAccount *account;
  gboolean   forced;
} Check;

static void
check_free (Check *check)
{
  g_clear_object (&check->account);
  g_free (check);
}

static void token_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data);

static void
return_checked (GTask *task)
{
  CoAccountManager *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  gint64 id = co_account_get_id (check->account);
  GError *error = NULL;
  CoAccount *account;

  _co_account_manager_mark (self, id, CO_ACCOUNT_CONNECTED, TRUE);
  account = co_account_book_get (co_account_manager_get_book (self), id, &error);
  if (account == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, account, g_object_unref);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoAccountManager *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  g_autofree char *remote_id = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;

  if (co_account_profiler_fetch_finish (CO_ACCOUNT_PROFILER (object), result, &remote_id, &name,
                                        &error))
    {
      return_checked (task);
      return;
    }
  if (g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH) && !check->forced)
    {
      g_clear_error (&error);
      check->forced = TRUE;
      co_account_manager_get_token_async (self, co_account_get_id (check->account), TRUE,
                                          g_task_get_cancellable (task), token_cb,
                                          g_object_ref (task));
      return;
    }
  if (g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH))
    _co_account_manager_mark (self, co_account_get_id (check->account), CO_ACCOUNT_RECONNECT,
                              FALSE);
  g_task_return_error (task, error);
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoAccountManager *self = CO_ACCOUNT_MANAGER (object);
  Check *check = g_task_get_task_data (task);
  g_autoptr(CoAccountProfiler) profiler = NULL;
  g_autoptr(CoToken) token = NULL;
  GError *error = NULL;

  token = co_account_manager_get_token_finish (self, result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  profiler = co_account_manager_dup_profiler (self, co_account_get_platform (check->account));
  if (profiler == NULL)
    {
      /* A token that is there and in date is all that can be checked. */
      return_checked (task);
      return;
    }
  co_account_profiler_fetch_async (profiler, token->access_token, g_task_get_cancellable (task),
                                   fetched_cb, g_object_ref (task));
}

/**
 * co_account_manager_check_async:
 * @self: a #CoAccountManager
 * @account_id: the account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Checks that the platform accepts the account's token, renewing it when needed,
 * and records the answer in the account's state.
 */
void
co_account_manager_check_async (CoAccountManager    *self,
                                gint64               account_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Check *check;

  g_return_if_fail (CO_IS_ACCOUNT_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_account_manager_check_async);
  check = g_new0 (Check, 1);
  g_task_set_task_data (task, check, (GDestroyNotify)check_free);
  check->account = co_account_book_get (co_account_manager_get_book (self), account_id, &error);
  if (check->account == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  co_account_manager_get_token_async (self, account_id, FALSE, cancellable, token_cb,
                                      g_object_ref (task));
}

/**
 * co_account_manager_check_finish:
 * @self: a #CoAccountManager
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account as it stands after the check;
 *   or %NULL with %CO_SYNC_ERROR_AUTH (it is now marked "reconnect needed"),
 *   %CO_ACCOUNT_ERROR_NOT_CONNECTED, or a network error (its state unchanged)
 */
CoAccount *
co_account_manager_check_finish (CoAccountManager  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
