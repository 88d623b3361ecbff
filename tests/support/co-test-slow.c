/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-slow.h"

void
co_test_slow_init (CoTestSlow *self)
{
  self->pending = 0;
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

void
co_test_slow_clear (CoTestSlow *self)
{
  co_test_slow_release (self);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
}

/* Called by a fake after it wrote its answer: pauses it when one is due to be slow. */
void
co_test_slow_hold (CoTestSlow        *self,
                   SoupServerMessage *message)
{
  if (self->pending == 0)
    return;
  self->pending--;
  soup_server_message_pause (message);
  g_ptr_array_add (self->waiting, g_object_ref (message));
}

/* How many answers are held back. */
guint
co_test_slow_count (CoTestSlow *self)
{
  return self->waiting->len;
}

/* Lets every held answer go. */
void
co_test_slow_release (CoTestSlow *self)
{
  for (guint i = 0; i < self->waiting->len; i++)
    soup_server_message_unpause (g_ptr_array_index (self->waiting, i));
  g_ptr_array_set_size (self->waiting, 0);
}
