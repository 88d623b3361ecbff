/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

#include "co-test-speech.h"

typedef struct _Talk Talk;

/* Streaming speech-like generator, so hour-long benchmark files never sit
 * in memory. */
typedef struct
{
  const CoTestSpeechSpec *spec;
  GRand  *rand;
  Talk   *talk;           /* espeak-ng sentences instead of syllables */
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
  GRand   *grain;         /* of the snow */
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

static void talk_fill (SpeechGen *gen,
                       float     *out,
                       gsize      n);

static void
speech_fill (SpeechGen *gen,
             float     *out,
             gsize      n)
{
  int channels = gen->spec->channels;

  if (gen->talk != NULL)
    {
      talk_fill (gen, out, n);
      return;
    }
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

/* The denominator of the frame rate. */
static int
fps_d (const CoTestSpeechSpec *spec)
{
  return spec->fps_denominator > 0 ? spec->fps_denominator : 1;
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
  /* The snow: fresh grain in every pixel, the same in every run. */
  for (int y = 0; y < h && spec->snow > 0.0; y++)
    for (int x = (int) (w * (1.0 - spec->snow)); x < w; x++)
      map.data[(gsize) y * w + x] = (guint8) g_rand_int_range (gen->grain, 104, 152);
  /* A small moving box, so predicted frames are small but not empty. */
  box_x = (int) (gen->frame * 2) % MAX (1, w - h / 8);
  for (int y = 0; y < h / 8; y++)
    memset (map.data + (gsize) y * w + box_x, 235, (gsize) h / 8);
  gst_buffer_unmap (buffer, &map);
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (gen->frame, GST_SECOND * fps_d (spec),
                                                   spec->fps);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (gen->frame + 1, GST_SECOND * fps_d (spec),
                                                        spec->fps) - GST_BUFFER_PTS (buffer);
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
  const char *aenc = mp4 ? "avenc_aac bitrate=128000 ! aacparse" : mka ? "flacenc" : "vorbisenc";
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
                                                     "framerate", GST_TYPE_FRACTION, spec->fps,
                                                     fps_d (spec),
                                                     NULL);

      g_object_set (vsrc, "caps", caps, NULL);
      gst_app_src_set_callbacks (GST_APP_SRC (vsrc), &cb, video, NULL);
    }
}

/* Encodes what @audio generates (and the video @spec asks for) into @path. */
static gboolean
write_file (const CoTestSpeechSpec  *spec,
            const char              *path,
            SpeechGen               *audio,
            GError                 **error)
{
  g_autofree char *description = describe_pipeline (spec, path);
  VideoGen video = { spec };
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  gst_init (NULL, NULL);
  audio->total = llround (spec->duration * spec->rate);
  /* The AAC encoder puts 1024 samples of priming in front and mp4mux
   * writes no edit list to hide them, so every player hears the sound
   * that late: start the signal that much later to keep the planted times
   * true in the decoded file. */
  if (g_str_equal (spec->container, "mp4"))
    audio->start = audio->pos = 1024;
  video.n_frames = spec->fps > 0 ? (guint) llround (spec->duration * spec->fps / fps_d (spec)) : 0;
  video.texture = g_malloc ((gsize) MAX (spec->width, 1) * MAX (spec->height, 1));
  video.grain = g_rand_new_with_seed (spec->seed);
  pipeline = gst_parse_launch (description, error);
  if (pipeline != NULL)
    {
      setup_sources (pipeline, audio, &video);
      bus = gst_element_get_bus (pipeline);
      gst_element_set_state (pipeline, GST_STATE_PLAYING);
      message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                            GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
        gst_message_parse_error (message, error, NULL);
      gst_element_set_state (pipeline, GST_STATE_NULL);
    }
  g_free (video.texture);
  g_rand_free (video.grain);
  return error == NULL || *error == NULL;
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
  SpeechGen audio = { spec, g_rand_new_with_seed (spec->seed) };
  gboolean ok = write_file (spec, path, &audio, error);

  g_rand_free (audio.rand);
  if (!ok)
    g_clear_pointer (&path, g_free);
  return path;
}

/*
 * Real speech for the silence benchmarks: sentences spoken by espeak-ng,
 * placed with planted pauses between them over a pink-noise floor.  The
 * truth is measured on the sound as it is written, before any lossy
 * encoder, by the rule the detectors document: a pause runs from just
 * after the last sample of any channel that reaches the threshold to the
 * next such sample.  So the errors a detector makes on a lossless file are
 * its own, and on an AAC file its own and the codec's.  Each sentence is
 * cut to its clear sound first (utterance_trim()): its edges cross the
 * threshold steeply, so that the codec's noise cannot move them far.
 */

