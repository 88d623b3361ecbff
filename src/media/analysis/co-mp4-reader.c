/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "co-analysis-private.h"
#include "co-media-error.h"
#include "co-media.h"
#include "co-pipeline.h"

/*
 * The sound of an MP4 file, read from its sample table (co-mp4-index.c):
 * only the sound's chunks are read, each run of them that lies together in
 * the file in one read, and each AAC frame is pushed straight into the
 * decoder's sink pad from the thread that read it.  The decoder (the one
 * decodebin would choose) pushes what it decodes into a pad of ours, where
 * it is analysed in place, in the same thread: no demuxer, parser, queue
 * or appsink between the file and the analysis, and not a byte of video
 * read.
 *
 * The sound is cut into ranges that start on 100 ms boundaries, so that
 * windows and loudness blocks run on across them; each range is decoded
 * by its own decoder from a little before its start (so that the decoder
 * and the filters are as in one pass when it starts).  In the parallel
 * mode a worker per core takes the next range whenever it is free, so the
 * work balances itself whatever each range costs and whatever else the
 * machine is doing.  In the serial mode one thread decodes the ranges in
 * order and hands the buffers over in batches to the caller's thread,
 * which analyses them.  The ranges depend on the file only, so both modes
 * give identical results.
 *
 * The decoder is flushed at the end of the sound, and the edit that the
 * container declares is applied: an encoder's priming before the sound is
 * decoded but not measured, the padding after it not even kept.
 */

/* Files shorter than this are one range; longer ones have ranges of at
 * least RANGE_SECONDS, at most MAX_RANGES of them. */
#define SPLIT_MIN_SECONDS 60
#define RANGE_SECONDS 30
#define MAX_RANGES 16
/* Decoded before a range to prepare the decoder and the filters. */
#define LEAD_IN_SECONDS 0.25
/* The largest read (ffmpeg reads 32 KiB at a time), and the most frames
 * one read holds. */
#define MAX_READ (256u << 10)
#define MAX_RUN 2048
/* The serial hand-over: buffers held at most, and how many make a batch. */
#define HANDOVER_CAPACITY 64
#define HANDOVER_BATCH 16
/* The longest sound read: ten hours of 10 ms windows. */
#define MAX_WINDOWS (10 * 3600 * 100)
/* How often the caller reports progress and looks for cancellation. */
#define TICK_US (50 * 1000)

typedef struct _Job Job;

/* One range of the sound; times in the track's timescale, from the start
 * of the sound as presented. */
typedef struct
{
  Job             *job;
  gint64           start;
  gint64           end;
  guint32          first_sample;  /* decoding starts here */
  guint32          end_sample;    /* one past the last sample decoded */
  gint64           first_time;    /* presentation time of first_sample's first frame */
  GstAudioInfo     info;          /* of the decoded sound */
  gboolean         have_info;
  CoAudioAnalyzer *analyzer;
  gint             decoded_ms;
} Range;

struct _Job
{
  const CoReadOptions *options;
  const char          *path;
  const char          *display;
  CoMp4Index          *index;
  GstElementFactory   *decoder;
  GstCaps             *caps;       /* what the decoder takes */
  GstCaps             *target;     /* what the analyser takes */
  guint32              timescale;
  gint64               delay;
  gint64               priming;
  gint64               length;
  int                  fd;
  Range               *ranges;
  guint                n_ranges;
  gint                 next_range;
  gint                 stop;
  gint64               tick_ms;    /* progress worth waking the caller for */
  CoHandover          *handover;   /* serial mode only */
  CoEnvelope           envelope;   /* what every range writes in place */

  GMutex               lock;       /* guards what follows */
  GCond                cond;
  guint                workers;    /* still running */
  GError              *error;
  gboolean             fallback;   /* the GStreamer demuxer should try instead */
};

typedef struct
{
  Range     *range;
  GstBuffer *buffer;
} Item;

static void
item_free (gpointer data)
{
  Item *item = data;

  gst_buffer_unref (item->buffer);
  g_free (item);
}

