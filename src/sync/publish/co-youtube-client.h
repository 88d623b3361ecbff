/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-account-manager.h"
#include "co-outbox-handler.h"
#include "co-publish-post.h"

G_BEGIN_DECLS

/* The outbox kind of a YouTube video: its resumable upload, which makes it. */
#define CO_YOUTUBE_KIND_VIDEO "youtube.video"

/* Resumable uploads go in chunks of a multiple of 256 KiB (all but the last). */
#define CO_YOUTUBE_CHUNK_UNIT          ((gsize)256 * 1024)
#define CO_YOUTUBE_DEFAULT_CHUNK_SIZE  (32 * CO_YOUTUBE_CHUNK_UNIT)

/* What videos.insert takes: 256 GB, and 12 hours. */
#define CO_YOUTUBE_MAX_VIDEO_BYTES     (G_GINT64_CONSTANT (256) * 1024 * 1024 * 1024)
#define CO_YOUTUBE_VIDEO_MAX_SECONDS   (12.0 * 3600.0)

#define CO_TYPE_YOUTUBE_CLIENT (co_youtube_client_get_type ())
G_DECLARE_FINAL_TYPE (CoYouTubeClient, co_youtube_client, CO, YOUTUBE_CLIENT, GObject)

CoYouTubeClient   *co_youtube_client_new             (CoAccountManager     *accounts);
void               co_youtube_client_set_chunk_size  (CoYouTubeClient      *self,
                                                      gsize                 chunk_size);
gsize              co_youtube_client_get_chunk_size  (CoYouTubeClient      *self);
CoOutboxOperation *co_youtube_client_enqueue_publish (CoOutbox             *outbox,
                                                      const CoPublishPost  *post,
                                                      GError              **error);

G_END_DECLS