/* How many sentences are spoken; the talk cycles through them. */
#define TALK_SENTENCES 12
/* Noise before the first sentence, and room kept after the last. */
#define TALK_LEAD 0.4
#define TALK_TAIL 0.5
/* Inside a sentence no stretch below the threshold may be this long (s). */
#define TALK_MAX_INNER_QUIET 0.25
/* Stretches below the threshold at least this long (s) make the truth. */
#define TALK_MIN_GAP 0.1
/* A sentence begins at its first sample this far above the threshold and
 * ends at its last (dB), faded in and out over TALK_FADE seconds. */
#define TALK_CLEAR_DB 12.0
#define TALK_FADE 0.002

static const char * const talk_words[] = {
  "records", "show", "that", "seven", "quiet", "harbours", "changed", "their", "evening",
  "schedules", "last", "winter", "every", "camera", "needs", "light", "and", "a", "steady",
  "hand", "today", "we", "are", "going", "to", "look", "at", "how", "editors", "cut",
  "long", "interviews", "into", "short", "clips", "the", "audience", "remembers", "first",
  "minute", "better", "than", "anything", "else", "so", "open", "with", "your", "strongest",
  "idea", "then", "explain", "why", "it", "matters", "for", "people", "who", "watch",
};

/* One sentence, at the file's rate and level. */
typedef struct
{
  float *samples;
  gsize  n;
} Utterance;

typedef struct
{
  guint  utterance;
  gint64 start;        /* its first frame in the file */
} Placed;

struct _Talk
{
  Utterance pool[TALK_SENTENCES];
  GArray   *placed;        /* Placed, in time order */
  guint     next;          /* the first placed sentence not yet over */
  double    noise_gain;
  double    pink[8][7];    /* per channel, Paul Kellet's pink-noise filter */
  float     threshold;     /* magnitude of the threshold */
  gint64    last_loud;     /* the last frame written that reaches it */
  gint64    min_gap;       /* frames */
  int       rate;
  GArray   *truth;         /* pairs of doubles, seconds */
};

static char *
make_sentence (GRand *rand)
{
  GString *text = g_string_new (NULL);
  int n = g_rand_int_range (rand, 6, 13);

  for (int i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                            talk_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (talk_words))]);
  return g_string_free (text, FALSE);
}

/* The 16-bit mono samples of the WAV file espeak-ng wrote, as floats. */
static GArray *
read_wav16 (const char  *path,
            int         *rate,
            GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0, pos = 12;
  GArray *out = NULL;

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  while (len >= 12 && pos + 8 <= len)
    {
      guint32 size = GUINT32_FROM_LE (*(const guint32 *) (gpointer) (data + pos + 4));

      if (memcmp (data + pos, "fmt ", 4) == 0 && pos + 16 <= len)
        *rate = (int) GUINT32_FROM_LE (*(const guint32 *) (gpointer) (data + pos + 12));
      if (memcmp (data + pos, "data", 4) == 0)
        {
          gsize n = MIN (size, len - pos - 8) / 2;

          out = g_array_sized_new (FALSE, FALSE, sizeof (float), (guint) n);
          for (gsize i = 0; i < n; i++)
            {
              const guint8 *at = (const guint8 *) data + pos + 8 + 2 * i;
              float f = (gint16) (at[0] | at[1] << 8) / 32768.0f;

              g_array_append_val (out, f);
            }
          return out;
        }
      pos += 8 + size + (size & 1);
    }
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s holds no sound", path);
  return NULL;
}

static GArray *
speak (const char  *dir,
       const char  *text,
       int         *rate,
       GError     **error)
{
  g_autofree char *wav = g_build_filename (dir, "talk-sentence.wav", NULL);
  const char *argv[] = { "espeak-ng", "-v", "en-us+klatt2", "-s", "170", "-w", wav, text, NULL };
  int status = 0;
  GArray *samples;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, error)
      || !g_spawn_check_wait_status (status, error))
    return NULL;
  samples = read_wav16 (wav, rate, error);
  g_unlink (wav);
  return samples;
}

/* Band-limited interpolation of @x (@n samples) at the fractional index
 * @t: a sinc windowed by Hann over RESAMPLE_TAPS samples on each side, cut
 * at @cutoff times the input's Nyquist frequency. */
#define RESAMPLE_TAPS 16

