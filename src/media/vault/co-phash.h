/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* Hashes of the same picture (rescaled, recompressed) usually differ in no
 * more bits than this; compare with co_similarity_hamming().  Unrelated
 * photographs differ in about 32 bits, plain graphics in 8 or more. */
#define CO_PHASH_SAME_PICTURE_DISTANCE 6

guint64 co_phash_pixbuf (GdkPixbuf *pixbuf);

G_END_DECLS
