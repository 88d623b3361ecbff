/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "co-analysis.h"
#include "co-analysis-private.h"
#include "co-test-media.h"
#include "co-test-speech.h"
#include "co-thumbnail.h"
#include "co-test-util.h"
#include "co-media-error.h"

/* Planted silences: some shorter than the 0.3 s minimum, which must not be reported. */
static const double gaps[][2] = {
  { 1.000, 1.200 }, { 2.500, 2.850 }, { 4.000, 4.500 }, { 6.013, 7.000 },
  { 8.500, 11.500 }, { 13.000, 13.250 }, { 14.500, 15.307 }, { 17.000, 17.400 },
  { 18.700, 19.020 },
};
static const guint cuts[] = { 45, 100, 211, 400, 517 };

static char *media_dir;

static CoTestSpeechSpec
base_spec (const char *container)
{
  CoTestSpeechSpec spec = { container, 20.0, 48000, 2, gaps, G_N_ELEMENTS (gaps),
                            0, 0, 0, NULL, 0, NULL, FALSE, 4242 };

  if (g_str_equal (container, "mp4") || g_str_equal (container, "webm"))
    {
      spec.width = 160;
      spec.height = 120;
      spec.fps = 30;
      spec.cut_frames = cuts;
      spec.n_cuts = G_N_ELEMENTS (cuts);
    }
  return spec;
}

/* Writes each test file once per run and returns its path. */
static const char *
media_file (const char *container)
{
  static GHashTable *files;
  CoTestSpeechSpec spec = base_spec (container);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat ("speech.", container, NULL);
  char *path;

  if (files == NULL)
    files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  path = g_hash_table_lookup (files, container);
  if (path != NULL)
    return path;
  path = co_test_speech_write (media_dir, name, &spec, &error);
  g_assert_no_error (error);
  g_hash_table_insert (files, g_strdup (container), path);
  return path;
}

