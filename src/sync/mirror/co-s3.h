/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-http-client.h"

G_BEGIN_DECLS

/*
 * One bucket of an S3-compatible object store (AWS S3, MinIO, Cloudflare R2,
 * Backblaze B2, s3rver), addressed path-style (http(s)://HOST[:PORT]/BUCKET),
 * every request signed with AWS Signature Version 4.  Every call blocks: the
 * media mirror runs in a worker thread, and the calls go through the shared
 * HTTP client.  The key pair never appears in an address or a message.
 */

/* The region signed for when none is given; MinIO and s3rver accept it. */
#define CO_S3_DEFAULT_REGION "us-east-1"

#define CO_TYPE_S3 (co_s3_get_type ())
G_DECLARE_FINAL_TYPE (CoS3, co_s3, CO, S3, GObject)

CoS3        *co_s3_new                (CoHttpClient  *client,
                                       const char    *url,
                                       const char    *access_key,
                                       const char    *secret_key,
                                       GError       **error);
char        *co_s3_split_url          (const char    *url,
                                       char         **out_access_key,
                                       char         **out_secret_key,
                                       GError       **error);
void         co_s3_set_region         (CoS3          *self,
                                       const char    *region);
const char  *co_s3_get_url            (CoS3          *self);
guint        co_s3_get_requests       (CoS3          *self);
guint64      co_s3_get_bytes_sent     (CoS3          *self);
gboolean     co_s3_check_bucket       (CoS3          *self,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean     co_s3_head               (CoS3          *self,
                                       const char    *key,
                                       gboolean      *out_exists,
                                       gint64        *out_size,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean     co_s3_put                (CoS3          *self,
                                       const char    *key,
                                       GBytes        *body,
                                       const char    *sha256,
                                       GCancellable  *cancellable,
                                       GError       **error);
GBytes      *co_s3_get                (CoS3          *self,
                                       const char    *key,
                                       GCancellable  *cancellable,
                                       GError       **error);
char        *co_s3_create_multipart   (CoS3          *self,
                                       const char    *key,
                                       GCancellable  *cancellable,
                                       GError       **error);
char        *co_s3_upload_part        (CoS3          *self,
                                       const char    *key,
                                       const char    *upload_id,
                                       int            number,
                                       GBytes        *body,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean     co_s3_complete_multipart (CoS3          *self,
                                       const char    *key,
                                       const char    *upload_id,
                                       GPtrArray     *etags,
                                       gboolean      *out_no_upload,
                                       GCancellable  *cancellable,
                                       GError       **error);

G_END_DECLS
