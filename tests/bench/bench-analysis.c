/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "co-analysis.h"
#include "co-analysis-private.h"
#include "co-test-speech.h"
#include "bench-target.h"

/*
 * Benchmark of the analysis engine against ffmpeg 5.1 and a plain
 * GStreamer decode of the sound, in the same run, on two files generated
 * once and cached in the build folder: a 10-minute talk (espeak-ng
 * sentences with planted pauses of 0.2-3 s over a -57 dBFS pink-noise
 * floor, AAC at 128 kb/s) with a 1080p30 H.264 test pattern whose scenes
 * change at planted cuts, and a 60-minute talk of sound only.
 *
 * Every measurement runs in a child process, timed from outside (wall
 * time, and CPU time and peak RSS from wait4()).  The contenders run in
 * turn, A B C D A B C D…, and each figure is the median of ROUNDS runs,
 * so that a burst of load on the shared machine hits them all alike; the
 * load average is printed at the start and the end.
 *
 * "parallel" is the default path (ranges decoded on all cores); "serial"
 * decodes the same ranges one after the other on one thread and analyses
 * them on another; both give identical results.  The peak RSS is that of
 * the command line analysing a file with its result kept in a library: at
 * most 64 MiB, and flat in the file's length (the hour within 1 MiB of the
 * 10 minutes).
 * "scenes alone" is the scene pass without the sound: the sample table
 * read and the pictures it decodes, as ffmpeg's select reads only the
 * video.  `bench-analysis CACHE-DIR CLI scenes` runs the scene part only;
 * `bench-analysis CACHE-DIR CLI sound` the sound part with medians of 3
 * runs instead of 5.
 *
 * The truth of the silences is the detectors' rule applied to the samples
 * written before the AAC encoder: a pause runs from just after the last
 * sample of any channel at or above -35 dBFS to the next such sample.
 * Each espeak-ng sentence is cut to its clear sound before it is placed
 * (co-test-speech.c), so that its edges cross the threshold steeply and
 * the codec's noise does not move them; the files' names carry the
 * generator's version, so that an older cache is not scored against it.
 */

#define ROUNDS 5
#define FPS 30
#define THRESHOLD_DB -35.0
#define MIN_SILENCE 0.3

static const double pauses[] = { 0.2, 0.4, 0.8, 1.5, 3.0, 0.5, 0.25, 2.0, 1.0, 0.6 };

typedef struct
{
  const char *name;
  char      **argv;
  GArray     *wall;        /* double seconds, one per run */
  GArray     *cpu;
  GArray     *rss;         /* double MiB */
  char       *out;         /* the last run's stdout and stderr */
  char       *err;
} Runner;

/* The cuts of the reel: every 20 s, a few frames off, one of them (500 s)
 * exactly on a regular key frame. */
static GArray *
plant_cuts (double duration)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 1; k * 20.0 < duration - 2; k++)
    {
      guint frame = k * 20 * FPS + (k * 7) % 25;

      g_array_append_val (cuts, frame);
    }
  return cuts;
}

static void
save_truth (const char *path,
            GArray     *truth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < truth->len; i++)
    g_string_append_printf (text, "%.6f %.6f\n", g_array_index (truth, double, 2 * i),
                            g_array_index (truth, double, 2 * i + 1));
  g_file_set_contents (path, text->str, -1, NULL);
  g_string_free (text, TRUE);
}

static GArray *
load_truth (const char *path)
{
  g_autofree char *text = NULL;
  GArray *truth = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    g_error ("cannot read %s", path);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double pause[2];

      if (sscanf (lines[i], "%lf %lf", &pause[0], &pause[1]) == 2)
        g_array_append_val (truth, pause);
    }
  return truth;
}

/* The talk @name of @duration, with the reel's video if @video; generated
 * once with its truth (NAME.truth) and cached in @dir. */
