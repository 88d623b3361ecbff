/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include "co-analysis-private.h"

/*
 * Decoded buffers handed from the thread that decodes to the one that
 * analyses, in batches: the producer wakes the consumer only once a batch
 * is ready (or at the end), and the consumer takes everything there is at
 * once, so that neither wakes for every buffer, and neither naps.  The
 * queue is bounded, so a slow consumer holds the producer back instead of
 * letting decoded sound pile up.
 */

struct _CoHandover
{
  GMutex         lock;
  GCond          cond;
  GPtrArray     *items;
  guint          capacity;
  guint          batch;
  gboolean       finished;   /* the producer gives no more */
  gboolean       closed;     /* the consumer takes no more */
  GDestroyNotify free_item;
};

/**
 * _co_handover_new:
 * @capacity: the most items held at once
 * @batch: how many make the consumer worth waking
 * @free_item: frees an item nobody took
 */
CoHandover *
_co_handover_new (guint          capacity,
                  guint          batch,
                  GDestroyNotify free_item)
{
  CoHandover *self = g_new0 (CoHandover, 1);

  g_assert (batch > 0 && batch <= capacity);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->items = g_ptr_array_new_full (capacity, free_item);
  self->capacity = capacity;
  self->batch = batch;
  self->free_item = free_item;
  return self;
}

/**
 * _co_handover_put:
 * @item: (transfer full): what to hand over
 *
 * Waits while the queue is full.
 *
 * Returns: %FALSE, having freed @item, once the consumer takes no more
 */
gboolean
_co_handover_put (CoHandover *self,
                  gpointer    item)
{
  gboolean taken;

  g_mutex_lock (&self->lock);
  while (self->items->len >= self->capacity && !self->closed)
    g_cond_wait (&self->cond, &self->lock);
  taken = !self->closed;
  if (taken)
    g_ptr_array_add (self->items, item);
  if (self->items->len >= self->batch)
    g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  if (!taken)
    self->free_item (item);
  return taken;
}

/**
 * _co_handover_finish:
 *
 * Says that no more items come, waking the consumer.
 */
void
_co_handover_finish (CoHandover *self)
{
  g_mutex_lock (&self->lock);
  self->finished = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/**
 * _co_handover_take:
 * @until: monotonic time after which to give up waiting
 * @finished: (out): set once the producer is done and all is taken
 *
 * Waits until a batch is ready, the producer is done or @until passes.
 *
 * Returns: (transfer full): the items there are, in order (maybe none)
 */
GPtrArray *
_co_handover_take (CoHandover *self,
                   gint64      until,
                   gboolean   *finished)
{
  GPtrArray *taken;

  g_mutex_lock (&self->lock);
  while (self->items->len < self->batch && !self->finished
         && g_cond_wait_until (&self->cond, &self->lock, until))
    ;
  taken = self->items;
  self->items = g_ptr_array_new_full (self->capacity, self->free_item);
  *finished = self->finished;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  return taken;
}

/**
 * _co_handover_close:
 *
 * The consumer takes no more: a waiting producer is let go.
 */
void
_co_handover_close (CoHandover *self)
{
  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
_co_handover_free (CoHandover *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->items);
  g_cond_clear (&self->cond);
  g_mutex_clear (&self->lock);
  g_free (self);
}
