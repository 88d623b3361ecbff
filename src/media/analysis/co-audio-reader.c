/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-media"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <gst/app/gstappsink.h>
#include <gst/audio/audio.h>
#include <gst/base/gsttypefindhelper.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "co-analysis-private.h"
#include "co-media-error.h"
#include "co-media.h"
#include "co-pipeline.h"
#include "co-probe-private.h"

/*
 * One streaming pass over a file: filesrc ! demuxer (the type finders tell
 * which before the pipeline runs, see find_type()), with the
 * first audio stream going to its parser and decoder, then to an appsink as
 * planar F32 (through audioconvert only if the decoder may give anything
 * else).  Every other stream is demuxed only, not even parsed, and dropped
 * in a fakesink, where a pad probe notes the size and key-frame flag of
 * each compressed video frame for the scene pass.
 *
 * The demuxer, parser and decoder are plugged here rather than by a
 * decodebin around the whole file because decodebin puts a multiqueue
 * after the demuxer: every video frame then crosses threads only to be
 * dropped, which cost more than decoding the sound.  Here they share one
 * streaming thread.  An audio stream the plain choice cannot take (see
 * plug_decoder()) goes to a decodebin, and so does a file with no demuxer
 * (MP3, FLAC, raw H.264), which is told never to decode anything but audio
 * (autoplug-select answers "expose").
 *
 * In the parallel mode the analysis runs inside each range's streaming
 * thread; in the serial mode the streaming thread hands the decoded
 * buffers over in batches (co-handover.c) to the caller's thread, which
 * analyses them while GStreamer's streaming thread demuxes and decodes
 * ahead.
 * The same samples reach the same code in the same order, so results are
 * identical.
 *
 * The file checks are the probe's and the bus is CoPipeline's, so a bad
 * file fails here with the same codes as on import; the reader only adds
 * what it alone knows (whether sound had already come out).
 */

/* decodebin's GstAutoplugSelectResult, which has no public header. */
enum
{
  AUTOPLUG_TRY = 0,
  AUTOPLUG_EXPOSE = 1,
};

typedef struct
{
  const CoReadOptions *options;
  const char          *path;
  char                *display;       /* how messages name the file */
  CoPipeline          *wrapper;       /* owns the pipeline and its bus */
  GstElement          *pipeline;      /* the wrapper's, borrowed */
  GstElement          *sink_bin;      /* audioconvert and the appsink, borrowed */
  GstElement          *sink;
  GstCaps             *target;        /* planar F32, what the analyser takes */
  GstCaps             *file_type;     /* what find_type() found */
  gboolean             scenes;

  /* Written by streaming threads before no-more-pads, read by the caller. */
  gint                 audio_found;   /* a demuxer has shown an audio stream */
  gint                 audio_linked;  /* decoded audio reaches the sink bin */
  gint                 no_more_pads;
  gint                 started;       /* the pipeline was asked to run */

  GArray              *frames;        /* CoVideoFrame, video stream thread only */
  GstSegment           video_segment; /* the video stream's, for its times */
  CoAudioAnalyzer     *analyzer;
  GstAudioInfo         info;          /* of the decoded audio */
  int                  rate;
  gint64               claimed;       /* container duration, ns, or -1 */
  gint                 stop;          /* set by the caller on cancel or error */
  /* Held by the streaming threads while they plug elements, and by
   * reader_stop() while it sets stop: a pipeline is never shut down while
   * an element is being added to it, which would deadlock. */
  GRecMutex            plug_lock;

  /* The range of frames this reader analyses (see plan_ranges()). */
  gint64               range_start;
  gint64               range_end;     /* G_MAXINT64: to the end */
  gboolean             pull;          /* the caller's thread analyses */
  CoHandover          *handover;      /* pull mode: the decoded samples */
  gboolean             drained;       /* pull mode: all of them taken */
  gint                 done;          /* the range is complete */
  gint                 misaligned;    /* decoding began after the range */
  gint                 progress_ms;   /* decoded so far, for progress */

  /* Only the first reader plans the ranges, from its first sample. */
  gboolean             may_split;
  gint64               seam;          /* frame where the second range starts, or 0 */
  gint                 planned;       /* seam is set */
} Reader;

/* Pull mode: samples held at most, how many make a batch, and how long
 * the caller waits for one before it reads the bus. */
#define HANDOVER_CAPACITY 64
#define HANDOVER_BATCH 16
#define HANDOVER_WAIT_US (10 * 1000)
/* A pipeline that decodes nothing for this long has stalled. */
#define STALL_US (60 * G_USEC_PER_SEC)
/* Files shorter than this are read in one range. */
#define SPLIT_MIN_SECONDS 60
/* Decoded before a range and only used to prepare the filters and the
 * decoder, so that the seam is as in one pass. */
#define RANGE_LEAD_IN (GST_SECOND / 2)

static void pad_added_cb       (GstElement *decodebin,
                                GstPad     *pad,
                                gpointer    data);
static void demux_pad_added_cb (GstElement *demuxer,
                                GstPad     *pad,
                                gpointer    data);

static gboolean
check_file (const char  *path,
            const char  *display,
            GError     **error)
{
  GStatBuf st;

  return _co_probe_check_file (path, display, 0, &st, error) &&
         _co_probe_check_wav (path, display, st.st_size, error);
}

