/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "co-error.h"
#include "co-sync-error.h"
#include "co-outbox-sender.h"
#include "co-sync-wait.h"

/*
 * The sender: one pass over what the outbox has due, a few operations at once.
 * It holds the library's sender lock for the pass, so that only one process
 * sends; first it turns what a dead sender left half-sent into unsure
 * operations.  Each operation is claimed (committed) before its request
 * leaves; an unsure one is looked up on the server before it is sent again;
 * every outcome is committed before the next claim.  So a crash at any moment
 * loses nothing and sends nothing twice.
 */

struct _CoOutboxSender
{
  GObject     parent_instance;

  CoOutbox   *outbox;
  CoClock    *clock;
  GHashTable *handlers;   /* kind -> CoOutboxHandler */
  GStrv       kinds;
  guint       parallel;
  GMutex      mutex;
  GRand      *rand;
};

G_DEFINE_FINAL_TYPE (CoOutboxSender, co_outbox_sender, G_TYPE_OBJECT)

typedef struct
{
  CoOutboxLock    *lock;
  CoProgressFunc   progress;
  gpointer         progress_data;
  guint            active;
  guint            finished;
  guint            total;
  gboolean         stopping;
  GError          *error;
  CoOutboxSummary  summary;
} Pass;

typedef struct
{
  GTask             *task;     /* the pass */
  CoOutboxOperation *operation;
  CoOutboxHandler   *handler;
} Delivery;

static void pump (GTask *task);

static void
pass_free (Pass *pass)
{
  g_clear_pointer (&pass->lock, co_outbox_lock_free);
  g_clear_error (&pass->error);
  g_free (pass);
}

static void
delivery_free (Delivery *delivery)
{
  g_object_unref (delivery->task);
  g_object_unref (delivery->operation);
  g_object_unref (delivery->handler);
  g_free (delivery);
}

static gint64
backoff_until (CoOutboxSender *self,
               int             attempts,
               gint64          now)
{
  gint64 ceiling = CO_OUTBOX_BACKOFF_BASE << MIN (MAX (attempts, 1) - 1, 20);
  double random;

  g_mutex_lock (&self->mutex);
  random = g_rand_double (self->rand);
  g_mutex_unlock (&self->mutex);
  return now + (gint64)floor ((double)MIN (ceiling, CO_OUTBOX_BACKOFF_MAX) * random);
}

static void
report_progress (GTask *task)
{
  Pass *pass = g_task_get_task_data (task);
  guint total = MAX (pass->total, pass->finished + pass->active);
  g_autofree char *message = NULL;

  if (pass->progress == NULL)
    return;
  message = g_strdup_printf (_("Sent %u of %u operations from the outbox"), pass->finished,
                             total);
  pass->progress (total > 0 ? (double)pass->finished / total : 1.0, message,
                  pass->progress_data);
}

/* An operation's end: counts it, stops the pass on a database error, and goes on. */
static void
delivery_done (Delivery *delivery,
               GError   *store_error)
{
  GTask *task = g_object_ref (delivery->task);
  Pass *pass = g_task_get_task_data (task);

  if (store_error != NULL)
    {
      pass->stopping = TRUE;
      if (pass->error == NULL)
        pass->error = g_steal_pointer (&store_error);
      g_clear_error (&store_error);
    }
  pass->active--;
  pass->finished++;
  delivery_free (delivery);
  report_progress (task);
  pump (task);
  g_object_unref (task);
}

static void
record_success (Delivery       *delivery,
                CoOutboxResult *result,
                gboolean        found)
{
  CoOutboxSender *self = g_task_get_source_object (delivery->task);
  Pass *pass = g_task_get_task_data (delivery->task);
  GError *error = NULL;

  if (co_outbox_complete (self->outbox, co_outbox_operation_get_id (delivery->operation),
                          result->remote_id, result->remote_url, result->json, found,
                          co_clock_now (self->clock), &error))
    {
      if (found)
        pass->summary.found++;
      else
        pass->summary.sent++;
    }
  delivery_done (delivery, error);
}

