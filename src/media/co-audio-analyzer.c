/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <math.h>
#include <string.h>

#include "co-analysis-private.h"

/*
 * Everything computed from the decoded samples, in one streaming pass: the
 * 10 ms envelope (RMS, peak, min/max for the waveform), silences, clipping,
 * EBU R128 loudness (co-loudness.c) and true peak (co-true-peak.c).  Samples
 * come one plane per channel, as decoders produce them.  The state is a
 * fixed size apart from the envelope (100 values a second) and the loudness
 * blocks (11 a second), so memory grows with the length of the file only by
 * those.
 */
/* Full scale as 16-bit sources reach it after conversion to float. */
#define CLIP_LEVEL (32767.0f / 32768.0f)
struct _CoAudioAnalyzer
{
  int                rate;
  int                channels;
  gint64             pos;          /* absolute frame index of the next frame */
  gint64             window;       /* index of the window being filled */
  gint64             window_first; /* its first frame */
  gint64             window_end;   /* one past its last frame */
  gsize              window_cap;   /* frames a window can hold */

  double             sum_squares;
  float              peak;
  float              min;
  float              max;
  float             *mag;          /* per frame magnitude inside the window */
  gsize              mag_len;

  guint64            clips;
  GArray            *rms;
  GArray            *peaks;
  GArray            *minmax;       /* gint16 pairs, one per window */
  CoSilenceDetector *silence;
  CoLoudnessMeter   *loudness;

  CoTruePeak        *true_peak;
};

static gint64
window_start (const CoAudioAnalyzer *self,
              gint64                 window)
{
  return window * self->rate / 100;
}

static void
open_window (CoAudioAnalyzer *self,
             gint64           window)
{
  self->window = window;
  self->window_first = window_start (self, window);
  self->window_end = window_start (self, window + 1);
  self->sum_squares = 0.0;
  self->peak = 0.0f;
  self->min = 0.0f;
  self->max = 0.0f;
  self->mag_len = 0;
}

CoAudioAnalyzer *
_co_audio_analyzer_new (const CoAnalysisParams *params,
                        int                     rate,
                        int                     channels,
                        const double           *weights,
                        gint64                  first_frame)
{
  CoAudioAnalyzer *self = g_new0 (CoAudioAnalyzer, 1);

  g_assert (rate > 0 && channels > 0);
  self->rate = rate;
  self->channels = channels;
  self->window_cap = (gsize) rate / 100 + 2;
  self->mag = g_new (float, self->window_cap);
  self->rms = g_array_new (FALSE, TRUE, sizeof (float));
  self->peaks = g_array_new (FALSE, TRUE, sizeof (float));
  self->minmax = g_array_new (FALSE, TRUE, sizeof (gint16) * 2);
  self->silence = _co_silence_detector_new (params->threshold_db, params->min_silence, rate);
  self->loudness = _co_loudness_meter_new (rate, channels, weights);
  self->true_peak = _co_true_peak_new (rate, channels);
  self->pos = MAX (first_frame, 0);
  open_window (self, self->pos * 100 / rate);
  return self;
}

static gint16
to_s16 (float v)
{
  return (gint16) CLAMP (lrintf (v * 32767.0f), -32767, 32767);
}

static void
close_window (CoAudioAnalyzer *self)
{
  gsize n = (gsize) (self->window_end - self->window_first);
  double mean_square = n > 0 ? self->sum_squares / ((double) n * self->channels) : 0.0;
  float rms = (float) sqrt (mean_square);
  gint16 mm[2] = { to_s16 (self->min), to_s16 (self->max) };
  guint index = (guint) self->window;

  /* A stream that starts late leaves the windows before it silent. */
  if (self->rms->len < index)
    {
      g_array_set_size (self->rms, index);
      g_array_set_size (self->peaks, index);
      g_array_set_size (self->minmax, index);
    }
  g_array_append_val (self->rms, rms);
  g_array_append_val (self->peaks, self->peak);
  g_array_append_val (self->minmax, mm);
  _co_silence_detector_window (self->silence,
                               self->window_first + (gint64) n - (gint64) self->mag_len,
                               self->mag, self->mag_len, mean_square);
  open_window (self, self->window + 1);
}

/* Sum of squares, smallest and largest value and full-scale count of one
 * channel's @n samples; four partial sums keep the additions independent. */
static double
scan_plane (const float *x,
            gsize        n,
            float       *lo,
            float       *hi,
            guint64     *clips)
{
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  float l = *lo, h = *hi;
  guint64 count = 0;
  gsize f = 0;

  for (; f + 4 <= n; f += 4)
    {
      s0 += (double) x[f] * x[f];
      s1 += (double) x[f + 1] * x[f + 1];
      s2 += (double) x[f + 2] * x[f + 2];
      s3 += (double) x[f + 3] * x[f + 3];
    }
  for (; f < n; f++)
    s0 += (double) x[f] * x[f];
  for (f = 0; f < n; f++)
    {
      l = MIN (l, x[f]);
      h = MAX (h, x[f]);
      count += fabsf (x[f]) >= CLIP_LEVEL;
    }
  *lo = l;
  *hi = h;
  *clips += count;
  return (s0 + s1) + (s2 + s3);
}

