/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-assets.h"

G_BEGIN_DECLS

gboolean _co_assets_register     (CoStore     *store,
                                  const char  *sha256,
                                  gint64       size,
                                  const char  *mime,
                                  GError     **error);
gboolean _co_assets_check_quota  (CoStore     *store,
                                  const char  *path,
                                  gint64       incoming,
                                  GError     **error);
gboolean _co_assets_delete_unused (CoStore    *store,
                                   const char *sha256,
                                   gboolean   *out_deleted,
                                   gint64     *out_bytes,
                                   GError    **error);

G_END_DECLS
