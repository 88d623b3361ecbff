/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-probe"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/pbutils/pbutils.h>

#include "co-error.h"
#include "co-file.h"
#include "co-media.h"
#include "co-pipeline.h"
#include "co-probe.h"
#include "co-probe-private.h"
#include "co-media-error.h"

/*
 * The type of a file comes from its content, never from its name: the first
 * bytes are sniffed (our own magic numbers first, then shared-mime-info), and
 * the candidate is then proven by really reading it: gdk-pixbuf decodes
 * images completely, GstDiscoverer prerolls audio and video, and text must be
 * valid UTF-8.  Truncation is found twice over: cheaply from the container
 * structure (co-probe-structure.c), before GStreamer reads the file, and,
 * with CO_PROBE_CHECK_COMPLETE, by demuxing the whole file (parsebin:
 * demuxers and parsers, no decoders, so video is never decoded) and
 * comparing the duration the packets cover with the duration the header
 * claims.  Before GstDiscoverer sees a file, its container is opened by its
 * demuxer alone (co-probe-demux.c), which reports errors the discoverer
 * can lose.
 */

/* Enough for every magic number and for shared-mime-info's text heuristics. */
#define HEAD_SIZE 4096
/* GstDiscoverer gives up on a file after this long. */
#define DISCOVER_TIMEOUT (20 * GST_SECOND)
/* A file is truncated when its packets end earlier than the header claims by
 * more than this (seconds) plus TRUNCATION_SLACK of the duration: streams
 * legitimately end a frame or an audio packet apart. */
#define TRUNCATION_TOLERANCE 0.3
#define TRUNCATION_SLACK     0.02

typedef enum
{
  KIND_UNKNOWN,
  KIND_IMAGE,
  KIND_AV,
  KIND_TEXT,
} Kind;

G_DEFINE_BOXED_TYPE (CoMediaInfo, co_media_info, co_media_info_copy, co_media_info_free)

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

/* g_set_str() is GLib 2.76. */
static void
replace_str (char       **str,
             const char  *value)
{
  g_free (*str);
  *str = g_strdup (value);
}

static gboolean
contains_bytes (const guint8 *data,
                gsize         len,
                const char   *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    {
      if (memcmp (data + i, needle, n) == 0)
        return TRUE;
    }
  return FALSE;
}

static CoMediaInfo *
media_info_new (void)
{
  CoMediaInfo *info = g_new0 (CoMediaInfo, 1);

  info->duration = -1;
  info->framerate_den = 1;
  return info;
}

static gboolean
check_file (const char   *path,
            gint64        max_size,
            CoMediaInfo  *info,
            GError      **error)
{
  g_autofree char *name = display_name (path);
  GStatBuf st;

  if (!_co_probe_check_file (path, name, max_size, &st, error))
    return FALSE;
  info->size = st.st_size;
  info->created_at = (gint64)st.st_mtime * G_USEC_PER_SEC;
  return TRUE;
}

static gboolean
read_head (const char  *path,
           guint8      *head,
           gsize       *out_len,
           GError     **error)
{
  g_autofree char *name = display_name (path);
  gssize n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNREADABLE,
                   _("“%s” cannot be read: %s"), name, g_strerror (saved));
      return FALSE;
    }
  do
    n = read (fd, head, HEAD_SIZE);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNREADABLE,
                   _("“%s” cannot be read: %s"), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  *out_len = (gsize)n;
  return TRUE;
}

static const char *
sniff_iso_brand (const guint8 *head)
{
  if (memcmp (head + 8, "qt  ", 4) == 0)
    return "video/quicktime";
  if (memcmp (head + 8, "M4A ", 4) == 0)
    return "audio/mp4";
  return "video/mp4";
}

/* Our own magic numbers for the formats a creator meets most; they are
 * certain where shared-mime-info may hesitate. */
