/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-probe"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-media-error.h"
#include "co-probe.h"
#include "co-probe-private.h"

/*
 * Every image is decoded here, by the probe and by the thumbnails alike, in
 * two steps.  First only the header is read: gdk-pixbuf announces an image's
 * size ("size-prepared") before it allocates a single row, and a requested
 * size of 0 makes the loader stop there, as gdk_pixbuf_get_file_info() does.
 * An image of more than CO_PROBE_MAX_PIXELS is refused at that point.  Then
 * the image is decoded, at a reduced size when a thumbnail asks for one
 * (JPEG and SVG decode at a fraction of the cost), still refusing an image
 * whose header changed in between.
 */

#define CHUNK_SIZE (64 * 1024)
/* A header that has not announced a size after this much is left to the
 * decoding step, which checks the size again. */
#define HEADER_READ_MAX (1024 * 1024)

typedef struct
{
  gboolean header_only;
  int      fit_size;
  int      width;
  int      height;
  gboolean too_many;
  int      rows_done;
} ImageSize;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  ImageSize *size = user_data;
  double scale;

  size->width = width;
  size->height = height;
  size->too_many = (gint64)width * height > CO_PROBE_MAX_PIXELS;
  if (size->header_only || size->too_many)
    {
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }
  if (size->fit_size <= 0 || (width <= size->fit_size && height <= size->fit_size))
    return;
  scale = MIN ((double)size->fit_size / width, (double)size->fit_size / height);
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int)(width * scale + 0.5)),
                              MAX (1, (int)(height * scale + 0.5)));
}

/* gdk-pixbuf hands back the rows a cut PNG or JPEG held, without an error:
 * what the loader updated says how far the data reached. */
static void
area_updated_cb (GdkPixbufLoader *loader,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 gpointer         user_data)
{
  ImageSize *size = user_data;

  size->rows_done = MAX (size->rows_done, y + height);
}

static GdkPixbufLoader *
new_loader (const char *mime,
            ImageSize  *size)
{
  GdkPixbufLoader *loader = NULL;

  /* For the formats our own magic numbers know, the decoder is chosen by
   * that type; otherwise gdk-pixbuf sniffs the bytes.  Never by the name. */
  if (mime != NULL)
    loader = gdk_pixbuf_loader_new_with_mime_type (mime, NULL);
  if (loader == NULL)
    loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), size);
  g_signal_connect (loader, "area-updated", G_CALLBACK (area_updated_cb), size);
  return loader;
}

/* Feeds the start of the file until the header announced the size.  The
 * loader's own errors do not matter here (the decoding step reports them),
 * so no GError is passed to it: some loaders fail without setting one when
 * told to stop, and gdk-pixbuf would warn about that. */
static gboolean
read_header_size (const char    *path,
                  const char    *mime,
                  ImageSize     *size,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = new_loader (mime, size);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  gboolean loading = TRUE;
  gsize total = 0;
  gssize n = 0;

  if (stream == NULL)
    return FALSE;
  while (loading && size->width == 0 && total < HEADER_READ_MAX &&
         (n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, CHUNK_SIZE, cancellable,
                                   error)) > 0)
    {
      loading = gdk_pixbuf_loader_write (loader, buffer, (gsize)n, NULL);
      total += (gsize)n;
    }
  /* Some formats (SVG) are sized only once they are read whole. */
  gdk_pixbuf_loader_close (loader, NULL);
  return n >= 0;
}

/* Feeds the file to @loader, stopping as soon as the header was refused. */
static gboolean
feed_loader (GdkPixbufLoader  *loader,
             const char       *path,
             const ImageSize  *size,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  /* Unread when the header was refused before the first chunk. */
  gssize n = 0;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  while (!size->too_many &&
         (n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, CHUNK_SIZE, cancellable,
                                   error)) > 0)
    {
      if (!gdk_pixbuf_loader_write (loader, buffer, (gsize)n, error))
        return FALSE;
    }
  return !size->too_many && n == 0;
}

