/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-account-manager.h"
#include "co-outbox-handler.h"
#include "co-publish-post.h"

G_BEGIN_DECLS

/* The outbox kinds of X: an image or video to attach, and a post (or a reply,
 * with an operation to wait for). */
#define CO_X_KIND_MEDIA "x.media"
#define CO_X_KIND_POST  "x.post"

/* What X's media upload takes: four images, or one video or GIF, per post. */
#define CO_X_MAX_IMAGES          4
#define CO_X_MAX_IMAGE_BYTES     (G_GINT64_CONSTANT (5) * 1024 * 1024)
#define CO_X_MAX_GIF_BYTES       (G_GINT64_CONSTANT (15) * 1024 * 1024)
#define CO_X_MAX_VIDEO_BYTES     (G_GINT64_CONSTANT (512) * 1024 * 1024)
#define CO_X_VIDEO_MIN_SECONDS   0.5
#define CO_X_VIDEO_MAX_SECONDS   140.0

#define CO_TYPE_X_CLIENT (co_x_client_get_type ())
G_DECLARE_FINAL_TYPE (CoXClient, co_x_client, CO, X_CLIENT, GObject)

CoXClient         *co_x_client_new          (CoAccountManager   *accounts);
CoOutboxOperation *co_x_client_enqueue_post (CoOutbox           *outbox,
                                             gint64              account_id,
                                             const char         *text,
                                             gint64              reply_after,
                                             gint64              now,
                                             GError            **error);
CoOutboxOperation *co_x_client_enqueue_publish (CoOutbox           *outbox,
                                                const CoPublishPost *post,
                                                GError            **error);
char              *co_x_normalize_text      (const char         *text);

G_END_DECLS
