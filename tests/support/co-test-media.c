/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gst/app/gstappsrc.h>
#include <gst/video/video.h>

#include "co-media.h"
#include "co-pipeline.h"
#include "co-test-media.h"

#define DEFAULT_WIDTH    160
#define DEFAULT_HEIGHT   120
#define DEFAULT_FPS      15
#define DEFAULT_DURATION 2.0
#define AUDIO_RATE       44100
/* audiotestsrc makes 100 ms buffers, so a duration maps to a buffer count. */
#define AUDIO_BUFFER     (AUDIO_RATE / 10)

static const guint8 stripe_colours[8][3] = {
  { 255, 255, 255 }, { 255, 255, 0 }, { 0, 255, 255 }, { 0, 255, 0 },
  { 255, 0, 255 }, { 255, 0, 0 }, { 0, 0, 255 }, { 0, 0, 0 },
};

/* A small integer hash, so the noise pattern is the same on every run. */
static guint
hash_cell (int x,
           int y)
{
  guint h = (guint)x * 374761393u + (guint)y * 668265263u;

  h = (h ^ (h >> 13)) * 1274126177u;
  return h ^ (h >> 16);
}

/* Every pattern is a function of the position relative to the image size,
 * so the same pattern at two sizes looks the same. */
static void
pattern_pixel (CoTestPattern  pattern,
               double         u,
               double         v,
               double         shift,
               guint8        *rgb)
{
  double d, wave;
  guint grey;

  switch (pattern)
    {
    case CO_TEST_PATTERN_GRADIENT:
      rgb[0] = (guint8)(255 * fmod (u + shift, 1.0));
      rgb[1] = (guint8)(255 * v);
      rgb[2] = (guint8)(255 * (1.0 - v));
      break;
    case CO_TEST_PATTERN_CHECKER:
      grey = (((int)floor ((u + shift) * 4) + (int)floor (v * 3)) & 1) ? 255 : 0;
      rgb[0] = rgb[1] = rgb[2] = (guint8)grey;
      break;
    case CO_TEST_PATTERN_CIRCLES:
      d = sqrt ((u - 0.5) * (u - 0.5) + (v - 0.5) * (v - 0.5));
      wave = 0.5 + 0.5 * sin (d * 40.0 - shift * 2 * G_PI);
      rgb[0] = (guint8)(255 * wave);
      rgb[1] = (guint8)(128 * wave);
      rgb[2] = (guint8)(255 * (1.0 - wave));
      break;
    case CO_TEST_PATTERN_STRIPES:
      memcpy (rgb, stripe_colours[(int)floor ((u + shift) * 8) % 8], 3);
      break;
    case CO_TEST_PATTERN_NOISE:
      grey = hash_cell ((int)floor ((u + shift) * 20), (int)floor (v * 15)) & 0xff;
      rgb[0] = rgb[1] = rgb[2] = (guint8)grey;
      break;
    case CO_TEST_PATTERN_BLACK:
    default:
      rgb[0] = rgb[1] = rgb[2] = 0;
      break;
    }
}

/**
 * co_test_media_init:
 *
 * Call right after co_test_init().  The isolated XDG folders hide the
 * system's shared-mime-info database, which GIO's content sniffing (and
 * gdk-pixbuf's) needs; this points GIO back at it so a test sees the same
 * content types as the application.  It also points GStreamer's plugin
 * registry at the build folder (shared by every test binary), so that
 * GStreamer, initialised lazily inside the first test, neither rebuilds its
 * registry in each isolated folder nor looks in the real user's folders.
 */
void
co_test_media_init (void)
{
  static const char * const mime_dirs[] = {
    "/usr/local/share/mime",
    "/usr/share/mime",
    NULL
  };
  const char *build_dir = g_getenv ("G_TEST_BUILDDIR");

  g_content_type_set_mime_dirs (mime_dirs);
  if (g_getenv ("GST_REGISTRY_1_0") == NULL)
    {
      g_autofree char *registry = g_build_filename (build_dir ? build_dir : g_get_tmp_dir (),
                                                    "gst-registry.bin", NULL);

      g_setenv ("GST_REGISTRY_1_0", registry, TRUE);
    }
}

