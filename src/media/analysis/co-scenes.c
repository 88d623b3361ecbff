/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "co-analysis-private.h"

/*
 * Scene changes from the compressed video, decoding as little as possible.
 *
 * An encoder codes a predicted frame as the difference to the frames it
 * refers to; at a cut nothing can be predicted, so that frame is coded
 * (nearly) intra and is several times larger than its neighbours of its
 * kind.  The demuxer or the sample table already knows each frame's size
 * and exact time, so such candidates are frame-exact by construction.  But
 * after an intra frame encoders such as x264 spend a few frames refining
 * the new picture, and those frames grow large too: a candidate is clear
 * only if it is also several times larger than the last frame of its
 * kind, the more so soon after an intra frame.  A doubtful one is settled
 * by decoding it and the two frames shown before it (co-picture-change.c):
 * at a cut the picture changes, and much more than just before.
 *
 * Key frames are intra whatever they show, so their size says little: an
 * encoder puts them on a regular grid, where a cut may fall too, and at
 * the cuts it notices itself.  So every key frame is a candidate, judged
 * by its picture, which costs the decoding of one frame: against the key
 * frame before it and the one after.  A key frame that looks like the one
 * before, with no cut between them, is none; one that differs from the key
 * frame before several times more than from the one after shows a cut:
 * at the key frame itself, or inside its group where no frame was large
 * enough to show it (a starved frame, or a shot full of motion), found by
 * decoding the group until its picture turns; only the rest are decoded
 * with the frames before them.
 *
 * What the checks of one file may decode is a budget in frames that grows
 * with the number of candidates, counted from the key frame each check
 * must start at.  It is counted in frames, not in time, so that the same
 * file gives the same scenes on any machine.  Past it, candidates are
 * judged by their sizes or their key frames alone.
 */

#define NEIGHBOURS 15          /* frames on each side for the local median */
#define MIN_RATIO 3.0          /* size over the local median */
#define MIN_KEY_FRACTION 0.25  /* size over the median key frame */
#define MIN_JUMP 2.0           /* a clear cut: size over the last frame of its kind */
#define MIN_JUMP_NEAR 4.0      /* the same, within MIN_SCENE of an intra frame */
#define SURE_JUMP 16.0         /* a cut beyond doubt, with no B-frame before it */
#define MIN_SCENE 12           /* reference frames: a doubtful candidate this soon
                                * after a cut is none */
#define MIN_CHANGE 0.02        /* picture change at a cut, 0 to 1 */
#define CHANGE_CONTRAST 3.0    /* ... over the change into the frame before */
#define STRONG_CHANGE 0.1      /* a change this large between key frames is a cut
                                * when the frames between cannot be decoded */
#define SUPPRESS 3             /* a cut is the largest frame within this many */
#define LOOK_BACK 4            /* frames decoded before a candidate, at least */
/* The budget: frames for every file, plus frames for each key frame,
 * each cut found by its size (placing it among B-frames needs decoding)
 * and each doubtful candidate; never more than BUDGET_SHARE % of the
 * frames, or BUDGET_SHORT frames for a short video. */
#define BUDGET_BASE 120
#define BUDGET_PER_CANDIDATE 48
#define BUDGET_SHARE 2
#define BUDGET_SHORT 900
/* A walk through a group looks for a cut among this many frames after its
 * key frame at most: what a candidate adds to the budget. */
#define WALK_MAX BUDGET_PER_CANDIDATE

/* A frame in the order frames are shown. */
typedef struct
{
  gint64   pts;
  gboolean b_frame;
  gboolean keyframe;
  guint32  size;
} Shown;

