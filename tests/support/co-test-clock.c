/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-clock.h"

struct _CoTestClock
{
  CoClock   parent_instance;

  GMutex    mutex;
  gint64    now;
  gboolean  auto_advance;
  GList    *pending;   /* Pending */
  GArray   *log;       /* CoTestSleep */
};

G_DEFINE_FINAL_TYPE (CoTestClock, co_test_clock, CO_TYPE_CLOCK)

typedef struct
{
  CoTestClock  *clock;
  GTask        *task;
  CoClockSleep  kind;
  gint64        deadline;
  GCancellable *cancellable;
  gulong        handler;
  gboolean      done;
} Pending;

/* Called with the mutex held: takes @pending off the list, to be finished. */
static void
unlink_locked (CoTestClock *self,
               Pending     *pending)
{
  self->pending = g_list_remove (self->pending, pending);
  pending->done = TRUE;
}

/* Ends a sleep cancelled by its cancellable; a sleep that already ended is left to
 * the code that ended it. */
static void
cancelled_cb (GCancellable *cancellable,
              Pending      *pending)
{
  CoTestClock *self = pending->clock;
  gboolean finish;

  g_mutex_lock (&self->mutex);
  finish = !pending->done;
  if (finish)
    unlink_locked (self, pending);
  g_mutex_unlock (&self->mutex);
  if (!finish)
    return;
  g_task_return_new_error (pending->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Sleep cancelled");
  g_object_unref (pending->task);
  /* The emission holds its own reference; the handler never runs again. */
  g_clear_object (&pending->cancellable);
  g_free (pending);
}

static GList *
take_due_locked (CoTestClock *self,
                 gboolean     deadlines_too)
{
  GList *due = NULL;

  for (GList *l = self->pending; l != NULL;)
    {
      Pending *pending = l->data;

      l = l->next;
      if (pending->deadline <= self->now &&
          (deadlines_too || pending->kind == CO_CLOCK_DELAY))
        {
          unlink_locked (self, pending);
          due = g_list_prepend (due, pending);
        }
    }
  return g_list_reverse (due);
}

static void
finish_all (GList *due)
{
  for (GList *l = due; l != NULL; l = l->next)
    {
      Pending *pending = l->data;

      if (pending->handler != 0)
        g_cancellable_disconnect (pending->cancellable, pending->handler);
      g_clear_object (&pending->cancellable);
      g_task_return_boolean (pending->task, TRUE);
      g_object_unref (pending->task);
      g_free (pending);
    }
  g_list_free (due);
}

static gint64
co_test_clock_now (CoClock *clock)
{
  CoTestClock *self = CO_TEST_CLOCK (clock);
  gint64 now;

  g_mutex_lock (&self->mutex);
  now = self->now;
  g_mutex_unlock (&self->mutex);
  return now;
}

static void
co_test_clock_sleep_async (CoClock             *clock,
                           gint64               usec,
                           CoClockSleep         kind,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  CoTestClock *self = CO_TEST_CLOCK (clock);
  Pending *pending = g_new0 (Pending, 1);
  CoTestSleep entry = { kind, usec, 0 };
  GList *due = NULL;

  pending->clock = self;
  pending->task = g_task_new (self, NULL, callback, user_data);
  pending->kind = kind;
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    {
      cancelled_cb (cancellable, pending);
      return;
    }
  if (cancellable != NULL)
    {
      pending->cancellable = g_object_ref (cancellable);
      pending->handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), pending,
                                                NULL);
    }
  g_mutex_lock (&self->mutex);
  entry.at = self->now;
  g_array_append_val (self->log, entry);
  pending->deadline = self->now + MAX (usec, 0);
  if (kind == CO_CLOCK_DELAY && self->auto_advance)
    self->now = MAX (self->now, pending->deadline);
  self->pending = g_list_append (self->pending, pending);
  due = take_due_locked (self, FALSE);
  g_mutex_unlock (&self->mutex);
  finish_all (due);
}

static gboolean
co_test_clock_sleep_finish (CoClock       *clock,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
co_test_clock_finalize (GObject *object)
{
  CoTestClock *self = (CoTestClock *)object;

  g_assert (self->pending == NULL);
  g_clear_pointer (&self->log, g_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (co_test_clock_parent_class)->finalize (object);
}

static void
co_test_clock_class_init (CoTestClockClass *klass)
{
  CoClockClass *clock_class = CO_CLOCK_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = co_test_clock_finalize;
  clock_class->now = co_test_clock_now;
  clock_class->sleep_async = co_test_clock_sleep_async;
  clock_class->sleep_finish = co_test_clock_sleep_finish;
}

static void
co_test_clock_init (CoTestClock *self)
{
  g_mutex_init (&self->mutex);
  self->log = g_array_new (FALSE, FALSE, sizeof (CoTestSleep));
}

/**
 * co_test_clock_new:
 * @start: the time it shows (µs since 1970, UTC)
 *
 * Returns: (transfer full): a clock that stands still
 */
CoTestClock *
co_test_clock_new (gint64 start)
{
  CoTestClock *self = g_object_new (CO_TYPE_TEST_CLOCK, NULL);

  self->now = start;
  return self;
}

/* Lets the program's delays pass at once (see the top of the header). */
void
co_test_clock_set_auto_advance (CoTestClock *self,
                                gboolean     auto_advance)
{
  GList *due;

  g_mutex_lock (&self->mutex);
  self->auto_advance = auto_advance;
  for (GList *l = self->pending; auto_advance && l != NULL; l = l->next)
    if (((Pending *)l->data)->kind == CO_CLOCK_DELAY)
      self->now = MAX (self->now, ((Pending *)l->data)->deadline);
  due = take_due_locked (self, FALSE);
  g_mutex_unlock (&self->mutex);
  finish_all (due);
}

/* Moves time forward and ends every sleep, delay or deadline, that it passes. */
void
co_test_clock_advance (CoTestClock *self,
                       gint64       usec)
{
  GList *due;

  g_mutex_lock (&self->mutex);
  self->now += usec;
  due = take_due_locked (self, TRUE);
  g_mutex_unlock (&self->mutex);
  finish_all (due);
}

/* How many sleeps of @kind are waiting. */
guint
co_test_clock_count_pending (CoTestClock  *self,
                             CoClockSleep  kind)
{
  guint n = 0;

  g_mutex_lock (&self->mutex);
  for (GList *l = self->pending; l != NULL; l = l->next)
    n += ((Pending *)l->data)->kind == kind;
  g_mutex_unlock (&self->mutex);
  return n;
}

/* The sleeps of @kind asked for so far, in order, as CoTestSleep. */
GArray *
co_test_clock_dup_log (CoTestClock  *self,
                       CoClockSleep  kind)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (CoTestSleep));

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->log->len; i++)
    if (g_array_index (self->log, CoTestSleep, i).kind == kind)
      g_array_append_val (copy, g_array_index (self->log, CoTestSleep, i));
  g_mutex_unlock (&self->mutex);
  return copy;
}

void
co_test_clock_clear_log (CoTestClock *self)
{
  g_mutex_lock (&self->mutex);
  g_array_set_size (self->log, 0);
  g_mutex_unlock (&self->mutex);
}
