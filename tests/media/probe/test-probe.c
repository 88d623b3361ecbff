/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-media-error.h"
#include "co-probe.h"
#include "co-test-media.h"
#include "co-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("probe");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
}

static CoMediaInfo *
probe_ok (const char   *path,
          CoProbeFlags  flags)
{
  g_autoptr(GError) error = NULL;
  CoMediaInfo *info = co_probe_file (path, flags, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info;
}

/* Every bad input must fail with its own code, and the message must name the
 * file and say why. */
static void
assert_probe_fails (const char   *path,
                    CoProbeFlags  flags,
                    gint64        max_size,
                    int           code,
                    const char   *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoMediaInfo) info = NULL;
  g_autofree char *name = g_path_get_basename (path);

  info = co_probe_file_full (path, flags, max_size, NULL, &error);
  g_assert_null (info);
  g_assert_error (error, CO_MEDIA_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, reason));
}

static void
test_png (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_png (fixture->dir, "a.png", 64, 48,
                                                   CO_TEST_PATTERN_CHECKER);
  g_autoptr(CoMediaInfo) info = probe_ok (path, CO_PROBE_CHECK_COMPLETE);

  g_assert_cmpint (info->type, ==, CO_VAULT_TYPE_IMAGE);
  g_assert_cmpstr (info->mime, ==, "image/png");
  g_assert_cmpint (info->width, ==, 64);
  g_assert_cmpint (info->height, ==, 48);
  g_assert_cmpfloat (info->duration, <, 0);
  g_assert_false (info->has_audio);
  g_assert_cmpint (info->created_at, >, 0);
}

static void
test_jpeg (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_jpeg (fixture->dir, "a.jpg", 80, 60,
                                                    CO_TEST_PATTERN_CIRCLES, 90);
  g_autoptr(CoMediaInfo) info = probe_ok (path, CO_PROBE_NONE);

  g_assert_cmpint (info->type, ==, CO_VAULT_TYPE_IMAGE);
  g_assert_cmpstr (info->mime, ==, "image/jpeg");
  g_assert_cmpint (info->width, ==, 80);
  g_assert_cmpint (info->height, ==, 60);
}

static void
test_webm (Fixture       *fixture,
           gconstpointer  data)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_WEBM, .duration = 2, .audio = TRUE };
  g_autofree char *path = co_test_media_write_video (fixture->dir, "a.webm", &spec);
  g_autoptr(CoMediaInfo) info = NULL;

  info = probe_ok (path, CO_PROBE_CHECK_COMPLETE | CO_PROBE_REQUIRE_AUDIO |
                         CO_PROBE_REQUIRE_VIDEO);
  g_assert_cmpint (info->type, ==, CO_VAULT_TYPE_VIDEO);
  g_assert_cmpstr (info->mime, ==, "video/webm");
  g_assert_true (info->has_video);
  g_assert_true (info->has_audio);
  g_assert_cmpint (info->width, ==, 160);
  g_assert_cmpint (info->height, ==, 120);
  g_assert_cmpint (info->framerate_num, ==, 15);
  g_assert_cmpint (info->framerate_den, ==, 1);
  g_assert_cmpint (info->sample_rate, ==, 44100);
  g_assert_cmpint (info->channels, ==, 1);
  g_assert_cmpfloat_with_epsilon (info->duration, 2.0, 0.2);
  g_assert_nonnull (strstr (info->codecs, "VP8"));
  g_assert_nonnull (strstr (info->codecs, "Vorbis"));
  g_assert_nonnull (info->container);
}

static void
test_mp4 (Fixture       *fixture,
          gconstpointer  data)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_MP4, .duration = 2, .audio = TRUE,
                       .width = 128, .height = 96 };
  g_autofree char *path = co_test_media_write_video (fixture->dir, "a.mp4", &spec);
  g_autoptr(CoMediaInfo) info = NULL;

  info = probe_ok (path, CO_PROBE_CHECK_COMPLETE | CO_PROBE_REQUIRE_AUDIO);
  g_assert_cmpint (info->type, ==, CO_VAULT_TYPE_VIDEO);
  g_assert_cmpstr (info->mime, ==, "video/mp4");
  g_assert_cmpint (info->width, ==, 128);
  g_assert_cmpint (info->height, ==, 96);
  g_assert_cmpfloat_with_epsilon (info->duration, 2.0, 0.2);
  g_assert_nonnull (strstr (info->video_codec, "H.264"));
  g_assert_nonnull (strstr (info->audio_codec, "AAC"));
}