static int
autoplug_select_cb (GstElement         *bin,
                    GstPad             *pad,
                    GstCaps            *caps,
                    GstElementFactory  *factory,
                    gpointer            data)
{
  const char *klass = gst_element_factory_get_metadata (factory, GST_ELEMENT_METADATA_KLASS);
  const char *name = gst_structure_get_name (gst_caps_get_structure (caps, 0));

  /* Containers are opened whatever their media type says. */
  if (klass != NULL && strstr (klass, "Demux") != NULL)
    return AUTOPLUG_TRY;
  /* Decoding video only to drop it is what makes audio analysis slow, and
   * even parsing it costs more than decoding the sound: the scene pass
   * needs only the demuxer's frame sizes and key-frame flags. */
  if (!g_str_has_prefix (name, "audio/"))
    return AUTOPLUG_EXPOSE;
  if (klass != NULL && strstr (klass, "Decoder") != NULL && strstr (klass, "Audio") == NULL)
    return AUTOPLUG_EXPOSE;
  return AUTOPLUG_TRY;
}

static GstPadProbeReturn
video_frame_probe_cb (GstPad          *pad,
                      GstPadProbeInfo *info,
                      gpointer         data)
{
  Reader *reader = data;
  GstBuffer *buffer;
  CoVideoFrame frame;
  guint64 time;

  /* Times are kept as the stream's own (from 0 at its start), which
   * differ from the buffers' when the container has an edit list, as MP4
   * files with B-frames do: seeks and what the user sees use the former. */
  if (info->type & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM)
    {
      if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_SEGMENT)
        gst_event_copy_segment (GST_PAD_PROBE_INFO_EVENT (info), &reader->video_segment);
      return GST_PAD_PROBE_OK;
    }
  buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  if (GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_HEADER))
    return GST_PAD_PROBE_OK;
  time = reader->video_segment.format == GST_FORMAT_TIME
         ? gst_segment_to_stream_time (&reader->video_segment, GST_FORMAT_TIME,
                                       GST_BUFFER_PTS (buffer))
         : GST_CLOCK_TIME_NONE;
  frame.pts = GST_CLOCK_TIME_IS_VALID (time) ? (gint64) time : -1;
  frame.size = (guint32) MIN (gst_buffer_get_size (buffer), G_MAXUINT32);
  frame.keyframe = !GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_DELTA_UNIT);
  g_array_append_val (reader->frames, frame);
  return GST_PAD_PROBE_OK;
}

/* Demuxes a stream we do not decode into a fakesink. */
static void
drop_stream (Reader     *reader,
             GstPad     *pad,
             GstCaps    *caps)
{
  const char *name = gst_structure_get_name (gst_caps_get_structure (caps, 0));

  /* A later range leaves the other streams to the first reader: a fakesink
   * would hold the streaming thread before the seek. */
  if (reader->range_start > 0)
    return;
  if (reader->frames != NULL && reader->frames->len == 0 && g_str_has_prefix (name, "video/")
      && !g_object_get_data (G_OBJECT (reader->pipeline), "video-probed"))
    {
      g_object_set_data (G_OBJECT (reader->pipeline), "video-probed", GINT_TO_POINTER (1));
      gst_segment_init (&reader->video_segment, GST_FORMAT_TIME);
      gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                         video_frame_probe_cb, reader, NULL);
    }
  co_pipeline_drop_pad (reader->pipeline, pad);
}

/* Links decoded audio to the sink bin: straight to the appsink if it is
 * planar F32 already (@planar_f32), as most decoders give it, else through
 * audioconvert. */
static GstPadLinkReturn
link_to_sink (Reader  *reader,
              GstPad  *pad,
              gboolean planar_f32)
{
  g_autoptr(GstPad) sinkpad = gst_element_get_static_pad (reader->sink_bin,
                                                          planar_f32 ? "planar" : "convert");

  /* The appsink's pad is taken by one or the other, never both. */
  if (planar_f32)
    {
      g_autoptr(GstPad) target = gst_element_get_static_pad (reader->sink, "sink");

      gst_ghost_pad_set_target (GST_GHOST_PAD (sinkpad), target);
    }
  else
    {
      g_autoptr(GstElement) convert = gst_bin_get_by_name (GST_BIN (reader->sink_bin),
                                                          "convert");

      gst_element_link (convert, reader->sink);
    }
  return gst_pad_link (pad, sinkpad);
}

static void
link_decoded_pad (GstElement *decodebin,
                  GstPad     *pad,
                  gpointer    data)
{
  Reader *reader = data;
  g_autoptr(GstCaps) caps = co_pipeline_pad_caps (pad);
  const char *name = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  if (g_str_has_prefix (name, "audio/x-raw") && g_atomic_int_compare_and_exchange (&reader->audio_linked, 0, 1))
    {
      g_autoptr(GstCaps) current = gst_pad_get_current_caps (pad);

      link_to_sink (reader, pad, current != NULL && gst_caps_is_subset (current, reader->target));
      return;
    }
  drop_stream (reader, pad, caps);
}

static void
no_more_pads_cb (GstElement *element,
                 gpointer    data)
{
  Reader *reader = data;

  g_atomic_int_set (&reader->no_more_pads, 1);
}

/* What is plugged into a running pipeline goes to PAUSED, as decodebin sets
 * what it plugs (not to the parent's state, which may be changing in this
 * very thread); what is plugged while the pipeline is built follows it. */
static gboolean
start_plugged (Reader     *reader,
               GstElement *element)
{
  if (element == NULL || !g_atomic_int_get (&reader->started))
    return TRUE;
  return gst_element_set_state (element, GST_STATE_PAUSED) != GST_STATE_CHANGE_FAILURE;
}

