/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <ebur128.h>
#include <math.h>

#include "co-analysis-private.h"
#include "co-test-util.h"

/*
 * The loudness and true-peak meters of the analysis hot path, held to
 * libebur128 (not in its histogram mode, which rounds to 0.1 LU) on signals
 * made here: bursts of noise at random levels with pauses, tones, silence,
 * at several rates and channel counts, fed in blocks of random sizes.
 */

typedef struct
{
  int     rate;
  int     channels;
  gsize   frames;
  float **planes;
} Signal;

static void
signal_free (Signal *signal)
{
  for (int c = 0; c < signal->channels; c++)
    g_free (signal->planes[c]);
  g_free (signal->planes);
  g_free (signal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Signal, signal_free)

static Signal *
signal_new (int    rate,
            int    channels,
            double seconds)
{
  Signal *signal = g_new0 (Signal, 1);

  signal->rate = rate;
  signal->channels = channels;
  signal->frames = (gsize) (seconds * rate);
  signal->planes = g_new (float *, channels);
  for (int c = 0; c < channels; c++)
    signal->planes[c] = g_new0 (float, signal->frames);
  return signal;
}

/* Speech-like: bursts of 0.2–2 s of noise, each at its own level between
 * −45 and −6 dBFS, some channels louder than others, with pauses between. */
static Signal *
make_bursts (GRand *rand,
             int    rate,
             int    channels,
             double seconds)
{
  Signal *signal = signal_new (rate, channels, seconds);
  gsize f = 0;

  while (f < signal->frames)
    {
      gsize burst = (gsize) (g_rand_double_range (rand, 0.2, 2.0) * rate);
      gsize pause = (gsize) (g_rand_double_range (rand, 0.0, 0.8) * rate);
      double level = pow (10.0, g_rand_double_range (rand, -45.0, -6.0) / 20.0);

      for (int c = 0; c < channels; c++)
        {
          double gain = level * g_rand_double_range (rand, 0.3, 1.0);

          for (gsize i = f; i < MIN (f + burst, signal->frames); i++)
            signal->planes[c][i] = (float) (gain * g_rand_double_range (rand, -1.0, 1.0));
        }
      f += burst + pause;
    }
  return signal;
}

/* Tones near full scale between samples: the true peak is above the
 * sample peak. */
static Signal *
make_tones (int    rate,
            int    channels,
            double seconds)
{
  Signal *signal = signal_new (rate, channels, seconds);

  for (int c = 0; c < channels; c++)
    for (gsize i = 0; i < signal->frames; i++)
      {
        double t = (double) i / rate;
        double amplitude = t < seconds / 2 ? 0.05 : 0.95;

        signal->planes[c][i] = (float) (amplitude * sin (2 * G_PI * (rate / 4.0 - 7.0 * c) * t
                                                         + G_PI / 4));
      }
  return signal;
}

typedef struct
{
  double integrated;
  double range;
  double true_peak;   /* linear */
} Figures;

static Figures
measure_ours (const Signal *signal,
              GRand        *rand)
{
  g_autofree double *weights = g_new (double, signal->channels);
  g_autofree const float **at = g_new (const float *, signal->channels);
  CoLoudnessMeter *meter;
  CoTruePeak *peak;
  Figures figures;
  gsize done = 0;

  for (int c = 0; c < signal->channels; c++)
    weights[c] = c >= 3 ? 1.41 : 1.0;   /* libebur128's map for 5 channels */
  meter = _co_loudness_meter_new (signal->rate, signal->channels, weights);
  peak = _co_true_peak_new (signal->rate, signal->channels);
  while (done < signal->frames)
    {
      gsize n = (gsize) g_rand_int_range (rand, 1, 5000);
      float block_peak = 0.0f;

      n = MIN (n, signal->frames - done);

      for (int c = 0; c < signal->channels; c++)
        {
          at[c] = signal->planes[c] + done;
          for (gsize i = 0; i < n; i++)
            block_peak = MAX (block_peak, fabsf (at[c][i]));
        }
      _co_loudness_meter_feed (meter, at, 0, n, FALSE);
      _co_true_peak_feed (peak, (const float * const *) signal->planes, done, n, block_peak);
      done += n;
    }
  figures.integrated = _co_loudness_meter_integrated (meter);
  figures.range = _co_loudness_meter_range (meter);
  figures.true_peak = _co_true_peak_get (peak);
  _co_loudness_meter_free (meter);
  _co_true_peak_free (peak);
  return figures;
}

static Figures
measure_libebur128 (const Signal *signal)
{
  ebur128_state *state = ebur128_init ((unsigned) signal->channels, (unsigned long) signal->rate,
                                       EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK);
  g_autofree float *frames = g_new (float, signal->frames * signal->channels);
  Figures figures = { 0 };

  g_assert_nonnull (state);
  for (gsize i = 0; i < signal->frames; i++)
    for (int c = 0; c < signal->channels; c++)
      frames[i * signal->channels + c] = signal->planes[c][i];
  g_assert_cmpint (ebur128_add_frames_float (state, frames, signal->frames), ==, EBUR128_SUCCESS);
  g_assert_cmpint (ebur128_loudness_global (state, &figures.integrated), ==, EBUR128_SUCCESS);
  g_assert_cmpint (ebur128_loudness_range (state, &figures.range), ==, EBUR128_SUCCESS);
  for (int c = 0; c < signal->channels; c++)
    {
      double value;

      g_assert_cmpint (ebur128_true_peak (state, (unsigned) c, &value), ==, EBUR128_SUCCESS);
      figures.true_peak = MAX (figures.true_peak, value);
    }
  ebur128_destroy (&state);
  return figures;
}

static void
assert_same (const Signal *signal,
             GRand        *rand)
{
  Figures ours = measure_ours (signal, rand);
  Figures theirs = measure_libebur128 (signal);

  g_test_message ("%d Hz × %d: I %.4f / %.4f LUFS, LRA %.4f / %.4f LU, TP %.6f / %.6f",
                  signal->rate, signal->channels, ours.integrated, theirs.integrated,
                  ours.range, theirs.range, ours.true_peak, theirs.true_peak);
  if (isinf (theirs.integrated))
    g_assert_true (isinf (ours.integrated) && ours.integrated < 0);
  else
    g_assert_cmpfloat_with_epsilon (ours.integrated, theirs.integrated, 0.001);
  g_assert_cmpfloat_with_epsilon (ours.range, theirs.range, 0.001);
  /* Both oversample with the same filter; only the order of float sums differs. */
  g_assert_cmpfloat_with_epsilon (ours.true_peak, theirs.true_peak, 1e-5 + 1e-5 * theirs.true_peak);
}

static void
test_bursts (gconstpointer data)
{
  const int *format = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  g_autoptr(Signal) signal = make_bursts (rand, format[0], format[1], 40.0);

  assert_same (signal, rand);
}

static void
test_tones (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  g_autoptr(Signal) signal = make_tones (48000, 2, 12.0);
  Figures ours = measure_ours (signal, rand);

  /* A quarter-rate tone at 45° phase is sampled at ±0.707 of its peak. */
  g_assert_cmpfloat (ours.true_peak, >, 0.94);
  assert_same (signal, rand);
}

static void
test_silence (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  g_autoptr(Signal) silent = signal_new (48000, 2, 10.0);
  g_autoptr(Signal) short_one = make_bursts (rand, 48000, 2, 0.35);
  Figures figures = measure_ours (silent, rand);

  g_assert_true (isinf (figures.integrated) && figures.integrated < 0);
  g_assert_cmpfloat (figures.range, ==, 0.0);
  g_assert_cmpfloat (figures.true_peak, ==, 0.0);
  /* Shorter than one 400 ms block: nothing to measure. */
  figures = measure_ours (short_one, rand);
  g_assert_true (isinf (figures.integrated));
}

/* EBU Tech 3341, case 1: a 1 kHz sine at −23 dBFS in both channels reads
 * −23 LUFS; and a −20 dB step in the middle of a programme gives a range
 * of 20 LU (Tech 3342, case 1). */
static void
test_reference_levels (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  g_autoptr(Signal) signal = signal_new (48000, 2, 40.0);
  Figures figures;

  for (gsize i = 0; i < signal->frames; i++)
    {
      double level = i < signal->frames / 2 ? -20.0 : -40.0;
      float v = (float) (pow (10.0, level / 20.0) * sin (2 * G_PI * 1000.0 * i / 48000.0));

      signal->planes[0][i] = v;
      signal->planes[1][i] = v;
    }
  figures = measure_ours (signal, rand);
  g_assert_cmpfloat_with_epsilon (figures.range, 20.0, 0.1);
  for (gsize i = 0; i < signal->frames; i++)
    for (int c = 0; c < 2; c++)
      signal->planes[c][i] = (float) (pow (10.0, -23.0 / 20.0)
                                      * sin (2 * G_PI * 1000.0 * i / 48000.0));
  figures = measure_ours (signal, rand);
  g_assert_cmpfloat_with_epsilon (figures.integrated, -23.0, 0.1);
}

int
main (int    argc,
      char **argv)
{
  static const int stereo48[] = { 48000, 2 }, mono44[] = { 44100, 1 };
  static const int five48[] = { 48000, 5 }, stereo96[] = { 96000, 2 };
  static const int mono16[] = { 16000, 1 }, stereo192[] = { 192000, 2 };

  co_test_init (&argc, &argv);
  g_test_add_data_func ("/media/loudness/bursts/48k-stereo", stereo48, test_bursts);
  g_test_add_data_func ("/media/loudness/bursts/44k1-mono", mono44, test_bursts);
  g_test_add_data_func ("/media/loudness/bursts/48k-5ch", five48, test_bursts);
  g_test_add_data_func ("/media/loudness/bursts/96k-stereo", stereo96, test_bursts);
  g_test_add_data_func ("/media/loudness/bursts/16k-mono", mono16, test_bursts);
  g_test_add_data_func ("/media/loudness/bursts/192k-stereo", stereo192, test_bursts);
  g_test_add_func ("/media/loudness/tones", test_tones);
  g_test_add_func ("/media/loudness/silence", test_silence);
  g_test_add_func ("/media/loudness/reference-levels", test_reference_levels);
  return g_test_run ();
}