/* A request that left without an answer, or was cut short on its way, may have
 * done its work: the operation is looked up before it is sent again. */
static gboolean
may_have_arrived (const GError *why,
                  gboolean      in_lookup)
{
  return !in_lookup && (g_error_matches (why, CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN) ||
                        co_error_is_cancelled (why));
}

static void
record_failure (Delivery     *delivery,
                const GError *why,
                gboolean      in_lookup,
                gint64        server_retry_at)
{
  CoOutboxSender *self = g_task_get_source_object (delivery->task);
  Pass *pass = g_task_get_task_data (delivery->task);
  gint64 now = co_clock_now (self->clock);
  int attempts = co_outbox_operation_get_attempts (delivery->operation);
  gint64 retry_at = MAX (server_retry_at, backoff_until (self, attempts, now));
  CoOutboxState state = CO_OUTBOX_PENDING;
  GError *error = NULL;

  g_debug ("Outbox operation %" G_GINT64_FORMAT " (%s), attempt %d: %s",
           co_outbox_operation_get_id (delivery->operation),
           co_outbox_operation_get_kind (delivery->operation), attempts, why->message);
  if (co_error_is_cancelled (why))
    pass->stopping = TRUE;
  if (co_outbox_fail (self->outbox, co_outbox_operation_get_id (delivery->operation), why,
                      in_lookup, may_have_arrived (why, in_lookup), retry_at, now, &state,
                      &error))
    {
      if (state == CO_OUTBOX_FAILED)
        pass->summary.failed++;
      else
        pass->summary.waiting++;
    }
  delivery_done (delivery, error);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Delivery *delivery = user_data;
  g_autoptr(CoOutboxResult) sent = NULL;
  g_autoptr(GError) error = NULL;
  gint64 retry_at = 0;

  sent = co_outbox_handler_send_finish (CO_OUTBOX_HANDLER (object), result, &retry_at, &error);
  if (sent == NULL)
    record_failure (delivery, error, FALSE, retry_at);
  else
    record_success (delivery, sent, FALSE);
}

static void
send (Delivery *delivery)
{
  CoOutboxSender *self = g_task_get_source_object (delivery->task);

  co_outbox_handler_send_async (delivery->handler, self->outbox, delivery->operation,
                                g_task_get_cancellable (delivery->task), sent_cb, delivery);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Delivery *delivery = user_data;
  CoOutboxSender *self = g_task_get_source_object (delivery->task);
  g_autoptr(CoOutboxResult) found = NULL;
  g_autoptr(GError) error = NULL;
  GError *store_error = NULL;

  found = co_outbox_handler_lookup_finish (CO_OUTBOX_HANDLER (object), result, &error);
  if (found != NULL)
    record_success (delivery, found, TRUE);
  else if (error != NULL)
    record_failure (delivery, error, TRUE, 0);
  else if (!co_outbox_note_not_found (self->outbox,
                                      co_outbox_operation_get_id (delivery->operation),
                                      &store_error))
    delivery_done (delivery, store_error);
  else
    send (delivery);
}

static void
deliver (GTask             *task,
         CoOutboxOperation *operation)
{
  CoOutboxSender *self = g_task_get_source_object (task);
  Delivery *delivery = g_new0 (Delivery, 1);

  delivery->task = g_object_ref (task);
  delivery->operation = operation;
  delivery->handler = g_object_ref (g_hash_table_lookup (self->handlers,
                                                         co_outbox_operation_get_kind (operation)));
  /* Without a look-up, the handler's idempotency key makes sending again safe. */
  if (co_outbox_operation_get_unsure (operation) &&
      co_outbox_handler_can_look_up (delivery->handler))
    co_outbox_handler_lookup_async (delivery->handler, self->outbox, operation,
                                    g_task_get_cancellable (task), looked_up_cb, delivery);
  else
    send (delivery);
}