static void
test_wav (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_audio (fixture->dir, "a.wav",
                                                     CO_TEST_AUDIO_WAV, 1.5);
  g_autoptr(CoMediaInfo) info = probe_ok (path, CO_PROBE_CHECK_COMPLETE);

  g_assert_cmpint (info->type, ==, CO_VAULT_TYPE_AUDIO);
  g_assert_cmpstr (info->mime, ==, "audio/x-wav");
  g_assert_false (info->has_video);
  g_assert_true (info->has_audio);
  g_assert_cmpint (info->width, ==, 0);
  g_assert_cmpfloat_with_epsilon (info->duration, 1.5, 0.05);
  g_assert_cmpint (info->sample_rate, ==, 44100);
}

static void
test_ogg (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_audio (fixture->dir, "a.ogg",
                                                     CO_TEST_AUDIO_OGG, 1.0);
  g_autoptr(CoMediaInfo) info = probe_ok (path, CO_PROBE_CHECK_COMPLETE);

  g_assert_cmpint (info->type, ==, CO_VAULT_TYPE_AUDIO);
  g_assert_cmpstr (info->mime, ==, "audio/ogg");
  g_assert_nonnull (strstr (info->codecs, "Vorbis"));
  g_assert_cmpfloat_with_epsilon (info->duration, 1.0, 0.1);
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_text (fixture->dir, "idea.txt",
                                                    "Film the sunrise\nfrom the roof ✓\n");
  g_autoptr(CoMediaInfo) info = probe_ok (path, CO_PROBE_CHECK_COMPLETE);

  g_assert_cmpint (info->type, ==, CO_VAULT_TYPE_NOTE);
  g_assert_true (g_str_has_prefix (info->mime, "text/"));
  g_assert_cmpfloat (info->duration, <, 0);
}

/* The name says video, the content is a PNG: content wins. */
static void
test_png_named_mp4 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_png (fixture->dir, "clip.mp4", 32, 32,
                                                   CO_TEST_PATTERN_STRIPES);
  g_autoptr(CoMediaInfo) info = probe_ok (path, CO_PROBE_CHECK_COMPLETE);

  g_assert_cmpint (info->type, ==, CO_VAULT_TYPE_IMAGE);
  g_assert_cmpstr (info->mime, ==, "image/png");
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nothing-here.mp4", NULL);

  assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_NOT_FOUND, "does not exist");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_empty (fixture->dir, "empty.png");

  assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_EMPTY, "is empty");
}

static void
test_random (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_random (fixture->dir, "noise.mp4", 8192, 42);

  assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_UNSUPPORTED, "not recognised");
}

static void
test_text_named_wav (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_text (fixture->dir, "song.wav",
                                                    "<html><body>404 Not Found</body></html>\n");

  assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_UNSUPPORTED, "holds plain text");
}

static void
test_corrupt_png (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_png (fixture->dir, "cut.png", 200, 150,
                                                   CO_TEST_PATTERN_NOISE);

  co_test_media_truncate (path, 0.5);
  assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_CORRUPT, "damaged image");
}

static void
test_truncated_mp4 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_truncated_mp4 (fixture->dir, "clip.mp4", 4.0, 0.4);

  /* The box structure shows the cut, with or without the full check. */
  assert_probe_fails (path, CO_PROBE_CHECK_COMPLETE, 0, CO_MEDIA_ERROR_TRUNCATED,
                      "before its header says");
  assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_TRUNCATED, "is truncated");
}

static void
test_truncated_webm (Fixture       *fixture,
                     gconstpointer  data)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_WEBM, .duration = 4, .audio = TRUE,
                       .pattern = CO_TEST_PATTERN_NOISE };
  g_autofree char *path = co_test_media_write_video (fixture->dir, "clip.webm", &spec);

  co_test_media_truncate (path, 0.4);
  assert_probe_fails (path, CO_PROBE_CHECK_COMPLETE, 0, CO_MEDIA_ERROR_TRUNCATED,
                      "before its header says");
}

static void
test_headerless_mp4 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_headerless_mp4 (fixture->dir, "rec.mp4", 2.0);

  assert_probe_fails (path, CO_PROBE_CHECK_COMPLETE, 0, CO_MEDIA_ERROR_CORRUPT, "“moov” box");
}