/* Accumulates @n frames, from @offset in each plane, that all belong to the
 * current window. */
static void
accumulate (CoAudioAnalyzer     *self,
            const float * const *planes,
            gsize                offset,
            gsize                n)
{
  float *mag = self->mag + self->mag_len;
  float peak = 0.0f;

  for (int c = 0; c < self->channels; c++)
    {
      const float *x = planes[c] + offset;

      self->sum_squares += scan_plane (x, n, &self->min, &self->max, &self->clips);
      if (c == 0)
        for (gsize f = 0; f < n; f++)
          mag[f] = fabsf (x[f]);
      else
        for (gsize f = 0; f < n; f++)
          mag[f] = MAX (mag[f], fabsf (x[f]));
    }
  for (gsize f = 0; f < n; f++)
    peak = MAX (peak, mag[f]);
  _co_true_peak_feed (self->true_peak, planes, offset, n, peak);
  self->peak = MAX (self->peak, peak);
  self->mag_len += n;
}

/**
 * _co_audio_analyzer_feed:
 * @planes: one array of @n_frames float samples per channel
 * @n_frames: number of frames (samples per channel)
 */
void
_co_audio_analyzer_feed (CoAudioAnalyzer     *self,
                         const float * const *planes,
                         gsize                n_frames)
{
  gsize done = 0;

  _co_loudness_meter_feed (self->loudness, planes, n_frames);
  while (done < n_frames)
    {
      gsize room = (gsize) (self->window_end - self->pos);
      gsize n = MIN (room, n_frames - done);

      accumulate (self, planes, done, n);
      done += n;
      self->pos += (gint64) n;
      if (self->pos == self->window_end)
        close_window (self);
    }
}

gint64
_co_audio_analyzer_frames (CoAudioAnalyzer *self)
{
  return self->pos;
}

int
_co_audio_analyzer_channels (CoAudioAnalyzer *self)
{
  return self->channels;
}

static double
to_db (double linear)
{
  return linear > 0.0 ? 20.0 * log10 (linear) : -INFINITY;
}

static void
finish_loudness (CoAudioAnalyzer *self,
                 CoAnalysis      *result)
{
  result->integrated_lufs = _co_loudness_meter_integrated (self->loudness);
  result->range_lu = _co_loudness_meter_range (self->loudness);
  result->true_peak_dbtp = to_db (_co_true_peak_get (self->true_peak));
}

/* Builds the coarser waveform levels, each 4 times coarser than the last. */
static void
finish_waveform (CoAudioAnalyzer *self,
                 CoAnalysis      *result)
{
  result->waveform[0] = g_array_ref (self->minmax);
  for (guint level = 1; level < CO_WAVEFORM_LEVELS; level++)
    {
      GArray *finer = result->waveform[level - 1];
      GArray *coarser = g_array_new (FALSE, FALSE, sizeof (gint16) * 2);

      for (guint i = 0; i < finer->len; i += 4)
        {
          gint16 mm[2] = { G_MAXINT16, G_MININT16 };

          for (guint j = i; j < MIN (i + 4, finer->len); j++)
            {
              const gint16 *src = (const gint16 *) finer->data + 2 * j;

              mm[0] = MIN (mm[0], src[0]);
              mm[1] = MAX (mm[1], src[1]);
            }
          g_array_append_val (coarser, mm);
        }
      result->waveform[level] = coarser;
    }
}

/**
 * _co_audio_analyzer_finish:
 * @result: receives the envelope, waveform, silences and loudness
 *
 * Closes the last partial window and fills @result.
 */
void
_co_audio_analyzer_finish (CoAudioAnalyzer *self,
                           CoAnalysis      *result)
{
  if (self->pos > self->window_first)
    {
      /* Close the partial last window over the frames it really has. */
      self->window_end = self->pos;
      close_window (self);
    }
  result->sample_rate = self->rate;
  result->channels = self->channels;
  result->clip_count = self->clips;
  result->rms = g_array_ref (self->rms);
  result->peak = g_array_ref (self->peaks);
  result->silences = _co_silence_detector_finish (self->silence, self->pos);
  finish_loudness (self, result);
  finish_waveform (self, result);
}

void
_co_audio_analyzer_free (CoAudioAnalyzer *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rms);
  g_array_unref (self->peaks);
  g_array_unref (self->minmax);
  _co_silence_detector_free (self->silence);
  _co_loudness_meter_free (self->loudness);
  _co_true_peak_free (self->true_peak);
  g_free (self->mag);
  g_free (self);
}
