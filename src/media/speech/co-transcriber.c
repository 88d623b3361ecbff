/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>

#include "co-media-error.h"
#include "co-media.h"
#include "co-pipeline.h"
#include "co-probe-private.h"
#include "co-transcriber.h"

/* Segmentation, in 10 ms frames.  PocketSphinx likes a little silence on
 * either side of speech (PAD); a pause must last MIN_PAUSE to split there
 * when we find pauses ourselves; no segment is longer than MAX_SEGMENT, so
 * memory stays bounded and the work spreads over the cores. */
#define FRAMES_PER_SECOND 100
#define PAD_FRAMES 20
#define MIN_PAUSE_FRAMES 30
#define MIN_GIVEN_PAUSE_FRAMES PAD_FRAMES
#define MAX_SEGMENT_FRAMES (20 * FRAMES_PER_SECOND)
#define MIN_SPEECH_FRAMES 10

/* Levels in dBFS.  Below SPEECH_FLOOR_DB a frame cannot hold speech; the
 * pause threshold sits PAUSE_MARGIN_DB above the quietest frame heard,
 * within the given bounds, so steady room noise still counts as a pause. */
#define SPEECH_FLOOR_DB (-55.0)
#define PAUSE_MARGIN_DB 15.0
#define PAUSE_MIN_DB (-50.0)
#define PAUSE_MAX_DB (-30.0)

/* Segments queued or being decoded, per worker thread.  This bounds the
 * memory: at most this many 20-second segments are held at once. */
#define SEGMENTS_PER_WORKER 2

/* PocketSphinx loads its language model (about 40 MB) per decoder; this
 * caps the memory on machines with many cores. */
#define MAX_WORKERS 8

struct _CoTranscript
{
  GObject    parent_instance;

  GPtrArray *words;
  char      *text;
  double     duration;
  guint      n_segments;
};

G_DEFINE_FINAL_TYPE (CoTranscript, co_transcript, G_TYPE_OBJECT)

struct _CoTranscriber
{
  GObject                    parent_instance;

  CoSpeechEngine            *engine;
  guint                      max_threads;
  GArray                    *silences;
  GAsyncQueue               *idle_sessions;

  CoProgressFunc             progress_func;
  gpointer                   progress_data;
  GDestroyNotify             progress_destroy;
};

G_DEFINE_FINAL_TYPE (CoTranscriber, co_transcriber, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_MAX_THREADS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  double start;
  double end;
} Span;

/* One stretch of audio on its way to a worker. */
typedef struct
{
  guint   index;
  double  start;
  GArray *samples;
} Segment;

/* What a worker hands back for one segment. */
typedef struct
{
  guint      index;
  double     duration;
  GPtrArray *words;
  GError    *error;
} SegmentResult;

static void
segment_free (Segment *segment)
{
  g_array_unref (segment->samples);
  g_free (segment);
}

static void
segment_result_free (SegmentResult *result)
{
  g_clear_pointer (&result->words, g_ptr_array_unref);
  g_clear_error (&result->error);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegmentResult, segment_result_free)

/* Segmenter: cuts the stream into segments at pauses, as it arrives. */

typedef void (*EmitFunc) (gpointer  data,
                          double    start,
                          GArray   *samples);

typedef struct
{
  int          rate;
  guint        frame_len;
  const Span  *silences;
  guint        n_silences;
  guint        next_silence;

  double       base_time;
  guint64      position;
  GArray      *partial;

  GArray      *samples;
  GArray      *levels;
  guint64      samples_start;
  gboolean     in_pause;
  guint        quiet_run;
  double       floor_db;
  double       skipped;

  EmitFunc     emit;
  gpointer     emit_data;
} Segmenter;

static void
segmenter_init (Segmenter  *seg,
                int         rate,
                const Span *silences,
                guint       n_silences,
                EmitFunc    emit,
                gpointer    emit_data)
{
  memset (seg, 0, sizeof *seg);
  seg->rate = rate;
  seg->frame_len = rate / FRAMES_PER_SECOND;
  seg->silences = silences;
  seg->n_silences = n_silences;
  seg->partial = g_array_new (FALSE, FALSE, sizeof (gint16));
  seg->samples = g_array_new (FALSE, FALSE, sizeof (gint16));
  seg->levels = g_array_new (FALSE, FALSE, sizeof (float));
  seg->in_pause = TRUE;
  seg->floor_db = 0.0;
  seg->emit = emit;
  seg->emit_data = emit_data;
}

