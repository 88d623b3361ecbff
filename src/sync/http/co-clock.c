/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-http"

#include "config.h"

#include "co-clock.h"

G_DEFINE_TYPE (CoClock, co_clock, G_TYPE_OBJECT)

/* A sleep on the system clock: a timeout source and, when there is a
 * cancellable, a cancellable source, both on the task's context; whichever
 * fires first ends the task and destroys the other. */
typedef struct
{
  GSource *timeout;
  GSource *cancelled;
} Sleep;

static void
sleep_free (Sleep *sleep)
{
  if (sleep->timeout != NULL)
    g_source_destroy (sleep->timeout);
  if (sleep->cancelled != NULL)
    g_source_destroy (sleep->cancelled);
  g_clear_pointer (&sleep->timeout, g_source_unref);
  g_clear_pointer (&sleep->cancelled, g_source_unref);
  g_free (sleep);
}

static gboolean
timeout_cb (gpointer data)
{
  GTask *task = data;
  Sleep *sleep = g_task_get_task_data (task);

  /* Each source holds the task: the one left must go for the task to end. */
  if (sleep->cancelled != NULL)
    g_source_destroy (sleep->cancelled);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      data)
{
  GTask *task = data;
  Sleep *sleep = g_task_get_task_data (task);

  g_source_destroy (sleep->timeout);
  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static gint64
co_clock_real_now (CoClock *self)
{
  return g_get_real_time ();
}

static void
co_clock_real_sleep_async (CoClock             *self,
                           gint64               usec,
                           CoClockSleep         kind,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Sleep *sleep = g_new0 (Sleep, 1);

  g_task_set_source_tag (task, co_clock_real_sleep_async);
  g_task_set_task_data (task, sleep, (GDestroyNotify)sleep_free);
  /* Milliseconds, rounded up: a sleep never ends early. */
  sleep->timeout = g_timeout_source_new ((guint)MIN ((MAX (usec, 0) + 999) / 1000, G_MAXUINT));
  g_task_attach_source (task, sleep->timeout, timeout_cb);
  if (cancellable != NULL)
    {
      sleep->cancelled = g_cancellable_source_new (cancellable);
      g_task_attach_source (task, sleep->cancelled, G_SOURCE_FUNC (cancelled_cb));
    }
}

static gboolean
co_clock_real_sleep_finish (CoClock       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
co_clock_class_init (CoClockClass *klass)
{
  klass->now = co_clock_real_now;
  klass->sleep_async = co_clock_real_sleep_async;
  klass->sleep_finish = co_clock_real_sleep_finish;
}

static void
co_clock_init (CoClock *self)
{
}

/**
 * co_clock_get_system:
 *
 * Returns: (transfer none): the system's clock, shared by the whole program
 */
CoClock *
co_clock_get_system (void)
{
  static CoClock *system;
  static gsize made;

  if (g_once_init_enter (&made))
    {
      system = g_object_new (CO_TYPE_CLOCK, NULL);
      g_once_init_leave (&made, 1);
    }
  return system;
}

/**
 * co_clock_now:
 * @self: a #CoClock
 *
 * Returns: the time, in µs since 1970, UTC
 */
gint64
co_clock_now (CoClock *self)
{
  g_return_val_if_fail (CO_IS_CLOCK (self), 0);
  return CO_CLOCK_GET_CLASS (self)->now (self);
}

/**
 * co_clock_sleep_async:
 * @self: a #CoClock
 * @usec: how long to wait, in µs (0 or less: at the next main-loop iteration)
 * @kind: a program's own delay or a deadline
 * @cancellable: (nullable): cancels the wait
 * @callback: called on the thread-default main context of the caller
 * @user_data: passed to @callback
 *
 * Waits without blocking the main context.
 */
void
co_clock_sleep_async (CoClock             *self,
                      gint64               usec,
                      CoClockSleep         kind,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (CO_IS_CLOCK (self));
  CO_CLOCK_GET_CLASS (self)->sleep_async (self, usec, kind, cancellable, callback, user_data);
}

/**
 * co_clock_sleep_finish:
 * @self: a #CoClock
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE once the time passed; %FALSE with %G_IO_ERROR_CANCELLED
 */
gboolean
co_clock_sleep_finish (CoClock       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (CO_IS_CLOCK (self), FALSE);
  return CO_CLOCK_GET_CLASS (self)->sleep_finish (self, result, error);
}
