/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

#include "co-test-speech.h"

/* Streaming speech-like generator, so hour-long benchmark files never sit
 * in memory. */
typedef struct
{
  const CoTestSpeechSpec *spec;
  GRand  *rand;
  gint64  pos;            /* next frame */
  gint64  start;          /* first frame written */
  gint64  total;
  gsize   gap;            /* first gap not yet passed */
  gint64  syl_left;
  gint64  syl_len;
  double  level;
  double  f0;
  double  phase;
  int     syl_count;
} SpeechGen;

typedef struct
{
  const CoTestSpeechSpec *spec;
  guint    frame;
  guint    n_frames;
  guint    scene;
  guint8  *texture;       /* Y plane of the current scene */
} VideoGen;

static void
next_syllable (SpeechGen *gen)
{
  int rate = gen->spec->rate;

  if (gen->syl_count++ % 6 == 0)
    gen->level = g_rand_double_range (gen->rand, 0.25, 0.6);
  gen->syl_len = (gint64) (g_rand_double_range (gen->rand, 0.08, 0.25) * rate);
  gen->syl_left = gen->syl_len;
  gen->f0 = g_rand_double_range (gen->rand, 90.0, 220.0);
}

static gboolean
in_gap (SpeechGen *gen)
{
  const CoTestSpeechSpec *spec = gen->spec;

  while (gen->gap < spec->n_gaps && gen->pos >= llround (spec->gaps[gen->gap][1] * spec->rate))
    gen->gap++;
  return gen->gap < spec->n_gaps && gen->pos >= llround (spec->gaps[gen->gap][0] * spec->rate);
}

static float
speech_sample (SpeechGen *gen)
{
  double k, env, harm, noise;

  if (gen->syl_left == 0)
    next_syllable (gen);
  k = (double) (gen->syl_len - gen->syl_left--) / gen->syl_len;
  /* Never below half the phrase level: syllables run into each other. */
  env = gen->level * (0.5 + 0.5 * pow (sin (G_PI * k), 2));
  gen->phase += 2 * G_PI * gen->f0 / gen->spec->rate;
  harm = (sin (gen->phase) + 0.5 * sin (2 * gen->phase) + 0.3 * sin (3 * gen->phase)) / 1.8;
  noise = g_rand_double_range (gen->rand, -1.0, 1.0);
  return (float) (env * (0.6 * harm + 0.4 * noise));
}

static void
speech_fill (SpeechGen *gen,
             float     *out,
             gsize      n)
{
  int channels = gen->spec->channels;

  for (gsize f = 0; f < n; f++, gen->pos++)
    {
      float v = in_gap (gen) ? (float) g_rand_double_range (gen->rand, -0.001, 0.001)
                             : speech_sample (gen);

      for (int c = 0; c < channels; c++)
        out[f * channels + c] = v * (1.0f - 0.1f * c);
    }
}

/**
 * co_test_speech_render:
 * @spec: what to generate (only the audio fields are used)
 * @n_frames: (out): frames returned
 *
 * Returns: (transfer full): interleaved float samples
 */
float *
co_test_speech_render (const CoTestSpeechSpec *spec,
                       gsize                  *n_frames)
{
  SpeechGen gen = { spec, g_rand_new_with_seed (spec->seed) };
  float *out;

  gen.total = llround (spec->duration * spec->rate);
  out = g_new (float, gen.total * spec->channels);
  speech_fill (&gen, out, (gsize) gen.total);
  g_rand_free (gen.rand);
  *n_frames = (gsize) gen.total;
  return out;
}

