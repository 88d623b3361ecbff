/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "co-analysis.h"
#include "co-analysis-private.h"
#include "co-test-media.h"
#include "co-test-speech.h"
#include "co-test-util.h"

/*
 * Scene changes found frame-exact in video as encoders write it: x264 with
 * its element's defaults, as its own command line sets it up (B-frames),
 * with its scene-cut detection off, with key frames much closer together
 * and much further apart than the shots, as OBS streams (constant bit
 * rate, a key frame every 2 s), x265, VP9 and AV1 in WebM, at frame rates
 * from 23.976 to 60, mostly at 320 × 180 and some at 1280 × 720 and
 * 1920 × 1080.  The cuts are planted where they are hardest: exactly on a
 * regular key frame, on the frame after one, on the frame before one, and
 * two shots apart by less than a second.
 */

typedef struct
{
  const char *name;
  const char *container;
  const char *encoder;     /* %d: the frames between key frames */
  int         fps;
  int         fps_denominator;
  int         gop;         /* frames between regular key frames */
  int         height;      /* of the picture, 16:9; 0 for 180 */
} Case;

static const Case cases[] = {
  { "x264-element-defaults", "mp4", "x264enc key-int-max=%d ! h264parse", 30, 1, 60 },
  { "x264-cli-defaults", "mp4",
    "x264enc pass=quant quantizer=23 bframes=3 key-int-max=%d ! h264parse", 30, 1, 250 },
  { "x264-scenecut-off", "mp4",
    "x264enc pass=quant quantizer=23 bframes=3 key-int-max=%d option-string=scenecut=0 "
    "! h264parse", 30, 1, 60 },
  { "x264-gop-shorter", "mp4",
    "x264enc speed-preset=ultrafast key-int-max=%d ! h264parse", 25, 1, 12 },
  { "x264-gop-longer", "mp4",
    "x264enc speed-preset=fast bframes=2 key-int-max=%d option-string=scenecut=0 ! h264parse",
    24000, 1001, 300 },
  { "obs-cbr", "mp4",
    "x264enc pass=cbr bitrate=2500 speed-preset=veryfast bframes=2 key-int-max=%d "
    "! h264parse", 60, 1, 120 },
  { "x264-29.97", "mp4", "x264enc speed-preset=superfast key-int-max=%d ! h264parse", 30000, 1001,
    60 },
  { "x264-50", "mp4", "x264enc speed-preset=veryfast bframes=3 key-int-max=%d ! h264parse", 50, 1,
    100 },
  { "x264-59.94", "mp4", "x264enc speed-preset=ultrafast key-int-max=%d ! h264parse", 60000, 1001,
    120 },
  { "x265", "mp4", "x265enc speed-preset=ultrafast key-int-max=%d ! h265parse", 30, 1, 60 },
  { "vp9", "webm", "vp9enc deadline=1 cpu-used=8 keyframe-max-dist=%d", 30, 1, 60 },
  { "av1", "webm", "av1enc cpu-used=8 usage-profile=realtime keyframe-max-dist=%d ! av1parse",
    25, 1, 50 },
  /* Larger pictures at the same bit rates: x264's rate control starves
   * more cuts, and VP9 sharpens more often.  One x264 thread, so that it
   * writes the same frames every run. */
  { "x264-29.97-720p", "mp4",
    "x264enc speed-preset=superfast threads=1 key-int-max=%d ! h264parse", 30000, 1001, 60, 720 },
  { "x264-gop-shorter-720p", "mp4",
    "x264enc speed-preset=ultrafast threads=1 key-int-max=%d ! h264parse", 25, 1, 12, 720 },
  { "x264-59.94-720p", "mp4",
    "x264enc speed-preset=ultrafast threads=1 key-int-max=%d ! h264parse", 60000, 1001, 120, 720 },
  { "vp9-720p", "webm", "vp9enc deadline=1 cpu-used=8 keyframe-max-dist=%d", 30, 1, 60, 720 },
  { "x264-29.97-1080p", "mp4",
    "x264enc speed-preset=superfast threads=1 key-int-max=%d ! h264parse", 30000, 1001, 60, 1080 },
};

