/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-test-metrics.h"
#include "co-test-oauth.h"
#include "co-test-server.h"
#include "co-test-slow.h"

G_BEGIN_DECLS

/*
 * The YouTube Data API v3 as CreatorOps uses it, on a CoTestServer, following
 * Google's documentation: `channels.list?part=snippet&mine=true`;
 * `videos.list?part=statistics&id=…` (counts from co_test_youtube_get_metrics());
 * and
 * `videos.insert` as a resumable upload: the POST to
 * `/upload/youtube/v3/videos?uploadType=resumable` with the resource and
 * `X-Upload-Content-Length` answers with the session in `Location`; each PUT
 * to the session carries `Content-Range: bytes FIRST-LAST/SIZE` (FIRST must be
 * what the session holds, every chunk but the last a multiple of 256 KiB) and
 * is answered `308 Resume Incomplete` with `Range: bytes=0-LAST`, or with the
 * video (201) once all bytes are there; `Content-Range: bytes *\/SIZE` asks
 * the same without bytes.  An expired session answers 404.  Errors as Google
 * words them: 401 for a token it does not accept, 403 `quotaExceeded`.
 *
 * Tests can make a chunk arrive in part before its connection breaks (the
 * session keeps what arrived, as Google's does), the daily quota run out, the
 * sessions expire, and the project be unverified (every upload private).
 */

typedef struct _CoTestYouTube CoTestYouTube;

CoTestYouTube *co_test_youtube_new               (CoTestServer   *server,
                                                  CoTestOAuth    *provider,
                                                  const char     *channel_id,
                                                  const char     *title);
void           co_test_youtube_free              (CoTestYouTube  *self);
CoTestSlow    *co_test_youtube_get_slow          (CoTestYouTube  *self);
GHashTable    *co_test_youtube_get_metrics       (CoTestYouTube  *self);
void           co_test_youtube_interrupt_chunk   (CoTestYouTube  *self,
                                                  guint           chunk,
                                                  gsize           keep);
void           co_test_youtube_set_quota_exceeded (CoTestYouTube *self,
                                                  guint           requests);
void           co_test_youtube_set_unverified    (CoTestYouTube  *self,
                                                  gboolean        unverified);
void           co_test_youtube_expire_sessions   (CoTestYouTube  *self);
guint          co_test_youtube_n_videos          (CoTestYouTube  *self);
guint          co_test_youtube_n_sessions        (CoTestYouTube  *self);
guint          co_test_youtube_count_title       (CoTestYouTube  *self,
                                                  const char     *title);
JsonObject    *co_test_youtube_get_video         (CoTestYouTube  *self,
                                                  const char     *video_id);
GBytes        *co_test_youtube_get_bytes         (CoTestYouTube  *self,
                                                  const char     *video_id);
guint          co_test_youtube_count_chunks      (CoTestYouTube  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoTestYouTube, co_test_youtube_free)

G_END_DECLS
