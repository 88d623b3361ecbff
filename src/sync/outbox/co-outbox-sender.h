/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-clock.h"
#include "co-outbox-handler.h"
#include "co-progress.h"

G_BEGIN_DECLS

/* Operations sent at once, unless set otherwise. */
#define CO_OUTBOX_DEFAULT_PARALLEL 4
/* The outbox waits this long, doubling per attempt with full jitter, up to an hour,
 * before an operation's next attempt (the HTTP client's quick retries come first). */
#define CO_OUTBOX_BACKOFF_BASE (G_GINT64_CONSTANT (30) * G_USEC_PER_SEC)
#define CO_OUTBOX_BACKOFF_MAX (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

/**
 * CoOutboxSummary:
 * @sent: operations sent and done
 * @found: operations found on the server after an attempt left them unsure
 * @waiting: operations that failed this time and will be tried again
 * @failed: operations that failed for good, kept with their error
 *
 * What one pass over the outbox did.
 */
typedef struct
{
  guint sent;
  guint found;
  guint waiting;
  guint failed;
} CoOutboxSummary;

#define CO_TYPE_OUTBOX_SENDER (co_outbox_sender_get_type ())
G_DECLARE_FINAL_TYPE (CoOutboxSender, co_outbox_sender, CO, OUTBOX_SENDER, GObject)

CoOutboxSender *co_outbox_sender_new             (CoOutbox             *outbox,
                                                  CoClock              *clock);
void            co_outbox_sender_add_handler     (CoOutboxSender       *self,
                                                  CoOutboxHandler      *handler);
void            co_outbox_sender_set_parallel    (CoOutboxSender       *self,
                                                  guint                 parallel);
void            co_outbox_sender_set_seed        (CoOutboxSender       *self,
                                                  guint32               seed);
gint64          co_outbox_sender_next_due        (CoOutboxSender       *self);
void            co_outbox_sender_send_due_async  (CoOutboxSender       *self,
                                                  CoProgressFunc        progress,
                                                  gpointer              progress_data,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        co_outbox_sender_send_due_finish (CoOutboxSender       *self,
                                                  GAsyncResult         *result,
                                                  CoOutboxSummary      *out_summary,
                                                  GError              **error);
gboolean        co_outbox_sender_send_due_sync   (CoOutboxSender       *self,
                                                  CoProgressFunc        progress,
                                                  gpointer              progress_data,
                                                  GCancellable         *cancellable,
                                                  CoOutboxSummary      *out_summary,
                                                  GError              **error);

G_END_DECLS
