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
 * windows.
 *
 * The detector needs no samples: each window comes as a CoWindowLevel (its
 * mean square and where its first and last loud samples are).  It changes
 * state only where a window is silent and the one before is not, or the
 * reverse, and then looks at those two windows only; so it may be given
 * just those windows, the first and the last (co-audio-analyzer.c keeps no
 * more).  So the windows of ranges analysed apart can be run through one
 * detector afterwards, as if read in one pass.
 */
struct _CoSilenceDetector
{
  double   threshold_ms;    /* mean square of the threshold */
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
_co_silence_detector_new (double threshold_db,
                          double min_silence,
                          int    rate)
{
  CoSilenceDetector *self = g_new0 (CoSilenceDetector, 1);

  g_assert (rate > 0);
  self->threshold_ms = _co_silence_threshold_ms (threshold_db);
  self->min_frames = (gint64) llround (min_silence * rate);
  self->rate = rate;
  self->silences = g_array_new (FALSE, FALSE, sizeof (CoInterval));
  return self;
}

/* Where a silence that begins in the window at @first starts, to the sample. */
static gint64
refine_start (CoSilenceDetector   *self,
              gint64               first,
              const CoWindowLevel *level)
{
  if (level->last_loud >= 0)
    return first + level->last_loud + 1;
  if (self->have_prev && self->prev.last_loud >= 0)
    return self->prev_first + self->prev.last_loud + 1;
  return first;
}

/* Where the current silence ends, given the loud window at @first.  The
 * previous window is silent by its RMS but may hold a loud sample; one
 * before the silence's start cannot be, as the start follows the last. */
static gint64
refine_end (CoSilenceDetector   *self,
            gint64               first,
            const CoWindowLevel *level)
{
  if (self->have_prev && self->prev_first >= self->start && self->prev.first_loud >= 0)
    return self->prev_first + self->prev.first_loud;
  return level->first_loud >= 0 ? first + level->first_loud : first;
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
  gboolean silent = _co_window_level_silent (level, self->threshold_ms);

  if (silent && !self->in_silence)
    {
      self->in_silence = TRUE;
      self->start = refine_start (self, first_frame, level);
    }
  else if (!silent && self->in_silence)
    {
      self->in_silence = FALSE;
      emit (self, refine_end (self, first_frame, level));
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