static void
segmenter_clear (Segmenter *seg)
{
  g_clear_pointer (&seg->partial, g_array_unref);
  g_clear_pointer (&seg->samples, g_array_unref);
  g_clear_pointer (&seg->levels, g_array_unref);
}

static double
frame_level_db (const gint16 *frame,
                guint         n)
{
  double sum = 0.0;

  for (guint i = 0; i < n; i++)
    sum += (double) frame[i] * frame[i];
  return 20.0 * log10 (MAX (sqrt (sum / n) / 32768.0, 1e-5));
}

/* Whether the frame starting at absolute sample @pos lies in a silence the
 * caller gave; the silences are sorted and the frames come in order. */
static gboolean
in_given_silence (Segmenter *seg,
                  guint64    pos)
{
  double t = seg->base_time + (pos + seg->frame_len / 2.0) / seg->rate;

  while (seg->next_silence < seg->n_silences && seg->silences[seg->next_silence].end < t)
    seg->next_silence++;
  return seg->next_silence < seg->n_silences && seg->silences[seg->next_silence].start <= t;
}

static gboolean
frame_is_quiet (Segmenter *seg,
                guint64    pos,
                double     level)
{
  if (seg->n_silences > 0)
    return in_given_silence (seg, pos);

  seg->floor_db = MIN (seg->floor_db, level);
  return level < CLAMP (seg->floor_db + PAUSE_MARGIN_DB, PAUSE_MIN_DB, PAUSE_MAX_DB);
}

static guint
n_frames (Segmenter *seg)
{
  return seg->levels->len;
}

/* Drops the first @frames frames of the buffered audio. */
static void
drop_frames (Segmenter *seg,
             guint      frames)
{
  frames = MIN (frames, n_frames (seg));
  g_array_remove_range (seg->samples, 0, frames * seg->frame_len);
  g_array_remove_range (seg->levels, 0, frames);
  seg->samples_start += (guint64) frames * seg->frame_len;
}

/* Hands the first @frames frames to the workers if they hold speech at
 * all, then drops them. */
static void
emit_frames (Segmenter *seg,
             guint      frames)
{
  guint loud = 0;

  for (guint i = 0; i < frames; i++)
    loud += g_array_index (seg->levels, float, i) > SPEECH_FLOOR_DB;

  if (loud >= MIN_SPEECH_FRAMES)
    {
      GArray *samples = g_array_sized_new (FALSE, FALSE, sizeof (gint16),
                                           frames * seg->frame_len);

      g_array_append_vals (samples, seg->samples->data, frames * seg->frame_len);
      seg->emit (seg->emit_data, seg->base_time + (double) seg->samples_start / seg->rate,
                 samples);
    }
  else
    seg->skipped += (double) frames / FRAMES_PER_SECOND;
  drop_frames (seg, frames);
}

/* The quietest 50 ms in the second half of a too-long segment: cutting
 * there is least likely to split a word. */
static guint
quietest_frame (Segmenter *seg)
{
  const float *levels = (const float *) seg->levels->data;
  guint n = n_frames (seg), best = n - 1;
  double best_sum = G_MAXDOUBLE;

  for (guint i = n / 2; i + 5 <= n; i++)
    {
      double sum = 0.0;

      for (guint j = i; j < i + 5; j++)
        sum += levels[j];
      if (sum < best_sum)
        {
          best_sum = sum;
          best = i + 2;
        }
    }
  return best;
}

static void
segmenter_frame (Segmenter    *seg,
                 const gint16 *frame)
{
  float level = frame_level_db (frame, seg->frame_len);
  gboolean quiet = frame_is_quiet (seg, seg->position, level);
  guint min_pause = seg->n_silences > 0 ? MIN_GIVEN_PAUSE_FRAMES : MIN_PAUSE_FRAMES;

  seg->position += seg->frame_len;
  g_array_append_vals (seg->samples, frame, seg->frame_len);
  g_array_append_val (seg->levels, level);

  if (seg->in_pause)
    {
      /* Keep only the lead-in the next segment will start with. */
      if (quiet && n_frames (seg) > PAD_FRAMES)
        {
          seg->skipped += 1.0 / FRAMES_PER_SECOND;
          drop_frames (seg, 1);
        }
      seg->in_pause = quiet;
      seg->quiet_run = 0;
      return;
    }

  seg->quiet_run = quiet ? seg->quiet_run + 1 : 0;
  if (seg->quiet_run >= min_pause)
    {
      emit_frames (seg, n_frames (seg) - seg->quiet_run + PAD_FRAMES);
      seg->in_pause = TRUE;
    }
  else if (n_frames (seg) >= MAX_SEGMENT_FRAMES)
    {
      emit_frames (seg, quietest_frame (seg));
      seg->quiet_run = MIN (seg->quiet_run, n_frames (seg));
    }
}