static char *
ensure_talk (const char  *dir,
             const char  *name,
             double       duration,
             gboolean     video,
             GArray     **truth)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *truth_path = g_strconcat (path, ".truth", NULL);
  g_autofree char *part = g_strconcat (name, ".part", NULL);
  g_autoptr(GArray) cuts = plant_cuts (duration);
  CoTestTalkSpec spec = { { "mp4", duration, 48000, 2, NULL, 0, video ? 1920 : 0, 1080, FPS,
                            (const guint *) (gpointer) cuts->data, cuts->len,
                            "x264enc speed-preset=ultrafast key-int-max=250 bframes=0 ! h264parse",
                            FALSE, 99, 1 },
                          pauses, G_N_ELEMENTS (pauses), -57.0, THRESHOLD_DB };
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GArray) made = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) || !g_file_test (truth_path, G_FILE_TEST_EXISTS))
    {
      printf ("# generating %s (once, cached)…\n", path);
      written = co_test_speech_write_talk (dir, part, &spec, &made, &error);
      if (written == NULL)
        g_error ("cannot generate %s: %s", path, error->message);
      save_truth (truth_path, made);
      g_rename (written, path);
    }
  *truth = load_truth (truth_path);
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

/* Child: one analysis; prints its silences ("s START END") and scenes
 * ("c TIME"). */
static int
run_child (const char *path,
           gboolean    serial,
           gboolean    scenes)
{
  CoAnalysisParams params;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  const CoInterval *silences;
  const CoScene *found;
  gsize n;

  co_analysis_params_init (&params);
  params.serial = serial;
  params.scenes = scenes;
  analysis = co_analyze_file (path, &params, NULL, NULL, NULL, &error);
  if (analysis == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("rss=%ld\n", peak_rss_kib ());
  silences = co_analysis_get_silences (analysis, &n);
  for (gsize i = 0; i < n; i++)
    printf ("s %.6f %.6f\n", silences[i].start, silences[i].end);
  found = co_analysis_get_scenes (analysis, &n);
  for (gsize i = 0; i < n; i++)
    printf ("c %.3f\n", found[i].time);
  return 0;
}

/* Child: the scene pass alone, from the MP4 sample table; prints its
 * scenes ("c TIME"). */
static int
run_scenes_child (const char *path)
{
  g_autoptr(CoMp4Index) index = NULL;
  g_autoptr(GArray) frames = NULL;
  g_autoptr(GArray) scenes = NULL;

  gst_init (NULL, NULL);
  index = _co_mp4_index_open (path, &frames);
  if (index == NULL || frames == NULL)
    {
      fprintf (stderr, "%s: no MP4 sample table of a video to read\n", path);
      return 1;
    }
  scenes = _co_scenes_find (path, frames, NULL);
  for (guint i = 0; i < scenes->len; i++)
    printf ("c %.3f\n", g_array_index (scenes, CoScene, i).time);
  return 0;
}

static Runner *
runner_new (const char *name,
            ...)
{
  Runner *runner = g_new0 (Runner, 1);
  GPtrArray *argv = g_ptr_array_new ();
  va_list args;

  va_start (args, name);
  for (const char *arg = va_arg (args, const char *); arg != NULL;
       arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  runner->name = name;
  runner->argv = (char **) g_ptr_array_free (argv, FALSE);
  runner->wall = g_array_new (FALSE, FALSE, sizeof (double));
  runner->cpu = g_array_new (FALSE, FALSE, sizeof (double));
  runner->rss = g_array_new (FALSE, FALSE, sizeof (double));
  return runner;
}

static void
runner_free (Runner *runner)
{
  g_strfreev (runner->argv);
  g_array_unref (runner->wall);
  g_array_unref (runner->cpu);
  g_array_unref (runner->rss);
  g_free (runner->out);
  g_free (runner->err);
  g_free (runner);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Runner, runner_free)

/* A file for a child's output, already unlinked. */
static int
scratch_file (void)
{
  char name[] = "/tmp/co-bench-XXXXXX";
  int fd = g_mkstemp (name);

  g_assert (fd >= 0);
  g_unlink (name);
  return fd;
}

static char *
read_back (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[65536];
  gssize got;

  lseek (fd, 0, SEEK_SET);
  while ((got = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, got);
  close (fd);
  return g_string_free (text, FALSE);
}

/* Runs @runner once, from outside: wall time, and from wait4() its CPU
 * time and peak RSS.  The tests' G_DEBUG=gc-friendly, which clears every
 * array GLib grows, is not what a user runs with. */
static void
run_once (Runner *runner)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "G_DEBUG");
  int out = scratch_file (), err = scratch_file (), status = 0;
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  double wall, cpu, rss;
  GPid pid;

  if (!g_spawn_async_with_fds (NULL, runner->argv, env,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                               -1, out, err, &error))
    g_error ("%s: %s", runner->argv[0], error->message);
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed: %s", runner->name, read_back (err));
  wall = (g_get_monotonic_time () - start) / 1e6;
  cpu = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  rss = usage.ru_maxrss / 1024.0;
  g_array_append_val (runner->wall, wall);
  g_array_append_val (runner->cpu, cpu);
  g_array_append_val (runner->rss, rss);
  g_free (runner->out);
  g_free (runner->err);
  runner->out = read_back (out);
  runner->err = read_back (err);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);

  g_array_sort (sorted, compare_doubles);
  return g_array_index (sorted, double, sorted->len / 2);
}