/* Records the first failure and stops everything. */
static void
fail (Job     *job,
      GError  *error,
      gboolean fallback)
{
  g_mutex_lock (&job->lock);
  if (job->error == NULL)
    {
      job->error = error;
      job->fallback = fallback;
    }
  else
    g_error_free (error);
  g_mutex_unlock (&job->lock);
  g_atomic_int_set (&job->stop, 1);
}

static gint64
to_frames (gint64  time,
           guint32 timescale,
           int     rate)
{
  guint64 magnitude = gst_util_uint64_scale ((guint64) ABS (time), (guint64) rate, timescale);

  return time < 0 ? -(gint64) magnitude : (gint64) magnitude;
}

/* Notes how far @range is, waking the caller for every hundredth of the
 * sound decoded, so that it reports progress even on a short file. */
static void
note_progress (Range *range,
               int    rate)
{
  Job *job = range->job;
  gint64 now = (_co_audio_analyzer_frames (range->analyzer)
                - to_frames (range->start, job->timescale, rate)) * 1000 / rate;
  gint64 before = g_atomic_int_get (&range->decoded_ms);

  g_atomic_int_set (&range->decoded_ms, (gint) MAX (now, 0));
  if (now / job->tick_ms != before / job->tick_ms)
    {
      g_mutex_lock (&job->lock);
      g_cond_broadcast (&job->cond);
      g_mutex_unlock (&job->lock);
    }
}

/* Analyses @buffer in place.  Returns FALSE once the range has all it
 * needs. */
static gboolean
analyse (Range     *range,
         GstBuffer *buffer)
{
  Job *job = range->job;
  GstAudioBuffer audio;
  gboolean more;
  int rate = range->info.rate;

  /* Ranges meet on 100 ms boundaries, which need a whole number of frames. */
  if (range->analyzer == NULL && job->n_ranges > 1 && rate % 10 != 0)
    {
      fail (job, g_error_new (CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED,
                              _("Cannot analyse “%s” in parts: its sound's rate is %d Hz"),
                              job->display, rate), TRUE);
      return FALSE;
    }
  if (range->analyzer == NULL)
    range->analyzer = _co_audio_analyzer_new (job->options->params, &range->info,
                                              to_frames (range->first_time, job->timescale, rate),
                                              to_frames (range->start, job->timescale, rate),
                                              to_frames (range->end, job->timescale, rate),
                                              to_frames (job->length, job->timescale, rate),
                                              _co_envelope_ready (&job->envelope)
                                              ? &job->envelope : NULL);
  if (!gst_audio_buffer_map (&audio, &range->info, buffer, GST_MAP_READ))
    return TRUE;
  more = _co_audio_analyzer_feed (range->analyzer, (const float * const *) audio.planes,
                                  audio.n_samples);
  gst_audio_buffer_unmap (&audio);
  note_progress (range, rate);
  return more;
}

static GstFlowReturn
chain_cb (GstPad    *pad,
          GstObject *parent,
          GstBuffer *buffer)
{
  Range *range = gst_pad_get_element_private (pad);
  Item *item;

  if (g_atomic_int_get (&range->job->stop) || !range->have_info)
    {
      gst_buffer_unref (buffer);
      return range->have_info ? GST_FLOW_FLUSHING : GST_FLOW_NOT_NEGOTIATED;
    }
  if (range->job->handover == NULL)
    {
      gboolean more = analyse (range, buffer);

      gst_buffer_unref (buffer);
      return more ? GST_FLOW_OK : GST_FLOW_EOS;
    }
  item = g_new (Item, 1);
  item->range = range;
  item->buffer = buffer;
  return _co_handover_put (range->job->handover, item) ? GST_FLOW_OK : GST_FLOW_FLUSHING;
}

static gboolean
event_cb (GstPad    *pad,
          GstObject *parent,
          GstEvent  *event)
{
  Range *range = gst_pad_get_element_private (pad);

  if (GST_EVENT_TYPE (event) == GST_EVENT_CAPS)
    {
      GstCaps *caps;

      gst_event_parse_caps (event, &caps);
      range->have_info = _co_audio_info_usable (&range->info, caps);
    }
  gst_event_unref (event);
  return TRUE;
}

