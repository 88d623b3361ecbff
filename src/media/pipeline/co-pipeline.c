/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/pbutils/pbutils.h>

#include "co-media-error.h"
#include "co-media.h"
#include "co-pipeline.h"

/*
 * A CoPipeline runs one GStreamer pipeline synchronously in the calling
 * thread (the media layer is always called from worker threads).  It owns the
 * bus and pops its messages itself rather than through a main-loop watch, so
 * it works in any thread and honours a GCancellable between messages.  Every
 * GStreamer error becomes a CO_MEDIA_ERROR that names the file.
 */

/* How long one wait for a bus message lasts before the cancellable is looked
 * at again. */
#define POLL_INTERVAL (50 * GST_MSECOND)

struct _CoPipeline
{
  GObject     parent_instance;

  GstElement *pipeline;
  GstBus     *bus;
  char       *path;
  char       *name;             /* how messages name the file */
  char       *missing_plugin;
  gboolean    eos;
  CoProgressFunc     progress;
  gpointer    progress_data;
  gint64      wait_limit_us;    /* longest preroll or seek; 0: no limit */
};

G_DEFINE_FINAL_TYPE (CoPipeline, co_pipeline, G_TYPE_OBJECT)

static void
set_error_from_message (CoPipeline  *self,
                        GstMessage  *message,
                        GError     **error)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("%s: %s (%s)", self->path, gst_error->message, debug ? debug : "");

  if (self->missing_plugin != NULL)
    g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_MISSING_PLUGIN,
                 _("“%s” cannot be read: %s is not installed"), self->name,
                 self->missing_plugin);
  else
    g_set_error (error, CO_MEDIA_ERROR, co_pipeline_error_code (gst_error),
                 _("“%s” cannot be read: %s"), self->name, gst_error->message);
}

static void
report_progress (CoPipeline *self)
{
  gint64 position, duration;

  if (self->progress == NULL ||
      !gst_element_query_position (self->pipeline, GST_FORMAT_TIME, &position) ||
      !gst_element_query_duration (self->pipeline, GST_FORMAT_TIME, &duration) || duration <= 0)
    return;
  self->progress (CLAMP ((double)position / duration, 0.0, 1.0), NULL, self->progress_data);
}

/* Waits up to @timeout for one bus message.  Returns FALSE on an error or
 * when cancelled; otherwise sets *@done when the message is end of stream
 * (remembered for co_pipeline_reached_eos()) or one of the types in @until. */
static gboolean
poll_once (CoPipeline      *self,
           GstMessageType   until,
           GstClockTime     timeout,
           gboolean        *done,
           GCancellable    *cancellable,
           GError         **error)
{
  GstMessageType filter = until | GST_MESSAGE_ERROR | GST_MESSAGE_EOS | GST_MESSAGE_ELEMENT;
  g_autoptr(GstMessage) message = NULL;

  *done = FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  message = gst_bus_timed_pop_filtered (self->bus, timeout, filter);
  if (message == NULL)
    report_progress (self);
  else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      set_error_from_message (self, message, error);
      return FALSE;
    }
  else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    *done = self->eos = TRUE;
  else if (gst_is_missing_plugin_message (message))
    {
      g_free (self->missing_plugin);
      self->missing_plugin = gst_missing_plugin_message_get_description (message);
    }
  else if ((GST_MESSAGE_TYPE (message) & until) != 0)
    *done = TRUE;
  return TRUE;
}

/* Pops bus messages until one of the types in @until arrives (TRUE), an
 * error arrives or the wait is cancelled (FALSE).  End of stream always ends
 * the wait successfully. */
static gboolean
wait_for (CoPipeline      *self,
          GstMessageType   until,
          GCancellable    *cancellable,
          GError         **error)
{
  gboolean done = FALSE;
  gint64 start = g_get_monotonic_time ();

  while (!done)
    {
      if (!poll_once (self, until, POLL_INTERVAL, &done, cancellable, error))
        return FALSE;
      if (!done && self->wait_limit_us > 0 && g_get_monotonic_time () - start > self->wait_limit_us)
        {
          g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                       _("“%s” cannot be read: it did not start playing in %d s"), self->name,
                       (int) (self->wait_limit_us / G_USEC_PER_SEC));
          return FALSE;
        }
    }
  return TRUE;
}