/* A decodebin that decodes audio only, linked after @pad. */
static gboolean
plug_decodebin (Reader  *reader,
                GstPad  *pad,
                gboolean whole_file)
{
  GstElement *decodebin = gst_element_factory_make ("decodebin", NULL);
  g_autoptr(GstPad) sinkpad = NULL;

  if (decodebin == NULL)
    return FALSE;
  g_signal_connect (decodebin, "autoplug-select", G_CALLBACK (autoplug_select_cb), reader);
  g_signal_connect (decodebin, "pad-added", G_CALLBACK (pad_added_cb), reader);
  /* After a demuxer, the demuxer says when every stream is known. */
  if (whole_file)
    g_signal_connect (decodebin, "no-more-pads", G_CALLBACK (no_more_pads_cb), reader);
  gst_bin_add (GST_BIN (reader->pipeline), decodebin);
  sinkpad = gst_element_get_static_pad (decodebin, "sink");
  if (gst_pad_link (pad, sinkpad) != GST_PAD_LINK_OK)
    return FALSE;
  return start_plugged (reader, decodebin);
}

/* Takes @element (if any) out of the pipeline again, which unlinks it. */
static void
unplug (Reader     *reader,
        GstElement *element)
{
  if (element == NULL)
    return;
  gst_element_set_state (element, GST_STATE_NULL);
  gst_bin_remove (GST_BIN (reader->pipeline), element);
}

/*
 * Plugs after the demuxed audio @pad what decodebin would (the parser and
 * the decoder of the highest rank for @caps), without decodebin itself:
 * its ghost pads, typefind and capsfilter would be four more hops for every
 * buffer, which cost some 5 % of the serial path.  The decoder goes straight
 * to the appsink when all it can give is planar F32.  Returns FALSE, having
 * added nothing, for anything less plain (no decoder for what the parser
 * gives, a failed link): decodebin then takes the stream.
 */
static gboolean
plug_decoder (Reader  *reader,
              GstPad  *pad,
              GstCaps *caps)
{
  const GstElementFactoryListType audio = GST_ELEMENT_FACTORY_TYPE_MEDIA_AUDIO;
  g_autoptr(GstElementFactory) parse = NULL;
  g_autoptr(GstElementFactory) decode = NULL;
  g_autoptr(GstCaps) parsed = NULL;
  g_autoptr(GstCaps) decoded = NULL;
  g_autoptr(GstPad) sinkpad = NULL;
  g_autoptr(GstPad) srcpad = NULL;
  GstElement *parser = NULL, *decoder;

  parse = co_media_best_factory (GST_ELEMENT_FACTORY_TYPE_PARSER | audio, caps, TRUE);
  if (parse != NULL)
    {
      g_autoptr(GstCaps) out = co_media_factory_src_caps (parse);

      parsed = out != NULL ? gst_caps_intersect (caps, out) : gst_caps_new_empty ();
    }
  else
    parsed = gst_caps_ref (caps);
  if (gst_caps_is_empty (parsed))
    return FALSE;
  decode = co_media_best_factory (GST_ELEMENT_FACTORY_TYPE_DECODER | audio, parsed, FALSE);
  decoded = decode != NULL ? co_media_factory_src_caps (decode) : NULL;
  if (decoded == NULL)
    return FALSE;
  decoder = gst_element_factory_create (decode, NULL);
  if (decoder == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (reader->pipeline), decoder);
  if (parse != NULL && (parser = gst_element_factory_create (parse, NULL)) != NULL)
    gst_bin_add (GST_BIN (reader->pipeline), parser);
  sinkpad = gst_element_get_static_pad (parser != NULL ? parser : decoder, "sink");
  srcpad = gst_element_get_static_pad (decoder, "src");
  /* Downstream first. */
  if ((parse != NULL && (parser == NULL || !gst_element_link (parser, decoder)))
      || sinkpad == NULL || srcpad == NULL || gst_pad_link (pad, sinkpad) != GST_PAD_LINK_OK
      || link_to_sink (reader, srcpad, gst_caps_is_subset (decoded, reader->target))
         != GST_PAD_LINK_OK
      || !start_plugged (reader, decoder) || !start_plugged (reader, parser))
    {
      unplug (reader, parser);
      unplug (reader, decoder);
      return FALSE;
    }
  g_atomic_int_set (&reader->audio_linked, 1);
  g_debug ("Decoding the sound of “%s” with %s%s%s", reader->display,
           parser != NULL ? GST_OBJECT_NAME (parse) : "", parser != NULL ? " and " : "",
           GST_OBJECT_NAME (decode));
  return TRUE;
}

static void
link_demuxed_pad (GstElement *demuxer,
                  GstPad     *pad,
                  gpointer    data)
{
  Reader *reader = data;
  g_autoptr(GstCaps) caps = co_pipeline_pad_caps (pad);
  const char *name = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  if (g_str_has_prefix (name, "audio/") && g_atomic_int_compare_and_exchange (&reader->audio_found, 0, 1))
    {
      if (gst_caps_is_fixed (caps) && !g_str_has_prefix (name, "audio/x-raw")
          && plug_decoder (reader, pad, caps))
        return;
      if (!plug_decodebin (reader, pad, FALSE))
        GST_ELEMENT_ERROR (demuxer, CORE, MISSING_PLUGIN, (NULL),
                           ("cannot decode the audio stream"));
      return;
    }
  drop_stream (reader, pad, caps);
}

static gboolean
link_always_pad (GstElement *demuxer,
                 GstPad     *pad,
                 gpointer    data)
{
  link_demuxed_pad (demuxer, pad, data);
  return TRUE;
}

/* The demuxer of the highest rank that takes @caps, or NULL. */
static GstElement *
make_demuxer (GstCaps *caps)
{
  g_autoptr(GstElementFactory) factory = co_media_best_factory (GST_ELEMENT_FACTORY_TYPE_DEMUXER,
                                                       caps, FALSE);

  return factory != NULL ? gst_element_factory_create (factory, NULL) : NULL;
}

