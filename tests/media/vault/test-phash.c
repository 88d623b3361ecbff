/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-phash.h"
#include "co-similarity.h"
#include "co-test-media.h"
#include "co-test-util.h"

static const CoTestPattern patterns[] = {
  CO_TEST_PATTERN_GRADIENT,
  CO_TEST_PATTERN_CHECKER,
  CO_TEST_PATTERN_CIRCLES,
  CO_TEST_PATTERN_STRIPES,
  CO_TEST_PATTERN_NOISE,
};

static guint64
hash_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);
  return co_phash_pixbuf (pixbuf);
}

static void
test_deterministic (void)
{
  g_autoptr(GdkPixbuf) a = co_test_media_pattern (CO_TEST_PATTERN_CIRCLES, 200, 150, 0);
  g_autoptr(GdkPixbuf) b = co_test_media_pattern (CO_TEST_PATTERN_CIRCLES, 200, 150, 0);

  g_assert_cmpuint (co_phash_pixbuf (a), ==, co_phash_pixbuf (b));
  /* A hash with every bit equal would make every picture look alike. */
  g_assert_cmpuint (co_phash_pixbuf (a), !=, 0);
  g_assert_cmpuint (co_phash_pixbuf (a), !=, G_MAXUINT64);
}

/* The same picture rescaled, or saved again as a lossy JPEG, stays close. */
static void
test_rescaled_and_recompressed (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("phash");

  for (gsize i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autoptr(GdkPixbuf) original = co_test_media_pattern (patterns[i], 320, 240, 0);
      g_autoptr(GdkPixbuf) half = gdk_pixbuf_scale_simple (original, 160, 120,
                                                           GDK_INTERP_BILINEAR);
      g_autofree char *name = g_strdup_printf ("p%zu.jpg", i);
      g_autofree char *jpeg = co_test_media_write_jpeg (dir, name, 320, 240, patterns[i], 40);
      guint64 h = co_phash_pixbuf (original);
      int d_half = co_similarity_hamming (h, co_phash_pixbuf (half));
      int d_jpeg = co_similarity_hamming (h, hash_file (jpeg));

      g_test_message ("pattern %zu: rescaled %d bits, JPEG q40 %d bits", i, d_half, d_jpeg);
      g_assert_cmpint (d_half, <=, CO_PHASH_SAME_PICTURE_DISTANCE);
      g_assert_cmpint (d_jpeg, <=, CO_PHASH_SAME_PICTURE_DISTANCE);
    }
}

/* Different pictures are apart: every pair of patterns.  These synthetic
 * patterns have sparse spectra, so they sit closer (8 to 20 bits) than
 * unrelated photographs (about 32); the noise pattern, photo-like in that
 * respect, must be near that. */
static void
test_different_far (void)
{
  guint64 hashes[G_N_ELEMENTS (patterns)];

  for (gsize i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = co_test_media_pattern (patterns[i], 160, 120, 0);

      hashes[i] = co_phash_pixbuf (pixbuf);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (patterns); i++)
    for (gsize j = i + 1; j < G_N_ELEMENTS (patterns); j++)
      {
        int d = co_similarity_hamming (hashes[i], hashes[j]);

        g_test_message ("patterns %zu and %zu: %d bits (%016" G_GINT64_MODIFIER "x %016" G_GINT64_MODIFIER "x)", i, j, d, hashes[i], hashes[j]);
        g_assert_cmpint (d, >, CO_PHASH_SAME_PICTURE_DISTANCE);
        if (patterns[i] == CO_TEST_PATTERN_NOISE || patterns[j] == CO_TEST_PATTERN_NOISE)
          g_assert_cmpint (d, >, 20);
      }
}

/* Brightness changes the DC term only, which the hash leaves out. */
static void
test_brightness (void)
{
  g_autoptr(GdkPixbuf) original = co_test_media_pattern (CO_TEST_PATTERN_GRADIENT, 160, 120, 0);
  g_autoptr(GdkPixbuf) brighter = gdk_pixbuf_copy (original);
  guint8 *pixels = gdk_pixbuf_get_pixels (brighter);
  gsize len = (gsize)gdk_pixbuf_get_rowstride (brighter) * gdk_pixbuf_get_height (brighter);

  for (gsize i = 0; i < len; i++)
    pixels[i] = (guint8)MIN (255, pixels[i] * 0.8 + 40);
  g_assert_cmpint (co_similarity_hamming (co_phash_pixbuf (original), co_phash_pixbuf (brighter)),
                   <=, CO_PHASH_SAME_PICTURE_DISTANCE);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  co_test_media_init ();

  g_test_add_func ("/media/phash/deterministic", test_deterministic);
  g_test_add_func ("/media/phash/rescaled-and-recompressed", test_rescaled_and_recompressed);
  g_test_add_func ("/media/phash/different-far", test_different_far);
  g_test_add_func ("/media/phash/brightness", test_brightness);

  return g_test_run ();
}