static gboolean
query_cb (GstPad    *pad,
          GstObject *parent,
          GstQuery  *query)
{
  Range *range = gst_pad_get_element_private (pad);
  GstCaps *filter, *caps;

  switch (GST_QUERY_TYPE (query))
    {
    case GST_QUERY_CAPS:
      gst_query_parse_caps (query, &filter);
      caps = filter != NULL ? gst_caps_intersect (range->job->target, filter)
                            : gst_caps_ref (range->job->target);
      gst_query_set_caps_result (query, caps);
      gst_caps_unref (caps);
      return TRUE;
    case GST_QUERY_ACCEPT_CAPS:
      gst_query_parse_accept_caps (query, &caps);
      gst_query_set_accept_caps_result (query, gst_caps_is_subset (caps, range->job->target));
      return TRUE;
    default:
      return gst_pad_query_default (pad, parent, query);
    }
}

/* A pad of ours: where the frames leave (@direction SRC) or the decoded
 * sound arrives. */
static GstPad *
make_pad (Range          *range,
          GstPadDirection direction)
{
  GstPad *pad = gst_pad_new (direction == GST_PAD_SRC ? "frames" : "sound", direction);

  gst_pad_set_element_private (pad, range);
  if (direction == GST_PAD_SINK)
    {
      gst_pad_set_chain_function (pad, chain_cb);
      gst_pad_set_event_function (pad, event_cb);
      gst_pad_set_query_function (pad, query_cb);
    }
  gst_pad_set_active (pad, TRUE);
  return pad;
}

/* The decoder of one range, between two pads of ours. */
typedef struct
{
  CoPipeline *wrapper;
  GstElement *decoder;
  GstPad     *src;
  GstPad     *sink;
} Decoder;

static void
decoder_clear (Decoder *d)
{
  if (d->wrapper != NULL)
    gst_element_set_state (co_pipeline_get_element (d->wrapper), GST_STATE_NULL);
  if (d->src != NULL)
    gst_pad_set_active (d->src, FALSE);
  if (d->sink != NULL)
    gst_pad_set_active (d->sink, FALSE);
  g_clear_object (&d->wrapper);
  gst_clear_object (&d->src);
  gst_clear_object (&d->sink);
}

static gboolean
decoder_start (Decoder *d,
               Range   *range)
{
  Job *job = range->job;
  GstElement *pipeline = gst_pipeline_new (NULL);
  g_autoptr(GstPad) in = NULL, out = NULL;
  GstSegment segment;

  d->wrapper = co_pipeline_new (pipeline, job->path);
  co_pipeline_set_display_name (d->wrapper, job->display);
  d->decoder = gst_element_factory_create (job->decoder, NULL);
  if (d->decoder == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), d->decoder);
  d->src = make_pad (range, GST_PAD_SRC);
  d->sink = make_pad (range, GST_PAD_SINK);
  in = gst_element_get_static_pad (d->decoder, "sink");
  out = gst_element_get_static_pad (d->decoder, "src");
  if (in == NULL || out == NULL || gst_pad_link (d->src, in) != GST_PAD_LINK_OK
      || gst_pad_link (out, d->sink) != GST_PAD_LINK_OK
      || gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    return FALSE;
  gst_segment_init (&segment, GST_FORMAT_TIME);
  return gst_pad_push_event (d->src, gst_event_new_stream_start ("co-sound"))
         && gst_pad_push_event (d->src, gst_event_new_caps (job->caps))
         && gst_pad_push_event (d->src, gst_event_new_segment (&segment));
}

