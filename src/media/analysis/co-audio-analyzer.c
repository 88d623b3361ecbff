/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gst/audio/audio.h>

#include "co-analysis-private.h"

/*
 * Everything computed from the decoded samples, in one streaming pass: the
 * 10 ms envelope (RMS, peak, min/max for the waveform), silences, clipping,
 * EBU R128 loudness (co-loudness.c) and true peak (co-true-peak.c).  Samples
 * come one plane per channel, as decoders produce them, and are read where
 * the decoder put them.
 *
 * One loop runs over every sample (co-loudness.c's filter, which takes the
 * envelope while it waits on its own output); everything else looks at a
 * block only when that loop's figures say it must: where the samples of a
 * block are found, only in a block that reaches the silence threshold;
 * clipped samples are counted only in a block that reaches full scale; and
 * the true peak filters only what its bound cannot rule out.
 *
 * The state is a fixed size apart from the results: the envelope (12 bytes
 * per 10 ms window, in memory or with CoAnalysisParams.envelope_on_disk in
 * a temporary file, co-envelope-spill.c) and the loudness (per 100 ms).  Of
 * the windows' levels, only those the silence detector needs are kept (8
 * bytes each): the two on each side of a change between sound and silence.
 *
 * An analyser may cover one range of the stream, so that ranges can be
 * decoded in parallel.  Frames before its range (and a decoder's priming
 * before the stream's first frame) still go through the loudness and
 * true-peak filters, so that at the seam they are filtered as in one pass;
 * the silence detector runs over the windows of all ranges once they are
 * joined.
 */
/* Full scale as 16-bit sources reach it after conversion to float. */
#define CLIP_LEVEL (32767.0f / 32768.0f)

/* A window's level, as kept for the silence detector: 8 bytes, since
 * their number grows with the file (10 ms windows number 2^32 in 497
 * days). */
typedef struct
{
  guint32       window;
  CoWindowLevel level;
} CoLevelMark;

/* Windows gathered for one write to a spill (co-envelope-spill.c). */
#define SPILL_BATCH 2048

typedef struct
{
  guint  first;                       /* the window of rms[0] */
  guint  n;
  float  rms[SPILL_BATCH];
  float  peaks[SPILL_BATCH];
  gint16 minmax[SPILL_BATCH][2];
} SpillBatch;

struct _CoAudioAnalyzer
{
  int                rate;
  int                channels;
  float              loud;         /* magnitude of the silence threshold */
  gint64             range_start;  /* first frame measured */
  gint64             range_end;    /* one past the last, or G_MAXINT64 */
  gint64             pos;          /* frame index of the next frame; negative in priming */
  gint64             window;       /* index of the window being filled */
  gint64             window_first; /* its first frame */
  gint64             window_end;   /* one past its last frame */
  gint64             base_window;  /* the window of rms->data[0] */
  gboolean           shared;       /* the arrays are the whole stream's, shared */
  gint64             written;      /* one past the last window written */

  /* The window being filled. */
  double             squares;
  float              lo;
  float              hi;
  gint64             measured;     /* frames in it */
  int                first_loud;   /* from window_first, or -1 */
  int                last_loud;

  guint64            clips;
  GArray            *rms;
  GArray            *peaks;
  GArray            *minmax;       /* gint16 pairs, one per window */
  CoEnvelopeSpill   *spill;        /* or the shared envelope on disk */
  SpillBatch        *batch;        /* its windows not written yet */
  GArray            *marks;        /* CoLevelMark, the windows the detector needs */
  CoLevelMark        last;         /* the window closed last */
  gboolean           have_last;
  gboolean           last_kept;
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
  self->squares = 0.0;
  self->lo = 0.0f;
  self->hi = 0.0f;
  self->measured = 0;
  self->first_loud = -1;
  self->last_loud = -1;
}

/* BS.1770's channel weights: surrounds count 1.41, the LFE not at all. */
static double
channel_weight (GstAudioChannelPosition position)
{
  switch (position)
    {
    case GST_AUDIO_CHANNEL_POSITION_LFE1:
    case GST_AUDIO_CHANNEL_POSITION_LFE2:
      return 0.0;
    case GST_AUDIO_CHANNEL_POSITION_REAR_LEFT:
    case GST_AUDIO_CHANNEL_POSITION_REAR_RIGHT:
    case GST_AUDIO_CHANNEL_POSITION_SIDE_LEFT:
    case GST_AUDIO_CHANNEL_POSITION_SIDE_RIGHT:
    case GST_AUDIO_CHANNEL_POSITION_SURROUND_LEFT:
    case GST_AUDIO_CHANNEL_POSITION_SURROUND_RIGHT:
      return 1.41;
    default:
      return 1.0;
    }
}