static CoAnalysis *
analyze (const char *path,
         gboolean    scenes,
         gboolean    serial)
{
  CoAnalysisParams params;
  g_autoptr(GError) error = NULL;
  CoAnalysis *analysis;

  co_analysis_params_init (&params);
  params.scenes = scenes;
  params.serial = serial;
  analysis = co_analyze_file (path, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  return analysis;
}

/* Scores the silences of @analysis against the planted ones. */
static CoTestSilenceScore
score_silences (const CoAnalysis   *analysis,
                const double      (*gaps)[2],
                gsize               n_gaps)
{
  gsize n;
  const CoInterval *found = co_analysis_get_silences (analysis, &n);
  g_autofree double (*pairs)[2] = g_malloc_n (MAX (n, 1), sizeof *pairs);
  CoTestSilenceScore score;

  for (gsize i = 0; i < n; i++)
    {
      pairs[i][0] = found[i].start;
      pairs[i][1] = found[i].end;
      g_test_message ("silence %.6f–%.6f", found[i].start, found[i].end);
    }
  co_test_speech_score (gaps, n_gaps, (const double (*)[2]) pairs, n, 0.3, &score);
  g_test_message ("%u of %u found (%u expected), mean error %.2f ms, max %.2f ms at %.3f s",
                  score.matched, score.found, score.expected, score.mean_error * 1000,
                  score.max_error * 1000, score.worst);
  return score;
}

/* Every planted silence of at least 0.3 s is found, nothing else, and
 * each boundary to within 12 ms, 2 ms on average. */
static void
check_planted (const CoAnalysis   *analysis,
               const double      (*gaps)[2],
               gsize               n_gaps)
{
  CoTestSilenceScore score = score_silences (analysis, gaps, n_gaps);

  g_assert_cmpuint (score.matched, ==, score.found);
  g_assert_cmpuint (score.matched, ==, score.expected);
  g_assert_cmpfloat (score.mean_error, <=, 0.002);
  g_assert_cmpfloat (score.max_error, <=, 0.012);
}

static void
check_silences (const CoAnalysis *analysis)
{
  check_planted (analysis, gaps, G_N_ELEMENTS (gaps));
}

static void
test_silence (gconstpointer data)
{
  const char *container = data;
  g_autoptr(CoAnalysis) analysis = analyze (media_file (container), FALSE, FALSE);

  g_assert_cmpint (co_analysis_get_sample_rate (analysis), ==, 48000);
  g_assert_cmpint (co_analysis_get_channels (analysis), ==, 2);
  g_assert_cmpfloat (fabs (co_analysis_get_duration (analysis) - 20.0), <, 0.05);
  check_silences (analysis);
}

static const double talk_pauses[] = { 0.2, 0.4, 0.8, 1.5, 3.0, 0.5, 0.25, 2.0 };

/* Writes a talk of espeak-ng sentences with the pauses above over a
 * −57 dBFS pink-noise floor; NULL (the test skipped) without espeak-ng. */
static char *
write_talk (const char  *container,
            double       duration,
            GArray     **truth)
{
  CoTestTalkSpec spec = { { container, duration, 48000, 2, NULL, 0, 0, 0, 0, NULL, 0, NULL,
                            FALSE, 1717 },
                          talk_pauses, G_N_ELEMENTS (talk_pauses), -57.0, -35.0 };
  g_autofree char *name = g_strconcat ("talk.", container, NULL);
  g_autoptr(GError) error = NULL;
  char *path = co_test_speech_write_talk (media_dir, name, &spec, truth, &error);

  if (g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
    {
      g_test_skip ("espeak-ng is not installed (tools/packages.txt lists it)");
      return NULL;
    }
  g_assert_no_error (error);
  return path;
}

/* Real speech: the silences between espeak-ng's sentences are found as
 * planted (the truth is the rule applied to the sound as written).  In
 * the AAC file the codec's noise lifts or lowers a few samples near the
 * threshold at the ends of the sentences, which moves a boundary by up to
 * a period of the voice; never further than it moves ffmpeg's
 * silencedetect, which applies the same rule to the same decoded sound. */
static void
test_talk (gconstpointer data)
{
  g_autoptr(GArray) truth = NULL;
  g_autofree char *path = write_talk (data, 40.0, &truth);
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(GArray) reference = NULL;
  g_autoptr(GError) error = NULL;
  const double (*planted)[2];
  CoTestSilenceScore ours, theirs;

  if (path == NULL)
    return;
  planted = (const double (*)[2]) (gpointer) truth->data;
  analysis = analyze (path, FALSE, FALSE);
  check_planted (analysis, planted, truth->len);
  ours = score_silences (analysis, planted, truth->len);
  /* Written without loss (16 bits), the sound is as planted, to a sample
   * and the millisecond that times are kept to. */
  if (g_str_equal (data, "wav"))
    g_assert_cmpfloat (ours.max_error, <=, 0.0005 + 1.0 / 48000);
  reference = co_test_speech_ffmpeg_silences (path, -35.0, 0.3, 40.0, &error);
  if (g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
    {
      g_test_skip ("ffmpeg, the reference, is not installed (tools/packages.txt lists it)");
      return;
    }
  g_assert_no_error (error);
  co_test_speech_score (planted, truth->len, (const double (*)[2]) (gpointer) reference->data,
                        reference->len, 0.3, &theirs);
  g_test_message ("ffmpeg: mean error %.3f ms, max %.3f ms; ours %.3f ms, %.3f ms",
                  theirs.mean_error * 1000, theirs.max_error * 1000, ours.mean_error * 1000,
                  ours.max_error * 1000);
  /* The same rule on the same sound: ours are kept to the millisecond,
   * ffmpeg prints six significant digits (0.1 ms at 10–100 s), so each
   * may land nearer the truth by half a millisecond. */
  g_assert_cmpuint (ours.matched, ==, theirs.matched);
  g_assert_cmpfloat (ours.mean_error, <=, theirs.mean_error + 0.0005);
  g_assert_cmpfloat (ours.max_error, <=, theirs.max_error + 0.0005);
}

static void
test_envelope (void)
{
  g_autoptr(CoAnalysis) analysis = analyze (media_file ("wav"), FALSE, FALSE);
  gsize n, n_peak, n_buckets;
  const float *rms = co_analysis_get_rms (analysis, &n);
  const float *peak = co_analysis_get_peak (analysis, &n_peak);
  guint bucket_ms;

  g_assert_cmpuint (n, ==, 2000);
  g_assert_cmpuint (n_peak, ==, n);
  /* Inside the 3 s gap the noise is at −60 dBFS; in speech far above −35. */
  g_assert_cmpfloat (rms[1000], <, 0.002);
  g_assert_cmpfloat (rms[50], >, 0.02);
  g_assert_cmpfloat (peak[50], >=, rms[50]);
  g_assert_cmpuint (co_analysis_get_n_zoom_levels (analysis), ==, 5);
  co_analysis_get_waveform (analysis, 0, &bucket_ms, &n_buckets);
  g_assert_cmpuint (bucket_ms, ==, 10);
  g_assert_cmpuint (n_buckets, ==, 2000);
  co_analysis_get_waveform (analysis, 2, &bucket_ms, &n_buckets);
  g_assert_cmpuint (bucket_ms, ==, 160);
  g_assert_cmpuint (n_buckets, ==, 125);
}

/* The scenes found are the planted cuts (frames at 30 fps), each found
 * frame-exact: within half a frame. */
static void
assert_scenes_at (CoAnalysis  *analysis,
                  const guint *planted,
                  gsize        n_planted)
{
  gsize n;
  const CoScene *scenes = co_analysis_get_scenes (analysis, &n);

  for (gsize i = 0; i < n; i++)
    g_test_message ("scene %.3f (frame %.2f) score %.2f", scenes[i].time,
                    scenes[i].time * 30, scenes[i].score);
  g_assert_cmpuint (n, ==, n_planted);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpfloat (fabs (scenes[i].time - planted[i] / 30.0), <, 0.5 / 30);
      g_assert_cmpfloat (scenes[i].score, >, 0.0);
    }
}

/* Writes a clip to @spec and analyses it with scenes. */
static CoAnalysis *
analyze_written (const CoTestSpeechSpec *spec,
                 const char             *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = co_test_speech_write (media_dir, name, spec, &error);

  g_assert_no_error (error);
  return analyze (path, TRUE, FALSE);
}

static void
test_scenes (gconstpointer data)
{
  g_autoptr(CoAnalysis) analysis = analyze (media_file (data), TRUE, FALSE);

  assert_scenes_at (analysis, cuts, G_N_ELEMENTS (cuts));
}

/* x264's defaults put B-frames between P-frames, which are ten times
 * larger; a P-frame is no cut for that.  The frame sizes point at the first
 * reference frame of the new scene, up to a few B-frames after the cut;
 * decoding the frames shown before it places the cut exactly.  The MP4
 * also has an edit list (B-frames shift the first picture's time), so the
 * times must be the stream's, not the buffers'. */
static void
test_scenes_b_frames (void)
{
  CoTestSpeechSpec spec = base_spec ("mp4");
  g_autoptr(CoAnalysis) analysis = NULL;

  spec.video_encoder = "x264enc speed-preset=fast key-int-max=250 bframes=3 "
                       "! h264parse";
  analysis = analyze_written (&spec, "bframes.mp4");
  assert_scenes_at (analysis, cuts, G_N_ELEMENTS (cuts));
}

/* x264's fastest preset, with few bits to spare, refines the picture for a
 * few frames after each intra frame, and those frames grow large like a
 * cut.  Decoding around such doubtful candidates tells them from cuts,
 * even from a cut inside that refinement (frame 126, six frames after the
 * key frame at 120). */
static void
test_scenes_refinement (void)
{
  static const guint planted[] = { 75, 126, 250, 400, 515 };
  CoTestSpeechSpec spec = base_spec ("mp4");
  g_autoptr(CoAnalysis) analysis = NULL;

  spec.width = 640;
  spec.height = 360;
  spec.cut_frames = planted;
  spec.n_cuts = G_N_ELEMENTS (planted);
  spec.video_encoder = "x264enc speed-preset=ultrafast key-int-max=60 bframes=0 ! h264parse";
  analysis = analyze_written (&spec, "refining.mp4");
  assert_scenes_at (analysis, planted, G_N_ELEMENTS (planted));
}

/* Decoding three frames: the picture changes only at the cut into the
 * third; within a scene (where only a small box moves) it barely does. */
static void
test_picture_change (void)
{
  CoPictureChange *check = _co_picture_change_new (media_file ("mp4"), NULL);
  const gint64 frame = GST_SECOND / 30;
  const gint64 at_cut[3] = { (cuts[1] - 2) * frame, (cuts[1] - 1) * frame, cuts[1] * frame };
  const gint64 inside[3] = { (cuts[1] + 5) * frame, (cuts[1] + 6) * frame, (cuts[1] + 7) * frame };
  double changes[2];
  g_autofree char *missing = g_build_filename (media_dir, "missing.mp4", NULL);

  g_assert_true (_co_picture_change_measure (check, at_cut, 3, -1, changes));
  g_test_message ("at the cut: %.3f then %.3f", changes[0], changes[1]);
  g_assert_cmpfloat (changes[0], <, 0.01);
  g_assert_cmpfloat (changes[1], >, 0.05);
  g_assert_true (_co_picture_change_measure (check, inside, 3, -1, changes));
  g_test_message ("inside a scene: %.3f then %.3f", changes[0], changes[1]);
  g_assert_cmpfloat (changes[0], <, 0.01);
  g_assert_cmpfloat (changes[1], <, 0.01);
  _co_picture_change_free (check);

  /* A file that cannot be decoded gives no measure, and no crash. */
  check = _co_picture_change_new (missing, NULL);
  g_assert_false (_co_picture_change_measure (check, at_cut, 3, -1, changes));
  g_assert_false (_co_picture_change_measure (check, inside, 3, -1, changes));
  _co_picture_change_free (check);
}

/* The grey picture of a luma plane of @width × @height, the plain way: the
 * mean of each box, stretched from 16–235 to 0–255 unless @full_range. */
static void
shrink_slowly (const guint8 *luma,
               int           stride,
               int           width,
               int           height,
               gboolean      full_range,
               guint8       *out)
{
  for (int y = 0; y < 90; y++)
    for (int x = 0; x < 160; x++)
      {
        int x0 = x * width / 160, x1 = MAX ((x + 1) * width / 160, x0 + 1);
        int y0 = y * height / 90, y1 = MAX ((y + 1) * height / 90, y0 + 1);
        double sum = 0;

        for (int r = y0; r < y1; r++)
          for (int c = x0; c < x1; c++)
            sum += luma[r * stride + c];
        sum /= (x1 - x0) * (y1 - y0);
        if (!full_range)
          sum = (sum - 16.0) * 255.0 / 219.0;
        out[y * 160 + x] = (guint8) CLAMP (sum + 0.5, 0.0, 255.0);
      }
}

/* The grey picture of a check is the box average of the luma plane, also
 * for widths that are no multiple of the columns added at a time (32),
 * small pictures, padded rows and luma beyond the limited range. */
static void
test_picture_shrink (void)
{
  static const int sizes[][2] = { { 1920, 1080 }, { 324, 181 }, { 5, 3 }, { 1283, 719 },
                                  { 3840, 2160 }, { 33, 257 } };

  for (gsize k = 0; k < G_N_ELEMENTS (sizes); k++)
    for (int full_range = 0; full_range <= 1; full_range++)
      {
        int width = sizes[k][0], height = sizes[k][1], stride = width + 13;
        g_autofree guint8 *luma = g_malloc (stride * height);
        guint8 fast[CO_PICTURE_SIZE], slow[CO_PICTURE_SIZE];

        for (int i = 0; i < stride * height; i++)
          luma[i] = (guint8) ((i * 7 + i / stride * 13 + (i % 97) * (i % 89)) % 256);
        _co_picture_change_shrink (luma, stride, width, height, full_range, fast);
        shrink_slowly (luma, stride, width, height, full_range, slow);
        g_assert_cmpmem (fast, sizeof fast, slow, sizeof slow);
      }
}

static void
mean_colour (GdkPixbuf *pixbuf,
             double     rgb[3])
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf), n = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);

  rgb[0] = rgb[1] = rgb[2] = 0.0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 3; c++)
        rgb[c] += pixels[y * stride + x * n + c] / (double) (w * h);
}

