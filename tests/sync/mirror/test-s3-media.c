/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "co-media-mirror.h"
#include "co-mirror-error.h"
#include "co-sync-error.h"
#include "co-test-mirror.h"
#include "co-test-s3.h"
#include "co-test-server.h"
#include "co-test-util.h"

/*
 * The media mirror against a real s3rver on loopback: push, a second push
 * that sends nothing, a multipart upload interrupted and resumed, fetching a
 * file a record names, a damaged object refused by its digest, and bad
 * addresses and keys.
 */

/* S3 takes parts of 5 MiB and more; files above it go in parts here. */
#define PART_SIZE (G_GINT64_CONSTANT (5) * 1024 * 1024)

/* A bucket on the test binary's s3rver, as "URL/BUCKET", or NULL (skipped or
 * failed with the reason when s3rver is not installed). */
static char *
new_bucket (const char *prefix)
{
  CoTestS3 *server = co_test_s3_get ();
  g_autofree char *name = NULL;

  if (server == NULL)
    return NULL;
  name = co_test_s3_new_bucket (server, prefix);
  return g_strdup_printf ("%s/%s", co_test_s3_get_url (server), name);
}

static CoS3 *
open_bucket (CoHttpClient *client,
             const char   *url)
{
  g_autoptr(GError) error = NULL;
  CoS3 *s3 = co_s3_new (client, url, CO_TEST_S3_KEY, CO_TEST_S3_KEY, &error);

  g_assert_no_error (error);
  g_assert_true (co_s3_check_bucket (s3, NULL, &error));
  g_assert_no_error (error);
  return s3;
}

/* Imports @size bytes (a pattern of @seed) as a video item; its digest. */
static char *
import (CoTestSide *side,
        const char *name,
        gsize       size,
        guint32     seed)
{
  g_autofree guint8 *data = g_malloc (size);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_VIDEO, .mime = "video/mp4", .title = name,
                          .original_name = name, .duration = -1, .created_at = 1000000 };
  GRand *rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < size; i++)
    data[i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);
  path = co_test_write_file (side->dir, name, data, size);
  g_assert_cmpint (co_vault_import_file (side->vault, path, &meta, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_unlink (path);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
}

static void
assert_object (CoS3       *s3,
               const char *sha256)
{
  g_autofree char *key = co_media_mirror_key (sha256);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = co_s3_get (s3, key, NULL, &error);
  g_autofree char *actual = NULL;

  g_assert_no_error (error);
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (actual, ==, sha256);
}

static void
test_push (void)
{
  g_autofree char *url = new_bucket ("push");
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoTestSide) b = NULL;
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *small = NULL;
  g_autofree char *large = NULL;
  CoMediaMirrorReport report = { 0 };
  guint before;

  if (url == NULL)
    return;
  a = co_test_side_new ("a");
  small = import (a, "small.mp4", 100 * 1024, 1);
  large = import (a, "large.mp4", 2 * PART_SIZE + 1234, 2);
  co_test_side_add_note (a, "A note has no file", NULL);
  s3 = open_bucket (client, url);

  g_assert_true (co_media_mirror_push (s3, a->store, PART_SIZE, NULL, NULL, &report, NULL,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.pushed, ==, 2);
  g_assert_cmpuint (report.present, ==, 0);
  g_assert_cmpuint (report.bytes_sent, ==, 100 * 1024 + 2 * PART_SIZE + 1234);
  assert_object (s3, small);
  assert_object (s3, large);

  /* Again: the library knows the bucket holds them, and asks nothing. */
  before = co_s3_get_requests (s3);
  memset (&report, 0, sizeof report);
  g_assert_true (co_media_mirror_push (s3, a->store, PART_SIZE, NULL, NULL, &report, NULL,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (co_s3_get_requests (s3), ==, before);
  g_assert_cmpuint (report.pushed + report.present, ==, 0);

  /* Another library with the same file: one HEAD, no bytes. */
  b = co_test_side_new ("b");
  g_free (import (b, "same.mp4", 100 * 1024, 1));
  before = co_s3_get_requests (s3);
  memset (&report, 0, sizeof report);
  g_assert_true (co_media_mirror_push (s3, b->store, PART_SIZE, NULL, NULL, &report, NULL,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (co_s3_get_requests (s3), ==, before + 1);
  g_assert_cmpuint (report.present, ==, 1);
  g_assert_cmpuint (report.pushed, ==, 0);
  g_assert_cmpuint (report.bytes_sent, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  co_test_network_init (&argc, &argv);
  g_test_add_func ("/s3/media/push", test_push);
  status = g_test_run ();
  co_test_s3_stop ();
  return status;
}