static void
segmenter_push (Segmenter    *seg,
                const gint16 *data,
                gsize         n)
{
  /* Complete a frame left over from the previous buffer first. */
  if (seg->partial->len > 0)
    {
      gsize take = MIN (n, seg->frame_len - seg->partial->len);

      g_array_append_vals (seg->partial, data, take);
      data += take;
      n -= take;
      if (seg->partial->len < seg->frame_len)
        return;
      segmenter_frame (seg, (const gint16 *) seg->partial->data);
      g_array_set_size (seg->partial, 0);
    }
  for (; n >= seg->frame_len; data += seg->frame_len, n -= seg->frame_len)
    segmenter_frame (seg, data);
  g_array_append_vals (seg->partial, data, n);
}

static void
segmenter_finish (Segmenter *seg)
{
  /* Pad the last partial frame with silence so no sample is lost. */
  if (seg->partial->len > 0)
    {
      g_array_set_size (seg->partial, seg->frame_len);
      segmenter_frame (seg, (const gint16 *) seg->partial->data);
      g_array_set_size (seg->partial, 0);
    }
  if (!seg->in_pause)
    emit_frames (seg, n_frames (seg));
}

/* Audio source: a pipeline that decodes only the sound of a file to mono
 * 16-bit samples at the engine's rate, pulled through an appsink. */

typedef struct
{
  char       *path;
  char       *display;     /* how messages name the file: as it was given */
  CoPipeline *wrapper;     /* owns the pipeline and its bus */
  GstElement *pipeline;    /* the wrapper's, borrowed */
  GstElement *convert;
  GstElement *appsink;
  int         audio_linked;
  int         no_more_pads;
  gboolean    have_base;
  double      base_time;
} AudioSource;

static void
audio_source_free (AudioSource *source)
{
  /* Disposing the wrapper stops the pipeline. */
  g_clear_object (&source->wrapper);
  g_free (source->path);
  g_free (source->display);
  g_free (source);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AudioSource, audio_source_free)

/* Decoders of video and images, looked up once.  uridecodebin is told to
 * stop in front of them, so that video is demuxed but never decoded. */
static GList *
visual_decoders (void)
{
  static GList *decoders = NULL;

  if (g_once_init_enter (&decoders))
    {
      GList *list = gst_element_factory_list_get_elements (GST_ELEMENT_FACTORY_TYPE_DECODER |
                                                           GST_ELEMENT_FACTORY_TYPE_MEDIA_VIDEO |
                                                           GST_ELEMENT_FACTORY_TYPE_MEDIA_IMAGE,
                                                           GST_RANK_NONE);
      g_once_init_leave (&decoders, list != NULL ? list : g_list_prepend (NULL, NULL));
    }
  return decoders;
}

static gboolean
autoplug_continue_cb (GstElement *bin,
                      GstPad     *pad,
                      GstCaps    *caps,
                      gpointer    user_data)
{
  GList *decoders = visual_decoders ();
  GList *usable;
  gboolean stop;

  if (decoders->data == NULL)
    return TRUE;
  usable = gst_element_factory_list_filter (decoders, caps, GST_PAD_SINK, FALSE);
  stop = usable != NULL;
  gst_plugin_feature_list_free (usable);
  return !stop;
}

static void
pad_added_cb (GstElement *bin,
              GstPad     *pad,
              gpointer    user_data)
{
  AudioSource *source = user_data;
  g_autoptr(GstCaps) caps = co_pipeline_pad_caps (pad);
  GstStructure *s;

  s = gst_caps_get_size (caps) > 0 ? gst_caps_get_structure (caps, 0) : NULL;

  if (s != NULL && gst_structure_has_name (s, "audio/x-raw") &&
      g_atomic_int_compare_and_exchange (&source->audio_linked, 0, 1))
    {
      g_autoptr(GstPad) sinkpad = gst_element_get_static_pad (source->convert, "sink");

      gst_pad_link (pad, sinkpad);
      return;
    }
  co_pipeline_drop_pad (source->pipeline, pad);
}

static void
no_more_pads_cb (GstElement *bin,
                 gpointer    user_data)
{
  AudioSource *source = user_data;

  g_atomic_int_set (&source->no_more_pads, 1);
}