/**
 * co_test_media_pattern:
 * @pattern: what to draw
 * @width: pixels
 * @height: pixels
 * @shift: moves the picture sideways by this fraction of its width (0 for
 *   the still image; videos drift a little every frame)
 *
 * Returns: (transfer full): a new RGB pixbuf showing @pattern
 */
GdkPixbuf *
co_test_media_pattern (CoTestPattern pattern,
                       int           width,
                       int           height,
                       double        shift)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  g_assert_nonnull (pixbuf);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      pattern_pixel (pattern, (x + 0.5) / width, (y + 0.5) / height, shift,
                     pixels + y * stride + x * 3);
  return pixbuf;
}

static char *
save_pixbuf (const char    *dir,
             const char    *name,
             int            width,
             int            height,
             CoTestPattern  pattern,
             const char    *format,
             const char    *quality)
{
  g_autoptr(GdkPixbuf) pixbuf = co_test_media_pattern (pattern, width, height, 0.0);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  if (quality != NULL)
    gdk_pixbuf_save (pixbuf, path, format, &error, "quality", quality, NULL);
  else
    gdk_pixbuf_save (pixbuf, path, format, &error, NULL);
  g_assert_no_error (error);
  return path;
}

/**
 * co_test_media_write_png:
 * @dir: a folder
 * @name: the file name
 * @width: pixels
 * @height: pixels
 * @pattern: what the image shows
 *
 * Returns: (transfer full): the path of a new PNG image
 */
char *
co_test_media_write_png (const char    *dir,
                         const char    *name,
                         int            width,
                         int            height,
                         CoTestPattern  pattern)
{
  return save_pixbuf (dir, name, width, height, pattern, "png", NULL);
}

/**
 * co_test_media_write_jpeg:
 * @dir: a folder
 * @name: the file name
 * @width: pixels
 * @height: pixels
 * @pattern: what the image shows
 * @quality: JPEG quality, 1–100 (low values give visible artefacts)
 *
 * Returns: (transfer full): the path of a new JPEG image
 */
char *
co_test_media_write_jpeg (const char    *dir,
                          const char    *name,
                          int            width,
                          int            height,
                          CoTestPattern  pattern,
                          int            quality)
{
  g_autofree char *q = g_strdup_printf ("%d", CLAMP (quality, 1, 100));

  return save_pixbuf (dir, name, width, height, pattern, "jpeg", q);
}

typedef struct
{
  CoTestVideo spec;
  GstVideoInfo info;
  int          frame;
  int          n_frames;
} FrameSource;

static GstBuffer *
make_frame (FrameSource *source)
{
  const CoTestVideo *spec = &source->spec;
  double t = (double)source->frame / spec->fps;
  CoTestPattern pattern = t < spec->black_lead * spec->duration ? CO_TEST_PATTERN_BLACK
                                                                : spec->pattern;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GstBuffer *buffer = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&source->info), NULL);
  GstMapInfo map;
  int stride = GST_VIDEO_INFO_PLANE_STRIDE (&source->info, 0);

  pixbuf = co_test_media_pattern (pattern, spec->width, spec->height, 0.1 * t / spec->duration);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  for (int y = 0; y < spec->height; y++)
    memcpy (map.data + y * stride,
            gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf),
            (gsize)spec->width * 3);
  gst_buffer_unmap (buffer, &map);

  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (source->frame, GST_SECOND, spec->fps);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (1, GST_SECOND, spec->fps);
  return buffer;
}

/* appsrc asks for frames from its streaming thread, one at a time, so a
 * video is never held in memory whole. */
