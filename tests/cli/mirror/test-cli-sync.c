/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "co-test-cli.h"
#include "co-mirror-sync.h"
#include "co-test-couch.h"
#include "co-test-mirror.h"
#include "co-test-peer.h"
#include "co-test-s3.h"
#include "co-test-secrets.h"
#include "co-test-server.h"
#include "co-test-util.h"

/*
 * The sync commands as a script uses them, against a real PouchDB Server:
 * setup with credentials on standard input (into the keyring, never printed
 * or stored elsewhere), sync, status, conflicts and resolve, and the exit
 * codes of bad input.
 */

#define PASSWORD "pw-S3cret-4711"

static CoCliRun *
run_cli (const char *data_dir,
         const char *env,
         const char *input,
         const char *first,
         ...)
{
  CoCliOptions options = { data_dir, FALSE, NULL, env };
  CoCliRun *run;
  va_list list;

  va_start (list, first);
  run = co_test_cli_runv (&options, input, first, list);
  va_end (list);
  return run;
}

static char *
with_credentials (const char *db_url,
                  const char *user,
                  const char *password)
{
  return g_strdup_printf ("http://%s:%s@%s", user, password, db_url + strlen ("http://"));
}

static JsonObject *
object_of (CoCliRun *run,
           int       expected)
{
  return json_node_get_object (co_test_cli_assert_json (run, expected));
}

/* The credentials go into the keyring and nowhere else. */
static void
test_setup_and_sync (void)
{
  g_autoptr(CoTestCouch) couch = NULL;
  g_autofree char *db = NULL;
  g_autofree char *a = co_test_make_temp_dir ("a");
  g_autofree char *b = co_test_make_temp_dir ("b");
  g_autofree char *b_url = NULL;
  g_autofree char *b_env = NULL;
  g_autoptr(GPtrArray) secrets = g_ptr_array_new ();
  g_autoptr(GString) printed = g_string_new (NULL);
  CoCliRun *runs[7] = { NULL };
  JsonObject *result;

  if (co_test_skip_without_keyring () || (couch = co_test_couch_new_private ()) == NULL)
    return;
  db = co_test_couch_new_db (couch, "cli");
  co_test_couch_add_admin (couch, "carol", PASSWORD);
  b_url = with_credentials (db, "carol", PASSWORD);
  b_env = g_strdup_printf ("CREATOROPS_COUCHDB_URL=%s", b_url);

  runs[0] = run_cli (a, NULL, NULL, "vault", "note", "Shot list for Tuesday", NULL);
  co_test_cli_assert_exit (runs[0], 0);
  runs[1] = run_cli (a, NULL, "{\"username\": \"carol\", \"password\": \"" PASSWORD "\"}",
                     "sync", "setup", "--couchdb", db, "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (object_of (runs[1], 0), "server"), ==, db);
  runs[2] = run_cli (a, NULL, NULL, "sync", "--once", "--json", NULL);
  result = object_of (runs[2], 0);
  g_assert_cmpint (json_object_get_int_member (result, "sent"), ==, 1);
  runs[3] = run_cli (b, b_env, NULL, "sync", "--once", "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (runs[3], 0), "received"), ==, 1);
  runs[4] = run_cli (b, NULL, NULL, "vault", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (
                      co_test_cli_assert_json (runs[4], 0))), ==, 1);
  runs[5] = run_cli (a, NULL, NULL, "sync", "status", "--json", NULL);
  result = object_of (runs[5], 0);
  g_assert_cmpstr (json_object_get_string_member (result, "server"), ==, db);
  g_assert_cmpint (json_object_get_int_member (result, "changed"), ==, 0);
  g_assert_false (json_object_get_null_member (result, "last_sync"));
  runs[6] = run_cli (b, b_env, NULL, "sync", "status", NULL);
  co_test_cli_assert_exit (runs[6], 0);

  g_ptr_array_add (secrets, (gpointer)PASSWORD);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_string_append_printf (printed, "%s\n%s\n", runs[i]->out, runs[i]->err);
      co_cli_run_free (runs[i]);
    }
  co_test_assert_no_secret ("what the commands printed", printed->str, printed->len, secrets);
  co_test_assert_no_secret_in_dir (a, secrets);
  co_test_assert_no_secret_in_dir (b, secrets);
  co_test_forget_token ("couchdb", db);
}

