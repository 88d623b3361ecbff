/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-assets.h"
#include "co-store-error.h"
#include "co-media-error.h"
#include "co-error.h"
#include "co-importer.h"
#include "co-test-media.h"
#include "co-test-util.h"
#include "co-vault-recover.h"

/*
 * A library whose database was lost is rebuilt from its stored files: each
 * is imported again with the metadata a probe finds, tagged "recovered",
 * and no stored file is changed or removed.
 */

typedef struct
{
  char *dir;
  char *src;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("library");
  fixture->src = co_test_make_temp_dir ("src");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
  g_free (fixture->src);
}

static char *
import (CoVault    *vault,
        const char *path,
        const char *title)
{
  const char *tags[] = { "travel", NULL };
  CoImportOptions options = { .title = title, .tags = tags };
  g_autoptr(GError) error = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  gint64 id = co_importer_import_file (vault, path, &options, NULL, NULL, &error);

  g_assert_no_error (error);
  item = co_vault_get (vault, id, &error);
  g_assert_no_error (error);
  return g_strdup (co_vault_item_get_sha256 (item));
}

static void
remove_database (const char *dir)
{
  for (const char *const *end = (const char *const[]) { "", "-wal", "-shm", NULL }; *end; end++)
    {
      g_autofree char *path = g_strconcat (dir, "/creatorops.db", *end, NULL);
      g_unlink (path);
    }
}

