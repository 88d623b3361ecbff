/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-progress.h"
#include "co-s3.h"
#include "co-store.h"

G_BEGIN_DECLS

/*
 * The media half of the cloud mirror: the stored files that records refer
 * to, in an S3 bucket under blobs/<sha256>.  A push asks the store which
 * files the bucket is not known to hold, asks the bucket (HEAD) before
 * sending one, and sends a large one in parts that survive an interruption;
 * a fetch brings the files records name that are not here, each checked
 * against its digest before the store keeps it.  Every call blocks.
 */

/* Files larger than this go as multipart uploads, in parts of this size. */
#define CO_MEDIA_MIRROR_PART_SIZE (G_GINT64_CONSTANT (16) * 1024 * 1024)

/**
 * CoMediaMirrorReport:
 * @pushed: files sent to the bucket
 * @present: files the bucket already held (found by a HEAD, not sent)
 * @fetched: files brought from the bucket into the library
 * @bytes_sent: bytes of file content sent
 * @missing: files records name that neither this library nor the bucket has
 *   (not pushed yet by the library that has them)
 *
 * What one push or fetch did.
 */
typedef struct
{
  guint   pushed;
  guint   present;
  guint   fetched;
  guint64 bytes_sent;
  guint   missing;
} CoMediaMirrorReport;

char     *co_media_mirror_key        (const char           *sha256);
gboolean  co_media_mirror_push_file  (CoS3                 *s3,
                                      CoStore              *store,
                                      const char           *sha256,
                                      gint64                part_size,
                                      CoProgressFunc        progress,
                                      gpointer              progress_data,
                                      CoMediaMirrorReport  *report,
                                      GCancellable         *cancellable,
                                      GError              **error);
gboolean  co_media_mirror_push       (CoS3                 *s3,
                                      CoStore              *store,
                                      gint64                part_size,
                                      CoProgressFunc        progress,
                                      gpointer              progress_data,
                                      CoMediaMirrorReport  *report,
                                      GCancellable         *cancellable,
                                      GError              **error);
gboolean  co_media_mirror_fetch_file (CoS3                 *s3,
                                      CoStore              *store,
                                      const char           *sha256,
                                      CoMediaMirrorReport  *report,
                                      GCancellable         *cancellable,
                                      GError              **error);
gboolean  co_media_mirror_fetch      (CoS3                 *s3,
                                      CoStore              *store,
                                      CoMediaMirrorReport  *report,
                                      GCancellable         *cancellable,
                                      GError              **error);
void      co_media_mirror_download_async  (CoStore              *store,
                                          CoHttpClient         *client,
                                          const char           *sha256,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  co_media_mirror_download_finish (CoStore              *store,
                                          GAsyncResult         *result,
                                          GError              **error);
void      co_media_mirror_push_async      (CoStore              *store,
                                          CoHttpClient         *client,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  co_media_mirror_push_finish     (CoStore              *store,
                                          GAsyncResult         *result,
                                          CoMediaMirrorReport  *out_report,
                                          GError              **error);

G_END_DECLS