/* While the pipeline is built, after the file source (@src) whose content
 * is @caps: its demuxer, or a decodebin for the whole file. */
static gboolean
plug_demuxer (Reader     *reader,
              GstElement *src,
              GstCaps    *caps,
              GError    **error)
{
  GstElement *demuxer = make_demuxer (caps);
  g_autoptr(GstPad) srcpad = gst_element_get_static_pad (src, "src");
  g_autoptr(GstPad) sinkpad = NULL;

  if (demuxer == NULL)
    {
      if (plug_decodebin (reader, srcpad, TRUE))
        return TRUE;
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_MISSING_PLUGIN,
                   _("Cannot analyse “%s”: the GStreamer base plugins are missing"),
                   reader->display);
      return FALSE;
    }
  g_signal_connect (demuxer, "pad-added", G_CALLBACK (demux_pad_added_cb), reader);
  g_signal_connect (demuxer, "no-more-pads", G_CALLBACK (no_more_pads_cb), reader);
  gst_bin_add (GST_BIN (reader->pipeline), demuxer);
  /* Some demuxers (wavparse) have their one stream's pad from the start. */
  gst_element_foreach_src_pad (demuxer, link_always_pad, reader);
  sinkpad = gst_element_get_static_pad (demuxer, "sink");
  if (gst_pad_link (srcpad, sinkpad) == GST_PAD_LINK_OK)
    return TRUE;
  g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED,
               _("Cannot analyse “%s”: its demuxer does not take it"), reader->display);
  return FALSE;
}

/* The signal handlers of the streaming threads, each under the plug lock
 * and only while the reader runs. */
static void
pad_added_cb (GstElement *decodebin,
              GstPad     *pad,
              gpointer    data)
{
  Reader *reader = data;

  g_rec_mutex_lock (&reader->plug_lock);
  if (!g_atomic_int_get (&reader->stop))
    link_decoded_pad (decodebin, pad, reader);
  g_rec_mutex_unlock (&reader->plug_lock);
}

static void
demux_pad_added_cb (GstElement *demuxer,
                    GstPad     *pad,
                    gpointer    data)
{
  Reader *reader = data;

  g_rec_mutex_lock (&reader->plug_lock);
  if (!g_atomic_int_get (&reader->stop))
    link_demuxed_pad (demuxer, pad, reader);
  g_rec_mutex_unlock (&reader->plug_lock);
}

/*
 * A long file is read as two ranges that meet at a seam in the middle, each
 * by its own pipeline: at once on two threads, or one after the other in
 * serial mode, so that both modes give the same results.  The seam falls on
 * a 100 ms boundary counted from the first frame (so the loudness blocks
 * run on across it) that is also a 10 ms window boundary.  The second
 * pipeline starts decoding RANGE_LEAD_IN before the seam to fill the
 * decoder's and the filters' history.
 */
static void
plan_ranges (Reader *reader,
             gint64  first,
             gint64  frames)
{
  int rate = reader->rate;
  gint64 step = rate / 10;

  if (reader->claimed >= SPLIT_MIN_SECONDS * GST_SECOND && rate % 100 == 0
      && first % (rate / 100) == 0)
    {
      reader->seam = first + (frames - first) / 2 / step * step;
      reader->range_end = reader->seam;
      g_debug ("Reading “%s” as two ranges that meet at %.1f s", reader->display,
               (double) reader->seam / rate);
    }
  g_atomic_int_set (&reader->planned, 1);
}

static gboolean
start_analyzer (Reader    *reader,
                GstSample *sample)
{
  GstAudioInfo *info = &reader->info;
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  const GstSegment *segment = gst_sample_get_segment (sample);
  gint64 first = 0, claimed_frames = G_MAXINT64;

  if (!_co_audio_info_usable (info, gst_sample_get_caps (sample)))
    return FALSE;
  if (GST_BUFFER_PTS_IS_VALID (buffer) && segment != NULL)
    {
      guint64 t = gst_segment_to_stream_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buffer));

      if (t != GST_CLOCK_TIME_NONE)
        first = (gint64) gst_util_uint64_scale_round (t, (guint64) info->rate, GST_SECOND);
    }
  reader->rate = info->rate;
  if (!gst_element_query_duration (reader->pipeline, GST_FORMAT_TIME, &reader->claimed))
    reader->claimed = -1;
  if (reader->claimed > 0)
    claimed_frames = (gint64) gst_util_uint64_scale (reader->claimed, (guint64) info->rate,
                                                     GST_SECOND);
  if (reader->may_split)
    plan_ranges (reader, first, claimed_frames);
  /* A range that decoding reached only after its start cannot be joined. */
  if (reader->range_start > 0 && first > reader->range_start)
    {
      g_atomic_int_set (&reader->misaligned, 1);
      return FALSE;
    }
  reader->analyzer = _co_audio_analyzer_new (reader->options->params, info, first,
                                             reader->range_start, reader->range_end,
                                             claimed_frames, NULL);
  return TRUE;
}

/* Runs on the caller's thread (pull) or the streaming thread. */
static gboolean
process_sample (Reader    *reader,
                GstSample *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstAudioBuffer audio;
  gint64 frames;

  if (reader->analyzer == NULL && !start_analyzer (reader, sample))
    return FALSE;
  if (!gst_audio_buffer_map (&audio, &reader->info, buffer, GST_MAP_READ))
    return FALSE;
  if (!_co_audio_analyzer_feed (reader->analyzer, (const float * const *) audio.planes,
                                audio.n_samples))
    g_atomic_int_set (&reader->done, 1);
  gst_audio_buffer_unmap (&audio);
  frames = _co_audio_analyzer_frames (reader->analyzer) - MAX (reader->range_start, 0);
  g_atomic_int_set (&reader->progress_ms, (gint) MIN (frames * 1000 / reader->rate, G_MAXINT));
  return TRUE;
}

