/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "co-analysis-private.h"

/*
 * Integrated loudness (ITU-R BS.1770-4) and loudness range (EBU Tech 3342)
 * for the analysis hot path.
 *
 * libebur128 measures the same, and the tests hold this meter to it, but it
 * costs about 18 ns per stereo frame here: more than decoding the AAC that
 * the frames came from, and so more than the whole budget of the analysis.
 * The cost is in its K-weighting filter, which keeps its state in memory and
 * handles one channel at a time.  This meter runs the same filter with the
 * state in registers and two channels per vector, and sums each 100 ms of
 * every channel once instead of once per overlapping block.
 *
 * Measurement, as the standards put it:
 * - every channel goes through the K-weighting (a high shelf and a high
 *   pass), designed here for the stream's sample rate;
 * - the weighted mean squares of 400 ms blocks, one every 100 ms, are gated
 *   at −70 LUFS and then 10 LU below their mean: what is left is the
 *   integrated loudness;
 * - 3 s blocks, one every second, are gated at −70 LUFS and then 20 LU below
 *   their mean; the range is the spread between the 10th and 95th
 *   percentiles of what is left.
 * Blocks are counted from the first frame, as libebur128 counts them, and a
 * last block that is not full is not measured.  The meter keeps the energy
 * of every 100 ms (10 numbers a second) and makes the blocks from them at
 * the end, so the meters of consecutive ranges of a stream can be joined.
 */

/* Sub-blocks of 100 ms in a gating block and in a short-term block, and the
 * step between short-term blocks. */
#define GATING_SUBS 4
#define SHORT_TERM_SUBS 30
#define SHORT_TERM_STEP 10
/* −0.691 is BS.1770's offset between a mean square and LUFS. */
#define LUFS_OFFSET (-0.691)
#define ABSOLUTE_GATE_LUFS (-70.0)
#define RELATIVE_GATE_LU (-10.0)
#define RANGE_GATE_LU (-20.0)
/* Filter state this small decays to subnormal numbers, which are slow. */
#define STATE_FLOOR 1e-30
/* Doubles of filter history per channel. */
#define HISTORY 6

struct _CoLoudnessMeter
{
  int     channels;
  gsize   sub_frames;            /* frames in 100 ms */
  gsize   sub_fill;              /* frames in the current sub-block */
  /* The K-weighting's two stages: a high shelf (b0 b1 b2 a1 a2) and a
   * high pass (its numerator is 1 −2 1; p1 p2), each pair broadcast for
   * two channels at once. */
  v2d     shelf[5];
  v2d     pass[2];
  double *history;               /* per channel: last 2 inputs, shelf and pass outputs */
  double *weight;                /* per channel; 0 leaves it out */
  double *sub_sum;               /* per channel: squares in the current sub-block */
  GArray *subs;                  /* double: weighted sum of squares of each 100 ms */
};

/*
 * The two stages of the K-weighting, each the bilinear transform of an
 * analogue prototype whose corner, gain and Q are chosen so that at 48 kHz
 * the coefficients are those printed in BS.1770-4; the same prototypes then
 * give the filter at any other rate.
 */
static void
design_k_weighting (CoLoudnessMeter *self,
                    int              rate)
{
  double shelf[5], pass[2];
  double k, vh, vb, q, norm;

  k = tan (G_PI * 1681.974450955533 / rate);
  q = 0.7071752369554196;
  vh = pow (10.0, 3.999843853973347 / 20.0);
  vb = pow (vh, 0.4996667741545416);
  norm = 1.0 + k / q + k * k;
  shelf[0] = (vh + vb * k / q + k * k) / norm;
  shelf[1] = 2.0 * (k * k - vh) / norm;
  shelf[2] = (vh - vb * k / q + k * k) / norm;
  shelf[3] = 2.0 * (k * k - 1.0) / norm;
  shelf[4] = (1.0 - k / q + k * k) / norm;

  k = tan (G_PI * 38.13547087602444 / rate);
  q = 0.5003270373238773;
  norm = 1.0 + k / q + k * k;
  pass[0] = 2.0 * (k * k - 1.0) / norm;
  pass[1] = (1.0 - k / q + k * k) / norm;

  for (int i = 0; i < 5; i++)
    self->shelf[i] = (v2d) { shelf[i], shelf[i] };
  for (int i = 0; i < 2; i++)
    self->pass[i] = (v2d) { pass[i], pass[i] };
}

/**
 * _co_loudness_meter_new:
 * @rate: sample rate in Hz
 * @channels: number of channels
 * @weights: per channel weight: 1 for front and centre channels, 1.41 for
 *   surround channels, 0 for the LFE channel
 */
CoLoudnessMeter *
_co_loudness_meter_new (int           rate,
                        int           channels,
                        const double *weights)
{
  CoLoudnessMeter *self = g_new0 (CoLoudnessMeter, 1);

  g_assert (rate > 0 && channels > 0);
  self->channels = channels;
  /* Rounded as libebur128 rounds it, so that both count the same blocks. */
  self->sub_frames = MAX (1, ((gsize) rate + 5) / 10);
  design_k_weighting (self, rate);
  self->history = g_new0 (double, HISTORY * (gsize) channels);
  self->weight = g_memdup2 (weights, sizeof (double) * (gsize) channels);
  self->sub_sum = g_new0 (double, (gsize) channels);
  self->subs = g_array_new (FALSE, FALSE, sizeof (double));
  return self;
}