/* Turns a flow that stopped the pushing into an error, if it is one. */
static void
report_flow (Job          *job,
             Decoder      *d,
             GstFlowReturn flow)
{
  GError *error = NULL;

  if (flow == GST_FLOW_OK || flow == GST_FLOW_EOS || flow == GST_FLOW_FLUSHING)
    return;
  if (flow != GST_FLOW_NOT_NEGOTIATED && !co_pipeline_poll (d->wrapper, 0, NULL, &error)
      && error != NULL)
    {
      fail (job, error, FALSE);
      return;
    }
  g_clear_error (&error);
  /* A decoder that gives nothing the analyser takes: the GStreamer path
   * converts it. */
  g_set_error (&error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
               _("Cannot analyse “%s”: its sound cannot be decoded (%s)"), job->display,
               gst_flow_get_name (flow));
  fail (job, error, flow == GST_FLOW_NOT_NEGOTIATED);
}

/* Reads the frames @run from the file in one read. */
static GstBuffer *
read_run (Job               *job,
          const CoMp4Sample *run,
          guint              n)
{
  gsize size = (gsize) (run[n - 1].offset + run[n - 1].size - run[0].offset);
  GstBuffer *block = gst_buffer_new_allocate (NULL, size, NULL);
  GstMapInfo map;
  gssize got = -1;

  if (gst_buffer_map (block, &map, GST_MAP_WRITE))
    {
      got = pread (job->fd, map.data, size, (off_t) run[0].offset);
      gst_buffer_unmap (block, &map);
    }
  if (got == (gssize) size)
    return block;
  gst_buffer_unref (block);
  fail (job, g_error_new (CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNREADABLE,
                          _("Cannot analyse “%s”: %s"), job->display,
                          got < 0 ? g_strerror (errno)
                                  : _("the file is shorter than its index says")),
        FALSE);
  return NULL;
}

/* Pushes each frame of @run into the decoder, as a part of @block. */
static GstFlowReturn
push_run (Job               *job,
          Decoder           *d,
          GstBuffer         *block,
          const CoMp4Sample *run,
          guint              n)
{
  GstFlowReturn flow = GST_FLOW_OK;

  for (guint i = 0; i < n && flow == GST_FLOW_OK; i++)
    {
      GstBuffer *frame = gst_buffer_copy_region (block, GST_BUFFER_COPY_MEMORY,
                                                 (gsize) (run[i].offset - run[0].offset),
                                                 run[i].size);

      GST_BUFFER_PTS (frame) = gst_util_uint64_scale ((guint64) run[i].dts, GST_SECOND,
                                                      job->timescale);
      GST_BUFFER_DURATION (frame) = gst_util_uint64_scale (run[i].duration, GST_SECOND,
                                                           job->timescale);
      flow = gst_pad_push (d->src, frame);
    }
  return flow;
}

/* Gathers into @run the frames from the walk's next on that lie together
 * in the file, up to MAX_READ bytes and @last; @pending holds the frame
 * read ahead. */
static guint
gather (CoMp4Walk   *walk,
        CoMp4Sample *pending,
        gboolean    *have_pending,
        guint32      last,
        CoMp4Sample *run)
{
  guint n = 0;

  while (n < MAX_RUN && (*have_pending || _co_mp4_walk_next (walk, pending))
         && pending->index < last)
    {
      if (n > 0 && (pending->offset != run[n - 1].offset + run[n - 1].size
                    || pending->offset + pending->size - run[0].offset > MAX_READ))
        {
          *have_pending = TRUE;
          return n;
        }
      run[n++] = *pending;
      *have_pending = FALSE;
    }
  return n;
}

/* Decodes @range: its frames, then the end of the stream, which flushes
 * the decoder. */