static const char *
sniff_magic (const guint8 *h,
             gsize         len)
{
  if (len >= 8 && memcmp (h, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (len >= 3 && memcmp (h, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  if (len >= 6 && (memcmp (h, "GIF87a", 6) == 0 || memcmp (h, "GIF89a", 6) == 0))
    return "image/gif";
  if (len >= 12 && memcmp (h, "RIFF", 4) == 0)
    {
      if (memcmp (h + 8, "WEBP", 4) == 0)
        return "image/webp";
      if (memcmp (h + 8, "WAVE", 4) == 0)
        return "audio/x-wav";
      if (memcmp (h + 8, "AVI ", 4) == 0)
        return "video/x-msvideo";
    }
  if (len >= 12 && memcmp (h + 4, "ftyp", 4) == 0)
    return sniff_iso_brand (h);
  if (len >= 4 && memcmp (h, "\x1a\x45\xdf\xa3", 4) == 0)
    return contains_bytes (h, len, "webm") ? "video/webm" : "video/x-matroska";
  if (len >= 4 && memcmp (h, "OggS", 4) == 0)
    return "audio/ogg";
  if (len >= 4 && memcmp (h, "fLaC", 4) == 0)
    return "audio/flac";
  return NULL;
}

/* Plain text: valid UTF-8 (a character cut by the end of the head is fine),
 * no NUL and no control characters other than white space. */
static gboolean
looks_like_text (const guint8 *head,
                 gsize         len)
{
  const char *end = NULL;

  if (!g_utf8_validate ((const char *)head, (gssize)len, &end) &&
      (len < HEAD_SIZE || (gsize)(end - (const char *)head) + 4 < len))
    return FALSE;
  for (const guint8 *p = head; p < (const guint8 *)end; p++)
    {
      if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\f')
        return FALSE;
    }
  return TRUE;
}

static Kind
kind_of_mime (const char *mime)
{
  if (g_str_has_prefix (mime, "image/"))
    return KIND_IMAGE;
  if (g_str_has_prefix (mime, "audio/") || g_str_has_prefix (mime, "video/") ||
      g_str_equal (mime, "application/ogg") || g_str_equal (mime, "application/mxf"))
    return KIND_AV;
  return KIND_UNKNOWN;
}

static Kind
sniff (const guint8  *head,
       gsize          len,
       char         **out_mime)
{
  const char *magic = sniff_magic (head, len);
  g_autofree char *type = NULL;
  g_autofree char *mime = NULL;
  Kind kind;

  if (magic != NULL)
    {
      *out_mime = g_strdup (magic);
      return kind_of_mime (magic);
    }

  /* No file name on purpose: the name must not decide the type. */
  type = g_content_type_guess (NULL, head, len, NULL);
  mime = g_content_type_get_mime_type (type);
  kind = mime != NULL ? kind_of_mime (mime) : KIND_UNKNOWN;
  if (kind == KIND_UNKNOWN && looks_like_text (head, len))
    {
      kind = KIND_TEXT;
      if (mime == NULL || !g_str_has_prefix (mime, "text/"))
        replace_str (&mime, "text/plain");
    }
  *out_mime = g_steal_pointer (&mime);
  return kind;
}

/* Image ---------------------------------------------------------------- */

/* Walks the PNG chunks: a whole file ends with IEND inside its size. */
static gboolean
png_is_whole (int    fd,
              gint64 size)
{
  gint64 offset = 8;
  guint8 chunk[8];

  while (offset + 12 <= size && _co_probe_read_at (fd, offset, chunk, 8))
    {
      gint64 length = _co_probe_be32 (chunk);

      if (memcmp (chunk + 4, "IEND", 4) == 0)
        return TRUE;
      offset += 12 + length;
    }
  return FALSE;
}

/* Looks for @marker in the last @window bytes: JPEG ends with FF D9 and GIF
 * with 3B, give or take a little padding. */
static gboolean
ends_with_marker (int           fd,
                  gint64        size,
                  const char   *marker,
                  gsize         window)
{
  guint8 tail[1024];
  gsize len = (gsize)MIN ((gint64)MIN (window, sizeof tail), size);

  return _co_probe_read_at (fd, size - (gint64)len, tail, len) && contains_bytes (tail, len, marker);
}

/* gdk-pixbuf hands back the rows it got from a cut PNG or JPEG without an
 * error, so completeness is checked from the format's end marker. */
static gboolean
image_is_whole (const char *path,
                const char *mime,
                gint64      size)
{
  gboolean whole = TRUE;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return FALSE;
  if (g_str_equal (mime, "image/png"))
    whole = png_is_whole (fd, size);
  else if (g_str_equal (mime, "image/jpeg"))
    whole = ends_with_marker (fd, size, "\xff\xd9", 1024);
  else if (g_str_equal (mime, "image/gif"))
    whole = ends_with_marker (fd, size, "\x3b", 16);
  close (fd);
  return whole;
}

static void
fill_image_mime (GdkPixbufLoader *loader,
                 CoMediaInfo     *info)
{
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);
  g_auto(GStrv) mimes = format != NULL ? gdk_pixbuf_format_get_mime_types (format) : NULL;

  if (mimes != NULL && mimes[0] != NULL)
    replace_str (&info->mime, mimes[0]);
}

/* Decoding everything is what proves the image is whole; the pixel limit
 * is checked from the header before (see _co_probe_load_image()). */
static gboolean
probe_image (const char    *path,
             CoMediaInfo   *info,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autofree char *name = display_name (path);
  GdkPixbuf *pixbuf;
  int width = 0, height = 0;

  loader = _co_probe_load_image (path, name, info->mime, 0, &width, &height, cancellable, error);
  if (loader == NULL)
    return FALSE;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
                   _("“%s” is a damaged image: it holds no picture"), name);
      return FALSE;
    }
  if (!image_is_whole (path, info->mime, info->size))
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
                   _("“%s” is a damaged image: it is cut short (its end marker is missing)"),
                   name);
      return FALSE;
    }

  info->type = CO_VAULT_TYPE_IMAGE;
  info->width = width > 0 ? width : gdk_pixbuf_get_width (pixbuf);
  info->height = height > 0 ? height : gdk_pixbuf_get_height (pixbuf);
  info->has_video = FALSE;
  fill_image_mime (loader, info);
  return TRUE;
}

