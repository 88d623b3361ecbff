/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-instagram-client.h"
#include "co-publish-call.h"

G_BEGIN_DECLS

CoHttpRequest *_co_instagram_request_new   (CoInstagramClient  *self,
                                            const char         *method,
                                            const char         *node,
                                            const char         *edge_and_query);
JsonObject    *_co_instagram_parse         (CoHttpResponse     *response,
                                            GError            **error);
char          *_co_instagram_host_media    (CoInstagramClient  *self,
                                            const char         *path,
                                            const char         *mime,
                                            GError            **error);
void           _co_instagram_make_container (GTask             *task);

G_END_DECLS