/* In the streaming thread: analyses the sample, or hands it over. */
static GstFlowReturn
new_sample_cb (GstAppSink *sink,
               gpointer    data)
{
  Reader *reader = data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);

  if (g_atomic_int_get (&reader->stop) || sample == NULL)
    return GST_FLOW_EOS;
  if (reader->pull)
    return _co_handover_put (reader->handover, g_steal_pointer (&sample)) ? GST_FLOW_OK
                                                                          : GST_FLOW_FLUSHING;
  if (g_atomic_int_get (&reader->done))
    return GST_FLOW_EOS;
  if (!process_sample (reader, sample))
    return GST_FLOW_ERROR;
  return GST_FLOW_OK;
}

static void
eos_cb (GstAppSink *sink,
        gpointer    data)
{
  Reader *reader = data;

  if (reader->pull)
    _co_handover_finish (reader->handover);
}

static gboolean
make_elements (Reader      *reader,
               GstElement **src,
               GstElement **convert,
               GError     **error)
{
  *src = gst_element_factory_make ("filesrc", NULL);
  *convert = gst_element_factory_make ("audioconvert", NULL);
  reader->sink = gst_element_factory_make ("appsink", NULL);
  if (*src != NULL && *convert != NULL && reader->sink != NULL)
    return TRUE;

  g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_MISSING_PLUGIN,
               _("Cannot analyse “%s”: the GStreamer base plugins are missing"), reader->display);
  /* None of them is in a bin yet: drop the floating references. */
  g_clear_object (src);
  g_clear_object (convert);
  g_clear_object (&reader->sink);
  return FALSE;
}

/*
 * audioconvert and the appsink in a bin of their own, with a pad into
 * each ("convert" and "planar", see link_to_sink()).  A bin holding a sink
 * counts as one, so the pipeline brings the whole of it to PAUSED before
 * the source side, whose streaming thread may link to it at once (as
 * wavparse does); loose, the converter could still be flushing then.
 */
static GstElement *
make_sink_bin (Reader     *reader,
               GstElement *convert)
{
  GstElement *bin = gst_bin_new ("co-sink");
  g_autoptr(GstPad) to_convert = gst_element_get_static_pad (convert, "sink");

  gst_object_set_name (GST_OBJECT (convert), "convert");
  gst_bin_add_many (GST_BIN (bin), convert, reader->sink, NULL);
  gst_element_add_pad (bin, gst_ghost_pad_new ("convert", to_convert));
  gst_element_add_pad (bin, gst_ghost_pad_new_no_target ("planar", GST_PAD_SINK));
  return bin;
}

/* Reads @length bytes at @offset for the type finders, from the file whose
 * descriptor the object carries. */
static GstFlowReturn
read_range (GstObject  *obj,
            GstObject  *parent,
            guint64     offset,
            guint       length,
            GstBuffer **buffer)
{
  int fd = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (obj), "co-fd"));
  GstBuffer *out = gst_buffer_new_allocate (NULL, length, NULL);
  GstMapInfo map;
  gssize got;

  if (!gst_buffer_map (out, &map, GST_MAP_WRITE))
    {
      gst_buffer_unref (out);
      return GST_FLOW_ERROR;
    }
  got = pread (fd, map.data, length, (off_t) offset);
  gst_buffer_unmap (out, &map);
  if (got <= 0)
    {
      gst_buffer_unref (out);
      return got == 0 ? GST_FLOW_EOS : GST_FLOW_ERROR;
    }
  gst_buffer_set_size (out, got);
  *buffer = out;
  return GST_FLOW_OK;
}

/*
 * What the file is, found by GStreamer's type finders as the typefind
 * element would, but before the pipeline runs.  The typefind element tells
 * from its streaming thread, in the middle of the pipeline's own state
 * change; plugging the demuxer there deadlocked now and then (the state
 * change, activating the new demuxer, waited for typefind's stream lock,
 * which the thread plugging it held).
 */
static GstCaps *
find_type (const char  *path,
           const char  *display,
           GError     **error)
{
  g_autoptr(GstObject) finder = NULL;
  g_autofree char *extension = NULL;
  const char *dot = strrchr (path, '.');
  GStatBuf st;
  GstCaps *caps;
  int fd = g_open (path, O_RDONLY, 0);

  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNREADABLE,
                   _("Cannot analyse “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }
  if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL)
    extension = g_ascii_strdown (dot + 1, -1);
  finder = gst_object_ref_sink (GST_OBJECT (gst_bin_new ("co-typefind")));
  g_object_set_data (G_OBJECT (finder), "co-fd", GINT_TO_POINTER (fd));
  caps = gst_type_find_helper_get_range (finder, NULL, read_range, (guint64) st.st_size,
                                         extension, NULL);
  close (fd);
  if (caps == NULL)
    {
      g_autofree char *reason = gst_error_get_message (GST_STREAM_ERROR,
                                                       GST_STREAM_ERROR_TYPE_NOT_FOUND);

      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED,
                   _("“%s” cannot be read: %s"), display, reason);
    }
  return caps;
}

