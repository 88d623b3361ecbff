/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <stdlib.h>

#include "co-analysis-private.h"

/*
 * Scene changes from the compressed video alone, without decoding a frame.
 * An encoder codes a predicted frame as the difference to the previous one;
 * at a cut nothing can be predicted, so that frame is coded (nearly) intra
 * and is several times larger than its neighbours and close to the size of
 * a key frame.  The demuxer already knows each frame's size and exact
 * presentation time, so the candidates are frame-exact by construction.
 * A key frame off the regular key-frame grid is an encoder's own scene cut.
 */

#define NEIGHBOURS 15          /* frames on each side for the local median */
#define MIN_RATIO 3.0          /* size over the local median */
#define MIN_KEY_FRACTION 0.25  /* size over the median key frame */
#define SUPPRESS 3             /* a cut is the largest frame within this many */

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/*
 * With B-frames (x264's default: three to each P-frame) most frames are
 * tiny, and beside them every P-frame would look like a cut.  So a frame is
 * compared only with frames of its own kind.  B-frames are told apart
 * without parsing: in decoding order, they are shown before a frame already
 * decoded.
 */
static gboolean *
find_b_frames (const CoVideoFrame *frames,
               gsize               n)
{
  gboolean *b = g_new0 (gboolean, MAX (n, 1));
  gint64 latest = G_MININT64;

  for (gsize i = 0; i < n; i++)
    {
      b[i] = frames[i].pts >= 0 && frames[i].pts < latest;
      latest = MAX (latest, frames[i].pts);
    }
  return b;
}

static guint32
local_median (const CoVideoFrame *frames,
              const gboolean     *b_frames,
              gsize               n,
              gsize               i)
{
  guint32 sizes[2 * NEIGHBOURS];
  gsize count = 0;
  gsize from = i > NEIGHBOURS ? i - NEIGHBOURS : 0;
  gsize to = MIN (n, i + NEIGHBOURS + 1);

  for (gsize j = from; j < to; j++)
    if (j != i && !frames[j].keyframe && b_frames[j] == b_frames[i])
      sizes[count++] = frames[j].size;
  if (count == 0)
    return 0;
  qsort (sizes, count, sizeof (guint32), compare_u32);
  return sizes[count / 2];
}

static guint32
median_key_size (const CoVideoFrame *frames,
                 gsize               n,
                 gsize              *gop)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (guint32));
  gsize last = 0;

  for (gsize i = 0; i < n; i++)
    if (frames[i].keyframe)
      {
        guint32 gap = (guint32) (i - last);

        g_array_append_val (sizes, frames[i].size);
        if (i > 0)
          g_array_append_val (gaps, gap);
        last = i;
      }
  g_array_sort (gaps, compare_u32);
  *gop = gaps->len > 0 ? g_array_index (gaps, guint32, gaps->len / 2) : 0;
  if (sizes->len == 0)
    return 0;
  g_array_sort (sizes, compare_u32);
  return g_array_index (sizes, guint32, sizes->len / 2);
}

static gboolean
is_local_max (const CoVideoFrame *frames,
              gsize               n,
              gsize               i)
{
  gsize from = i > SUPPRESS ? i - SUPPRESS : 0;

  for (gsize j = from; j < MIN (n, i + SUPPRESS + 1); j++)
    if (j != i && !frames[j].keyframe && frames[j].size > frames[i].size)
      return FALSE;
  return TRUE;
}

static void
add_scene (GArray             *scenes,
           const CoVideoFrame *frame,
           double              score)
{
  CoScene scene = { _co_round_ms ((double) frame->pts / 1e9),
                    _co_round_ms (CLAMP (score, 0.0, 1.0)) };

  g_array_append_val (scenes, scene);
}

/**
 * _co_scenes_detect:
 * @frames: the video frames in decoding order
 * @n_frames: how many
 *
 * Returns: (transfer full): CoScene candidates in time order
 */
GArray *
_co_scenes_detect (const CoVideoFrame *frames,
                   gsize               n_frames)
{
  GArray *scenes = g_array_new (FALSE, FALSE, sizeof (CoScene));
  gsize gop = 0, last_key = 0;
  guint32 key_size = median_key_size (frames, n_frames, &gop);
  g_autofree gboolean *b_frames = find_b_frames (frames, n_frames);

  for (gsize i = 1; i < n_frames; i++)
    {
      const CoVideoFrame *frame = &frames[i];
      guint32 median;

      if (frame->pts < 0)
        continue;
      if (frame->keyframe)
        {
          /* A key frame well before the regular interval is a cut the
           * encoder itself detected. */
          if (gop > 0 && (i - last_key) * 5 < gop * 4)
            add_scene (scenes, frame, 0.5);
          last_key = i;
          continue;
        }
      /* Encoders such as VP8 spend extra bits on the frame right after a
       * key frame to refresh their reference; that is no cut.  (A cut
       * exactly there is missed: a documented limit of this pass.) */
      if (frames[i - 1].keyframe)
        continue;
      median = local_median (frames, b_frames, n_frames, i);
      if (frame->size < MIN_RATIO * MAX (median, 1)
          || frame->size < MIN_KEY_FRACTION * key_size
          || !is_local_max (frames, n_frames, i))
        continue;
      add_scene (scenes, frame, 1.0 - (double) median / frame->size);
    }
  return scenes;
}