#define S3_SECRET "s3-Secret-0815"

/* A green 1×1 PNG. */
static const char ONE_PIXEL_PNG[] =
  "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00"
  "\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c"
  "\x63\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00\x49\x45\x4e"
  "\x44\xae\x42\x60\x82";

/* The media: setup --s3 with the key pair on standard input, a sync that
 * pushes the file, another library (CREATOROPS_S3_URL) that fetches it, and
 * a second push that sends nothing. */
static void
test_media (void)
{
  g_autoptr(CoTestCouch) couch = NULL;
  CoTestS3 *s3 = NULL;
  g_autofree char *db = NULL;
  g_autofree char *bucket = NULL;
  g_autofree char *bucket_url = NULL;
  g_autofree char *a = co_test_make_temp_dir ("a");
  g_autofree char *b = co_test_make_temp_dir ("b");
  g_autofree char *clip = NULL;
  g_autofree char *b_env = NULL;
  g_autoptr(GPtrArray) secrets = g_ptr_array_new ();
  g_autoptr(GString) printed = g_string_new (NULL);
  CoCliRun *runs[7] = { NULL };
  JsonObject *media;

  if (co_test_skip_without_keyring () || (s3 = co_test_s3_get ()) == NULL ||
      (couch = co_test_couch_new_private ()) == NULL)
    return;
  db = co_test_couch_new_db (couch, "media");
  bucket = co_test_s3_new_bucket (s3, "cli");
  bucket_url = g_strdup_printf ("%s/%s", co_test_s3_get_url (s3), bucket);
  b_env = g_strdup_printf ("CREATOROPS_S3_URL=http://%s:%s@%s/%s", CO_TEST_S3_KEY, S3_SECRET,
                           co_test_s3_get_url (s3) + strlen ("http://"), bucket);
  clip = co_test_write_file (a, "dot.png", ONE_PIXEL_PNG, sizeof ONE_PIXEL_PNG - 1);

  runs[0] = run_cli (a, NULL, NULL, "vault", "import", clip, NULL);
  co_test_cli_assert_exit (runs[0], 0);
  runs[1] = run_cli (a, NULL, "{\"s3\": {\"access_key_id\": \"" CO_TEST_S3_KEY "\", "
                     "\"secret_access_key\": \"" S3_SECRET "\"}}",
                     "sync", "setup", "--couchdb", db, "--s3", bucket_url, "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (object_of (runs[1], 0), "bucket"), ==,
                   bucket_url);
  runs[2] = run_cli (a, NULL, NULL, "sync", "--once", "--json", NULL);
  media = json_object_get_object_member (object_of (runs[2], 0), "media");
  g_assert_cmpint (json_object_get_int_member (media, "sent"), ==, 1);
  runs[3] = run_cli (b, NULL, NULL, "sync", "setup", "--couchdb", db, NULL);
  co_test_cli_assert_exit (runs[3], 0);
  runs[4] = run_cli (b, b_env, NULL, "sync", "--once", "--json", NULL);
  media = json_object_get_object_member (object_of (runs[4], 0), "media");
  g_assert_cmpint (json_object_get_int_member (media, "fetched"), ==, 1);
  runs[5] = run_cli (a, NULL, NULL, "sync", "--once", "--json", NULL);
  media = json_object_get_object_member (object_of (runs[5], 0), "media");
  g_assert_cmpint (json_object_get_int_member (media, "sent"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (media, "present"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (media, "bytes_sent"), ==, 0);
  /* The other library holds the file itself now. */
  runs[6] = run_cli (b, NULL, NULL, "assets", "verify", NULL);
  co_test_cli_assert_exit (runs[6], 0);

  g_ptr_array_add (secrets, (gpointer)S3_SECRET);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_string_append_printf (printed, "%s\n%s\n", runs[i]->out, runs[i]->err);
      co_cli_run_free (runs[i]);
    }
  co_test_assert_no_secret ("what the commands printed", printed->str, printed->len, secrets);
  co_test_assert_no_secret_in_dir (a, secrets);
  co_test_assert_no_secret_in_dir (b, secrets);
  co_test_forget_token ("s3", bucket_url);
}

static JsonArray *
list_conflicts (const char *dir,
                const char *env,
                CoCliRun  **out_run)
{
  *out_run = run_cli (dir, env, NULL, "sync", "conflicts", "--json", NULL);
  return json_node_get_array (co_test_cli_assert_json (*out_run, 0));
}

static void
sync_ok (const char *dir,
         const char *env)
{
  g_autoptr(CoCliRun) run = run_cli (dir, env, NULL, "sync", "--once", NULL);

  co_test_cli_assert_exit (run, 0);
}

static void
edit_draft (const char *dir,
            const char *title)
{
  g_autoptr(CoCliRun) run = run_cli (dir, NULL, NULL, "drafts", "edit", "1", "--title", title,
                                     NULL);

  co_test_cli_assert_exit (run, 0);
}

/* Both libraries list the same conflict; keeping a version ends it in both. */
static void
test_conflicts (void)
{
  CoTestCouch *couch = co_test_couch_get ();
  g_autofree char *db = couch ? co_test_couch_new_db (couch, "conflicts") : NULL;
  g_autofree char *env = g_strdup_printf ("CREATOROPS_COUCHDB_URL=%s", db);
  g_autofree char *a = co_test_make_temp_dir ("a");
  g_autofree char *b = co_test_make_temp_dir ("b");
  g_autoptr(CoCliRun) made = NULL;
  g_autoptr(CoCliRun) on_a = NULL;
  g_autoptr(CoCliRun) on_b = NULL;
  g_autoptr(CoCliRun) resolved = NULL;
  g_autoptr(CoCliRun) after = NULL;
  g_autoptr(CoCliRun) shown = NULL;
  JsonArray *listed_a, *listed_b;
  JsonObject *conflict;
  g_autofree char *id = NULL;

  if (db == NULL)
    return;
  made = run_cli (a, NULL, NULL, "drafts", "new", "--title", "Plan", "--body", "Text", "--stage",
                  "draft", "--platform", "x", NULL);
  co_test_cli_assert_exit (made, 0);
  sync_ok (a, env);
  sync_ok (b, env);
  edit_draft (a, "Plan from A");
  edit_draft (b, "Plan from B");
  sync_ok (a, env);
  sync_ok (b, env);
  sync_ok (a, env);

  listed_a = list_conflicts (a, env, &on_a);
  listed_b = list_conflicts (b, env, &on_b);
  g_assert_cmpuint (json_array_get_length (listed_a), ==, 1);
  g_assert_cmpuint (json_array_get_length (listed_b), ==, 1);
  conflict = json_array_get_object_element (listed_b, 0);
  g_assert_cmpstr (json_object_get_string_member (conflict, "doc_id"), ==,
                   json_object_get_string_member (json_array_get_object_element (listed_a, 0),
                                                  "doc_id"));
  g_assert_cmpstr (json_object_get_string_member (conflict, "record_type"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (conflict, "copy"), "title"), ==,
                   "Plan from A");
  g_assert_cmpstr (json_object_get_string_member (conflict, "copy_from"), ==, "remote");

  /* B keeps the other library's version: it is restored there, and sent. */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (conflict, "id"));
  resolved = run_cli (b, env, NULL, "sync", "resolve", id, "--keep", "remote", "--json", NULL);
  g_assert_true (json_object_get_boolean_member (object_of (resolved, 0), "restored"));
  sync_ok (b, env);
  sync_ok (a, env);
  g_clear_pointer (&on_a, co_cli_run_free);
  g_assert_cmpuint (json_array_get_length (list_conflicts (a, env, &on_a)), ==, 0);
  after = run_cli (a, NULL, NULL, "drafts", "show", "1", "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (object_of (after, 0), "title"), ==,
                   "Plan from A");
  shown = run_cli (b, env, NULL, "sync", "resolve", id, "--keep", "local", NULL);
  co_test_cli_assert_exit (shown, 3);
  co_test_cli_assert_error_names (shown, id);
}