/**
 * _co_audio_info_usable:
 * @info: (out caller-allocates): receives what @caps say
 * @caps: the caps of decoded sound
 *
 * Returns: whether the analyser takes sound of @caps: planar F32
 */
gboolean
_co_audio_info_usable (GstAudioInfo *info,
                       GstCaps      *caps)
{
  return caps != NULL && gst_audio_info_from_caps (info, caps) && info->rate > 0
         && info->channels > 0 && info->channels <= 64
         && GST_AUDIO_INFO_FORMAT (info) == GST_AUDIO_FORMAT_F32
         && info->layout == GST_AUDIO_LAYOUT_NON_INTERLEAVED;
}

/**
 * _co_audio_analyzer_new:
 * @params: the analysis parameters
 * @info: the sound's format (_co_audio_info_usable())
 * @first_frame: the index of the first frame that will be fed; negative
 *   for a decoder's priming, which only prepares the filters
 * @range_start: the first frame this analyser measures
 * @range_end: one past its last, or %G_MAXINT64
 * @expected_end: the stream's length as the container claims it, or
 *   %G_MAXINT64: sizes the arrays
 * @envelope: (nullable): where the analysers of all the ranges write the
 *   envelope in place, if the stream's length is known for sure; else
 *   each range keeps its own, joined at the end
 *
 * Returns: (transfer full): a new analyser
 */
CoAudioAnalyzer *
_co_audio_analyzer_new (const CoAnalysisParams *params,
                        const GstAudioInfo     *info,
                        gint64                  first_frame,
                        gint64                  range_start,
                        gint64                  range_end,
                        gint64                  expected_end,
                        const CoEnvelope       *envelope)
{
  CoAudioAnalyzer *self = g_new0 (CoAudioAnalyzer, 1);
  int rate = info->rate, channels = info->channels;
  g_autofree double *weights = g_new (double, channels);
  /* Arrays sized at once: grown by doubling, they would briefly need twice
   * the room, and the peak memory would grow with the length of the file
   * twice as fast.  The first range takes in the others when they are
   * joined, so it reserves room for the whole stream; only what is written
   * is ever resident. */
  gint64 end = range_start > 0 ? MIN (range_end, expected_end) : expected_end;
  /* A damaged header may claim any length: never reserve past six hours. */
  guint windows = end > 0 && end < G_MAXINT64
                  ? (guint) CLAMP ((end - MAX (range_start, 0)) * 100 / rate + 2, 0,
                                   6 * 3600 * 100) : 0;

  g_assert (rate > 0 && channels > 0 && channels <= 64);
  for (int c = 0; c < channels; c++)
    weights[c] = channel_weight (info->position[c]);
  self->rate = rate;
  self->channels = channels;
  self->loud = _co_silence_threshold (params->threshold_db);
  self->shared = envelope != NULL;
  if (self->shared && envelope->spill != NULL)
    {
      self->spill = _co_envelope_spill_ref (envelope->spill);
      self->batch = g_new0 (SpillBatch, 1);
    }
  else if (self->shared)
    {
      self->rms = g_array_ref (envelope->rms);
      self->peaks = g_array_ref (envelope->peaks);
      self->minmax = g_array_ref (envelope->minmax);
    }
  else
    {
      self->rms = g_array_sized_new (FALSE, TRUE, sizeof (float), windows);
      self->peaks = g_array_sized_new (FALSE, TRUE, sizeof (float), windows);
      self->minmax = g_array_sized_new (FALSE, TRUE, sizeof (gint16) * 2, windows);
    }
  self->marks = g_array_new (FALSE, FALSE, sizeof (CoLevelMark));
  self->loudness = _co_loudness_meter_new (rate, channels, weights);
  self->true_peak = _co_true_peak_new (rate, channels);
  self->pos = first_frame;
  self->range_start = MAX (range_start, MAX (first_frame, 0));
  self->range_end = range_end;
  /* A later range's own arrays begin at its start; the first range's (and
   * shared ones) at 0, padded when the stream starts late. */
  self->base_window = range_start > 0 && !self->shared ? self->range_start * 100 / rate : 0;
  open_window (self, self->range_start * 100 / rate);
  return self;
}

