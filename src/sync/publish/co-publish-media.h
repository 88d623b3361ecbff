/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-outbox.h"
#include "co-publish-post.h"

G_BEGIN_DECLS

/*
 * What the platform clients check of a post's files before they queue
 * anything, and how they queue a chain of operations: each after the one
 * before it, all discarded again when one cannot be queued.
 */

gboolean           co_publish_media_is_image     (const CoPublishMedia  *media);
gboolean           co_publish_media_is_video     (const CoPublishMedia  *media);
const char        *co_publish_media_get_name     (const CoPublishMedia  *media);
gboolean           co_publish_media_check_file   (CoPlatform             platform,
                                                  const CoPublishMedia  *media,
                                                  gint64                 max_bytes,
                                                  GError               **error);
gboolean           co_publish_media_check_length (CoPlatform             platform,
                                                  const CoPublishMedia  *media,
                                                  double                 min_seconds,
                                                  double                 max_seconds,
                                                  GError               **error);
gboolean           co_publish_media_check_aspect (CoPlatform             platform,
                                                  const CoPublishMedia  *media,
                                                  double                 min_ratio,
                                                  double                 max_ratio,
                                                  GError               **error);
GBytes            *co_publish_media_read_range   (const char            *path,
                                                  gint64                 first,
                                                  gint64                 last,
                                                  GError               **error);
char              *co_publish_media_to_payload   (const CoPublishMedia  *media,
                                                  const char            *first_member,
                                                  ...);

/* A chain of operations being queued for one post. */
typedef struct
{
  CoOutbox  *outbox;
  GArray    *ids;
  gint64     account_id;
  gint64     not_before;
  gint64     now;
} CoPublishChain;

void               co_publish_chain_init         (CoPublishChain        *chain,
                                                  CoOutbox              *outbox,
                                                  const CoPublishPost   *post);
CoOutboxOperation *co_publish_chain_add          (CoPublishChain        *chain,
                                                  const char            *kind,
                                                  const char            *payload,
                                                  const char            *marker,
                                                  GError               **error);
void               co_publish_chain_abandon      (CoPublishChain        *chain);
void               co_publish_chain_clear        (CoPublishChain        *chain);

G_END_DECLS