typedef struct
{
  const char *args[6];
  const char *input;
  int         exit;
  const char *named;
} Bad;

static void
test_bad_input (void)
{
  static const Bad bad[] = {
    { { "sync", "--once", NULL }, NULL, 1, "No CouchDB server is set up" },
    { { "sync", "setup", NULL }, NULL, 2, "--couchdb" },
    { { "sync", "setup", "--couchdb", "ftp://example.com/db", NULL }, NULL, 4, "http(s)" },
    { { "sync", "setup", "--couchdb", "http://127.0.0.1:1", NULL }, NULL, 4, "names no database" },
    { { "sync", "setup", "--couchdb", "http://127.0.0.1:1/db", NULL }, "carol:hunter2", 4,
      "not a JSON object" },
    { { "sync", "setup", "--couchdb", "http://127.0.0.1:1/db", NULL }, NULL, 1,
      "http://127.0.0.1:1/db" },
    { { "sync", "resolve", "99", "--keep", "local", NULL }, NULL, 3, "99" },
    { { "sync", "resolve", "99", "--keep", "both", NULL }, NULL, 2, "--keep" },
  };
  g_autofree char *dir = co_test_make_temp_dir ("bad");

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      CoCliOptions options = { dir, FALSE, NULL, NULL };
      g_autoptr(GSubprocess) process = co_test_cli_spawn (&options,
                                                          G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                          G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                                          G_SUBPROCESS_FLAGS_STDIN_PIPE,
                                                          bad[i].args);
      g_autoptr(CoCliRun) run = co_test_cli_finish (process, bad[i].input ? bad[i].input : "");

      g_test_message ("%s", run->err);
      co_test_cli_assert_exit (run, bad[i].exit);
      g_assert_nonnull (strstr (run->err, bad[i].named));
      if (bad[i].input != NULL)
        g_assert_null (strstr (run->err, "hunter2"));
    }
}

