/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-export-error.h"
#include "co-media-error.h"
#include "co-probe.h"
#include "co-test-media.h"
#include "co-test-util.h"
#include "co-transcode.h"

/* One small source clip is shared by all tests of a run. */
static char *source_dir;
static char *small_clip;

typedef struct
{
  CoTranscodeTarget  target;
  const char        *codec_word;
  int                width;
  int                height;
} Case;

static const char *
clip_for (int width,
          int height)
{
  static char *hd_clip;

  if (width == 320)
    return small_clip;
  if (hd_clip == NULL)
    {
      CoTestVideo spec = { CO_TEST_CONTAINER_MP4, 1280, 720, 25, 0.6, TRUE,
                           CO_TEST_PATTERN_CIRCLES, 0, FALSE };
      hd_clip = co_test_media_write_video (source_dir, "hd clip.mp4", &spec);
    }
  return hd_clip;
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_target (gconstpointer data)
{
  const Case *c = data;
  const char *source = clip_for (c->width, c->height);
  g_autofree char *dir = co_test_make_temp_dir ("transcode");
  g_autofree char *name = g_strdup_printf ("sortie élève.%s",
                                           co_transcode_target_get_extension (c->target));
  g_autofree char *output = g_build_filename (dir, name, NULL);
  g_autoptr(CoMediaInfo) in = NULL;
  g_autoptr(CoMediaInfo) out = NULL;
  g_autoptr(GError) error = NULL;
  double last = -1;

  g_assert_true (co_transcode_file (source, output, c->target, FALSE, progress_cb, &last,
                                    NULL, &error));
  g_assert_no_error (error);

  /* The test probes the result on its own, not through the verification. */
  in = co_probe_file (source, CO_PROBE_NONE, NULL, &error);
  out = co_probe_file (output, CO_PROBE_REQUIRE_VIDEO, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out->video_codec, c->codec_word));
  g_assert_cmpint (out->width, ==, c->width);
  g_assert_cmpint (out->height, ==, c->height);
  g_assert_cmpint (out->framerate_num * in->framerate_den, ==, in->framerate_num * out->framerate_den);
  g_assert_cmpfloat_with_epsilon (out->duration, in->duration, 1.0 / in->framerate_num * in->framerate_den + 1e-3);
  g_assert_true (out->has_audio);
}