static void
decode_range (Job   *job,
              Range *range)
{
  g_autoptr(CoMp4Walk) walk = _co_mp4_index_walk_audio (job->index, range->first_sample);
  g_autofree CoMp4Sample *run = g_new (CoMp4Sample, MAX_RUN);
  Decoder d = { 0 };
  GstFlowReturn flow = GST_FLOW_OK;
  CoMp4Sample pending;
  gboolean have_pending = FALSE;
  guint n;

  if (!decoder_start (&d, range))
    {
      fail (job, g_error_new (CO_MEDIA_ERROR, CO_MEDIA_ERROR_MISSING_PLUGIN,
                              _("Cannot analyse “%s”: its sound decoder cannot start"),
                              job->display), TRUE);
      decoder_clear (&d);
      return;
    }
  while (flow == GST_FLOW_OK && !g_atomic_int_get (&job->stop)
         && (n = gather (walk, &pending, &have_pending, range->end_sample, run)) > 0)
    {
      g_autoptr(GstBuffer) block = read_run (job, run, n);

      flow = block != NULL ? push_run (job, &d, block, run, n) : GST_FLOW_FLUSHING;
    }
  if (flow == GST_FLOW_OK && !g_atomic_int_get (&job->stop))
    gst_pad_push_event (d.src, gst_event_new_eos ());
  report_flow (job, &d, flow);
  decoder_clear (&d);
}

static gpointer
worker (gpointer data)
{
  Job *job = data;
  guint i;

  while (!g_atomic_int_get (&job->stop)
         && (i = (guint) g_atomic_int_add (&job->next_range, 1)) < job->n_ranges)
    decode_range (job, &job->ranges[i]);
  if (job->handover != NULL)
    _co_handover_finish (job->handover);
  g_mutex_lock (&job->lock);
  job->workers--;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);
  return NULL;
}

/* Finds, in one walk, the sample that holds each of the media times
 * @times (ascending; the first sample for times before it) and the time
 * it starts at. */
static void
locate (CoMp4Index   *index,
        const gint64 *times,
        guint         n,
        guint32      *samples,
        gint64       *starts)
{
  g_autoptr(CoMp4Walk) walk = _co_mp4_index_walk_audio (index, 0);
  CoMp4Sample sample, held = { 0 };
  guint k = 0;

  while (k < n && _co_mp4_walk_next (walk, &sample))
    {
      for (; k < n && times[k] < sample.dts; k++)
        {
          samples[k] = held.index;
          starts[k] = held.dts;
        }
      held = sample;
    }
  for (; k < n; k++)
    {
      samples[k] = held.index;
      starts[k] = held.dts;
    }
}

static int
compare_times (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const gint64 *times = data;
  gint64 x = times[*(const guint *) a], y = times[*(const guint *) b];

  return (x > y) - (x < y);
}

/* Where each range starts and ends decoding: a little before its start,
 * and two frames past its end. */
static void
place_ranges (Job *job)
{
  guint n = 2 * job->n_ranges;
  g_autofree gint64 *times = g_new (gint64, n);
  g_autofree gint64 *sorted = g_new (gint64, n), *starts = g_new (gint64, n);
  g_autofree guint32 *samples = g_new (guint32, n);
  g_autofree guint *order = g_new (guint, n);
  gint64 shift = job->priming - job->delay, lead = (gint64) (LEAD_IN_SECONDS * job->timescale);

  for (guint i = 0; i < job->n_ranges; i++)
    {
      times[2 * i] = i == 0 ? G_MININT64 : job->ranges[i].start + shift - lead;
      times[2 * i + 1] = job->ranges[i].end + shift;
    }
  for (guint k = 0; k < n; k++)
    order[k] = k;
  g_qsort_with_data (order, (gint) n, sizeof (guint), compare_times, times);
  for (guint k = 0; k < n; k++)
    sorted[k] = times[order[k]];
  locate (job->index, sorted, n, samples, starts);
  for (guint k = 0; k < n; k++)
    {
      Range *range = &job->ranges[order[k] / 2];

      if (order[k] % 2 == 0)
        {
          range->first_sample = samples[k];
          range->first_time = starts[k] - shift;
        }
      else
        range->end_sample = order[k] / 2 + 1 == job->n_ranges ? G_MAXUINT32 : samples[k] + 2;
    }
}

