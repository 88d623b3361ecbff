/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-test-metrics.h"
#include "co-test-oauth.h"
#include "co-test-server.h"

G_BEGIN_DECLS

/*
 * The X API v2 as far as CreatorOps uses it today, on a CoTestServer: GET
 * /2/users/me, POST /2/tweets (replies and media ids included), GET
 * /2/users/:id/tweets, and the chunked media upload as X documents it: POST
 * /2/media/upload with command INIT (form: total_bytes, media_type,
 * media_category), APPEND (multipart: media_id, segment_index, media) and
 * FINALIZE, then GET ?command=STATUS while a video or GIF is processed
 * (pending, in_progress, then succeeded or failed with its error).  A post
 * may name only finalized media that succeeded.
 * Tokens are checked with the OAuth fake (401 as X words it); every answer
 * carries X's x-rate-limit-* headers.  It counts the posts it made per text,
 * which is what "exactly once" is checked against.
 */

typedef struct _CoTestX CoTestX;

CoTestX    *co_test_x_new        (CoTestServer *server,
                                  CoTestOAuth  *provider,
                                  const char   *user_id,
                                  const char   *username);
void        co_test_x_free       (CoTestX      *self);
guint       co_test_x_count_text (CoTestX      *self,
                                  const char   *text);
const char *co_test_x_id_of      (CoTestX      *self,
                                  const char   *text);
const char *co_test_x_reply_to   (CoTestX      *self,
                                  const char   *id);
guint       co_test_x_n_posts    (CoTestX      *self);
void        co_test_x_set_processing (CoTestX  *self,
                                      guint     polls,
                                      gboolean  fail);
const char * const *co_test_x_post_media (CoTestX    *self,
                                          const char *id);
GBytes     *co_test_x_get_media  (CoTestX      *self,
                                  const char   *id);
guint       co_test_x_n_media    (CoTestX      *self);
GHashTable *co_test_x_get_metrics (CoTestX     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoTestX, co_test_x_free)

G_END_DECLS
