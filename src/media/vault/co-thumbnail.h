/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "co-vault-item.h"

G_BEGIN_DECLS

/* The size the vault grid shows, doubled for high-density screens. */
#define CO_THUMBNAIL_DEFAULT_SIZE 256

GdkPixbuf *co_thumbnail_render (const char    *source_path,
                                CoVaultType    type,
                                int            max_size,
                                GCancellable  *cancellable,
                                GError       **error);
GdkPixbuf *co_thumbnail_ensure (const char    *source_path,
                                CoVaultType    type,
                                const char    *dest_png,
                                int            max_size,
                                GCancellable  *cancellable,
                                GError       **error);
double     co_thumbnail_detail (GdkPixbuf     *pixbuf);
GPtrArray *co_thumbnail_render_strip (const char    *source_path,
                                      const double  *times,
                                      gsize          n_times,
                                      int            max_size,
                                      GCancellable  *cancellable,
                                      GError       **error);
void       co_thumbnail_load_async   (const char          *png_path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GdkPixbuf *co_thumbnail_load_finish  (GAsyncResult  *result,
                                      GError       **error);
void       co_thumbnail_render_strip_async  (const char          *source_path,
                                             const double        *times,
                                             gsize                n_times,
                                             int                  max_size,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray *co_thumbnail_render_strip_finish (GAsyncResult  *result,
                                             GError       **error);

G_END_DECLS
