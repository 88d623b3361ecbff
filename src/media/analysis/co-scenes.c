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
 *
 * But after an intra-coded frame, whether a key frame or a cut, encoders
 * such as x264 spend a few frames refining the new picture, and those
 * frames grow large too, if more gradually.  So a candidate is clear only
 * if it is also several times larger than the last frame of its kind, the
 * more so soon after an intra frame.  A doubtful one within MIN_SCENE
 * reference frames of a cut is that cut's refinement; any other is settled by decoding it
 * and the two frames shown before it (co-picture-change.c): at a cut the
 * picture changes, and much more than just before.  Decoding starts at the
 * key frame before, so this is cheap for the refinement after a key frame,
 * the usual doubt.
 */

#define NEIGHBOURS 15          /* frames on each side for the local median */
#define MIN_RATIO 3.0          /* size over the local median */
#define MIN_KEY_FRACTION 0.25  /* size over the median key frame */
#define MIN_JUMP 2.0           /* a clear cut: size over the last frame of its kind */
#define MIN_JUMP_NEAR 4.0      /* the same, within MIN_SCENE of an intra frame */
#define MIN_SCENE 12           /* reference frames: a doubtful candidate this soon
                                * after a cut is none */
#define MIN_CHANGE 0.02        /* picture change at a cut, 0 to 1 */
#define CHANGE_CONTRAST 3.0    /* ... over the change into the frame before */
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

/* The size of the nearest earlier frame of the same kind as @i, not a key
 * frame, or 0. */
