/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-test-metrics.h"
#include "co-test-oauth.h"
#include "co-test-server.h"
#include "co-test-slow.h"

G_BEGIN_DECLS

/*
 * LinkedIn's REST API as CreatorOps uses it, on a CoTestServer, following
 * LinkedIn's documentation: GET /v2/userinfo; the Images API
 * (initializeUpload, then a PUT of the bytes); the Videos API
 * (initializeUpload with the size, a PUT per part answered with an ETag,
 * finalizeUpload with the ETags in order); POST /rest/posts (201, the post's
 * URN in x-restli-id), the posts finder (q=author) and GET
 * /rest/socialActions/{urn} (likes and comments from
 * co_test_linkedin_get_metrics()).  Every /rest request
 * must carry LinkedIn-Version (YYYYMM) and X-Restli-Protocol-Version: 2.0.0;
 * tokens are checked with the OAuth fake (401 in LinkedIn's words).  It counts
 * the posts it made per commentary, which is what "exactly once" is checked
 * against, and the PUTs each part of each upload received.
 */

typedef struct _CoTestLinkedIn CoTestLinkedIn;

CoTestLinkedIn *co_test_linkedin_new             (CoTestServer    *server,
                                                  CoTestOAuth     *provider,
                                                  const char      *member_id,
                                                  const char      *name);
void            co_test_linkedin_free            (CoTestLinkedIn  *self);
GHashTable     *co_test_linkedin_get_metrics     (CoTestLinkedIn  *self);
void            co_test_linkedin_set_part_size   (CoTestLinkedIn  *self,
                                                  gsize            part_size);
CoTestSlow     *co_test_linkedin_get_slow        (CoTestLinkedIn  *self);
guint           co_test_linkedin_n_posts         (CoTestLinkedIn  *self);
void            co_test_linkedin_add_post        (CoTestLinkedIn  *self,
                                                  const char      *commentary);
guint           co_test_linkedin_count_commentary (CoTestLinkedIn *self,
                                                  const char      *commentary);
const char     *co_test_linkedin_post_urn        (CoTestLinkedIn  *self,
                                                  const char      *commentary);
GPtrArray      *co_test_linkedin_post_media      (CoTestLinkedIn  *self,
                                                  const char      *urn);
const char     *co_test_linkedin_post_content    (CoTestLinkedIn  *self,
                                                  const char      *urn);
GBytes         *co_test_linkedin_get_upload      (CoTestLinkedIn  *self,
                                                  const char      *urn);
guint           co_test_linkedin_count_part_puts (CoTestLinkedIn  *self,
                                                  const char      *urn,
                                                  guint            part);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoTestLinkedIn, co_test_linkedin_free)

G_END_DECLS