static void
test_short_wav (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_short_wav (fixture->dir, "voice.wav", 2.0, 0.5);

  assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_TRUNCATED,
                      "it holds 1.0 s of the 2.0 s its header claims");
}

/* Issue 11: cut files of every container the importer accepts, each made
 * whole first.  The whole file passes; the cut one is refused as truncated
 * from its structure alone (CO_PROBE_NONE, what export and transcode use)
 * and with the full check (what import uses). */
typedef struct
{
  const char *name;
  char      *(*make) (const char *dir,
                      const char *name);
  double      keep;
  gboolean    at_page;
  const char *reason;
} CutCase;

static char *
make_ogg (const char *dir,
          const char *name)
{
  return co_test_media_write_audio (dir, name, CO_TEST_AUDIO_OGG, 6.0);
}

static char *
make_flac (const char *dir,
           const char *name)
{
  return co_test_media_write_audio (dir, name, CO_TEST_AUDIO_FLAC, 4.0);
}

static char *
make_mp3 (const char *dir,
          const char *name)
{
  return co_test_media_write_audio (dir, name, CO_TEST_AUDIO_MP3, 4.0);
}

static char *
make_container (const char      *dir,
                const char      *name,
                CoTestContainer  container)
{
  CoTestVideo spec = { .container = container, .duration = 4, .audio = TRUE,
                       .pattern = CO_TEST_PATTERN_NOISE };

  return co_test_media_write_video (dir, name, &spec);
}

static char *
make_mkv (const char *dir,
          const char *name)
{
  return make_container (dir, name, CO_TEST_CONTAINER_MKV);
}

static char *
make_webm (const char *dir,
           const char *name)
{
  return make_container (dir, name, CO_TEST_CONTAINER_WEBM);
}

static char *
make_avi (const char *dir,
          const char *name)
{
  return make_container (dir, name, CO_TEST_CONTAINER_AVI);
}

static char *
make_mp4 (const char *dir,
          const char *name)
{
  return make_container (dir, name, CO_TEST_CONTAINER_MP4);
}

static const CutCase cut_cases[] = {
  { "half.ogg", make_ogg, 0.5, FALSE, "last Ogg page is cut off" },
  { "pages.ogg", make_ogg, 0.5, TRUE, "end-of-stream" },
  { "tenth.mkv", make_mkv, 0.1, FALSE, "before its header says" },
  { "half.webm", make_webm, 0.5, FALSE, "before its header says" },
  { "half.avi", make_avi, 0.5, FALSE, "before its header says" },
  { "half.flac", make_flac, 0.5, FALSE, "is truncated" },
  { "half.mp3", make_mp3, 0.5, FALSE, "before its header says" },
  { "half.mp4", make_mp4, 0.5, FALSE, "is truncated" },
};

static void
test_truncated_containers (Fixture       *fixture,
                           gconstpointer  data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cut_cases); i++)
    {
      const CutCase *c = &cut_cases[i];
      g_autofree char *path = c->make (fixture->dir, c->name);
      g_autoptr(CoMediaInfo) whole = probe_ok (path, CO_PROBE_CHECK_COMPLETE);

      g_test_message ("%s: %.2f s whole", c->name, whole->duration);
      if (c->at_page)
        co_test_media_truncate_ogg_page (path, c->keep);
      else
        co_test_media_truncate (path, c->keep);
      assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_TRUNCATED, c->reason);
      assert_probe_fails (path, CO_PROBE_CHECK_COMPLETE, 0, CO_MEDIA_ERROR_TRUNCATED,
                          "is truncated");
    }
}

/* Issue 11: a WAV whose byte rate is 0 and whose data chunk claims 2 GB
 * but holds 1 KB was taken for a whole file. */
static void
test_wav_without_byte_rate (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_wav_header (fixture->dir, "zero.wav", 0,
                                                          2000000000u, 1024);
  g_autofree char *unknown = co_test_media_write_wav_header (fixture->dir, "stream.wav", 0,
                                                             G_MAXUINT32, 8820);
  g_autoptr(CoMediaInfo) info = NULL;

  assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_TRUNCATED,
                      "of the 22675.7 s its header claims");
  assert_probe_fails (path, CO_PROBE_CHECK_COMPLETE, 0, CO_MEDIA_ERROR_TRUNCATED, "truncated");
  /* A streaming writer's "size unknown" is not a claim. */
  info = probe_ok (unknown, CO_PROBE_NONE);
  g_assert_cmpint (info->type, ==, CO_VAULT_TYPE_AUDIO);
}