static int
compare_uint (const void *a,
              const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* The frames of the cuts: on the second and fourth regular key frame, one
 * after the third and one before the fifth (where the shots allow), plus
 * some anywhere, two of them less than a second apart. */
static GArray *
plant_cuts (const Case *c,
            guint       n_frames)
{
  double rate = (double) c->fps / c->fps_denominator;
  guint gop = (guint) c->gop;
  guint wanted[] = { (guint) (1.3 * rate), 2 * gop, 3 * gop + 1, 4 * gop, 5 * gop - 1,
                     (guint) (6.1 * rate), (guint) (6.8 * rate), (guint) (8.45 * rate) };
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (guint));

  qsort (wanted, G_N_ELEMENTS (wanted), sizeof (guint), compare_uint);
  for (gsize i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      guint last = cuts->len > 0 ? g_array_index (cuts, guint, cuts->len - 1) : 0;

      /* Shots of at least half a second, none in the last second. */
      if (wanted[i] >= last + rate / 2 && wanted[i] + rate < n_frames)
        g_array_append_val (cuts, wanted[i]);
    }
  return cuts;
}

static gboolean
have_element (const char *description)
{
  g_auto(GStrv) words = g_strsplit (description, " ", 2);
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (words[0]);

  return factory != NULL;
}

/* That the scenes found in @path, at @rate frames per second, start
 * exactly on the frames @cuts; and, for an MP4, that a serial analysis
 * finds the same as one that runs the scene pass beside the sound's (from
 * the MP4 index). */
static void
assert_scenes (const char *path,
               double      rate,
               GArray     *cuts,
               gboolean    mp4)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(CoAnalysis) serial = NULL;
  CoAnalysisParams params;
  const CoScene *scenes, *again;
  gsize n, n_again;

  co_analysis_params_init (&params);
  params.scenes = TRUE;
  analysis = co_analyze_file (path, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  scenes = co_analysis_get_scenes (analysis, &n);
  for (guint i = 0; i < cuts->len; i++)
    g_test_message ("planted at frame %u (%.3f s)", g_array_index (cuts, guint, i),
                    g_array_index (cuts, guint, i) / rate);
  for (gsize i = 0; i < n; i++)
    g_test_message ("found %.3f s (frame %.2f), score %.2f", scenes[i].time,
                    scenes[i].time * rate, scenes[i].score);
  g_assert_cmpuint (n, ==, cuts->len);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (fabs (scenes[i].time * rate - g_array_index (cuts, guint, i)), <, 0.5);
  if (!mp4)
    return;
  params.serial = TRUE;
  serial = co_analyze_file (path, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  again = co_analysis_get_scenes (serial, &n_again);
  g_assert_cmpuint (n_again, ==, n);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpfloat (again[i].time, ==, scenes[i].time);
      g_assert_cmpfloat (again[i].score, ==, scenes[i].score);
    }
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *encoder = g_strdup_printf (c->encoder, c->gop);
  double rate = (double) c->fps / c->fps_denominator;
  int height = c->height > 0 ? c->height : 180;
  CoTestSpeechSpec spec = { c->container, 10.0, 48000, 2, NULL, 0, height * 16 / 9, height,
                            c->fps, NULL, 0, encoder, FALSE, 5, c->fps_denominator };
  guint n_frames = (guint) llround (spec.duration * rate);
  g_autoptr(GArray) cuts = plant_cuts (c, n_frames);
  g_autofree char *name = g_strconcat (c->name, ".", c->container, NULL);
  g_autofree char *dir = co_test_make_temp_dir ("scenes");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!have_element (encoder))
    {
      g_test_skip_printf ("%s is not installed", encoder);
      return;
    }
  spec.cut_frames = (const guint *) (gpointer) cuts->data;
  spec.n_cuts = cuts->len;
  path = co_test_speech_write (dir, name, &spec, &error);
  g_assert_no_error (error);
  assert_scenes (path, rate, cuts, g_str_equal (c->container, "mp4"));
}

/*
 * A cut inside a shot full of motion, where every predicted frame costs
 * nearly as much as the cut's own, so its size does not show it; x264 puts
 * no key frame there (out of its scene-cut detection or within its minimum
 * interval).  The key frame after it is the first to differ, but the cut is
 * where the picture turns, frames before.  One encoder thread and, where
 * it can, a fixed quantizer, so that x264 writes the same frames every run.
 */
