/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "co-analysis-private.h"
#include "co-media.h"
#include "co-pipeline.h"

/*
 * How much the picture changes from one frame to the next, for the scene
 * pass to settle the candidates that frame sizes alone leave in doubt.  The
 * video is decoded only around those: an exact seek to the first of a few
 * frames, which decodes from the key frame before it, then the frames play
 * on into small grey pictures.  The pipeline is opened at the first
 * question, so a file with no doubtful candidate decodes nothing, and the
 * checks of one file have a budget of frames (co-scenes.c), so that a video
 * full of doubtful candidates cannot make the analysis slow.
 */

#define WIDTH 160
#define HEIGHT 90
G_STATIC_ASSERT (WIDTH * HEIGHT == CO_PICTURE_SIZE);
/* Frames pulled after a seek, beyond those asked for, before giving up. */
#define MAX_PULLS 8
#define PULL_TIMEOUT (5 * GST_SECOND)
/* A preroll or seek that takes longer has stalled. */
#define WAIT_LIMIT_S 30
/* Decoded frames keep the container's times, give or take rounding. */
#define SAME_PTS GST_MSECOND
/* Formats whose first plane is the 8-bit luma, as decoders give them. */
#define LUMA_CAPS "video/x-raw,format={I420,YV12,NV12,NV21,Y42B,Y444,Y41B,NV16,NV24,GRAY8}"

struct _CoPictureChange
{
  char         *path;
  GCancellable *cancellable;
  CoPipeline   *pipeline;
  GstElement   *sink;
  gboolean      broken;       /* the video cannot be decoded: stop asking */
  GstSample    *pending;      /* pulled past the last frame asked for */
  guint         checks;       /* questions asked, seeks made and frames pulled, */
  guint         seeks;        /* for the debug log */
  guint         pulled;
};

CoPictureChange *
_co_picture_change_new (const char   *path,
                        GCancellable *cancellable)
{
  CoPictureChange *self = g_new0 (CoPictureChange, 1);

  self->path = g_strdup (path);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  return self;
}

void
_co_picture_change_free (CoPictureChange *self)
{
  if (self == NULL)
    return;
  g_debug ("Scene checks: %u questions, %u seeks, %u frames decoded", self->checks, self->seeks,
           self->pulled);
  g_clear_pointer (&self->pending, gst_sample_unref);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->sink);
  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self);
}

/* A check decodes a few frames after each seek.  Frame threading would make
 * the decoder hold frames back and set up each thread's state again after
 * every seek's flush, which costs more than a second thread brings. */
static void
element_added_cb (GstBin     *pipeline,
                  GstBin     *bin,
                  GstElement *element,
                  gpointer    user_data)
{
  GstElementFactory *factory = gst_element_get_factory (element);

  if (factory != NULL && g_str_has_prefix (GST_OBJECT_NAME (factory), "avdec_")
      && g_object_class_find_property (G_OBJECT_GET_CLASS (element), "max-threads") != NULL)
    g_object_set (element, "max-threads", 1, NULL);
}

static gboolean
ensure_pipeline (CoPictureChange *self)
{
  g_autoptr(GError) error = NULL;

  if (self->pipeline != NULL || self->broken)
    return !self->broken;
  co_media_keep_freed_memory ();
  self->pipeline = co_pipeline_new_video (self->path, LUMA_CAPS, &self->sink, &error);
  if (self->pipeline != NULL)
    {
      co_pipeline_set_wait_limit (self->pipeline, WAIT_LIMIT_S);
      g_signal_connect (co_pipeline_get_element (self->pipeline), "deep-element-added",
                        G_CALLBACK (element_added_cb), NULL);
    }
  if (self->pipeline == NULL || !co_pipeline_preroll (self->pipeline, self->cancellable, &error)
      || !co_pipeline_start (self->pipeline, &error))
    {
      g_debug ("Cannot decode the video to check scene changes: %s", error->message);
      self->broken = TRUE;
    }
  return !self->broken;
}

/* Columns added up at a time: a constant count, so that the compiler adds
 * them as vectors (GCC does at -O2). */
#define BLOCK 32

/* Adds up @rows rows of @width bytes from @line, @stride bytes apart, into
 * @columns: 16 bits hold the sums of 257 rows. */
