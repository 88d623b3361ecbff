/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <ebur128.h>
#include <math.h>
#include <string.h>

#include "co-analysis-private.h"

/*
 * Everything computed from the decoded samples, in one streaming pass: the
 * 10 ms envelope (RMS, peak, min/max for the waveform), silences, clipping,
 * and EBU R128 loudness through libebur128.  The state is a fixed size apart
 * from the envelope (100 values a second), so memory does not grow with the
 * length of the file beyond that.
 */
/* Full scale as 16-bit sources reach it after conversion to float. */
#define CLIP_LEVEL (32767.0f / 32768.0f)
/* Frames of history libebur128's true-peak interpolator keeps: its delay
 * line holds (49 taps + factor - 1) / factor input frames, 13 at 4× and 25
 * at 2× oversampling.  Rounded up for safety. */
#define TP_HISTORY 32

struct _CoAudioAnalyzer
{
  int                rate;
  int                channels;
  gint64             pos;          /* absolute frame index of the next frame */
  gint64             window;       /* index of the window being filled */
  gint64             window_first; /* its first frame */
  gint64             window_end;   /* one past its last frame */

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
  ebur128_state     *loudness;

  /* True peak: see feed_true_peak(). */
  ebur128_state     *true_peak;
  float             *win;          /* interleaved samples of the current window */
  float             *prev_win;     /* and of the previous one */
  gsize              prev_win_len;
  float              prev_peak;    /* largest magnitude of its last TP_HISTORY frames */
  gint64             tp_fed;       /* last window given to true_peak, or -2 */
  double             tp_max;
  double             tp_gain;

  /* Parallel mode: libebur128's gating runs on a thread of its own. */
  GThread           *loudness_thread;
  GAsyncQueue       *loudness_queue;
};

typedef struct
{
  gsize n_frames;
  float data[];
} Chunk;

/* An empty chunk tells the loudness thread to stop. */
static gpointer
loudness_thread_main (gpointer data)
{
  CoAudioAnalyzer *self = data;

  for (;;)
    {
      Chunk *chunk = g_async_queue_pop (self->loudness_queue);
      gsize n = chunk->n_frames;

      if (n > 0)
        ebur128_add_frames_float (self->loudness, chunk->data, n);
      g_free (chunk);
      if (n == 0)
        return NULL;
    }
}

static void
feed_loudness (CoAudioAnalyzer *self,
               const float     *data,
               gsize            n_frames)
{
  Chunk *chunk;

  if (self->loudness_thread == NULL)
    {
      ebur128_add_frames_float (self->loudness, data, n_frames);
      return;
    }
  /* Keep memory flat when libebur128 falls behind the decoder. */
  while (g_async_queue_length (self->loudness_queue) > 32)
    g_usleep (500);
  /* The same frames reach libebur128 in the same order as in serial mode. */
  chunk = g_malloc (sizeof (Chunk) + n_frames * self->channels * sizeof (float));
  chunk->n_frames = n_frames;
  memcpy (chunk->data, data, n_frames * self->channels * sizeof (float));
  g_async_queue_push (self->loudness_queue, chunk);
}

static void
stop_loudness_thread (CoAudioAnalyzer *self)
{
  if (self->loudness_thread == NULL)
    return;
  g_async_queue_push (self->loudness_queue, g_new0 (Chunk, 1));
  g_thread_join (g_steal_pointer (&self->loudness_thread));
  g_clear_pointer (&self->loudness_queue, g_async_queue_unref);
}

/*
 * Bound on how far libebur128's interpolator (a Hann-windowed sinc of 49
 * taps, 4 or 2 times oversampling) can lift a value above the largest
 * input sample it sees: the largest sum of absolute coefficients of one
 * output phase, plus a margin.
 */
static double
interpolator_gain (void)
{
  double gain = 1.0;

  for (int factor = 2; factor <= 4; factor += 2)
    for (int phase = 0; phase < factor; phase++)
      {
        double sum = 0.0;

        for (int j = phase; j < 49; j += factor)
          {
            double m = j - 24.0, c = 1.0;

            if (fabs (m) > 1e-6)
              c = sin (m * G_PI / factor) / (m * G_PI / factor);
            sum += fabs (c * 0.5 * (1.0 - cos (2.0 * G_PI * j / 48.0)));
          }
        gain = MAX (gain, sum);
      }
  return gain * 1.05;
}

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
                        gint64                  first_frame)
{
  CoAudioAnalyzer *self = g_new0 (CoAudioAnalyzer, 1);
  int mode = EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_HISTOGRAM;

  g_assert (rate > 0 && channels > 0);
  self->rate = rate;
  self->channels = channels;
  self->mag = g_new (float, rate / 100 + 2);
  self->rms = g_array_new (FALSE, TRUE, sizeof (float));
  self->peaks = g_array_new (FALSE, TRUE, sizeof (float));
  self->minmax = g_array_new (FALSE, TRUE, sizeof (gint16) * 2);
  self->silence = _co_silence_detector_new (params->threshold_db, params->min_silence, rate);
  /* The histogram mode keeps libebur128's memory constant for any length. */
  self->loudness = ebur128_init ((unsigned) channels, (unsigned long) rate, mode);
  self->true_peak = ebur128_init ((unsigned) channels, (unsigned long) rate,
                                  EBUR128_MODE_TRUE_PEAK);
  self->win = g_new (float, (rate / 100 + 2) * channels);
  self->prev_win = g_new (float, (rate / 100 + 2) * channels);
  self->tp_fed = -2;
  self->tp_gain = interpolator_gain ();
  if (!params->serial)
    {
      self->loudness_queue = g_async_queue_new ();
      self->loudness_thread = g_thread_new ("co-loudness", loudness_thread_main, self);
    }
  self->pos = MAX (first_frame, 0);
  open_window (self, self->pos * 100 / rate);
  return self;
}