static gint16
to_s16 (float v)
{
  return (gint16) CLAMP (lrintf (v * 32767.0f), -32767, 32767);
}

/* Keeps the level of the window closed now if the silence detector will
 * need it: the first window, and both windows on each side of a change
 * between sound and silence. */
static void
mark_level (CoAudioAnalyzer     *self,
            const CoWindowLevel *level)
{
  CoLevelMark mark = { (guint32) self->window, *level };
  gboolean silent = _co_window_level_silent (level);
  gboolean keep = !self->have_last || silent != _co_window_level_silent (&self->last.level);

  if (keep && self->have_last && !self->last_kept)
    g_array_append_val (self->marks, self->last);
  if (keep)
    g_array_append_val (self->marks, mark);
  self->last = mark;
  self->last_kept = keep;
  self->have_last = TRUE;
}

/* Writes the windows gathered in the batch to the spill. */
static void
spill_flush (CoAudioAnalyzer *self)
{
  SpillBatch *b = self->batch;

  if (b == NULL || b->n == 0)
    return;
  _co_envelope_spill_write (self->spill, CO_SPILL_RMS, b->first, b->rms, b->n);
  _co_envelope_spill_write (self->spill, CO_SPILL_PEAK, b->first, b->peaks, b->n);
  _co_envelope_spill_write (self->spill, CO_SPILL_LEVEL0, b->first, b->minmax, b->n);
  b->n = 0;
}

static void
spill_window (CoAudioAnalyzer *self,
              guint            index,
              float            rms,
              float            peak,
              const gint16     mm[2])
{
  SpillBatch *b = self->batch;

  g_assert (b != NULL);
  if (b->n > 0 && (b->n == SPILL_BATCH || index != b->first + b->n))
    spill_flush (self);
  if (b->n == 0)
    b->first = index;
  b->rms[b->n] = rms;
  b->peaks[b->n] = peak;
  memcpy (b->minmax[b->n], mm, sizeof b->minmax[0]);
  b->n++;
}

static void
close_window (CoAudioAnalyzer *self)
{
  double mean_square = self->measured > 0
                       ? self->squares / ((double) self->measured * self->channels) : 0.0;
  float rms = (float) sqrt (mean_square);
  float peak = MAX (-self->lo, self->hi);
  gint16 mm[2] = { to_s16 (self->lo), to_s16 (self->hi) };
  CoWindowLevel level = { (gint16) self->first_loud, (gint16) self->last_loud };
  guint index = (guint) (self->window - self->base_window);

  if (self->spill != NULL)
    {
      if (index < _co_envelope_spill_get_capacity (self->spill))
        spill_window (self, index, rms, peak, mm);
    }
  else if (self->shared && index < self->rms->len)
    {
      g_array_index (self->rms, float, index) = rms;
      g_array_index (self->peaks, float, index) = peak;
      memcpy ((gint16 *) (gpointer) self->minmax->data + 2 * index, mm, sizeof mm);
    }
  else if (!self->shared)
    {
      /* A stream that starts late leaves the windows before it silent. */
      if (self->rms->len < index)
        {
          g_array_set_size (self->rms, index);
          g_array_set_size (self->peaks, index);
          g_array_set_size (self->minmax, index);
        }
      g_array_append_val (self->rms, rms);
      g_array_append_val (self->peaks, peak);
      g_array_append_val (self->minmax, mm);
    }
  self->written = self->window + 1;
  mark_level (self, &level);
  open_window (self, self->window + 1);
}

/* Where in @n samples of @x the first and last at or above @loud are,
 * narrowing *@first and *@last, found in other channels (n and -1 when
 * none is known yet). */
static void
find_loud (const float *x,
           gsize        n,
           float        loud,
           gssize      *first,
           gssize      *last)
{
  for (gssize i = 0; i < *first; i++)
    if (fabsf (x[i]) >= loud)
      {
        *first = i;
        break;
      }
  for (gssize i = (gssize) n - 1; i > *last; i--)
    if (fabsf (x[i]) >= loud)
      {
        *last = i;
        break;
      }
}

static guint64
count_clips (const float *x,
             gsize        n)
{
  guint64 clips = 0;

  for (gsize i = 0; i < n; i++)
    clips += fabsf (x[i]) >= CLIP_LEVEL;
  return clips;
}

