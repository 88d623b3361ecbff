/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-analysis-private.h"
#include "co-test-media.h"
#include "co-test-util.h"

/*
 * The MP4 sample tables: what they say of files whose layout is known, and
 * that a damaged index (any byte of the moov box changed) is either
 * refused or read without reading outside it.
 */

static guint32
count_samples (CoMp4Index *index,
               guint64     file_size)
{
  g_autoptr(CoMp4Walk) walk = _co_mp4_index_walk_audio (index, 0);
  CoMp4Sample sample;
  guint32 n = 0;

  while (_co_mp4_walk_next (walk, &sample))
    {
      g_assert_cmpuint (sample.offset + sample.size, <=, file_size);
      n++;
    }
  return n;
}

/* An ffmpeg file: 7.25 s of 48 kHz AAC after 1024 frames of priming, in
 * 1024-frame samples, the last one partly padding; video at 30 fps. */
static void
test_tables (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("mp4-index");
  g_autofree char *path = co_test_media_write_exact_aac (dir, "exact.mp4", 7.25, TRUE);
  g_autoptr(CoMp4Index) index = NULL;
  g_autoptr(GArray) frames = NULL;
  g_autoptr(CoMp4Walk) walk = NULL;
  CoMp4Sample sample;
  GStatBuf st;
  guint32 timescale;
  gint64 delay, priming, length;

  if (path == NULL)
    {
      g_test_skip ("ffmpeg, which writes the file, is not installed");
      return;
    }
  g_assert_no_errno (g_stat (path, &st));
  index = _co_mp4_index_open (path, &frames);
  g_assert_nonnull (index);
  _co_mp4_index_audio_timing (index, &timescale, &delay, &priming, &length);
  g_assert_cmpuint (timescale, ==, 48000);
  g_assert_cmpint (delay, ==, 0);
  g_assert_cmpint (priming, ==, 1024);
  g_assert_cmpint (length, ==, 348000);
  /* (348000 + 1024) / 1024, rounded up. */
  g_assert_cmpuint (count_samples (index, (guint64) st.st_size), ==, 341);
  /* A walk may start anywhere. */
  walk = _co_mp4_index_walk_audio (index, 200);
  g_assert_true (_co_mp4_walk_next (walk, &sample));
  g_assert_cmpuint (sample.index, ==, 200);
  g_assert_cmpint (sample.dts, ==, 200 * 1024);
  g_assert_nonnull (frames);
  g_assert_cmpuint (frames->len, ==, 218);
  g_assert_true (g_array_index (frames, CoVideoFrame, 0).keyframe);
  g_assert_cmpint (g_array_index (frames, CoVideoFrame, 0).pts, ==, 0);
}

/* Changes a few bytes of @moov (a copy of the index box) at random. */
static void
damage (guint8 *data,
        gsize   len,
        GRand  *rand)
{
  int n = g_rand_int_range (rand, 1, 6);

  for (int i = 0; i < n; i++)
    {
      gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) len);

      data[at] = g_rand_boolean (rand) ? (guint8) g_rand_int (rand) : data[at] ^ 0x80;
    }
}

/* Property: whatever bytes of the index change, opening and walking the
 * file never reads outside its tables or its data (ASan would say), and a
 * walk gives only samples inside the file. */
static void
test_damaged (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("mp4-index");
  g_autofree char *good = co_test_media_write_exact_aac (dir, "good.mp4", 3.0, TRUE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  g_autofree char *data = NULL;
  gsize len;

  if (good == NULL)
    {
      g_test_skip ("ffmpeg, which writes the file, is not installed");
      return;
    }
  g_assert_true (g_file_get_contents (good, &data, &len, NULL));
  for (int round = 0; round < 300; round++)
    {
      g_autofree char *copy = g_memdup2 (data, len);
      g_autofree char *path = NULL;
      g_autoptr(CoMp4Index) index = NULL;
      g_autoptr(GArray) frames = NULL;

      /* The index is at the end of ffmpeg's files: damage the last 3 kB. */
      damage ((guint8 *) copy + len - MIN (len, 3000), MIN (len, 3000), rand);
      path = co_test_write_file (dir, "damaged.mp4", copy, (gssize) len);
      index = _co_mp4_index_open (path, &frames);
      if (index != NULL)
        {
          g_autoptr(GstCaps) caps = _co_mp4_index_audio_caps (index);

          count_samples (index, len);
          g_assert_nonnull (caps);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);
  co_test_media_init ();
  gst_init (NULL, NULL);
  g_test_add_func ("/media/mp4-index/tables", test_tables);
  g_test_add_func ("/media/mp4-index/damaged", test_damaged);
  return g_test_run ();
}