/* Text ----------------------------------------------------------------- */

static gboolean
probe_text (const char   *path,
            CoMediaInfo  *info,
            GError      **error)
{
  g_autofree char *name = display_name (path);
  g_autofree char *by_name = g_content_type_guess (path, NULL, 0, NULL);
  g_autofree char *name_mime = g_content_type_get_mime_type (by_name);
  g_autofree char *contents = NULL;
  gsize len = 0;

  /* A text file named like media (an HTML error page saved as "song.wav")
   * is a broken download, not a note the user meant to keep. */
  if (name_mime != NULL && kind_of_mime (name_mime) != KIND_UNKNOWN)
    {
      g_autofree char *what = g_content_type_get_description (by_name);

      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED,
                   _("“%s” holds plain text, not the %s its name suggests"), name, what);
      return FALSE;
    }
  if (info->size > CO_PROBE_MAX_NOTE_SIZE)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TOO_LARGE,
                   _("“%s” is too large to become a note (more than %d KiB of text)"),
                   name, CO_PROBE_MAX_NOTE_SIZE / 1024);
      return FALSE;
    }
  contents = co_file_read (path, CO_PROBE_MAX_NOTE_SIZE, &len, error);
  if (contents == NULL)
    return FALSE;
  if (!g_utf8_validate (contents, (gssize)len, NULL) || memchr (contents, '\0', len) != NULL)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED,
                   _("“%s” is not a supported image, video or audio file, nor UTF-8 text"), name);
      return FALSE;
    }

  info->type = CO_VAULT_TYPE_NOTE;
  return TRUE;
}

/* Audio and video ------------------------------------------------------ */

