/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-thumbnail"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "co-error.h"
#include "co-media-error.h"
#include "co-media.h"
#include "co-pipeline.h"
#include "co-probe-private.h"
#include "co-store-error.h"
#include "co-task.h"
#include "co-thumbnail.h"

/*
 * A video thumbnail must not cost a decode of the whole video.  The frame is
 * chosen among a few key frames: a flushing KEY_UNIT seek lands on the key
 * frame before each position, and only that one frame is decoded there.  Of
 * those candidates the one with the most detail (highest luma variance) wins,
 * so a black intro or a fade is not what the grid shows.
 */

/* Where candidate frames are taken, as fractions of the duration. */
static const double seek_points[] = { 0.10, 0.33, 0.50 };


/* How long appsink may take to hand over a prerolled frame. */
#define PULL_TIMEOUT (10 * GST_SECOND)

static void
set_no_picture_error (const char  *path,
                      GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED,
               _("“%s” has no picture to make a thumbnail from"), name);
}

/* Scales down to fit a @max_size square, keeping the aspect ratio; never
 * scales up. */
static GdkPixbuf *
fit (GdkPixbuf *pixbuf,
     int        max_size)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double scale = MIN ((double)max_size / width, (double)max_size / height);

  if (scale >= 1.0)
    return g_object_ref (pixbuf);
  return gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int)(width * scale + 0.5)),
                                  MAX (1, (int)(height * scale + 0.5)), GDK_INTERP_BILINEAR);
}

/* Decoded at the thumbnail's size where the format allows (JPEG does), and
 * refused from its header above the probe's pixel limit: a thumbnail never
 * costs a full-size picture it does not need. */
static GdkPixbuf *
render_image (const char    *path,
              int            max_size,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  GdkPixbuf *pixbuf;

  loader = _co_probe_load_image (path, name, NULL, max_size, NULL, NULL, cancellable, error);
  if (loader == NULL)
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      set_no_picture_error (path, error);
      return NULL;
    }
  /* Camera photos store their rotation in EXIF; the thumbnail shows it upright. */
  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  return fit (upright, max_size);
}

static GdkPixbuf *
pixbuf_from_sample (GstSample *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample);
  GstVideoFrame frame;
  GstVideoInfo info;
  GdkPixbuf *pixbuf;
  int width, height;

  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&info, caps) ||
      !gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ))
    return NULL;

  width = GST_VIDEO_INFO_WIDTH (&info);
  height = GST_VIDEO_INFO_HEIGHT (&info);
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  for (int y = 0; y < height; y++)
    memcpy (gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf),
            (const guint8 *)GST_VIDEO_FRAME_PLANE_DATA (&frame, 0) +
              y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
            (gsize)width * 3);
  gst_video_frame_unmap (&frame);
  return pixbuf;
}

/* Frames as RGB already scaled (by videoscale, keeping the display aspect
 * ratio) to fit the thumbnail. */
static CoPipeline *
video_pipeline_new (const char  *path,
                    int          max_size,
                    GstElement **out_appsink,
                    GError     **error)
{
  g_autofree char *caps = g_strdup_printf ("video/x-raw,format=RGB,pixel-aspect-ratio=1/1,"
                                           "width=[1,%d],height=[1,%d]", max_size, max_size);

  return co_pipeline_new_video (path, caps, out_appsink, error);
}

static GdkPixbuf *
pull_frame (GstElement *appsink)
{
  g_autoptr(GstSample) sample = gst_app_sink_try_pull_preroll (GST_APP_SINK (appsink),
                                                               PULL_TIMEOUT);

  return sample != NULL ? pixbuf_from_sample (sample) : NULL;
}

/* Keeps @candidate in @best if it shows more detail. */
static void
keep_best (GdkPixbuf **best,
           double     *best_detail,
           GdkPixbuf  *candidate)
{
  double detail;

  if (candidate == NULL)
    return;
  detail = co_thumbnail_detail (candidate);
  g_debug ("candidate frame: detail %.1f", detail);
  if (*best == NULL || detail > *best_detail)
    {
      g_set_object (best, candidate);
      *best_detail = detail;
    }
  g_object_unref (candidate);
}

static GdkPixbuf *
render_video (const char    *path,
              int            max_size,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(CoPipeline) pipeline = NULL;
  g_autoptr(GstElement) appsink = NULL;
  g_autoptr(GdkPixbuf) best = NULL;
  double best_detail = 0;
  gint64 duration = 0;

  pipeline = video_pipeline_new (path, max_size, &appsink, error);
  if (pipeline == NULL || !co_pipeline_preroll (pipeline, cancellable, error))
    return NULL;

  keep_best (&best, &best_detail, pull_frame (appsink));
  if (!gst_element_query_duration (co_pipeline_get_element (pipeline), GST_FORMAT_TIME, &duration))
    duration = 0;

  for (gsize i = 0; duration > 0 && i < G_N_ELEMENTS (seek_points); i++)
    {
      /* A seek that fails (an unseekable file) leaves the frames we have. */
      if (!co_pipeline_seek (pipeline, (gint64)(duration * seek_points[i]),
                             GST_SEEK_FLAG_KEY_UNIT | GST_SEEK_FLAG_SNAP_BEFORE,
                             cancellable, error))
        {
          if (co_error_is_cancelled (*error))
            return NULL;
          g_clear_error (error);
          break;
        }
      keep_best (&best, &best_detail, pull_frame (appsink));
    }

  if (best == NULL)
    set_no_picture_error (path, error);
  return g_steal_pointer (&best);
}