/* Cuts the sound into ranges on 100 ms boundaries. */
static void
plan_ranges (Job *job)
{
  gint64 step = job->timescale / 10;
  gint64 seconds = job->length / job->timescale;
  guint n = 1;

  if (seconds >= SPLIT_MIN_SECONDS && job->timescale % 10 == 0
      && g_getenv ("CO_ANALYSIS_ONE_RANGE") == NULL)
    n = (guint) CLAMP (seconds / RANGE_SECONDS, 1, MAX_RANGES);
  job->n_ranges = n;
  job->ranges = g_new0 (Range, n);
  for (guint i = 0; i < n; i++)
    {
      Range *range = &job->ranges[i];

      range->job = job;
      range->start = i == 0 ? 0 : job->length * i / n / step * step;
      range->end = i + 1 == n ? job->length : job->length * (i + 1) / n / step * step;
    }
  place_ranges (job);
}

static void
report_progress (Job    *job,
                 double *last)
{
  const CoReadOptions *options = job->options;
  gint64 done_ms = 0;
  double fraction;

  if (options->progress == NULL)
    return;
  for (guint i = 0; i < job->n_ranges; i++)
    done_ms += g_atomic_int_get (&job->ranges[i].decoded_ms);
  fraction = MIN (0.99, (double) done_ms / 1000.0 / ((double) job->length / job->timescale));
  /* At most 200 calls per file, and never backwards. */
  if (fraction < *last + 0.005)
    return;
  *last = fraction;
  options->progress (fraction, NULL, options->user_data);
}

/* Serial mode: analyses what the decoding thread hands over. */
static void
consume (Job *job)
{
  gboolean finished = FALSE;
  double last = 0.0;

  while (!finished)
    {
      g_autoptr(GPtrArray) batch = _co_handover_take (job->handover,
                                                      g_get_monotonic_time () + TICK_US,
                                                      &finished);

      for (guint i = 0; i < batch->len && !g_atomic_int_get (&job->stop); i++)
        {
          Item *item = g_ptr_array_index (batch, i);

          analyse (item->range, item->buffer);
        }
      if (g_cancellable_is_cancelled (job->options->cancellable))
        g_atomic_int_set (&job->stop, 1);
      if (g_atomic_int_get (&job->stop))
        _co_handover_close (job->handover);
      report_progress (job, &last);
    }
}

/* Runs the workers (one, in serial mode, feeding this thread) and waits
 * for them. */
static void
run_workers (Job *job)
{
  guint n = job->handover != NULL ? 1 : MIN (g_get_num_processors (), job->n_ranges);
  double last = 0.0;

  job->workers = n;
  for (guint i = 0; i < n; i++)
    g_thread_unref (g_thread_new ("co-sound", worker, job));
  if (job->handover != NULL)
    consume (job);
  g_mutex_lock (&job->lock);
  while (job->workers > 0)
    {
      if (g_cancellable_is_cancelled (job->options->cancellable))
        g_atomic_int_set (&job->stop, 1);
      g_mutex_unlock (&job->lock);
      report_progress (job, &last);
      g_mutex_lock (&job->lock);
      g_cond_wait_until (&job->cond, &job->lock, g_get_monotonic_time () + TICK_US);
    }
  g_mutex_unlock (&job->lock);
  report_progress (job, &last);
}

/* Each range must have reached its end, the last one the end of the sound
 * (less a second: tracks of one file may differ by a frame or two). */
static gboolean
check_complete (Job     *job,
                GError **error)
{
  for (guint i = 0; i < job->n_ranges; i++)
    {
      Range *range = &job->ranges[i];
      int rate = range->info.rate;
      gint64 end, reached;

      if (range->analyzer == NULL)
        {
          g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
                       _("Cannot analyse “%s”: its sound cannot be decoded"), job->display);
          return FALSE;
        }
      end = to_frames (range->end, job->timescale, rate);
      reached = _co_audio_analyzer_frames (range->analyzer);
      if (reached < end - (i + 1 == job->n_ranges ? rate : 0))
        {
          g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TRUNCATED,
                       _("Cannot analyse “%s”: the sound stops at %.3f s, but the file "
                         "claims %.3f s"), job->display, (double) reached / rate,
                       (double) job->length / job->timescale);
          return FALSE;
        }
    }
  return TRUE;
}

