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
 * @fps: frames per second
 * @cut_frames: frames that start a new scene, sorted
 * @n_cuts: how many
 * @video_encoder: (nullable): a pipeline fragment replacing the default encoder
 * @no_audio: write the video track only
 * @seed: for the pseudo-random speech
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
} CoTestSpeechSpec;

float *co_test_speech_render (const CoTestSpeechSpec  *spec,
                              gsize                   *n_frames);
char  *co_test_speech_write  (const char              *dir,
                              const char              *name,
                              const CoTestSpeechSpec  *spec,
                              GError                 **error);

G_END_DECLS