static gboolean
build_pipeline (Reader  *reader,
                GError **error)
{
  GstElement *src, *convert;

  if (!make_elements (reader, &src, &convert, error))
    return FALSE;
  reader->target = gst_caps_from_string ("audio/x-raw, format=F32LE, layout=non-interleaved");
  reader->wrapper = co_pipeline_new (gst_pipeline_new ("co-analysis"), reader->path);
  co_pipeline_set_display_name (reader->wrapper, reader->display);
  co_pipeline_set_wait_limit (reader->wrapper, STALL_US / G_USEC_PER_SEC);
  reader->pipeline = co_pipeline_get_element (reader->wrapper);
  g_object_set (src, "location", reader->path, NULL);
  g_object_set (reader->sink, "sync", FALSE, "max-buffers", 64, "caps", reader->target, NULL);
  reader->sink_bin = make_sink_bin (reader, convert);
  gst_bin_add_many (GST_BIN (reader->pipeline), src, reader->sink_bin, NULL);
  {
    GstAppSinkCallbacks callbacks = { .eos = eos_cb, .new_sample = new_sample_cb };

    gst_app_sink_set_callbacks (GST_APP_SINK (reader->sink), &callbacks, reader, NULL);
  }
  return plug_demuxer (reader, src, reader->file_type, error);
}

/* CoPipeline classifies what GStreamer reported; the reader knows more.  A
 * failure after sound has come out means the rest of the file is missing,
 * any other failure of a file that passed the checks is damage, and a
 * missing plugin only matters here once an audio stream was found. */
static gboolean
refine_error (Reader  *reader,
              GError  *local_error,
              GError **error)
{
  if (local_error->domain == CO_MEDIA_ERROR)
    {
      if (local_error->code == CO_MEDIA_ERROR_MISSING_PLUGIN
          && !g_atomic_int_get (&reader->audio_found) && !g_atomic_int_get (&reader->audio_linked))
        local_error->code = CO_MEDIA_ERROR_UNSUPPORTED;
      else if (local_error->code == CO_MEDIA_ERROR_CORRUPT
               || local_error->code == CO_MEDIA_ERROR_FAILED)
        local_error->code = reader->analyzer != NULL ? CO_MEDIA_ERROR_TRUNCATED
                                                     : CO_MEDIA_ERROR_CORRUPT;
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
poll_bus (Reader      *reader,
          GstClockTime timeout,
          GError     **error)
{
  GError *local_error = NULL;

  if (co_pipeline_poll (reader->wrapper, timeout, reader->options->cancellable, &local_error))
    return TRUE;
  return refine_error (reader, local_error, error);
}

static gboolean
check_running (Reader  *reader,
               GError **error)
{
  if (g_cancellable_set_error_if_cancelled (reader->options->cancellable, error))
    return FALSE;
  if (g_atomic_int_get (&reader->no_more_pads) && !g_atomic_int_get (&reader->audio_found)
      && !g_atomic_int_get (&reader->audio_linked))
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NO_AUDIO,
                   _("Cannot analyse “%s”: it has no audio track"), reader->display);
      return FALSE;
    }
  return TRUE;
}

/* Whether @reader has analysed all of its range. */
static gboolean
finished (Reader *reader)
{
  /* The first reader also gathers the video frames of the whole file. */
  if (g_atomic_int_get (&reader->done) && reader->frames == NULL)
    return TRUE;
  if (reader->pull)
    return reader->drained;
  return co_pipeline_reached_eos (reader->wrapper);
}

/* Analyses what has been decoded (pull) and handles one bus message. */
static gboolean
step (Reader      *reader,
      GstClockTime wait,
      GError     **error)
{
  if (!check_running (reader, error))
    return FALSE;
  if (reader->pull)
    {
      g_autoptr(GPtrArray) batch = _co_handover_take (reader->handover,
                                                      g_get_monotonic_time () + HANDOVER_WAIT_US,
                                                      &reader->drained);

      for (guint i = 0; i < batch->len; i++)
        if (!g_atomic_int_get (&reader->done) && !process_sample (reader, batch->pdata[i]))
          {
            g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
                         _("Cannot analyse “%s”: the decoded audio is not usable"),
                         reader->display);
            return FALSE;
          }
      wait = 0;
    }
  return poll_bus (reader, wait, error);
}

/* Milliseconds of sound the readers have decoded between them. */
static gint64
decoded_ms (Reader **readers)
{
  gint64 done_ms = 0;

  for (guint i = 0; i < 2; i++)
    if (readers[i] != NULL)
      done_ms += g_atomic_int_get (&readers[i]->progress_ms);
  return done_ms;
}

static void
report_progress (Reader  **readers,
                 gint64    done_ms,
                 double   *last)
{
  const CoReadOptions *options = readers[0]->options;
  double fraction;

  if (options->progress == NULL || readers[0]->claimed <= 0)
    return;
  fraction = MIN (0.99, (double) done_ms * GST_MSECOND / readers[0]->claimed);
  /* At most 200 calls per file, and never backwards. */
  if (fraction < *last + 0.005)
    return;
  *last = fraction;
  options->progress (fraction, NULL, options->user_data);
}

static Reader *
reader_new (const CoReadOptions *options,
            const char          *path,
            char                *display,
            gint64               range_start)
{
  Reader *reader = g_new0 (Reader, 1);

  g_rec_mutex_init (&reader->plug_lock);
  reader->options = options;
  reader->path = path;
  reader->display = display;
  reader->claimed = -1;
  reader->range_start = range_start;
  reader->range_end = G_MAXINT64;
  reader->pull = options->params->serial;
  if (reader->pull)
    reader->handover = _co_handover_new (HANDOVER_CAPACITY, HANDOVER_BATCH,
                                         (GDestroyNotify) gst_sample_unref);
  if (options->params->scenes && range_start == 0)
    reader->frames = g_array_new (FALSE, FALSE, sizeof (CoVideoFrame));
  return reader;
}