void
_co_loudness_meter_free (CoLoudnessMeter *self)
{
  if (self == NULL)
    return;
  g_free (self->history);
  g_free (self->weight);
  g_free (self->sub_sum);
  g_array_unref (self->subs);
  g_free (self);
}

static v2d
load_pair (const double *left,
           const double *right)
{
  return (v2d) { *left, *right };
}

static void
store_history (double *h,
               int     lane,
               v2d     x1,
               v2d     x2,
               v2d     y1,
               v2d     y2,
               v2d     z1,
               v2d     z2)
{
  h[0] = x1[lane]; h[1] = x2[lane]; h[2] = y1[lane]; h[3] = y2[lane];
  h[4] = z1[lane]; h[5] = z2[lane];
  for (int i = 0; i < HISTORY; i++)
    if (fabs (h[i]) < STATE_FLOOR)
      h[i] = 0.0;
}

/*
 * The one loop that runs over every sample of the file, for two channels
 * at once: the high shelf takes x to y, the high pass y to z, both in
 * direct form I, so that each output waits only for one multiply and one
 * subtraction after the previous one, and the squares of z are summed.
 * Two frames per turn, so the history moves once per turn.  @hl and @hr
 * are the two channels' histories; for one channel both point to it and
 * @right is @left, so the second lane repeats the first.
 */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
/* With AVX the same instructions take three operands, which saves the
 * copies SSE2 needs: a third fewer instructions, and the same results. */
__attribute__ ((target_clones ("avx", "default")))
#endif
static v2d
filter_pair (const CoLoudnessMeter *self,
             const float           *left,
             const float           *right,
             gsize                  n,
             double                *hl,
             double                *hr)
{
  const v2d b0 = self->shelf[0], b1 = self->shelf[1], b2 = self->shelf[2];
  const v2d a1 = self->shelf[3], a2 = self->shelf[4], p1 = self->pass[0], p2 = self->pass[1];
  v2d x1 = load_pair (hl + 0, hr + 0), x2 = load_pair (hl + 1, hr + 1);
  v2d y1 = load_pair (hl + 2, hr + 2), y2 = load_pair (hl + 3, hr + 3);
  v2d z1 = load_pair (hl + 4, hr + 4), z2 = load_pair (hl + 5, hr + 5);
  v2d sum = { 0.0, 0.0 };
  gsize i = 0;

  for (; i + 2 <= n; i += 2)
    {
      v2d xa = { left[i], right[i] }, xb = { left[i + 1], right[i + 1] };
      v2d ya = (b0 * xa + b1 * x1 + b2 * x2 - a2 * y2) - a1 * y1;
      v2d za = ((ya - y1) - (y1 - y2) - p2 * z2) - p1 * z1;
      v2d yb = (b0 * xb + b1 * xa + b2 * x1 - a2 * y1) - a1 * ya;
      v2d zb = ((yb - ya) - (ya - y1) - p2 * z1) - p1 * za;

      sum += za * za + zb * zb;
      x2 = xa; x1 = xb; y2 = ya; y1 = yb; z2 = za; z1 = zb;
    }
  for (; i < n; i++)
    {
      v2d x0 = { left[i], right[i] };
      v2d y0 = (b0 * x0 + b1 * x1 + b2 * x2 - a2 * y2) - a1 * y1;
      v2d z0 = ((y0 - y1) - (y1 - y2) - p2 * z2) - p1 * z1;

      sum += z0 * z0;
      x2 = x1; x1 = x0; y2 = y1; y1 = y0; z2 = z1; z1 = z0;
    }
  store_history (hl, 0, x1, x2, y1, y2, z1, z2);
  if (hr != hl)
    store_history (hr, 1, x1, x2, y1, y2, z1, z2);
  return sum;
}

static void
close_sub_block (CoLoudnessMeter *self)
{
  double energy = 0.0;

  for (int c = 0; c < self->channels; c++)
    {
      energy += self->weight[c] * self->sub_sum[c];
      self->sub_sum[c] = 0.0;
    }
  g_array_append_val (self->subs, energy);
  self->sub_fill = 0;
}

/* Runs the filters over @n frames from @offset, adding the squares to the
 * current sub-block unless @warm. */
static void
filter_frames (CoLoudnessMeter     *self,
               const float * const *planes,
               gsize                offset,
               gsize                n,
               gboolean             warm)
{
  for (int c = 0; c < self->channels; c += 2)
    {
      int r = MIN (c + 1, self->channels - 1);
      v2d sums = filter_pair (self, planes[c] + offset, planes[r] + offset, n,
                              self->history + HISTORY * c, self->history + HISTORY * r);

      if (warm)
        continue;
      self->sub_sum[c] += sums[0];
      if (r != c)
        self->sub_sum[r] += sums[1];
    }
}

