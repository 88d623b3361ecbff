/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <math.h>
#include <string.h>

#include "co-analysis-private.h"

/*
 * True peak (ITU-R BS.1770-4 annex 2): the largest magnitude of the signal
 * oversampled 4 times (2 times from 96 kHz, not at all from 192 kHz).
 *
 * The interpolator is the one libebur128 uses, a Hann-windowed sinc of 49
 * taps, so that both report the same figure; the tests hold this meter to
 * libebur128.  It is written here because libebur128 oversamples every
 * frame at about 60 ns a frame, several times the cost of decoding.
 *
 * Two things make it cheap.  The phases of one output are computed
 * together, one vector lane each.  And most of the signal is skipped, by
 * an exact bound: an interpolated value is at most `gain` times the
 * largest magnitude of the samples within the filter's reach, so a stretch
 * whose samples (and the reach before them) cannot beat the peak found so
 * far is not filtered at all.  The bound is checked for each block first,
 * then for each step of 16 frames of a block that passes.  Every sample still
 * enters the history, so the result equals filtering everything.  The
 * filter reads the block where it lies; only the first outputs, which
 * reach back before the block, read a copy of the history and the block's
 * first samples.
 */


#define TAPS 49
#define MAX_REACH TAPS   /* input samples one output depends on, at most */

#define MAX_KEEP (MAX_REACH - 1)
/* Frames per step of the finer bound, unless the history is longer. */
#define SUB 16

struct _CoTruePeak
{
  int     channels;
  int     factor;
  int     reach;                 /* input samples one output depends on */
  gsize   keep;                  /* reach - 1: the history one output needs */
  gsize   step;                  /* frames per step of the finer bound, >= keep */
  CoV4f   coeff[MAX_REACH];      /* coeff[k][p]: phase p's weight of x[n - k] */
  float   gain;                  /* largest sum of |coeff| of one phase */
  float  *history;               /* per channel: the last keep samples, oldest first */
  float   history_peak;          /* largest magnitude in it */
  double  peak;                  /* linear */
};

static void
design (CoTruePeak *self,
        int         rate)
{
  double gain = 0.0;

  self->factor = rate < 96000 ? 4 : rate < 192000 ? 2 : 1;
  memset (self->coeff, 0, sizeof self->coeff);
  if (self->factor == 1)
    {
      self->reach = 1;
      self->coeff[0][0] = 1.0f;
      self->gain = 1.0f;
      return;
    }
  self->reach = (TAPS + self->factor - 1) / self->factor;
  for (int j = 0; j < TAPS; j++)
    {
      double m = (j - (TAPS - 1) / 2.0) * G_PI / self->factor;
      double sinc = fabs (m) < 1e-9 ? 1.0 : sin (m) / m;
      double hann = 0.5 * (1.0 - cos (2.0 * G_PI * j / (TAPS - 1)));

      self->coeff[j / self->factor][j % self->factor] = (float) (sinc * hann);
    }
  for (int p = 0; p < self->factor; p++)
    {
      double sum = 0.0;

      for (int k = 0; k < self->reach; k++)
        sum += fabsf (self->coeff[k][p]);
      gain = MAX (gain, sum);
    }
  /* A margin for the rounding of the float sums. */
  self->gain = (float) (gain * 1.001);
}

CoTruePeak *
_co_true_peak_new (int rate,
                   int channels)
{
  CoTruePeak *self = g_new0 (CoTruePeak, 1);

  g_assert (rate > 0 && channels > 0);
  self->channels = channels;
  design (self, rate);
  self->keep = (gsize) self->reach - 1;
  self->step = MAX (SUB, self->keep);
  self->history = g_new0 (float, (gsize) channels * MAX (self->keep, 1));
  return self;
}

void
_co_true_peak_free (CoTruePeak *self)
{
  if (self == NULL)
    return;
  g_free (self->history);
  g_free (self);
}

/* The oversampled values between the sample at @x and the one before,
 * one phase per lane; x[-k] must exist for k < reach. */
static inline CoV4f
interpolate (const CoTruePeak *self,
             const float      *x)
{
  CoV4f y = self->coeff[0] * x[0];

  for (int k = 1; k < self->reach; k++)
    y += self->coeff[k] * x[-k];
  return y;
}

/* The largest interpolated magnitude of the outputs @from to @to of the
 * block @x; the first keep outputs read @head (the history, then the
 * block's first samples). */
static float
filter_span (const CoTruePeak *self,
             const float      *x,
             const float      *head,
             gsize             from,
             gsize             to)
{
  CoV4f top = { 0.0f, 0.0f, 0.0f, 0.0f }, bottom = top;
  float best = 0.0f;

  for (gsize i = from; i < to; i++)
    {
      CoV4f y = interpolate (self, i < self->keep ? head + self->keep + i : x + i);

      top = _co_v4f_max (top, y);
      bottom = _co_v4f_max (bottom, -y);
    }
  for (int p = 0; p < self->factor; p++)
    best = MAX (best, MAX (top[p], bottom[p]));
  return best;
}

static float
magnitude (const float *x,
           gsize        n)
{
  float m = 0.0f;

  for (gsize i = 0; i < n; i++)
    m = MAX (m, fabsf (x[i]));
  return m;
}

/* Filters the @n samples @x of the channel whose history is @history,
 * a step at a time, skipping the steps the bound rules out. */
static void
filter_channel (CoTruePeak  *self,
                const float *history,
                const float *x,
                gsize        n)
{
  float head[MAX_KEEP * 2];
  float before = self->history_peak;

  memcpy (head, history, self->keep * sizeof (float));
  memcpy (head + self->keep, x, MIN (n, self->keep) * sizeof (float));
  for (gsize from = 0; from < n; from += self->step)
    {
      gsize to = MIN (from + self->step, n);
      float here = magnitude (x + from, to - from);

      if (MAX (before, here) * self->gain >= self->peak)
        self->peak = MAX (self->peak, filter_span (self, x, head, from, to));
      before = here;
    }
}

/* Moves @n samples of each channel into the history. */
static void
remember (CoTruePeak          *self,
          const float * const *planes,
          gsize                offset,
          gsize                n)
{
  gsize keep = self->keep, take = MIN (n, keep);
  float history_peak = 0.0f;

  for (int c = 0; c < self->channels; c++)
    {
      float *history = self->history + (gsize) c * keep;

      memmove (history, history + take, (keep - take) * sizeof (float));
      memcpy (history + keep - take, planes[c] + offset + n - take, take * sizeof (float));
      history_peak = MAX (history_peak, magnitude (history, keep));
    }
  self->history_peak = history_peak;
}

/**
 * _co_true_peak_feed:
 * @planes: one array per channel
 * @offset: where the block starts in each plane
 * @n: frames in the block
 * @block_peak: the largest magnitude of those frames
 */
void
_co_true_peak_feed (CoTruePeak          *self,
                    const float * const *planes,
                    gsize                offset,
                    gsize                n,
                    float                block_peak)
{
  if (MAX (block_peak, self->history_peak) * self->gain >= self->peak)
    for (int c = 0; c < self->channels; c++)
      filter_channel (self, self->history + (gsize) c * self->keep, planes[c] + offset, n);
  remember (self, planes, offset, n);
}

/**
 * _co_true_peak_warm:
 *
 * Takes frames that come before what is measured into the history only.
 */
void
_co_true_peak_warm (CoTruePeak          *self,
                    const float * const *planes,
                    gsize                offset,
                    gsize                n)
{
  remember (self, planes, offset, n);
}

/* Returns: the true peak so far, linear. */
double
_co_true_peak_get (CoTruePeak *self)
{
  return self->peak;
}
