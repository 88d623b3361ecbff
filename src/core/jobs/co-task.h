/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     co_task_return    (GTask          *task,
                            gpointer        result,
                            GDestroyNotify  destroy,
                            GError         *error);
gpointer co_task_propagate (GAsyncResult   *result,
                            gpointer        source_object,
                            gpointer        source_tag,
                            GError        **error);

/* The work of co_task_run_async(): the blocking call itself, run in a
 * thread.  It returns a non-NULL result or sets @error. */
typedef gpointer (*CoTaskWork) (gpointer       source,
                                gpointer       data,
                                GCancellable  *cancellable,
                                GError       **error);

void     co_task_run_async (gpointer             source,
                            gpointer             source_tag,
                            CoTaskWork           work,
                            gpointer             data,
                            GDestroyNotify       data_free,
                            GDestroyNotify       result_free,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);

G_END_DECLS
