/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-phash"

#include "config.h"

#include <math.h>

#include "co-phash.h"

/*
 * A DCT-based perceptual hash, after the classic "pHash":
 *
 * 1. scale the picture to 32×32 and take its luma;
 * 2. take the 2-D DCT-II and keep its lowest frequencies;
 * 3. turn the 32 lowest AC coefficients (in zig-zag order, the DC term
 *    being mere brightness) into two bits each: 10 when clearly positive,
 *    01 when clearly negative, 00 when within a small dead band around zero.
 *
 * Why DCT and not a difference hash (dHash): dHash compares neighbouring
 * pixels of a 9×8 thumbnail, so JPEG blocking, sharpening or a small gamma
 * change flip many of its bits; the low DCT frequencies describe the
 * picture's coarse structure, which survives rescaling and recompression.
 * The cost (32×32 pixels, a separable transform of 8 frequencies) is
 * negligible next to decoding the picture.
 *
 * Why two bits per coefficient instead of the classic one bit against the
 * median: smooth or simple pictures (gradients, skies, graphics) have many
 * coefficients near zero.  Thresholded at the median they flip with rounding
 * noise, and with a dead band a clearly negative coefficient would look the
 * same as a zero one, so a left-to-right ramp and its mirror would hash
 * alike.  The ternary code keeps "opposite" two bits apart and "absent" one
 * bit apart, and co_similarity_hamming() still measures it.
 */

#define SAMPLE 32
#define LOW    8
#define N_COEFFS 32
/* Coefficients smaller than this share of the largest one count as zero. */
#define DEAD_BAND 0.01

/* Luma of a @SAMPLE×@SAMPLE copy of @pixbuf; alpha is ignored, since the
 * hash describes the picture's structure, not its transparency. */
static void
sample_luma (GdkPixbuf *pixbuf,
             double     luma[SAMPLE][SAMPLE])
{
  g_autoptr(GdkPixbuf) small = gdk_pixbuf_scale_simple (pixbuf, SAMPLE, SAMPLE,
                                                        GDK_INTERP_BILINEAR);
  const guint8 *pixels = gdk_pixbuf_read_pixels (small);
  int stride = gdk_pixbuf_get_rowstride (small);
  int channels = gdk_pixbuf_get_n_channels (small);

  for (int y = 0; y < SAMPLE; y++)
    for (int x = 0; x < SAMPLE; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;

        luma[y][x] = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
      }
}

/* The low-frequency corner of the 2-D DCT-II, computed separably: rows
 * first, then columns. */
static void
low_dct (double luma[SAMPLE][SAMPLE],
         double out[LOW][LOW])
{
  double basis[LOW][SAMPLE];
  double rows[SAMPLE][LOW];

  for (int u = 0; u < LOW; u++)
    for (int x = 0; x < SAMPLE; x++)
      basis[u][x] = cos ((2 * x + 1) * u * G_PI / (2 * SAMPLE));

  for (int y = 0; y < SAMPLE; y++)
    for (int u = 0; u < LOW; u++)
      {
        rows[y][u] = 0;
        for (int x = 0; x < SAMPLE; x++)
          rows[y][u] += luma[y][x] * basis[u][x];
      }

  for (int v = 0; v < LOW; v++)
    for (int u = 0; u < LOW; u++)
      {
        out[v][u] = 0;
        for (int y = 0; y < SAMPLE; y++)
          out[v][u] += rows[y][u] * basis[v][y];
      }
}

/* The (u, v) frequencies ordered by u + v, the lowest first (zig-zag). */
static void
zigzag (int order[N_COEFFS][2])
{
  int n = 0;

  for (int sum = 1; n < N_COEFFS; sum++)
    for (int v = 0; v <= sum && n < N_COEFFS; v++)
      {
        if (sum - v < LOW && v < LOW)
          {
            order[n][0] = sum - v;
            order[n][1] = v;
            n++;
          }
      }
}

/**
 * co_phash_pixbuf:
 * @pixbuf: a picture (an image or a video frame), any size
 *
 * Computes a 64-bit DCT perceptual hash.  Pictures that look alike (the same
 * image rescaled or recompressed) get hashes a few bits apart; compare them
 * with co_similarity_hamming() or co_similarity_phash().
 *
 * Returns: the hash
 */
guint64
co_phash_pixbuf (GdkPixbuf *pixbuf)
{
  double luma[SAMPLE][SAMPLE];
  double dct[LOW][LOW];
  int order[N_COEFFS][2];
  double largest = 0, band;
  guint64 hash = 0;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), 0);

  sample_luma (pixbuf, luma);
  low_dct (luma, dct);
  zigzag (order);

  for (int i = 0; i < N_COEFFS; i++)
    largest = MAX (largest, fabs (dct[order[i][1]][order[i][0]]));
  band = DEAD_BAND * largest;

  for (int i = 0; i < N_COEFFS; i++)
    {
      double c = dct[order[i][1]][order[i][0]];

      if (c > band)
        hash |= G_GUINT64_CONSTANT (2) << (2 * i);
      else if (c < -band)
        hash |= G_GUINT64_CONSTANT (1) << (2 * i);
    }
  return hash;
}
