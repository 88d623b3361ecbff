/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "co-error.h"
#include "co-store-error.h"
#include "co-store-private.h"
#include "co-test-util.h"
#include "co-vault.h"

/*
 * What opening a library must never do: initialise a folder whose database
 * was lost (a purge would then delete every stored file), write or delete
 * through a link inside the library, report a read-only folder as a damaged
 * database, or leave the database readable by others.  And what the stray
 * sweep may remove: only files the store itself made.
 */

#define OLD_TIME 1000   /* 1970: older than any grace period. */

/* GLib 2.74's g_test_expect_message() does not see structured logging, so
 * the messages a test expects are caught by a writer of its own. */
static GPtrArray *caught;

static GLogWriterOutput
catch_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         data)
{
  if (caught != NULL && (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE)) != 0)
    {
      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_str_equal (fields[i].key, "MESSAGE"))
            g_ptr_array_add (caught, g_strdup (fields[i].value));
        }
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, data);
}

static void
catch_messages (void)
{
  g_assert_null (caught);
  caught = g_ptr_array_new_with_free_func (g_free);
}

/* Stops catching, and checks that the messages caught match @patterns in
 * order; the list ends with NULL. */
static void
assert_caught (const char *first,
               ...)
{
  g_autoptr(GPtrArray) messages = g_steal_pointer (&caught);
  const char *pattern = first;
  guint i = 0;
  va_list args;

  va_start (args, first);
  for (; pattern != NULL; pattern = va_arg (args, const char *), i++)
    {
      if (i >= messages->len || !g_pattern_match_simple (pattern, g_ptr_array_index (messages, i)))
        g_error ("Expected a message like “%s”, got “%s”", pattern,
                 i < messages->len ? (char *)g_ptr_array_index (messages, i) : "nothing");
    }
  va_end (args);
  if (i != messages->len)
    g_error ("Unexpected message “%s”", (char *)g_ptr_array_index (messages, i));
}

/* A library with one stored file, closed again.  Returns its folder and
 * the stored file's path. */
static char *
make_library (char **out_blob)
{
  g_autofree char *dir = co_test_make_temp_dir ("library");
  g_autofree char *src = co_test_make_temp_dir ("src");
  g_autofree char *path = co_test_write_file (src, "clip.txt", "a creator's only copy", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (dir, NULL, &error);
  g_autoptr(CoVault) vault = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_NOTE, .mime = "text/plain", .duration = -1 };
  gint64 id;

  g_assert_no_error (error);
  vault = co_vault_new (store);
  id = co_vault_import_file (vault, path, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  item = co_vault_get (vault, id, &error);
  g_assert_no_error (error);
  *out_blob = co_store_dup_blob_path (store, co_vault_item_get_sha256 (item));
  g_assert_finalize_object (g_steal_pointer (&item));
  g_assert_finalize_object (g_steal_pointer (&vault));
  g_assert_finalize_object (g_steal_pointer (&store));
  return g_steal_pointer (&dir);
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

static void
set_old (const char *path)
{
  struct utimbuf old_time = { OLD_TIME, OLD_TIME };

  g_assert_no_errno (g_utime (path, &old_time));
}

static void
assert_refused (const char *dir,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (dir, NULL, &error);

  g_assert_null (store);
  g_assert_error (error, CO_STORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, dir));
  g_assert_nonnull (co_error_get_suggestion (error));
}

static void
test_lost_missing (void)
{
  g_autofree char *blob = NULL;
  g_autofree char *dir = make_library (&blob);
  g_autofree char *db = g_build_filename (dir, "creatorops.db", NULL);

  remove_database (dir);
  assert_refused (dir, CO_STORE_ERROR_NO_DATABASE);
  /* Nothing was created and nothing deleted. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
}

static void
test_lost_empty (void)
{
  g_autofree char *blob = NULL;
  g_autofree char *dir = make_library (&blob);
  g_autofree char *db = g_build_filename (dir, "creatorops.db", NULL);
  GStatBuf st;

  remove_database (dir);
  g_free (co_test_write_file (dir, "creatorops.db", "", 0));
  assert_refused (dir, CO_STORE_ERROR_NO_DATABASE);
  g_assert_no_errno (g_stat (db, &st));
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
}

/* An older CreatorOps made a new, empty database beside the files of the
 * lost one: its schema is fine, but it has never known them. */
static void
test_lost_replaced (void)
{
  g_autofree char *blob = NULL;
  g_autofree char *dir = make_library (&blob);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = NULL;

  remove_database (dir);
  set_old (blob);
  store = g_initable_new (CO_TYPE_STORE, NULL, &error, "data-dir", dir, "recovery", TRUE, NULL);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));

  assert_refused (dir, CO_STORE_ERROR_NO_DATABASE);
  g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
}

/* A crash during the first import of a new library leaves a file newer
 * than the database: that library still opens, and the file is a stray. */