/* What only a block that reaches the threshold or full scale needs: where
 * its loud samples are, and how many are clipped. */
static void
look_closer (CoAudioAnalyzer     *self,
             const float * const *planes,
             gsize                offset,
             gsize                n,
             float                peak)
{
  gssize first = (gssize) n, last = -1;
  int at = (int) (self->pos - self->window_first);

  for (int c = 0; c < self->channels && peak >= self->loud; c++)
    find_loud (planes[c] + offset, n, self->loud, &first, &last);
  if (last >= 0)
    {
      if (self->first_loud < 0)
        self->first_loud = at + (int) first;
      self->last_loud = at + (int) last;
    }
  for (int c = 0; c < self->channels && peak >= CLIP_LEVEL; c++)
    self->clips += count_clips (planes[c] + offset, n);
}

static CoV4f
load4 (const float *x)
{
  CoV4f v;

  memcpy (&v, x, sizeof v);
  return v;
}

/* Adds the sum of the squares of the @n samples @x to the window's, and
 * widens its smallest and largest value; four samples at a time. */
static void
envelope (CoAudioAnalyzer *self,
          const float     *x,
          gsize            n)
{
  CoV4f sum = { 0.0f, 0.0f, 0.0f, 0.0f }, lo = sum, hi = sum;
  gsize i = 0;

  for (; i + 4 <= n; i += 4)
    {
      CoV4f v = load4 (x + i);

      sum += v * v;
      lo = _co_v4f_min (lo, v);
      hi = _co_v4f_max (hi, v);
    }
  for (int k = 0; k < 4; k++)
    {
      self->squares += sum[k];
      self->lo = MIN (self->lo, lo[k]);
      self->hi = MAX (self->hi, hi[k]);
    }
  for (; i < n; i++)
    {
      self->squares += (double) x[i] * x[i];
      self->lo = MIN (self->lo, x[i]);
      self->hi = MAX (self->hi, x[i]);
    }
}

/* Measures @n frames, from @offset in each plane, that all belong to the
 * current window; or, if @warm, only runs them through the filters. */
static void
measure (CoAudioAnalyzer     *self,
         const float * const *planes,
         gsize                offset,
         gsize                n,
         gboolean             warm)
{
  float lo = self->lo, hi = self->hi, peak;

  _co_loudness_meter_feed (self->loudness, planes, offset, n, warm);
  if (warm)
    {
      _co_true_peak_warm (self->true_peak, planes, offset, n);
      return;
    }
  /* The window's extremes so far are 0 or beyond, so those of this block
   * are found from 0. */
  self->lo = self->hi = 0.0f;
  for (int c = 0; c < self->channels; c++)
    envelope (self, planes[c] + offset, n);
  peak = MAX (-self->lo, self->hi);
  self->lo = MIN (self->lo, lo);
  self->hi = MAX (self->hi, hi);
  _co_true_peak_feed (self->true_peak, planes, offset, n, peak);
  if (peak >= self->loud || peak >= CLIP_LEVEL)
    look_closer (self, planes, offset, n, peak);
  self->measured += (gint64) n;
}

/**
 * _co_audio_analyzer_feed:
 * @planes: one array of @n_frames float samples per channel
 * @n_frames: number of frames (samples per channel)
 *
 * Returns: %FALSE once the end of the range is reached; frames from there
 *   on are not taken
 */
gboolean
_co_audio_analyzer_feed (CoAudioAnalyzer     *self,
                         const float * const *planes,
                         gsize                n_frames)
{
  gsize done = 0;

  while (done < n_frames && self->pos < self->range_end)
    {
      gboolean warm = self->pos < self->range_start;
      gint64 stop = warm ? self->range_start : MIN (self->window_end, self->range_end);
      gsize n = (gsize) MIN (stop - self->pos, (gint64) (n_frames - done));

      measure (self, planes, done, n, warm);
      done += n;
      self->pos += (gint64) n;
      if (!warm && self->pos == self->window_end)
        close_window (self);
    }
  return self->pos < self->range_end;
}

gint64
_co_audio_analyzer_frames (CoAudioAnalyzer *self)
{
  return self->pos;
}

static double
to_db (double linear)
{
  return linear > 0.0 ? 20.0 * log10 (linear) : -INFINITY;
}