static void
finish_pass (GTask *task)
{
  Pass *pass = g_task_get_task_data (task);

  if (pass->error != NULL)
    g_task_return_error (task, g_steal_pointer (&pass->error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/* Claims due operations until enough are on their way; ends the pass when
 * nothing is left to claim and nothing is on its way. */
static void
pump (GTask *task)
{
  CoOutboxSender *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);

  while (!pass->stopping && pass->active < self->parallel &&
         !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      GError *error = NULL;
      CoOutboxOperation *operation = co_outbox_claim (self->outbox, pass->lock,
                                                      (const char * const *)self->kinds,
                                                      co_clock_now (self->clock), &error);

      if (operation == NULL)
        {
          if (error != NULL)
            {
              pass->stopping = TRUE;
              pass->error = error;
            }
          break;
        }
      pass->active++;
      deliver (task, operation);
    }
  if (pass->active == 0)
    finish_pass (task);
}

static void
co_outbox_sender_finalize (GObject *object)
{
  CoOutboxSender *self = (CoOutboxSender *)object;

  g_clear_object (&self->outbox);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->handlers, g_hash_table_unref);
  g_clear_pointer (&self->kinds, g_strfreev);
  g_clear_pointer (&self->rand, g_rand_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (co_outbox_sender_parent_class)->finalize (object);
}

static void
co_outbox_sender_class_init (CoOutboxSenderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_outbox_sender_finalize;
}

static void
co_outbox_sender_init (CoOutboxSender *self)
{
  g_mutex_init (&self->mutex);
  self->rand = g_rand_new ();
  self->parallel = CO_OUTBOX_DEFAULT_PARALLEL;
  self->handlers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->kinds = g_new0 (char *, 1);
}

/**
 * co_outbox_sender_new:
 * @outbox: the outbox
 * @clock: (nullable): where time comes from; %NULL for the system's clock
 *
 * Returns: (transfer full): a sender, with no handlers yet
 */
CoOutboxSender *
co_outbox_sender_new (CoOutbox *outbox,
                      CoClock  *clock)
{
  CoOutboxSender *self;

  g_return_val_if_fail (CO_IS_OUTBOX (outbox), NULL);

  self = g_object_new (CO_TYPE_OUTBOX_SENDER, NULL);
  self->outbox = g_object_ref (outbox);
  self->clock = g_object_ref (clock != NULL ? clock : co_clock_get_system ());
  return self;
}

/**
 * co_outbox_sender_add_handler:
 * @self: a #CoOutboxSender
 * @handler: sends the operations of its kinds
 *
 * Operations of kinds no handler sends stay queued.
 */
void
co_outbox_sender_add_handler (CoOutboxSender  *self,
                              CoOutboxHandler *handler)
{
  const char * const *kinds;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (CO_IS_OUTBOX_SENDER (self));
  g_return_if_fail (CO_IS_OUTBOX_HANDLER (handler));

  kinds = co_outbox_handler_get_kinds (handler);
  for (guint i = 0; kinds[i] != NULL; i++)
    g_hash_table_replace (self->handlers, g_strdup (kinds[i]), g_object_ref (handler));
  g_strv_builder_addv (builder, (const char **)self->kinds);
  g_strv_builder_addv (builder, (const char **)kinds);
  g_strfreev (self->kinds);
  self->kinds = g_strv_builder_end (builder);
}

/**
 * co_outbox_sender_set_parallel:
 * @self: a #CoOutboxSender
 * @parallel: how many operations may be on their way at once (at least 1)
 */
void
co_outbox_sender_set_parallel (CoOutboxSender *self,
                               guint           parallel)
{
  g_return_if_fail (CO_IS_OUTBOX_SENDER (self));
  self->parallel = MAX (parallel, 1u);
}

/**
 * co_outbox_sender_set_seed:
 * @self: a #CoOutboxSender
 * @seed: a seed for the back-off's random numbers, so that a test can replay them
 */
void
co_outbox_sender_set_seed (CoOutboxSender *self,
                           guint32         seed)
{
  g_return_if_fail (CO_IS_OUTBOX_SENDER (self));

  g_mutex_lock (&self->mutex);
  g_rand_set_seed (self->rand, seed);
  g_mutex_unlock (&self->mutex);
}

/**
 * co_outbox_sender_next_due:
 * @self: a #CoOutboxSender
 *
 * Returns: when the next operation it can send is due (µs since 1970, UTC; maybe
 *   already past), or -1 when none is pending
 */
gint64
co_outbox_sender_next_due (CoOutboxSender *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_SENDER (self), -1);
  return co_outbox_next_due (self->outbox, (const char * const *)self->kinds);
}

/**
 * co_outbox_sender_send_due_async:
 * @self: a #CoOutboxSender
 * @progress: (nullable): told how far the pass is
 * @progress_data: passed to @progress
 * @cancellable: (nullable): stops the pass; operations on their way are then
 *   recorded as interrupted, to be looked up next time
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Sends every operation due now, those that come due while it runs included.
 */
void
co_outbox_sender_send_due_async (CoOutboxSender      *self,
                                 CoProgressFunc       progress,
                                 gpointer             progress_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Pass *pass;
  gint64 now;

  g_return_if_fail (CO_IS_OUTBOX_SENDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_outbox_sender_send_due_async);
  pass = g_new0 (Pass, 1);
  pass->progress = progress;
  pass->progress_data = progress_data;
  g_task_set_task_data (task, pass, (GDestroyNotify)pass_free);
  now = co_clock_now (self->clock);
  pass->lock = co_outbox_lock (self->outbox, &error);
  if (pass->lock == NULL ||
      (co_outbox_recover (self->outbox, pass->lock, now, &error) == 0 && error != NULL))
    {
      g_task_return_error (task, error);
      return;
    }
  pass->total = co_outbox_count_due (self->outbox, (const char * const *)self->kinds, now);
  report_progress (task);
  pump (task);
}

/**
 * co_outbox_sender_send_due_finish:
 * @self: a #CoOutboxSender
 * @result: the result
 * @out_summary: (out caller-allocates) (optional): what the pass did
 * @error: return location for a #GError
 *
 * Failed operations are not an error of the pass: they are in @out_summary and
 * in the outbox, with their errors.
 *
 * Returns: %TRUE when the pass ran to its end; %FALSE with
 *   %CO_OUTBOX_ERROR_BUSY (another process sends), a %CO_STORE_ERROR, or
 *   %G_IO_ERROR_CANCELLED
 */
gboolean
co_outbox_sender_send_due_finish (CoOutboxSender   *self,
                                  GAsyncResult     *result,
                                  CoOutboxSummary  *out_summary,
                                  GError          **error)
{
  Pass *pass;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  pass = g_task_get_task_data (G_TASK (result));
  if (out_summary != NULL)
    *out_summary = pass->summary;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * co_outbox_sender_send_due_sync:
 * @self: a #CoOutboxSender
 * @progress: (nullable): told how far the pass is, on this thread
 * @progress_data: passed to @progress
 * @cancellable: (nullable): a #GCancellable
 * @out_summary: (out caller-allocates) (optional): what the pass did
 * @error: return location for a #GError
 *
 * co_outbox_sender_send_due_async() for a worker thread (a #CoJob, the CLI): it
 * runs on a private main context, with the program's one HTTP session.
 *
 * Returns: as co_outbox_sender_send_due_finish()
 */
gboolean
co_outbox_sender_send_due_sync (CoOutboxSender   *self,
                                CoProgressFunc    progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                CoOutboxSummary  *out_summary,
                                GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CoSyncWait wait;

  g_return_val_if_fail (CO_IS_OUTBOX_SENDER (self), FALSE);

  co_sync_wait_begin (&wait);
  co_outbox_sender_send_due_async (self, progress, progress_data, cancellable, co_sync_wait_cb,
                                   &wait);
  result = co_sync_wait_end (&wait);
  return co_outbox_sender_send_due_finish (self, result, out_summary, error);
}
