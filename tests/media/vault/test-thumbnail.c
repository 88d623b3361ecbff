/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-thumbnail.h"
#include "co-test-media.h"
#include "co-test-util.h"
#include "co-media-error.h"

typedef struct
{
  char *dir;
  char *dest;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("thumbnail");
  fixture->dest = g_build_filename (fixture->dir, "cache", "thumb.png", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
  g_free (fixture->dest);
}

static GdkPixbuf *
ensure_ok (Fixture     *fixture,
           const char  *source,
           CoVaultType  type,
           int          max_size)
{
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = co_thumbnail_ensure (source, type, fixture->dest, max_size, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pixbuf);
  g_assert_true (g_file_test (fixture->dest, G_FILE_TEST_IS_REGULAR));
  return pixbuf;
}

/* Only the thumbnail is left in its folder: no temporary files. */
static void
assert_no_leftovers (Fixture *fixture)
{
  g_autofree char *dir = g_path_get_dirname (fixture->dest);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_cmpstr (name, ==, "thumb.png");
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
}

static gboolean
same_pixels (GdkPixbuf *a,
             GdkPixbuf *b)
{
  guint len_a = 0, len_b = 0;
  const guint8 *pa = gdk_pixbuf_get_pixels_with_length (a, &len_a);
  const guint8 *pb = gdk_pixbuf_get_pixels_with_length (b, &len_b);

  return gdk_pixbuf_get_width (a) == gdk_pixbuf_get_width (b) &&
         gdk_pixbuf_get_height (a) == gdk_pixbuf_get_height (b) &&
         gdk_pixbuf_get_n_channels (a) == gdk_pixbuf_get_n_channels (b) &&
         len_a == len_b && memcmp (pa, pb, len_a) == 0;
}

static void
test_image (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_png (fixture->dir, "a.png", 400, 300,
                                                   CO_TEST_PATTERN_CIRCLES);
  g_autoptr(GdkPixbuf) thumb = ensure_ok (fixture, path, CO_VAULT_TYPE_IMAGE, 128);
  g_autoptr(GdkPixbuf) saved = gdk_pixbuf_new_from_file (fixture->dest, NULL);

  g_assert_cmpint (gdk_pixbuf_get_width (thumb), ==, 128);
  g_assert_cmpint (gdk_pixbuf_get_height (thumb), ==, 96);
  g_assert_nonnull (saved);
  g_assert_cmpint (gdk_pixbuf_get_width (saved), ==, 128);
  g_assert_cmpint (gdk_pixbuf_get_height (saved), ==, 96);
  assert_no_leftovers (fixture);
}

static void
test_portrait (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_jpeg (fixture->dir, "tall.jpg", 90, 300,
                                                    CO_TEST_PATTERN_STRIPES, 90);
  g_autoptr(GdkPixbuf) thumb = ensure_ok (fixture, path, CO_VAULT_TYPE_IMAGE, 100);

  g_assert_cmpint (gdk_pixbuf_get_height (thumb), ==, 100);
  g_assert_cmpint (gdk_pixbuf_get_width (thumb), ==, 30);
}

static void
test_small_not_enlarged (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_png (fixture->dir, "tiny.png", 40, 30,
                                                   CO_TEST_PATTERN_CHECKER);
  g_autoptr(GdkPixbuf) thumb = ensure_ok (fixture, path, CO_VAULT_TYPE_IMAGE, 128);

  g_assert_cmpint (gdk_pixbuf_get_width (thumb), ==, 40);
  g_assert_cmpint (gdk_pixbuf_get_height (thumb), ==, 30);
}

/* Once made, the thumbnail is not made again: even when the source changes,
 * the cached file is what comes back, untouched. */
static void
test_generated_once (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_png (fixture->dir, "a.png", 200, 150,
                                                   CO_TEST_PATTERN_CHECKER);
  g_autoptr(GdkPixbuf) first = ensure_ok (fixture, path, CO_VAULT_TYPE_IMAGE, 64);
  g_autoptr(GdkPixbuf) second = NULL;
  g_autofree char *other = NULL;
  GStatBuf before, after;

  g_assert_no_errno (g_stat (fixture->dest, &before));
  g_assert_no_errno (g_unlink (path));
  other = co_test_media_write_png (fixture->dir, "a.png", 200, 150, CO_TEST_PATTERN_STRIPES);

  second = ensure_ok (fixture, path, CO_VAULT_TYPE_IMAGE, 64);
  g_assert_no_errno (g_stat (fixture->dest, &after));
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  g_assert_true (same_pixels (first, second));
}

/* The first 40 % of the video is black: the 10 % and 33 % candidates (and
 * the first frame) are black, so only a detail-based choice picks the
 * pattern at 50 %. */
static void
test_video_skips_black (Fixture       *fixture,
                        gconstpointer  data)
{
  CoTestVideo spec = { .container = GPOINTER_TO_INT (data), .width = 320, .height = 240,
                       .duration = 4, .audio = TRUE, .pattern = CO_TEST_PATTERN_CHECKER,
                       .black_lead = 0.4 };
  g_autofree char *path = co_test_media_write_video (fixture->dir, "intro.video", &spec);
  g_autoptr(GdkPixbuf) thumb = ensure_ok (fixture, path, CO_VAULT_TYPE_VIDEO, 128);
  double detail = co_thumbnail_detail (thumb);

  g_test_message ("thumbnail detail: %.1f", detail);
  g_assert_cmpint (gdk_pixbuf_get_width (thumb), ==, 128);
  g_assert_cmpint (gdk_pixbuf_get_height (thumb), ==, 96);
  /* A checkerboard has a luma variance near 128²; black is near 0. */
  g_assert_cmpfloat (detail, >, 5000);
  assert_no_leftovers (fixture);
}

/* The async pair reads what co_thumbnail_ensure() cached, and says when
 * nothing is. */
static void
test_load_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_png (fixture->dir, "load.png", 200, 100,
                                                   CO_TEST_PATTERN_CIRCLES);
  g_autoptr(GdkPixbuf) made = ensure_ok (fixture, path, CO_VAULT_TYPE_IMAGE, 64);
  g_autofree char *missing = g_build_filename (fixture->dir, "none.png", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GError) error = NULL;

  co_thumbnail_load_async (fixture->dest, NULL, co_test_async_ready_cb, &result);
  loaded = co_thumbnail_load_finish (co_test_async_wait (&result, 20000), &error);
  g_assert_no_error (error);
  g_assert_true (same_pixels (made, loaded));
  co_test_assert_finalized (g_steal_pointer (&result), 20000);

  co_thumbnail_load_async (missing, NULL, co_test_async_ready_cb, &result);
  g_assert_null (co_thumbnail_load_finish (co_test_async_wait (&result, 20000), &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  co_test_assert_finalized (g_steal_pointer (&result), 20000);

  g_cancellable_cancel (cancellable);
  co_thumbnail_load_async (fixture->dest, cancellable, co_test_async_ready_cb, &result);
  g_assert_null (co_thumbnail_load_finish (co_test_async_wait (&result, 20000), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A filmstrip made in a worker thread: one picture per time, and the
 * error of a file without pictures. */
static void
test_strip_async (Fixture       *fixture,
                  gconstpointer  data)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_WEBM, .width = 160, .height = 120,
                       .duration = 2, .pattern = CO_TEST_PATTERN_CHECKER };
  g_autofree char *path = co_test_media_write_video (fixture->dir, "strip.video", &spec);
  g_autofree char *text = co_test_media_write_text (fixture->dir, "words.txt", "no pictures");
  const double times[] = { 0.0, 0.5, 1.5 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) strip = NULL;
  g_autoptr(GError) error = NULL;

  co_thumbnail_render_strip_async (path, times, G_N_ELEMENTS (times), 48, NULL,
                                   co_test_async_ready_cb, &result);
  strip = co_thumbnail_render_strip_finish (co_test_async_wait (&result, 30000), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strip->len, ==, G_N_ELEMENTS (times));
  for (guint i = 0; i < strip->len; i++)
    g_assert_cmpint (gdk_pixbuf_get_width (g_ptr_array_index (strip, i)), ==, 48);
  co_test_assert_finalized (g_steal_pointer (&result), 20000);

  co_thumbnail_render_strip_async (text, times, 1, 48, NULL, co_test_async_ready_cb, &result);
  g_assert_null (co_thumbnail_render_strip_finish (co_test_async_wait (&result, 30000), &error));
  g_assert_true (error != NULL && error->domain == CO_MEDIA_ERROR);
  g_assert_nonnull (strstr (error->message, "words.txt"));
}

static void
test_detail (void)
{
  g_autoptr(GdkPixbuf) black = co_test_media_pattern (CO_TEST_PATTERN_BLACK, 32, 32, 0);
  g_autoptr(GdkPixbuf) checker = co_test_media_pattern (CO_TEST_PATTERN_CHECKER, 32, 32, 0);
  g_autoptr(GdkPixbuf) gradient = co_test_media_pattern (CO_TEST_PATTERN_GRADIENT, 32, 32, 0);

  g_assert_cmpfloat (co_thumbnail_detail (black), <, 1.0);
  g_assert_cmpfloat (co_thumbnail_detail (checker), >, co_thumbnail_detail (gradient));
  g_assert_cmpfloat (co_thumbnail_detail (gradient), >, 100.0);
}

static void
test_audio_has_none (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = co_test_media_write_audio (fixture->dir, "tone.ogg",
                                                     CO_TEST_AUDIO_OGG, 0.5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;

  thumb = co_thumbnail_ensure (path, CO_VAULT_TYPE_AUDIO, fixture->dest, 64, NULL, &error);
  g_assert_null (thumb);
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "tone.ogg"));
  g_assert_false (g_file_test (fixture->dest, G_FILE_TEST_EXISTS));
}

static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *image = co_test_media_write_random (fixture->dir, "bad.png", 4096, 7);
  g_autofree char *video = co_test_media_write_random (fixture->dir, "bad.webm", 4096, 8);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;

  thumb = co_thumbnail_ensure (image, CO_VAULT_TYPE_IMAGE, fixture->dest, 64, NULL, &error);
  g_assert_null (thumb);
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "bad.png"));
  g_clear_error (&error);

  thumb = co_thumbnail_ensure (video, CO_VAULT_TYPE_VIDEO, fixture->dest, 64, NULL, &error);
  g_assert_null (thumb);
  g_assert_true (error != NULL && error->domain == CO_MEDIA_ERROR);
  g_assert_nonnull (strstr (error->message, "bad.webm"));
  g_assert_false (g_file_test (fixture->dest, G_FILE_TEST_EXISTS));
}