/* A filmstrip at the start and at each scene change shows each scene (each
 * has its own colour), though the encoder put no key frame at the cuts. */
static void
test_filmstrip (void)
{
  const char *path = media_file ("mp4");
  g_autoptr(CoAnalysis) analysis = analyze (path, TRUE, FALSE);
  g_autoptr(GPtrArray) strip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *times = NULL;
  const CoScene *scenes;
  gsize n;

  scenes = co_analysis_get_scenes (analysis, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (cuts));
  times = g_new0 (double, n + 1);
  for (gsize i = 0; i < n; i++)
    times[i + 1] = scenes[i].time;
  strip = co_thumbnail_render_strip (path, times, n + 1, 64, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strip->len, ==, n + 1);
  for (guint i = 0; i < strip->len; i++)
    {
      GdkPixbuf *picture = g_ptr_array_index (strip, i);

      g_assert_cmpint (MAX (gdk_pixbuf_get_width (picture), gdk_pixbuf_get_height (picture)), ==, 64);
      if (i > 0)
        {
          double a[3], b[3];

          mean_colour (g_ptr_array_index (strip, i - 1), a);
          mean_colour (picture, b);
          g_test_message ("scene %u: %.0f %.0f %.0f", i, b[0], b[1], b[2]);
          g_assert_cmpfloat (fabs (a[0] - b[0]) + fabs (a[1] - b[1]) + fabs (a[2] - b[2]), >, 20.0);
        }
    }
  g_clear_pointer (&strip, g_ptr_array_unref);
  strip = co_thumbnail_render_strip (media_file ("wav"), times, 1, 64, NULL, &error);
  g_assert_null (strip);
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "speech.wav"));
}