static void
need_data_cb (GstAppSrc *appsrc,
              guint      length,
              gpointer   user_data)
{
  FrameSource *source = user_data;

  if (source->frame >= source->n_frames)
    {
      gst_app_src_end_of_stream (appsrc);
      return;
    }
  gst_app_src_push_buffer (appsrc, make_frame (source));
  source->frame++;
}

static const char *
aac_encoder (void)
{
  g_autoptr(GstElementFactory) avenc = gst_element_factory_find ("avenc_aac");

  /* gstreamer1.0-libav's encoder is the one the project depends on;
   * voaacenc (plugins-bad) is the fallback. */
  return avenc != NULL ? "avenc_aac" : "voaacenc";
}

static void
append_video_encoder (GString           *d,
                      const CoTestVideo *spec)
{
  switch (spec->container)
    {
    case CO_TEST_CONTAINER_WEBM:
      g_string_append_printf (d, "vp8enc deadline=1 keyframe-max-dist=%d "
                              "! webmmux name=mux streamable=%s ",
                              spec->fps, spec->live ? "true" : "false");
      break;
    case CO_TEST_CONTAINER_AVI:
      g_string_append (d, "jpegenc ! avimux name=mux ");
      break;
    case CO_TEST_CONTAINER_MP4:
    case CO_TEST_CONTAINER_MKV:
    default:
      g_string_append_printf (d, "x264enc speed-preset=ultrafast bframes=0 key-int-max=%d "
                              "! h264parse ! ", spec->fps);
      if (spec->container == CO_TEST_CONTAINER_MKV)
        g_string_append_printf (d, "matroskamux name=mux streamable=%s ",
                                spec->live ? "true" : "false");
      else
        g_string_append_printf (d, "mp4mux name=mux faststart=%s ",
                                spec->moov_last ? "false" : "true");
      break;
    }
}

static const char *
audio_encoder (CoTestContainer container)
{
  if (container == CO_TEST_CONTAINER_WEBM)
    return "vorbisenc";
  if (container == CO_TEST_CONTAINER_AVI)
    return "audio/x-raw,format=S16LE";
  return NULL;
}

static char *
video_description (const CoTestVideo *spec)
{
  GString *d = g_string_new ("appsrc name=src format=time ! videoconvert ! ");

  append_video_encoder (d, spec);
  g_string_append (d, "! filesink name=sink ");

  if (spec->audio)
    {
      g_string_append_printf (d, "audiotestsrc num-buffers=%d samplesperbuffer=%d freq=440 "
                              "! audio/x-raw,rate=%d,channels=1 ! audioconvert ! ",
                              (int)ceil (spec->duration * 10), AUDIO_BUFFER, AUDIO_RATE);
      if (audio_encoder (spec->container) != NULL)
        g_string_append_printf (d, "%s ! mux.", audio_encoder (spec->container));
      else
        g_string_append_printf (d, "%s ! aacparse ! mux.", aac_encoder ());
    }
  return g_string_free (d, FALSE);
}

static void
run_to_file (CoPipeline *pipeline,
             const char *path)
{
  g_autoptr(GstElement) sink = co_pipeline_get_by_name (pipeline, "sink");
  g_autoptr(GError) error = NULL;

  g_object_set (sink, "location", path, NULL);
  co_pipeline_run (pipeline, NULL, &error);
  g_assert_no_error (error);
}

/**
 * co_test_media_write_video:
 * @dir: a folder
 * @name: the file name
 * @spec: what to make (see #CoTestVideo for the defaults)
 *
 * Encodes a video from generated frames (and a sine tone if asked).  About
 * 0.1 s of work for the default 2 s at 160×120.
 *
 * Returns: (transfer full): the path of the new video
 */