/* Writes beside @dest and renames, so a reader never sees half a PNG and a
 * crash leaves no thumbnail rather than a broken one. */
static gboolean
save_atomically (GdkPixbuf   *pixbuf,
                 const char  *dest,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *tmp = g_strconcat (dest, ".tmp-XXXXXX", NULL);
  g_autoptr(GError) local_error = NULL;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0 || (fd = g_mkstemp (tmp)) < 0)
    {
      int saved = errno;

      g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_IO,
                   _("Cannot write the thumbnail “%s”: %s"), dest, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (!gdk_pixbuf_save (pixbuf, tmp, "png", &local_error, NULL) || g_rename (tmp, dest) != 0)
    {
      g_set_error (error, CO_STORE_ERROR, CO_STORE_ERROR_IO,
                   _("Cannot write the thumbnail “%s”: %s"), dest,
                   local_error != NULL ? local_error->message : g_strerror (errno));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

/**
 * co_thumbnail_detail:
 * @pixbuf: an RGB or RGBA picture
 *
 * Measures how much a picture shows: the variance of its luma.  A black or
 * flat frame scores near 0.
 *
 * Returns: the luma variance (0 to 65025)
 */
double
co_thumbnail_detail (GdkPixbuf *pixbuf)
{
  const guint8 *pixels;
  int width, height, stride, channels;
  double sum = 0, sum2 = 0, n;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), 0);

  pixels = gdk_pixbuf_read_pixels (pixbuf);
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        double luma = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];

        sum += luma;
        sum2 += luma * luma;
      }
  n = (double)width * height;
  return sum2 / n - (sum / n) * (sum / n);
}

/**
 * co_thumbnail_render:
 * @source_path: an image or video file
 * @type: its type, as co_probe_file() found it
 * @max_size: the largest width or height, in pixels
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Makes a thumbnail in memory: an image scaled down keeping its aspect
 * ratio, or the most detailed of a few key frames of a video (never decoding
 * the whole video).  Blocks: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the thumbnail, or %NULL with a
 *   %CO_MEDIA_ERROR naming the file (%CO_MEDIA_ERROR_UNSUPPORTED for types
 *   without a picture)
 */
GdkPixbuf *
co_thumbnail_render (const char    *source_path,
                     CoVaultType    type,
                     int            max_size,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (source_path != NULL, NULL);
  g_return_val_if_fail (max_size > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  co_media_init ();
  if (type == CO_VAULT_TYPE_IMAGE)
    return render_image (source_path, max_size, cancellable, error);
  if (type == CO_VAULT_TYPE_VIDEO)
    return render_video (source_path, max_size, cancellable, error);
  set_no_picture_error (source_path, error);
  return NULL;
}

/**
 * co_thumbnail_ensure:
 * @source_path: an image or video file
 * @type: its type, as co_probe_file() found it
 * @dest_png: where the thumbnail is cached (see co_store_dup_thumbnail_path())
 * @max_size: the largest width or height, in pixels
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Makes the thumbnail once: when @dest_png exists it is loaded and returned
 * at once; otherwise it is rendered with co_thumbnail_render() and written
 * to a temporary file renamed over @dest_png.  The returned picture also
 * serves for co_phash_pixbuf().
 *
 * Returns: (transfer full) (nullable): the thumbnail, or %NULL with a
 *   %CO_MEDIA_ERROR naming the source or a %CO_STORE_ERROR_IO
 */
GdkPixbuf *
co_thumbnail_ensure (const char    *source_path,
                     CoVaultType    type,
                     const char    *dest_png,
                     int            max_size,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (source_path != NULL, NULL);
  g_return_val_if_fail (dest_png != NULL, NULL);

  /* A cached file that no longer loads is simply made again. */
  pixbuf = gdk_pixbuf_new_from_file (dest_png, NULL);
  if (pixbuf != NULL)
    return g_steal_pointer (&pixbuf);

  pixbuf = co_thumbnail_render (source_path, type, max_size, cancellable, error);
  if (pixbuf == NULL || !save_atomically (pixbuf, dest_png, error))
    return NULL;
  return g_steal_pointer (&pixbuf);
}

/**
 * co_thumbnail_render_strip:
 * @source_path: a video file
 * @times: (array length=n_times): positions in seconds, such as the scene
 *   changes of an analysis
 * @n_times: how many
 * @max_size: the largest width or height of each picture, in pixels
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Makes a filmstrip: for each time, the frame shown 20 ms after it (times
 * kept to the millisecond fall a little before the frame they name).  The
 * seek is exact rather than to a key frame, because encoders do not always
 * put one at a scene change: a picture costs decoding from the key frame
 * before it.  Blocks: call it from a worker thread.
 *
 * Returns: (transfer full) (element-type GdkPixbuf): @n_times pictures, or
 *   %NULL with a %CO_MEDIA_ERROR naming the file
 */
GPtrArray *
co_thumbnail_render_strip (const char    *source_path,
                           const double  *times,
                           gsize          n_times,
                           int            max_size,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(CoPipeline) pipeline = NULL;
  g_autoptr(GstElement) appsink = NULL;
  g_autoptr(GPtrArray) strip = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GdkPixbuf) first = NULL;

  g_return_val_if_fail (source_path != NULL, NULL);
  g_return_val_if_fail (times != NULL || n_times == 0, NULL);
  g_return_val_if_fail (max_size > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  co_media_init ();
  pipeline = video_pipeline_new (source_path, max_size, &appsink, error);
  if (pipeline == NULL || !co_pipeline_preroll (pipeline, cancellable, error))
    return NULL;
  first = pull_frame (appsink);
  if (first == NULL)
    {
      set_no_picture_error (source_path, error);
      return NULL;
    }
  for (gsize i = 0; i < n_times; i++)
    {
      GdkPixbuf *frame;

      if (!co_pipeline_seek (pipeline, (gint64) ((MAX (times[i], 0.0) + 0.02) * GST_SECOND),
                             GST_SEEK_FLAG_ACCURATE, cancellable, error))
        return NULL;
      frame = pull_frame (appsink);
      if (frame == NULL)
        {
          set_no_picture_error (source_path, error);
          return NULL;
        }
      g_ptr_array_add (strip, frame);
    }
  return g_steal_pointer (&strip);
}

/* The async edge: the app decodes thumbnails and filmstrips off the main thread. */

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GdkPixbuf *pixbuf;

  if (g_task_return_error_if_cancelled (task))
    return;
  pixbuf = gdk_pixbuf_new_from_file (task_data, &error);
  co_task_return (task, pixbuf, g_object_unref, error);
}

