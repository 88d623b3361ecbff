/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-account-manager.h"
#include "co-outbox-handler.h"
#include "co-publish-post.h"

G_BEGIN_DECLS

/* The outbox kinds of a LinkedIn post: its images and video, then the post. */
#define CO_LINKEDIN_KIND_IMAGE "linkedin.image"
#define CO_LINKEDIN_KIND_VIDEO "linkedin.video"
#define CO_LINKEDIN_KIND_POST  "linkedin.post"

/* The version of LinkedIn's versioned REST API (YYYYMM) the client speaks.
 * LinkedIn keeps a version for about a year: move it forward with the docs. */
#define CO_LINKEDIN_VERSION "202606"

/* What the Posts, Images and Videos APIs take. */
#define CO_LINKEDIN_MAX_IMAGES        20
#define CO_LINKEDIN_MAX_IMAGE_BYTES   (G_GINT64_CONSTANT (36152320))
#define CO_LINKEDIN_MAX_VIDEO_BYTES   (G_GINT64_CONSTANT (500) * 1024 * 1024)
#define CO_LINKEDIN_VIDEO_MIN_SECONDS 3.0
#define CO_LINKEDIN_VIDEO_MAX_SECONDS (30.0 * 60.0)

#define CO_TYPE_LINKEDIN_CLIENT (co_linkedin_client_get_type ())
G_DECLARE_FINAL_TYPE (CoLinkedInClient, co_linkedin_client, CO, LINKEDIN_CLIENT, GObject)

CoLinkedInClient  *co_linkedin_client_new             (CoAccountManager     *accounts);
CoOutboxOperation *co_linkedin_client_enqueue_publish (CoOutbox             *outbox,
                                                       const CoPublishPost  *post,
                                                       GError              **error);
char              *co_linkedin_person_urn             (const char           *member_id);

G_END_DECLS