typedef struct
{
  const CoVideoFrame *frames;
  gsize               n;
  gboolean           *b_frames;
  GArray             *shown;       /* Shown, in display order */
  CoPictureChange    *check;
  gint64              budget;      /* frames the checks may still decode */
  gint64              limit;       /* the most it may grow to */
  gint64              reserve;     /* kept for the key frames */
  gssize              decoded;     /* the last frame decoded (shown order), or -1 */
  GHashTable         *pictures;    /* pts → grey picture of a key frame, or of a frame
                                    * at a cut or just before it */
  GArray             *scenes;      /* CoScene */
  guint               n_keys;      /* key frames in all */
} Scan;

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static int
compare_i64 (const void *a,
             const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

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
local_median (const Scan *scan,
              gsize       i)
{
  guint32 sizes[2 * NEIGHBOURS];
  gsize count = 0;
  gsize from = i > NEIGHBOURS ? i - NEIGHBOURS : 0;
  gsize to = MIN (scan->n, i + NEIGHBOURS + 1);

  for (gsize j = from; j < to; j++)
    if (j != i && !scan->frames[j].keyframe && scan->b_frames[j] == scan->b_frames[i])
      sizes[count++] = scan->frames[j].size;
  if (count == 0)
    return 0;
  qsort (sizes, count, sizeof (guint32), compare_u32);
  return sizes[count / 2];
}

static guint32
median_key_size (const CoVideoFrame *frames,
                 gsize               n)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (gsize i = 0; i < n; i++)
    if (frames[i].keyframe)
      g_array_append_val (sizes, frames[i].size);
  if (sizes->len == 0)
    return 0;
  g_array_sort (sizes, compare_u32);
  return g_array_index (sizes, guint32, sizes->len / 2);
}

/* The size of the nearest earlier frame of the same kind as @i, not a key
 * frame, or 0. */
static guint32
previous_size (const Scan *scan,
               gsize       i)
{
  for (gsize j = i; j-- > 0;)
    if (!scan->frames[j].keyframe && scan->b_frames[j] == scan->b_frames[i])
      return scan->frames[j].size;
  return 0;
}

static gboolean
is_local_max (const Scan *scan,
              gsize       i)
{
  gsize from = i > SUPPRESS ? i - SUPPRESS : 0;

  for (gsize j = from; j < MIN (scan->n, i + SUPPRESS + 1); j++)
    if (j != i && !scan->frames[j].keyframe && scan->frames[j].size > scan->frames[i].size)
      return FALSE;
  return TRUE;
}

static void
grow_budget (Scan *scan)
{
  scan->budget = MIN (scan->budget + BUDGET_PER_CANDIDATE, scan->limit);
}

/* The frames in the order they are shown. */
static GArray *
shown_order (const Scan *scan)
{
  GArray *shown = g_array_sized_new (FALSE, FALSE, sizeof (Shown), (guint) scan->n);

  for (gsize i = 0; i < scan->n; i++)
    if (scan->frames[i].pts >= 0)
      {
        Shown frame = { scan->frames[i].pts, scan->b_frames[i], scan->frames[i].keyframe,
                        scan->frames[i].size };

        g_array_append_val (shown, frame);
      }
  /* Shown starts with its time, so this compares times. */
  g_array_sort (shown, compare_i64);
  return shown;
}

static const Shown *
shown_at (const Scan *scan,
          gssize      i)
{
  return &g_array_index (scan->shown, Shown, i);
}

/* Where the frame shown at @pts is, or -1. */
static gssize
find_shown (const Scan *scan,
            gint64      pts)
{
  const Shown *found = bsearch (&pts, scan->shown->data, scan->shown->len, sizeof (Shown),
                                compare_i64);

  return found != NULL ? found - (const Shown *) (gpointer) scan->shown->data : -1;
}

/* Where the frame shown nearest @pts is (a scene's time is rounded to the
 * millisecond), or -1. */
static gssize
find_near (const Scan *scan,
           gint64      pts)
{
  gssize lo = 0, hi = (gssize) scan->shown->len;

  while (lo < hi)
    {
      gssize mid = (lo + hi) / 2;

      if (shown_at (scan, mid)->pts < pts)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo > 0 && (lo == (gssize) scan->shown->len
                 || pts - shown_at (scan, lo - 1)->pts < shown_at (scan, lo)->pts - pts))
    lo--;
  return lo < (gssize) scan->shown->len ? lo : -1;
}

/* The key frame shown last at or before the frame shown at @at (0 if
 * none is). */
static gssize
key_before (const Scan *scan,
            gssize      at)
{
  while (at > 0 && !shown_at (scan, at)->keyframe)
    at--;
  return at;
}

/* What decoding the @n frames shown from @from on costs: the frames from
 * the last one decoded if it is in the same group of pictures and before
 * them, else from the key frame before them.  Takes that from the budget
 * and returns TRUE, with *@ahead -1 to seek or the frames to go on through,
 * if the budget allows. */
