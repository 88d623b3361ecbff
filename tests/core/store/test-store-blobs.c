/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-file-error.h"
#include "co-test-util.h"

/* The questions the other layers ask about stored files, so that none of
 * them needs to know how the store lays its files out. */

#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* A stored file is recognised by where co_store_dup_blob_path() puts it,
 * in any library, and nothing else is taken for one. */
static void
test_digest (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *blob = co_store_dup_blob_path (store, SHA);
  g_autofree char *digest = co_store_dup_blob_digest (blob);
  g_autofree char *other = NULL;
  const char *not_stored[] = {
    "/tmp/talk.mp4",
    "/data/blobs/01/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
    "/data/blobs/02/" SHA,
    "/data/blob/01/" SHA,
    "/data/blobs/01/0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
    "/data/blobs/0/" SHA,
    "/data/blobs/" SHA,
    SHA,
    "",
  };

  g_assert_cmpstr (digest, ==, SHA);
  other = co_store_dup_blob_digest ("/elsewhere/library/blobs/01/" SHA);
  g_assert_cmpstr (other, ==, SHA);
  for (gsize i = 0; i < G_N_ELEMENTS (not_stored); i++)
    {
      g_autofree char *none = co_store_dup_blob_digest (not_stored[i]);

      g_test_message ("not stored: “%s”", not_stored[i]);
      g_assert_null (none);
    }
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* A stored file's results are kept under its digest; an outside file's
 * under a key that changes when the file does. */
static void
test_source_key (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *blob = co_store_dup_blob_path (store, SHA);
  g_autofree char *blob_dir = g_path_get_dirname (blob);
  g_autofree char *dir = co_test_make_temp_dir ("source-key");
  g_autofree char *path = co_test_write_file (dir, "talk.wav", "one", -1);
  g_autofree char *stored_key = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (blob_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (blob, "stored", -1, NULL));
  stored_key = co_store_dup_source_key (blob, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored_key, ==, SHA);

  before = co_store_dup_source_key (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (before, "file:"));
  g_assert_nonnull (strstr (before, path));
  g_assert_true (g_file_set_contents (path, "one more", -1, NULL));
  after = co_store_dup_source_key (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before, !=, after);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_source_key_missing (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("source-key");
  g_autofree char *path = g_build_filename (dir, "gone.wav", NULL);
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;

  key = co_store_dup_source_key (path, &error);
  g_assert_null (key);
  g_assert_error (error, CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.wav"));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/store/blobs/digest", test_digest);
  g_test_add_func ("/core/store/blobs/source-key", test_source_key);
  g_test_add_func ("/core/store/blobs/source-key-missing", test_source_key_missing);

  return g_test_run ();
}
