/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-publish-call.h"
#include "co-x-client.h"

G_BEGIN_DECLS

void _co_x_media_upload (GTask *task);

G_END_DECLS