/* Runs the runners in turn, @rounds times. */
static void
run_interleaved (Runner **runners,
                 guint    n,
                 guint    rounds)
{
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < n; i++)
      run_once (runners[i]);
}

static void
print_runner (const Runner *runner)
{
  printf ("  %-34s wall %6.2f s   CPU %6.2f s   peak RSS %6.1f MiB\n", runner->name,
          median (runner->wall), median (runner->cpu), median (runner->rss));
}

static void
print_load (const char *when)
{
  g_autofree char *load = NULL;

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    printf ("# load average %s: %s", when, load);
}

/* The silences an analysis child printed. */
static GArray *
parse_ours (const char *out)
{
  GArray *silences = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      double s[2];

      if (sscanf (lines[i], "s %lf %lf", &s[0], &s[1]) == 2)
        g_array_append_val (silences, s);
    }
  return silences;
}

static CoTestSilenceScore
score (GArray *truth,
       GArray *found)
{
  CoTestSilenceScore result;

  co_test_speech_score ((const double (*)[2]) (gpointer) truth->data, truth->len,
                        (const double (*)[2]) (gpointer) found->data, found->len, MIN_SILENCE,
                        &result);
  return result;
}

static void
print_boundaries (GArray       *truth,
                  const Runner *ours,
                  const Runner *ffmpeg,
                  double        duration)
{
  g_autoptr(GArray) mine = parse_ours (ours->out);
  g_autoptr(GArray) theirs = co_test_speech_parse_silencedetect (ffmpeg->err, duration);
  CoTestSilenceScore a = score (truth, mine), b = score (truth, theirs);
  /* Ours are kept to the millisecond; ffmpeg prints six significant
   * digits, a resolution of 10^(digits before the point - 6). */
  double slack = 0.0005 + 0.5 * pow (10.0, floor (log10 (duration)) - 5);

  printf ("  silences against the planted truth (%u pauses of at least %.1f s):\n",
          a.expected, MIN_SILENCE);
  printf ("    ours:   %u found, %u right, mean error %.2f ms, max %.2f ms (at %.3f s)\n",
          a.found, a.matched, a.mean_error * 1000, a.max_error * 1000, a.worst);
  printf ("    ffmpeg: %u found, %u right, mean error %.2f ms, max %.2f ms (at %.3f s; it "
          "prints 6 digits)\n", b.found, b.matched, b.mean_error * 1000, b.max_error * 1000,
          b.worst);
  printf ("    target: mean <= 2 ms, max <= 12 ms, never worse than ffmpeg (beyond the two "
          "roundings, %.1f ms): %s, %s, %s\n", slack * 1000,
          bench_target (a.mean_error <= 0.002), bench_target (a.max_error <= 0.012),
          bench_target (a.mean_error <= b.mean_error + slack &&
                        a.max_error <= b.max_error + slack));
}

static void
print_ratio (const char *what,
             double      value,
             double      target)
{
  printf ("  %-62s %5.2f (target <= %.2f: %s)\n", what, value, target,
          bench_target (value <= target));
}

/* The command line analysing @path with its result kept in a new
 * library each time: the median of its peak RSS over @rounds runs (the
 * decoders in flight vary it by a MiB from run to run). */