static GstElement *
make_element (const char *factory,
              GError    **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_MISSING_PLUGIN,
                 _("The GStreamer element “%s” is not installed"), factory);
  return element;
}

static gboolean
audio_source_build (AudioSource *source,
                    const char  *uri,
                    int          rate,
                    GError     **error)
{
  GstElement *decode, *resample;
  g_autoptr(GstCaps) caps = NULL;

  source->wrapper = co_pipeline_new (gst_pipeline_new ("co-transcriber"), source->path);
  co_pipeline_set_display_name (source->wrapper, source->display);
  source->pipeline = co_pipeline_get_element (source->wrapper);
  if (!(decode = make_element ("uridecodebin", error)) ||
      !(source->convert = make_element ("audioconvert", error)) ||
      !(resample = make_element ("audioresample", error)) ||
      !(source->appsink = make_element ("appsink", error)))
    return FALSE;

  caps = gst_caps_new_simple ("audio/x-raw",
                              "format", G_TYPE_STRING, "S16LE",
                              "layout", G_TYPE_STRING, "interleaved",
                              "channels", G_TYPE_INT, 1,
                              "rate", G_TYPE_INT, rate,
                              NULL);
  /* Back-pressure, not dropping: the decoder waits while the workers are
   * behind, so memory holds only a few buffers. */
  g_object_set (source->appsink, "caps", caps, "sync", FALSE, "max-buffers", 16,
                "drop", FALSE, NULL);
  g_object_set (decode, "uri", uri, NULL);
  gst_bin_add_many (GST_BIN (source->pipeline), decode, source->convert, resample,
                    source->appsink, NULL);
  gst_element_link_many (source->convert, resample, source->appsink, NULL);

  g_signal_connect (decode, "autoplug-continue", G_CALLBACK (autoplug_continue_cb), source);
  g_signal_connect (decode, "pad-added", G_CALLBACK (pad_added_cb), source);
  g_signal_connect (decode, "no-more-pads", G_CALLBACK (no_more_pads_cb), source);
  return TRUE;
}

static AudioSource *
audio_source_new (const char *path,
                  int         rate,
                  GError    **error)
{
  g_autoptr(AudioSource) source = g_new0 (AudioSource, 1);
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = NULL;

  source->path = g_strdup (path);
  source->display = g_filename_display_name (path);
  if (!_co_probe_check_file (path, source->display, 0, NULL, error))
    return NULL;
  if (!(uri = g_filename_to_uri (absolute, NULL, error)))
    return NULL;
  if (!audio_source_build (source, uri, rate, error) ||
      !co_pipeline_start (source->wrapper, error))
    return NULL;
  return g_steal_pointer (&source);
}

/* Turns an error on the bus, or a file without sound, into a GError. */
static gboolean
audio_source_check (AudioSource *source,
                    GError     **error)
{
  /* No cancellable: the run looks at its own between pulls. */
  if (!co_pipeline_poll (source->wrapper, 0, NULL, error))
    return FALSE;
  if (g_atomic_int_get (&source->no_more_pads) && !g_atomic_int_get (&source->audio_linked))
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NO_AUDIO,
                   _("“%s” has no sound track"), source->display);
      return FALSE;
    }
  return TRUE;
}

/* Waits up to 100 ms for decoded sound.  Returns a buffer, or %NULL with
 * *@eos set at the end, or %NULL with @error set. */
static GstSample *
audio_source_pull (AudioSource *source,
                   gboolean    *eos,
                   GError     **error)
{
  GstSample *sample;

  *eos = FALSE;
  if (!audio_source_check (source, error))
    return NULL;
  sample = gst_app_sink_try_pull_sample (GST_APP_SINK (source->appsink), 100 * GST_MSECOND);
  if (sample == NULL && gst_app_sink_is_eos (GST_APP_SINK (source->appsink)))
    {
      if (!g_atomic_int_get (&source->audio_linked))
        {
          g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NO_AUDIO,
                       _("“%s” has no sound track"), source->display);
          return NULL;
        }
      *eos = TRUE;
    }
  return sample;
}

static double
audio_source_get_duration (AudioSource *source)
{
  gint64 duration = 0;

  if (!gst_element_query_duration (source->pipeline, GST_FORMAT_TIME, &duration) ||
      duration <= 0)
    return 0.0;
  return (double) duration / GST_SECOND;
}

/* Workers: one decoding session per pool thread. */