static gssize
cost_of (const Scan *scan,
         gssize      from,
         gsize       n,
         gssize     *ahead)
{
  gssize key = key_before (scan, from);

  *ahead = scan->decoded >= key && scan->decoded < from ? from - scan->decoded - 1 : -1;
  return (*ahead >= 0 ? *ahead : from - key) + (gssize) n;
}

static gboolean
afford (Scan   *scan,
        gssize  from,
        gsize   n,
        gssize *ahead)
{
  gssize cost = cost_of (scan, from, n, ahead);

  if (scan->check == NULL || cost > scan->budget - scan->reserve)
    return FALSE;
  scan->budget -= cost;
  return TRUE;
}

/* Notes where decoding stands after frames up to @to were asked for. */
static gboolean
decoded (Scan    *scan,
         gssize   to,
         gboolean ok)
{
  scan->decoded = ok ? to : -1;
  return ok;
}

/* Keeps the picture of the frame shown at @at. */
static void
keep_picture (Scan         *scan,
              gssize        at,
              const guint8 *picture)
{
  gint64 pts = shown_at (scan, at)->pts;

  g_hash_table_insert (scan->pictures, g_memdup2 (&pts, sizeof pts),
                       g_memdup2 (picture, CO_PICTURE_SIZE));
}

/* The picture kept of the frame shown at @at, or NULL. */
static const guint8 *
kept_picture (Scan  *scan,
              gssize at)
{
  gint64 pts = shown_at (scan, at)->pts;

  return g_hash_table_lookup (scan->pictures, &pts);
}

/* Decodes the frames shown from @from to @to into @pictures, if the
 * budget allows. */
static gboolean
decode (Scan   *scan,
        gssize  from,
        gssize  to,
        guint8 *pictures)
{
  gint64 times[CO_PICTURE_CHANGE_MAX];
  gsize n = (gsize) (to - from + 1);
  gssize ahead;

  if (from < 0 || n < 1 || n > CO_PICTURE_CHANGE_MAX || !afford (scan, from, n, &ahead))
    return FALSE;
  for (gsize k = 0; k < n; k++)
    times[k] = shown_at (scan, from + (gssize) k)->pts;
  return decoded (scan, to, _co_picture_change_pictures (scan->check, times, n, ahead, pictures));
}

/*
 * Where a cut near the frame shown at @at is, by decoding the frames shown
 * before it: back to the reference frame before the B-frames shown just
 * before it (with B-frames the encoder codes the first reference frame of
 * a new scene first, but B-frames shown before it may belong to the new
 * scene too), and at least four frames back (a rate control that starved
 * the cut's own frame makes one of the next ones the largest).  The cut is
 * where the picture changes most, if that change is a real one and
 * several times any other.  Returns its frame, -1 if there is none, or
 * @unknown if the frames cannot be decoded.
 */
static gssize
locate (Scan   *scan,
        gssize  at,
        gssize  unknown)
{
  g_autofree guint8 *pictures = g_malloc (CO_PICTURE_CHANGE_MAX * CO_PICTURE_SIZE);
  double changes[CO_PICTURE_CHANGE_MAX - 1];
  gssize from = at, best = 0;

  while (from > 0 && shown_at (scan, from - 1)->b_frame && at - from < CO_PICTURE_CHANGE_MAX - 2)
    from--;
  from = MAX (0, MIN (from - 1, at - LOOK_BACK));
  if (at - from < 1 || !decode (scan, from, at, pictures))
    return unknown;
  for (gssize k = 0; k < at - from; k++)
    {
      changes[k] = _co_picture_change_difference (pictures + k * CO_PICTURE_SIZE,
                                                  pictures + (k + 1) * CO_PICTURE_SIZE);
      if (changes[k] > changes[best])
        best = k;
    }
  for (gssize k = 0; k < at - from; k++)
    if (k != best && changes[best] < CHANGE_CONTRAST * changes[k])
      return -1;
  if (changes[best] < MIN_CHANGE)
    return -1;
  /* The key frames after it are compared with its picture, and the key
   * frame before it with the picture before it (scan_before_cuts()). */
  keep_picture (scan, from + best, pictures + best * CO_PICTURE_SIZE);
  keep_picture (scan, from + best + 1, pictures + (best + 1) * CO_PICTURE_SIZE);
  g_debug ("A cut near %.3f s is at %.3f s: the picture changes by %.3f",
           (double) shown_at (scan, at)->pts / GST_SECOND,
           (double) shown_at (scan, from + best + 1)->pts / GST_SECOND, changes[best]);
  return from + best + 1;
}

