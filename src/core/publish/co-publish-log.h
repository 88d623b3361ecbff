/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-platform.h"
#include "co-store.h"

G_BEGIN_DECLS

/**
 * CoPublishLogEntry:
 * @draft_id: the draft that was sent
 * @account_id: the account it was sent as, or 0
 * @operation_id: the outbox operation whose result is the post
 *
 * One record of the publish log.
 */
typedef struct
{
  gint64 draft_id;
  gint64 account_id;
  gint64 operation_id;
} CoPublishLogEntry;

gboolean co_publish_log_add       (CoStore     *store,
                                   gint64       draft_id,
                                   CoPlatform   platform,
                                   gint64       account_id,
                                   gint64       operation_id,
                                   gint64       now,
                                   GError     **error);
gboolean co_publish_log_find      (CoStore     *store,
                                   gint64       draft_id,
                                   CoPlatform   platform,
                                   gint64      *out_operation_id,
                                   GError     **error);
GArray  *co_publish_log_published (CoStore     *store,
                                   CoPlatform   platform,
                                   GError     **error);

G_END_DECLS
