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

static char *
video_description (const CoTestVideo *spec)
{
  GString *d = g_string_new ("appsrc name=src format=time ! videoconvert ! ");

  if (spec->container == CO_TEST_CONTAINER_WEBM)
    g_string_append_printf (d, "vp8enc deadline=1 keyframe-max-dist=%d ! webmmux name=mux ",
                            spec->fps);
  else
    g_string_append_printf (d, "x264enc speed-preset=ultrafast bframes=0 key-int-max=%d "
                            "! h264parse ! mp4mux name=mux faststart=%s ",
                            spec->fps, spec->moov_last ? "false" : "true");
  g_string_append (d, "! filesink name=sink ");

  if (spec->audio)
    {
      g_string_append_printf (d, "audiotestsrc num-buffers=%d samplesperbuffer=%d freq=440 "
                              "! audio/x-raw,rate=%d,channels=1 ! audioconvert ! ",
                              (int)ceil (spec->duration * 10), AUDIO_BUFFER, AUDIO_RATE);
      if (spec->container == CO_TEST_CONTAINER_WEBM)
        g_string_append (d, "vorbisenc ! mux.");
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
                                 format == CO_TEST_AUDIO_WAV ? "wavenc"
                                                             : "audioconvert ! vorbisenc ! oggmux");
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
