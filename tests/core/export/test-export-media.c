/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include "co-export-error.h"
#include "co-export-media.h"
#include "co-vault.h"
#include "co-test-util.h"

/* The file an export points at (co-export-media.c): a file named by the
 * person as it is, an item's original while it has the digest, otherwise a
 * named, read-only copy of the stored file in the library's exports
 * folder. */

typedef struct
{
  CoStore *store;
  char    *dir;
  char    *original;
  char    *sha256;
  char    *blob;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = co_test_store_new ();
  fixture->dir = co_test_make_temp_dir ("export-media");
  fixture->original = co_test_write_file (fixture->dir, "interview.MP4", "not really a video", -1);
  fixture->sha256 = co_store_add_blob (fixture->store, fixture->original, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->blob = co_store_dup_blob_path (fixture->store, fixture->sha256);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  g_free (fixture->dir);
  g_free (fixture->original);
  g_free (fixture->sha256);
  g_free (fixture->blob);
}

static char *
exports_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (co_store_get_data_dir (fixture->store), CO_EXPORT_MEDIA_FOLDER, name,
                           NULL);
}

/* Exists, is not writable by anyone, and has @sha256. */
static void
assert_copy_of (const char *path,
                const char *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = co_store_hash_file (path, NULL, NULL, &error);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpstr (digest, ==, sha256);
  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0222, ==, 0);
}