static char *
describe_caps (GstCaps *caps)
{
  if (caps == NULL || gst_caps_is_empty (caps) || gst_caps_is_any (caps))
    return NULL;
  return gst_pb_utils_get_codec_description (caps);
}

static void
fill_video (GstDiscovererInfo *dinfo,
            CoMediaInfo       *info)
{
  g_autoptr(GstCaps) caps = NULL;
  GList *streams = gst_discoverer_info_get_video_streams (dinfo);

  for (GList *l = streams; l != NULL; l = l->next)
    {
      GstDiscovererVideoInfo *video = l->data;

      /* Cover art in an audio file is an "image" stream, not video. */
      if (gst_discoverer_video_info_is_image (video))
        continue;
      info->has_video = TRUE;
      info->width = (int)gst_discoverer_video_info_get_width (video);
      info->height = (int)gst_discoverer_video_info_get_height (video);
      info->framerate_num = (int)gst_discoverer_video_info_get_framerate_num (video);
      info->framerate_den = MAX (1, (int)gst_discoverer_video_info_get_framerate_denom (video));
      caps = gst_discoverer_stream_info_get_caps (GST_DISCOVERER_STREAM_INFO (video));
      info->video_codec = describe_caps (caps);
      break;
    }
  gst_discoverer_stream_info_list_free (streams);
}

static void
fill_audio (GstDiscovererInfo *dinfo,
            CoMediaInfo       *info)
{
  g_autoptr(GstCaps) caps = NULL;
  GList *streams = gst_discoverer_info_get_audio_streams (dinfo);
  GstDiscovererAudioInfo *audio;

  if (streams != NULL)
    {
      audio = streams->data;
      info->has_audio = TRUE;
      info->sample_rate = (int)gst_discoverer_audio_info_get_sample_rate (audio);
      info->channels = (int)gst_discoverer_audio_info_get_channels (audio);
      caps = gst_discoverer_stream_info_get_caps (GST_DISCOVERER_STREAM_INFO (audio));
      info->audio_codec = describe_caps (caps);
    }
  gst_discoverer_stream_info_list_free (streams);
}

static void
fill_container_and_date (GstDiscovererInfo *dinfo,
                         CoMediaInfo       *info)
{
  g_autoptr(GstDiscovererStreamInfo) top = gst_discoverer_info_get_stream_info (dinfo);
  const GstTagList *tags = gst_discoverer_info_get_tags (dinfo);
  g_autoptr(GstDateTime) date = NULL;

  if (top != NULL && GST_IS_DISCOVERER_CONTAINER_INFO (top))
    {
      g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (top);

      info->container = describe_caps (caps);
    }
  if (tags != NULL && gst_tag_list_get_date_time (tags, GST_TAG_DATE_TIME, &date) &&
      gst_date_time_has_time (date))
    {
      g_autoptr(GDateTime) dt = gst_date_time_to_g_date_time (date);

      if (dt != NULL)
        info->created_at = g_date_time_to_unix (dt) * G_USEC_PER_SEC;
    }
}

/* Refines the sniffed MIME type once the tracks are known. */
static void
refine_av_mime (CoMediaInfo *info)
{
  if (info->has_video)
    {
      if (g_str_equal (info->mime, "audio/ogg"))
        replace_str (&info->mime, "video/ogg");
      return;
    }
  if (g_str_equal (info->mime, "video/mp4") || g_str_equal (info->mime, "video/quicktime"))
    replace_str (&info->mime, "audio/mp4");
  else if (g_str_equal (info->mime, "video/webm"))
    replace_str (&info->mime, "audio/webm");
  else if (g_str_equal (info->mime, "video/x-matroska"))
    replace_str (&info->mime, "audio/x-matroska");
}

static void
fill_codecs (CoMediaInfo *info)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codecs = NULL;

  if (info->video_codec != NULL)
    g_strv_builder_add (builder, info->video_codec);
  if (info->audio_codec != NULL)
    g_strv_builder_add (builder, info->audio_codec);
  codecs = g_strv_builder_end (builder);
  if (codecs[0] != NULL)
    info->codecs = g_strjoinv (", ", codecs);
}