static double
interpolate (const float *x,
             gsize        n,
             double       t,
             double       cutoff)
{
  gssize centre = (gssize) floor (t);
  double sum = 0.0;

  for (gssize i = centre - RESAMPLE_TAPS + 1; i <= centre + RESAMPLE_TAPS; i++)
    {
      double d = t - (double) i;
      double sinc = fabs (d) < 1e-9 ? 1.0 : sin (G_PI * cutoff * d) / (G_PI * cutoff * d);
      double hann = 0.5 + 0.5 * cos (G_PI * d / RESAMPLE_TAPS);

      if (i >= 0 && i < (gssize) n)
        sum += x[i] * cutoff * sinc * hann;
    }
  return sum;
}

/* @x from its first to its last non-zero sample, resampled to @rate, at
 * −6 dB. */
static void
utterance_set_samples (Utterance   *u,
                       const float *x,
                       gsize        n,
                       int          from_rate,
                       int          rate)
{
  gsize first = 0, last = n;
  double step = (double) from_rate / rate;
  double cutoff = MIN (1.0, (double) rate / from_rate) * 0.95;

  while (first < n && x[first] == 0.0f)
    first++;
  while (last > first && x[last - 1] == 0.0f)
    last--;
  u->n = (gsize) ((last - first - 1) / step) + 1;
  u->samples = g_new (float, u->n);
  for (gsize j = 0; j < u->n; j++)
    u->samples[j] = (float) (0.5 * interpolate (x + first, last - first, j * step, cutoff));
}

/* Cuts @u to its clear sound: from its first to its last sample
 * TALK_CLEAR_DB above @threshold, faded in and out over TALK_FADE.
 * espeak-ng starts and ends a sentence with a few tens of milliseconds
 * hovering around any threshold; a lossy codec's noise lifts or drops
 * those samples, so an edge planted there is not where any detector can
 * find it in the encoded file.  After the cut the sound crosses the
 * threshold within the fade, and the truth is still measured on the
 * samples written. */
static void
utterance_trim (Utterance *u,
                float      threshold,
                int        rate)
{
  float clear = threshold * (float) pow (10.0, TALK_CLEAR_DB / 20.0);
  gsize first = 0, last = u->n, fade = (gsize) llround (TALK_FADE * rate);

  while (first < u->n && fabsf (u->samples[first]) < clear)
    first++;
  while (last > first && fabsf (u->samples[last - 1]) < clear)
    last--;
  u->n = last - first;
  memmove (u->samples, u->samples + first, u->n * sizeof (float));
  for (gsize j = 0; j < MIN (fade, u->n / 2); j++)
    {
      float gain = (float) (0.5 - 0.5 * cos (G_PI * (j + 1) / (fade + 1)));

      u->samples[j] *= gain;
      u->samples[u->n - 1 - j] *= gain;
    }
}

/* Checks that @u reaches @threshold and never pauses inside for long. */
static gboolean
utterance_measure (const Utterance  *u,
                   float             threshold,
                   int               rate,
                   GError          **error)
{
  gsize longest = 0, last = 0;
  gboolean found = FALSE;

  for (gsize j = 0; j < u->n; j++)
    if (fabsf (u->samples[j]) >= threshold)
      {
        if (found)
          longest = MAX (longest, j - last);
        last = j;
        found = TRUE;
      }
  if (found && longest < TALK_MAX_INNER_QUIET * rate)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               "an espeak-ng sentence pauses for %.3f s inside", (double) longest / rate);
  return FALSE;
}

static gboolean
talk_speak_pool (Talk                 *talk,
                 const char           *dir,
                 const CoTestTalkSpec *spec,
                 GRand                *rand,
                 GError              **error)
{
  float threshold = (float) pow (10.0, spec->threshold_dbfs / 20.0);

  for (guint k = 0; k < TALK_SENTENCES; k++)
    {
      g_autofree char *text = make_sentence (rand);
      g_autoptr(GArray) raw = NULL;
      int from_rate = 0;

      raw = speak (dir, text, &from_rate, error);
      if (raw == NULL)
        return FALSE;
      if (from_rate <= 0 || raw->len < 2)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "espeak-ng wrote no sound");
          return FALSE;
        }
      utterance_set_samples (&talk->pool[k], (const float *) (gpointer) raw->data, raw->len,
                             from_rate, spec->base.rate);
      utterance_trim (&talk->pool[k], threshold, spec->base.rate);
      if (!utterance_measure (&talk->pool[k], threshold, spec->base.rate, error))
        return FALSE;
    }
  return TRUE;
}

/* Places the sentences one after the other with the planted pauses
 * between them. */