static void
assert_same (CoAnalysis *a,
             CoAnalysis *b)
{
  g_autofree char *ja = co_analysis_to_json_string (a, FALSE);
  g_autofree char *jb = co_analysis_to_json_string (b, FALSE);
  g_autoptr(GBytes) wa = co_analysis_serialize_waveform (a);
  g_autoptr(GBytes) wb = co_analysis_serialize_waveform (b);

  g_assert_cmpstr (ja, ==, jb);
  g_assert_true (g_bytes_equal (wa, wb));
}

static void
test_serial_parallel (void)
{
  g_autoptr(CoAnalysis) serial = analyze (media_file ("mp4"), TRUE, TRUE);
  g_autoptr(CoAnalysis) parallel = analyze (media_file ("mp4"), TRUE, FALSE);
  gsize n;

  co_analysis_get_silences (serial, &n);
  g_assert_cmpuint (n, >, 0);
  assert_same (serial, parallel);
}

/* Files of a minute or more are read as two ranges that meet at a seam
 * (35.0 s here), at once or one after the other.  A silence across the seam
 * and one ending exactly on it are found as in one pass. */
static const double long_gaps[][2] = {
  { 5.000, 5.800 }, { 20.000, 21.500 }, { 34.400, 35.600 }, { 36.000, 36.500 },
  { 50.000, 50.250 }, { 60.100, 61.000 },
};