char *
co_test_media_write_video (const char        *dir,
                           const char        *name,
                           const CoTestVideo *spec)
{
  FrameSource source = { *spec, };
  GstAppSrcCallbacks callbacks = { need_data_cb, };
  g_autofree char *description = NULL;
  g_autoptr(CoPipeline) pipeline = NULL;
  g_autoptr(GstElement) appsrc = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  co_media_init ();
  source.spec.width = spec->width > 0 ? spec->width : DEFAULT_WIDTH;
  source.spec.height = spec->height > 0 ? spec->height : DEFAULT_HEIGHT;
  source.spec.fps = spec->fps > 0 ? spec->fps : DEFAULT_FPS;
  source.spec.duration = spec->duration > 0 ? spec->duration : DEFAULT_DURATION;
  source.n_frames = (int)ceil (source.spec.duration * source.spec.fps);
  gst_video_info_set_format (&source.info, GST_VIDEO_FORMAT_RGB,
                             source.spec.width, source.spec.height);
  source.info.fps_n = source.spec.fps;
  source.info.fps_d = 1;

  description = video_description (&source.spec);
  pipeline = co_pipeline_new_parse (description, path, &error);
  g_assert_no_error (error);

  appsrc = co_pipeline_get_by_name (pipeline, "src");
  caps = gst_video_info_to_caps (&source.info);
  gst_app_src_set_caps (GST_APP_SRC (appsrc), caps);
  gst_app_src_set_callbacks (GST_APP_SRC (appsrc), &callbacks, &source, NULL);
  run_to_file (pipeline, path);
  return path;
}

static const char *
audio_file_encoder (CoTestAudioFormat format)
{
  switch (format)
    {
    case CO_TEST_AUDIO_OGG:
      return "audioconvert ! vorbisenc ! oggmux";
    case CO_TEST_AUDIO_FLAC:
      return "flacenc";
    case CO_TEST_AUDIO_MP3:
      return "audioconvert ! lamemp3enc ! xingmux";
    case CO_TEST_AUDIO_WAV:
    default:
      return "wavenc";
    }
}

/**
 * co_test_media_write_audio:
 * @dir: a folder
 * @name: the file name
 * @format: WAV or Ogg Vorbis
 * @duration: seconds of 440 Hz mono sine at 44.1 kHz
 *
 * Returns: (transfer full): the path of the new audio file
 */
char *
co_test_media_write_audio (const char        *dir,
                           const char        *name,
                           CoTestAudioFormat  format,
                           double             duration)
{
  g_autofree char *description = NULL;
  g_autoptr(CoPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  description = g_strdup_printf ("audiotestsrc num-buffers=%d samplesperbuffer=%d freq=440 "
                                 "! audio/x-raw,rate=%d,channels=1,format=S16LE ! %s "
                                 "! filesink name=sink",
                                 (int)ceil (duration * 10), AUDIO_BUFFER, AUDIO_RATE,
                                 audio_file_encoder (format));
  pipeline = co_pipeline_new_parse (description, path, &error);
  g_assert_no_error (error);
  run_to_file (pipeline, path);
  return path;
}

/**
 * co_test_media_write_empty:
 * @dir: a folder
 * @name: the file name
 *
 * Returns: (transfer full): the path of a new empty file
 */
char *
co_test_media_write_empty (const char *dir,
                           const char *name)
{
  return co_test_media_write_text (dir, name, "");
}

/**
 * co_test_media_write_random:
 * @dir: a folder
 * @name: the file name
 * @size: bytes
 * @seed: the same seed gives the same bytes
 *
 * Returns: (transfer full): the path of a new file of random bytes
 */
char *
co_test_media_write_random (const char *dir,
                            const char *name,
                            gsize       size,
                            guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint8 *data = g_malloc (size);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8)g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, (const char *)data, (gssize)size, &error);
  g_assert_no_error (error);
  return path;
}

/**
 * co_test_media_write_text:
 * @dir: a folder
 * @name: the file name (e.g. `note.txt`, or `song.wav` for a mislabelled file)
 * @text: UTF-8 content
 *
 * Returns: (transfer full): the path of the new file
 */
