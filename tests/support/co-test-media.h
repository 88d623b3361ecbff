/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/*
 * Test media, generated in-process from code (gdk-pixbuf for images,
 * GStreamer pipelines fed by appsrc and audiotestsrc for video and audio).
 * Everything is tiny (160×120, a few seconds) so a test binary stays fast.
 * Every generator writes into @dir under @name, asserts on failure (so a test
 * never runs on a half-made file) and returns the new file's path
 * (transfer full).  The name's extension is only a name: the content is what
 * the function says, which is how the "PNG named .mp4" inputs are made.
 *
 * Link with `test_media_support_dep` (tests/support/meson.build) and call
 * co_test_media_init() right after co_test_init():
 *
 *   co_test_init (&argc, &argv);
 *   co_test_media_init ();
 *   …
 *   g_autofree char *dir = co_test_make_temp_dir ("analysis");
 *   CoTestVideo spec = { .container = CO_TEST_CONTAINER_MP4, .duration = 3,
 *                        .audio = TRUE, .pattern = CO_TEST_PATTERN_CIRCLES };
 *   g_autofree char *mp4 = co_test_media_write_video (dir, "talk.mp4", &spec);
 *   g_autofree char *wav = co_test_media_write_audio (dir, "tone.wav", CO_TEST_AUDIO_WAV, 1.5);
 *
 * Sound is a 440 Hz sine at 44.1 kHz mono, continuous for the whole duration
 * (no silences); video frames are RGB patterns encoded with one key frame
 * per second.  MP4 sound uses avenc_aac, or voaacenc where libav is missing.
 */

/**
 * CoTestPattern:
 * @CO_TEST_PATTERN_GRADIENT: smooth diagonal colour gradient
 * @CO_TEST_PATTERN_CHECKER: black and white checkerboard, 4×3 squares
 * @CO_TEST_PATTERN_CIRCLES: concentric rings around the centre
 * @CO_TEST_PATTERN_STRIPES: vertical colour bars
 * @CO_TEST_PATTERN_NOISE: seeded grey noise (deterministic)
 * @CO_TEST_PATTERN_BLACK: all black
 *
 * Image patterns.  Any two different patterns are far apart to the eye and
 * to a perceptual hash; the same pattern at another size looks the same.
 */
typedef enum
{
  CO_TEST_PATTERN_GRADIENT,
  CO_TEST_PATTERN_CHECKER,
  CO_TEST_PATTERN_CIRCLES,
  CO_TEST_PATTERN_STRIPES,
  CO_TEST_PATTERN_NOISE,
  CO_TEST_PATTERN_BLACK,
} CoTestPattern;

/**
 * CoTestContainer:
 * @CO_TEST_CONTAINER_WEBM: WebM with VP8 video and Vorbis sound
 * @CO_TEST_CONTAINER_MP4: MP4 with H.264 video (x264enc) and AAC sound
 * @CO_TEST_CONTAINER_MKV: Matroska with H.264 video and AAC sound
 * @CO_TEST_CONTAINER_AVI: AVI with Motion JPEG video and 16-bit PCM sound
 */
typedef enum
{
  CO_TEST_CONTAINER_WEBM,
  CO_TEST_CONTAINER_MP4,
  CO_TEST_CONTAINER_MKV,
  CO_TEST_CONTAINER_AVI,
} CoTestContainer;

/**
 * CoTestAudioFormat:
 * @CO_TEST_AUDIO_WAV: 16-bit PCM WAV
 * @CO_TEST_AUDIO_OGG: Ogg Vorbis
 * @CO_TEST_AUDIO_FLAC: FLAC
 * @CO_TEST_AUDIO_MP3: MP3 with a Xing header (frame and byte counts)
 */
typedef enum
{
  CO_TEST_AUDIO_WAV,
  CO_TEST_AUDIO_OGG,
  CO_TEST_AUDIO_FLAC,
  CO_TEST_AUDIO_MP3,
} CoTestAudioFormat;

/**
 * CoTestImageFormat:
 * @CO_TEST_IMAGE_PNG: PNG
 * @CO_TEST_IMAGE_JPEG: baseline JPEG
 * @CO_TEST_IMAGE_GIF: GIF89a
 * @CO_TEST_IMAGE_BMP: Windows bitmap
 *
 * Formats for co_test_media_write_image_header().
 */
