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
 * together, one vector lane each.  And most of the signal is skipped: an
 * interpolated value is at most `gain` times the largest sample within the
 * filter's reach, so a block whose samples (and the history before them)
 * cannot beat the peak found so far is not filtered at all.  Its samples
 * still enter the history, so the result equals filtering everything.
 */


#define TAPS 49
#define MAX_REACH TAPS   /* input samples one output depends on, at most */

struct _CoTruePeak
{
  int     channels;
  int     factor;
  int     reach;                 /* input samples one output depends on */
  CoV4f   coeff[MAX_REACH];      /* coeff[k][p]: phase p's weight of x[n - k] */
  float   gain;                  /* largest sum of |coeff| of one phase */
  float  *history;               /* per channel: the last reach - 1 samples */
  float   history_peak;          /* largest magnitude in it */
  float  *scratch;               /* history + block of one channel */
  gsize   scratch_len;
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
  self->history = g_new0 (float, (gsize) channels * (gsize) self->reach);
  return self;
}

void
_co_true_peak_free (CoTruePeak *self)
{
  if (self == NULL)
    return;
  g_free (self->history);
  g_free (self->scratch);
  g_free (self);
}

/* The largest interpolated magnitude over @n outputs of @x, which has
 * reach - 1 samples of history before x[0]. */
static float
filter (const CoTruePeak *self,
        const float      *x,
        gsize             n)
{
  CoV4f top = { 0.0f, 0.0f, 0.0f, 0.0f }, bottom = top;
  float best = 0.0f;

  for (gsize i = 0; i < n; i++)
    {
      CoV4f y = self->coeff[0] * x[i];

      for (int k = 1; k < self->reach; k++)
        y += self->coeff[k] * x[i - (gsize) k];
      top = _co_v4f_max (top, y);
      bottom = _co_v4f_max (bottom, -y);
    }
  for (int p = 0; p < self->factor; p++)
    best = MAX (best, MAX (top[p], bottom[p]));
  return best;
}

/* Moves @n frames through the history, filtering them unless @skip. */
static void
push (CoTruePeak          *self,
      const float * const *planes,
      gsize                offset,
      gsize                n,
      gboolean             skip)
{
  gsize keep = (gsize) self->reach - 1;
  float history_peak = 0.0f;

  if (n == 0)
    return;
  if (self->scratch_len < keep + n)
    {
      self->scratch_len = keep + n;
      self->scratch = g_renew (float, self->scratch, self->scratch_len);
    }
  for (int c = 0; c < self->channels; c++)
    {
      float *history = self->history + (gsize) c * self->reach;

      memcpy (self->scratch, history, keep * sizeof (float));
      memcpy (self->scratch + keep, planes[c] + offset, n * sizeof (float));
      if (!skip)
        self->peak = MAX (self->peak, filter (self, self->scratch + keep, n));
      memcpy (history, self->scratch + n, keep * sizeof (float));
      for (gsize i = 0; i < keep; i++)
        history_peak = MAX (history_peak, fabsf (history[i]));
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
  push (self, planes, offset, n, MAX (block_peak, self->history_peak) * self->gain < self->peak);
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
  push (self, planes, offset, n, TRUE);
}

/* Returns: the true peak so far, linear. */
double
_co_true_peak_get (CoTruePeak *self)
{
  return self->peak;
}