typedef struct
{
  const char *name;
  const char *encoder;
  guint       cut;
} MotionCase;

static const MotionCase motion_cases[] = {
  { "after-key-frame", "x264enc speed-preset=ultrafast threads=1 pass=quant quantizer=23 "
                       "bframes=0 key-int-max=90 ! h264parse", 95 },
  { "mid-group", "x264enc speed-preset=ultrafast threads=1 pass=quant quantizer=23 "
                 "bframes=0 key-int-max=90 ! h264parse", 131 },
  { "b-frames", "x264enc speed-preset=fast threads=1 pass=quant quantizer=23 bframes=3 "
                "option-string=scenecut=0 key-int-max=90 ! h264parse", 110 },
  { "before-key-frame", "x264enc threads=1 key-int-max=90 ! h264parse", 179 },
};

static void
test_cut_in_motion (gconstpointer data)
{
  const MotionCase *c = data;
  CoTestSpeechSpec spec = { "mp4", 10.0, 48000, 2, NULL, 0, 320, 180, 30, NULL, 0,
                            c->encoder, FALSE, 5, 1, 0.3 };
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *dir = co_test_make_temp_dir ("scenes");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_array_append_val (cuts, c->cut);
  spec.cut_frames = (const guint *) (gpointer) cuts->data;
  spec.n_cuts = cuts->len;
  path = co_test_speech_write (dir, "motion.mp4", &spec, &error);
  g_assert_no_error (error);
  assert_scenes (path, 30.0, cuts, TRUE);
}

/*
 * x264's element defaults (constant bit rate, 2048 kb/s) on 1080p frames
 * of fine texture starve the key frames, and the frames right after each
 * one refine its picture at many times the size of a predicted frame:
 * they are no cuts.
 */
static void
test_starved_key_frames (void)
{
  CoTestSpeechSpec spec = { "mp4", 5.0, 48000, 2, NULL, 0, 1920, 1080, 30, NULL, 0,
                            "x264enc speed-preset=ultrafast threads=1 key-int-max=60 bframes=0 "
                            "! h264parse", FALSE, 5, 1 };
  static const guint planted = 70;
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *dir = co_test_make_temp_dir ("scenes");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_array_append_val (cuts, planted);
  spec.cut_frames = (const guint *) (gpointer) cuts->data;
  spec.n_cuts = cuts->len;
  path = co_test_speech_write (dir, "starved.mp4", &spec, &error);
  g_assert_no_error (error);
  assert_scenes (path, 30.0, cuts, TRUE);
}

static void
cancel_cb (double      fraction,
           const char *message,
           gpointer    data)
{
  g_cancellable_cancel (data);
}

/* Cancelled while the scene pass runs beside the sound's, the analysis
 * stops, both passes with it. */
static void
test_cancel_beside (void)
{
  CoTestSpeechSpec spec = { "mp4", 20.0, 48000, 2, NULL, 0, 320, 180, 30, NULL, 0,
                            "x264enc key-int-max=30 ! h264parse", FALSE, 5, 1 };
  static const guint cuts[] = { 100, 250, 400 };
  g_autofree char *dir = co_test_make_temp_dir ("scenes");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  CoAnalysisParams params;

  spec.cut_frames = cuts;
  spec.n_cuts = G_N_ELEMENTS (cuts);
  path = co_test_speech_write (dir, "cancel.mp4", &spec, &error);
  g_assert_no_error (error);
  co_analysis_params_init (&params);
  params.scenes = TRUE;
  analysis = co_analyze_file (path, &params, cancel_cb, cancellable, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (analysis);
}


int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);
  co_test_media_init ();
  gst_init (NULL, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *test = g_strconcat ("/media/scenes/", cases[i].name, NULL);

      g_test_add_data_func (test, &cases[i], test_case);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (motion_cases); i++)
    {
      g_autofree char *test = g_strconcat ("/media/scenes/cut-in-motion/", motion_cases[i].name,
                                           NULL);

      g_test_add_data_func (test, &motion_cases[i], test_cut_in_motion);
    }
  g_test_add_func ("/media/scenes/starved-key-frames", test_starved_key_frames);
  g_test_add_func ("/media/scenes/cancel-beside", test_cancel_beside);
  return g_test_run ();
}
