/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CoClockSleep:
 * @CO_CLOCK_DELAY: a wait chosen by the program (a back-off, a rate limit): a test
 *   clock may let it pass at once
 * @CO_CLOCK_DEADLINE: a limit on how long something may take (a request's
 *   timeout): it passes only when time really reaches it
 */
typedef enum
{
  CO_CLOCK_DELAY,
  CO_CLOCK_DEADLINE,
} CoClockSleep;

#define CO_TYPE_CLOCK (co_clock_get_type ())
G_DECLARE_DERIVABLE_TYPE (CoClock, co_clock, CO, CLOCK, GObject)

/**
 * CoClockClass:
 * @now: the time, in µs since 1970, UTC
 * @sleep_async: completes after @usec on the caller's thread-default main context
 * @sleep_finish: %FALSE with %G_IO_ERROR_CANCELLED when cancelled
 *
 * Where the network code takes its time from.  The base class is the system's
 * clock; tests derive a clock they move by hand, so that back-offs, rate limits
 * and timeouts are checked in milliseconds.
 */
struct _CoClockClass
{
  GObjectClass parent_class;

  gint64   (*now)          (CoClock              *self);
  void     (*sleep_async)  (CoClock              *self,
                            gint64                usec,
                            CoClockSleep          kind,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*sleep_finish) (CoClock              *self,
                            GAsyncResult         *result,
                            GError              **error);

  gpointer padding[4];
};

CoClock  *co_clock_get_system   (void);
gint64    co_clock_now          (CoClock              *self);
void      co_clock_sleep_async  (CoClock              *self,
                                 gint64                usec,
                                 CoClockSleep          kind,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean  co_clock_sleep_finish (CoClock              *self,
                                 GAsyncResult         *result,
                                 GError              **error);

G_END_DECLS