static gboolean
discover_error (const char         *path,
                GstDiscovererInfo  *dinfo,
                const GError       *gst_error,
                GError            **error)
{
  g_autofree char *name = display_name (path);
  GstDiscovererResult result = dinfo != NULL ? gst_discoverer_info_get_result (dinfo)
                                             : GST_DISCOVERER_ERROR;

  if (result == GST_DISCOVERER_MISSING_PLUGINS)
    {
      const char **details = gst_discoverer_info_get_missing_elements_installer_details (dinfo);
      g_autofree char *what = details != NULL ? g_strjoinv (", ", (char **)details)
                                              : g_strdup ("?");

      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_MISSING_PLUGIN,
                   _("“%s” needs a GStreamer plugin that is not installed (%s)"), name, what);
    }
  else if (result == GST_DISCOVERER_TIMEOUT)
    g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                 _("“%s” cannot be read: examining it took too long"), name);
  else if (gst_error != NULL)
    g_set_error (error, CO_MEDIA_ERROR, co_pipeline_error_code (gst_error),
                 _("“%s” cannot be read as audio or video: %s"), name, gst_error->message);
  else
    g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
                 _("“%s” cannot be read as audio or video"), name);
  return FALSE;
}

static gboolean
discover (const char    *path,
          CoMediaInfo   *info,
          GError       **error)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) dinfo = NULL;
  g_autoptr(GError) gst_error = NULL;
  /* URIs are absolute; a path relative to the working folder is not. */
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
  GstClockTime duration;

  discoverer = gst_discoverer_new (DISCOVER_TIMEOUT, &gst_error);
  if (discoverer != NULL && uri != NULL)
    dinfo = gst_discoverer_discover_uri (discoverer, uri, &gst_error);
  if (dinfo == NULL || gst_discoverer_info_get_result (dinfo) != GST_DISCOVERER_OK)
    return discover_error (path, dinfo, gst_error, error);

  fill_video (dinfo, info);
  fill_audio (dinfo, info);
  fill_container_and_date (dinfo, info);
  duration = gst_discoverer_info_get_duration (dinfo);
  if (GST_CLOCK_TIME_IS_VALID (duration) && duration > 0)
    info->duration = (double)duration / GST_SECOND;
  return TRUE;
}

/* Demuxed duration ----------------------------------------------------- */

/* A demuxer that gives out more than this many times the file's size is
 * going round in circles (GStreamer 1.22's wavparse does on some damaged
 * files): the pass is stopped there. */
#define DEMUX_MAX_GROWTH 4

typedef struct
{
  GstElement *pipeline;
  GMutex      mutex;
  gint64      end;      /* the latest packet end seen on any stream, ns */
  guint64     bytes;    /* what the demuxer gave out */
  guint64     limit;
  gboolean    looping;
} DemuxState;

/* Runs on the streaming threads of every demuxed stream. */
static GstPadProbeReturn
buffer_probe_cb (GstPad          *pad,
                 GstPadProbeInfo *probe,
                 gpointer         user_data)
{
  DemuxState *state = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (probe);
  GstClockTime ts = GST_BUFFER_PTS_IS_VALID (buffer) ? GST_BUFFER_PTS (buffer)
                                                     : GST_BUFFER_DTS (buffer);
  gint64 end;

  if (!GST_CLOCK_TIME_IS_VALID (ts))
    return GST_PAD_PROBE_OK;
  end = (gint64)ts;
  if (GST_BUFFER_DURATION_IS_VALID (buffer))
    end += (gint64)GST_BUFFER_DURATION (buffer);

  g_mutex_lock (&state->mutex);
  state->end = MAX (state->end, end);
  state->bytes += gst_buffer_get_size (buffer);
  if (state->bytes > state->limit && !state->looping)
    {
      g_autoptr(GError) stop = g_error_new_literal (GST_STREAM_ERROR, GST_STREAM_ERROR_DEMUX,
                                                    "the demuxer does not stop");

      state->looping = TRUE;
      gst_element_post_message (state->pipeline,
                                gst_message_new_error (GST_OBJECT (pad), stop, NULL));
    }
  g_mutex_unlock (&state->mutex);
  return state->looping ? GST_PAD_PROBE_DROP : GST_PAD_PROBE_OK;
}

