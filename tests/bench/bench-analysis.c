/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "co-analysis.h"
#include "co-test-speech.h"

/*
 * Benchmark of the analysis engine against ffmpeg (a reference only) and a
 * plain GStreamer audio decode.  The media are generated once and cached in
 * the build folder.  Each measurement runs in a child process, so peak RSS
 * (VmHWM) belongs to that one analysis.
 *
 * "parallel" is the default path: a file of a minute or more is read as two
 * ranges decoded at once, each analysed on its decoding thread.  "serial"
 * reads the same ranges one after the other, with decoding and analysis on
 * two threads; it gives identical results.
 */

#define FPS 30

static double *
plant_gaps (double  duration,
            gsize  *n)
{
  static const double lengths[] = { 0.2, 0.4, 0.8, 1.5, 3.0, 0.5 };
  GArray *gaps = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  for (double t = 4.0; t + 4.0 < duration; t += 7.0)
    {
      double gap[2] = { t, t + lengths[gaps->len % G_N_ELEMENTS (lengths)] };

      g_array_append_val (gaps, gap);
    }
  *n = gaps->len;
  return (double *) (gpointer) g_array_free (gaps, FALSE);
}

static guint *
plant_cuts (double  duration,
            gsize  *n)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 1; k * 20.0 < duration - 2; k++)
    {
      guint frame = k * 20 * FPS + (k * 7) % 25;

      g_array_append_val (cuts, frame);
    }
  *n = cuts->len;
  return (guint *) (gpointer) g_array_free (cuts, FALSE);
}

static char *
ensure_media (const char *dir,
              const char *name,
              double      duration,
              gboolean    video)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize n_gaps, n_cuts;
  g_autofree double *gaps = plant_gaps (duration, &n_gaps);
  g_autofree guint *cuts = plant_cuts (duration, &n_cuts);
  CoTestSpeechSpec spec = { "mp4", duration, 48000, 2, (const double (*)[2]) gaps, n_gaps,
                            video ? 1920 : 0, 1080, FPS, cuts, n_cuts,
                            "x264enc speed-preset=ultrafast key-int-max=250 bframes=0 ! h264parse",
                            FALSE, 99 };
  g_autofree char *tmp = g_strconcat (name, ".part", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  printf ("# generating %s (once, cached)…\n", path);
  fflush (stdout);
  written = co_test_speech_write (dir, tmp, &spec, &error);
  if (written == NULL)
    g_error ("cannot generate %s: %s", path, error->message);
  g_rename (written, path);
  return g_steal_pointer (&path);
}

static long
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

/* Child: one analysis, then "rss=KiB" and the scene times on stdout. */
static int
run_child (const char *path,
           gboolean    serial,
           gboolean    scenes)
{
  CoAnalysisParams params;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  const CoScene *found;
  gsize n, n_silences;

  co_analysis_params_init (&params);
  params.serial = serial;
  params.scenes = scenes;
  analysis = co_analyze_file (path, &params, NULL, NULL, NULL, &error);
  if (analysis == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  co_analysis_get_silences (analysis, &n_silences);
  printf ("rss=%ld silences=%zu\n", peak_rss_kib (), n_silences);
  found = co_analysis_get_scenes (analysis, &n);
  for (gsize i = 0; i < n; i++)
    printf ("%.3f\n", found[i].time);
  return 0;
}

/* Runs @argv, returns the wall time in seconds and its stdout. */
static double
timed (const char * const *argv,
       char              **out)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, out, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], error ? error->message : "non-zero exit");
  return (g_get_monotonic_time () - start) / 1e6;
}

/* The best of three runs, to be less at the mercy of the shared machine. */
static double
best_of (const char * const *argv,
         int                 runs,
         char              **out)
{
  double best = INFINITY;

  for (int i = 0; i < runs; i++)
    {
      g_autofree char *o = NULL;
      double t = timed (argv, &o);

      if (t < best)
        {
          best = t;
          g_free (*out);
          *out = g_steal_pointer (&o);
        }
    }
  return best;
}

/* Of the scenes found, the share that are planted cuts. */
static double
precision (const char *child_out,
           double      duration)
{
  gsize n_cuts, found = 0, right = 0;
  g_autofree guint *cuts = plant_cuts (duration, &n_cuts);
  g_auto(GStrv) lines = g_strsplit (child_out, "\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      double t = g_ascii_strtod (lines[i], NULL);

      if (*lines[i] == '\0')
        continue;
      found++;
      for (gsize c = 0; c < n_cuts; c++)
        if (fabs (t - (double) cuts[c] / FPS) < 0.5 / FPS)
          {
            right++;
            break;
          }
    }
  return found > 0 ? (double) right / found : 1.0;
}