/**
 * co_thumbnail_load_async:
 * @png_path: a thumbnail cached by co_thumbnail_ensure()
 * @cancellable: (nullable): a #GCancellable; a load cancelled before it
 *   starts reads nothing
 * @callback: called on the caller's main context with the picture
 * @user_data: data for @callback
 *
 * Reads and decodes a cached thumbnail in a worker thread.
 */
void
co_thumbnail_load_async (const char          *png_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (png_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_thumbnail_load_async);
  g_task_set_task_data (task, g_strdup (png_path), g_free);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * co_thumbnail_load_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the thumbnail, or %NULL with @error
 *   set: %G_FILE_ERROR_NOENT when there is no thumbnail, a
 *   %GDK_PIXBUF_ERROR when it does not decode, or %G_IO_ERROR_CANCELLED
 */
GdkPixbuf *
co_thumbnail_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  return co_task_propagate (result, NULL, co_thumbnail_load_async, error);
}

typedef struct
{
  char   *source_path;
  GArray *times;   /* double */
  int     max_size;
} StripData;

static void
strip_data_free (StripData *data)
{
  g_free (data->source_path);
  g_array_unref (data->times);
  g_free (data);
}

static void
strip_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  StripData *data = task_data;
  GError *error = NULL;
  GPtrArray *strip;

  strip = co_thumbnail_render_strip (data->source_path, (const double *)(gpointer)data->times->data,
                                     data->times->len, data->max_size, cancellable, &error);
  co_task_return (task, strip, (GDestroyNotify)g_ptr_array_unref, error);
}

/**
 * co_thumbnail_render_strip_async:
 * @source_path: a video file
 * @times: (array length=n_times): positions in seconds
 * @n_times: how many
 * @max_size: the largest width or height of each picture, in pixels
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context with the pictures
 * @user_data: data for @callback
 *
 * Runs co_thumbnail_render_strip() in a worker thread.  Inputs are copied.
 */
void
co_thumbnail_render_strip_async (const char          *source_path,
                                 const double        *times,
                                 gsize                n_times,
                                 int                  max_size,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StripData *data;

  g_return_if_fail (source_path != NULL);
  g_return_if_fail (times != NULL || n_times == 0);
  g_return_if_fail (max_size > 0);

  data = g_new0 (StripData, 1);
  data->source_path = g_strdup (source_path);
  data->times = g_array_sized_new (FALSE, FALSE, sizeof (double), n_times);
  g_array_append_vals (data->times, times, n_times);
  data->max_size = max_size;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_thumbnail_render_strip_async);
  g_task_set_task_data (task, data, (GDestroyNotify)strip_data_free);
  g_task_run_in_thread (task, strip_in_thread);
}

/**
 * co_thumbnail_render_strip_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type GdkPixbuf): one picture per time,
 *   or %NULL with @error set
 */
GPtrArray *
co_thumbnail_render_strip_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return co_task_propagate (result, NULL, co_thumbnail_render_strip_async, error);
}