static void
talk_place (Talk                 *talk,
            const CoTestTalkSpec *spec,
            GRand                *rand)
{
  int rate = spec->base.rate;
  gint64 total = llround (spec->base.duration * rate), pos = llround (TALK_LEAD * rate);

  talk->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  for (guint k = 0;; k++)
    {
      Placed placed = { (guint) g_rand_int_range (rand, 0, TALK_SENTENCES), pos };
      const Utterance *u = &talk->pool[placed.utterance];

      if (pos + (gint64) u->n + llround (TALK_TAIL * rate) > total)
        break;
      g_array_append_val (talk->placed, placed);
      pos += (gint64) u->n + llround (spec->pauses[k % spec->n_pauses] * rate);
    }
}

/* Notes a pause in the truth if the frames below the threshold before
 * frame @loud (the first that reaches it again) are enough. */
static void
talk_note_gap (Talk   *talk,
               gint64  loud)
{
  if (loud - talk->last_loud - 1 >= talk->min_gap)
    {
      double pause[2] = { (double) (talk->last_loud + 1) / talk->rate,
                          (double) loud / talk->rate };

      g_array_append_val (talk->truth, pause);
    }
  talk->last_loud = loud;
}

static double
pink_sample (double *b,
             double  white)
{
  double pink;

  b[0] = 0.99886 * b[0] + white * 0.0555179;
  b[1] = 0.99332 * b[1] + white * 0.0750759;
  b[2] = 0.96900 * b[2] + white * 0.1538520;
  b[3] = 0.86650 * b[3] + white * 0.3104856;
  b[4] = 0.55000 * b[4] + white * 0.5329522;
  b[5] = -0.7616 * b[5] - white * 0.0168980;
  pink = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + white * 0.5362;
  b[6] = white * 0.115926;
  return pink;
}

/* The gain that brings the pink noise of uniform white noise to @dbfs RMS. */
static double
pink_gain (double dbfs)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  double b[7] = { 0 }, sum = 0.0;
  const int n = 1 << 18;

  for (int i = 0; i < n; i++)
    {
      double v = pink_sample (b, g_rand_double_range (rand, -1.0, 1.0));

      sum += v * v;
    }
  return pow (10.0, dbfs / 20.0) / sqrt (sum / n);
}

/* The clean speech at frame @pos, 0 between sentences. */
static float
talk_voice (Talk   *talk,
            gint64  pos)
{
  while (talk->next < talk->placed->len)
    {
      const Placed *p = &g_array_index (talk->placed, Placed, talk->next);
      const Utterance *u = &talk->pool[p->utterance];

      if (pos < p->start)
        return 0.0f;
      if (pos < p->start + (gint64) u->n)
        return u->samples[pos - p->start];
      talk->next++;
    }
  return 0.0f;
}

static void
talk_fill (SpeechGen *gen,
           float     *out,
           gsize      n)
{
  Talk *talk = gen->talk;
  int channels = gen->spec->channels;

  for (gsize f = 0; f < n; f++, gen->pos++)
    {
      float v = talk_voice (talk, gen->pos);
      gboolean loud = FALSE;

      for (int c = 0; c < channels; c++)
        {
          double noise = pink_sample (talk->pink[MIN (c, 7)],
                                      g_rand_double_range (gen->rand, -1.0, 1.0));
          float sample = (float) (v * (1.0f - 0.1f * c) + talk->noise_gain * noise);

          out[f * channels + c] = sample;
          loud |= fabsf (sample) >= talk->threshold;
        }
      if (loud)
        talk_note_gap (talk, gen->pos);
    }
}

static void
talk_free (Talk *talk)
{
  for (guint k = 0; k < TALK_SENTENCES; k++)
    g_free (talk->pool[k].samples);
  if (talk->placed != NULL)
    g_array_unref (talk->placed);
  g_array_unref (talk->truth);
  g_free (talk);
}

/**
 * co_test_speech_write_talk:
 * @dir: folder
 * @name: file name
 * @spec: what to write
 * @truth: (out) (transfer full): every stretch of at least 0.1 s in which
 *   no sample of the sound written reaches the threshold, as pairs of
 *   doubles (start, end) in seconds; the first runs from 0 and the last
 *   to the end
 * @error: return location for an error of espeak-ng or GStreamer
 *
 * Needs espeak-ng.  A talk of an hour takes about a minute to write.
 *
 * Returns: (transfer full): the path written, or %NULL
 */