static double
cli_rss (const char *cli,
         const char *path,
         guint       rounds)
{
  g_autoptr(Runner) runner = runner_new ("cli", cli, NULL);

  for (guint r = 0; r < rounds; r++)
    {
      g_autofree char *library = g_dir_make_tmp ("co-bench-library-XXXXXX", NULL);
      g_autofree char *remove = g_strdup_printf ("rm -rf '%s'", library);
      const char *argv[] = { cli, "--data-dir", library, "--json", "analyze", path, NULL };

      g_strfreev (runner->argv);
      runner->argv = g_strdupv ((char **) argv);
      run_once (runner);
      if (system (remove) != 0)
        g_warning ("cannot remove %s", library);
    }
  return median (runner->rss);
}

/* Returns the command line's peak RSS with the result kept, MiB. */
static double
bench_sound (const char *self,
             const char *cli,
             const char *path,
             const char *label,
             double      duration,
             GArray     *truth,
             guint       rounds)
{
  g_autofree char *location = g_strconcat ("location=", path, NULL);
  g_autoptr(Runner) serial = runner_new ("ours, serial", self, "--child", path, "serial",
                                         "audio", NULL);
  g_autoptr(Runner) parallel = runner_new ("ours, parallel", self, "--child", path, "parallel",
                                           "audio", NULL);
  g_autoptr(Runner) gst = runner_new ("GStreamer audio-only decode floor", "gst-launch-1.0", "-q",
                                      "filesrc", location, "!", "qtdemux", "!", "aacparse", "!",
                                      "avdec_aac", "!", "fakesink", NULL);
  g_autoptr(Runner) ffmpeg = runner_new ("ffmpeg -af silencedetect", "ffmpeg", "-hide_banner",
                                         "-nostats", "-i", path, "-vn", "-af",
                                         "silencedetect=noise=-35dB:d=0.3", "-f", "null", "-",
                                         NULL);
  Runner *all[] = { serial, parallel, gst, ffmpeg };
  double rss;

  run_interleaved (all, G_N_ELEMENTS (all), rounds);
  printf ("%s: median of %u runs, interleaved\n", label, rounds);
  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    print_runner (all[i]);
  print_ratio ("wall, ours parallel / ffmpeg silencedetect",
               median (parallel->wall) / median (ffmpeg->wall), 0.8);
  print_ratio ("wall, ours serial / ffmpeg silencedetect",
               median (serial->wall) / median (ffmpeg->wall), 0.8);
  print_ratio ("wall, ours serial / GStreamer audio-only decode floor",
               median (serial->wall) / median (gst->wall), 1.15);
  /* Serial mode analyses beside the decoder, on a thread of its own: its
   * CPU time is shown beside the floor's, but the target is on wall time. */
  printf ("  %-62s %5.2f (shown; the target is on wall time)\n",
          "CPU, ours serial / GStreamer audio-only decode floor",
          median (serial->cpu) / median (gst->cpu));
  print_boundaries (truth, parallel, ffmpeg, duration);
  printf ("  serial and parallel results identical: %s\n",
          g_str_equal (serial->out + strcspn (serial->out, "\n"),
                       parallel->out + strcspn (parallel->out, "\n")) ? "yes" : "NO");
  rss = cli_rss (cli, path, rounds);
  printf ("  peak RSS, creatorops-cli analyze with the result kept, median of %u: %.1f MiB "
          "(target <= 64: %s)\n", rounds, rss, bench_target (rss <= 64.0));
  return rss;
}

/* Recall and precision of the scenes a child printed, frame-exact. */
static void
score_scenes (const char *out,
              double      duration,
              double     *recall,
              double     *precision)
{
  g_autoptr(GArray) cuts = plant_cuts (duration);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint found = 0, right = 0, hit = 0;

  for (guint c = 0; c < cuts->len; c++)
    for (guint i = 0; lines[i] != NULL; i++)
      {
        double t;

        if (sscanf (lines[i], "c %lf", &t) == 1
            && fabs (t - (double) g_array_index (cuts, guint, c) / FPS) < 0.5 / FPS)
          {
            hit++;
            break;
          }
      }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double t;

      if (sscanf (lines[i], "c %lf", &t) != 1)
        continue;
      found++;
      for (guint c = 0; c < cuts->len; c++)
        right += fabs (t - (double) g_array_index (cuts, guint, c) / FPS) < 0.5 / FPS;
    }
  *recall = cuts->len > 0 ? (double) hit / cuts->len : 1.0;
  *precision = found > 0 ? (double) right / found : 1.0;
}

