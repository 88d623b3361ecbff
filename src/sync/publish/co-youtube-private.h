/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-publish-call.h"
#include "co-youtube-client.h"

G_BEGIN_DECLS

CoHttpRequest *_co_youtube_request_new   (CoYouTubeClient  *self,
                                          CoService         service,
                                          const char       *method,
                                          const char       *path_and_query);
void           _co_youtube_upload_video  (GTask            *task);
void           _co_youtube_query_upload  (GTask            *task);

G_END_DECLS