static void
set_too_many_pixels (GError          **error,
                     const char       *name,
                     const ImageSize  *size)
{
  g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TOO_MANY_PIXELS,
               _("“%s” is too large an image: %d × %d pixels (%.0f megapixels), over the "
                 "limit of %d megapixels"),
               name, size->width, size->height, (double)size->width * size->height / 1e6,
               (int)(CO_PROBE_MAX_PIXELS / 1000000));
}

static void
set_load_error (GError     **error,
                const char  *name,
                GError      *local_error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, local_error);
  else
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
                   _("“%s” is a damaged image: %s"), name,
                   local_error != NULL ? local_error->message : _("it cannot be decoded"));
      g_clear_error (&local_error);
    }
}

/* Rows are counted for the formats whose loaders update every row of a
 * whole image, at full size only (a scaled load reports no rows). */
static gboolean
check_rows (GdkPixbufLoader  *loader,
            const char       *name,
            const char       *mime,
            const ImageSize  *size,
            GError          **error)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  int height;

  if (pixbuf == NULL || size->fit_size > 0 || mime == NULL ||
      !(g_str_equal (mime, "image/png") || g_str_equal (mime, "image/jpeg")))
    return TRUE;
  height = gdk_pixbuf_get_height (pixbuf);
  if (size->rows_done >= height)
    return TRUE;
  g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
               _("“%s” is a damaged image: it is cut short (it holds %d of its %d rows)"),
               name, size->rows_done, height);
  return FALSE;
}

/**
 * _co_probe_load_image:
 * @path: an image file
 * @name: how error messages name it
 * @mime: (nullable): its type, as sniffed, to choose the decoder; %NULL lets
 *   gdk-pixbuf choose from the bytes
 * @fit_size: the largest width or height wanted, or 0 for the full size
 * @out_width: (out) (optional): the width the header gives
 * @out_height: (out) (optional): the height the header gives
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Decodes the whole image, refusing it from its header when it has more than
 * %CO_PROBE_MAX_PIXELS pixels, and decoding it at a reduced size when
 * @fit_size asks for one (keeping its aspect ratio, never enlarging).  At
 * full size, a PNG or JPEG whose data ends before its last row is refused.
 *
 * Returns: (transfer full) (nullable): the closed loader, whose picture and
 *   format can be read, or %NULL with %CO_MEDIA_ERROR_TOO_MANY_PIXELS,
 *   %CO_MEDIA_ERROR_CORRUPT or %G_IO_ERROR_CANCELLED
 */
GdkPixbufLoader *
_co_probe_load_image (const char    *path,
                      const char    *name,
                      const char    *mime,
                      int            fit_size,
                      int           *out_width,
                      int           *out_height,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  GError *local_error = NULL;
  ImageSize size = { TRUE, fit_size, 0, 0, FALSE };
  gboolean fed;

  if (!read_header_size (path, mime, &size, cancellable, &local_error))
    {
      set_load_error (error, name, local_error);
      return NULL;
    }
  if (!size.too_many)
    {
      size.header_only = FALSE;
      loader = new_loader (mime, &size);
      fed = feed_loader (loader, path, &size, cancellable, &local_error);
      /* Closing a loader that failed only cleans it up. */
      if (gdk_pixbuf_loader_close (loader, fed ? &local_error : NULL) && fed && !size.too_many)
        {
          if (!check_rows (loader, name, mime, &size, error))
            return NULL;
          if (out_width != NULL)
            *out_width = size.width;
          if (out_height != NULL)
            *out_height = size.height;
          return g_steal_pointer (&loader);
        }
    }
  if (size.too_many)
    {
      g_clear_error (&local_error);
      set_too_many_pixels (error, name, &size);
    }
  else
    set_load_error (error, name, local_error);
  return NULL;
}