static void
pad_added_cb (GstElement *parsebin,
              GstPad     *pad,
              gpointer    user_data)
{
  DemuxState *state = user_data;

  co_pipeline_drop_pad (state->pipeline, pad);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, buffer_probe_cb, state, NULL);
}

/* Demuxes the whole file (parsebin plugs demuxers and parsers, never
 * decoders) and measures how far its packets reach. */
static gboolean
measure_demuxed (const char    *path,
                 gint64         size,
                 double        *out_held,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(CoPipeline) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) parse = NULL;
  g_autoptr(GError) run_error = NULL;
  DemuxState state = { NULL, };
  gboolean ran;

  pipeline = co_pipeline_new_parse ("filesrc name=src ! parsebin name=parse", path, error);
  if (pipeline == NULL)
    return FALSE;
  src = co_pipeline_get_by_name (pipeline, "src");
  parse = co_pipeline_get_by_name (pipeline, "parse");
  g_object_set (src, "location", path, NULL);
  state.pipeline = co_pipeline_get_element (pipeline);
  state.limit = (guint64)size * DEMUX_MAX_GROWTH + 1024 * 1024;
  g_mutex_init (&state.mutex);
  g_signal_connect (parse, "pad-added", G_CALLBACK (pad_added_cb), &state);

  ran = co_pipeline_run (pipeline, cancellable, &run_error);
  /* Disposing stops the streaming threads before the state goes away. */
  g_clear_object (&pipeline);
  g_mutex_clear (&state.mutex);
  if (state.looping)
    {
      g_autofree char *name = display_name (path);

      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT,
                   _("“%s” cannot be read: its stream does not end (it gives out more data "
                     "than the file holds)"), name);
      return FALSE;
    }

  /* A demuxer that stumbles over the cut end of a file may post an error
   * rather than end-of-stream; what it delivered before still counts. */
  if (!ran && (state.end <= 0 || co_error_is_cancelled (run_error)))
    {
      g_propagate_error (error, g_steal_pointer (&run_error));
      return FALSE;
    }
  *out_held = (double)state.end / GST_SECOND;
  return TRUE;
}

static gboolean
check_complete (const char    *path,
                CoMediaInfo   *info,
                GCancellable  *cancellable,
                GError       **error)
{
  double held = 0, claimed = info->duration;

  if (!measure_demuxed (path, info->size, &held, cancellable, error))
    return FALSE;
  g_debug ("%s: header claims %.3f s, packets reach %.3f s", path, claimed, held);

  if (claimed > 0 && held + TRUNCATION_TOLERANCE + TRUNCATION_SLACK * claimed < claimed)
    {
      g_autofree char *name = display_name (path);

      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TRUNCATED,
                   _("“%s” is truncated: it holds %.1f s of the %.1f s its header claims"),
                   name, held, claimed);
      return FALSE;
    }
  /* A live recording's header has no duration, and GstDiscoverer guesses one
   * from its start: the packets are the better measure. */
  if (held > MAX (claimed, 0) + TRUNCATION_TOLERANCE)
    info->duration = held;
  return TRUE;
}

/* The file's start, as read by read_head(). */
typedef struct
{
  const guint8 *data;
  gsize         len;
} Head;