/* Builds the coarser waveform levels, each 4 times coarser than the last. */
/**
 * _co_waveform_coarsen:
 * @finer: @n min/max pairs of a waveform level
 * @n: how many
 * @coarser: (out caller-allocates): room for (@n + 3) / 4 pairs
 *
 * Makes the next coarser level: each bucket is the min and the max of up
 * to 4 finer ones.  A level made piece by piece, in pieces of a multiple
 * of 4, is the same as one made whole.
 *
 * Returns: the number of pairs written to @coarser
 */
guint
_co_waveform_coarsen (const gint16 *finer,
                      guint         n,
                      gint16       *coarser)
{
  guint buckets = (n + 3) / 4;

  for (guint b = 0; b < buckets; b++)
    {
      gint16 lo = G_MAXINT16, hi = G_MININT16;

      for (guint j = 4 * b; j < MIN (4 * b + 4, n); j++)
        {
          lo = MIN (lo, finer[2 * j]);
          hi = MAX (hi, finer[2 * j + 1]);
        }
      coarser[2 * b] = lo;
      coarser[2 * b + 1] = hi;
    }
  return buckets;
}

static void
finish_waveform (CoAnalysis *result,
                 GArray     *minmax)
{
  result->waveform[0] = g_array_ref (minmax);
  for (guint level = 1; level < CO_WAVEFORM_LEVELS; level++)
    {
      GArray *finer = result->waveform[level - 1];
      GArray *coarser = g_array_new (FALSE, FALSE, sizeof (gint16) * 2);

      g_array_set_size (coarser, (finer->len + 3) / 4);
      _co_waveform_coarsen ((const gint16 *) (gpointer) finer->data, finer->len,
                            (gint16 *) (gpointer) coarser->data);
      result->waveform[level] = coarser;
    }
}

/* Closes the last partial window over the frames it really has, and keeps
 * the level of the last window, where the next range's first will join. */
static void
close_last_window (CoAudioAnalyzer *self)
{
  if (self->measured > 0)
    close_window (self);
  spill_flush (self);
  g_clear_pointer (&self->batch, g_free);
  if (self->have_last && !self->last_kept)
    {
      g_array_append_val (self->marks, self->last);
      self->last_kept = TRUE;
    }
}

/* Appends @from to @to, then lets @from go, so that the two are never
 * both resident for longer than the copy. */
static void
append_array (GArray  *to,
              GArray **from)
{
  g_array_append_vals (to, (*from)->data, (*from)->len);
  g_clear_pointer (from, g_array_unref);
}

/* Takes in the windows of @part, which starts where @self ends. */
static void
append_part (CoAudioAnalyzer *self,
             CoAudioAnalyzer *part)
{
  if (!self->shared)
    {
      g_assert (self->base_window + (gint64) self->rms->len == part->base_window);
      append_array (self->rms, &part->rms);
      append_array (self->peaks, &part->peaks);
      append_array (self->minmax, &part->minmax);
    }
  _co_loudness_meter_append (self->loudness, part->loudness);
  self->clips += part->clips;
  self->pos = part->pos;
  self->written = part->written;
}

/* Runs the silence detector over the windows it needs, range after range
 * (their marks are never copied into one array), as one pass would. */
static GArray *
detect_silences (CoAudioAnalyzer * const *parts,
                 guint                   n_parts,
                 const CoAnalysisParams *params)
{
  CoAudioAnalyzer *self = parts[0];
  CoSilenceDetector *detector = _co_silence_detector_new (params->min_silence, self->rate);
  GArray *silences;

  for (guint p = 0; p < n_parts; p++)
    {
      const CoLevelMark *marks = (const CoLevelMark *) (gpointer) parts[p]->marks->data;

      for (guint i = 0; i < parts[p]->marks->len; i++)
        _co_silence_detector_window (detector, window_start (self, marks[i].window),
                                     &marks[i].level);
    }
  silences = _co_silence_detector_finish (detector, self->pos);
  _co_silence_detector_free (detector);
  return silences;
}

/**
 * _co_audio_analyzer_finish:
 * @parts: the analysers of consecutive ranges, the first from the start
 * @n_parts: how many
 * @params: the analysis parameters
 * @result: receives the envelope, waveform, silences and loudness
 *
 * Joins the ranges into the first part and fills @result.
 */