/**
 * _co_loudness_meter_feed:
 * @planes: one array per channel
 * @offset: where the frames start in each plane
 * @n_frames: how many
 * @warm: the frames come before what is measured: they only fill the
 *   filters' history
 *
 * Filters and measures @n_frames frames.
 */
void
_co_loudness_meter_feed (CoLoudnessMeter     *self,
                         const float * const *planes,
                         gsize                offset,
                         gsize                n_frames,
                         gboolean             warm)
{
  gsize done = 0;

  g_assert (!warm || (self->sub_fill == 0 && self->subs->len == 0));
  while (done < n_frames)
    {
      gsize n = warm ? n_frames : MIN (n_frames - done, self->sub_frames - self->sub_fill);

      filter_frames (self, planes, offset + done, n, warm);
      done += n;
      if (warm)
        continue;
      self->sub_fill += n;
      if (self->sub_fill == self->sub_frames)
        close_sub_block (self);
    }
}

/**
 * _co_loudness_meter_append:
 * @next: the meter of the range that follows, started on a sub-block boundary
 *
 * Adds what @next measured, as if @self had measured it.
 */
void
_co_loudness_meter_append (CoLoudnessMeter *self,
                           CoLoudnessMeter *next)
{
  g_assert (self->sub_fill == 0);
  g_array_append_vals (self->subs, next->subs->data, next->subs->len);
  self->sub_fill = next->sub_fill;
  memcpy (self->sub_sum, next->sub_sum, sizeof (double) * (gsize) self->channels);
}

static double
to_lufs (double mean_square)
{
  return LUFS_OFFSET + 10.0 * log10 (mean_square);
}

static double
from_lufs (double lufs)
{
  return pow (10.0, (lufs - LUFS_OFFSET) / 10.0);
}

/* The mean square of the block of @length sub-blocks that ends before
 * sub-block @end.  Blocks are computed where they are needed, never kept:
 * there is one per 100 ms of the file. */
static double
block_at (const CoLoudnessMeter *self,
          guint                  length,
          guint                  end)
{
  const double *subs = (const double *) (gpointer) self->subs->data;
  double total = 0.0;

  for (guint i = end - length; i < end; i++)
    total += subs[i];
  return total / ((double) length * self->sub_frames);
}

/* Mean of the blocks of @length sub-blocks, one every @step, above @gate,
 * or 0 with none. */
static double
gated_mean (const CoLoudnessMeter *self,
            guint                  length,
            guint                  step,
            double                 gate,
            guint                 *count)
{
  double total = 0.0;
  guint n = 0;

  for (guint end = length; end <= self->subs->len; end += step)
    {
      double e = block_at (self, length, end);

      if (e > gate)
        {
          total += e;
          n++;
        }
    }
  if (count != NULL)
    *count = n;
  return n > 0 ? total / n : 0.0;
}

/**
 * _co_loudness_meter_integrated:
 *
 * Returns: the integrated loudness in LUFS, or −∞ when no block is above
 *   the absolute gate (silence, or less than 400 ms of sound)
 */
double
_co_loudness_meter_integrated (CoLoudnessMeter *self)
{
  double absolute = from_lufs (ABSOLUTE_GATE_LUFS), relative, mean;

  mean = gated_mean (self, GATING_SUBS, 1, absolute, NULL);
  if (mean <= 0.0)
    return -INFINITY;
  relative = MAX (absolute, mean * pow (10.0, RELATIVE_GATE_LU / 10.0));
  mean = gated_mean (self, GATING_SUBS, 1, relative, NULL);
  return mean > 0.0 ? to_lufs (mean) : -INFINITY;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * _co_loudness_meter_range:
 *
 * Returns: the loudness range in LU; 0 when fewer than two 3 s blocks pass
 *   the gates
 */
double
_co_loudness_meter_range (CoLoudnessMeter *self)
{
  double absolute = from_lufs (ABSOLUTE_GATE_LUFS), relative, mean, low, high;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (double));
  guint count;

  mean = gated_mean (self, SHORT_TERM_SUBS, SHORT_TERM_STEP, absolute, &count);
  if (count < 2)
    return 0.0;
  relative = MAX (absolute, mean * pow (10.0, RANGE_GATE_LU / 10.0));
  for (guint end = SHORT_TERM_SUBS; end <= self->subs->len; end += SHORT_TERM_STEP)
    {
      double e = block_at (self, SHORT_TERM_SUBS, end);

      if (e > relative)
        g_array_append_val (kept, e);
    }
  if (kept->len < 2)
    return 0.0;
  qsort (kept->data, kept->len, sizeof (double), compare_doubles);
  /* The nearest ranks, as Tech 3342's reference implementation takes them. */
  low = g_array_index (kept, double, (guint) ((kept->len - 1) * 0.10 + 0.5));
  high = g_array_index (kept, double, (guint) ((kept->len - 1) * 0.95 + 0.5));
  return to_lufs (high) - to_lufs (low);
}