static void
add_scene (Scan   *scan,
           gssize  at,
           double  score)
{
  CoScene scene = { _co_round_ms ((double) shown_at (scan, at)->pts / 1e9),
                    _co_round_ms (CLAMP (score, 0.0, 1.0)) };

  g_array_append_val (scan->scenes, scene);
}

/* The grey picture of the key frame shown at @at, decoded once; NULL if
 * it cannot be. */
static const guint8 *
key_picture (Scan  *scan,
             gssize at)
{
  const guint8 *kept = kept_picture (scan, at);
  g_autofree guint8 *picture = NULL;

  if (kept != NULL)
    return kept;
  picture = g_malloc (CO_PICTURE_SIZE);
  if (!decode (scan, at, at, picture))
    return NULL;
  keep_picture (scan, at, picture);
  return kept_picture (scan, at);
}

/*
 * Whether the group of pictures that the frame shown at @at belongs to
 * ends as it starts: its key frame looks like the key frame after it.  A
 * cut in the group would show in the later key frame, unless the group
 * cuts back.  FALSE where either picture is unknown.
 */
static gboolean
group_unchanged (Scan  *scan,
                 gssize at)
{
  gssize key = key_before (scan, at), next = at + 1;
  const guint8 *first, *last;

  while (next < (gssize) scan->shown->len && !shown_at (scan, next)->keyframe)
    next++;
  if (next >= (gssize) scan->shown->len)
    return FALSE;
  first = key_picture (scan, key);
  last = first != NULL ? key_picture (scan, next) : NULL;
  return last != NULL && _co_picture_change_difference (first, last) < MIN_CHANGE;
}

/* Where the scene that the predicted frame @i (decoding order) starts
 * begins, or -1 if it starts none. */
static gssize
judge_predicted (Scan    *scan,
                 gsize    i,
                 guint32  key_size,
                 gboolean near,
                 gboolean intra_key,
                 double  *score)
{
  const CoVideoFrame *frame = &scan->frames[i];
  guint32 median = local_median (scan, i);
  gssize at = find_shown (scan, frame->pts);

  if (at < 0 || frame->size < MIN_RATIO * MAX (median, 1)
      || frame->size < MIN_KEY_FRACTION * key_size || !is_local_max (scan, i))
    return -1;
  *score = 1.0 - (double) median / frame->size;
  grow_budget (scan);
  /* A frame that dwarfs the last of its kind, with no B-frame shown before
   * it that might hold the cut instead, is one, exactly there; but where
   * decoding it costs no more than a candidate adds to the budget, it is
   * decoded: a rate control that starved a key frame spends many times as
   * much on refining its picture soon after, and VP9's real-time mode on
   * sharpening a picture that has not changed.  The key frame pass would
   * decode that cut's picture anyway (cut_picture()). */
  if (frame->size >= SURE_JUMP * previous_size (scan, i) && at > 0
      && !shown_at (scan, at - 1)->b_frame)
    return at - key_before (scan, at) < BUDGET_PER_CANDIDATE ? locate (scan, at, at) : at;
  /* A clear candidate is decoded too where the budget allows, to place it
   * exactly and because some encoders (VP9's real-time mode) now and then
   * spend several times the bits on a frame to sharpen a picture that has
   * not changed. */
  if (frame->size >= (near ? MIN_JUMP_NEAR : MIN_JUMP) * previous_size (scan, i))
    return locate (scan, at, at);
  /* A doubtful candidate soon after a cut it found is its refinement.
   * Soon after a key frame it is one too if the group ends as it starts,
   * which costs the two key frames' pictures, judged later anyway, instead
   * of the frames up to it; else it is decoded, as later ones are. */
  if (near && (!intra_key || group_unchanged (scan, at)))
    return -1;
  return locate (scan, at, at);
}