static void
reader_stop (Reader *reader)
{
  if (reader == NULL)
    return;
  g_rec_mutex_lock (&reader->plug_lock);
  g_atomic_int_set (&reader->stop, 1);
  g_rec_mutex_unlock (&reader->plug_lock);
  /* A streaming thread waiting to hand a sample over is let go first. */
  if (reader->handover != NULL)
    _co_handover_close (reader->handover);
  /* Disposing the wrapper stops the streaming threads, so the video frames
   * are all in and nothing touches the reader any more. */
  g_clear_object (&reader->wrapper);
  reader->pipeline = NULL;
  reader->sink = reader->sink_bin = NULL;
}

static void
reader_free (Reader *reader)
{
  if (reader == NULL)
    return;
  reader_stop (reader);
  _co_audio_analyzer_free (reader->analyzer);
  g_clear_pointer (&reader->frames, g_array_unref);
  g_clear_pointer (&reader->target, gst_caps_unref);
  g_clear_pointer (&reader->file_type, gst_caps_unref);
  g_clear_pointer (&reader->handover, _co_handover_free);
  g_rec_mutex_clear (&reader->plug_lock);
  g_free (reader);
}

/* From now on, what the streaming threads plug they must start themselves. */
static gboolean
mark_started (Reader *reader)
{
  g_atomic_int_set (&reader->started, 1);
  return TRUE;
}

/* Prepares the second range: decoding begins a little before the seam. */
static gboolean
start_second (Reader  *first,
              Reader  *second,
              GError **error)
{
  GError *local_error = NULL;
  gint64 seam_ns = (gint64) gst_util_uint64_scale ((guint64) first->seam, GST_SECOND,
                                                   (guint64) first->rate);

  second->file_type = gst_caps_ref (first->file_type);
  if (build_pipeline (second, error) && mark_started (second)
      && co_pipeline_preroll (second->wrapper, first->options->cancellable, &local_error)
      && co_pipeline_seek (second->wrapper, MAX (seam_ns - RANGE_LEAD_IN, 0),
                           GST_SEEK_FLAG_ACCURATE, first->options->cancellable, &local_error)
      && co_pipeline_start (second->wrapper, &local_error))
    return TRUE;
  /* Then the file is read again in one range. */
  g_atomic_int_set (&second->misaligned, 1);
  if (local_error != NULL)
    return refine_error (second, local_error, error);
  return FALSE;
}

/* Runs the readers until each has finished its range, starting the second
 * once the first has planned it (at once, or after the first in serial
 * mode). */
static gboolean
run_readers (Reader  **readers,
             GError  **error)
{
  double last = 0.0;
  gboolean serial = readers[0]->options->params->serial;
  gint64 moved_at = g_get_monotonic_time ();
  gint64 moved = -1;

  for (;;)
    {
      gboolean all = TRUE;
      gint64 now_ms;

      for (guint i = 0; i < 2; i++)
        {
          Reader *reader = readers[i];

          if (reader == NULL || reader->wrapper == NULL)
            continue;
          if (finished (reader))
            {
              /* The first range's pipeline would go on demuxing for nothing. */
              if (i == 0 && readers[1] != NULL)
                reader_stop (reader);
              continue;
            }
          all = FALSE;
          /* Short waits where the streaming threads analyse: this loop
           * reports the progress. */
          if (!step (reader, (reader->pull ? 10 : 2) * GST_MSECOND, error))
            return FALSE;
        }
      if (readers[1] == NULL && g_atomic_int_get (&readers[0]->planned) && readers[0]->seam > 0
          && (!serial || finished (readers[0])))
        {
          /* In serial mode the first pipeline is done: let its demuxer's
           * sample table (some 5 MB an hour of AAC) go before the second
           * builds its own. */
          if (serial)
            reader_stop (readers[0]);
          readers[1] = reader_new (readers[0]->options, readers[0]->path, readers[0]->display,
                                   readers[0]->seam);
          if (!start_second (readers[0], readers[1], error))
            return FALSE;
          continue;
        }
      now_ms = decoded_ms (readers);
      /* Never wait forever on a pipeline that neither plays nor fails. */
      if (now_ms != moved)
        {
          moved = now_ms;
          moved_at = g_get_monotonic_time ();
        }
      else if (!all && g_get_monotonic_time () - moved_at > STALL_US)
        {
          g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                       _("Cannot analyse “%s”: decoding stopped at %.1f s and did not go on "
                         "for a minute"), readers[0]->display, now_ms / 1000.0);
          return FALSE;
        }
      report_progress (readers, now_ms, &last);
      if (all)
        return TRUE;
    }
}

/* Compares what was decoded with what the container promised, and the
 * first range with its end. */
static gboolean
check_complete (Reader **readers,
                GError **error)
{
  Reader *last = readers[1] != NULL ? readers[1] : readers[0];
  double decoded, claimed;

  for (guint i = 0; i < 2; i++)
    if (readers[i] != NULL && readers[i]->analyzer == NULL)
      {
        g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NO_AUDIO,
                     _("Cannot analyse “%s”: its audio track holds no sound"), last->display);
        return FALSE;
      }
  if (readers[1] != NULL && _co_audio_analyzer_frames (readers[0]->analyzer) < readers[0]->seam)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TRUNCATED,
                   _("Cannot analyse “%s”: the sound stops at %.3f s and starts again later"),
                   last->display,
                   (double) _co_audio_analyzer_frames (readers[0]->analyzer) / readers[0]->rate);
      return FALSE;
    }
  if (!gst_element_query_duration (last->pipeline, GST_FORMAT_TIME, &last->claimed))
    return TRUE;
  decoded = (double) _co_audio_analyzer_frames (last->analyzer) / last->rate;
  claimed = (double) last->claimed / GST_SECOND;
  /* Tracks of one file may differ by a frame or two, never by seconds. */
  if (decoded < claimed - MAX (1.0, 0.02 * claimed))
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TRUNCATED,
                   _("Cannot analyse “%s”: the file is truncated (%.3f s of sound, "
                     "but the container claims %.3f s)"), last->display, decoded, claimed);
      return FALSE;
    }
  return TRUE;
}