static char *
dup_path (Fixture              *fixture,
          const CoExportSource *source)
{
  g_autoptr(GError) error = NULL;
  char *path = co_export_media_dup_path (fixture->store, source, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

static void
test_named_copy (Fixture       *fixture,
                 gconstpointer  data)
{
  CoExportSource source = { fixture->blob, fixture->sha256, "Interview: take 3/final",
                            "interview.MP4", "video/mp4" };
  g_autofree char *expected = exports_path (fixture, "Interview_ take 3_final.MP4");
  g_autofree char *path = dup_path (fixture, &source);
  g_autofree char *again = NULL;
  GStatBuf copy, blob;

  g_assert_cmpstr (path, ==, expected);
  assert_copy_of (path, fixture->sha256);
  /* On one file system the copy is the stored file itself, hard-linked. */
  g_assert_cmpint (g_stat (path, &copy), ==, 0);
  g_assert_cmpint (g_stat (fixture->blob, &blob), ==, 0);
  g_assert_cmpuint (copy.st_ino, ==, blob.st_ino);

  /* The next export reuses it. */
  again = dup_path (fixture, &source);
  g_assert_cmpstr (again, ==, expected);
}

/* A copy that is not a link (another file system) is reused when it has
 * the digest, and replaced under another name when it has not. */
static void
test_existing_names (Fixture       *fixture,
                     gconstpointer  data)
{
  CoExportSource source = { fixture->blob, fixture->sha256, "Talk", "talk.mov", NULL };
  g_autofree char *folder = exports_path (fixture, NULL);
  g_autofree char *name = exports_path (fixture, "Talk.mov");
  g_autofree char *other = NULL;
  g_autofree char *path = NULL;
  g_autofree char *alternative = NULL;
  g_autoptr(GError) error = NULL;

  /* A plain copy with the same content is the same file. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (name, "not really a video", -1, &error);
  g_assert_no_error (error);
  path = dup_path (fixture, &source);
  g_assert_cmpstr (path, ==, name);
  g_clear_pointer (&path, g_free);

  /* Another content has the title's name: the digest's start is added. */
  g_assert_cmpint (g_unlink (name), ==, 0);
  g_file_set_contents (name, "another take", -1, &error);
  g_assert_no_error (error);
  alternative = g_strdup_printf ("Talk (%.8s).mov", fixture->sha256);
  other = exports_path (fixture, alternative);
  path = dup_path (fixture, &source);
  g_assert_cmpstr (path, ==, other);
  assert_copy_of (path, fixture->sha256);
  g_clear_pointer (&path, g_free);
  g_file_get_contents (name, &path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, "another take");
}

/* The extension comes from the original name, else the MIME type; the name
 * from the title, else the original name; the stored file never shows. */
static void
test_names (Fixture       *fixture,
            gconstpointer  data)
{
  const struct
  {
    const char *title, *original_name, *mime, *expected;
  } cases[] = {
    { "My Talk.wav", "My Talk.wav", "audio/x-wav", "My Talk.wav" },
    { "Interview", "clip.mkv", "video/mp4", "Interview.mkv" },
    { "Voice over", "voice", "audio/mpeg", "Voice over.mp3" },
    { "", "podcast.flac", NULL, "podcast.flac" },
    { "..hidden\t", "a.webm", NULL, "hidden_.webm" },
    { "a<b>c|d?e*f\"g\\h", "x.mp4", NULL, "a_b_c_d_e_f_g_h.mp4" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CoExportSource source = { fixture->blob, fixture->sha256, cases[i].title,
                                cases[i].original_name, cases[i].mime };
      g_autofree char *name = co_export_source_dup_filename (&source);

      g_test_message ("“%s”, %s, %s", cases[i].title, cases[i].original_name, cases[i].mime);
      g_assert_cmpstr (name, ==, cases[i].expected);
    }

  /* A long title is cut at a character, below the file systems' limit. */
  {
    GString *title = g_string_new (NULL);
    g_autofree char *name = NULL;
    CoExportSource source = { fixture->blob, fixture->sha256, NULL, "long.mp4", NULL };

    for (int i = 0; i < 300; i++)
      g_string_append (title, "é");
    source.title = title->str;
    name = co_export_source_dup_filename (&source);
    g_assert_true (g_utf8_validate (name, -1, NULL));
    g_assert_true (g_str_has_suffix (name, "é.mp4"));
    g_assert_cmpuint (strlen (name), <=, 200 + strlen (".mp4"));
    g_string_free (title, TRUE);
  }
}

/* A file the person named, and an item's original that still has the
 * content, are linked as they are; an original that changed is not. */
static void
test_originals (Fixture       *fixture,
                gconstpointer  data)
{
  CoExportSource plain = { fixture->original };
  CoExportSource item = { fixture->original, fixture->sha256, "Interview", "interview.MP4" };
  g_autofree char *named = exports_path (fixture, "Interview.MP4");
  g_autofree char *path = dup_path (fixture, &plain);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (path, ==, fixture->original);
  g_clear_pointer (&path, g_free);
  path = dup_path (fixture, &item);
  g_assert_cmpstr (path, ==, fixture->original);
  g_clear_pointer (&path, g_free);
  g_assert_false (g_file_test (named, G_FILE_TEST_EXISTS));

  g_file_set_contents (fixture->original, "edited since", -1, &error);
  g_assert_no_error (error);
  path = dup_path (fixture, &item);
  g_assert_cmpstr (path, ==, named);
  assert_copy_of (path, fixture->sha256);
}

/* Gives @path a modification time of its own.  A file the kernel's clock
 * sees written twice within one tick keeps the same time, which counts as
 * unchanged (as for make and rsync); the test must not depend on how fast
 * the machine rewrites it. */
static void
set_mtime (const char *path,
           gint64      seconds)
{
  struct utimbuf times = { (time_t) seconds, (time_t) seconds };

  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* The file an item was imported from is linked while it has the content,
 * found again after it changed back, and replaced by the copy once gone. */
static void
test_import_origin (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CoVault) vault = co_vault_new (fixture->store);
  g_autofree char *take = co_test_write_file (fixture->dir, "take.mov", "first take", -1);
  g_autofree char *copy = exports_path (fixture, "Take.mov");
  g_autofree char *path = NULL, *blob = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_VIDEO, .mime = "video/quicktime",
                          .title = "Take", .original_name = "take.mov", .duration = -1 };
  CoExportSource source = { NULL };
  gint64 id;

  id = co_vault_import_file (vault, take, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  item = co_vault_get (vault, id, &error);
  g_assert_no_error (error);
  blob = co_store_dup_blob_path (fixture->store, co_vault_item_get_sha256 (item));
  source = (CoExportSource) { blob, co_vault_item_get_sha256 (item), "Take", "take.mov" };
  path = dup_path (fixture, &source);
  g_assert_cmpstr (path, ==, take);
  g_clear_pointer (&path, g_free);

  /* Changed, at the same size: the copy of what was imported. */
  g_file_set_contents (take, "other take", -1, &error);
  g_assert_no_error (error);
  set_mtime (take, 1000000000);
  path = dup_path (fixture, &source);
  g_assert_cmpstr (path, ==, copy);
  g_clear_pointer (&path, g_free);

  /* Back to the imported content, at another time: the original again. */
  g_file_set_contents (take, "first take", -1, &error);
  g_assert_no_error (error);
  set_mtime (take, 1000000100);
  path = dup_path (fixture, &source);
  g_assert_cmpstr (path, ==, take);
  g_clear_pointer (&path, g_free);

  g_assert_cmpint (g_unlink (take), ==, 0);
  path = dup_path (fixture, &source);
  g_assert_cmpstr (path, ==, copy);
  assert_copy_of (path, co_vault_item_get_sha256 (item));
}

static void
test_missing_blob (Fixture       *fixture,
                   gconstpointer  data)
{
  CoExportSource source = { fixture->blob, fixture->sha256, "Lost take", "lost.mp4" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpint (g_chmod (fixture->blob, 0600), ==, 0);
  g_assert_cmpint (g_unlink (fixture->blob), ==, 0);
  path = co_export_media_dup_path (fixture->store, &source, NULL, &error);
  g_assert_null (path);
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Lost take"));
}

static void
test_links_media (void)
{
  g_assert_true (co_export_format_links_media (CO_EXPORT_PREMIERE_XML));
  g_assert_true (co_export_format_links_media (CO_EXPORT_FCPXML));
  g_assert_true (co_export_format_links_media (CO_EXPORT_EDL));
  g_assert_true (co_export_format_links_media (CO_EXPORT_PREMIERE_MARKERS));
  g_assert_false (co_export_format_links_media (CO_EXPORT_AUDITION_CSV));
  g_assert_false (co_export_format_links_media (CO_EXPORT_CHAPTERS));
  g_assert_false (co_export_format_links_media (CO_EXPORT_SRT));
  g_assert_false (co_export_format_links_media (CO_EXPORT_VTT));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  ADD ("/core/export-media/named-copy", test_named_copy);
  ADD ("/core/export-media/existing-names", test_existing_names);
  ADD ("/core/export-media/names", test_names);
  ADD ("/core/export-media/originals", test_originals);
  ADD ("/core/export-media/import-origin", test_import_origin);
  ADD ("/core/export-media/missing-blob", test_missing_blob);
  g_test_add_func ("/core/export-media/links-media", test_links_media);

  return g_test_run ();
}