typedef struct
{
  CoSpeechEngine *engine;
  GAsyncQueue    *idle_sessions;
  GAsyncQueue    *results;
  GCancellable   *cancellable;
  int             rate;
} Shared;

static CoSpeechSession *
take_session (Shared  *shared,
              GError **error)
{
  CoSpeechSession *session = g_async_queue_try_pop (shared->idle_sessions);

  /* The pool never runs more tasks than it has threads, and a task gives
   * its session back before the thread takes the next one, so this makes
   * at most one session per thread. */
  if (session == NULL)
    session = co_speech_engine_new_session (shared->engine, error);
  return session;
}

static void
decode_segment_cb (gpointer data,
                   gpointer user_data)
{
  Segment *segment = data;
  Shared *shared = user_data;
  SegmentResult *result = g_new0 (SegmentResult, 1);
  CoSpeechSession *session = NULL;

  result->index = segment->index;
  result->duration = (double) segment->samples->len / shared->rate;
  result->words = co_speech_word_list_new ();

  if (!g_cancellable_set_error_if_cancelled (shared->cancellable, &result->error) &&
      (session = take_session (shared, &result->error)) != NULL)
    {
      co_speech_session_transcribe (session, (const gint16 *) segment->samples->data,
                                    segment->samples->len, shared->rate, segment->start,
                                    result->words, shared->cancellable, &result->error);
      g_async_queue_push (shared->idle_sessions, session);
    }

  segment_free (segment);
  g_async_queue_push (shared->results, result);
}

/* A run: one file through the pipeline, the segmenter and the pool. */

typedef struct
{
  CoTranscriber *self;
  GCancellable  *cancellable;
  Shared         shared;
  GThreadPool   *pool;
  Segmenter      segmenter;
  GPtrArray     *segment_words;
  guint          n_segments;
  guint          in_flight;
  guint          max_in_flight;
  double         done_seconds;
  double         duration;
  double         last_progress;
  GError        *error;
} Run;

static void
report_progress (Run   *run,
                 double fraction)
{
  if (run->self->progress_func == NULL || fraction - run->last_progress < 0.01)
    return;
  run->last_progress = fraction;
  run->self->progress_func (fraction, NULL, run->self->progress_data);
}

static void
handle_result (Run           *run,
               SegmentResult *result)
{
  run->in_flight--;
  if (result->error != NULL)
    {
      /* The first failure wins; cancellations it caused are noise. */
      if (run->error == NULL)
        run->error = g_steal_pointer (&result->error);
      g_cancellable_cancel (run->shared.cancellable);
      return;
    }
  if (run->segment_words->len <= result->index)
    g_ptr_array_set_size (run->segment_words, result->index + 1);
  g_ptr_array_index (run->segment_words, result->index) = g_steal_pointer (&result->words);

  run->done_seconds += result->duration;
  if (run->duration > 0)
    report_progress (run, MIN (0.99, (run->done_seconds + run->segmenter.skipped) /
                                     run->duration));
}

/* Takes results, waiting up to 100 ms when @wait is set. */
static void
collect_results (Run     *run,
                 gboolean wait)
{
  SegmentResult *result;

  while ((result = wait ? g_async_queue_timeout_pop (run->shared.results, 100000)
                        : g_async_queue_try_pop (run->shared.results)) != NULL)
    {
      g_autoptr(SegmentResult) owned = result;

      handle_result (run, owned);
      wait = FALSE;
    }
}

static gboolean
run_failed (Run *run)
{
  if (run->error == NULL && g_cancellable_is_cancelled (run->cancellable))
    g_cancellable_set_error_if_cancelled (run->cancellable, &run->error);
  if (run->error != NULL)
    g_cancellable_cancel (run->shared.cancellable);
  return run->error != NULL;
}

static void
emit_segment_cb (gpointer data,
                 double   start,
                 GArray  *samples)
{
  Run *run = data;
  Segment *segment = g_new0 (Segment, 1);

  segment->index = run->n_segments++;
  segment->start = start;
  segment->samples = samples;

  /* The bounded queue: wait for a worker before holding more audio. */
  while (run->in_flight >= run->max_in_flight && !run_failed (run))
    collect_results (run, TRUE);
  if (run->error != NULL)
    {
      segment_free (segment);
      return;
    }
  run->in_flight++;
  g_thread_pool_push (run->pool, segment, NULL);
}

