/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-account-manager.h"
#include "co-outbox-handler.h"
#include "co-publish-post.h"

G_BEGIN_DECLS

/* The outbox kind of a post (or a reply, with an operation to wait for) on X. */
#define CO_X_KIND_POST "x.post"

#define CO_TYPE_X_CLIENT (co_x_client_get_type ())
G_DECLARE_FINAL_TYPE (CoXClient, co_x_client, CO, X_CLIENT, GObject)

CoXClient         *co_x_client_new          (CoAccountManager   *accounts);
CoOutboxOperation *co_x_client_enqueue_post (CoOutbox           *outbox,
                                             gint64              account_id,
                                             const char         *text,
                                             gint64              reply_after,
                                             gint64              now,
                                             GError            **error);
CoOutboxOperation *co_x_client_enqueue_publish (CoOutbox            *outbox,
                                                const CoPublishPost *post,
                                                GError             **error);
char              *co_x_normalize_text      (const char         *text);

G_END_DECLS