static void
test_ranges (gconstpointer data)
{
  const char *container = data;
  CoTestSpeechSpec spec = { container, 70.0, 48000, 2, long_gaps, G_N_ELEMENTS (long_gaps),
                            0, 0, 0, NULL, 0, NULL, FALSE, 99 };
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat ("long.", container, NULL);
  g_autofree char *path = co_test_speech_write (media_dir, name, &spec, &error);
  g_autoptr(CoAnalysis) serial = NULL, parallel = NULL, one = NULL;
  const CoInterval *a, *b;
  gsize na, nb, nw_a, nw_b;
  const float *rms_a, *rms_b;

  g_assert_no_error (error);
  serial = analyze (path, FALSE, TRUE);
  parallel = analyze (path, FALSE, FALSE);
  assert_same (serial, parallel);
  check_planted (parallel, long_gaps, G_N_ELEMENTS (long_gaps));

  g_setenv ("CO_ANALYSIS_ONE_RANGE", "1", TRUE);
  one = analyze (path, FALSE, FALSE);
  g_unsetenv ("CO_ANALYSIS_ONE_RANGE");
  a = co_analysis_get_silences (one, &na);
  b = co_analysis_get_silences (parallel, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (gsize i = 0; i < na; i++)
    {
      g_assert_cmpfloat_with_epsilon (a[i].start, b[i].start, 0.0015);
      g_assert_cmpfloat_with_epsilon (a[i].end, b[i].end, 0.0015);
    }
  g_assert_cmpfloat_with_epsilon (co_analysis_get_integrated_lufs (one),
                                  co_analysis_get_integrated_lufs (parallel), 0.01);
  g_assert_cmpfloat_with_epsilon (co_analysis_get_range_lu (one),
                                  co_analysis_get_range_lu (parallel), 0.05);
  g_assert_cmpfloat_with_epsilon (co_analysis_get_true_peak_dbtp (one),
                                  co_analysis_get_true_peak_dbtp (parallel), 0.05);
  g_assert_cmpfloat (co_analysis_get_duration (one), ==, co_analysis_get_duration (parallel));
  /* The envelope has no hole or overlap at the seam: 10 ms windows on both
   * sides hold the same sound (lossy decoders may differ in the last bits
   * just after it). */
  rms_a = co_analysis_get_rms (one, &nw_a);
  rms_b = co_analysis_get_rms (parallel, &nw_b);
  g_assert_cmpuint (nw_a, ==, nw_b);
  for (gsize w = 3490; w < 3510; w++)
    g_assert_cmpfloat (fabsf (rms_a[w] - rms_b[w]), <=, 0.01f * rms_a[w] + 1e-4f);
}

/* An MP4 whose edit list declares the AAC encoder's priming and the exact
 * length, which ends inside the last AAC frame: the priming is decoded
 * but not measured, the padding dropped, and every frame up to the end is
 * there, in one range and in several, serial or parallel. */
static void
test_true_end (gconstpointer data)
{
  const double *spec = data;
  double duration = spec[0];
  g_autofree char *name = g_strdup_printf ("exact-%g.mp4", duration);
  g_autofree char *path = co_test_media_write_exact_aac (media_dir, name, duration, spec[1] > 0);
  g_autoptr(CoAnalysis) parallel = NULL, serial = NULL;
  const float *rms;
  gsize n;

  if (path == NULL)
    {
      g_test_skip ("ffmpeg, which writes the file, is not installed");
      return;
    }
  parallel = analyze (path, FALSE, FALSE);
  serial = analyze (path, FALSE, TRUE);
  assert_same (serial, parallel);
  g_assert_cmpfloat (co_analysis_get_duration (parallel), ==, duration);
  rms = co_analysis_get_rms (parallel, &n);
  g_assert_cmpuint (n, ==, (gsize) llround (duration * 100));
  /* The sine is there from the first window to the last: no priming
   * before it, no frame lost at the end. */
  g_assert_cmpfloat (rms[0], >, 0.5 * rms[n / 2]);
  g_assert_cmpfloat (rms[n - 1], >, 0.5 * rms[n / 2]);
}

static void
test_json_roundtrip (void)
{
  g_autoptr(CoAnalysis) analysis = analyze (media_file ("mp4"), TRUE, FALSE);
  g_autoptr(JsonNode) node = co_analysis_to_json (analysis);
  g_autoptr(GBytes) blob = co_analysis_serialize_waveform (analysis);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoAnalysis) copy = co_analysis_new_from_json (node, &error);
  JsonObject *root = json_node_get_object (node);
  g_autoptr(GBytes) bad = g_bytes_new_static ("COWF\1\0\0\0", 8);

  g_assert_no_error (error);
  g_assert_true (json_object_has_member (root, "file"));
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "loudness"),
                                         "integrated_lufs"));
  g_assert_true (co_analysis_load_waveform (copy, blob, &error));
  g_assert_no_error (error);
  assert_same (analysis, copy);
  g_assert_false (co_analysis_load_waveform (copy, bad, &error));
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT);
}