static void
add_band (const guint8 *restrict line,
          int                    stride,
          int                    width,
          int                    rows,
          guint16 *restrict      columns)
{
  int blocks = width / BLOCK * BLOCK;

  g_assert (rows >= 1 && rows <= 257);
  memset (columns, 0, width * sizeof (guint16));
  for (int row = 0; row < rows; row++, line += stride)
    {
      for (int i = 0; i < blocks; i += BLOCK)
        for (int k = 0; k < BLOCK; k++)
          columns[i + k] += line[i + k];
      for (int i = blocks; i < width; i++)
        columns[i] += line[i];
    }
}

/**
 * _co_picture_change_shrink:
 * @luma: the 8-bit luma plane of a picture
 * @stride: bytes from one row of @luma to the next
 * @width: its width in pixels, at least 1
 * @height: its height in rows, at least 1
 * @full_range: whether the luma runs from 0 to 255 rather than 16 to 235
 * @out: (out caller-allocates): %CO_PICTURE_SIZE bytes
 *
 * Box-averages @luma into a 160 × 90 grey picture in full range, as
 * videoconvert and videoscale would make GRAY8 of it.
 */
void
_co_picture_change_shrink (const guint8 *luma,
                           int           stride,
                           int           width,
                           int           height,
                           gboolean      full_range,
                           guint8       *out)
{
  g_autofree guint16 *columns = g_new (guint16, width);
  int x_edge[WIDTH + 1];

  for (int x = 0; x <= WIDTH; x++)
    x_edge[x] = (int) ((gint64) x * width / WIDTH);
  for (int y = 0; y < HEIGHT; y++)
    {
      int top = (int) ((gint64) y * height / HEIGHT);
      /* A band taller than 257 rows (a picture over 23,000 rows high) is
       * averaged over its first 257. */
      int rows = CLAMP ((int) ((gint64) (y + 1) * height / HEIGHT) - top, 1, 257);

      add_band (luma + (gsize) top * stride, stride, width, rows, columns);
      for (int x = 0; x < WIDTH; x++)
        {
          int right = MAX (x_edge[x + 1], x_edge[x] + 1);
          guint64 sum = 0;
          double mean;

          for (int i = x_edge[x]; i < right; i++)
            sum += columns[i];
          mean = (double) sum / ((gint64) (right - x_edge[x]) * rows);
          if (!full_range)
            mean = (mean - 16.0) * 255.0 / 219.0;
          out[y * WIDTH + x] = (guint8) CLAMP (mean + 0.5, 0.0, 255.0);
        }
    }
}

/* Shrinks the picture of @sample into @out, WIDTH × HEIGHT bytes. */
static gboolean
copy_picture (GstSample *sample,
              guint8    *out)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample);
  GstVideoInfo info;
  GstVideoFrame frame;
  gboolean full_range;

  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&info, caps)
      || GST_VIDEO_INFO_WIDTH (&info) < 1 || GST_VIDEO_INFO_HEIGHT (&info) < 1
      || !gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ))
    return FALSE;
  full_range = GST_VIDEO_INFO_COLORIMETRY (&info).range == GST_VIDEO_COLOR_RANGE_0_255;
  _co_picture_change_shrink (GST_VIDEO_FRAME_PLANE_DATA (&frame, 0),
                             GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0), GST_VIDEO_INFO_WIDTH (&info),
                             GST_VIDEO_INFO_HEIGHT (&info), full_range, out);
  gst_video_frame_unmap (&frame);
  return TRUE;
}

/**
 * _co_picture_change_difference:
 * @a: a picture of %CO_PICTURE_SIZE bytes
 * @b: another
 *
 * Returns: the mean difference of the two grey pictures, from 0 to 1
 */
double
_co_picture_change_difference (const guint8 *a,
                               const guint8 *b)
{
  guint64 sum = 0;

  for (gsize i = 0; i < CO_PICTURE_SIZE; i++)
    sum += (guint64) abs ((int) a[i] - (int) b[i]);
  return (double) sum / (255.0 * CO_PICTURE_SIZE);
}

/* The next decoded frame: the one pulled ahead last time, if any. */
static GstSample *
next_sample (CoPictureChange *self)
{
  if (self->pending != NULL)
    return g_steal_pointer (&self->pending);
  return gst_app_sink_try_pull_sample (GST_APP_SINK (self->sink), PULL_TIMEOUT);
}

/* The stream's time of @sample's frame, as the seek and the frame table
 * use, or GST_CLOCK_TIME_NONE. */
static guint64
stream_time (GstSample *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstSegment *segment = gst_sample_get_segment (sample);

  if (buffer == NULL || segment == NULL || segment->format != GST_FORMAT_TIME)
    return GST_CLOCK_TIME_NONE;
  return gst_segment_to_stream_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buffer));
}