static void
feed_sample (Run         *run,
             AudioSource *source,
             GstSample   *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstMapInfo map;

  if (!source->have_base)
    {
      GstClockTime pts = GST_BUFFER_PTS (buffer);

      source->have_base = TRUE;
      run->segmenter.base_time = GST_CLOCK_TIME_IS_VALID (pts) ? (double) pts / GST_SECOND : 0;
      run->duration = audio_source_get_duration (source);
    }
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return;
  segmenter_push (&run->segmenter, (const gint16 *) map.data, map.size / sizeof (gint16));
  gst_buffer_unmap (buffer, &map);
}

/* Pulls the whole sound track through the segmenter. */
static void
run_stream (Run        *run,
            const char *path)
{
  g_autoptr(AudioSource) source = NULL;
  gboolean eos = FALSE;

  if (!(source = audio_source_new (path, run->shared.rate, &run->error)))
    return;
  while (!eos && !run_failed (run))
    {
      g_autoptr(GstSample) sample = audio_source_pull (source, &eos, &run->error);

      if (sample != NULL)
        feed_sample (run, source, sample);
      collect_results (run, FALSE);
    }
  if (run->error == NULL)
    segmenter_finish (&run->segmenter);
}

static CoTranscript *
run_build_transcript (Run *run)
{
  CoTranscript *transcript = g_object_new (CO_TYPE_TRANSCRIPT, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  /* Segments follow each other in time and each one's words are in order,
   * so concatenating in segment order sorts the words. */
  for (guint i = 0; i < run->segment_words->len; i++)
    {
      GPtrArray *words = g_ptr_array_index (run->segment_words, i);

      for (guint j = 0; words != NULL && j < words->len; j++)
        {
          CoSpeechWord *word = g_ptr_array_index (words, j);

          g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", word->text);
          g_ptr_array_add (transcript->words, co_speech_word_copy (word));
        }
    }
  transcript->text = g_string_free (g_steal_pointer (&text), FALSE);
  transcript->duration = run->duration;
  transcript->n_segments = run->n_segments;
  return transcript;
}

static guint
worker_count (CoTranscriber *self)
{
  guint n = co_speech_engine_get_max_sessions (self->engine);

  if (self->max_threads > 0)
    n = MIN (n, self->max_threads);
  return CLAMP (n, 1, MAX_WORKERS);
}

static void
run_init (Run           *run,
          CoTranscriber *self,
          GCancellable  *cancellable)
{
  guint workers = worker_count (self);

  memset (run, 0, sizeof *run);
  run->self = self;
  run->cancellable = cancellable;
  run->shared.engine = self->engine;
  run->shared.idle_sessions = self->idle_sessions;
  run->shared.results = g_async_queue_new ();
  run->shared.cancellable = g_cancellable_new ();
  run->shared.rate = co_speech_engine_get_sample_rate (self->engine);
  run->max_in_flight = workers * SEGMENTS_PER_WORKER;
  run->segment_words = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  run->last_progress = -1.0;
  /* g_thread_pool_new() fails only for exclusive pools. */
  run->pool = g_thread_pool_new_full (decode_segment_cb, &run->shared, (GDestroyNotify) segment_free,
                                      workers, FALSE, NULL);
  segmenter_init (&run->segmenter, run->shared.rate,
                  (const Span *) self->silences->data, self->silences->len,
                  emit_segment_cb, run);
}

static void
run_clear (Run *run)
{
  /* Workers stop early once the run's cancellable is cancelled; wait for
   * them, since they use the run's queues. */
  if (run->error != NULL)
    g_cancellable_cancel (run->shared.cancellable);
  g_thread_pool_free (run->pool, FALSE, TRUE);
  collect_results (run, FALSE);
  segmenter_clear (&run->segmenter);
  g_clear_pointer (&run->segment_words, g_ptr_array_unref);
  g_clear_pointer (&run->shared.results, g_async_queue_unref);
  g_clear_object (&run->shared.cancellable);
  g_clear_error (&run->error);
}

static void
co_transcript_finalize (GObject *object)
{
  CoTranscript *self = CO_TRANSCRIPT (object);

  g_clear_pointer (&self->words, g_ptr_array_unref);
  g_free (self->text);

  G_OBJECT_CLASS (co_transcript_parent_class)->finalize (object);
}

static void
co_transcript_class_init (CoTranscriptClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_transcript_finalize;
}

static void
co_transcript_init (CoTranscript *self)
{
  self->words = co_speech_word_list_new ();
}

static void
transcribe_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CoTranscriber *self = source_object;
  GError *error = NULL;
  CoTranscript *transcript;

  transcript = co_transcriber_transcribe (self, task_data, cancellable, &error);
  if (transcript == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, transcript, g_object_unref);
}