static void
test_edit_points (void)
{
  CoAnalysisParams params;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  gsize n, pauses = 0, cut_out = 0, cut_in = 0, scenes = 0;
  const CoEditPoint *points;

  co_analysis_params_init (&params);
  params.scenes = TRUE;
  params.keep_pauses_over = 2.0;
  analysis = co_analyze_file (media_file ("mp4"), &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  points = co_analysis_get_edit_points (analysis, &n);
  for (gsize i = 0; i < n; i++)
    {
      g_test_message ("%.3f %s: %s", points[i].time,
                      co_edit_point_kind_to_string (points[i].kind), points[i].reason);
      g_assert_true (i == 0 || points[i - 1].time <= points[i].time);
      g_assert_cmpuint (strlen (points[i].reason), >, 10);
      pauses += points[i].kind == CO_EDIT_POINT_PAUSE;
      cut_out += points[i].kind == CO_EDIT_POINT_CUT_OUT;
      cut_in += points[i].kind == CO_EDIT_POINT_CUT_IN;
      scenes += points[i].kind == CO_EDIT_POINT_SCENE;
      /* Padding keeps every cut at least 0.1 s inside a planted gap. */
      if (points[i].kind == CO_EDIT_POINT_CUT_OUT || points[i].kind == CO_EDIT_POINT_CUT_IN)
        {
          gboolean inside = FALSE;

          for (gsize g = 0; g < G_N_ELEMENTS (gaps); g++)
            inside |= points[i].time >= gaps[g][0] + 0.095 && points[i].time <= gaps[g][1] - 0.095;
          g_assert_true (inside);
        }
    }
  /* Seven gaps reach the minimum; the 3 s one is kept as a pause. */
  g_assert_cmpuint (pauses, ==, 1);
  g_assert_cmpuint (cut_out, ==, 6);
  g_assert_cmpuint (cut_in, ==, 6);
  g_assert_cmpuint (scenes, ==, G_N_ELEMENTS (cuts));
}

typedef struct
{
  double        last;
  double        first;
  guint         calls;
  GCancellable *cancel_at_half;
} ProgressState;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    data)
{
  ProgressState *state = data;

  g_assert_cmpfloat (fraction, >=, state->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  state->last = fraction;
  if (state->calls++ == 0)
    state->first = fraction;
  if (state->cancel_at_half != NULL && fraction >= 0.5)
    g_cancellable_cancel (state->cancel_at_half);
}

static void
test_progress (void)
{
  ProgressState state = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CoAnalysis) analysis = co_analyze_file (media_file ("ogg"), NULL, progress_cb,
                                                    &state, NULL, &error);

  g_assert_no_error (error);
  /* The reader reports what the streaming threads have decoded each time it
   * looks, so how many reports come depends on the machine's speed (two
   * when it is busy enough that the file is decoded between two looks):
   * at least one while reading and the end.  progress_cb() checks that the
   * fractions never go back or past 1. */
  g_assert_cmpuint (state.calls, >=, 2);
  g_assert_cmpfloat (state.first, <, 1.0);
  g_assert_cmpfloat (state.last, ==, 1.0);
}