/*
 * Seeks to the first of @pts, or goes on from the last frame decoded
 * through @ahead frames before it, and decodes into @pictures the frames
 * shown at each, noting in @have which it got.  Decoding goes on to the
 * frame after the last asked for (kept for the next call): after an exact
 * seek some decoders first give the key frame before the target with the
 * target's time, and only then the target, so the last frame with a time
 * is the one shown then.
 */
static gboolean
decode_frames (CoPictureChange *self,
               const gint64    *pts,
               gsize            n,
               gssize           ahead,
               guint8          *pictures,
               gboolean        *have,
               GError         **error)
{
  if (ahead < 0)
    {
      g_clear_pointer (&self->pending, gst_sample_unref);
      self->seeks++;
      if (!co_pipeline_seek (self->pipeline, pts[0], GST_SEEK_FLAG_ACCURATE, self->cancellable,
                             error))
        return FALSE;
    }
  for (gsize pulls = 0; pulls < MAX (ahead, 0) + n + MAX_PULLS; pulls++)
    {
      g_autoptr(GstSample) sample = NULL;
      guint64 time;

      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;
      if (self->pending == NULL)
        self->pulled++;
      sample = next_sample (self);
      if (sample == NULL)
        break;
      time = stream_time (sample);
      if (!GST_CLOCK_TIME_IS_VALID (time))
        continue;
      if ((gint64) time > pts[n - 1] + SAME_PTS)
        {
          self->pending = g_steal_pointer (&sample);
          break;
        }
      for (gsize k = 0; k < n; k++)
        if (llabs ((gint64) time - pts[k]) < SAME_PTS)
          have[k] = copy_picture (sample, pictures + k * CO_PICTURE_SIZE);
    }
  return TRUE;
}

/**
 * _co_picture_change_pictures:
 * @pts: (array length=n): frames in the order they are shown, in
 *   nanoseconds of the stream's time
 * @n: how many, from 1 to %CO_PICTURE_CHANGE_MAX
 * @ahead: -1 to decode from the key frame before the first of @pts (a key
 *   frame alone then costs one frame); else the number of frames shown
 *   between the last frame decoded and the first of @pts, which decoding
 *   goes on through
 * @pictures: (out) (array): @n grey pictures of %CO_PICTURE_SIZE bytes
 *
 * Decodes the frames shown at @pts.
 *
 * Returns: %FALSE if the frames cannot be decoded
 */
gboolean
_co_picture_change_pictures (CoPictureChange *self,
                             const gint64    *pts,
                             gsize            n,
                             gssize           ahead,
                             guint8          *pictures)
{
  gboolean have[CO_PICTURE_CHANGE_MAX] = { FALSE };
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (n >= 1 && n <= CO_PICTURE_CHANGE_MAX, FALSE);

  /* Cancelled, the analysis fails as a whole. */
  if (g_cancellable_is_cancelled (self->cancellable) || !ensure_pipeline (self))
    return FALSE;
  self->checks++;
  if (!decode_frames (self, pts, n, ahead, pictures, have, &error))
    {
      g_debug ("Cannot decode frames to check a scene change: %s", error->message);
      self->broken = TRUE;
      return FALSE;
    }
  for (gsize k = 0; k < n; k++)
    if (!have[k])
      return FALSE;
  return TRUE;
}

/**
 * _co_picture_change_measure:
 * @pts: (array length=n): frames in the order they are shown, each the one
 *   after the last, in nanoseconds of the stream's time
 * @n: how many, from 2 to %CO_PICTURE_CHANGE_MAX
 * @ahead: as for _co_picture_change_pictures()
 * @changes: (out) (array): @n - 1 values: how much the picture changes into
 *   each frame from the one before, from 0 to 1
 *
 * Returns: %FALSE if the frames cannot be decoded
 */
gboolean
_co_picture_change_measure (CoPictureChange *self,
                            const gint64    *pts,
                            gsize            n,
                            gssize           ahead,
                            double          *changes)
{
  g_autofree guint8 *pictures = NULL;

  g_return_val_if_fail (n >= 2 && n <= CO_PICTURE_CHANGE_MAX, FALSE);

  pictures = g_malloc (n * CO_PICTURE_SIZE);
  if (!_co_picture_change_pictures (self, pts, n, ahead, pictures))
    return FALSE;
  for (gsize k = 0; k + 1 < n; k++)
    changes[k] = _co_picture_change_difference (pictures + k * CO_PICTURE_SIZE,
                                                pictures + (k + 1) * CO_PICTURE_SIZE);
  return TRUE;
}
