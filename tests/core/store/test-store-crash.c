/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
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

/* Reads from the child until @text holds @n_lines complete lines, or to
 * the end when @n_lines is G_MAXUINT.  Returns %FALSE at the end of input. */
static gboolean
read_lines (int      fd,
            GString *text,
            guint    n_lines)
{
  char buffer[4096];
  gssize n;

  for (;;)
    {
      guint seen = 0;

      for (const char *c = text->str; (c = strchr (c, '\n')) != NULL; c++)
        seen++;
      if (seen >= n_lines)
        return TRUE;
      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      g_string_append_len (text, buffer, n);
    }
}

/* Parses every complete line the child wrote before it died. */
static void
parse_reports (const char *text,
               GArray     *reports)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  /* The first line says the library is being opened.  The last piece is
   * either empty or a line cut short by the kill. */
  for (guint i = 1; lines[i] != NULL && lines[i + 1] != NULL; i++)
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

/* One round: the child is killed once it has reported @wait_for imports,
 * that is during the next one (0: as soon as it starts opening the
 * library). */
static void
kill_round (const char *data_dir,
            const char *src_dir,
            guint       first,
            guint       wait_for,
            GArray     *reports)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int out_fd = -1;
  GPid pid = spawn_importer (data_dir, src_dir, first, &out_fd);
  int status = 0;

  /* Waiting for reports, not for a time, is what makes the kill land
   * after some committed imports however slow the machine is. */
  if (!read_lines (out_fd, text, 1 + wait_for))
    g_error ("The importer stopped after %s", text->str);
  g_assert_no_errno (kill (pid, SIGKILL));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  read_lines (out_fd, text, G_MAXUINT);
  close (out_fd);
  parse_reports (text->str, reports);
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
      guint before = reports->len;
      /* Every fourth round is killed while it opens the library, the others
       * after a random number of committed imports. */
      guint wait_for = round % 4 == 3 ? 0 : (guint)g_rand_int_range (rand, 1, 4);

      kill_round (data_dir, src_dir, first, wait_for, reports);
      g_test_message ("round %u: killed after %u reports, %u reported", round, wait_for,
                      reports->len - before);
      g_assert_cmpuint (reports->len - before, >=, wait_for);

      check_library (data_dir, reports);
      /* Numbers already used may have been imported without being reported. */
      first += 100000;
    }
  g_assert_cmpuint (reports->len, >=, N_ROUNDS / 2);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/crash/kill-during-import", test_kill_during_import);

  return g_test_run ();
}
