/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CoTestSpeechSpec:
 * @container: "wav", "ogg", "mp4" (H.264 + AAC), "webm" (VP8 + Vorbis),
 *   "mka" (FLAC in Matroska) or "flac" (a bare FLAC stream)
 * @duration: seconds
 * @rate: audio sample rate
 * @channels: audio channels
 * @gaps: planted silences, in seconds, sorted, inside (0, duration)
 * @n_gaps: how many
 * @width: video width (mp4, webm), 0 for no video track
 * @height: video height
 * @fps: frames per second (the numerator, with @fps_denominator)
 * @cut_frames: frames that start a new scene, sorted
 * @n_cuts: how many
 * @video_encoder: (nullable): a pipeline fragment replacing the default encoder
 * @no_audio: write the video track only
 * @seed: for the pseudo-random speech
 * @fps_denominator: of the frame rate, 0 for 1 (1001 for 23.976, 29.97…)
 * @snow: the share of the picture, on its right, that shows fresh noise in
 *   every frame (0 for none), as a shot full of motion does: its predicted
 *   frames cost nearly as much as a cut's
 *
 * Speech-like audio: syllables of harmonic tone plus noise, 80–250 ms each,
 * with phrase levels between −16 and −6 dBFS and an envelope that never
 * dips below −29 dBFS RMS, so the only silences (−60 dBFS noise) are the
 * planted ones, each starting and ending to the sample.  Video scenes are
 * static textures with a moving box; a cut changes texture and colour.
 */
typedef struct
{
  const char        *container;
  double             duration;
  int                rate;
  int                channels;
  const double      (*gaps)[2];
  gsize              n_gaps;
  int                width;
  int                height;
  int                fps;
  const guint       *cut_frames;
  gsize              n_cuts;
  const char        *video_encoder;
  gboolean           no_audio;
  guint32            seed;
  int                fps_denominator;
  double             snow;
} CoTestSpeechSpec;

/**
 * CoTestTalkSpec:
 * @base: the container, duration, rate, channels, video and seed (its
 *   @gaps are not used)
 * @pauses: lengths in seconds of the pauses planted between utterances,
 *   used in turn
 * @n_pauses: how many
 * @noise_dbfs: RMS level of the pink-noise floor under everything
 * @threshold_dbfs: the level at which the truth is measured, on the sound
 *   as written (before a lossy encoder)
 *
 * Real speech: sentences spoken by espeak-ng (en-us, klatt2 voice), at
 * −6 dB, resampled to @base.rate, placed one after the other with the
 * planted pauses between them over a pink-noise floor.  The second channel
 * is the first at 0.9 with noise of its own.
 */
typedef struct
{
  CoTestSpeechSpec   base;
  const double      *pauses;
  gsize              n_pauses;
  double             noise_dbfs;
  double             threshold_dbfs;
} CoTestTalkSpec;

/**
 * CoTestSilenceScore:
 * @found: silences found
 * @matched: found silences that overlap a planted one
 * @expected: planted silences at least the minimum long
 * @mean_error: mean distance of a boundary from the truth, in seconds
 * @max_error: the largest
 * @worst: where the largest is
 *
 * How well found silences match the truth.
 */
typedef struct
{
  guint  found;
  guint  matched;
  guint  expected;
  double mean_error;
  double max_error;
  double worst;
} CoTestSilenceScore;

float *co_test_speech_render (const CoTestSpeechSpec  *spec,
                              gsize                   *n_frames);
char  *co_test_speech_write  (const char              *dir,
                              const char              *name,
                              const CoTestSpeechSpec  *spec,
                              GError                 **error);
char  *co_test_speech_write_talk (const char            *dir,
                                  const char            *name,
                                  const CoTestTalkSpec  *spec,
                                  GArray               **truth,
                                  GError               **error);
void   co_test_speech_score      (const double          (*truth)[2],
                                  gsize                  n_truth,
                                  const double          (*found)[2],
                                  gsize                  n_found,
                                  double                 min_silence,
                                  CoTestSilenceScore    *score);
GArray *co_test_speech_parse_silencedetect (const char  *log,
                                            double       duration);
GArray *co_test_speech_ffmpeg_silences (const char      *path,
                                        double           threshold_db,
                                        double           min_silence,
                                        double           duration,
                                        GError         **error);

G_END_DECLS
