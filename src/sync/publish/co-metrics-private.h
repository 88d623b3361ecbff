/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-engagement.h"
#include "co-http-client.h"
#include "co-platform.h"
#include "co-service-config.h"

G_BEGIN_DECLS

/*
 * What the metrics puller asks each platform, in co-metrics-routes.c: one
 * route per platform, as its public documentation has it.
 */

/**
 * CoMetricsPost:
 * @post_id: the platform's id of the post
 * @draft_id: the draft it came from
 * @account_id: the account it was posted as
 * @posted_at: when it went out (µs since 1970, UTC)
 * @counts: what the platform answered; @n_posts is 1 once it did
 */
typedef struct
{
  char         *post_id;
  gint64        draft_id;
  gint64        account_id;
  gint64        posted_at;
  CoEngagement  counts;
} CoMetricsPost;

/**
 * CoMetricsRoute:
 * @max_batch: how many posts one request may ask about
 * @build: the request for @n posts (all of one account), without its token
 * @parse: the answer's JSON object, or the platform's error
 * @list: (nullable): the member of the answer that lists the posts, or
 *   %NULL when the answer is the one post's
 * @item: reads one post's object into the counts of the post it names
 */
typedef struct
{
  guint            max_batch;
  CoHttpRequest *(*build) (CoServiceConfig  *config,
                           CoMetricsPost   **posts,
                           guint             n);
  JsonObject    *(*parse) (CoHttpResponse   *response,
                           GError          **error);
  const char      *list;
  void           (*item)  (JsonObject       *item,
                           CoMetricsPost   **posts,
                           guint             n);
} CoMetricsRoute;

const CoMetricsRoute *_co_metrics_route      (CoPlatform             platform);
gboolean              _co_metrics_route_read (const CoMetricsRoute  *route,
                                              CoHttpResponse        *response,
                                              CoMetricsPost        **posts,
                                              guint                  n,
                                              GError               **error);

G_END_DECLS