static gboolean
probe_av (const char    *path,
          const Head    *head,
          CoProbeFlags   flags,
          CoMediaInfo   *info,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *name = display_name (path);
  CoProbeStructure structure;

  /* A file whose structure shows it was cut is refused before GStreamer
   * reads it: demuxers meet the cut only as damage, and some of GStreamer
   * 1.22's (matroskademux, avidemux) then warn about their own state. */
  if (!_co_probe_check_structure (path, name, info->mime, info->size, &structure, error))
    return FALSE;
  if (structure.cut)
    return _co_probe_structure_error (name, &structure, error);
  if (!_co_probe_open_container (path, head->data, head->len, cancellable, error) ||
      !discover (path, info, error))
    return FALSE;
  if (!info->has_audio && !info->has_video)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED,
                   _("“%s” holds no sound or video that can be played"), name);
      return FALSE;
    }

  info->type = info->has_video ? CO_VAULT_TYPE_VIDEO : CO_VAULT_TYPE_AUDIO;
  refine_av_mime (info);
  fill_codecs (info);

  if (flags & CO_PROBE_CHECK_COMPLETE)
    return check_complete (path, info, cancellable, error);
  return TRUE;
}

static gboolean
check_requirements (const char         *path,
                    CoProbeFlags        flags,
                    const CoMediaInfo  *info,
                    GError            **error)
{
  g_autofree char *name = display_name (path);

  if ((flags & CO_PROBE_REQUIRE_VIDEO) && !info->has_video)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NO_VIDEO,
                   _("“%s” has no video track, and one is required"), name);
      return FALSE;
    }
  if ((flags & CO_PROBE_REQUIRE_AUDIO) && !info->has_audio)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NO_AUDIO,
                   _("“%s” has no sound track, and one is required"), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
probe_kind (const char    *path,
            const Head    *head,
            Kind           kind,
            CoProbeFlags   flags,
            CoMediaInfo   *info,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *name = NULL;

  switch (kind)
    {
    case KIND_IMAGE:
      return probe_image (path, info, cancellable, error);
    case KIND_AV:
      return probe_av (path, head, flags, info, cancellable, error);
    case KIND_TEXT:
      return probe_text (path, info, error);
    case KIND_UNKNOWN:
    default:
      name = display_name (path);
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED,
                   _("“%s” is not a supported image, video, audio or text file: "
                     "its content is not recognised"), name);
      return FALSE;
    }
}

/* Layer-private checks --------------------------------------------------- */

/**
 * _co_probe_check_file:
 * @path: the file to check
 * @name: how error messages name the file
 * @max_size: the largest acceptable file in bytes, or 0 for no limit
 * @out_stat: (out) (optional): the file's status on success
 * @error: return location for a #GError
 *
 * Checks, before any GStreamer element sees @path, that it is an existing,
 * non-empty, readable regular file of at most @max_size bytes, so that the
 * error names the real problem rather than GStreamer's guess at it.
 *
 * Returns: %TRUE if so, or %FALSE with %CO_MEDIA_ERROR_NOT_FOUND,
 *   %CO_MEDIA_ERROR_UNREADABLE, %CO_MEDIA_ERROR_NOT_A_FILE,
 *   %CO_MEDIA_ERROR_EMPTY or %CO_MEDIA_ERROR_TOO_LARGE
 */
gboolean
_co_probe_check_file (const char  *path,
                      const char  *name,
                      gint64       max_size,
                      GStatBuf    *out_stat,
                      GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT || saved == ENOTDIR)
        g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NOT_FOUND,
                     _("“%s” does not exist"), name);
      else
        g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNREADABLE,
                     _("“%s” cannot be read: %s"), name, g_strerror (saved));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode) || !S_ISREG (st.st_mode))
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NOT_A_FILE,
                   S_ISDIR (st.st_mode) ? _("“%s” is a folder, not a file")
                                        : _("“%s” is not a regular file"), name);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_EMPTY, _("“%s” is empty"), name);
      return FALSE;
    }
  if (max_size > 0 && st.st_size > max_size)
    {
      g_autofree char *size = g_format_size ((guint64)st.st_size);
      g_autofree char *limit = g_format_size ((guint64)max_size);

      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TOO_LARGE,
                   _("“%s” is too large: %s, over the limit of %s"), name, size, limit);
      return FALSE;
    }
  if (g_access (path, R_OK) != 0)
    {
      int saved = errno;

      g_set_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNREADABLE,
                   _("“%s” cannot be read: %s"), name, g_strerror (saved));
      return FALSE;
    }
  if (out_stat != NULL)
    *out_stat = st;
  return TRUE;
}

