/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

/*
 * Layer-internal file checks, shared by the probe, the analysis reader and
 * the transcriber so that every entry point of the media layer refuses a
 * bad path with the same code and the same reason.  @name is how the
 * messages name the file: the probe names its basename, the analysis and
 * the transcriber the path they were given.
 *
 * _co_probe_load_image() is the one image decoder of the layer, shared by
 * the probe and the thumbnails, so the pixel limit holds for both.
 */

gboolean _co_probe_check_file (const char  *path,
                               const char  *name,
                               gint64       max_size,
                               GStatBuf    *out_stat,
                               GError     **error);
gboolean _co_probe_check_wav  (const char  *path,
                               const char  *name,
                               gint64       size,
                               GError     **error);

GdkPixbufLoader *_co_probe_load_image (const char    *path,
                                       const char    *name,
                                       const char    *mime,
                                       int            fit_size,
                                       int           *out_width,
                                       int           *out_height,
                                       GCancellable  *cancellable,
                                       GError       **error);

gboolean _co_probe_open_container (const char    *path,
                                   const guint8  *head,
                                   gsize          len,
                                   GCancellable  *cancellable,
                                   GError       **error);

/* What a container's structure says about the file, before any GStreamer
 * element reads it (co-probe-structure.c). */
typedef struct
{
  gboolean    cut;            /* the file ends before its structure does */
  gint64      missing_bytes;  /* how much is missing, when the structure says */
  const char *reason;         /* otherwise why it is cut, untranslated (N_) */
} CoProbeStructure;

gboolean _co_probe_check_structure (const char        *path,
                                    const char        *name,
                                    const char        *mime,
                                    gint64             size,
                                    CoProbeStructure  *out,
                                    GError           **error);
gboolean _co_probe_structure_error (const char              *name,
                                    const CoProbeStructure  *structure,
                                    GError                 **error);

/* Container fields sit at any offset, so they are copied out rather than
 * read through a cast pointer (which would be a misaligned load). */
static inline guint32
_co_probe_be32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_BE (v);
}

static inline guint64
_co_probe_be64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return GUINT64_FROM_BE (v);
}

static inline guint32
_co_probe_le32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static inline guint16
_co_probe_le16 (const guint8 *p)
{
  return (guint16)(p[0] | (p[1] << 8));
}

static inline gboolean
_co_probe_read_at (int     fd,
                   gint64  offset,
                   guint8 *buf,
                   gsize   len)
{
  return offset >= 0 && pread (fd, buf, len, (off_t)offset) == (gssize)len;
}

G_END_DECLS
