/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-couch.h"
#include "co-mirror.h"
#include "co-progress.h"

G_BEGIN_DECLS

/* The library's setting that keeps when its last sync ended (µs, UTC). */
#define CO_MIRROR_LAST_SYNC_KEY "mirror-last-sync"

/* Documents asked for, sent and checked per request. */
#define CO_MIRROR_SYNC_BATCH 500

/**
 * CoMirrorSyncReport:
 * @pulled: revisions from the server written into the library
 * @pushed: documents sent to the server
 * @conflicts: conflicts resolved (each leaves a conflict copy)
 * @waiting: received documents still waiting for a record they refer to
 * @requests: requests sent to the server
 *
 * What one sync did.
 */
typedef struct
{
  guint pulled;
  guint pushed;
  guint conflicts;
  guint waiting;
  guint requests;
} CoMirrorSyncReport;

gboolean co_mirror_sync_once        (CoMirror            *mirror,
                                     CoCouch             *couch,
                                     CoProgressFunc       progress,
                                     gpointer             progress_data,
                                     CoMirrorSyncReport  *out_report,
                                     GCancellable        *cancellable,
                                     GError             **error);
void     co_mirror_sync_async       (CoMirror            *mirror,
                                     CoCouch             *couch,
                                     CoProgressFunc       progress,
                                     gpointer             progress_data,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean co_mirror_sync_finish      (CoMirror            *mirror,
                                     GAsyncResult        *result,
                                     CoMirrorSyncReport  *out_report,
                                     GError             **error);
gboolean co_mirror_sync_wait_remote (CoMirror            *mirror,
                                     CoCouch             *couch,
                                     gint64               timeout_ms,
                                     GCancellable        *cancellable,
                                     GError             **error);
void     co_mirror_sync_wait_remote_async  (CoMirror            *mirror,
                                           CoCouch             *couch,
                                           gint64               timeout_ms,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean co_mirror_sync_wait_remote_finish (CoMirror            *mirror,
                                           GAsyncResult        *result,
                                           gboolean            *out_changed,
                                           GError             **error);
char    *co_mirror_sync_dup_push_since (CoMirror         *mirror,
                                        CoCouch          *couch,
                                        gint64           *out_since);

G_END_DECLS
