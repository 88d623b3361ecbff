/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "co-analysis-private.h"
#include "co-pipeline.h"

/*
 * How much the picture changes from one frame to the next, for the scene
 * pass to settle the candidates that frame sizes alone leave in doubt.  The
 * video is decoded only around those: an exact seek to the first of a few
 * frames, which decodes from the key frame before it, then the frames play
 * on into small grey pictures.  The pipeline is opened at the first
 * question, so a file with no doubtful candidate decodes nothing, and the
 * checks of one file have a time budget, so that a video full of doubtful
 * candidates cannot make the analysis slow.
 */

#define WIDTH 160
#define HEIGHT 90
/* Frames pulled after a seek, beyond those asked for, before giving up. */
#define MAX_PULLS 8
#define PULL_TIMEOUT (5 * GST_SECOND)
/* A preroll or seek that takes longer has stalled. */
#define WAIT_LIMIT_S 30
/* Decoding time for all the checks of one file, after which the scene
 * pass goes on with frame sizes alone (some 20 s of 1080p H.264). */
#define BUDGET_US (15 * G_USEC_PER_SEC)
/* Decoded frames keep the container's times, give or take rounding. */
#define SAME_PTS GST_MSECOND

struct _CoPictureChange
{
  char         *path;
  GCancellable *cancellable;
  CoPipeline   *pipeline;
  GstElement   *sink;
  gboolean      broken;       /* the video cannot be decoded: stop asking */
  gint64        spent_us;     /* time taken by the checks so far */
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
  g_clear_object (&self->pipeline);
  g_clear_object (&self->sink);
  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self);
}

static gboolean
ensure_pipeline (CoPictureChange *self)
{
  g_autoptr(GError) error = NULL;

  if (self->pipeline != NULL || self->broken)
    return !self->broken;
  self->pipeline = co_pipeline_new_video (self->path,
                                          "video/x-raw,format=GRAY8,width=160,height=90",
                                          &self->sink, &error);
  if (self->pipeline != NULL)
    co_pipeline_set_wait_limit (self->pipeline, WAIT_LIMIT_S);
  if (self->pipeline == NULL || !co_pipeline_preroll (self->pipeline, self->cancellable, &error)
      || !co_pipeline_start (self->pipeline, &error))
    {
      g_debug ("Cannot decode the video to check scene changes: %s", error->message);
      self->broken = TRUE;
    }
  return !self->broken;
}

/* Copies the grey picture of @sample into @out, WIDTH × HEIGHT bytes. */
static gboolean
copy_picture (GstSample *sample,
              guint8    *out)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample);
  GstVideoInfo info;
  GstVideoFrame frame;

  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&info, caps)
      || GST_VIDEO_INFO_WIDTH (&info) != WIDTH || GST_VIDEO_INFO_HEIGHT (&info) != HEIGHT
      || !gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ))
    return FALSE;
  for (int y = 0; y < HEIGHT; y++)
    memcpy (out + y * WIDTH, (const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&frame, 0)
                             + y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0), WIDTH);
  gst_video_frame_unmap (&frame);
  return TRUE;
}

/* The mean difference of two grey pictures, from 0 to 1. */
static double
difference (const guint8 *a,
            const guint8 *b)
{
  guint64 sum = 0;

  for (gsize i = 0; i < WIDTH * HEIGHT; i++)
    sum += (guint64) abs ((int) a[i] - (int) b[i]);
  return (double) sum / (255.0 * WIDTH * HEIGHT);
}

/* Seeks to the first of @pts and decodes into @pictures the frames shown
 * at each, noting in @have which it got. */
static gboolean
decode_frames (CoPictureChange *self,
               const gint64    *pts,
               gsize            n,
               guint8          *pictures,
               gboolean        *have,
               GError         **error)
{
  if (!co_pipeline_seek (self->pipeline, pts[0], GST_SEEK_FLAG_ACCURATE, self->cancellable,
                         error))
    return FALSE;
  for (gsize pulls = 0; pulls < n + MAX_PULLS && !have[n - 1]; pulls++)
    {
      g_autoptr(GstSample) sample = NULL;
      GstBuffer *buffer;
      GstSegment *segment;
      guint64 time;

      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;
      sample = gst_app_sink_try_pull_sample (GST_APP_SINK (self->sink), PULL_TIMEOUT);
      buffer = sample != NULL ? gst_sample_get_buffer (sample) : NULL;
      segment = sample != NULL ? gst_sample_get_segment (sample) : NULL;
      if (buffer == NULL || segment == NULL || segment->format != GST_FORMAT_TIME)
        break;
      /* The stream's time, as the seek and @pts use. */
      time = gst_segment_to_stream_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buffer));
      if (!GST_CLOCK_TIME_IS_VALID (time))
        continue;
      for (gsize k = 0; k < n; k++)
        if (!have[k] && llabs ((gint64) time - pts[k]) < SAME_PTS)
          have[k] = copy_picture (sample, pictures + k * WIDTH * HEIGHT);
      if ((gint64) time > pts[n - 1] + SAME_PTS)
        break;
    }
  return TRUE;
}

/**
 * _co_picture_change_measure:
 * @pts: (array length=n): frames in the order they are shown, each the one
 *   after the last, in nanoseconds of the stream's time
 * @n: how many, from 2 to %CO_PICTURE_CHANGE_MAX
 * @changes: (out) (array): @n - 1 values: how much the picture changes into
 *   each frame from the one before, from 0 to 1
 *
 * Returns: %FALSE if the frames cannot be decoded, or the checks of this
 *   file have used up their time (BUDGET_US)
 */
gboolean
_co_picture_change_measure (CoPictureChange *self,
                            const gint64    *pts,
                            gsize            n,
                            double          *changes)
{
  g_autofree guint8 *pictures = NULL;
  gboolean have[CO_PICTURE_CHANGE_MAX] = { FALSE };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_return_val_if_fail (n >= 2 && n <= CO_PICTURE_CHANGE_MAX, FALSE);

  /* Past the budget, or cancelled (the analysis then fails as a whole). */
  if (self->spent_us > BUDGET_US || g_cancellable_is_cancelled (self->cancellable)
      || !ensure_pipeline (self))
    return FALSE;
  pictures = g_malloc (n * WIDTH * HEIGHT);
  ok = decode_frames (self, pts, n, pictures, have, &error);
  self->spent_us += g_get_monotonic_time () - start;
  if (!ok)
    {
      g_debug ("Cannot decode frames to check a scene change: %s", error->message);
      self->broken = TRUE;
      return FALSE;
    }
  for (gsize k = 0; k < n; k++)
    if (!have[k])
      return FALSE;
  for (gsize k = 0; k + 1 < n; k++)
    changes[k] = difference (pictures + k * WIDTH * HEIGHT, pictures + (k + 1) * WIDTH * HEIGHT);
  return TRUE;
}
