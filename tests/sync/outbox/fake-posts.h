/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-http-client.h"
#include "co-outbox-handler.h"
#include "co-test-server.h"

G_BEGIN_DECLS

/*
 * A generic posting service for the outbox tests, and its two handlers:
 * "fake.post" posts without an idempotency key and looks its posts up by
 * marker; "fake.keyed" sends the operation's key, which the service honours.
 * The service counts what it received per marker: that is what "exactly once"
 * is checked against.
 */

typedef struct _FakePosts FakePosts;

FakePosts       *fake_posts_new        (CoTestServer *server);
void             fake_posts_free       (FakePosts    *self);
guint            fake_posts_delivered  (FakePosts    *self,
                                        const char   *marker);
const char      *fake_posts_id_of      (FakePosts    *self,
                                        const char   *marker);
guint            fake_posts_total      (FakePosts    *self);
CoOutboxHandler *fake_handler_new      (CoHttpClient *client,
                                        const char   *base_url,
                                        gboolean      keyed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakePosts, fake_posts_free)

G_END_DECLS