static void
audio_need_data_cb (GstAppSrc *src,
                    guint      length,
                    gpointer   data)
{
  SpeechGen *gen = data;
  gsize n = (gsize) MIN (gen->total - gen->pos, 4096);
  GstBuffer *buffer;
  GstMapInfo map;

  if (n == 0)
    {
      gst_app_src_end_of_stream (src);
      return;
    }
  buffer = gst_buffer_new_allocate (NULL, n * gen->spec->channels * sizeof (float), NULL);
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (gen->pos - gen->start, GST_SECOND,
                                                   gen->spec->rate);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (n, GST_SECOND, gen->spec->rate);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  speech_fill (gen, (float *) map.data, n);
  gst_buffer_unmap (buffer, &map);
  gst_app_src_push_buffer (src, buffer);
}

static void
make_texture (VideoGen *gen)
{
  const CoTestSpeechSpec *spec = gen->spec;
  guint8 base = (guint8) (40 + (gen->scene * 67) % 150);

  for (int y = 0; y < spec->height; y++)
    for (int x = 0; x < spec->width; x++)
      {
        guint32 h = ((guint32) (x / 8) * 73856093u) ^ ((guint32) (y / 8) * 19349663u)
                    ^ (gen->scene * 83492791u);

        gen->texture[y * spec->width + x] = (guint8) (base + ((h >> 7) & 63));
      }
}

static void
video_need_data_cb (GstAppSrc *src,
                    guint      length,
                    gpointer   data)
{
  VideoGen *gen = data;
  const CoTestSpeechSpec *spec = gen->spec;
  int w = spec->width, h = spec->height, box_x;
  gsize y_size = (gsize) w * h;
  GstBuffer *buffer;
  GstMapInfo map;

  if (gen->frame >= gen->n_frames)
    {
      gst_app_src_end_of_stream (src);
      return;
    }
  if (gen->frame == 0 || (gen->scene < spec->n_cuts && spec->cut_frames[gen->scene] == gen->frame))
    {
      if (gen->frame != 0)
        gen->scene++;
      make_texture (gen);
    }
  buffer = gst_buffer_new_allocate (NULL, y_size * 3 / 2, NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  memcpy (map.data, gen->texture, y_size);
  memset (map.data + y_size, (int) (64 + gen->scene * 41 % 128), y_size / 4);
  memset (map.data + y_size * 5 / 4, (int) (192 - gen->scene * 29 % 128), y_size / 4);
  /* A small moving box, so predicted frames are small but not empty. */
  box_x = (int) (gen->frame * 2) % MAX (1, w - h / 8);
  for (int y = 0; y < h / 8; y++)
    memset (map.data + (gsize) y * w + box_x, 235, (gsize) h / 8);
  gst_buffer_unmap (buffer, &map);
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (gen->frame, GST_SECOND, spec->fps);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (1, GST_SECOND, spec->fps);
  gen->frame++;
  gst_app_src_push_buffer (src, buffer);
}

static char *
describe_pipeline (const CoTestSpeechSpec *spec,
                   const char             *path)
{
  gboolean mp4 = g_str_equal (spec->container, "mp4");
  gboolean video = spec->width > 0 && (mp4 || g_str_equal (spec->container, "webm"));
  const char *venc = spec->video_encoder ? spec->video_encoder
                     : mp4 ? "x264enc speed-preset=ultrafast key-int-max=60 bframes=0 ! h264parse"
                           : "vp8enc deadline=1 keyframe-max-dist=60";
  gboolean mka = g_str_equal (spec->container, "mka");
  const char *aenc = mp4 ? "avenc_aac ! aacparse" : mka ? "flacenc" : "vorbisenc";
  const char *mux = mp4 ? "mp4mux faststart=true" : mka ? "matroskamux"
                    : g_str_equal (spec->container, "webm") ? "webmmux" : "oggmux";
  g_autofree char *vpart = NULL;
  g_autofree char *apart = NULL;
  g_autofree char *escaped = g_strescape (path, NULL);

  if (g_str_equal (spec->container, "wav"))
    return g_strdup_printf ("appsrc name=asrc format=time ! audioconvert ! "
                            "audio/x-raw,format=S16LE ! wavenc ! filesink location=\"%s\"", escaped);
  /* A file with no container, which no demuxer opens. */
  if (g_str_equal (spec->container, "flac"))
    return g_strdup_printf ("appsrc name=asrc format=time ! audioconvert ! flacenc ! "
                            "filesink location=\"%s\"", escaped);
  if (video)
    vpart = g_strdup_printf ("appsrc name=vsrc format=time ! queue ! %s ! mux. ", venc);
  if (!spec->no_audio)
    apart = g_strdup_printf ("appsrc name=asrc format=time ! audioconvert ! queue ! %s ! mux. ", aenc);
  return g_strdup_printf ("%s name=mux ! filesink location=\"%s\" %s %s", mux, escaped,
                          vpart ? vpart : "", apart ? apart : "");
}

static void
setup_sources (GstElement *pipeline,
               SpeechGen  *audio,
               VideoGen   *video)
{
  g_autoptr(GstElement) asrc = gst_bin_get_by_name (GST_BIN (pipeline), "asrc");
  g_autoptr(GstElement) vsrc = gst_bin_get_by_name (GST_BIN (pipeline), "vsrc");
  const CoTestSpeechSpec *spec = audio->spec;

  if (asrc != NULL)
    {
      GstAppSrcCallbacks cb = { .need_data = audio_need_data_cb };
      g_autoptr(GstCaps) caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "F32LE",
                                                     "layout", G_TYPE_STRING, "interleaved",
                                                     "rate", G_TYPE_INT, spec->rate,
                                                     "channels", G_TYPE_INT, spec->channels, NULL);

      g_object_set (asrc, "caps", caps, NULL);
      gst_app_src_set_callbacks (GST_APP_SRC (asrc), &cb, audio, NULL);
    }
  if (vsrc != NULL)
    {
      GstAppSrcCallbacks cb = { .need_data = video_need_data_cb };
      g_autoptr(GstCaps) caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "I420",
                                                     "width", G_TYPE_INT, spec->width,
                                                     "height", G_TYPE_INT, spec->height,
                                                     "framerate", GST_TYPE_FRACTION, spec->fps, 1,
                                                     NULL);

      g_object_set (vsrc, "caps", caps, NULL);
      gst_app_src_set_callbacks (GST_APP_SRC (vsrc), &cb, video, NULL);
    }
}

