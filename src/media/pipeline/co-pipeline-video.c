/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-media-error.h"
#include "co-media.h"
#include "co-pipeline.h"

/*
 * Decoded frames of a file's first video stream, one at a time, for those
 * who pull a few pictures and seek between them (thumbnails, the scene
 * pass's picture checks).  A decodebin feeds the appsink directly:
 *
 * - No queue between the decoder and the appsink, so the decoder works at
 *   most one frame ahead of what is pulled, and a seek throws little decoded
 *   work away (playbin's video chain queues three frames).
 * - Other streams are demuxed but not decoded, and left unlinked: linked
 *   to a fakesink, each of their packets would wake a thread of the
 *   demuxer's multiqueue.
 */

typedef struct
{
  GstElement *sink_bin;   /* unowned: the pipeline holds it, and this */
  gint        video_linked;
} Plug;

/* Decodes nothing but video: other streams are exposed as they come out
 * of the demuxer, then dropped. */
static gboolean
autoplug_continue_cb (GstElement *decodebin,
                      GstPad     *pad,
                      GstCaps    *caps,
                      gpointer    data)
{
  const char *name;

  if (gst_caps_is_empty (caps) || gst_caps_is_any (caps))
    return TRUE;
  name = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  return !g_str_has_prefix (name, "audio/") && !g_str_has_prefix (name, "text/")
         && !g_str_has_prefix (name, "subpicture/") && !g_str_has_prefix (name, "application/x-subtitle");
}

static void
pad_added_cb (GstElement *decodebin,
              GstPad     *pad,
              gpointer    data)
{
  Plug *plug = data;
  g_autoptr(GstCaps) caps = co_pipeline_pad_caps (pad);
  const char *name = NULL;

  if (!gst_caps_is_empty (caps))
    name = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  if (name != NULL && g_str_equal (name, "video/x-raw")
      && g_atomic_int_compare_and_exchange (&plug->video_linked, 0, 1))
    {
      g_autoptr(GstPad) sinkpad = gst_element_get_static_pad (plug->sink_bin, "sink");

      gst_pad_link (pad, sinkpad);
    }
}

/* A file without a video stream fails at once, rather than leaving the
 * appsink waiting for a first frame. */
static void
no_more_pads_cb (GstElement *decodebin,
                 gpointer    data)
{
  Plug *plug = data;

  if (!g_atomic_int_get (&plug->video_linked))
    GST_ELEMENT_ERROR (decodebin, STREAM, WRONG_TYPE, (_("The file has no video stream")),
                       (NULL));
}

/**
 * co_pipeline_new_video:
 * @path: a local file
 * @caps: what the frames are converted and scaled to, as a caps string
 * @out_appsink: (out) (transfer full): the appsink that receives them
 * @error: return location for a #GError
 *
 * A pipeline that decodes the first video stream of @path, and nothing
 * else, into an appsink (one frame at a time, not synchronised to the
 * clock) behind videoconvert and videoscale, which pass frames through
 * untouched when they already fit @caps.  A file without video fails to
 * preroll.
 *
 * Returns: (transfer full): the pipeline, or %NULL with a %CO_MEDIA_ERROR
 */
CoPipeline *
co_pipeline_new_video (const char  *path,
                       const char  *caps,
                       GstElement **out_appsink,
                       GError     **error)
{
  g_autofree char *sink_description = NULL;
  g_autoptr(GError) parse_error = NULL;
  GstElement *pipeline, *source, *decodebin, *sink_bin;
  Plug *plug;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (caps != NULL, NULL);
  g_return_val_if_fail (out_appsink != NULL, NULL);

  co_media_init ();

  sink_description = g_strdup_printf ("videoconvert ! videoscale ! %s ! "
                                      "appsink name=sink sync=false max-buffers=1", caps);
  pipeline = gst_pipeline_new (NULL);
  source = gst_element_factory_make ("filesrc", NULL);
  decodebin = gst_element_factory_make ("decodebin", NULL);
  sink_bin = gst_parse_bin_from_description (sink_description, TRUE, &parse_error);
  if (source == NULL || decodebin == NULL || sink_bin == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);

      gst_clear_object (&source);
      gst_clear_object (&decodebin);
      gst_clear_object (&sink_bin);
      gst_object_unref (pipeline);
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_MISSING_PLUGIN,
                   _("“%s” cannot be decoded: %s"), name,
                   parse_error != NULL ? parse_error->message : _("decodebin is not installed"));
      return NULL;
    }
  g_object_set (source, "location", path, NULL);
  gst_bin_add_many (GST_BIN (pipeline), source, decodebin, sink_bin, NULL);
  gst_element_link (source, decodebin);
  *out_appsink = gst_bin_get_by_name (GST_BIN (sink_bin), "sink");

  plug = g_new0 (Plug, 1);
  plug->sink_bin = sink_bin;
  g_object_set_data_full (G_OBJECT (pipeline), "co-pipeline-video", plug, g_free);
  g_signal_connect (decodebin, "autoplug-continue", G_CALLBACK (autoplug_continue_cb), plug);
  g_signal_connect (decodebin, "pad-added", G_CALLBACK (pad_added_cb), plug);
  g_signal_connect (decodebin, "no-more-pads", G_CALLBACK (no_more_pads_cb), plug);
  return co_pipeline_new (pipeline, path);
}