static CoAnalysis *
collect (Job    *job,
         GArray *frames)
{
  g_autofree CoAudioAnalyzer **parts = g_new (CoAudioAnalyzer *, job->n_ranges);

  for (guint i = 0; i < job->n_ranges; i++)
    parts[i] = job->ranges[i].analyzer;
  return _co_analysis_assemble (job->path, parts, job->n_ranges, job->options, frames);
}

static void
job_clear (Job *job)
{
  for (guint i = 0; i < job->n_ranges; i++)
    _co_audio_analyzer_free (job->ranges[i].analyzer);
  g_free (job->ranges);
  g_clear_pointer (&job->handover, _co_handover_free);
  _co_envelope_clear (&job->envelope);
  g_clear_pointer (&job->caps, gst_caps_unref);
  g_clear_pointer (&job->target, gst_caps_unref);
  gst_clear_object (&job->decoder);
  if (job->fd >= 0)
    close (job->fd);
  g_clear_error (&job->error);
  g_cond_clear (&job->cond);
  g_mutex_clear (&job->lock);
}

static gboolean
job_init (Job                 *job,
          const char          *path,
          const char          *display,
          const CoReadOptions *options,
          CoMp4Index          *index)
{
  memset (job, 0, sizeof *job);
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  job->options = options;
  job->path = path;
  job->display = display;
  job->index = index;
  job->fd = g_open (path, O_RDONLY, 0);
  job->caps = _co_mp4_index_audio_caps (index);
  job->target = gst_caps_from_string ("audio/x-raw, format=F32LE, layout=non-interleaved");
  job->decoder = co_media_best_factory (GST_ELEMENT_FACTORY_TYPE_DECODER
                                        | GST_ELEMENT_FACTORY_TYPE_MEDIA_AUDIO, job->caps, FALSE);
  _co_mp4_index_audio_timing (index, &job->timescale, &job->delay, &job->priming, &job->length);
  job->tick_ms = MAX (1, job->length * 1000 / MAX (job->timescale, 1) / 100);
  /* Every 10 ms window of the sound, and one for the last part, written in
   * place by all the ranges; a sound longer than ten hours keeps them apart. */
  if (job->timescale > 0 && job->length > 0
      && job->length / job->timescale < MAX_WINDOWS / 100)
    _co_envelope_init (&job->envelope, (guint) (job->length * 100 / job->timescale + 1),
                       options->params->envelope_on_disk);
  if (options->params->serial)
    job->handover = _co_handover_new (HANDOVER_CAPACITY, HANDOVER_BATCH, item_free);
  return job->fd >= 0 && job->decoder != NULL && job->length > 0;
}

/**
 * _co_mp4_reader_run:
 * @path: the file
 * @display: how messages name it
 * @options: parameters, progress and cancellable
 * @index: (transfer none): its sample tables
 * @frames: (nullable): its video frames, for the scene pass
 * @fallback: (out): set when the GStreamer demuxer should read the file
 *   instead (then @error says why this path could not)
 * @error: return location for a #CO_MEDIA_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the analysis without edit points, or %NULL
 */
CoAnalysis *
_co_mp4_reader_run (const char          *path,
                    const char          *display,
                    const CoReadOptions *options,
                    CoMp4Index          *index,
                    GArray              *frames,
                    gboolean            *fallback,
                    GError             **error)
{
  Job job;
  CoAnalysis *result = NULL;

  *fallback = !job_init (&job, path, display, options, index);
  if (!*fallback)
    {
      plan_ranges (&job);
      run_workers (&job);
      *fallback = job.fallback;
      if (job.error != NULL)
        g_propagate_error (error, g_steal_pointer (&job.error));
      else if (!g_cancellable_set_error_if_cancelled (options->cancellable, error)
               && check_complete (&job, error))
        result = collect (&job, frames);
    }
  else
    g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_MISSING_PLUGIN,
                 _("Cannot analyse “%s”: no decoder for its sound"), display);
  job_clear (&job);
  return result;
}
