/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gst/gst.h>

#include <glib.h>

G_BEGIN_DECLS

void               co_media_init            (void);
void               co_media_keep_freed_memory (void);
GstElementFactory *co_media_best_factory    (GstElementFactoryListType  type,
                                             GstCaps                   *caps,
                                             gboolean                   subset);
GstCaps           *co_media_factory_src_caps (GstElementFactory        *factory);

G_END_DECLS