char *
co_test_media_write_text (const char *dir,
                          const char *name,
                          const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/**
 * co_test_media_truncate:
 * @path: a file
 * @keep: the fraction (0–1) of its bytes to keep
 *
 * Cuts @path in place, as an interrupted copy or download would.
 */
void
co_test_media_truncate (const char *path,
                        double      keep)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
  g_assert_no_errno (truncate (path, (off_t)(st.st_size * CLAMP (keep, 0.0, 1.0))));
}

/* Finds the top-level ISO-BMFF box @type ("mdat", "moov"); returns its offset
 * and size. */
static void
find_box (const char *path,
          const char *type,
          gsize      *out_offset,
          gsize      *out_size)
{
  g_autofree char *data = NULL;
  gsize len = 0, offset = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  while (offset + 8 <= len)
    {
      guint32 size;

      memcpy (&size, data + offset, 4);
      size = GUINT32_FROM_BE (size);

      if (memcmp (data + offset + 4, type, 4) == 0)
        {
          *out_offset = offset;
          *out_size = size;
          return;
        }
      g_assert_cmpuint (size, >=, 8);
      offset += size;
    }
  g_error ("%s has no %s box", path, type);
}

static void
truncate_inside_mdat (const char *path,
                      double      keep)
{
  gsize offset = 0, size = 0;

  find_box (path, "mdat", &offset, &size);
  g_assert_no_errno (truncate (path, (off_t)(offset + 8 + (size - 8) * keep)));
}

/**
 * co_test_media_write_truncated_mp4:
 * @dir: a folder
 * @name: the file name
 * @duration: seconds the header claims
 * @keep: the fraction (0–1) of the media data kept
 *
 * An MP4 (with sound) whose index sits at the start and is intact but whose
 * media data is cut: an interrupted download.
 *
 * Returns: (transfer full): the path of the new file
 */
char *
co_test_media_write_truncated_mp4 (const char *dir,
                                   const char *name,
                                   double      duration,
                                   double      keep)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_MP4, .duration = duration, .audio = TRUE,
                       .pattern = CO_TEST_PATTERN_CIRCLES };
  char *path = co_test_media_write_video (dir, name, &spec);

  truncate_inside_mdat (path, keep);
  return path;
}

/**
 * co_test_media_write_headerless_mp4:
 * @dir: a folder
 * @name: the file name
 * @duration: seconds recorded
 *
 * An MP4 written with its index (moov box) last and cut in the media data,
 * so the index is missing: a camera recording interrupted before it finished.
 *
 * Returns: (transfer full): the path of the new file
 */
char *
co_test_media_write_headerless_mp4 (const char *dir,
                                    const char *name,
                                    double      duration)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_MP4, .duration = duration, .audio = TRUE,
                       .pattern = CO_TEST_PATTERN_CIRCLES, .moov_last = TRUE };
  char *path = co_test_media_write_video (dir, name, &spec);

  truncate_inside_mdat (path, 0.9);
  return path;
}

/**
 * co_test_media_write_short_wav:
 * @dir: a folder
 * @name: the file name
 * @duration: seconds the WAV header claims
 * @keep: the fraction (0–1) of the sample data kept
 *
 * Returns: (transfer full): the path of a WAV whose header claims more
 *   sound than the file holds
 */
char *
co_test_media_write_short_wav (const char *dir,
                               const char *name,
                               double      duration,
                               double      keep)
{
  char *path = co_test_media_write_audio (dir, name, CO_TEST_AUDIO_WAV, duration);
  GStatBuf st;

  /* wavenc writes the canonical 44-byte header. */
  g_assert_no_errno (g_stat (path, &st));
  g_assert_no_errno (truncate (path, (off_t)(44 + (st.st_size - 44) * keep)));
  return path;
}

/* CRC-32 as PNG chunks carry it (ISO 3309), bit by bit: headers are tiny. */
static guint32
png_crc (const guint8 *data,
         gsize         len)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
  return crc ^ 0xffffffffu;
}

