/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-account-manager.h"
#include "co-outbox-handler.h"
#include "co-publish-post.h"

G_BEGIN_DECLS

/* The outbox kinds of an Instagram post: its media container, then publishing it. */
#define CO_INSTAGRAM_KIND_CONTAINER "instagram.container"
#define CO_INSTAGRAM_KIND_PUBLISH   "instagram.publish"

/* The Graph API version the client speaks, as the sign-in does. */
#define CO_INSTAGRAM_GRAPH_VERSION "v19.0"

/* How often a container is asked whether it is ready, and how many times in one
 * attempt before the attempt ends and the outbox tries again later. */
#define CO_INSTAGRAM_POLL_INTERVAL (G_GINT64_CONSTANT (10) * G_USEC_PER_SEC)
#define CO_INSTAGRAM_MAX_POLLS     30

/* What the content publishing API takes (single images and Reels). */
#define CO_INSTAGRAM_MAX_IMAGE_BYTES   (G_GINT64_CONSTANT (8) * 1024 * 1024)
#define CO_INSTAGRAM_MAX_REEL_BYTES    (G_GINT64_CONSTANT (300) * 1024 * 1024)
#define CO_INSTAGRAM_IMAGE_MIN_RATIO   (4.0 / 5.0)
#define CO_INSTAGRAM_IMAGE_MAX_RATIO   1.91
#define CO_INSTAGRAM_REEL_MIN_RATIO    0.01
#define CO_INSTAGRAM_REEL_MAX_RATIO    10.0
#define CO_INSTAGRAM_REEL_MIN_SECONDS  3.0
#define CO_INSTAGRAM_REEL_MAX_SECONDS  (15.0 * 60.0)

/**
 * CoInstagramMediaHostFunc:
 * @path: a file of the library to publish
 * @mime: its MIME type
 * @user_data: the data given with the function
 * @error: return location for a #GError
 *
 * Instagram does not take a file's bytes: it fetches the media from a public
 * address when the container is made.  The host makes the file reachable
 * there and says where, at once (a folder a web server already serves, a
 * bucket the file was synced to).
 *
 * Returns: (transfer full) (nullable): the file's public https address
 */
typedef char *(*CoInstagramMediaHostFunc) (const char  *path,
                                           const char  *mime,
                                           gpointer     user_data,
                                           GError     **error);

#define CO_TYPE_INSTAGRAM_CLIENT (co_instagram_client_get_type ())
G_DECLARE_FINAL_TYPE (CoInstagramClient, co_instagram_client, CO, INSTAGRAM_CLIENT, GObject)

CoInstagramClient *co_instagram_client_new             (CoAccountManager          *accounts);
void               co_instagram_client_set_media_host  (CoInstagramClient         *self,
                                                        CoInstagramMediaHostFunc   func,
                                                        gpointer                   user_data,
                                                        GDestroyNotify             destroy);
CoOutboxOperation *co_instagram_client_enqueue_publish (CoOutbox                  *outbox,
                                                        const CoPublishPost       *post,
                                                        GError                   **error);

G_END_DECLS
