/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include "co-test-couch.h"
#include "co-test-peer.h"
#include "co-test-util.h"

struct _CoTestCouch
{
  GPid         pid;
  char        *dir;
  char        *url;
  SoupSession *session;
  guint        n_dbs;
  char        *admin;      /* "user:password" once an admin exists */
};

static CoTestCouch *server;

static void
spawn (CoTestCouch *couch,
       const char  *program,
       guint16      port)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *config = g_build_filename (couch->dir, "config.json", NULL);
  g_autofree char *log = g_build_filename (couch->dir, "server.log", NULL);
  const char *argv[] = { program, "--in-memory", "--port", port_text, "--host", "127.0.0.1",
                         "--config", config, NULL };
  g_autoptr(GError) error = NULL;
  int fd = open (log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_spawn_async_with_fds (couch->dir, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                          co_test_peer_new_group, NULL, &couch->pid, -1, fd, fd, &error);
  close (fd);
  g_assert_no_error (error);
}

/**
 * co_test_couch_request:
 * @couch: the server
 * @method: an HTTP method
 * @path: the path, from the root ("/db/doc")
 * @body: (nullable): a JSON body
 * @user_password: (nullable): "user:password" to sign in with
 * @out_status: (out) (optional): the status
 *
 * Returns: (transfer full) (nullable): the JSON answer, or %NULL when the
 *   server did not answer (or not with JSON)
 */
JsonNode *
co_test_couch_request (CoTestCouch *couch,
                       const char  *method,
                       const char  *path,
                       const char  *body,
                       const char  *user_password,
                       guint       *out_status)
{
  g_autofree char *url = g_strconcat (couch->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  if (user_password != NULL)
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *)user_password,
                                                  strlen (user_password));
      g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                    value);
    }
  answer = soup_session_send_and_read (couch->session, message, NULL, &error);
  if (out_status != NULL)
    *out_status = answer != NULL ? soup_message_get_status (message) : 0;
  if (answer == NULL || g_bytes_get_size (answer) == 0)
    return NULL;
  return json_from_string (g_bytes_get_data (answer, NULL), NULL);
}

typedef struct
{
  CoTestCouch *couch;
  gboolean     exited;
} Starting;

static gboolean
answers_cb (gpointer data)
{
  Starting *starting = data;
  g_autoptr(JsonNode) root = NULL;
  int status;

  if (waitpid (starting->couch->pid, &status, WNOHANG) == starting->couch->pid)
    {
      starting->exited = TRUE;
      return TRUE;
    }
  root = co_test_couch_request (starting->couch, "GET", "/", NULL, NULL, NULL);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
         json_object_has_member (json_node_get_object (root), "express-pouchdb");
}

static CoTestCouch *
start (const char *program)
{
  CoTestCouch *couch = g_new0 (CoTestCouch, 1);
  guint16 port = co_test_peer_free_port ();
  Starting starting = { couch, FALSE };
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;

  /* Not in the test's isolated folders, which go after each test: the server
   * outlives tests, and stops when its log file goes. */
  couch->dir = g_dir_make_tmp ("creatorops-pouchdb-XXXXXX", &error);
  g_assert_no_error (error);
  couch->url = g_strdup_printf ("http://127.0.0.1:%u", port);
  couch->session = soup_session_new ();
  spawn (couch, program, port);
  /* Node takes a few seconds to load PouchDB on a busy machine. */
  if (co_test_wait_until (answers_cb, &starting, 120000) && !starting.exited)
    return couch;
  g_file_get_contents (g_build_filename (couch->dir, "server.log", NULL), &log, NULL, NULL);
  g_error ("pouchdb-server at %s %s; its log:\n%s", couch->url,
           starting.exited ? "exited" : "did not answer within 120 s", log ? log : "");
}

/**
 * co_test_couch_get:
 *
 * Returns: (transfer none) (nullable): the test binary's server, started on
 *   first use; %NULL when pouchdb-server is not installed (the test is then
 *   marked failed under tools/test, skipped elsewhere, with the reason)
 */
CoTestCouch *
co_test_couch_get (void)
{
  g_autofree char *program = NULL;
  int status;

  /* A server that stopped on an earlier test says why, here. */
  if (server != NULL && waitpid (server->pid, &status, WNOHANG) == server->pid)
    {
      g_autofree char *log_path = g_build_filename (server->dir, "server.log", NULL);
      g_autofree char *log = NULL;

      g_file_get_contents (log_path, &log, NULL, NULL);
      g_error ("pouchdb-server at %s stopped during an earlier test; its log:\n%s", server->url,
               log ? log : "");
    }
  if (server != NULL)
    return server;
  program = co_test_peer_find ("pouchdb-server");
  if (program == NULL)
    return NULL;
  server = start (program);
  return server;
}