static void
append_be32 (GByteArray *out,
             guint32     value)
{
  guint32 be = GUINT32_TO_BE (value);

  g_byte_array_append (out, (const guint8 *)&be, 4);
}

/* @n_bytes of @value, least significant first (at most 4). */
static void
append_le (GByteArray *out,
           guint32     value,
           guint       n_bytes)
{
  g_assert (n_bytes <= 4);
  for (guint i = 0; i < n_bytes; i++)
    {
      guint8 byte = (guint8)(value >> (8 * i));

      g_byte_array_append (out, &byte, 1);
    }
}

static void
append_zeros (GByteArray *out,
              guint       n_bytes)
{
  for (guint i = 0; i < n_bytes; i++)
    append_le (out, 0, 1);
}

static void
append_png_chunk (GByteArray   *out,
                  const char   *type,
                  const guint8 *data,
                  guint32       len)
{
  guint start;

  append_be32 (out, len);
  start = out->len;
  g_byte_array_append (out, (const guint8 *)type, 4);
  g_byte_array_append (out, data, len);
  append_be32 (out, png_crc (out->data + start, len + 4));
}

/* A valid IHDR, then a few bytes of image data that cannot fill the rows. */
static void
append_png_header (GByteArray *out,
                   guint32     width,
                   guint32     height)
{
  static const guint8 idat[] = { 0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01 };
  guint8 ihdr[13] = { 0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0 };
  guint32 w = GUINT32_TO_BE (width), h = GUINT32_TO_BE (height);

  memcpy (ihdr, &w, 4);
  memcpy (ihdr + 4, &h, 4);
  g_byte_array_append (out, (const guint8 *)"\x89PNG\r\n\x1a\n", 8);
  append_png_chunk (out, "IHDR", ihdr, sizeof ihdr);
  append_png_chunk (out, "IDAT", idat, sizeof idat);
  append_png_chunk (out, "IEND", NULL, 0);
}

/* A real 16 × 16 JPEG whose frame header (SOF0) is made to claim the size. */
static void
append_jpeg_header (GByteArray *out,
                    guint32     width,
                    guint32     height)
{
  g_autoptr(GdkPixbuf) pixbuf = co_test_media_pattern (CO_TEST_PATTERN_CHECKER, 16, 16, 0);
  g_autofree char *data = NULL;
  gsize len = 0, i = 0;

  g_assert_cmpuint (width, <=, G_MAXUINT16);
  g_assert_cmpuint (height, <=, G_MAXUINT16);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, "jpeg", NULL, NULL));
  while (i + 9 < len && !((guint8)data[i] == 0xff && (guint8)data[i + 1] == 0xc0))
    i++;
  g_assert_cmpuint (i + 9, <, len);
  data[i + 5] = (char)(height >> 8);
  data[i + 6] = (char)height;
  data[i + 7] = (char)(width >> 8);
  data[i + 8] = (char)width;
  g_byte_array_append (out, (const guint8 *)data, (guint)len);
}

static void
append_gif_header (GByteArray *out,
                   guint32     width,
                   guint32     height)
{
  static const guint8 pixels[] = { 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b };

  g_assert_cmpuint (width, <=, G_MAXUINT16);
  g_assert_cmpuint (height, <=, G_MAXUINT16);
  g_byte_array_append (out, (const guint8 *)"GIF89a", 6);
  append_le (out, width, 2);
  append_le (out, height, 2);
  append_zeros (out, 3);
  g_byte_array_append (out, (const guint8 *)",", 1);
  append_zeros (out, 4);
  append_le (out, width, 2);
  append_le (out, height, 2);
  append_le (out, 0, 1);
  g_byte_array_append (out, pixels, sizeof pixels);
}