static void
test_interrupted_first_import (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = g_strdup (co_store_get_data_dir (store));
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "half imported", -1);
  g_autofree char *blob = co_store_dup_blob_path (store, sha);
  g_autofree char *folder = g_path_get_dirname (blob);
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  g_free (co_test_write_file (folder, sha, "half imported", -1));
  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Links ----------------------------------------------------------------- */

static char *
make_outside_file (const char *name)
{
  g_autofree char *outside = co_test_make_temp_dir ("outside");
  char *path = co_test_write_file (outside, name, "not the library's", -1);

  set_old (path);
  return path;
}

static void
check_linked_folder (const char *relative)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *dir = g_strdup (co_store_get_data_dir (store));
  g_autofree char *outside = make_outside_file ("import-AAAAAA");
  g_autofree char *target = g_path_get_dirname (outside);
  g_autofree char *link = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (link);

  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_no_errno (g_mkdir_with_parents (parent, 0700));
  g_assert_no_errno (symlink (target, link));
  assert_refused (dir, CO_STORE_ERROR_LAYOUT);
  g_assert_true (g_file_test (outside, G_FILE_TEST_IS_REGULAR));
}

static void
test_layout_links (void)
{
  check_linked_folder ("blobs/tmp");
  check_linked_folder ("blobs/ab");
  check_linked_folder ("thumbnails");
  check_linked_folder ("blobs");
}

/* A link made while the library is open is not followed either. */
static void
test_layout_link_while_open (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *outside = make_outside_file ("import-AAAAAA");
  g_autofree char *target = g_path_get_dirname (outside);
  g_autofree char *tmp = g_build_filename (co_store_get_data_dir (store), "blobs", "tmp", NULL);
  gint64 bytes = 0;

  g_assert_no_errno (g_mkdir_with_parents (tmp, 0700));
  g_assert_no_errno (g_rmdir (tmp));
  g_assert_no_errno (symlink (target, tmp));
  catch_messages ();
  g_assert_cmpuint (_co_store_sweep_strays (store, &bytes), ==, 0);
  assert_caught ("Cannot list blobs/tmp: *symbolic link*", NULL);
  g_assert_true (g_file_test (outside, G_FILE_TEST_IS_REGULAR));
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* The stray sweep ---------------------------------------------------------- */

static char *
put_file (CoStore    *store,
          const char *relative,
          const char *name,
          const char *content,
          gboolean    old)
{
  g_autofree char *folder = g_build_filename (co_store_get_data_dir (store), relative, NULL);
  char *path;

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  path = co_test_write_file (folder, name, content, -1);
  if (old)
    set_old (path);
  return path;
}

static char *
put_blob (CoStore    *store,
          const char *content,
          const char *named_after,
          const char *folder_of,
          gboolean    old)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, named_after, -1);
  g_autofree char *folder_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, folder_of, -1);
  g_autofree char *relative = _co_store_dup_blob_folder (folder_sha);

  return put_file (store, relative, sha, content, old);
}

