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

G_END_DECLS