/* The predicted frames, in decoding order. */
static void
scan_predicted (Scan *scan)
{
  guint32 key_size = median_key_size (scan->frames, scan->n);
  gsize since_intra = 0;           /* reference frames since the last key frame or cut */
  gboolean intra_key = TRUE;       /* that was a key frame */

  for (gsize i = 1; i < scan->n; i++)
    {
      const CoVideoFrame *frame = &scan->frames[i];
      double score;
      gssize at;

      if (frame->pts < 0)
        continue;
      if (frame->keyframe)
        {
          since_intra = 0;
          intra_key = TRUE;
          continue;
        }
      if (!scan->b_frames[i])
        since_intra++;
      at = judge_predicted (scan, i, key_size, since_intra < MIN_SCENE, intra_key, &score);
      if (at < 0)
        continue;
      add_scene (scan, at, score);
      since_intra = 0;
      intra_key = FALSE;
    }
}

/* The picture of the cut shown at @cut, after the key frame shown at
 * @key: the one kept, or else decoded if that costs no more frames than a
 * candidate adds to the budget; NULL if neither. */
static const guint8 *
cut_picture (Scan  *scan,
             gssize key,
             gssize cut)
{
  const guint8 *kept = kept_picture (scan, cut);
  g_autofree guint8 *picture = NULL;

  if (kept != NULL || cut - key >= BUDGET_PER_CANDIDATE)
    return kept;
  picture = g_malloc (CO_PICTURE_SIZE);
  if (!decode (scan, cut, cut, picture))
    return NULL;
  keep_picture (scan, cut, picture);
  return kept_picture (scan, cut);
}

/* The frame shown where the @i-th scene found starts, or -1. */
static gssize
scene_frame (const Scan *scan,
             guint       i)
{
  return find_near (scan, (gint64) (g_array_index (scan->scenes, CoScene, i).time * GST_SECOND
                                    + 0.5));
}

/* The last cut found among the frames shown between @from and @to, or
 * -1. */
static gssize
cut_between (const Scan *scan,
             gssize      from,
             gssize      to)
{
  gint64 start = shown_at (scan, from)->pts, end = shown_at (scan, to)->pts;
  gssize last = -1;

  for (guint i = 0; i < scan->scenes->len; i++)
    {
      gssize at = scene_frame (scan, i);

      if (at > from && at < to && shown_at (scan, at)->pts > start
          && shown_at (scan, at)->pts < end)
        last = MAX (last, at);
    }
  return last;
}

/* Where, among @n changes of picture in @change, the picture turns: the
 * largest changes, down to one that is a real change and several times
 * the largest of the rest; none if there is no such step.  Sets @turn for
 * each of them if @turn is not NULL, and returns how many. */
static gsize
find_turns (const double *change,
            gsize         n,
            gboolean     *turn)
{
  gsize order[WALK_MAX + CO_PICTURE_CHANGE_MAX + 1];
  gsize found = 0;

  g_assert (n <= G_N_ELEMENTS (order));
  for (gsize i = 0; i < n; i++)
    {
      gsize j = i;

      for (; j > 0 && change[order[j - 1]] < change[i]; j--)
        order[j] = order[j - 1];
      order[j] = i;
    }
  for (gsize m = 1; m <= n && found == 0; m++)
    {
      double next = m < n ? change[order[m]] : 0.0;

      if (change[order[m - 1]] < MIN_CHANGE)
        break;
      if (change[order[m - 1]] >= CHANGE_CONTRAST * next)
        found = m;
    }
  for (gsize i = 0; turn != NULL && i < n; i++)
    turn[i] = FALSE;
  for (gsize i = 0; turn != NULL && i < found; i++)
    turn[order[i]] = TRUE;
  return found;
}

/*
 * Where, among the frames shown after @before (a key frame, or a cut whose
 * picture is known) and up to the frame shown at @at, the picture turns
 * from @first (@before's) into @last (@at's), when they differ and no cut
 * was found between them.  x264 puts no key frame within its minimum
 * interval of the last one, and a cut's predicted frame need not be larger
 * than its neighbours: rate control may starve it, or a shot full of
 * motion make every frame as costly.  So neither its size nor a key frame
 * tells; only its picture does.  The frames are decoded from @before on,
 * and the walk stops once one looks like @last; if none does, the change
 * into @last counts too.  The picture turns at the changes that are real
 * ones and several times any other on the way (find_turns()): one, or
 * several where the group holds several cuts.  A walk goes WALK_MAX frames
 * at most, as cut_picture() does: a cut on the key frame @at itself would
 * otherwise cost a whole group of pictures, however long.  While it walks, the budget keeps a frame for
 * each of the @keys_left key frames still to judge and two checks.
 *
 * Adds to @turns the frames where the picture turns, in order, @at among
 * them if it turns there, and keeps their pictures.  Returns whether the
 * walk saw the whole way to @last; if it did not, the turns it found on
 * the way are still cuts.
 */