/* Asks for @state; a refusal is turned into the error the bus explains it with. */
static gboolean
set_state (CoPipeline  *self,
           GstState     state,
           gboolean    *async,
           GError     **error)
{
  GstStateChangeReturn ret;

  self->eos = FALSE;
  ret = gst_element_set_state (self->pipeline, state);
  if (ret == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (self->bus, GST_MESSAGE_ERROR);

      if (message != NULL)
        set_error_from_message (self, message, error);
      else
        g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                     _("“%s” cannot be read: the media pipeline failed to start"), self->name);
      return FALSE;
    }
  *async = ret == GST_STATE_CHANGE_ASYNC;
  return TRUE;
}

static gboolean
change_state (CoPipeline    *self,
              GstState       state,
              GCancellable  *cancellable,
              GError       **error)
{
  gboolean async = FALSE;

  if (!set_state (self, state, &async, error))
    return FALSE;
  if (async)
    return wait_for (self, GST_MESSAGE_ASYNC_DONE, cancellable, error);
  return TRUE;
}

static void
co_pipeline_dispose (GObject *object)
{
  CoPipeline *self = CO_PIPELINE (object);

  /* Stopping here means no streaming thread outlives the object. */
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  gst_clear_object (&self->bus);
  gst_clear_object (&self->pipeline);

  G_OBJECT_CLASS (co_pipeline_parent_class)->dispose (object);
}

static void
co_pipeline_finalize (GObject *object)
{
  CoPipeline *self = CO_PIPELINE (object);

  g_free (self->path);
  g_free (self->name);
  g_free (self->missing_plugin);

  G_OBJECT_CLASS (co_pipeline_parent_class)->finalize (object);
}

static void
co_pipeline_class_init (CoPipelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_pipeline_dispose;
  object_class->finalize = co_pipeline_finalize;
}

static void
co_pipeline_init (CoPipeline *self)
{
}

/**
 * co_pipeline_new:
 * @pipeline: (transfer floating): a #GstPipeline in the NULL state
 * @path: the file the pipeline works on, named in error messages
 *
 * Wraps @pipeline.  The wrapper sets it to NULL when disposed.
 *
 * Returns: (transfer full): a new #CoPipeline
 */
CoPipeline *
co_pipeline_new (GstElement *pipeline,
                 const char *path)
{
  CoPipeline *self;

  g_return_val_if_fail (GST_IS_PIPELINE (pipeline), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CO_TYPE_PIPELINE, NULL);
  self->pipeline = gst_object_ref_sink (pipeline);
  self->bus = gst_element_get_bus (pipeline);
  self->path = g_strdup (path);
  self->name = g_filename_display_basename (path);
  return self;
}

/**
 * co_pipeline_new_parse:
 * @description: a gst-launch style pipeline description
 * @path: the file the pipeline works on, named in error messages
 * @error: return location for a #GError
 *
 * Builds a pipeline from @description.  Callers must quote any file name they
 * put into @description (see g_shell_quote()) or, better, set it afterwards
 * on an element found with co_pipeline_get_by_name().
 *
 * Returns: (transfer full) (nullable): a new #CoPipeline, or %NULL with
 *   %CO_MEDIA_ERROR_MISSING_PLUGIN when an element is not installed
 */
CoPipeline *
co_pipeline_new_parse (const char  *description,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  GstElement *element;

  g_return_val_if_fail (description != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  co_media_init ();

  element = gst_parse_launch_full (description, NULL, GST_PARSE_FLAG_FATAL_ERRORS, &parse_error);
  if (element == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_MISSING_PLUGIN,
                   _("“%s” cannot be processed: %s"), name, parse_error->message);
      return NULL;
    }
  if (!GST_IS_PIPELINE (element))
    {
      GstElement *pipeline = gst_pipeline_new (NULL);

      gst_bin_add (GST_BIN (pipeline), element);
      element = pipeline;
    }
  return co_pipeline_new (element, path);
}

/**
 * co_pipeline_get_element:
 * @self: a #CoPipeline
 *
 * Returns: (transfer none): the wrapped #GstPipeline
 */
GstElement *
co_pipeline_get_element (CoPipeline *self)
{
  g_return_val_if_fail (CO_IS_PIPELINE (self), NULL);

  return self->pipeline;
}

/**
 * co_pipeline_get_by_name:
 * @self: a #CoPipeline
 * @name: an element name given in the description (`name=…`)
 *
 * Returns: (transfer full) (nullable): the element, or %NULL if none has that name
 */