static void
co_transcriber_dispose (GObject *object)
{
  CoTranscriber *self = CO_TRANSCRIBER (object);

  g_clear_object (&self->engine);

  G_OBJECT_CLASS (co_transcriber_parent_class)->dispose (object);
}

static void
co_transcriber_finalize (GObject *object)
{
  CoTranscriber *self = CO_TRANSCRIBER (object);

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  g_clear_pointer (&self->silences, g_array_unref);
  g_clear_pointer (&self->idle_sessions, g_async_queue_unref);

  G_OBJECT_CLASS (co_transcriber_parent_class)->finalize (object);
}

static void
co_transcriber_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CoTranscriber *self = CO_TRANSCRIBER (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_MAX_THREADS:
      g_value_set_uint (value, self->max_threads);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_transcriber_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CoTranscriber *self = CO_TRANSCRIBER (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      if (self->engine == NULL)
        self->engine = co_speech_engine_new_default ();
      break;
    case PROP_MAX_THREADS:
      co_transcriber_set_max_threads (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_transcriber_class_init (CoTranscriberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_transcriber_dispose;
  object_class->finalize = co_transcriber_finalize;
  object_class->get_property = co_transcriber_get_property;
  object_class->set_property = co_transcriber_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, CO_TYPE_SPEECH_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_THREADS] =
    g_param_spec_uint ("max-threads", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_transcriber_init (CoTranscriber *self)
{
  self->silences = g_array_new (FALSE, FALSE, sizeof (Span));
  self->idle_sessions = g_async_queue_new_full (g_object_unref);
}

/**
 * co_transcript_get_words:
 * @self: a transcript
 *
 * Returns: (transfer none) (element-type CoSpeechWord): the words in time order,
 *   with times in seconds from the start of the file
 */
GPtrArray *
co_transcript_get_words (CoTranscript *self)
{
  g_return_val_if_fail (CO_IS_TRANSCRIPT (self), NULL);

  return self->words;
}

/**
 * co_transcript_get_text:
 * @self: a transcript
 *
 * Returns: (transfer none): all words joined by single spaces; empty when
 *   nothing was said
 */
const char *
co_transcript_get_text (CoTranscript *self)
{
  g_return_val_if_fail (CO_IS_TRANSCRIPT (self), NULL);

  return self->text;
}

/**
 * co_transcript_get_duration:
 * @self: a transcript
 *
 * Returns: the duration of the file's sound in seconds, or 0 if unknown
 */
double
co_transcript_get_duration (CoTranscript *self)
{
  g_return_val_if_fail (CO_IS_TRANSCRIPT (self), 0.0);

  return self->duration;
}

/**
 * co_transcript_get_n_segments:
 * @self: a transcript
 *
 * Returns: how many segments the sound was cut into for decoding
 */
guint
co_transcript_get_n_segments (CoTranscript *self)
{
  g_return_val_if_fail (CO_IS_TRANSCRIPT (self), 0);

  return self->n_segments;
}

/**
 * co_transcriber_new:
 * @engine: (nullable): the speech engine, or %NULL for co_speech_engine_new_default()
 *
 * Returns: (transfer full): a transcriber that uses every core
 */
CoTranscriber *
co_transcriber_new (CoSpeechEngine *engine)
{
  g_return_val_if_fail (engine == NULL || CO_IS_SPEECH_ENGINE (engine), NULL);

  return g_object_new (CO_TYPE_TRANSCRIBER, "engine", engine, NULL);
}

/**
 * co_transcriber_get_engine:
 * @self: a transcriber
 *
 * Returns: (transfer none): the speech engine
 */
CoSpeechEngine *
co_transcriber_get_engine (CoTranscriber *self)
{
  g_return_val_if_fail (CO_IS_TRANSCRIBER (self), NULL);

  return self->engine;
}

/**
 * co_transcriber_get_max_threads:
 * @self: a transcriber
 *
 * Returns: the most decoding threads to use, or 0 for as many as the
 *   engine finds useful (normally one per core)
 */
guint
co_transcriber_get_max_threads (CoTranscriber *self)
{
  g_return_val_if_fail (CO_IS_TRANSCRIBER (self), 0);

  return self->max_threads;
}

/**
 * co_transcriber_set_max_threads:
 * @self: a transcriber
 * @max_threads: the most decoding threads, or 0 for one per core
 *
 * Limits parallel decoding; 1 decodes the segments one after the other.
 * The words do not depend on this setting.
 */
void
co_transcriber_set_max_threads (CoTranscriber *self,
                                guint          max_threads)
{
  g_return_if_fail (CO_IS_TRANSCRIBER (self));

  if (self->max_threads == max_threads)
    return;
  self->max_threads = max_threads;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_THREADS]);
}

/**
 * co_transcriber_add_silence:
 * @self: a transcriber
 * @start: where the silence starts, in seconds
 * @end: where it ends, in seconds, after @start
 *
 * Tells the transcriber where the file is silent (typically the silences
 * the analysis found), so that it cuts the speech there and skips the
 * silence.  Without any silence the transcriber finds pauses itself.
 */
void
co_transcriber_add_silence (CoTranscriber *self,
                            double         start,
                            double         end)
{
  Span span = { start, end };
  guint i;

  g_return_if_fail (CO_IS_TRANSCRIBER (self));
  g_return_if_fail (start >= 0 && end > start);

  for (i = 0; i < self->silences->len; i++)
    if (g_array_index (self->silences, Span, i).start > start)
      break;
  g_array_insert_val (self->silences, i, span);
}

/**
 * co_transcriber_clear_silences:
 * @self: a transcriber
 *
 * Forgets the silences given with co_transcriber_add_silence(), before the
 * next file.
 */
void
co_transcriber_clear_silences (CoTranscriber *self)
{
  g_return_if_fail (CO_IS_TRANSCRIBER (self));

  g_array_set_size (self->silences, 0);
}

/**
 * co_transcriber_set_progress_func:
 * @self: a transcriber
 * @func: (nullable): called as the work advances
 * @user_data: passed to @func
 * @destroy: (nullable): frees @user_data
 *
 * Sets the progress callback.  It is called in the thread that runs the
 * transcription, at most once per percent.
 */
void
co_transcriber_set_progress_func (CoTranscriber             *self,
                                  CoProgressFunc             func,
                                  gpointer                   user_data,
                                  GDestroyNotify             destroy)
{
  g_return_if_fail (CO_IS_TRANSCRIBER (self));

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

/**
 * co_transcriber_transcribe:
 * @self: a transcriber
 * @path: any audio or video file
 * @cancellable: (nullable): cancels the work
 * @error: return location for an error
 *
 * Recognises the speech in the sound track of @path.  Only the sound is
 * decoded, streamed and cut at silences into segments of at most 20 s,
 * which are decoded in parallel; memory holds only the segments in flight.
 * Decoders are kept for the next call.  Blocks: use
 * co_transcriber_transcribe_async() from the main thread.
 *
 * Returns: (transfer full): the transcript, or %NULL with @error set:
 *   %CO_SPEECH_ERROR_MODEL for a bad model, another %CO_MEDIA_ERROR
 *   naming @path for a bad file (%CO_MEDIA_ERROR_NO_AUDIO without a sound
 *   track), or %G_IO_ERROR_CANCELLED
 */
CoTranscript *
co_transcriber_transcribe (CoTranscriber *self,
                           const char    *path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  Run run;
  CoTranscript *transcript = NULL;

  g_return_val_if_fail (CO_IS_TRANSCRIBER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  co_media_init ();
  if (!co_speech_engine_check (self->engine, error))
    return NULL;

  run_init (&run, self, cancellable);
  run_stream (&run, path);
  while (run.in_flight > 0 && !run_failed (&run))
    collect_results (&run, TRUE);

  if (!run_failed (&run))
    {
      transcript = run_build_transcript (&run);
      report_progress (&run, 1.0);
    }
  else
    g_propagate_error (error, g_steal_pointer (&run.error));
  run_clear (&run);
  return transcript;
}

/**
 * co_transcriber_transcribe_async:
 * @self: a transcriber
 * @path: any audio or video file
 * @cancellable: (nullable): cancels the work
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Runs co_transcriber_transcribe() in a worker thread.  Do not change the
 * transcriber's silences while it runs.
 */
void
co_transcriber_transcribe_async (CoTranscriber       *self,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CO_IS_TRANSCRIBER (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_transcriber_transcribe_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, transcribe_thread);
}

/**
 * co_transcriber_transcribe_finish:
 * @self: a transcriber
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the transcript, or %NULL with @error set as for
 *   co_transcriber_transcribe()
 */
CoTranscript *
co_transcriber_transcribe_finish (CoTranscriber  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (CO_IS_TRANSCRIBER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        co_transcriber_transcribe_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