static gboolean
walk_group (Scan         *scan,
            gssize        before,
            gssize        at,
            const guint8 *first,
            const guint8 *last,
            gssize        keys_left,
            GArray       *turns)
{
  g_autofree guint8 *pictures = g_malloc ((WALK_MAX + CO_PICTURE_CHANGE_MAX) * CO_PICTURE_SIZE);
  double change[WALK_MAX + CO_PICTURE_CHANGE_MAX + 1] = { 0.0 };
  gboolean turn[G_N_ELEMENTS (change)];
  gint64 reserve = scan->reserve;
  const guint8 *previous = first;
  gboolean arrived = FALSE, walked = TRUE;
  gsize n = 0;

  scan->reserve = keys_left + 2 * BUDGET_PER_CANDIDATE;
  for (gssize from = before + 1; from < at && !arrived; from += CO_PICTURE_CHANGE_MAX)
    {
      gssize to = MIN (from + CO_PICTURE_CHANGE_MAX - 1, at - 1);

      walked = to - before <= WALK_MAX && decode (scan, from, to, pictures + n * CO_PICTURE_SIZE);
      if (!walked)
        break;
      for (gssize k = 0; k <= to - from; k++, n++)
        {
          change[n] = _co_picture_change_difference (previous, pictures + n * CO_PICTURE_SIZE);
          previous = pictures + n * CO_PICTURE_SIZE;
        }
      arrived = _co_picture_change_difference (previous, last) < MIN_CHANGE
                && find_turns (change, n, NULL) > 0;
    }
  scan->reserve = reserve;
  if (walked && !arrived)
    change[n++] = _co_picture_change_difference (previous, last);
  find_turns (change, n, turn);
  for (gsize k = 0; k < n; k++)
    {
      gssize frame = before + 1 + (gssize) k;

      if (!turn[k])
        continue;
      g_array_append_val (turns, frame);
      if (frame == at)
        continue;
      keep_picture (scan, frame, pictures + k * CO_PICTURE_SIZE);
      g_debug ("Between the pictures at %.3f s and %.3f s, it turns at %.3f s: it changes "
               "there by %.3f", (double) shown_at (scan, before)->pts / GST_SECOND,
               (double) shown_at (scan, at)->pts / GST_SECOND,
               (double) shown_at (scan, frame)->pts / GST_SECOND, change[k]);
    }
  return walked;
}

/*
 * Whether the key frame shown at @at starts a scene, given the key frames
 * shown before (@before) and after it (@after, -1 at the end).  It is
 * compared with the last picture known before it: the key frame before,
 * or the cut found since.  If it looks the same it starts no scene; if it
 * differs from it several times more than from the key frame after it
 * does; else the frames shown before it are decoded.  A key frame after a
 * cut whose picture is not known (a cut found by its size alone) starts
 * no scene unless the cut's picture is cheap to decode (cut_picture())
 * and shows it does: that a cut falls on a key frame right after another
 * cut is rare, and the frames shown before the key frame would cost a
 * whole group of pictures.  A key frame that differs from the last
 * picture known before it may only show a cut made since, one or several
 * whose frames were too small to show: walk_group() looks for them first,
 * and adds those it finds.  Returns @at if a scene starts there, or -1.
 */