char *
co_test_speech_write_talk (const char            *dir,
                           const char            *name,
                           const CoTestTalkSpec  *spec,
                           GArray               **truth,
                           GError               **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (spec->base.seed);
  Talk *talk = g_new0 (Talk, 1);
  SpeechGen audio = { &spec->base, rand, talk };
  gboolean ok;

  *truth = NULL;
  talk->noise_gain = pink_gain (spec->noise_dbfs);
  talk->threshold = (float) pow (10.0, spec->threshold_dbfs / 20.0);
  talk->last_loud = -1;
  talk->rate = spec->base.rate;
  talk->min_gap = llround (TALK_MIN_GAP * spec->base.rate);
  talk->truth = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  ok = talk_speak_pool (talk, dir, spec, rand, error);
  if (ok)
    talk_place (talk, spec, rand);
  ok = ok && write_file (&spec->base, path, &audio, error);
  /* The stretch after the last sound, to the end. */
  talk_note_gap (talk, llround (spec->base.duration * spec->base.rate));
  if (ok)
    *truth = g_array_ref (talk->truth);
  talk_free (talk);
  if (ok)
    return g_steal_pointer (&path);
  return NULL;
}

/**
 * co_test_speech_score:
 * @truth: (array length=n_truth): planted silences (start, end), seconds
 * @n_truth: how many
 * @found: (array length=n_found): silences found
 * @n_found: how many
 * @min_silence: planted silences shorter than this are not expected
 * @score: (out): the result
 *
 * Matches each found silence to the planted ones it overlaps and measures
 * how far its boundaries are from theirs.
 */
void
co_test_speech_score (const double (*truth)[2],
                      gsize          n_truth,
                      const double (*found)[2],
                      gsize          n_found,
                      double         min_silence,
                      CoTestSilenceScore *score)
{
  double sum = 0.0;
  guint boundaries = 0;

  memset (score, 0, sizeof *score);
  score->found = (guint) n_found;
  for (gsize t = 0; t < n_truth; t++)
    score->expected += truth[t][1] - truth[t][0] >= min_silence;
  for (gsize i = 0; i < n_found; i++)
    {
      gboolean matched = FALSE;

      for (gsize t = 0; t < n_truth; t++)
        if (found[i][0] < truth[t][1] && found[i][1] > truth[t][0]
            && truth[t][1] - truth[t][0] >= min_silence)
          for (int k = 0; k < 2; k++)
            {
              double e = fabs (found[i][k] - truth[t][k]);

              matched = TRUE;
              sum += e;
              boundaries++;
              if (e > score->max_error)
                {
                  score->max_error = e;
                  score->worst = found[i][k];
                }
            }
      score->matched += matched;
    }
  score->mean_error = boundaries > 0 ? sum / boundaries : 0.0;
}

/* Reads the number after the first @key in @text into @value; returns
 * where it starts, or NULL if @key is not there. */
static const char *
find_number (const char *text,
             const char *key,
             double     *value)
{
  const char *at = strstr (text, key);

  if (at == NULL)
    return NULL;
  *value = g_ascii_strtod (at + strlen (key), NULL);
  return at + strlen (key);
}

/**
 * co_test_speech_parse_silencedetect:
 * @log: what ffmpeg's silencedetect printed
 * @duration: the file's length, for a silence that lasts to the end
 *
 * Returns: (transfer full): the silences as pairs of doubles (start, end)
 */
GArray *
co_test_speech_parse_silencedetect (const char *log,
                                    double      duration)
{
  GArray *silences = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  const char *at = log;

  for (double s[2]; (at = find_number (at, "silence_start: ", &s[0])) != NULL;)
    {
      const char *end = find_number (at, "silence_end: ", &s[1]);

      if (end == NULL)
        s[1] = duration;
      g_array_append_val (silences, s);
      if (end == NULL)
        break;
      at = end;
    }
  return silences;
}

/**
 * co_test_speech_ffmpeg_silences:
 * @path: a media file
 * @threshold_db: the silence threshold
 * @min_silence: the shortest silence
 * @duration: the file's length, for a silence that lasts to the end
 * @error: return location for an error running ffmpeg
 *
 * Runs ffmpeg's silencedetect, the reference, over the sound of @path.
 *
 * Returns: (transfer full): the silences as pairs of doubles (start, end)
 */
GArray *
co_test_speech_ffmpeg_silences (const char  *path,
                                double       threshold_db,
                                double       min_silence,
                                double       duration,
                                GError     **error)
{
  g_autofree char *filter = g_strdup_printf ("silencedetect=noise=%gdB:d=%g", threshold_db,
                                             min_silence);
  const char *argv[] = { "ffmpeg", "-hide_banner", "-nostats", "-i", path, "-vn", "-af", filter,
                         "-f", "null", "-", NULL };
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                     &status, error)
      || !g_spawn_check_wait_status (status, error))
    return NULL;
  return co_test_speech_parse_silencedetect (err, duration);
}
