/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The media mirror against a local s3rver: pushing 256 MiB of stored files
 * (four of 64 MiB, each a multipart upload of 16 MiB parts; CO_BENCH_S3_MIB
 * changes the total) in MiB/s, then a second push, which must send nothing:
 * its requests and wall time.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "co-media-mirror.h"
#include "co-test-mirror.h"
#include "co-test-s3.h"
#include "co-test-server.h"
#include "co-test-util.h"

#define N_FILES 4

static void
import_file (CoTestSide *side,
             int         n,
             gsize       size)
{
  g_autofree char *name = g_strdup_printf ("clip-%d.mp4", n);
  g_autofree char *path = g_build_filename (side->dir, name, NULL);
  g_autofree guint32 *block = g_new (guint32, 1024 * 1024 / 4);
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (n);
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_VIDEO, .mime = "video/mp4", .title = name,
                          .original_name = name, .duration = -1, .created_at = 1000000 };
  FILE *file = fopen (path, "wb");

  g_assert_nonnull (file);
  for (gsize written = 0; written < size; written += 1024 * 1024)
    {
      for (int i = 0; i < 1024 * 1024 / 4; i++)
        block[i] = g_rand_int (rand);
      g_assert_cmpuint (fwrite (block, 1, MIN (size - written, 1024 * 1024), file), >, 0);
    }
  g_rand_free (rand);
  g_assert_cmpint (fclose (file), ==, 0);
  g_assert_cmpint (co_vault_import_file (side->vault, path, &meta, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_unlink (path);
}

static void
bench_push (void)
{
  const char *mib_env = g_getenv ("CO_BENCH_S3_MIB");
  gsize total_mib = mib_env != NULL ? g_ascii_strtoull (mib_env, NULL, 10) : 256;
  CoTestS3 *server = co_test_s3_get ();
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoTestSide) side = NULL;
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bucket = NULL;
  g_autofree char *url = NULL;
  CoMediaMirrorReport report = { 0 };
  gint64 start, elapsed;
  guint before;

  if (server == NULL)
    return;
  g_assert_cmpuint (total_mib, >=, N_FILES);
  bucket = co_test_s3_new_bucket (server, "bench");
  url = g_strdup_printf ("%s/%s", co_test_s3_get_url (server), bucket);
  s3 = co_s3_new (client, url, CO_TEST_S3_KEY, CO_TEST_S3_KEY, &error);
  g_assert_no_error (error);
  side = co_test_side_new ("bench");
  for (int i = 0; i < N_FILES; i++)
    import_file (side, i, total_mib / N_FILES * 1024 * 1024);

  start = g_get_monotonic_time ();
  g_assert_true (co_media_mirror_push (s3, side->store, CO_MEDIA_MIRROR_PART_SIZE, NULL, NULL,
                                       &report, NULL, &error));
  g_assert_no_error (error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpuint (report.pushed, ==, N_FILES);
  printf ("push: %" G_GUINT64_FORMAT " MiB in %u files, %.2f s, %.1f MiB/s, %u requests\n",
          report.bytes_sent / (1024 * 1024), report.pushed, elapsed / 1e6,
          (report.bytes_sent / (1024.0 * 1024.0)) / (elapsed / 1e6), co_s3_get_requests (s3));

  before = co_s3_get_requests (s3);
  memset (&report, 0, sizeof report);
  start = g_get_monotonic_time ();
  g_assert_true (co_media_mirror_push (s3, side->store, CO_MEDIA_MIRROR_PART_SIZE, NULL, NULL,
                                       &report, NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpuint (report.bytes_sent, ==, 0);
  printf ("re-push: %u requests, %" G_GUINT64_FORMAT " bytes sent, %.1f ms\n",
          co_s3_get_requests (s3) - before, report.bytes_sent, elapsed / 1e3);
  g_assert_cmpuint (co_s3_get_requests (s3), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  co_test_network_init (&argc, &argv);
  g_test_add_func ("/bench/s3-media", bench_push);
  status = g_test_run ();
  co_test_s3_stop ();
  return status;
}