GstElement *
co_pipeline_get_by_name (CoPipeline *self,
                         const char *name)
{
  g_return_val_if_fail (CO_IS_PIPELINE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return gst_bin_get_by_name (GST_BIN (self->pipeline), name);
}

/**
 * co_pipeline_preroll:
 * @self: a #CoPipeline
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sets the pipeline to PAUSED and waits until it has prerolled (the sinks
 * hold their first buffer) or reached the end of the stream.
 *
 * Returns: %TRUE on success, or %FALSE with a %CO_MEDIA_ERROR naming the file
 *   (or %G_IO_ERROR_CANCELLED)
 */
gboolean
co_pipeline_preroll (CoPipeline    *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (CO_IS_PIPELINE (self), FALSE);

  return change_state (self, GST_STATE_PAUSED, cancellable, error);
}

/**
 * co_pipeline_seek:
 * @self: a prerolled #CoPipeline
 * @position: the position in nanoseconds
 * @flags: extra seek flags (%GST_SEEK_FLAG_FLUSH is always added)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Seeks and waits until the pipeline has prerolled again at the new position.
 *
 * Returns: %TRUE on success, or %FALSE with a %CO_MEDIA_ERROR naming the file
 */
gboolean
co_pipeline_seek (CoPipeline    *self,
                  gint64         position,
                  GstSeekFlags   flags,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (CO_IS_PIPELINE (self), FALSE);

  self->eos = FALSE;
  if (!gst_element_seek_simple (self->pipeline, GST_FORMAT_TIME, flags | GST_SEEK_FLAG_FLUSH,
                                position))
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                   _("“%s” cannot be read: seeking to %.1f s failed"), self->name,
                   (double)position / GST_SECOND);
      return FALSE;
    }
  return wait_for (self, GST_MESSAGE_ASYNC_DONE, cancellable, error);
}

/**
 * co_pipeline_run:
 * @self: a #CoPipeline
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Plays the pipeline to the end of the stream, blocking the calling thread.
 *
 * Returns: %TRUE on end of stream, or %FALSE with a %CO_MEDIA_ERROR naming
 *   the file (or %G_IO_ERROR_CANCELLED)
 */
gboolean
co_pipeline_run (CoPipeline    *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (CO_IS_PIPELINE (self), FALSE);

  if (!change_state (self, GST_STATE_PLAYING, cancellable, error))
    return FALSE;
  if (self->eos)
    return TRUE;
  return wait_for (self, GST_MESSAGE_EOS, cancellable, error);
}

/**
 * co_pipeline_start:
 * @self: a #CoPipeline
 * @error: return location for a #GError
 *
 * Sets the pipeline playing without waiting for it, for callers that pull
 * data out of it (an appsink) and call co_pipeline_poll() in between.
 *
 * Returns: %TRUE if the pipeline is starting, or %FALSE with a
 *   %CO_MEDIA_ERROR naming the file
 */
gboolean
co_pipeline_start (CoPipeline  *self,
                   GError     **error)
{
  gboolean async;

  g_return_val_if_fail (CO_IS_PIPELINE (self), FALSE);

  return set_state (self, GST_STATE_PLAYING, &async, error);
}

/**
 * co_pipeline_poll:
 * @self: a started #CoPipeline
 * @timeout: how long to wait for a bus message, in nanoseconds (0: do not wait)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Handles at most one bus message, the way co_pipeline_run() does: an error
 * becomes a %CO_MEDIA_ERROR naming the file and end of stream is noted for
 * co_pipeline_reached_eos().
 *
 * Returns: %TRUE while the pipeline is sound, or %FALSE with a
 *   %CO_MEDIA_ERROR (or %G_IO_ERROR_CANCELLED)
 */
gboolean
co_pipeline_poll (CoPipeline    *self,
                  GstClockTime   timeout,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gboolean done;

  g_return_val_if_fail (CO_IS_PIPELINE (self), FALSE);

  return poll_once (self, 0, timeout, &done, cancellable, error);
}

/**
 * co_pipeline_reached_eos:
 * @self: a #CoPipeline
 *
 * Returns: whether the last preroll, seek or run ended at the end of the stream
 */
gboolean
co_pipeline_reached_eos (CoPipeline *self)
{
  g_return_val_if_fail (CO_IS_PIPELINE (self), FALSE);

  return self->eos;
}

/**
 * co_pipeline_drop_pad:
 * @bin: the pipeline, or a bin in it, that is playing or prerolling
 * @pad: a source pad whose data nobody needs
 *
 * Links @pad to a new fakesink in @bin that neither syncs nor prerolls, so
 * a demuxer never stalls on an unlinked pad and the pipeline needs no data
 * from it to start.  Callable from a pad-added handler.
 */