static CoAnalysis *
collect (Reader **readers)
{
  CoAudioAnalyzer *parts[2] = { readers[0]->analyzer,
                                readers[1] != NULL ? readers[1]->analyzer : NULL };

  return _co_analysis_assemble (readers[0]->path, parts, readers[1] != NULL ? 2 : 1,
                                readers[0]->options, readers[0]->frames);
}

static gboolean
start_pipeline (Reader  *reader,
                GError **error)
{
  GError *local_error = NULL;

  if (mark_started (reader) && co_pipeline_start (reader->wrapper, &local_error))
    return TRUE;
  return refine_error (reader, local_error, error);
}

static CoAnalysis *
run (const char          *path,
     char                *display,
     const CoReadOptions *options,
     GstCaps             *file_type,
     gboolean             may_split,
     gboolean            *misaligned,
     GError             **error)
{
  Reader *readers[2] = { reader_new (options, path, display, 0), NULL };
  CoAnalysis *result = NULL;
  gboolean ok;

  readers[0]->may_split = may_split;
  readers[0]->file_type = gst_caps_ref (file_type);
  ok = build_pipeline (readers[0], error) && start_pipeline (readers[0], error)
       && run_readers (readers, error) && check_complete (readers, error);
  reader_stop (readers[0]);
  reader_stop (readers[1]);
  if (ok)
    result = collect (readers);
  /* The scene check may have been cut short: its scenes are not to keep. */
  if (result != NULL && g_cancellable_set_error_if_cancelled (options->cancellable, error))
    g_clear_pointer (&result, co_analysis_unref);
  *misaligned = readers[1] != NULL && g_atomic_int_get (&readers[1]->misaligned);
  reader_free (readers[0]);
  reader_free (readers[1]);
  return result;
}

/* Whether @type is a file the MP4 index may read. */
static gboolean
is_mp4 (GstCaps *type)
{
  const char *name = gst_structure_get_name (gst_caps_get_structure (type, 0));

  return g_str_equal (name, "video/quicktime") || g_str_equal (name, "audio/x-m4a");
}

/* The sound of an MP4 file from its sample table (co-mp4-reader.c); NULL
 * with no error when the GStreamer demuxer should read it instead.  The
 * index gives the video's frames at once, so unless the analysis is to be
 * serial the scene pass runs beside the sound's. */
static CoAnalysis *
run_mp4 (const char          *path,
         const char          *display,
         const CoReadOptions *options,
         GError             **error)
{
  g_autoptr(GArray) frames = NULL;
  g_autoptr(CoMp4Index) index = _co_mp4_index_open (path, options->params->scenes ? &frames
                                                                                  : NULL);
  GError *local_error = NULL;
  gboolean fallback = FALSE;
  CoScenesTask *scenes = NULL;
  CoAnalysis *result;

  if (index == NULL)
    return NULL;
  if (options->params->scenes && frames == NULL)
    frames = g_array_new (FALSE, FALSE, sizeof (CoVideoFrame));
  if (frames != NULL && frames->len > 0 && !options->params->serial)
    scenes = _co_scenes_start (path, frames, options->cancellable);
  result = _co_mp4_reader_run (path, display, options, index, scenes != NULL ? NULL : frames,
                               &fallback, &local_error);
  if (scenes != NULL)
    {
      GArray *found = _co_scenes_finish (scenes, result == NULL);

      if (result != NULL)
        {
          g_array_unref (result->scenes);
          result->scenes = found;
        }
    }
  if (result != NULL && g_cancellable_set_error_if_cancelled (options->cancellable, error))
    g_clear_pointer (&result, co_analysis_unref);
  if (local_error != NULL && fallback)
    g_debug ("Reading “%s” with the GStreamer demuxer: %s", display, local_error->message);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  g_clear_error (&local_error);
  return result;
}

/**
 * _co_audio_reader_run:
 * @path: a local file
 * @options: parameters, progress and cancellable
 * @error: return location for a #CO_MEDIA_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Decodes the audio of @path once and analyses it as it streams: from the
 * sample table of an MP4 file with AAC sound, otherwise through the
 * GStreamer demuxer of its type.
 *
 * Returns: (transfer full): the analysis without edit points, or %NULL
 */
CoAnalysis *
_co_audio_reader_run (const char          *path,
                      const CoReadOptions *options,
                      GError             **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GstCaps) type = NULL;
  GError *local_error = NULL;
  gboolean misaligned = FALSE;
  CoAnalysis *result = NULL;

  co_media_init ();
  display = g_filename_display_name (path);
  if (!check_file (path, display, error) || (type = find_type (path, display, error)) == NULL)
    return NULL;
  if (is_mp4 (type) && g_getenv ("CO_ANALYSIS_DEMUXER") == NULL)
    result = run_mp4 (path, display, options, &local_error);
  if (result != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return result;
    }
  result = run (path, display, options, type, g_getenv ("CO_ANALYSIS_ONE_RANGE") == NULL,
                &misaligned, &local_error);
  /* A file that cannot be entered in the middle is read in one range. */
  if (result == NULL && misaligned)
    {
      g_clear_error (&local_error);
      result = run (path, display, options, type, FALSE, &misaligned, &local_error);
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return result;
}