/**
 * co_test_speech_write:
 * @dir: folder
 * @name: file name
 * @spec: what to write
 * @error: return location for a GStreamer error
 *
 * Returns: (transfer full): the path written, or %NULL
 */
char *
co_test_speech_write (const char              *dir,
                      const char              *name,
                      const CoTestSpeechSpec  *spec,
                      GError                 **error)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *description = describe_pipeline (spec, path);
  SpeechGen audio = { spec, g_rand_new_with_seed (spec->seed) };
  VideoGen video = { spec };
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  gst_init (NULL, NULL);
  audio.total = llround (spec->duration * spec->rate);
  /* The AAC encoder puts 1024 samples of priming in front and mp4mux
   * writes no edit list to hide them, so every player hears the sound
   * that late: start the signal that much later to keep the planted times
   * true in the decoded file. */
  if (g_str_equal (spec->container, "mp4"))
    audio.start = audio.pos = 1024;
  video.n_frames = spec->fps > 0 ? (guint) llround (spec->duration * spec->fps) : 0;
  video.texture = g_malloc ((gsize) MAX (spec->width, 1) * MAX (spec->height, 1));
  pipeline = gst_parse_launch (description, error);
  if (pipeline != NULL)
    {
      setup_sources (pipeline, &audio, &video);
      bus = gst_element_get_bus (pipeline);
      gst_element_set_state (pipeline, GST_STATE_PLAYING);
      message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                            GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
        gst_message_parse_error (message, error, NULL);
      gst_element_set_state (pipeline, GST_STATE_NULL);
    }
  g_rand_free (audio.rand);
  g_free (video.texture);
  if (error != NULL && *error != NULL)
    g_clear_pointer (&path, g_free);
  return path;
}