typedef enum
{
  CO_TEST_IMAGE_PNG,
  CO_TEST_IMAGE_JPEG,
  CO_TEST_IMAGE_GIF,
  CO_TEST_IMAGE_BMP,
} CoTestImageFormat;

/**
 * CoTestVideo:
 * @container: WebM, MP4, Matroska or AVI
 * @width: frame width, 0 for 160
 * @height: frame height, 0 for 120
 * @fps: frames per second, 0 for 15 (one key frame per second)
 * @duration: seconds, 0 for 2
 * @audio: whether to add a 440 Hz sine sound track of the same length
 * @pattern: what the frames show; the picture drifts a little every frame
 * @black_lead: the first fraction (0–1) of the video is pure black
 * @moov_last: MP4 only: write the index (moov box) after the media data,
 *   as a camera does, instead of at the start ("faststart")
 * @live: Matroska and WebM only: write as a live recording does, with no
 *   sizes and no duration in the header ("streamable")
 *
 * A video to generate.  Zero-initialise and set what matters.
 */
typedef struct
{
  CoTestContainer container;
  int             width;
  int             height;
  int             fps;
  double          duration;
  gboolean        audio;
  CoTestPattern   pattern;
  double          black_lead;
  gboolean        moov_last;
  gboolean        live;
} CoTestVideo;

void       co_test_media_init            (void);
GdkPixbuf *co_test_media_pattern         (CoTestPattern      pattern,
                                          int                width,
                                          int                height,
                                          double             shift);
char      *co_test_media_write_png       (const char        *dir,
                                          const char        *name,
                                          int                width,
                                          int                height,
                                          CoTestPattern      pattern);
char      *co_test_media_write_jpeg      (const char        *dir,
                                          const char        *name,
                                          int                width,
                                          int                height,
                                          CoTestPattern      pattern,
                                          int                quality);
char      *co_test_media_write_video     (const char        *dir,
                                          const char        *name,
                                          const CoTestVideo *spec);
char      *co_test_media_write_audio     (const char        *dir,
                                          const char        *name,
                                          CoTestAudioFormat  format,
                                          double             duration);

/* Bad inputs. */
char      *co_test_media_write_empty     (const char        *dir,
                                          const char        *name);
char      *co_test_media_write_random    (const char        *dir,
                                          const char        *name,
                                          gsize              size,
                                          guint32            seed);
char      *co_test_media_write_text      (const char        *dir,
                                          const char        *name,
                                          const char        *text);
void       co_test_media_truncate        (const char        *path,
                                          double             keep);
char      *co_test_media_write_truncated_mp4 (const char    *dir,
                                          const char        *name,
                                          double             duration,
                                          double             keep);
char      *co_test_media_write_headerless_mp4 (const char   *dir,
                                          const char        *name,
                                          double             duration);
char      *co_test_media_write_short_wav (const char        *dir,
                                          const char        *name,
                                          double             duration,
                                          double             keep);
char      *co_test_media_write_image_header (const char    *dir,
                                          const char        *name,
                                          CoTestImageFormat  format,
                                          guint32            width,
                                          guint32            height);
void       co_test_media_patch           (const char        *path,
                                          const char        *marker,
                                          gsize              marker_len,
                                          gsize              offset,
                                          const void        *bytes,
                                          gsize              n_bytes);
void       co_test_media_append          (const char        *path,
                                          const void        *bytes,
                                          gsize              n_bytes);
void       co_test_media_truncate_ogg_page (const char    *path,
                                          double             keep);
char      *co_test_media_write_wav_header (const char     *dir,
                                          const char        *name,
                                          guint32            byte_rate,
                                          guint32            claimed_bytes,
                                          gsize              held_bytes);
char      *co_test_media_make_symlink_loop (const char      *dir,
                                          const char        *name);
char      *co_test_media_make_dir        (const char        *dir,
                                          const char        *name);

/* AAC whose container declares its priming and exact length (ffmpeg). */
char      *co_test_media_write_exact_aac (const char    *dir,
                                          const char        *name,
                                          double             duration,
                                          gboolean           video);

G_END_DECLS
