/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-metrics-puller.h"
#include "co-publisher.h"

G_BEGIN_DECLS

/**
 * CoMissedPolicy:
 * @CO_MISSED_SEND: send them at once, like any due post
 * @CO_MISSED_ASK: list them and send nothing until the user chooses
 * @CO_MISSED_SKIP: send nothing; their drafts go back to Draft for a new time
 *
 * What the scheduler does with posts that came due while no CreatorOps ran
 * (the `missed-posts` setting: "send", "ask", "skip").
 */
typedef enum
{
  CO_MISSED_SEND,
  CO_MISSED_ASK,
  CO_MISSED_SKIP,
} CoMissedPolicy;

/**
 * CoScheduledAction:
 * @CO_SCHEDULED_SENT: handed to the publisher; the outcome says what came of it
 * @CO_SCHEDULED_ASKED: missed while closed, waiting for the user's choice
 * @CO_SCHEDULED_SKIPPED: missed while closed and skipped: its draft is a Draft again
 */
typedef enum
{
  CO_SCHEDULED_SENT,
  CO_SCHEDULED_ASKED,
  CO_SCHEDULED_SKIPPED,
} CoScheduledAction;

/**
 * CoScheduledPost:
 * @draft_id: the draft
 * @platform: the platform
 * @at: its time (µs since 1970, UTC)
 * @missed: it came due while no CreatorOps ran
 * @action: what the scheduler did
 * @outcome: (nullable): the publishing outcome, when sent
 *
 * One due post of a scheduler pass.
 */
typedef struct
{
  gint64             draft_id;
  CoPlatform         platform;
  gint64             at;
  gboolean           missed;
  CoScheduledAction  action;
  CoPublishOutcome  *outcome;
} CoScheduledPost;

void        co_scheduled_post_free          (CoScheduledPost   *post);
const char *co_scheduled_action_to_string   (CoScheduledAction  action);
gboolean    co_missed_policy_from_string    (const char        *name,
                                             CoMissedPolicy    *out_policy);
JsonNode   *co_scheduled_post_to_json       (CoScheduledPost   *post);

#define CO_TYPE_SCHEDULER (co_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (CoScheduler, co_scheduler, CO, SCHEDULER, GObject)

CoScheduler *co_scheduler_new               (CoPublisher       *publisher);
void         co_scheduler_set_missed_policy (CoScheduler       *self,
                                             CoMissedPolicy     policy);
GPtrArray   *co_scheduler_run_once_sync     (CoScheduler       *self,
                                             GCancellable      *cancellable,
                                             GError           **error);
void         co_scheduler_set_metrics_puller (CoScheduler      *self,
                                             CoMetricsPuller   *puller,
                                             gint64             interval);
GPtrArray   *co_scheduler_pull_metrics_sync (CoScheduler       *self,
                                             GCancellable      *cancellable,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoScheduledPost, co_scheduled_post_free)

G_END_DECLS
