/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-account-book.h"
#include "co-outbox-sender.h"
#include "co-publish-outcome.h"
#include "co-publish-post.h"
#include "co-schedule.h"

G_BEGIN_DECLS

/* A draft published from stage Draft is scheduled this far ahead of now, since
 * its move to Scheduled, a moment later, refuses times that have passed.  Its
 * posts are sent at once all the same. */
#define CO_PUBLISHER_NOW_MARGIN (G_GINT64_CONSTANT (10) * G_USEC_PER_SEC)

#define CO_TYPE_PUBLISHER (co_publisher_get_type ())
G_DECLARE_FINAL_TYPE (CoPublisher, co_publisher, CO, PUBLISHER, GObject)

CoPublishEnqueueFunc co_publisher_get_enqueue   (CoPlatform            platform);
CoPublisher         *co_publisher_new           (CoSchedule           *schedule,
                                                 CoOutbox             *outbox,
                                                 CoOutboxSender       *sender,
                                                 CoAccountBook        *book);
CoSchedule          *co_publisher_get_schedule  (CoPublisher          *self);
GPtrArray           *co_publisher_queue         (CoPublisher          *self,
                                                 gint64                draft_id,
                                                 const CoPlatform     *platforms,
                                                 guint                 n_platforms,
                                                 GError              **error);
gboolean             co_publisher_settle        (CoPublisher          *self,
                                                 gint64                draft_id,
                                                 GPtrArray            *outcomes,
                                                 GError              **error);
void                 co_publisher_publish_async (CoPublisher          *self,
                                                 gint64                draft_id,
                                                 const CoPlatform     *platforms,
                                                 guint                 n_platforms,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray           *co_publisher_publish_finish (CoPublisher         *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
GPtrArray           *co_publisher_publish_sync  (CoPublisher          *self,
                                                 gint64                draft_id,
                                                 const CoPlatform     *platforms,
                                                 guint                 n_platforms,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
gboolean             co_publisher_send_due_sync (CoPublisher          *self,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

G_END_DECLS