static gssize
judge_key (Scan   *scan,
           gssize  before,
           gssize  at,
           gssize  after,
           gssize  keys_left,
           double *score)
{
  gssize cut = cut_between (scan, before, at);
  const guint8 *previous = cut >= 0 ? cut_picture (scan, before, cut) : key_picture (scan, before);
  const guint8 *here = previous != NULL ? key_picture (scan, at) : NULL;
  const guint8 *next = here != NULL && after >= 0 ? key_picture (scan, after) : NULL;
  double into = -1.0, out = -1.0;
  g_autoptr(GArray) turns = g_array_new (FALSE, FALSE, sizeof (gssize));
  gboolean whole = FALSE;

  if (here != NULL)
    {
      into = _co_picture_change_difference (previous, here);
      out = next != NULL ? _co_picture_change_difference (here, next) : -1.0;
      g_debug ("Key frame at %.3f s: the picture changes by %.3f from the last one known "
               "before, %.3f to the key frame after",
               (double) shown_at (scan, at)->pts / GST_SECOND, into, out);
      if (into < MIN_CHANGE)
        return -1;
      *score = out >= 0.0 ? 1.0 - out / into : 0.5;
      whole = walk_group (scan, cut >= 0 ? cut : before, at, previous, here, keys_left, turns);
      if (turns->len > 0)
        {
          gssize last = g_array_index (turns, gssize, turns->len - 1);

          /* The turns before @at are cuts of their own. */
          for (guint i = 0; i < turns->len && g_array_index (turns, gssize, i) < at; i++)
            add_scene (scan, g_array_index (turns, gssize, i), *score);
          if (last == at)
            return at;
          if (whole)
            return -1;
          /* The walk stopped short: @at is judged against the last turn. */
          into = _co_picture_change_difference (kept_picture (scan, last), here);
          if (into < MIN_CHANGE)
            return -1;
        }
      if (out >= 0.0 && into >= CHANGE_CONTRAST * out)
        return at;
    }
  *score = 0.5;
  if (cut >= 0 && previous == NULL)
    return -1;
  return locate (scan, at, into >= STRONG_CHANGE && cut < 0 ? at : -1) == at ? at : -1;
}

static guint
count_keys (const CoVideoFrame *frames,
            gsize               n)
{
  guint keys = 0;

  for (gsize i = 0; i < n; i++)
    keys += frames[i].keyframe;
  return keys;
}

/*
 * Cuts before the first cut found in a group of pictures, where the
 * picture just before that cut (decoded to place it) differs from the
 * group's key frame: a cut whose frame was too small to show lies between
 * them (x264 starves a cut soon after a key frame), and walk_group() finds
 * it as it does before a key frame.
 */
static void
scan_before_cuts (Scan *scan)
{
  guint n = scan->scenes->len;
  gssize last = -1;
  g_autoptr(GArray) turns = g_array_new (FALSE, FALSE, sizeof (gssize));

  for (guint i = 0; i < n; i++)
    {
      gssize cut = scene_frame (scan, i), key;
      const guint8 *first, *before_cut;
      gboolean first_in_group;

      if (cut <= 0)
        continue;
      key = key_before (scan, cut);
      before_cut = kept_picture (scan, cut - 1);
      first_in_group = last <= key;
      last = cut;
      /* Only the first cut of a group, and one whose picture before is known. */
      if (key == cut || !first_in_group || before_cut == NULL)
        continue;
      first = key_picture (scan, key);
      if (first == NULL || _co_picture_change_difference (first, before_cut) < MIN_CHANGE)
        continue;
      g_array_set_size (turns, 0);
      walk_group (scan, key, cut, first, before_cut, scan->n_keys, turns);
      for (guint k = 0; k < turns->len; k++)
        if (g_array_index (turns, gssize, k) < cut)
          add_scene (scan, g_array_index (turns, gssize, k), 0.5);
    }
}

/* Every key frame but the first, in the order they are shown. */
static void
scan_keys (Scan *scan)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gssize));
  guint found = scan->scenes->len;

  for (gssize i = 0; i < (gssize) scan->shown->len; i++)
    if (shown_at (scan, i)->keyframe)
      g_array_append_val (keys, i);
  for (guint k = 1; k < keys->len; k++)
    {
      gssize at = g_array_index (keys, gssize, k);
      gssize after = k + 1 < keys->len ? g_array_index (keys, gssize, k + 1) : -1;
      double score = 0.5;
      gssize start = judge_key (scan, g_array_index (keys, gssize, k - 1), at, after,
                                (gssize) (keys->len - k - 1), &score);

      if (start >= 0)
        add_scene (scan, start, score);
    }
  g_debug ("%u scene changes at key frames, %u elsewhere", scan->scenes->len - found, found);
}

static int
compare_scenes (gconstpointer a,
                gconstpointer b)
{
  double x = ((const CoScene *) a)->time, y = ((const CoScene *) b)->time;

  return x < y ? -1 : x > y;
}