static gint16
to_s16 (float v)
{
  return (gint16) CLAMP (lrintf (v * 32767.0f), -32767, 32767);
}

/*
 * libebur128's 4× oversampling is by far the most expensive part of the
 * analysis, yet only windows near the loudest peak can hold the true peak.
 * An interpolated value is at most tp_gain times the largest sample within
 * the filter's reach: this window and the last TP_HISTORY frames of the
 * previous one.  So a window is oversampled only when that bound can beat
 * the true peak found so far, after feeding those last frames again so that
 * the interpolator's history is exact (the peak of that call is not read).
 * The result equals oversampling everything.
 */
static void
feed_true_peak (CoAudioAnalyzer *self,
                gsize            n)
{
  double value;

  if (MAX (self->peak, self->prev_peak) * self->tp_gain < self->tp_max)
    return;
  if (self->tp_fed != self->window - 1 && self->prev_win_len > 0)
    {
      gsize tail = MIN (self->prev_win_len, TP_HISTORY);

      ebur128_add_frames_float (self->true_peak,
                                self->prev_win + (self->prev_win_len - tail) * self->channels,
                                tail);
    }
  ebur128_add_frames_float (self->true_peak, self->win, n);
  self->tp_fed = self->window;
  for (int c = 0; c < self->channels; c++)
    if (ebur128_prev_true_peak (self->true_peak, (unsigned) c, &value) == EBUR128_SUCCESS)
      self->tp_max = MAX (self->tp_max, value);
}

static void
keep_window_samples (CoAudioAnalyzer *self,
                     gsize            n)
{
  float *tmp = self->prev_win;
  float tail_peak = 0.0f;

  /* Only the last frames reach into the next window's interpolation. */
  for (gsize i = n - MIN (n, TP_HISTORY); i < n; i++)
    tail_peak = MAX (tail_peak, self->mag[i]);
  self->prev_win = self->win;
  self->win = tmp;
  self->prev_win_len = n;
  self->prev_peak = tail_peak;
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
  feed_true_peak (self, self->mag_len);
  keep_window_samples (self, self->mag_len);
  open_window (self, self->window + 1);
}

/* Accumulates @n frames that all belong to the current window. */
static void
accumulate (CoAudioAnalyzer *self,
            const float     *data,
            gsize            n)
{
  int channels = self->channels;
  double sum = self->sum_squares;
  float peak = self->peak, lo = self->min, hi = self->max;
  float *mag = self->mag + self->mag_len;

  memcpy (self->win + self->mag_len * channels, data, n * channels * sizeof (float));

  for (gsize f = 0; f < n; f++)
    {
      float frame_mag = 0.0f;

      for (int c = 0; c < channels; c++)
        {
          float v = data[f * channels + c];
          float a = fabsf (v);

          sum += (double) v * v;
          lo = MIN (lo, v);
          hi = MAX (hi, v);
          frame_mag = MAX (frame_mag, a);
          if (a >= CLIP_LEVEL)
            self->clips++;
        }
      mag[f] = frame_mag;
      peak = MAX (peak, frame_mag);
    }
  self->sum_squares = sum;
  self->peak = peak;
  self->min = lo;
  self->max = hi;
  self->mag_len += n;
}

/**
 * _co_audio_analyzer_feed:
 * @data: interleaved float samples
 * @n_frames: number of frames (samples per channel) in @data
 */
void
_co_audio_analyzer_feed (CoAudioAnalyzer *self,
                         const float     *data,
                         gsize            n_frames)
{
  gsize done = 0;

  feed_loudness (self, data, n_frames);
  while (done < n_frames)
    {
      gsize room = (gsize) (self->window_end - self->pos);
      gsize n = MIN (room, n_frames - done);

      accumulate (self, data + done * self->channels, n);
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
  double value;

  result->integrated_lufs = ebur128_loudness_global (self->loudness, &value) == EBUR128_SUCCESS
                            ? value : NAN;
  result->range_lu = ebur128_loudness_range (self->loudness, &value) == EBUR128_SUCCESS
                     ? value : NAN;
  result->true_peak_dbtp = to_db (self->tp_max);
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
  stop_loudness_thread (self);
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
  stop_loudness_thread (self);
  g_array_unref (self->rms);
  g_array_unref (self->peaks);
  g_array_unref (self->minmax);
  _co_silence_detector_free (self->silence);
  ebur128_destroy (&self->loudness);
  ebur128_destroy (&self->true_peak);
  g_free (self->win);
  g_free (self->prev_win);
  g_free (self->mag);
  g_free (self);
}
