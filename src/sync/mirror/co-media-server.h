/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-s3.h"
#include "co-store.h"

G_BEGIN_DECLS

/* The environment variable scripts and tests may name the bucket with, the
 * key pair in its user info allowed (never printed). */
#define CO_MEDIA_S3_ENV "CREATOROPS_S3_URL"

char     *co_media_server_dup_url (CoStore       *store,
                                   gboolean      *out_from_environment);
CoS3     *co_media_server_open    (CoStore       *store,
                                   CoHttpClient  *client,
                                   GCancellable  *cancellable,
                                   GError       **error);
gboolean  co_media_server_setup   (CoStore       *store,
                                   CoHttpClient  *client,
                                   const char    *url,
                                   const char    *credentials,
                                   GCancellable  *cancellable,
                                   GError       **error);
void      co_media_server_setup_async  (CoStore             *store,
                                        CoHttpClient        *client,
                                        const char          *url,
                                        const char          *credentials,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  co_media_server_setup_finish (CoStore             *store,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