/* Issue 11 fuzzing: GStreamer 1.22's decodebin can lose the error qtdemux
 * posts on an MP4 without tracks, and GstDiscoverer then waited 20 s.  The
 * demuxer alone is asked first: every probe fails at once, with the
 * demuxer's reason, however many ran before it in the process. */
static void
test_lost_demuxer_error (Fixture       *fixture,
                         gconstpointer  data)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_MP4, .width = 64, .height = 48,
                       .duration = 1 };
  g_autofree char *path = co_test_media_write_video (fixture->dir, "notrak.mp4", &spec);

  co_test_media_patch (path, "trak", 4, 0, "free", 4);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (co_probe_file (path, CO_PROBE_NONE, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_false (g_error_matches (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED));
      g_assert_nonnull (strstr (error->message, "notrak.mp4"));
    }
}

/* Issue 11 fuzzing: a Vorbis header of 157 channels crashed vorbisdec with
 * SIGFPE, and a WAV whose LIST chunk after the data was cut made wavparse
 * push the same bytes for ever.  Both are refused before GStreamer reads
 * them. */
static void
test_hostile_headers (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *ogg = co_test_media_write_audio (fixture->dir, "many.ogg", CO_TEST_AUDIO_OGG,
                                                    0.5);
  g_autofree char *wav = co_test_media_write_audio (fixture->dir, "list.wav", CO_TEST_AUDIO_WAV,
                                                    0.5);
  const guint8 channels = 157;

  co_test_media_patch (ogg, "\x01vorbis", 7, 11, &channels, 1);
  assert_probe_fails (ogg, CO_PROBE_CHECK_COMPLETE, 0, CO_MEDIA_ERROR_UNSUPPORTED,
                      "157 channels");
  co_test_media_append (wav, "LIST\x04\0\0\0I", 9);
  assert_probe_fails (wav, CO_PROBE_CHECK_COMPLETE, 0, CO_MEDIA_ERROR_TRUNCATED, "truncated");
}

static void
test_unreadable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = co_test_media_make_symlink_loop (fixture->dir, "loop.png");

  assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_UNREADABLE, "cannot be read");
}

static void
test_directory (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = co_test_media_make_dir (fixture->dir, "folder.mp4");

  assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_NOT_A_FILE, "is a folder");
}

static void
test_no_audio (Fixture       *fixture,
               gconstpointer  data)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_MP4, .duration = 1, .audio = FALSE };
  g_autofree char *path = co_test_media_write_video (fixture->dir, "silent.mp4", &spec);
  g_autoptr(CoMediaInfo) info = probe_ok (path, CO_PROBE_CHECK_COMPLETE);

  g_assert_true (info->has_video);
  g_assert_false (info->has_audio);
  g_assert_null (info->audio_codec);
  assert_probe_fails (path, CO_PROBE_REQUIRE_AUDIO, 0, CO_MEDIA_ERROR_NO_AUDIO,
                      "has no sound track");
}

static void
test_no_video (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_audio (fixture->dir, "tone.ogg",
                                                     CO_TEST_AUDIO_OGG, 0.5);

  assert_probe_fails (path, CO_PROBE_REQUIRE_VIDEO, 0, CO_MEDIA_ERROR_NO_VIDEO,
                      "has no video track");
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_png (fixture->dir, "big.png", 64, 64,
                                                   CO_TEST_PATTERN_NOISE);

  assert_probe_fails (path, CO_PROBE_NONE, 100, CO_MEDIA_ERROR_TOO_LARGE, "over the limit of");
  /* The same file passes with the default limit. */
  g_autoptr(CoMediaInfo) info = probe_ok (path, CO_PROBE_NONE);
  g_assert_cmpint (info->type, ==, CO_VAULT_TYPE_IMAGE);
}

/* Issue 11: a 74-byte PNG claiming 10⁶ × 10⁶ pixels made gdk-pixbuf ask for
 * terabytes, and a real 30000 × 30000 one took minutes and gigabytes.  Every
 * format is refused from its header, over CO_PROBE_MAX_PIXELS. */