/* BITMAPFILEHEADER and a 24-bit BITMAPINFOHEADER, then almost no pixels. */
static void
append_bmp_header (GByteArray *out,
                   guint32     width,
                   guint32     height)
{
  g_byte_array_append (out, (const guint8 *)"BM", 2);
  append_le (out, 14 + 40 + 16, 4);
  append_le (out, 0, 4);
  append_le (out, 14 + 40, 4);
  append_le (out, 40, 4);
  append_le (out, width, 4);
  append_le (out, height, 4);
  append_le (out, 1, 2);
  append_le (out, 24, 2);
  append_zeros (out, 4 * 6 + 16);
}

/**
 * co_test_media_write_image_header:
 * @dir: a folder
 * @name: the file name
 * @format: the image format
 * @width: the width the header claims (at most 65535 for JPEG and GIF)
 * @height: the height the header claims
 *
 * A tiny file whose header is valid and claims @width × @height pixels,
 * followed by far too little image data: what a decompression bomb or a
 * hostile header looks like.  Nothing but the header can be decoded.
 *
 * Returns: (transfer full): the path of the new file
 */
char *
co_test_media_write_image_header (const char        *dir,
                                  const char        *name,
                                  CoTestImageFormat  format,
                                  guint32            width,
                                  guint32            height)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  if (format == CO_TEST_IMAGE_PNG)
    append_png_header (out, width, height);
  else if (format == CO_TEST_IMAGE_JPEG)
    append_jpeg_header (out, width, height);
  else if (format == CO_TEST_IMAGE_GIF)
    append_gif_header (out, width, height);
  else
    append_bmp_header (out, width, height);
  g_file_set_contents (path, (const char *)out->data, out->len, &error);
  g_assert_no_error (error);
  return path;
}

/**
 * co_test_media_patch:
 * @path: a file
 * @marker: bytes to find (the first occurrence counts)
 * @marker_len: their length
 * @offset: where to write, from the start of the marker
 * @bytes: what to write there
 * @n_bytes: how many
 *
 * Changes a few bytes of a generated file in place: a box renamed, a header
 * field set to a hostile value.
 */
void
co_test_media_patch (const char *path,
                     const char *marker,
                     gsize       marker_len,
                     gsize       offset,
                     const void *bytes,
                     gsize       n_bytes)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0, at = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  while (at + marker_len <= len && memcmp (data + at, marker, marker_len) != 0)
    at++;
  g_assert_cmpuint (at + marker_len, <=, len);
  g_assert_cmpuint (at + offset + n_bytes, <=, len);
  memcpy (data + at + offset, bytes, n_bytes);
  g_file_set_contents (path, data, (gssize)len, &error);
  g_assert_no_error (error);
}

/**
 * co_test_media_append:
 * @path: a file
 * @bytes: what to add at its end
 * @n_bytes: how many
 */
void
co_test_media_append (const char *path,
                      const void *bytes,
                      gsize       n_bytes)
{
  FILE *file = g_fopen (path, "ab");

  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (bytes, 1, n_bytes, file), ==, n_bytes);
  g_assert_cmpint (fclose (file), ==, 0);
}

/**
 * co_test_media_truncate_ogg_page:
 * @path: an Ogg file
 * @keep: about the fraction (0–1) of its bytes to keep
 *
 * Cuts @path at the start of the Ogg page where @keep of it falls, so what
 * is left is whole pages, the last of them without the end-of-stream flag:
 * a download that stopped between two pages.
 */
void
co_test_media_truncate_ogg_page (const char *path,
                                 double      keep)
{
  g_autofree char *data = NULL;
  gsize len = 0, offset = 0, cut = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  while (offset + 27 <= len && offset < (gsize)(len * CLAMP (keep, 0.0, 1.0)))
    {
      const guint8 *page = (const guint8 *)data + offset;
      gsize page_len = 27 + page[26];

      g_assert_true (memcmp (page, "OggS", 4) == 0);
      for (int i = 0; i < page[26]; i++)
        page_len += page[27 + i];
      cut = offset;
      offset += page_len;
    }
  g_assert_cmpuint (cut, >, 0);
  g_assert_no_errno (truncate (path, (off_t)cut));
}

