/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include "vault-fixture.h"

#define N_ROUNDS 20

typedef struct
{
  gint64 id;
  char   sha256[65];
} Reported;

static GPid
spawn_importer (const char  *data_dir,
                const char  *src_dir,
                guint        first,
                int         *out_stdout)
{
  g_autofree char *number = g_strdup_printf ("%u", first);
  const char *argv[] = { CRASH_IMPORTER, data_dir, src_dir, number, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, out_stdout, NULL, &error);
  g_assert_no_error (error);
  return pid;
}

/* Reads every complete line the child wrote before it died. */
static void
collect_reports (int     fd,
                 GArray *reports)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  char buffer[4096];
  gssize n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  close (fd);

  lines = g_strsplit (text->str, "\n", -1);
  /* The last piece is either empty or a line cut short by the kill. */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      Reported r = { 0 };
      char sha[65] = { 0 };

      if (sscanf (lines[i], "%" G_GINT64_FORMAT " %64s", &r.id, sha) != 2)
        g_error ("Unreadable report line “%s”", lines[i]);
      g_strlcpy (r.sha256, sha, sizeof r.sha256);
      g_array_append_val (reports, r);
    }
}

static void
check_library (const char *data_dir,
               GArray     *reports)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (data_dir, NULL, &error);
  g_autoptr(CoVault) vault = NULL;
  g_autofree char *report = NULL;

  g_assert_no_error (error);
  g_assert_true (co_store_check_integrity (store, TRUE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report, ==, "ok");

  vault = co_vault_new (store);
  for (guint i = 0; i < reports->len; i++)
    {
      Reported *r = &g_array_index (reports, Reported, i);
      g_autoptr(CoVaultItem) item = co_vault_get (vault, r->id, &error);
      g_autofree char *blob = NULL;
      g_autofree char *actual = NULL;

      if (item == NULL)
        g_error ("Import %" G_GINT64_FORMAT " was reported committed but is gone: %s", r->id,
                 error->message);
      g_assert_cmpstr (co_vault_item_get_sha256 (item), ==, r->sha256);
      blob = co_store_dup_blob_path (store, r->sha256);
      actual = co_store_hash_file (blob, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (actual, ==, r->sha256);
    }
  g_assert_cmpint (sql_int (store, "SELECT count (*) FROM vault_items"), >=, reports->len);
  g_assert_cmpint (sql_int (store, "SELECT count (*) FROM vault_items WHERE id NOT IN"
                                   " (SELECT rowid FROM vault_fts)"), ==, 0);
  g_assert_cmpint (sql_int (store, "SELECT count (*) FROM vault_items WHERE sha256 NOT IN"
                                   " (SELECT sha256 FROM assets)"), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&vault));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_kill_during_import (void)
{
  g_autofree char *data_dir = co_test_make_temp_dir ("library");
  g_autofree char *src_dir = co_test_make_temp_dir ("sources");
  g_autoptr(GArray) reports = g_array_new (FALSE, FALSE, sizeof (Reported));
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  guint first = 0;

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      int out_fd = -1;
      GPid pid = spawn_importer (data_dir, src_dir, first, &out_fd);
      guint before = reports->len;
      int status = 0;

      /* Random moments: sometimes while the store is still opening. */
      g_usleep (g_rand_int_range (rand, 0, 150000));
      g_assert_no_errno (kill (pid, SIGKILL));
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      collect_reports (out_fd, reports);
      g_test_message ("round %u: %u imports reported", round, reports->len - before);

      check_library (data_dir, reports);
      /* Numbers already used may have been imported without being reported. */
      first += 100000;
    }
  g_assert_cmpuint (reports->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/crash/kill-during-import", test_kill_during_import);

  return g_test_run ();
}