static void
test_pixel_limit (Fixture       *fixture,
                  gconstpointer  data)
{
  const struct
  {
    const char        *name;
    CoTestImageFormat  format;
    guint32            width;
    guint32            height;
  } huge[] = {
    { "bomb.png", CO_TEST_IMAGE_PNG, 1000000, 1000000 },
    { "wide.png", CO_TEST_IMAGE_PNG, 30000, 30000 },
    { "over.png", CO_TEST_IMAGE_PNG, 10001, 10000 },
    { "camera.jpg", CO_TEST_IMAGE_JPEG, 60000, 60000 },
    { "anim.gif", CO_TEST_IMAGE_GIF, 65535, 65535 },
    { "scan.bmp", CO_TEST_IMAGE_BMP, 100000, 100000 },
  };
  g_autofree char *at_limit = co_test_media_write_image_header (fixture->dir, "limit.png",
                                                                CO_TEST_IMAGE_PNG, 10000, 10000);

  for (gsize i = 0; i < G_N_ELEMENTS (huge); i++)
    {
      g_autofree char *path = co_test_media_write_image_header (fixture->dir, huge[i].name,
                                                                huge[i].format, huge[i].width,
                                                                huge[i].height);

      assert_probe_fails (path, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_TOO_MANY_PIXELS,
                          "over the limit of 100 megapixels");
    }
  /* Exactly 100 megapixels passes the header; this file then fails as the
   * damaged image it is: its data ends long before its last row. */
  assert_probe_fails (at_limit, CO_PROBE_NONE, 0, CO_MEDIA_ERROR_CORRUPT, "cut short");
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_WEBM, .duration = 1 };
  g_autofree char *path = co_test_media_write_video (fixture->dir, "a.webm", &spec);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CoMediaInfo) info = NULL;

  g_cancellable_cancel (cancellable);
  info = co_probe_file (path, CO_PROBE_CHECK_COMPLETE, cancellable, &error);
  g_assert_null (info);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_info_copy (void)
{
  CoMediaInfo info = { .type = CO_VAULT_TYPE_VIDEO, .mime = (char *)"video/mp4",
                       .codecs = (char *)"H.264", .width = 10, .duration = 2.5 };
  g_autoptr(CoMediaInfo) copy = co_media_info_copy (&info);

  g_assert_cmpstr (copy->mime, ==, "video/mp4");
  g_assert_true (copy->mime != info.mime);
  g_assert_cmpstr (copy->codecs, ==, "H.264");
  g_assert_null (copy->container);
  g_assert_cmpint (copy->width, ==, 10);
  g_assert_cmpfloat (copy->duration, ==, 2.5);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  co_test_media_init ();

  ADD ("/media/probe/png", test_png);
  ADD ("/media/probe/jpeg", test_jpeg);
  ADD ("/media/probe/webm", test_webm);
  ADD ("/media/probe/mp4", test_mp4);
  ADD ("/media/probe/wav", test_wav);
  ADD ("/media/probe/ogg", test_ogg);
  ADD ("/media/probe/text", test_text);
  ADD ("/media/probe/png-named-mp4", test_png_named_mp4);
  ADD ("/media/probe/missing", test_missing);
  ADD ("/media/probe/empty", test_empty);
  ADD ("/media/probe/random-bytes", test_random);
  ADD ("/media/probe/text-named-wav", test_text_named_wav);
  ADD ("/media/probe/corrupt-png", test_corrupt_png);
  ADD ("/media/probe/truncated-mp4", test_truncated_mp4);
  ADD ("/media/probe/truncated-webm", test_truncated_webm);
  ADD ("/media/probe/headerless-mp4", test_headerless_mp4);
  ADD ("/media/probe/short-wav", test_short_wav);
  ADD ("/media/probe/truncated-containers", test_truncated_containers);
  ADD ("/media/probe/wav-without-byte-rate", test_wav_without_byte_rate);
  ADD ("/media/probe/lost-demuxer-error", test_lost_demuxer_error);
  ADD ("/media/probe/hostile-headers", test_hostile_headers);
  ADD ("/media/probe/unreadable", test_unreadable);
  ADD ("/media/probe/directory", test_directory);
  ADD ("/media/probe/no-audio", test_no_audio);
  ADD ("/media/probe/no-video", test_no_video);
  ADD ("/media/probe/too-large", test_too_large);
  ADD ("/media/probe/cancelled", test_cancelled);
  ADD ("/media/probe/image/pixel-limit", test_pixel_limit);
  g_test_add_func ("/media/probe/info-copy", test_info_copy);

  return g_test_run ();
}
