/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "co-account-manager.h"
#include "co-outbox.h"
#include "co-schedule.h"

G_BEGIN_DECLS

/**
 * CoMetricsOutcome:
 * @platform: the platform
 * @n_posts: its published posts
 * @n_pulled: those whose counts were collected and kept
 * @error: (nullable): the first thing that went wrong there, or %NULL
 *
 * What one pull of metrics did on one platform.
 */
typedef struct
{
  CoPlatform  platform;
  guint       n_posts;
  guint       n_pulled;
  GError     *error;
} CoMetricsOutcome;

void      co_metrics_outcome_free    (CoMetricsOutcome       *outcome);
JsonNode *co_metrics_outcome_to_json (const CoMetricsOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoMetricsOutcome, co_metrics_outcome_free)

#define CO_TYPE_METRICS_PULLER (co_metrics_puller_get_type ())
G_DECLARE_FINAL_TYPE (CoMetricsPuller, co_metrics_puller, CO, METRICS_PULLER, GObject)

CoMetricsPuller *co_metrics_puller_new         (CoSchedule           *schedule,
                                                CoOutbox             *outbox,
                                                CoAccountManager     *accounts);
void             co_metrics_puller_pull_async  (CoMetricsPuller      *self,
                                                const CoPlatform     *platforms,
                                                guint                 n_platforms,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray       *co_metrics_puller_pull_finish (CoMetricsPuller      *self,
                                                GAsyncResult         *result,
                                                GError              **error);
GPtrArray       *co_metrics_puller_pull_sync   (CoMetricsPuller      *self,
                                                const CoPlatform     *platforms,
                                                guint                 n_platforms,
                                                GCancellable         *cancellable,
                                                GError              **error);

G_END_DECLS
