/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <math.h>
#include <string.h>

#include "co-analysis-private.h"

/*
 * Silence is decided per 10 ms window on the RMS of all channels, which is
 * robust against the zero crossings inside speech.  The boundaries are then
 * placed to the sample: inside the two windows around a transition, the
 * silence starts after the last sample whose magnitude reaches the threshold
 * and ends at the first one that does.  So boundaries are not rounded to
 * windows, and the detector needs only the previous window's samples.
 */
struct _CoSilenceDetector
{
  double  threshold_ms;    /* mean square of the threshold */
  float   threshold_lin;   /* magnitude of the threshold */
  gint64  min_frames;
  int     rate;

  float  *prev;            /* magnitudes of the previous window */
  gsize   prev_len;
  gsize   prev_alloc;
  gint64  prev_first;
  gboolean have_prev;

  gboolean in_silence;
  gint64   start;
  GArray  *silences;       /* CoInterval */
};

CoSilenceDetector *
_co_silence_detector_new (double threshold_db,
                          double min_silence,
                          int    rate)
{
  CoSilenceDetector *self = g_new0 (CoSilenceDetector, 1);

  g_assert (rate > 0);
  self->threshold_ms = pow (10.0, threshold_db / 10.0);
  self->threshold_lin = (float) pow (10.0, threshold_db / 20.0);
  self->min_frames = (gint64) llround (min_silence * rate);
  self->rate = rate;
  self->silences = g_array_new (FALSE, FALSE, sizeof (CoInterval));
  return self;
}

static gssize
last_loud (const float *mag,
           gsize        n,
           float        threshold)
{
  for (gssize i = (gssize) n - 1; i >= 0; i--)
    if (mag[i] >= threshold)
      return i;
  return -1;
}

static gssize
first_loud (const float *mag,
            gsize        from,
            gsize        n,
            float        threshold)
{
  for (gsize i = from; i < n; i++)
    if (mag[i] >= threshold)
      return (gssize) i;
  return -1;
}

/* Where a silence that begins in window @first starts, to the sample. */
static gint64
refine_start (CoSilenceDetector *self,
              gint64             first,
              const float       *mag,
              gsize              n)
{
  gssize i = last_loud (mag, n, self->threshold_lin);

  if (i >= 0)
    return first + i + 1;
  if (self->have_prev)
    {
      i = last_loud (self->prev, self->prev_len, self->threshold_lin);
      if (i >= 0)
        return self->prev_first + i + 1;
    }
  return first;
}

/* Where the current silence ends, given the loud window at @first. */
static gint64
refine_end (CoSilenceDetector *self,
            gint64             first,
            const float       *mag,
            gsize              n)
{
  gssize i;

  if (self->have_prev && self->prev_first + (gint64) self->prev_len > self->start)
    {
      gsize from = (gsize) MAX (0, self->start - self->prev_first);

      i = first_loud (self->prev, from, self->prev_len, self->threshold_lin);
      if (i >= 0)
        return self->prev_first + i;
    }
  i = first_loud (mag, 0, n, self->threshold_lin);
  return i >= 0 ? first + i : first;
}

static void
emit (CoSilenceDetector *self,
      gint64             end)
{
  CoInterval interval;

  if (end - self->start < self->min_frames)
    return;
  interval.start = _co_round_ms ((double) self->start / self->rate);
  interval.end = _co_round_ms ((double) end / self->rate);
  g_array_append_val (self->silences, interval);
}

static void
keep_window (CoSilenceDetector *self,
             gint64             first,
             const float       *mag,
             gsize              n)
{
  if (n > self->prev_alloc)
    {
      self->prev = g_renew (float, self->prev, n);
      self->prev_alloc = n;
    }
  memcpy (self->prev, mag, n * sizeof (float));
  self->prev_len = n;
  self->prev_first = first;
  self->have_prev = TRUE;
}

/**
 * _co_silence_detector_window:
 * @first_frame: index of the window's first frame in the stream
 * @abs_max: per frame, the largest magnitude over the channels
 * @n_frames: frames in the window
 * @mean_square: mean square over all samples of the window
 */
void
_co_silence_detector_window (CoSilenceDetector *self,
                             gint64             first_frame,
                             const float       *abs_max,
                             gsize              n_frames,
                             double             mean_square)
{
  gboolean silent = mean_square < self->threshold_ms;

  if (silent && !self->in_silence)
    {
      self->in_silence = TRUE;
      self->start = refine_start (self, first_frame, abs_max, n_frames);
    }
  else if (!silent && self->in_silence)
    {
      self->in_silence = FALSE;
      emit (self, refine_end (self, first_frame, abs_max, n_frames));
    }
  keep_window (self, first_frame, abs_max, n_frames);
}

/* Returns: (transfer full): the silences, CoInterval in seconds. */
GArray *
_co_silence_detector_finish (CoSilenceDetector *self,
                             gint64             end_frame)
{
  if (self->in_silence)
    {
      self->in_silence = FALSE;
      emit (self, end_frame);
    }
  return g_array_ref (self->silences);
}

void
_co_silence_detector_free (CoSilenceDetector *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->silences);
  g_free (self->prev);
  g_free (self);
}