/**
 * co_test_media_write_wav_header:
 * @dir: a folder
 * @name: the file name
 * @byte_rate: the bytes per second the "fmt " chunk gives (0 is invalid)
 * @claimed_bytes: the size the "data" chunk claims
 * @held_bytes: the bytes of silence that really follow
 *
 * A 16-bit mono 44.1 kHz WAV whose header says what it is told to.
 *
 * Returns: (transfer full): the path of the new file
 */
char *
co_test_media_write_wav_header (const char *dir,
                                const char *name,
                                guint32     byte_rate,
                                guint32     claimed_bytes,
                                gsize       held_bytes)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_byte_array_append (out, (const guint8 *)"RIFF", 4);
  append_le (out, MIN (G_MAXUINT32 - 36, claimed_bytes) + 36, 4);
  g_byte_array_append (out, (const guint8 *)"WAVEfmt ", 8);
  append_le (out, 16, 4);
  append_le (out, 1, 2);
  append_le (out, 1, 2);
  append_le (out, AUDIO_RATE, 4);
  append_le (out, byte_rate, 4);
  append_le (out, 2, 2);
  append_le (out, 16, 2);
  g_byte_array_append (out, (const guint8 *)"data", 4);
  append_le (out, claimed_bytes, 4);
  append_zeros (out, (guint)held_bytes);
  g_file_set_contents (path, (const char *)out->data, out->len, &error);
  g_assert_no_error (error);
  return path;
}

/**
 * co_test_media_make_symlink_loop:
 * @dir: a folder
 * @name: the link name
 *
 * Tests run as root in CI, where permission bits do not stop reading; a
 * symbolic link to itself is unreadable for everyone (ELOOP).
 *
 * Returns: (transfer full): the path of a link that cannot be opened
 */
char *
co_test_media_make_symlink_loop (const char *dir,
                                 const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_no_errno (symlink (name, path));
  return path;
}

/**
 * co_test_media_make_dir:
 * @dir: a folder
 * @name: the new folder's name (e.g. `folder.mp4`)
 *
 * Returns: (transfer full): the path of a new empty folder
 */
char *
co_test_media_make_dir (const char *dir,
                        const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_no_errno (g_mkdir (path, 0700));
  return path;
}

/**
 * co_test_media_write_exact_aac:
 * @dir: a folder
 * @name: the file name (`.mp4` or `.m4a`)
 * @duration: seconds of a 440 Hz sine, 48 kHz stereo, AAC at 128 kb/s
 * @video: whether to add an H.264 test pattern (160×120, 30 fps)
 *
 * Written by ffmpeg, whose muxer declares in an edit list, as iTunes and
 * phones do, the encoder's priming before the sound and its exact length,
 * which is not a whole number of AAC frames: the decoder's last frame is
 * partly padding.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL if ffmpeg is not
 *   installed
 */
char *
co_test_media_write_exact_aac (const char *dir,
                               const char *name,
                               double      duration,
                               gboolean    video)
{
  g_autofree char *length = g_strdup_printf ("%.6f", duration);
  g_autofree char *sine = g_strdup_printf ("sine=frequency=440:sample_rate=48000:duration=%s",
                                           length);
  char *path = g_build_filename (dir, name, NULL);
  const char *audio_only[] = { "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", sine,
                               "-ac", "2", "-c:a", "aac", "-b:a", "128k", path, NULL };
  const char *with_video[] = { "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", sine,
                               "-f", "lavfi", "-i", "testsrc=size=160x120:rate=30", "-t", length,
                               "-ac", "2", "-c:a", "aac", "-b:a", "128k", "-c:v", "libx264",
                               "-pix_fmt", "yuv420p", path, NULL };
  g_autofree char *found = g_find_program_in_path ("ffmpeg");
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (found == NULL)
    {
      g_free (path);
      return NULL;
    }
  g_spawn_sync (NULL, (char **) (video ? with_video : audio_only), NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return path;
}