void
_co_audio_analyzer_finish (CoAudioAnalyzer * const *parts,
                           guint                   n_parts,
                           const CoAnalysisParams *params,
                           CoAnalysis             *result)
{
  CoAudioAnalyzer *self = parts[0];
  double peak = _co_true_peak_get (self->true_peak);

  for (guint i = 0; i < n_parts; i++)
    close_last_window (parts[i]);
  for (guint i = 1; i < n_parts; i++)
    {
      append_part (self, parts[i]);
      peak = MAX (peak, _co_true_peak_get (parts[i]->true_peak));
    }
  /* Shared arrays are sized for the length claimed: keep what was written. */
  if (self->spill != NULL)
    {
      guint written = (guint) MIN (self->written,
                                   (gint64) _co_envelope_spill_get_capacity (self->spill));

      _co_envelope_spill_set_length (self->spill, CO_SPILL_RMS, written);
      _co_envelope_spill_set_length (self->spill, CO_SPILL_PEAK, written);
      _co_envelope_spill_set_length (self->spill, CO_SPILL_LEVEL0, written);
      _co_envelope_spill_build_levels (self->spill);
    }
  else if (self->shared && (gint64) self->rms->len > self->written)
    {
      g_array_set_size (self->rms, (guint) self->written);
      g_array_set_size (self->peaks, (guint) self->written);
      g_array_set_size (self->minmax, (guint) self->written);
    }
  result->sample_rate = self->rate;
  result->channels = self->channels;
  result->clip_count = self->clips;
  result->silences = detect_silences (parts, n_parts, params);
  result->integrated_lufs = _co_loudness_meter_integrated (self->loudness);
  result->range_lu = _co_loudness_meter_range (self->loudness);
  result->true_peak_dbtp = to_db (peak);
  if (self->spill != NULL)
    {
      /* co_analyze_file() gives it empty arrays once the scenes are in. */
      result->spill = _co_envelope_spill_ref (self->spill);
      return;
    }
  result->rms = g_array_ref (self->rms);
  result->peak = g_array_ref (self->peaks);
  finish_waveform (result, self->minmax);
}

void
_co_audio_analyzer_free (CoAudioAnalyzer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rms, g_array_unref);
  g_clear_pointer (&self->peaks, g_array_unref);
  g_clear_pointer (&self->minmax, g_array_unref);
  g_clear_pointer (&self->spill, _co_envelope_spill_unref);
  g_free (self->batch);
  g_clear_pointer (&self->marks, g_array_unref);
  _co_loudness_meter_free (self->loudness);
  _co_true_peak_free (self->true_peak);
  g_free (self);
}

/**
 * _co_envelope_init:
 * @envelope: (out caller-allocates): the envelope to make
 * @windows: how many 10 ms windows the stream has
 * @on_disk: whether to keep it in a temporary file instead of memory
 *   (memory when no such file can be made)
 *
 * Makes the arrays (or the file) that the analysers of every range of a
 * stream whose length is known for sure write in place
 * (_co_audio_analyzer_new()), so that they are never joined by copying.
 */
void
_co_envelope_init (CoEnvelope *envelope,
                   guint       windows,
                   gboolean    on_disk)
{
  g_autoptr(GError) error = NULL;

  memset (envelope, 0, sizeof *envelope);
  if (on_disk && (envelope->spill = _co_envelope_spill_new (windows, &error)) != NULL)
    return;
  if (on_disk)
    g_debug ("Keeping the envelope in memory: %s", error->message);
  envelope->rms = g_array_sized_new (FALSE, TRUE, sizeof (float), windows);
  envelope->peaks = g_array_sized_new (FALSE, TRUE, sizeof (float), windows);
  envelope->minmax = g_array_sized_new (FALSE, TRUE, sizeof (gint16) * 2, windows);
  g_array_set_size (envelope->rms, windows);
  g_array_set_size (envelope->peaks, windows);
  g_array_set_size (envelope->minmax, windows);
}

/* Whether _co_envelope_init() made @envelope. */
gboolean
_co_envelope_ready (const CoEnvelope *envelope)
{
  return envelope->rms != NULL || envelope->spill != NULL;
}

void
_co_envelope_clear (CoEnvelope *envelope)
{
  g_clear_pointer (&envelope->spill, _co_envelope_spill_unref);
  g_clear_pointer (&envelope->rms, g_array_unref);
  g_clear_pointer (&envelope->peaks, g_array_unref);
  g_clear_pointer (&envelope->minmax, g_array_unref);
}
