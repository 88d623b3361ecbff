/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-mirror-media.h"
#include "co-store-private.h"
#include "co-test-mirror.h"
#include "co-test-util.h"

/*
 * The media mirror's local state: which files a bucket holds, uploads under
 * way with their parts, and the upgrade that adds the tables.
 */

/* The migration that added mirror_media (co-schema.c); the lead may
 * renumber it at a merge, and this line with it. */
#define MEDIA_MIGRATION 16

#define BUCKET "http://127.0.0.1:1/bucket"

static char *
import (CoVault    *vault,
        const char *dir,
        const char *text)
{
  g_autofree char *path = co_test_write_file (dir, "clip.mp4", text, -1);
  g_autoptr(GError) error = NULL;
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_VIDEO, .mime = "video/mp4", .title = "Clip",
                          .original_name = "clip.mp4", .duration = -1, .created_at = 1000000 };

  g_assert_cmpint (co_vault_import_file (vault, path, &meta, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static guint
count_files (CoTestSide *side,
             gboolean    missing_here)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = co_mirror_media_list_files (side->store, BUCKET, missing_here,
                                                           &error);

  g_assert_no_error (error);
  return files->len;
}

static void
test_files (void)
{
  g_autoptr(CoTestSide) side = co_test_side_new ("a");
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = import (side->vault, side->dir, "frames");
  g_autofree char *path = co_store_dup_blob_path (side->store, sha);
  g_autoptr(GPtrArray) files = NULL;

  co_test_side_add_note (side, "No file", NULL);
  files = co_mirror_media_list_files (side->store, BUCKET, FALSE, &error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (((CoMirrorFile *)g_ptr_array_index (files, 0))->sha256, ==, sha);
  g_assert_cmpint (((CoMirrorFile *)g_ptr_array_index (files, 0))->size, ==, 6);
  g_assert_cmpuint (count_files (side, TRUE), ==, 0);

  g_assert_true (co_mirror_media_mark_pushed (side->store, BUCKET, sha, &error));
  g_assert_true (co_mirror_media_mark_pushed (side->store, BUCKET, sha, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (side, FALSE), ==, 0);

  /* Gone from disk: a file to fetch, whatever the bucket holds. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpuint (count_files (side, TRUE), ==, 1);
}

static void
test_uploads (void)
{
  g_autoptr(CoTestSide) side = co_test_side_new ("a");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoMirrorUpload) upload = NULL;
  g_autoptr(CoMirrorUpload) again = NULL;
  const char *sha = "0000000000000000000000000000000000000000000000000000000000000001";

  g_assert_null (co_mirror_media_get_upload (side->store, BUCKET, sha, &error));
  g_assert_no_error (error);
  g_assert_true (co_mirror_media_begin_upload (side->store, BUCKET, sha, "up-1", 5 << 20,
                                               &error));
  g_assert_true (co_mirror_media_add_part (side->store, sha, 1, "\"e1\"", &error));
  g_assert_true (co_mirror_media_add_part (side->store, sha, 2, "\"e2\"", &error));
  /* Part 3 is missing: part 4 does not count. */
  g_assert_true (co_mirror_media_add_part (side->store, sha, 4, "\"e4\"", &error));
  g_assert_no_error (error);
  upload = co_mirror_media_get_upload (side->store, BUCKET, sha, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upload->upload_id, ==, "up-1");
  g_assert_cmpint (upload->part_size, ==, 5 << 20);
  g_assert_cmpuint (upload->etags->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (upload->etags, 1), ==, "\"e2\"");
  /* Another bucket's upload is not this one. */
  g_assert_null (co_mirror_media_get_upload (side->store, "http://other/b", sha, &error));

  /* A new upload replaces the old one and its parts. */
  g_assert_true (co_mirror_media_begin_upload (side->store, BUCKET, sha, "up-2", 5 << 20,
                                               &error));
  again = co_mirror_media_get_upload (side->store, BUCKET, sha, &error);
  g_assert_cmpstr (again->upload_id, ==, "up-2");
  g_assert_cmpuint (again->etags->len, ==, 0);
  g_assert_true (co_mirror_media_end_upload (side->store, sha, &error));
  g_assert_no_error (error);
  g_assert_cmpint (co_test_side_count (side, "SELECT count (*) FROM mirror_upload_parts"), ==, 0);
  g_assert_cmpint (co_test_side_count (side, "SELECT count (*) FROM mirror_uploads"), ==, 0);
}

/* A library from before the media mirror: its stored files are to push. */
static void
test_upgrade (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("old");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) old = _co_store_new_at_version (dir, MEDIA_MIGRATION - 1, &error);
  g_autoptr(CoTestSide) side = NULL;
  g_autofree char *sha = NULL;

  g_assert_no_error (error);
  {
    g_autoptr(CoVault) vault = co_vault_new (old);

    sha = import (vault, dir, "old frames");
  }
  g_assert_finalize_object (g_steal_pointer (&old));
  side = co_test_side_open (dir);
  g_assert_cmpint (co_store_get_schema_version (side->store), ==, CO_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (count_files (side, FALSE), ==, 1);
  g_assert_cmpint (co_test_side_count (side, "SELECT count (*) FROM mirror_media"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  g_test_add_func ("/core/mirror/media/files", test_files);
  g_test_add_func ("/core/mirror/media/uploads", test_uploads);
  g_test_add_func ("/core/mirror/media/upgrade", test_upgrade);
  return g_test_run ();
}
