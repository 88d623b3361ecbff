/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-probe"

#include "config.h"

#include <gst/base/gsttypefindhelper.h>

#include "co-pipeline.h"
#include "co-probe-private.h"

/*
 * GstDiscoverer opens a file through decodebin, and in GStreamer 1.22
 * decodebin and parsebin can lose the error a demuxer posts while they are
 * being set up (a damaged MP4 whose qtdemux finds "no playable streams"):
 * the discoverer then waits for its whole timeout, 20 s, for a file that
 * failed at once.  So a container is first opened by its demuxer alone,
 * chosen from the content's type, which posts its errors where they are
 * seen; only a container that opens goes on to the discoverer.
 */

/* How long a demuxer may take to announce its streams. */
#define OPEN_WAIT_US (20 * G_USEC_PER_SEC)
#define OPEN_POLL (20 * GST_MSECOND)

typedef struct
{
  GstElement *pipeline;
  int         done;  /* atomic: the demuxer announced all its streams */
} OpenState;

/* A demuxer sends data only once it has read its headers and made its
 * pads, so the first data (or the end) out of any pad means it opened; a
 * demuxer with a source pad from the start (wavparse) announces nothing
 * else. */
static GstPadProbeReturn
first_data_cb (GstPad          *pad,
               GstPadProbeInfo *info,
               gpointer         user_data)
{
  OpenState *state = user_data;

  if ((info->type & GST_PAD_PROBE_TYPE_BUFFER) ||
      GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS)
    {
      g_atomic_int_set (&state->done, TRUE);
      return GST_PAD_PROBE_REMOVE;
    }
  return GST_PAD_PROBE_OK;
}

static void
watch_pad (OpenState *state,
           GstPad    *pad)
{
  co_pipeline_drop_pad (state->pipeline, pad);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     first_data_cb, state, NULL);
}

static void
open_pad_added_cb (GstElement *demuxer,
                   GstPad     *pad,
                   gpointer    user_data)
{
  watch_pad (user_data, pad);
}

/* Some demuxers (wavparse) have their source pad from the start. */
static gboolean
drop_static_pad_cb (GstElement *demuxer,
                    GstPad     *pad,
                    gpointer    user_data)
{
  watch_pad (user_data, pad);
  return TRUE;
}

static void
no_more_pads_cb (GstElement *demuxer,
                 gpointer    user_data)
{
  OpenState *state = user_data;

  g_atomic_int_set (&state->done, TRUE);
}

/* The demuxer of the highest rank that takes what the start of the file
 * is, or %NULL for a file that needs none (a bare MP3 or FLAC stream). */
static GstElement *
make_demuxer (const guint8 *head,
              gsize         len)
{
  g_autoptr(GstCaps) caps = gst_type_find_helper_for_data (NULL, head, len, NULL);
  GList *all, *fitting;
  GstElement *demuxer = NULL;

  if (caps == NULL)
    return NULL;
  all = gst_element_factory_list_get_elements (GST_ELEMENT_FACTORY_TYPE_DEMUXER,
                                               GST_RANK_MARGINAL);
  fitting = gst_element_factory_list_filter (all, caps, GST_PAD_SINK, FALSE);
  fitting = g_list_sort (fitting, gst_plugin_feature_rank_compare_func);
  if (fitting != NULL)
    demuxer = gst_element_factory_create (fitting->data, NULL);
  gst_plugin_feature_list_free (fitting);
  gst_plugin_feature_list_free (all);
  return demuxer;
}

/* Waits until the demuxer has announced its streams, or failed. */
static gboolean
wait_for_streams (CoPipeline    *pipeline,
                  OpenState     *state,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + OPEN_WAIT_US;

  while (!g_atomic_int_get (&state->done) && g_get_monotonic_time () < deadline)
    {
      if (!co_pipeline_poll (pipeline, OPEN_POLL, cancellable, error))
        return FALSE;
      if (co_pipeline_reached_eos (pipeline))
        break;
    }
  /* A last look: an error may have come with the last streams. */
  return co_pipeline_poll (pipeline, 0, cancellable, error);
}

/**
 * _co_probe_open_container:
 * @path: an audio or video file
 * @head: its first bytes
 * @len: how many
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Opens the file's container with its own demuxer, without decodebin, and
 * waits until the demuxer has announced its streams, so that a container
 * that cannot be opened fails at once with the demuxer's own error.  A
 * file that needs no demuxer, or whose type the start does not tell,
 * passes: the discoverer will say.
 *
 * Returns: %TRUE, or %FALSE with a %CO_MEDIA_ERROR naming the file (or
 *   %G_IO_ERROR_CANCELLED)
 */
gboolean
_co_probe_open_container (const char    *path,
                          const guint8  *head,
                          gsize          len,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(CoPipeline) pipeline = NULL;
  GstElement *bin, *src, *demuxer = make_demuxer (head, len);
  OpenState state = { NULL, FALSE };
  gboolean ok;

  if (demuxer == NULL)
    return TRUE;
  bin = gst_pipeline_new (NULL);
  src = gst_element_factory_make ("filesrc", NULL);
  g_object_set (src, "location", path, NULL);
  gst_bin_add_many (GST_BIN (bin), src, demuxer, NULL);
  gst_element_link (src, demuxer);
  state.pipeline = bin;
  gst_element_foreach_src_pad (demuxer, drop_static_pad_cb, &state);
  pipeline = co_pipeline_new (bin, path);
  g_signal_connect (demuxer, "pad-added", G_CALLBACK (open_pad_added_cb), &state);
  g_signal_connect (demuxer, "no-more-pads", G_CALLBACK (no_more_pads_cb), &state);

  /* Paused, each new stream's fakesink holds its first buffer: the demuxer
   * reads no further than its streams' starts. */
  ok = co_pipeline_preroll (pipeline, cancellable, error) &&
       wait_for_streams (pipeline, &state, cancellable, error);
  /* Disposing stops the streaming threads before the state goes away. */
  g_clear_object (&pipeline);
  return ok;
}
