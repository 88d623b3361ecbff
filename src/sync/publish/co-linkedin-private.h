/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-linkedin-client.h"
#include "co-publish-call.h"

G_BEGIN_DECLS

CoHttpRequest *_co_linkedin_request_new   (CoLinkedInClient  *self,
                                           const char        *method,
                                           const char        *path_and_query);
void           _co_linkedin_upload_image  (GTask             *task);
void           _co_linkedin_upload_video  (GTask             *task);

G_END_DECLS