static void
test_sweep_only_store_files (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *outside = make_outside_file ("x");
  g_autofree char *stray = put_blob (store, "lost copy", "lost copy", "lost copy", TRUE);
  g_autofree char *wrong_content = put_blob (store, "edited by hand", "other", "other", TRUE);
  g_autofree char *wrong_folder = put_blob (store, "moved", "moved", "elsewhere", TRUE);
  g_autofree char *young = put_blob (store, "importing now", "importing now", "importing now",
                                     FALSE);
  g_autofree char *own_name = put_file (store, "blobs/ab", "notes.txt", "mine", TRUE);
  g_autofree char *old_tmp = put_file (store, "blobs/tmp", "import-OLD123", "partial", TRUE);
  g_autofree char *young_tmp = put_file (store, "blobs/tmp", "import-NEW123", "copying", FALSE);
  g_autofree char *other_tmp = put_file (store, "blobs/tmp", "keep-me.tmp", "mine", TRUE);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "linked", -1);
  g_autofree char *link_folder = _co_store_dup_blob_folder (sha);
  g_autofree char *link = put_file (store, link_folder, sha, "", TRUE);
  gint64 bytes = 0;

  /* A link named like a stored file, pointing outside, stays a link. */
  g_assert_no_errno (g_unlink (link));
  g_assert_no_errno (symlink (outside, link));

  catch_messages ();
  g_assert_cmpuint (_co_store_sweep_strays (store, &bytes), ==, 2);
  assert_caught ("Removed the stray file */blobs/a7/a71f*", "Removed the stray file *import-OLD123*",
                 NULL);
  g_assert_cmpint (bytes, ==, strlen ("lost copy") + strlen ("partial"));

  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_tmp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (wrong_content, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (wrong_folder, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (young, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (own_name, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (young_tmp, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (other_tmp, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (outside, G_FILE_TEST_IS_REGULAR));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_sweep_thumbnails (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "gone", -1);
  g_autofree char *name = g_strconcat (sha, ".png", NULL);
  g_autofree char *tmp_name = g_strconcat (sha, ".png.tmp-Q1W2E3", NULL);
  g_autofree char *orphan = put_file (store, "thumbnails", name, "png", TRUE);
  g_autofree char *tmp = put_file (store, "thumbnails", tmp_name, "half a png", TRUE);
  g_autofree char *own = put_file (store, "thumbnails", "cover.png", "mine", TRUE);
  gint64 bytes = 0;

  catch_messages ();
  /* Thumbnails are caches: only the temporary file counts. */
  g_assert_cmpuint (_co_store_sweep_strays (store, &bytes), ==, 1);
  assert_caught ("Removed the stray file */thumbnails/*", "Removed the stray file */thumbnails/*",
                 NULL);
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (own, G_FILE_TEST_IS_REGULAR));
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Permissions -------------------------------------------------------------- */

static void
assert_mode (const char *path,
             int         mode)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
  if ((int)(st.st_mode & 0777) != mode)
    g_error ("%s has mode %o, expected %o", path, st.st_mode & 0777, mode);
}

static void
test_permissions (void)
{
  g_autofree char *parent = co_test_make_temp_dir ("perms");
  g_autofree char *dir = g_build_filename (parent, "new", "library", NULL);
  g_autofree char *db = g_build_filename (dir, "creatorops.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = NULL;
  mode_t old_umask = umask (022);

  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (co_store_set_setting (store, "k", "v", &error));
  assert_mode (dir, 0700);
  assert_mode (db, 0600);
  assert_mode (wal, 0600);
  assert_mode (shm, 0600);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* A database an older CreatorOps left readable by others is tightened. */
  g_assert_no_errno (g_chmod (db, 0644));
  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  assert_mode (db, 0600);
  g_assert_finalize_object (g_steal_pointer (&store));
  umask (old_umask);
}

/* Read-only libraries -------------------------------------------------------- */

/* Whether this process may change its user: permission bits do not stop
 * root, so as root the check runs as "nobody". */
static gboolean
can_become_unprivileged (void)
{
  g_autofree char *status = NULL;
  const char *line;
  guint64 caps;

  if (getuid () != 0)
    return TRUE;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "CapEff:")) == NULL)
    return FALSE;
  caps = g_ascii_strtoull (line + strlen ("CapEff:"), NULL, 16);
  /* CAP_CHOWN, CAP_SETGID and CAP_SETUID. */
  return (caps & 0xc1) == 0xc1;
}

static void
become_unprivileged (const char *dir)
{
  if (getuid () != 0)
    return;
  g_assert_no_errno (chown (dir, 65534, 65534));
  g_assert_no_errno (setgid (65534));
  g_assert_no_errno (setuid (65534));
}

static void
read_only_child (void)
{
  g_autofree char *top = g_dir_make_tmp ("co-readonly-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (top, "library", NULL);
  g_autofree char *db = g_build_filename (dir, "creatorops.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = NULL;

  g_assert_nonnull (top);
  become_unprivileged (top);
  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));

  g_assert_no_errno (g_chmod (dir, 0500));
  store = co_store_new (dir, NULL, &error);
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  g_assert_no_errno (g_chmod (dir, 0700));
  g_assert_no_errno (g_chmod (db, 0400));
  store = co_store_new (dir, NULL, &error);
  g_assert_error (error, CO_STORE_ERROR, CO_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, db));

  /* The folder is outside the test's own, which go away by themselves. */
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", top);
    g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  }
}

static void
test_read_only (void)
{
  if (g_test_subprocess ())
    {
      read_only_child ();
      return;
    }
  if (!can_become_unprivileged ())
    {
      g_test_skip ("Running as root without the right to become another user, so "
                   "permission bits cannot make a folder read-only");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  g_log_set_writer_func (catch_writer, NULL, NULL);

  g_test_add_func ("/core/store/lost-database/missing", test_lost_missing);
  g_test_add_func ("/core/store/lost-database/empty-file", test_lost_empty);
  g_test_add_func ("/core/store/lost-database/replaced", test_lost_replaced);
  g_test_add_func ("/core/store/lost-database/interrupted-first-import",
                   test_interrupted_first_import);
  g_test_add_func ("/core/store/layout/links", test_layout_links);
  g_test_add_func ("/core/store/layout/link-while-open", test_layout_link_while_open);
  g_test_add_func ("/core/store/sweep/only-store-files", test_sweep_only_store_files);
  g_test_add_func ("/core/store/sweep/thumbnails", test_sweep_thumbnails);
  g_test_add_func ("/core/store/permissions", test_permissions);
  g_test_add_func ("/core/store/read-only", test_read_only);

  return g_test_run ();
}