/* The scene lines ("c TIME") of a child's output. */
static char *
scene_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GString *scenes = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "c "))
      g_string_append_printf (scenes, "%s\n", lines[i]);
  return g_string_free (scenes, FALSE);
}

static void
bench_scenes (const char *self,
              const char *path,
              double      duration)
{
  g_autoptr(Runner) ours = runner_new ("ours, scenes and the whole analysis", self, "--child",
                                       path, "parallel", "scenes", NULL);
  g_autoptr(Runner) alone = runner_new ("ours, scenes alone", self, "--child", path, "parallel",
                                        "scenes-alone", NULL);
  g_autoptr(Runner) ffmpeg = runner_new ("ffmpeg -vf select=gt(scene,0.3)", "ffmpeg",
                                         "-hide_banner", "-nostats", "-i", path, "-an", "-vf",
                                         "select=gt(scene\\,0.3)", "-f", "null", "-", NULL);
  Runner *all[] = { ours, alone, ffmpeg };
  g_autofree char *whole_scenes = NULL, *alone_scenes = NULL;
  double recall, precision;

  run_interleaved (all, G_N_ELEMENTS (all), ROUNDS);
  score_scenes (ours->out, duration, &recall, &precision);
  printf ("scenes of the 10 min reel (cuts every 20 s, one on a key frame): median of %d runs\n",
          ROUNDS);
  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    print_runner (all[i]);
  print_ratio ("wall, ours / ffmpeg select=gt(scene,0.3)",
               median (ours->wall) / median (ffmpeg->wall), 0.1);
  print_ratio ("wall, scenes alone / ffmpeg select=gt(scene,0.3)",
               median (alone->wall) / median (ffmpeg->wall), 0.1);
  printf ("  recall %.3f, precision %.3f, frame-exact (target >= 0.98 each: %s)\n", recall,
          precision, bench_target (recall >= 0.98 && precision >= 0.98));
  whole_scenes = scene_lines (ours->out);
  alone_scenes = scene_lines (alone->out);
  printf ("  scenes alone and with the whole analysis identical: %s\n",
          g_str_equal (whole_scenes, alone_scenes) ? "yes" : "NO");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *video = NULL, *audio = NULL;
  g_autoptr(GArray) video_truth = NULL, audio_truth = NULL;
  gboolean sound_only = argc == 4 && g_str_equal (argv[3], "sound");
  gboolean scenes_only = argc == 4 && g_str_equal (argv[3], "scenes");
  guint rounds = sound_only ? 3 : ROUNDS;

  if (argc == 5 && g_str_equal (argv[1], "--child") && g_str_equal (argv[4], "scenes-alone"))
    return run_scenes_child (argv[2]);
  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], g_str_equal (argv[3], "serial"), g_str_equal (argv[4], "scenes"));
  if (argc != 3 && !sound_only && !scenes_only)
    {
      fprintf (stderr, "usage: %s CACHE-DIR CREATOROPS-CLI [scenes|sound]\n", argv[0]);
      return 2;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);
  gst_init (NULL, NULL);
  video = ensure_talk (argv[1], "bench-talk-10min-1080p-v2.mp4", 600.0, TRUE, &video_truth);
  if (!scenes_only)
    audio = ensure_talk (argv[1], "bench-talk-60min-v2.m4a", 3600.0, FALSE, &audio_truth);
  print_load ("at the start");
  if (!scenes_only)
    {
      double short_rss = bench_sound (argv[0], argv[2], video, "10 min talk, 1080p30 H.264 + AAC",
                                      600.0, video_truth, rounds);
      double long_rss = bench_sound (argv[0], argv[2], audio, "60 min talk, AAC only", 3600.0,
                                     audio_truth, rounds);

      /* Flat: what the hour adds is within a run-to-run spread. */
      printf ("peak RSS of creatorops-cli, 60 min minus 10 min: %+.1f MiB (target: flat, "
              "<= 1 MiB: %s)\n", long_rss - short_rss, bench_target (long_rss - short_rss <= 1.0));
    }
  if (!sound_only)
    bench_scenes (argv[0], video, 600.0);
  print_load ("at the end");
  return bench_target_status (0);
}
