/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CO_TYPE_ACCOUNT_PROFILER (co_account_profiler_get_type ())
G_DECLARE_INTERFACE (CoAccountProfiler, co_account_profiler, CO, ACCOUNT_PROFILER, GObject)

/**
 * CoAccountProfilerInterface:
 * @fetch_async: asks the platform who the account holding @access_token is
 * @fetch_finish: gives its id on the platform and the name people know it by
 *
 * Implemented by each platform's client: connecting an account needs to know
 * which account signed in, and checking one asks the platform again.  A
 * refused token is %CO_SYNC_ERROR_AUTH.
 */
struct _CoAccountProfilerInterface
{
  GTypeInterface parent_iface;

  void     (*fetch_async)  (CoAccountProfiler    *self,
                            const char           *access_token,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*fetch_finish) (CoAccountProfiler    *self,
                            GAsyncResult         *result,
                            char                **out_remote_id,
                            char                **out_display_name,
                            GError              **error);
};

void     co_account_profiler_fetch_async  (CoAccountProfiler    *self,
                                           const char           *access_token,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean co_account_profiler_fetch_finish (CoAccountProfiler    *self,
                                           GAsyncResult         *result,
                                           char                **out_remote_id,
                                           char                **out_display_name,
                                           GError              **error);

G_END_DECLS