static void
stop_one (CoTestCouch *couch)
{
  int status;

  if (g_getenv ("CO_TEST_COUCH_LOG") != NULL)
    {
      g_autofree char *log_path = g_build_filename (couch->dir, "server.log", NULL);
      g_autofree char *log = NULL;

      g_file_get_contents (log_path, &log, NULL, NULL);
      g_printerr ("%s", log ? log : "");
    }
  kill (-couch->pid, SIGKILL);
  while (waitpid (couch->pid, &status, 0) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (couch->pid);
  co_test_peer_remove_dir (couch->dir);
  g_clear_object (&couch->session);
  g_free (couch->dir);
  g_free (couch->url);
  g_free (couch->admin);
  g_free (couch);
}

/**
 * co_test_couch_stop:
 *
 * Stops the binary's server and its process group, and waits for it.
 */
void
co_test_couch_stop (void)
{
  if (server != NULL)
    stop_one (g_steal_pointer (&server));
}

/**
 * co_test_couch_new_private:
 *
 * A server of the test's own, for a test that changes the server itself (its
 * admins: PouchDB Server 4.2 then stops on a request that makes a database
 * without signing in, which the shared server must not see).
 *
 * Returns: (transfer full) (nullable): the server, to give to
 *   co_test_couch_free(); %NULL as co_test_couch_get() returns it
 */
CoTestCouch *
co_test_couch_new_private (void)
{
  g_autofree char *program = co_test_peer_find ("pouchdb-server");

  return program != NULL ? start (program) : NULL;
}

void
co_test_couch_free (CoTestCouch *couch)
{
  if (couch != NULL)
    stop_one (couch);
}

const char *
co_test_couch_get_url (CoTestCouch *couch)
{
  return couch->url;
}

/**
 * co_test_couch_new_db:
 * @couch: the server
 * @prefix: a name for it
 *
 * Returns: (transfer full): the address of a database name no other test
 *   uses (not made yet)
 */
char *
co_test_couch_new_db (CoTestCouch *couch,
                      const char  *prefix)
{
  return g_strdup_printf ("%s/%s-%u", couch->url, prefix, ++couch->n_dbs);
}

/**
 * co_test_couch_count_log:
 * @couch: the server
 * @needle: text to look for, such as a database's name
 *
 * Returns: how many requests the server logged (it logs each after its
 *   answer) whose line has @needle
 */
guint
co_test_couch_count_log (CoTestCouch *couch,
                         const char  *needle)
{
  g_autofree char *path = g_build_filename (couch->dir, "server.log", NULL);
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &log, NULL, NULL))
    return 0;
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n += strstr (lines[i], needle) != NULL;
  return n;
}

/* Ends the server's "admin party": from now on the admin may do everything. */
void
co_test_couch_add_admin (CoTestCouch *couch,
                         const char  *user,
                         const char  *password)
{
  g_autofree char *path = g_strdup_printf ("/_config/admins/%s", user);
  g_autofree char *body = g_strdup_printf ("\"%s\"", password);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = co_test_couch_request (couch, "PUT", path, body, couch->admin, &status);
  g_assert_cmpuint (status, ==, 200);
  if (couch->admin == NULL)
    couch->admin = g_strdup_printf ("%s:%s", user, password);
}

/* Makes @db (as the admin) and lets only @user, with @password, use it. */
void
co_test_couch_restrict (CoTestCouch *couch,
                        const char  *db,
                        const char  *user,
                        const char  *password)
{
  g_autofree char *db_path = g_strdup_printf ("/%s", db);
  g_autofree char *security = g_strdup_printf ("/%s/_security", db);
  g_autofree char *body = g_strdup_printf ("{\"admins\": {\"names\": [\"%s\"]},"
                                           " \"members\": {\"names\": [\"%s\"]}}", user, user);
  g_autoptr(JsonNode) made = NULL;
  g_autoptr(JsonNode) set = NULL;
  guint status = 0;

  co_test_couch_add_admin (couch, user, password);
  made = co_test_couch_request (couch, "PUT", db_path, NULL, couch->admin, &status);
  g_assert_cmpuint (status, ==, 201);
  set = co_test_couch_request (couch, "PUT", security, body, couch->admin, &status);
  g_assert_cmpuint (status, ==, 200);
}