static void
test_refuses_overwrite (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("overwrite");
  g_autofree char *output = NULL;
  g_autofree char *content = NULL;
  g_autoptr(GError) error = NULL;

  output = co_test_write_file (dir, "taken.mov", "keep me", -1);
  g_assert_false (co_transcode_file (small_clip, output, CO_TRANSCODE_PRORES_PROXY, FALSE, NULL,
                                     NULL, NULL, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "taken.mov"));
  g_assert_true (g_file_get_contents (output, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "keep me");

  g_clear_error (&error);
  g_assert_true (co_transcode_file (small_clip, output, CO_TRANSCODE_PRORES_PROXY, TRUE, NULL,
                                    NULL, NULL, &error));
  g_assert_no_error (error);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
cancel_cb (double      fraction,
           const char *message,
           gpointer    user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel_leaves_nothing (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("cancel");
  g_autofree char *output = g_build_filename (dir, "never.mov", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (co_transcode_file (small_clip, output, CO_TRANSCODE_PRORES_HQ, FALSE, cancel_cb,
                                     cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (dir), ==, 0);
}

static void
test_bad_inputs (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("bad");
  g_autofree char *audio = co_test_media_write_audio (dir, "voice.wav", CO_TEST_AUDIO_WAV, 0.5);
  g_autofree char *random = co_test_media_write_random (dir, "noise.mp4", 4096, 7);
  g_autofree char *output = g_build_filename (dir, "out.mov", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing-folder", "out.mov", NULL);
  g_autoptr(GError) error = NULL;
  CoTranscodeTarget target;

  g_assert_false (co_transcode_file (audio, output, CO_TRANSCODE_PRORES, FALSE, NULL, NULL, NULL,
                                     &error));
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_NO_VIDEO);
  g_assert_nonnull (strstr (error->message, "voice.wav"));
  g_clear_error (&error);

  g_assert_false (co_transcode_file (random, output, CO_TRANSCODE_H264, FALSE, NULL, NULL, NULL,
                                     &error));
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "noise.mp4"));
  g_clear_error (&error);

  /* DNxHR is offered only at the two sizes GStreamer's encoder takes. */
  g_assert_false (co_transcode_file (small_clip, output, CO_TRANSCODE_DNXHR_SQ, FALSE, NULL, NULL,
                                     NULL, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "320×240"));
  g_clear_error (&error);

  g_assert_false (co_transcode_file (small_clip, nowhere, CO_TRANSCODE_H264, FALSE, NULL, NULL,
                                     NULL, &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_IO);
  g_clear_error (&error);

  g_assert_cmpuint (count_files (dir), ==, 2);
  g_assert_false (co_transcode_target_from_string ("prores-xq", &target));
  g_assert_true (co_transcode_target_from_string ("dnxhr-hq", &target));
  g_assert_cmpint (target, ==, CO_TRANSCODE_DNXHR_HQ);
}

/* Issue 11: a cut input was transcoded, and the copy, shorter than the
 * source, was reported as our failure, naming the output and asking for a
 * bug report.  The input is named, as truncated, before anything is
 * written.  A live recording, whose header has no duration, is whole. */
static void
test_truncated_input (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("cut");
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_MKV, .width = 160, .height = 120,
                       .duration = 2, .pattern = CO_TEST_PATTERN_NOISE };
  CoTestVideo live_spec = spec;
  g_autofree char *cut = NULL;
  g_autofree char *live = NULL;
  g_autofree char *cut_live = NULL;
  g_autofree char *output = g_build_filename (dir, "copy.mp4", NULL);
  g_autofree char *live_output = g_build_filename (dir, "live copy.mp4", NULL);
  const char *inputs[2];
  g_autoptr(GError) error = NULL;

  live_spec.live = TRUE;
  cut = co_test_media_write_video (dir, "tenth.mkv", &spec);
  live = co_test_media_write_video (dir, "live.mkv", &live_spec);
  cut_live = co_test_media_write_video (dir, "cut live.mkv", &live_spec);
  co_test_media_truncate (cut, 0.1);
  co_test_media_truncate (cut_live, 0.5);
  inputs[0] = cut;
  inputs[1] = cut_live;

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *name = g_path_get_basename (inputs[i]);

      g_assert_false (co_transcode_file (inputs[i], output, CO_TRANSCODE_H264, FALSE, NULL, NULL,
                                         NULL, &error));
      g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TRUNCATED);
      g_assert_nonnull (strstr (error->message, name));
      g_assert_nonnull (strstr (error->message, "truncated"));
      g_assert_null (strstr (error->message, "copy.mp4"));
      g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
      g_clear_error (&error);
    }
  g_assert_cmpuint (count_files (dir), ==, 3);

  g_assert_true (co_transcode_file (live, live_output, CO_TRANSCODE_H264, FALSE, NULL, NULL,
                                    NULL, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const Case cases[] = {
    { CO_TRANSCODE_PRORES_PROXY, "ProRes", 320, 240 },
    { CO_TRANSCODE_PRORES_LT, "ProRes", 320, 240 },
    { CO_TRANSCODE_PRORES, "ProRes", 320, 240 },
    { CO_TRANSCODE_PRORES_HQ, "ProRes", 320, 240 },
    { CO_TRANSCODE_DNXHR_LB, "DNx", 1280, 720 },
    { CO_TRANSCODE_DNXHR_SQ, "DNx", 1280, 720 },
    { CO_TRANSCODE_DNXHR_HQ, "DNx", 1280, 720 },
    { CO_TRANSCODE_H264, "H.264", 320, 240 },
  };
  CoTestVideo spec = { CO_TEST_CONTAINER_MP4, 320, 240, 30, 1.0, TRUE,
                       CO_TEST_PATTERN_CHECKER, 0, FALSE };
  int rc;

  co_test_init (&argc, &argv);
  co_test_media_init ();

  /* Made before the tests' isolated folders exist, so in a folder of its own. */
  source_dir = g_dir_make_tmp ("co-transcode-XXXXXX", NULL);
  g_assert_nonnull (source_dir);
  small_clip = co_test_media_write_video (source_dir, "Café talk & b-roll \"take 2\".mp4", &spec);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/media/transcode/%s",
                                               co_transcode_target_to_string (cases[i].target));
      g_test_add_data_func (path, &cases[i], test_target);
    }
  g_test_add_func ("/media/transcode/refuses-overwrite", test_refuses_overwrite);
  g_test_add_func ("/media/transcode/cancel-leaves-nothing", test_cancel_leaves_nothing);
  g_test_add_func ("/media/transcode/bad-inputs", test_bad_inputs);
  g_test_add_func ("/media/transcode/truncated-input", test_truncated_input);

  rc = g_test_run ();
  remove_tree (source_dir);
  g_free (small_clip);
  g_free (source_dir);
  return rc;
}