/* A cut placed among B-frames may fall before one found earlier, and the
 * key frames are judged last: sorts, and keeps one of each time. */
static void
sort_scenes (GArray *scenes)
{
  g_array_sort (scenes, compare_scenes);
  for (guint i = 1; i < scenes->len;)
    if (g_array_index (scenes, CoScene, i).time == g_array_index (scenes, CoScene, i - 1).time)
      g_array_remove_index (scenes, i);
    else
      i++;
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
  Scan scan = { frames, n_frames, find_b_frames (frames, n_frames) };

  scan.check = check;
  scan.decoded = -1;
  scan.scenes = g_array_new (FALSE, FALSE, sizeof (CoScene));
  scan.shown = shown_order (&scan);
  scan.pictures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  scan.n_keys = count_keys (frames, n_frames);
  scan.budget = BUDGET_BASE + (gint64) BUDGET_PER_CANDIDATE * scan.n_keys;
  scan.limit = MAX ((gint64) n_frames * BUDGET_SHARE / 100, BUDGET_SHORT);
  scan.budget = MIN (scan.budget, scan.limit);
  /* What the key frames' pictures cost, and two checks, are kept for them. */
  scan.reserve = MIN (scan.budget, scan.n_keys + 2 * BUDGET_PER_CANDIDATE);
  scan_predicted (&scan);
  sort_scenes (scan.scenes);
  scan.reserve = 0;
  scan_before_cuts (&scan);
  scan_keys (&scan);
  sort_scenes (scan.scenes);
  g_debug ("The scene checks left %" G_GINT64_FORMAT " frames of their budget", scan.budget);
  g_hash_table_unref (scan.pictures);
  g_array_unref (scan.shown);
  g_free (scan.b_frames);
  return scan.scenes;
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

/* The scene pass on a thread of its own (_co_scenes_start()). */
struct _CoScenesTask
{
  char         *path;
  GArray       *frames;
  GCancellable *cancellable;   /* cancelled with the caller's, or to abandon */
  gulong        forward;
  GCancellable *caller;
  GThread      *thread;
};

static gpointer
scenes_thread (gpointer data)
{
  CoScenesTask *task = data;

  return _co_scenes_find (task->path, task->frames, task->cancellable);
}

static void
forward_cancel_cb (GCancellable *caller,
                   gpointer      data)
{
  g_cancellable_cancel (data);
}

/**
 * _co_scenes_start:
 * @path: the file
 * @frames: its video frames (#CoVideoFrame) in decoding order, known
 *   before its sound is read (from an MP4 index)
 * @cancellable: (nullable): cuts the picture checks short
 *
 * Runs _co_scenes_find() on a thread of its own, beside the sound's
 * analysis: the picture checks decode video on their own pipeline.  The
 * result is the same as in the calling thread (the checks' budget is in
 * frames, not time).  Call _co_scenes_finish() once, in every case.
 *
 * Returns: (transfer full): the running pass
 */
CoScenesTask *
_co_scenes_start (const char   *path,
                  GArray       *frames,
                  GCancellable *cancellable)
{
  CoScenesTask *task = g_new0 (CoScenesTask, 1);

  task->path = g_strdup (path);
  task->frames = g_array_ref (frames);
  task->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      task->caller = g_object_ref (cancellable);
      task->forward = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                             task->cancellable, NULL);
    }
  task->thread = g_thread_new ("co-scenes", scenes_thread, task);
  return task;
}

/**
 * _co_scenes_finish:
 * @task: (transfer full): a pass from _co_scenes_start()
 * @abandon: cancel the pass, whose result nobody needs
 *
 * Waits for the pass to end.
 *
 * Returns: (transfer full) (nullable): CoScene candidates in time order;
 *   %NULL if @abandon
 */
GArray *
_co_scenes_finish (CoScenesTask *task,
                   gboolean      abandon)
{
  GArray *scenes;

  if (abandon)
    g_cancellable_cancel (task->cancellable);
  scenes = g_thread_join (task->thread);
  if (task->caller != NULL)
    g_cancellable_disconnect (task->caller, task->forward);
  g_clear_object (&task->caller);
  g_object_unref (task->cancellable);
  g_array_unref (task->frames);
  g_free (task->path);
  g_free (task);
  if (abandon)
    g_clear_pointer (&scenes, g_array_unref);
  return scenes;
}
