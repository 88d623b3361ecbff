/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CoSyncWait:
 * @context: the private main context the asynchronous call runs on
 * @result: its result, once it came
 *
 * How a worker thread makes an asynchronous call of this layer and waits for it:
 * the call runs on a private main context, pushed as the thread's default, so it
 * never touches the main thread's context and shares the one HTTP session.
 *
 * |[<!-- language="C" -->
 * CoSyncWait wait;
 *
 * co_sync_wait_begin (&wait);
 * foo_async (…, co_sync_wait_cb, &wait);
 * g_autoptr(GAsyncResult) result = co_sync_wait_end (&wait);
 * return foo_finish (result, error);
 * ]|
 */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} CoSyncWait;

void          co_sync_wait_begin (CoSyncWait   *wait);
void          co_sync_wait_cb    (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      wait);
GAsyncResult *co_sync_wait_end   (CoSyncWait   *wait);

G_END_DECLS
