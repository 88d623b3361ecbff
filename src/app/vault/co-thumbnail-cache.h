/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "co-store.h"

G_BEGIN_DECLS

#define CO_TYPE_THUMBNAIL_CACHE (co_thumbnail_cache_get_type ())
G_DECLARE_FINAL_TYPE (CoThumbnailCache, co_thumbnail_cache, CO, THUMBNAIL_CACHE, GObject)

CoThumbnailCache *co_thumbnail_cache_new         (CoStore           *store);
GdkTexture       *co_thumbnail_cache_lookup      (CoThumbnailCache  *self,
                                                  const char        *sha256);
void              co_thumbnail_cache_load_async  (CoThumbnailCache  *self,
                                                  const char        *sha256,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
GdkTexture       *co_thumbnail_cache_load_finish (CoThumbnailCache  *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);
guint             co_thumbnail_cache_get_pending (CoThumbnailCache  *self);

G_END_DECLS
