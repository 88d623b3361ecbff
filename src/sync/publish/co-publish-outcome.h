/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "co-outbox.h"
#include "co-platform.h"

G_BEGIN_DECLS

/**
 * CoPublishStatus:
 * @CO_PUBLISH_DONE: the platform has the post; its id and address are known
 * @CO_PUBLISH_WAITING: queued in the outbox, not sent yet (offline, waiting for
 *   a retry, or for the post before it in a thread)
 * @CO_PUBLISH_FAILED: it was refused, or failed for good: the error says why,
 *   and publishing the draft to the platform again retries it
 */
typedef enum
{
  CO_PUBLISH_DONE,
  CO_PUBLISH_WAITING,
  CO_PUBLISH_FAILED,
} CoPublishStatus;

/**
 * CoPublishOutcome:
 * @platform: the platform
 * @status: where the post is
 * @operation_id: the outbox operation whose result is the post, or 0 when it
 *   was refused before anything was queued
 * @post_id: (nullable): the platform's id of the post, when done
 * @post_url: (nullable): its address, when done
 * @error: (nullable): why it failed, when failed
 *
 * One platform's line of a publishing summary.
 */
typedef struct
{
  CoPlatform       platform;
  CoPublishStatus  status;
  gint64           operation_id;
  char            *post_id;
  char            *post_url;
  GError          *error;
} CoPublishOutcome;

const char       *co_publish_status_to_string (CoPublishStatus    status);
CoPublishOutcome *co_publish_outcome_new      (CoPlatform         platform);
CoPublishOutcome *co_publish_outcome_failed   (CoPlatform         platform,
                                               const GError      *error);
void              co_publish_outcome_free     (CoPublishOutcome  *outcome);
gboolean          co_publish_outcome_read     (CoPublishOutcome  *outcome,
                                               CoOutbox          *outbox,
                                               GError           **error);
JsonNode         *co_publish_outcome_to_json  (CoPublishOutcome  *outcome);
void              co_publish_error_add_json   (JsonBuilder       *builder,
                                               const GError      *error);
GPtrArray        *co_publish_chain_failed     (CoOutbox          *outbox,
                                               gint64             last_id,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoPublishOutcome, co_publish_outcome_free)

G_END_DECLS