static CoVaultItem *
find_item (CoVault    *vault,
           const char *sha256)
{
  CoVaultItem *item = co_vault_find_by_sha256 (vault, sha256);

  g_assert_nonnull (item);
  g_assert_true (g_strv_contains (co_vault_item_get_tags (item), CO_VAULT_RECOVERED_TAG));
  return item;
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    data)
{
  double *last = data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
assert_nothing_damaged (CoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = co_assets_verify (store, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static CoVault *
open_for_recovery (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new_for_recovery (dir, NULL, &error);

  g_assert_no_error (error);
  return co_vault_new (store);
}

static void
close_vault (CoVault *vault)
{
  CoStore *store = co_vault_get_store (vault);

  g_object_ref (store);
  g_assert_finalize_object (vault);
  g_assert_finalize_object (store);
}

static void
check_recovered (CoVault    *vault,
                 const char *png,
                 const char *wav,
                 const char *note)
{
  g_autoptr(CoVaultItem) image = find_item (vault, png);
  g_autoptr(CoVaultItem) sound = find_item (vault, wav);
  g_autoptr(CoVaultItem) text = find_item (vault, note);
  g_autofree char *title = g_strdup_printf ("Recovered file %.8s", png);
  guint64 phash;

  g_assert_cmpint (co_vault_item_get_item_type (image), ==, CO_VAULT_TYPE_IMAGE);
  g_assert_cmpstr (co_vault_item_get_mime (image), ==, "image/png");
  g_assert_cmpint (co_vault_item_get_width (image), ==, 160);
  g_assert_cmpint (co_vault_item_get_height (image), ==, 120);
  g_assert_true (co_vault_item_get_phash (image, &phash));
  g_assert_cmpstr (co_vault_item_get_title (image), ==, title);
  g_assert_cmpint (co_vault_item_get_item_type (sound), ==, CO_VAULT_TYPE_AUDIO);
  g_assert_cmpfloat_with_epsilon (co_vault_item_get_duration (sound), 1.5, 0.1);
  /* A note's first line is a better title than its file's. */
  g_assert_cmpint (co_vault_item_get_item_type (text), ==, CO_VAULT_TYPE_NOTE);
  g_assert_cmpstr (co_vault_item_get_title (text), ==, "Shot list");
  g_assert_nonnull (strstr (co_vault_item_get_body (text), "lens caps"));
}

static void
test_lost_database (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (fixture->dir, NULL, &error);
  g_autoptr(CoVault) vault = co_vault_new (store);
  g_autofree char *png_path = co_test_media_write_png (fixture->src, "sunset.png", 160, 120,
                                                       CO_TEST_PATTERN_CIRCLES);
  g_autofree char *wav_path = co_test_media_write_audio (fixture->src, "tone.wav",
                                                         CO_TEST_AUDIO_WAV, 1.5);
  g_autofree char *note_path = co_test_media_write_text (fixture->src, "list.txt",
                                                         "Shot list\nlens caps, batteries\n");
  g_autofree char *png = import (vault, png_path, "Sunset");
  g_autofree char *wav = import (vault, wav_path, NULL);
  g_autofree char *note = import (vault, note_path, NULL);
  CoRecoverReport report = { 0 };
  double last = 0;

  g_clear_object (&vault);
  g_assert_finalize_object (g_steal_pointer (&store));
  remove_database (fixture->dir);
  g_assert_null (co_store_new (fixture->dir, NULL, &error));
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_NO_DATABASE);
  g_clear_error (&error);

  vault = open_for_recovery (fixture->dir);
  g_assert_true (co_vault_recover (vault, progress_cb, &last, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpuint (report.found, ==, 3);
  g_assert_cmpuint (report.known, ==, 0);
  g_assert_cmpuint (co_recover_report_count (&report, TRUE), ==, 3);
  g_assert_cmpuint (co_recover_report_count (&report, FALSE), ==, 0);
  co_recover_report_clear (&report);
  check_recovered (vault, png, wav, note);
  assert_nothing_damaged (co_vault_get_store (vault));
  close_vault (g_steal_pointer (&vault));

  /* The library opens as usual again, and a second run finds nothing new. */
  store = co_store_new (fixture->dir, NULL, &error);
  g_assert_no_error (error);
  vault = co_vault_new (store);
  g_assert_true (co_vault_recover (vault, NULL, NULL, &report, NULL, &error));
  g_assert_cmpuint (report.found, ==, 3);
  g_assert_cmpuint (report.known, ==, 3);
  g_assert_cmpuint (report.files->len, ==, 0);
  co_recover_report_clear (&report);
  g_assert_finalize_object (g_steal_pointer (&vault));
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Puts @content in the library as a stored file would be, named by its
 * digest. */
static char *
put_stored (const char *dir,
            const char *content,
            gsize       length)
{
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content,
                                                      length);
  g_autofree char *prefix = g_strndup (sha, 2);
  g_autofree char *folder = g_build_filename (dir, "blobs", prefix, NULL);

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  g_free (co_test_write_file (folder, sha, content, length));
  return g_steal_pointer (&sha);
}

/* A file the probe refuses is kept with the type its content shows, or,
 * when nothing can be told, reported and left where it is. */
static void
test_unprobed_files (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char broken_png[] = "\x89PNG\r\n\x1a\n" "\0\0\0\rIHDR garbage after the header";
  g_autofree char *png = put_stored (fixture->dir, broken_png, sizeof broken_png - 1);
  static const char noise_bytes[] = "\x01\x02\x03 no known format";
  g_autofree char *noise = put_stored (fixture->dir, noise_bytes, sizeof noise_bytes - 1);
  g_autofree char *noise_path = NULL;
  g_autoptr(CoVault) vault = open_for_recovery (fixture->dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoVaultItem) image = NULL;
  CoRecoverReport report = { 0 };

  /* The quota of a lost library is unknown: recording files already
   * stored is never refused for it. */
  g_assert_true (co_assets_set_quota_limit (co_vault_get_store (vault), 1, &error));
  g_assert_true (co_vault_recover (vault, NULL, NULL, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.found, ==, 2);
  g_assert_cmpuint (co_recover_report_count (&report, TRUE), ==, 1);
  g_assert_cmpuint (co_recover_report_count (&report, FALSE), ==, 1);
  for (guint i = 0; i < report.files->len; i++)
    {
      CoRecoveredFile *file = g_ptr_array_index (report.files, i);

      if (g_str_equal (file->sha256, noise))
        {
          g_assert_cmpint (file->id, ==, 0);
          g_assert_error (file->error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED);
        }
    }
  co_recover_report_clear (&report);

  image = find_item (vault, png);
  g_assert_cmpint (co_vault_item_get_item_type (image), ==, CO_VAULT_TYPE_IMAGE);
  g_assert_cmpstr (co_vault_item_get_mime (image), ==, "image/png");
  noise_path = co_store_dup_blob_path (co_vault_get_store (vault), noise);
  g_assert_true (g_file_test (noise_path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&image);
  close_vault (g_steal_pointer (&vault));
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sha = put_stored (fixture->dir, "Some notes\n", 11);
  g_autoptr(CoVault) vault = open_for_recovery (fixture->dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CoRecoverReport report = { 0 };

  g_cancellable_cancel (cancellable);
  g_assert_false (co_vault_recover (vault, NULL, NULL, &report, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (report.files->len, ==, 0);
  co_recover_report_clear (&report);
  g_assert_null (co_vault_find_by_sha256 (vault, sha));
  close_vault (g_steal_pointer (&vault));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  co_test_media_init ();

  g_test_add ("/media/vault/recover/lost-database", Fixture, NULL, fixture_set_up,
              test_lost_database, fixture_tear_down);
  g_test_add ("/media/vault/recover/unprobed-files", Fixture, NULL, fixture_set_up,
              test_unprobed_files, fixture_tear_down);
  g_test_add ("/media/vault/recover/cancelled", Fixture, NULL, fixture_set_up, test_cancelled,
              fixture_tear_down);

  return g_test_run ();
}
