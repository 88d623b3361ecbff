/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-accounts"

#include "config.h"

#include "co-account-profiler.h"

G_DEFINE_INTERFACE (CoAccountProfiler, co_account_profiler, G_TYPE_OBJECT)

static void
co_account_profiler_default_init (CoAccountProfilerInterface *iface)
{
}

/**
 * co_account_profiler_fetch_async:
 * @self: a #CoAccountProfiler
 * @access_token: the account's access token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Asks the platform who the account is.
 */
void
co_account_profiler_fetch_async (CoAccountProfiler   *self,
                                 const char          *access_token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CO_IS_ACCOUNT_PROFILER (self));
  g_return_if_fail (access_token != NULL);

  CO_ACCOUNT_PROFILER_GET_IFACE (self)->fetch_async (self, access_token, cancellable, callback,
                                                     user_data);
}

/**
 * co_account_profiler_fetch_finish:
 * @self: a #CoAccountProfiler
 * @result: the result
 * @out_remote_id: (out) (transfer full): the account's id on the platform
 * @out_display_name: (out) (transfer full): the name people know it by
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %FALSE with %CO_SYNC_ERROR_AUTH when the platform
 *   refused the token, or another error
 */
gboolean
co_account_profiler_fetch_finish (CoAccountProfiler  *self,
                                  GAsyncResult       *result,
                                  char              **out_remote_id,
                                  char              **out_display_name,
                                  GError            **error)
{
  g_return_val_if_fail (CO_IS_ACCOUNT_PROFILER (self), FALSE);

  return CO_ACCOUNT_PROFILER_GET_IFACE (self)->fetch_finish (self, result, out_remote_id,
                                                             out_display_name, error);
}