/**
 * co_media_info_copy:
 * @info: a #CoMediaInfo
 *
 * Returns: (transfer full): a deep copy of @info
 */
CoMediaInfo *
co_media_info_copy (const CoMediaInfo *info)
{
  CoMediaInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->mime = g_strdup (info->mime);
  copy->container = g_strdup (info->container);
  copy->video_codec = g_strdup (info->video_codec);
  copy->audio_codec = g_strdup (info->audio_codec);
  copy->codecs = g_strdup (info->codecs);
  return copy;
}

/**
 * co_media_info_free:
 * @info: (nullable): a #CoMediaInfo
 *
 * Frees @info and its strings.
 */
void
co_media_info_free (CoMediaInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->mime);
  g_free (info->container);
  g_free (info->video_codec);
  g_free (info->audio_codec);
  g_free (info->codecs);
  g_free (info);
}

/**
 * co_probe_file:
 * @path: the file to examine
 * @flags: what else to require or check
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Like co_probe_file_full() with %CO_PROBE_DEFAULT_MAX_SIZE.
 *
 * Returns: (transfer full) (nullable): what the file holds, or %NULL with a
 *   %CO_MEDIA_ERROR that names the file and the reason
 */
CoMediaInfo *
co_probe_file (const char    *path,
               CoProbeFlags   flags,
               GCancellable  *cancellable,
               GError       **error)
{
  return co_probe_file_full (path, flags, CO_PROBE_DEFAULT_MAX_SIZE, cancellable, error);
}

/**
 * co_probe_file_full:
 * @path: the file to examine
 * @flags: what else to require or check
 * @max_size: the largest acceptable file in bytes, or 0 for no limit
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds out what @path holds from its content (its name is ignored): an
 * image (decoded completely by gdk-pixbuf), audio or video (examined by
 * GstDiscoverer, and with %CO_PROBE_CHECK_COMPLETE demuxed to the end
 * without decoding video), or UTF-8 text (a note).  Blocks: call it from a
 * worker thread.
 *
 * Errors: %CO_MEDIA_ERROR_NOT_FOUND, %CO_MEDIA_ERROR_UNREADABLE,
 * %CO_MEDIA_ERROR_NOT_A_FILE, %CO_MEDIA_ERROR_EMPTY,
 * %CO_MEDIA_ERROR_TOO_LARGE, %CO_MEDIA_ERROR_UNSUPPORTED,
 * %CO_MEDIA_ERROR_CORRUPT, %CO_MEDIA_ERROR_TRUNCATED,
 * %CO_MEDIA_ERROR_NO_AUDIO, %CO_MEDIA_ERROR_NO_VIDEO,
 * %CO_MEDIA_ERROR_MISSING_PLUGIN, or %G_IO_ERROR_CANCELLED.  The message
 * names the file and the reason.
 *
 * Returns: (transfer full) (nullable): what the file holds, or %NULL
 */
CoMediaInfo *
co_probe_file_full (const char    *path,
                    CoProbeFlags   flags,
                    gint64         max_size,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(CoMediaInfo) info = NULL;
  guint8 head[HEAD_SIZE];
  gsize head_len = 0;
  Kind kind;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  co_media_init ();
  info = media_info_new ();
  if (!check_file (path, max_size, info, error) ||
      !read_head (path, head, &head_len, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  kind = sniff (head, head_len, &info->mime);
  if (!probe_kind (path, &(Head) { head, head_len }, kind, flags, info, cancellable, error) ||
      !check_requirements (path, flags, info, error))
    return NULL;
  return g_steal_pointer (&info);
}
