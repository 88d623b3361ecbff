/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <math.h>
#include <string.h>

#include "co-analysis-private.h"

/*
 * The rule: a silence is a stretch of at least the minimum length in which
 * no sample of any channel reaches the threshold.  It starts right after
 * the last sample that reaches it and ends at the next one, so boundaries
 * fall to the sample, and a word's tail is sound for as long as any of its
 * samples reaches the threshold: a quiet ending is never cut off because
 * the stretch around it is quiet on average.  This is also the rule of
 * ffmpeg's silencedetect, so that the two agree sample for sample on the
 * same decoded sound (up to the millisecond that times are kept to).
 *
 * The detector needs no samples: each 10 ms window comes as a
 * CoWindowLevel (where its first and last loud samples are, if any).  A
 * silence can only begin in a window that holds no loud sample after one
 * that does, and end in the reverse, and the boundaries are then in those
 * two windows; so it may be given just those windows, the first and the
 * last (co-audio-analyzer.c keeps no more).  So the windows of ranges
 * analysed apart can be run through one detector afterwards, as if read in
 * one pass.  Boundaries are kept to the millisecond, as every time of an
 * analysis is.
 */
struct _CoSilenceDetector
{
  gint64   min_frames;
  int      rate;

  CoWindowLevel prev;       /* the previous window */
  gint64   prev_first;
  gboolean have_prev;

  gboolean in_silence;
  gint64   start;
  GArray  *silences;        /* CoInterval */
};

CoSilenceDetector *
_co_silence_detector_new (double min_silence,
                          int    rate)
{
  CoSilenceDetector *self = g_new0 (CoSilenceDetector, 1);

  g_assert (rate > 0);
  self->min_frames = (gint64) llround (min_silence * rate);
  self->rate = rate;
  self->silences = g_array_new (FALSE, FALSE, sizeof (CoInterval));
  return self;
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

/**
 * _co_silence_detector_window:
 * @first_frame: index of the window's first frame in the stream
 * @level: the window's mean square and loud samples
 */
void
_co_silence_detector_window (CoSilenceDetector   *self,
                             gint64               first_frame,
                             const CoWindowLevel *level)
{
  gboolean silent = _co_window_level_silent (level);

  /* A silence that begins the stream begins at 0; any other, after the
   * last loud sample of the window before. */
  if (silent && !self->in_silence)
    {
      self->in_silence = TRUE;
      self->start = self->have_prev ? self->prev_first + self->prev.last_loud + 1 : 0;
    }
  else if (!silent && self->in_silence)
    {
      self->in_silence = FALSE;
      emit (self, first_frame + level->first_loud);
    }
  self->prev = *level;
  self->prev_first = first_frame;
  self->have_prev = TRUE;
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
  g_free (self);
}