/* Issue 11: a thumbnail of a huge image decoded it whole first.  Above the
 * pixel limit it is refused from the header; below, a big photo comes out
 * at the thumbnail's size (decoded at a reduced scale). */
static void
test_image_pixel_limit (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *bomb = co_test_media_write_image_header (fixture->dir, "wide.png",
                                                            CO_TEST_IMAGE_PNG, 30000, 30000);
  g_autofree char *photo = co_test_media_write_jpeg (fixture->dir, "photo.jpg", 3000, 2000,
                                                     CO_TEST_PATTERN_CIRCLES, 80);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;

  thumb = co_thumbnail_ensure (bomb, CO_VAULT_TYPE_IMAGE, fixture->dest, 256, NULL, &error);
  g_assert_null (thumb);
  g_assert_error (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_TOO_MANY_PIXELS);
  g_assert_nonnull (strstr (error->message, "wide.png"));
  g_assert_nonnull (strstr (error->message, "100 megapixels"));
  g_assert_false (g_file_test (fixture->dest, G_FILE_TEST_EXISTS));

  thumb = ensure_ok (fixture, photo, CO_VAULT_TYPE_IMAGE, 256);
  g_assert_cmpint (gdk_pixbuf_get_width (thumb), ==, 256);
  g_assert_cmpint (gdk_pixbuf_get_height (thumb), ==, 171);
  g_assert_cmpfloat (co_thumbnail_detail (thumb), >, 100.0);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  CoTestVideo spec = { .container = CO_TEST_CONTAINER_WEBM, .duration = 1 };
  g_autofree char *path = co_test_media_write_video (fixture->dir, "a.webm", &spec);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;

  g_cancellable_cancel (cancellable);
  thumb = co_thumbnail_ensure (path, CO_VAULT_TYPE_VIDEO, fixture->dest, 64, cancellable, &error);
  g_assert_null (thumb);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (fixture->dest, G_FILE_TEST_EXISTS));
}

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  co_test_media_init ();

  ADD ("/media/thumbnail/image", NULL, test_image);
  ADD ("/media/thumbnail/portrait", NULL, test_portrait);
  ADD ("/media/thumbnail/small-not-enlarged", NULL, test_small_not_enlarged);
  ADD ("/media/thumbnail/generated-once", NULL, test_generated_once);
  ADD ("/media/thumbnail/video-webm-skips-black",
       GINT_TO_POINTER (CO_TEST_CONTAINER_WEBM), test_video_skips_black);
  ADD ("/media/thumbnail/video-mp4-skips-black",
       GINT_TO_POINTER (CO_TEST_CONTAINER_MP4), test_video_skips_black);
  ADD ("/media/thumbnail/audio-has-none", NULL, test_audio_has_none);
  ADD ("/media/thumbnail/corrupt", NULL, test_corrupt);
  ADD ("/media/thumbnail/cancelled", NULL, test_cancelled);
  ADD ("/media/thumbnail/image-pixel-limit", NULL, test_image_pixel_limit);
  ADD ("/media/thumbnail/load-async", NULL, test_load_async);
  ADD ("/media/thumbnail/strip-async", NULL, test_strip_async);
  g_test_add_func ("/media/thumbnail/detail", test_detail);

  return g_test_run ();
}