typedef struct
{
  CoTestSide *side;
  const char *title;    /* (nullable): wait for a note with it, else a first sync */
} LibraryWait;

static gboolean
library_has (gpointer data)
{
  LibraryWait *wait = data;
  g_autofree char *sql = NULL;
  g_autofree char *last = NULL;

  if (wait->title == NULL)
    {
      last = co_store_dup_setting (wait->side->store, CO_MIRROR_LAST_SYNC_KEY);
      return last != NULL;
    }
  sql = g_strdup_printf ("SELECT count (*) FROM vault_items WHERE title = '%s'", wait->title);
  return co_test_side_count (wait->side, sql) == 1;
}

static gboolean
process_exited (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

/* Syncs @side with the database at @db_url, in this process. */
static void
sync_in_process (CoTestSide *side,
                 const char *db_url)
{
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoCouch) couch = co_couch_new (client, db_url, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (co_mirror_sync_once (side->mirror, couch, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* "sync" without --once follows the server: what another library sends
 * arrives while it runs, and Ctrl+C ends it as cancelled, saying nothing. */
static void
test_continuous (void)
{
  CoTestCouch *couch = co_test_couch_get ();
  g_autofree char *db = couch ? co_test_couch_new_db (couch, "continuous") : NULL;
  g_autofree char *dir = co_test_make_temp_dir ("a");
  g_autofree char *env = NULL;
  g_autoptr(CoTestSide) here = NULL;
  g_autoptr(CoTestSide) other = NULL;
  g_autoptr(GSubprocess) process = NULL;
  const char *args[] = { "sync", NULL };
  CoCliOptions options = { dir, FALSE, NULL, NULL };

  if (db == NULL)
    return;
  env = g_strdup_printf ("CREATOROPS_COUCHDB_URL=%s", db);
  options.env = env;
  here = co_test_side_open (dir);
  other = co_test_side_new ("other");
  process = co_test_cli_spawn (&options, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                         G_SUBPROCESS_FLAGS_STDERR_SILENCE, args);
  g_assert_true (co_test_wait_until (library_has, &(LibraryWait){ here, NULL }, 60000));

  co_test_side_add_note (other, "Sent while the other synced", NULL);
  sync_in_process (other, db);
  g_assert_true (co_test_wait_until (library_has,
                                     &(LibraryWait){ here, "Sent while the other synced" },
                                     20000));
  co_test_side_add_note (other, "And one more", NULL);
  sync_in_process (other, db);
  g_assert_true (co_test_wait_until (library_has, &(LibraryWait){ here, "And one more" }, 20000));

  g_subprocess_send_signal (process, SIGINT);
  g_assert_true (co_test_wait_until (process_exited, process, 60000));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
}

typedef struct
{
  GDataInputStream *lines;
  guint             n_reports;   /* lines naming the server */
  const char       *server;
  gboolean          closed;
} ErrorLines;

static void
line_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  ErrorLines *errors = data;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (errors->lines, result,
                                                                     NULL, NULL);

  if (line == NULL)
    {
      errors->closed = TRUE;
      return;
    }
  g_test_message ("sync said: %s", line);
  errors->n_reports += strstr (line, errors->server) != NULL;
  g_data_input_stream_read_line_async (errors->lines, G_PRIORITY_DEFAULT, NULL, line_cb, errors);
}

static gboolean
reported_twice (gpointer data)
{
  return ((ErrorLines *)data)->n_reports >= 2;
}

static gboolean
stream_closed (gpointer data)
{
  return ((ErrorLines *)data)->closed;
}

/* Continuous "sync" with the server out of reach keeps going: it says why
 * on standard error and tries again after a back-off, until Ctrl+C. */
static void
test_continuous_offline (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("a");
  g_autofree char *server = g_strdup_printf ("127.0.0.1:%u", co_test_peer_free_port ());
  g_autofree char *env = g_strdup_printf ("CREATOROPS_COUCHDB_URL=http://%s/gone", server);
  g_autoptr(GSubprocess) process = NULL;
  const char *args[] = { "sync", NULL };
  CoCliOptions options = { dir, FALSE, NULL, env };
  ErrorLines errors = { NULL, 0, server, FALSE };

  process = co_test_cli_spawn (&options, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                         G_SUBPROCESS_FLAGS_STDERR_PIPE, args);
  errors.lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  g_data_input_stream_read_line_async (errors.lines, G_PRIORITY_DEFAULT, NULL, line_cb, &errors);
  g_assert_true (co_test_wait_until (reported_twice, &errors, 120000));
  g_assert_nonnull (g_subprocess_get_identifier (process));

  g_subprocess_send_signal (process, SIGINT);
  g_assert_true (co_test_wait_until (process_exited, process, 60000));
  g_assert_true (co_test_wait_until (stream_closed, &errors, 60000));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  g_object_unref (errors.lines);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  co_test_network_init (&argc, &argv);

  g_test_add_func ("/cli/sync/setup-and-sync", test_setup_and_sync);
  g_test_add_func ("/cli/sync/conflicts", test_conflicts);
  g_test_add_func ("/cli/sync/bad-input", test_bad_input);
  g_test_add_func ("/cli/sync/media", test_media);
  g_test_add_func ("/cli/sync/continuous", test_continuous);
  g_test_add_func ("/cli/sync/continuous-offline", test_continuous_offline);

  status = g_test_run ();
  co_test_couch_stop ();
  co_test_s3_stop ();
  return status;
}
