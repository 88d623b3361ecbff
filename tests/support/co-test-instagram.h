/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-test-metrics.h"
#include "co-test-oauth.h"
#include "co-test-server.h"
#include "co-test-slow.h"

G_BEGIN_DECLS

/*
 * The Instagram Graph API's content publishing on a CoTestServer, as Meta
 * documents it: GET /me/accounts (the Page's Instagram account), POST
 * /{ig-user-id}/media (a container, from a file at an address this fake
 * serves itself, as Instagram fetches from a public one), GET /{container-id}
 * with its status_code (IN_PROGRESS for as many polls as the test says, then
 * FINISHED or ERROR), GET /{ig-user-id}/content_publishing_limit, POST
 * /{ig-user-id}/media_publish, GET /{ig-user-id}/media, a media's
 * permalink and its insights (GET /{ig-media-id}/insights?metric=views,…).
 * Errors have the Graph API's shape: an expired token is code 190
 * (with 400, as Meta sends it), the publishing limit code 9.  It counts the
 * media it published per caption, which is what "exactly once" is checked
 * against.
 */

typedef struct _CoTestInstagram CoTestInstagram;

CoTestInstagram *co_test_instagram_new             (CoTestServer     *server,
                                                    CoTestOAuth      *provider,
                                                    const char       *user_id,
                                                    const char       *username);
void             co_test_instagram_free            (CoTestInstagram  *self);
GHashTable      *co_test_instagram_get_metrics     (CoTestInstagram  *self);
char            *co_test_instagram_serve_file      (CoTestInstagram  *self,
                                                    const char       *path);
const char      *co_test_instagram_serve_folder    (CoTestInstagram  *self,
                                                    const char       *folder);
const char      *co_test_instagram_fetched_path    (CoTestInstagram  *self,
                                                    const char       *caption);
void             co_test_instagram_set_processing  (CoTestInstagram  *self,
                                                    guint             polls_in_progress,
                                                    const char       *error_status);
void             co_test_instagram_set_quota       (CoTestInstagram  *self,
                                                    guint             used,
                                                    guint             total);
CoTestSlow      *co_test_instagram_get_slow        (CoTestInstagram  *self);
guint            co_test_instagram_count_caption   (CoTestInstagram  *self,
                                                    const char       *caption);
guint            co_test_instagram_n_media         (CoTestInstagram  *self);
void             co_test_instagram_add_media       (CoTestInstagram  *self,
                                                    const char       *caption);
guint            co_test_instagram_n_containers    (CoTestInstagram  *self);
gboolean         co_test_instagram_is_container    (CoTestInstagram  *self,
                                                    const char       *id);
guint            co_test_instagram_n_status_polls  (CoTestInstagram  *self);
guint            co_test_instagram_n_fetched       (CoTestInstagram  *self);
const char      *co_test_instagram_media_id        (CoTestInstagram  *self,
                                                    const char       *caption);
const char      *co_test_instagram_media_type      (CoTestInstagram  *self,
                                                    const char       *caption);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoTestInstagram, co_test_instagram_free)

G_END_DECLS