static void
test_cancel (gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ProgressState state = { .cancel_at_half = cancellable };
  CoAnalysisParams params;
  g_autoptr(GError) error = NULL;
  CoAnalysis *analysis;

  co_analysis_params_init (&params);
  params.serial = GPOINTER_TO_INT (data);
  analysis = co_analyze_file (media_file ("mp4"), &params, progress_cb, &state, cancellable,
                              &error);
  g_assert_null (analysis);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (state.last, <, 1.0);
}

/* A stereo 48 kHz 16-bit WAV of a 1 kHz sine of the given peak amplitude (may clip). */
static char *
write_sine_wav (const char *name,
                double      amplitude)
{
  const guint32 rate = 48000, frames = rate * 5;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint32 data_size = frames * 4, u32;
  guint16 u16;

#define PUT32(v) (u32 = GUINT32_TO_LE (v), g_byte_array_append (out, (guint8 *) &u32, 4))
#define PUT16(v) (u16 = GUINT16_TO_LE (v), g_byte_array_append (out, (guint8 *) &u16, 2))
  g_byte_array_append (out, (guint8 *) "RIFF", 4);
  PUT32 (36 + data_size);
  g_byte_array_append (out, (guint8 *) "WAVEfmt ", 8);
  PUT32 (16); PUT16 (1); PUT16 (2); PUT32 (rate); PUT32 (rate * 4); PUT16 (4); PUT16 (16);
  g_byte_array_append (out, (guint8 *) "data", 4);
  PUT32 (data_size);
  for (guint32 i = 0; i < frames; i++)
    {
      double v = CLAMP (amplitude * sin (2 * G_PI * 1000.0 * i / rate), -1.0, 1.0);
      gint16 s = (gint16) lrint (v * 32767);

      PUT16 ((guint16) s);
      PUT16 ((guint16) s);
    }
#undef PUT32
#undef PUT16
  return co_test_write_file (media_dir, name, out->data, out->len);
}

static void
test_loudness (void)
{
  g_autofree char *quiet = write_sine_wav ("sine-20.wav", 0.1);
  g_autofree char *loud = write_sine_wav ("sine-clip.wav", 1.5);
  g_autoptr(CoAnalysis) a = analyze (quiet, FALSE, FALSE);
  g_autoptr(CoAnalysis) b = analyze (loud, FALSE, FALSE);

  /* EBU Tech 3341: a 1 kHz sine of peak −23 dBFS in both channels reads
   * −23 LUFS, so one of peak −20 dBFS reads −20 LUFS. */
  g_assert_cmpfloat (fabs (co_analysis_get_integrated_lufs (a) - -20.0), <, 0.2);
  g_assert_cmpfloat (fabs (co_analysis_get_true_peak_dbtp (a) - -20.0), <, 0.3);
  g_assert_cmpfloat (co_analysis_get_range_lu (a), <, 1.0);
  g_assert_cmpuint (co_analysis_get_clip_count (a), ==, 0);
  g_assert_cmpuint (co_analysis_get_clip_count (b), >, 1000);
}

static void
assert_fails (const char *path,
              int         code)
{
  g_autoptr(GError) error = NULL;
  CoAnalysis *analysis = co_analyze_file (path, NULL, NULL, NULL, NULL, &error);
  g_autofree char *base = g_path_get_basename (path);

  g_assert_null (analysis);
  g_assert_error (error, CO_MEDIA_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, base));
}

static char *
truncate_copy (const char *path,
               const char *name)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return co_test_write_file (media_dir, name, contents, (gssize) (len / 2));
}

static void
test_bad_input (void)
{
  g_autofree char *missing = g_build_filename (media_dir, "missing.mp4", NULL);
  g_autofree char *empty = co_test_write_file (media_dir, "empty.mp4", "", 0);
  g_autofree char *text = co_test_write_file (media_dir, "notes.mp4",
                                              "Just some notes, not a video.\n", -1);
  g_autofree char *random = NULL;
  g_autofree char *truncated = truncate_copy (media_file ("mp4"), "truncated.mp4");
  g_autofree char *truncated_wav = truncate_copy (media_file ("wav"), "truncated.wav");
  guint8 noise[4096];
  GRand *rand = g_rand_new_with_seed (7);

  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_rand_int (rand);
  g_rand_free (rand);
  random = co_test_write_file (media_dir, "random.mp4", noise, sizeof noise);
  assert_fails (missing, CO_MEDIA_ERROR_NOT_FOUND);
  assert_fails (media_dir, CO_MEDIA_ERROR_NOT_A_FILE);
  assert_fails (empty, CO_MEDIA_ERROR_EMPTY);
  assert_fails (text, CO_MEDIA_ERROR_UNSUPPORTED);
  assert_fails (random, CO_MEDIA_ERROR_UNSUPPORTED);
  assert_fails (truncated, CO_MEDIA_ERROR_TRUNCATED);
  assert_fails (truncated_wav, CO_MEDIA_ERROR_TRUNCATED);
}