static guint32
previous_size (const CoVideoFrame *frames,
               const gboolean     *b_frames,
               gsize               i)
{
  for (gsize j = i; j-- > 0;)
    if (!frames[j].keyframe && b_frames[j] == b_frames[i])
      return frames[j].size;
  return 0;
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

static int
compare_i64 (const void *a,
             const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A frame in the order frames are shown. */
typedef struct
{
  gint64   pts;
  gboolean b_frame;
} Shown;

/* The frames in the order they are shown. */
static GArray *
shown_order (const CoVideoFrame *frames,
             const gboolean     *b_frames,
             gsize               n)
{
  GArray *shown = g_array_sized_new (FALSE, FALSE, sizeof (Shown), (guint) n);

  for (gsize i = 0; i < n; i++)
    if (frames[i].pts >= 0)
      {
        Shown frame = { frames[i].pts, b_frames[i] };

        g_array_append_val (shown, frame);
      }
  /* Shown starts with its time, so this compares times. */
  g_array_sort (shown, compare_i64);
  return shown;
}

/* Where the frame shown at @pts is in @shown, or -1. */
static gssize
find_shown (GArray *shown,
            gint64  pts)
{
  const Shown *found = bsearch (&pts, shown->data, shown->len, sizeof (Shown), compare_i64);

  return found != NULL ? found - (const Shown *) (gpointer) shown->data : -1;
}

/* The times of the frames shown from @from to @to, at most @max. */
static gsize
times_between (GArray *shown,
               gssize  from,
               gssize  to,
               gint64 *times,
               gsize   max)
{
  gsize n = 0;

  for (gssize j = MAX (from, 0); j <= to && n < max; j++)
    times[n++] = g_array_index (shown, Shown, j).pts;
  return n;
}

/* Whether decoding confirms a doubtful cut at @pts; %TRUE if it cannot
 * tell, as before there was a check. */
static gboolean
confirm_cut (CoPictureChange *check,
             GArray          *shown,
             gint64           pts)
{
  gssize at = find_shown (shown, pts);
  gint64 times[3];
  double changes[2];
  gboolean cut;

  if (check == NULL || at < 2 || times_between (shown, at - 2, at, times, 3) != 3
      || !_co_picture_change_measure (check, times, 3, changes))
    return TRUE;
  cut = changes[1] >= MIN_CHANGE && changes[1] >= CHANGE_CONTRAST * changes[0];
  g_debug ("Possible cut at %.3f s: the picture changes by %.3f, after %.3f: %s",
           (double) pts / GST_SECOND, changes[1], changes[0], cut ? "a cut" : "none");
  return cut;
}

/*
 * With B-frames the encoder codes the first reference frame of a new scene
 * first, but the B-frames shown before it may belong to the new scene too.
 * The cut is where the picture changes most among the frames shown since
 * the last reference frame: found by decoding them.  Returns @pts if
 * there are none or the check cannot tell.
 */
static gint64
first_of_scene (CoPictureChange *check,
                GArray          *shown,
                gint64           pts)
{
  gssize at = find_shown (shown, pts), from = at;
  gint64 times[CO_PICTURE_CHANGE_MAX];
  double changes[CO_PICTURE_CHANGE_MAX - 1];
  gsize n, best = 0;

  /* At most CO_PICTURE_CHANGE_MAX frames: the B-frames, the reference
   * frame before them and the candidate. */
  while (from > 0 && g_array_index (shown, Shown, from - 1).b_frame
         && at - from < CO_PICTURE_CHANGE_MAX - 2)
    from--;
  /* From the reference frame before them, which shows the old scene. */
  from--;
  if (check == NULL || at < 0 || at - from < 2)
    return pts;
  n = times_between (shown, from, at, times, G_N_ELEMENTS (times));
  if (n != (gsize) (at - from + 1) || !_co_picture_change_measure (check, times, n, changes))
    return pts;
  for (gsize k = 1; k < n - 1; k++)
    if (changes[k] > changes[best])
      best = k;
  g_debug ("Cut at %.3f s, coded first at %.3f s: the picture changes by %.3f",
           (double) times[best + 1] / GST_SECOND, (double) pts / GST_SECOND, changes[best]);
  return changes[best] >= MIN_CHANGE ? times[best + 1] : pts;
}

static int
compare_scenes (gconstpointer a,
                gconstpointer b)
{
  double x = ((const CoScene *) a)->time, y = ((const CoScene *) b)->time;

  return x < y ? -1 : x > y;
}

static void
add_scene (GArray             *scenes,
           gint64              pts,
           double              score)
{
  CoScene scene = { _co_round_ms ((double) pts / 1e9),
                    _co_round_ms (CLAMP (score, 0.0, 1.0)) };

  g_array_append_val (scenes, scene);
}

/**
 * _co_scenes_detect:
 * @frames: the video frames in decoding order
 * @n_frames: how many
 * @check: (nullable): decodes frames to settle doubtful candidates
 *
 * Returns: (transfer full): CoScene candidates in time order
 */
GArray *
_co_scenes_detect (const CoVideoFrame *frames,
                   gsize               n_frames,
                   CoPictureChange    *check)
{
  GArray *scenes = g_array_new (FALSE, FALSE, sizeof (CoScene));
  gsize gop = 0, last_key = 0;
  gsize since_intra = 0;           /* reference frames since the last key frame or cut */
  gboolean intra_key = n_frames > 0 && frames[0].keyframe;
  guint32 key_size = median_key_size (frames, n_frames, &gop);
  g_autofree gboolean *b_frames = find_b_frames (frames, n_frames);
  g_autoptr(GArray) shown = shown_order (frames, b_frames, n_frames);

  for (gsize i = 1; i < n_frames; i++)
    {
      const CoVideoFrame *frame = &frames[i];
      guint32 median;
      gboolean near;

      if (frame->pts < 0)
        continue;
      if (frame->keyframe)
        {
          /* A key frame well before the regular interval is a cut the
           * encoder itself detected. */
          if (gop > 0 && (i - last_key) * 5 < gop * 4)
            add_scene (scenes, first_of_scene (check, shown, frame->pts), 0.5);
          last_key = i;
          since_intra = 0;
          intra_key = TRUE;
          continue;
        }
      if (!b_frames[i])
        since_intra++;
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
      near = since_intra < MIN_SCENE;
      if (frame->size < (near ? MIN_JUMP_NEAR : MIN_JUMP) * previous_size (frames, b_frames, i)
          && ((near && !intra_key) || !confirm_cut (check, shown, frame->pts)))
        continue;
      add_scene (scenes, first_of_scene (check, shown, frame->pts),
                 1.0 - (double) median / frame->size);
      since_intra = 0;
      intra_key = FALSE;
    }
  /* A cut placed among B-frames may fall before one found earlier. */
  g_array_sort (scenes, compare_scenes);
  for (guint i = 1; i < scenes->len;)
    if (g_array_index (scenes, CoScene, i).time == g_array_index (scenes, CoScene, i - 1).time)
      g_array_remove_index (scenes, i);
    else
      i++;
  return scenes;
}

/**
 * _co_scenes_find:
 * @path: the file
 * @frames: its video frames (#CoVideoFrame) in decoding order
 * @cancellable: (nullable): cuts the picture checks short
 *
 * _co_scenes_detect() with the picture checks of @path.
 *
 * Returns: (transfer full): CoScene candidates in time order
 */
GArray *
_co_scenes_find (const char   *path,
                 GArray       *frames,
                 GCancellable *cancellable)
{
  CoPictureChange *check = _co_picture_change_new (path, cancellable);
  GArray *scenes = _co_scenes_detect ((const CoVideoFrame *) (gpointer) frames->data,
                                      frames->len, check);

  _co_picture_change_free (check);
  return scenes;
}