void
co_pipeline_drop_pad (GstElement *bin,
                      GstPad     *pad)
{
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr(GstPad) sinkpad = NULL;

  g_return_if_fail (GST_IS_BIN (bin));
  g_return_if_fail (GST_IS_PAD (pad));

  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (bin), sink);
  gst_element_sync_state_with_parent (sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_link (pad, sinkpad);
}

/**
 * co_pipeline_pad_caps:
 * @pad: a pad, as a pad-added handler gets it
 *
 * Returns: (transfer full): what @pad carries: its caps if it has them yet,
 *   else what it can carry
 */
GstCaps *
co_pipeline_pad_caps (GstPad *pad)
{
  GstCaps *caps;

  g_return_val_if_fail (GST_IS_PAD (pad), NULL);

  caps = gst_pad_get_current_caps (pad);
  return caps != NULL ? caps : gst_pad_query_caps (pad, NULL);
}

/**
 * co_pipeline_set_wait_limit:
 * @self: a #CoPipeline
 * @seconds: the longest a preroll or seek may take, 0 for no limit
 *
 * Bounds the waits of co_pipeline_preroll() and co_pipeline_seek(), for
 * callers that must never hang on a pipeline that neither plays nor fails.
 */
void
co_pipeline_set_wait_limit (CoPipeline *self,
                            guint       seconds)
{
  g_return_if_fail (CO_IS_PIPELINE (self));

  self->wait_limit_us = (gint64) seconds * G_USEC_PER_SEC;
}

/**
 * co_pipeline_set_display_name:
 * @self: a #CoPipeline
 * @name: how error messages name the file
 *
 * Error messages name the file by its basename unless a caller that names
 * it otherwise in its own messages (by its full path, say) sets this.
 */
void
co_pipeline_set_display_name (CoPipeline *self,
                              const char *name)
{
  g_return_if_fail (CO_IS_PIPELINE (self));
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
}

/**
 * co_pipeline_error_code:
 * @gst_error: an error from a GStreamer element or #GstDiscoverer
 *
 * Maps GStreamer's error domains onto #CoMediaError, so every caller
 * classifies failures the same way.
 *
 * Returns: a #CoMediaError code
 */
int
co_pipeline_error_code (const GError *gst_error)
{
  g_return_val_if_fail (gst_error != NULL, CO_MEDIA_ERROR_FAILED);

  if (gst_error->domain == GST_RESOURCE_ERROR)
    return gst_error->code == GST_RESOURCE_ERROR_NOT_FOUND ? CO_MEDIA_ERROR_NOT_FOUND
                                                           : CO_MEDIA_ERROR_UNREADABLE;
  if (gst_error->domain == GST_CORE_ERROR && gst_error->code == GST_CORE_ERROR_MISSING_PLUGIN)
    return CO_MEDIA_ERROR_MISSING_PLUGIN;
  if (gst_error->domain != GST_STREAM_ERROR)
    return CO_MEDIA_ERROR_FAILED;

  switch (gst_error->code)
    {
    case GST_STREAM_ERROR_CODEC_NOT_FOUND:
      return CO_MEDIA_ERROR_MISSING_PLUGIN;
    case GST_STREAM_ERROR_TYPE_NOT_FOUND:
    case GST_STREAM_ERROR_WRONG_TYPE:
    case GST_STREAM_ERROR_NOT_IMPLEMENTED:
      return CO_MEDIA_ERROR_UNSUPPORTED;
    case GST_STREAM_ERROR_DECODE:
    case GST_STREAM_ERROR_DEMUX:
    case GST_STREAM_ERROR_FORMAT:
      return CO_MEDIA_ERROR_CORRUPT;
    default:
      return CO_MEDIA_ERROR_FAILED;
    }
}

/**
 * co_pipeline_set_progress:
 * @self: a #CoPipeline
 * @progress: (nullable) (scope notified): called with the share played while
 *   the pipeline runs
 * @user_data: passed to @progress
 *
 * Long runs (transcodes) report how far they are through this.
 */
void
co_pipeline_set_progress (CoPipeline         *self,
                          CoProgressFunc      progress,
                          gpointer            user_data)
{
  g_return_if_fail (CO_IS_PIPELINE (self));

  self->progress = progress;
  self->progress_data = user_data;
}