static void
test_no_audio (void)
{
  CoTestSpeechSpec spec = base_spec ("mp4");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  spec.no_audio = TRUE;
  spec.duration = 2.0;
  spec.n_cuts = 0;
  path = co_test_speech_write (media_dir, "silent-film.mp4", &spec, &error);
  g_assert_no_error (error);
  assert_fails (path, CO_MEDIA_ERROR_NO_AUDIO);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  co_test_init (&argc, &argv);
  media_dir = g_dir_make_tmp ("co-analysis-XXXXXX", NULL);
  g_test_add_data_func ("/media/analysis/silence/wav", "wav", test_silence);
  g_test_add_data_func ("/media/analysis/silence/ogg", "ogg", test_silence);
  g_test_add_data_func ("/media/analysis/silence/mp4", "mp4", test_silence);
  g_test_add_data_func ("/media/analysis/silence/webm", "webm", test_silence);
  /* Decoded to interleaved samples, so through audioconvert. */
  g_test_add_data_func ("/media/analysis/silence/mka", "mka", test_silence);
  /* No demuxer: the whole file goes to decodebin. */
  g_test_add_data_func ("/media/analysis/silence/flac", "flac", test_silence);
  g_test_add_data_func ("/media/analysis/silence/talk-wav", "wav", test_talk);
  g_test_add_data_func ("/media/analysis/silence/talk-aac", "mp4", test_talk);
  g_test_add_func ("/media/analysis/envelope", test_envelope);
  g_test_add_func ("/media/analysis/loudness", test_loudness);
  g_test_add_data_func ("/media/analysis/scenes/mp4", "mp4", test_scenes);
  g_test_add_data_func ("/media/analysis/scenes/webm", "webm", test_scenes);
  g_test_add_func ("/media/analysis/scenes/b-frames", test_scenes_b_frames);
  g_test_add_func ("/media/analysis/scenes/refinement", test_scenes_refinement);
  g_test_add_func ("/media/analysis/scenes/picture-change", test_picture_change);
  g_test_add_func ("/media/analysis/scenes/picture-shrink", test_picture_shrink);
  g_test_add_func ("/media/analysis/filmstrip", test_filmstrip);
  g_test_add_func ("/media/analysis/edit-points", test_edit_points);
  g_test_add_func ("/media/analysis/serial-equals-parallel", test_serial_parallel);
  g_test_add_data_func ("/media/analysis/ranges/mp4", "mp4", test_ranges);
  g_test_add_data_func ("/media/analysis/ranges/wav", "wav", test_ranges);
  g_test_add_data_func ("/media/analysis/true-end/audio", (const double[]) { 10.0, 0 },
                        test_true_end);
  g_test_add_data_func ("/media/analysis/true-end/video", (const double[]) { 7.25, 1 },
                        test_true_end);
  g_test_add_data_func ("/media/analysis/true-end/ranges", (const double[]) { 95.125, 0 },
                        test_true_end);
  g_test_add_func ("/media/analysis/json-roundtrip", test_json_roundtrip);
  g_test_add_func ("/media/analysis/progress", test_progress);
  g_test_add_data_func ("/media/analysis/cancel/parallel", GINT_TO_POINTER (0), test_cancel);
  g_test_add_data_func ("/media/analysis/cancel/serial", GINT_TO_POINTER (1), test_cancel);
  g_test_add_func ("/media/analysis/bad-input", test_bad_input);
  g_test_add_func ("/media/analysis/no-audio", test_no_audio);
  ret = g_test_run ();
  g_autoptr(GFile) dir = g_file_new_for_path (media_dir);
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir,
                                                                   G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   0, NULL, NULL);
  for (GFileInfo *info; children && (info = g_file_enumerator_next_file (children, NULL, NULL));
       g_object_unref (info))
    {
      g_autofree char *child = g_build_filename (media_dir, g_file_info_get_name (info), NULL);

      g_unlink (child);
    }
  g_rmdir (media_dir);
  return ret;
}