static double
recall (const char *child_out,
        double      duration)
{
  gsize n_cuts, found = 0;
  g_autofree guint *cuts = plant_cuts (duration, &n_cuts);
  g_auto(GStrv) lines = g_strsplit (child_out, "\n", -1);

  for (gsize c = 0; c < n_cuts; c++)
    for (guint i = 1; lines[i] != NULL; i++)
      if (*lines[i] != '\0' && fabs (g_ascii_strtod (lines[i], NULL) - (double) cuts[c] / FPS)
                               < 0.5 / FPS)
        {
          found++;
          break;
        }
  return n_cuts > 0 ? (double) found / n_cuts : 1.0;
}

static void
bench_file (const char *self,
            const char *path,
            const char *label,
            double      duration,
            gboolean    scenes)
{
  g_autofree char *out_s = NULL, *out_p = NULL, *out_f = NULL, *out_g = NULL, *out_sc = NULL;
  g_autofree char *out_fs = NULL;
  g_autofree char *location = g_strconcat ("location=", path, NULL);
  const char *serial[] = { self, "--child", path, "serial", "audio", NULL };
  const char *parallel[] = { self, "--child", path, "parallel", "audio", NULL };
  const char *with_scenes[] = { self, "--child", path, "parallel", "scenes", NULL };
  const char *ffmpeg[] = { "ffmpeg", "-hide_banner", "-nostats", "-i", path, "-vn", "-af",
                           "silencedetect=noise=-35dB:d=0.3", "-f", "null", "-", NULL };
  const char *ffscene[] = { "ffmpeg", "-hide_banner", "-nostats", "-i", path, "-an", "-vf",
                            "select=gt(scene\\,0.3)", "-f", "null", "-", NULL };
  const char *gst[] = { "gst-launch-1.0", "-q", "filesrc", location, "!", "qtdemux", "!",
                        "aacparse", "!", "avdec_aac", "!", "fakesink", NULL };
  double ts = best_of (serial, 3, &out_s), tp = best_of (parallel, 3, &out_p);
  double tf = best_of (ffmpeg, 3, &out_f), tg = best_of (gst, 3, &out_g);
  long rss_s = strtol (out_s + 4, NULL, 10), rss_p = strtol (out_p + 4, NULL, 10);

  printf ("%s: analysis serial %.2f s, parallel %.2f s; ffmpeg silencedetect %.2f s; "
          "GStreamer audio decode %.2f s\n", label, ts, tp, tf, tg);
  printf ("%s: ratio vs ffmpeg silencedetect: serial %.2f, parallel %.2f (target <= 0.8)\n",
          label, ts / tf, tp / tf);
  printf ("%s: ratio vs GStreamer audio decode: serial %.2f, parallel %.2f (target <= 1.15 serial)\n",
          label, ts / tg, tp / tg);
  printf ("%s: peak RSS serial %.1f MiB, parallel %.1f MiB (target <= 80 MiB, flat)\n",
          label, rss_s / 1024.0, rss_p / 1024.0);
  if (!scenes)
    return;
  {
    double tsc = best_of (with_scenes, 3, &out_sc), tfs = timed (ffscene, &out_fs);

    printf ("%s: scenes (with the whole audio analysis) %.2f s vs ffmpeg select=gt(scene,0.3) "
            "%.2f s: ratio %.3f (target <= 0.25), recall %.3f (target >= 0.95), "
            "precision %.3f\n",
            label, tsc, tfs, tsc / tfs, recall (out_sc, duration), precision (out_sc, duration));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *video = NULL;
  g_autofree char *audio = NULL;

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], g_str_equal (argv[3], "serial"), g_str_equal (argv[4], "scenes"));
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s CACHE-DIR\n", argv[0]);
      return 2;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);
  gst_init (NULL, NULL);
  video = ensure_media (argv[1], "bench-10min-1080p.mp4", 600.0, TRUE);
  audio = ensure_media (argv[1], "bench-60min-audio.m4a", 3600.0, FALSE);
  bench_file (argv[0], video, "10 min 1080p30 H.264+AAC", 600.0, TRUE);
  bench_file (argv[0], audio, "60 min AAC audio", 3600.0, FALSE);
  return 0;
}
