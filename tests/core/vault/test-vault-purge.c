/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-vault-private.h"
#include "vault-fixture.h"

/*
 * Purge against the rest of the world: an import of the same content in
 * another process while the purge is between its commit and the removal of
 * the files, ids that must never come back, and a disk with no room left.
 * The other processes are the vault-helper program.
 */

/* Runs vault-helper with @args (ending with NULL); @env holds extra
 * "NAME=value" entries or is NULL.  Returns its standard output and sets
 * @out_err to its standard error. */
static char *
run_helper (const char * const  *env,
            int                  expected_exit,
            char               **out_err,
            const char          *first,
            ...) G_GNUC_NULL_TERMINATED;

static char *
run_helper (const char * const  *env,
            int                  expected_exit,
            char               **out_err,
            const char          *first,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *)VAULT_HELPER);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("vault-helper %s: %s%s", first, out, err);
  if (!g_subprocess_get_if_exited (process) ||
      g_subprocess_get_exit_status (process) != expected_exit)
    g_error ("vault-helper %s exited with %d, expected %d: %s", first,
             g_subprocess_get_status (process), expected_exit, err);
  if (out_err != NULL)
    *out_err = g_steal_pointer (&err);
  return out;
}

static gint64
import_note (CoVault    *vault,
             const char *path)
{
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_NOTE, .mime = "text/plain", .duration = -1 };
  g_autoptr(GError) error = NULL;
  gint64 id = co_vault_import_file (vault, path, &meta, NULL, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static void
assert_files_intact (CoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = co_assets_verify (store, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    {
      CoVerifyProblem *problem = g_ptr_array_index (problems, i);
      g_error ("Stored file %s is %s", problem->path, problem->missing ? "missing" : "changed");
    }
}

/* Another process imports ------------------------------------------------ */

typedef struct
{
  const char *data_dir;
  const char *path;
  char       *out;
} Race;

static void
import_elsewhere_cb (gpointer data)
{
  Race *race = data;

  race->out = run_helper (NULL, 0, NULL, race->data_dir, "import", race->path, NULL);
}

/* The purge has committed the deletion of the item and of its asset when
 * the other process finds the stored file, still there, and records a new
 * item for it; the purge must then keep the file. */
static void
test_import_between_commit_and_removal (VaultFixture  *fx,
                                        gconstpointer  data)
{
  g_autofree char *path = co_test_write_file (fx->src_dir, "take.txt", "the only take", -1);
  Race race = { co_store_get_data_dir (fx->store), path, NULL };
  CoVaultPurgeReport report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  g_autofree char *blob = NULL;
  char sha[65] = { 0 };
  gint64 trashed, imported = 0;

  trashed = import_note (fx->vault, path);
  g_assert_true (co_vault_trash (fx->vault, trashed, &error));

  _co_vault_set_purge_hook (import_elsewhere_cb, &race);
  g_assert_true (co_vault_purge (fx->vault, &report, &error));
  _co_vault_set_purge_hook (NULL, NULL);
  g_assert_no_error (error);
  g_assert_nonnull (race.out);
  g_assert_cmpint (sscanf (race.out, "%" G_GINT64_FORMAT " %64s", &imported, sha), ==, 2);
  g_free (race.out);

  g_assert_cmpuint (report.items, ==, 1);
  g_assert_cmpuint (report.files, ==, 0);
  g_assert_cmpint (imported, >, trashed);
  item = co_vault_get (fx->vault, imported, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_vault_item_get_sha256 (item), ==, sha);
  blob = co_store_dup_blob_path (fx->store, sha);
  g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
  assert_files_intact (fx->store);
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM file_deletions"), ==, 0);
}

/* Without an import in between, the released file goes. */
static void
test_released_file_goes (VaultFixture  *fx,
                         gconstpointer  data)
{
  g_autofree char *path = co_test_write_file (fx->src_dir, "take.txt", "an outtake", -1);
  CoVaultPurgeReport report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  g_autofree char *blob = NULL;
  gint64 id = import_note (fx->vault, path);

  item = co_vault_get (fx->vault, id, &error);
  blob = co_store_dup_blob_path (fx->store, co_vault_item_get_sha256 (item));
  g_assert_true (co_vault_trash (fx->vault, id, &error));
  g_assert_true (co_vault_purge (fx->vault, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.files, ==, 1);
  g_assert_cmpint (report.bytes, ==, strlen ("an outtake"));
  g_assert_false (g_file_test (blob, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_int (fx->store, "SELECT count (*) FROM file_deletions"), ==, 0);
}

/* A crash between the two steps leaves the release recorded; the next
 * purge removes the file. */
static void
test_release_survives_crash (VaultFixture  *fx,
                             gconstpointer  data)
{
  const char *sha = "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";
  g_autofree char *blob = NULL;
  g_autofree char *folder = NULL;
  CoVaultPurgeReport report = { 0 };
  g_autoptr(GError) error = NULL;

  blob = co_store_dup_blob_path (fx->store, sha);
  folder = g_path_get_dirname (blob);
  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  g_free (co_test_write_file (folder, sha, "released before the crash", -1));
  sql_exec (fx->store, "INSERT INTO file_deletions VALUES"
                       " ('5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef', 1)");
  g_assert_true (co_vault_purge (fx->vault, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.files, ==, 1);
  g_assert_false (g_file_test (blob, G_FILE_TEST_EXISTS));
}

/* Ids -------------------------------------------------------------------- */

static void
test_ids_never_reused (VaultFixture  *fx,
                       gconstpointer  data)
{
  g_autofree char *dir = g_strdup (co_store_get_data_dir (fx->store));
  g_autofree char *path = co_test_write_file (fx->src_dir, "clip.txt", "a clip", -1);
  g_autoptr(GError) error = NULL;
  gint64 first, newest, file, after;

  first = add_note (fx, NULL, "first");
  newest = add_note (fx, NULL, "newest");
  g_assert_true (co_vault_trash (fx->vault, newest, &error));
  g_assert_true (co_vault_purge (fx->vault, NULL, &error));
  after = add_note (fx, NULL, "after the purge");
  g_assert_cmpint (after, >, newest);

  file = import_note (fx->vault, path);
  g_assert_true (co_vault_trash (fx->vault, file, &error));
  g_assert_true (co_vault_purge (fx->vault, NULL, &error));

  /* The highest id ever given is kept with the database. */
  g_assert_finalize_object (g_steal_pointer (&fx->vault));
  g_assert_finalize_object (g_steal_pointer (&fx->store));
  fx->store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  fx->vault = co_vault_new (fx->store);
  g_assert_cmpint (add_note (fx, NULL, "after reopening"), >, file);
  g_assert_cmpint (first, <, newest);

  /* Jobs are shown by id too. */
  sql_exec (fx->store, "INSERT INTO jobs (kind, state, created_at) VALUES ('a', 'done', 0),"
                       " ('b', 'done', 0)");
  sql_exec (fx->store, "DELETE FROM jobs WHERE kind = 'b'");
  sql_exec (fx->store, "INSERT INTO jobs (kind, state, created_at) VALUES ('c', 'done', 0)");
  g_assert_cmpint (sql_int (fx->store, "SELECT id FROM jobs WHERE kind = 'c'"), ==, 3);
}

/* A full disk -------------------------------------------------------------- */

typedef struct
{
  char *dir;
  char *state;
  char *env[5];   /* NULL-terminated. */
  char *sha[3];
  gint64 ids[3];
} FullDisk;

static void
full_disk_set_up (FullDisk      *disk,
                  gconstpointer  data)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(CoVault) vault = co_vault_new (store);
  g_autofree char *src = co_test_make_temp_dir ("src");
  const char *asan = g_getenv ("ASAN_OPTIONS");

  disk->dir = g_strdup (co_store_get_data_dir (store));
  for (guint i = 0; i < G_N_ELEMENTS (disk->ids); i++)
    {
      g_autofree char *filler = g_strnfill (200 * 1024, 'x' + i);
      g_autofree char *body = g_strdup_printf ("%u %s", i, filler);
      g_autofree char *path = co_test_write_file (src, "take.txt", body, -1);
      g_autoptr(CoVaultItem) item = NULL;

      disk->ids[i] = import_note (vault, path);
      item = co_vault_get (vault, disk->ids[i], NULL);
      disk->sha[i] = g_strdup (co_vault_item_get_sha256 (item));
    }
  g_assert_finalize_object (g_steal_pointer (&vault));
  g_assert_finalize_object (g_steal_pointer (&store));

  /* The helper gets a disk with no byte free. */
  disk->state = g_build_filename (src, "free-bytes", NULL);
  g_assert_true (g_file_set_contents (disk->state, "0", -1, NULL));
  disk->env[0] = g_strconcat ("LD_PRELOAD=", FULL_DISK_PRELOAD, NULL);
  disk->env[1] = g_strconcat ("CO_FULL_DISK_ROOT=", disk->dir, NULL);
  disk->env[2] = g_strconcat ("CO_FULL_DISK_STATE=", disk->state, NULL);
  /* AddressSanitizer wants to be loaded first, before the preloaded library. */
  if (asan != NULL)
    disk->env[3] = g_strconcat ("ASAN_OPTIONS=", asan, ":verify_asan_link_order=0", NULL);
}

static void
full_disk_tear_down (FullDisk      *disk,
                     gconstpointer  data)
{
  g_free (disk->dir);
  g_free (disk->state);
  for (guint i = 0; i < G_N_ELEMENTS (disk->env); i++)
    g_free (disk->env[i]);
  for (guint i = 0; i < G_N_ELEMENTS (disk->sha); i++)
    g_free (disk->sha[i]);
}

static gboolean
is_stored (FullDisk *disk,
           guint     i)
{
  g_autofree char *name = _co_store_dup_blob_folder (disk->sha[i]);
  g_autofree char *path = g_build_filename (disk->dir, name, disk->sha[i], NULL);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gint64
count_items (FullDisk *disk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (disk->dir, NULL, &error);
  gint64 n;

  g_assert_no_error (error);
  n = sql_int (store, "SELECT count (*) FROM vault_items");
  assert_files_intact (store);
  g_assert_finalize_object (g_steal_pointer (&store));
  return n;
}

static void
test_purge_full_disk (FullDisk      *disk,
                      gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, disk->ids[1]);
  g_autofree char *out = NULL;

  g_free (run_helper (NULL, 0, NULL, disk->dir, "trash", id, NULL));
  out = run_helper ((const char * const *)disk->env, 0, NULL, disk->dir, "purge", NULL);
  g_assert_cmpint (g_ascii_strtoll (out, NULL, 10), ==, 1);
  g_assert_false (is_stored (disk, 1));
  g_assert_true (is_stored (disk, 0) && is_stored (disk, 2));
  g_assert_cmpint (count_items (disk), ==, 2);
}

static void
test_trash_full_disk (FullDisk      *disk,
                      gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, disk->ids[2]);
  g_autofree char *out = NULL;

  /* Each command is a process of its own, as on the command line. */
  g_free (run_helper ((const char * const *)disk->env, 0, NULL, disk->dir, "trash", id, NULL));
  out = run_helper ((const char * const *)disk->env, 0, NULL, disk->dir, "purge", NULL);
  g_assert_cmpint (g_ascii_strtoll (out, NULL, 10), ==, 1);
  g_assert_false (is_stored (disk, 2));
  g_assert_cmpint (count_items (disk), ==, 2);
}

/* Without its reserve, a library on a full disk cannot be cleaned up, but
 * the failure says why and loses nothing. */
static void
test_full_disk_without_reserve (FullDisk      *disk,
                                gconstpointer  data)
{
  g_autofree char *reserve = g_build_filename (disk->dir, "space-reserve", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, disk->ids[0]);
  g_autofree char *err = NULL;

  g_assert_true (g_file_test (reserve, G_FILE_TEST_IS_REGULAR));
  g_assert_no_errno (g_unlink (reserve));
  g_free (run_helper ((const char * const *)disk->env, 1, &err, disk->dir, "trash", id, NULL));
  g_assert_nonnull (strstr (err, disk->dir));
  g_assert_nonnull (strstr (err, "disk is full"));
  g_assert_null (strstr (err, "damaged"));
  g_assert_cmpint (count_items (disk), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (disk->sha); i++)
    g_assert_true (is_stored (disk, i));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  VAULT_TEST ("/core/vault/purge/import-between-commit-and-removal",
              test_import_between_commit_and_removal);
  VAULT_TEST ("/core/vault/purge/released-file-goes", test_released_file_goes);
  VAULT_TEST ("/core/vault/purge/release-survives-crash", test_release_survives_crash);
  VAULT_TEST ("/core/vault/ids/never-reused", test_ids_never_reused);
  g_test_add ("/core/vault/full-disk/purge", FullDisk, NULL, full_disk_set_up,
              test_purge_full_disk, full_disk_tear_down);
  g_test_add ("/core/vault/full-disk/trash-and-purge", FullDisk, NULL, full_disk_set_up,
              test_trash_full_disk, full_disk_tear_down);
  g_test_add ("/core/vault/full-disk/without-reserve", FullDisk, NULL, full_disk_set_up,
              test_full_disk_without_reserve, full_disk_tear_down);

  return g_test_run ();
}
