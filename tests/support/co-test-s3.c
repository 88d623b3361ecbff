/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "co-test-peer.h"
#include "co-test-s3.h"
#include "co-test-util.h"

struct _CoTestS3
{
  GPid         pid;
  char        *dir;       /* the server's folder: its log, and data/ */
  char        *data;      /* one folder per bucket */
  char        *url;
  SoupSession *session;
  guint        n_buckets;
};

static CoTestS3 *server;

typedef struct
{
  CoTestS3 *s3;
  gboolean  exited;
} Starting;

/* Any answer from its root (an error without signature) means it listens. */
static gboolean
answers_cb (gpointer data)
{
  Starting *starting = data;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", starting->s3->url);
  g_autoptr(GBytes) answer = NULL;
  int status;

  if (waitpid (starting->s3->pid, &status, WNOHANG) == starting->s3->pid)
    {
      starting->exited = TRUE;
      return TRUE;
    }
  answer = soup_session_send_and_read (starting->s3->session, message, NULL, NULL);
  return answer != NULL && soup_message_get_status (message) != 0;
}

static CoTestS3 *
start (const char *program)
{
  CoTestS3 *s3 = g_new0 (CoTestS3, 1);
  guint16 port = co_test_peer_free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *log_path = NULL;
  g_autofree char *log = NULL;
  Starting starting = { s3, FALSE };
  g_autoptr(GError) error = NULL;
  int fd;

  s3->dir = g_dir_make_tmp ("creatorops-s3rver-XXXXXX", &error);
  g_assert_no_error (error);
  s3->data = g_build_filename (s3->dir, "data", NULL);
  g_assert_cmpint (g_mkdir (s3->data, 0700), ==, 0);
  s3->url = g_strdup_printf ("http://127.0.0.1:%u", port);
  s3->session = soup_session_new ();
  log_path = g_build_filename (s3->dir, "server.log", NULL);
  fd = open (log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  {
    const char *argv[] = { program, "--directory", s3->data, "--address", "127.0.0.1",
                           "--port", port_text, "--no-vhost-buckets", NULL };

    g_spawn_async_with_fds (s3->dir, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            co_test_peer_new_group, NULL, &s3->pid, -1, fd, fd, &error);
  }
  close (fd);
  g_assert_no_error (error);
  if (co_test_wait_until (answers_cb, &starting, 120000) && !starting.exited)
    return s3;
  g_file_get_contents (log_path, &log, NULL, NULL);
  g_error ("s3rver at %s %s; its log:\n%s", s3->url,
           starting.exited ? "exited" : "did not answer within 120 s", log ? log : "");
}

/**
 * co_test_s3_get:
 *
 * Returns: (transfer none) (nullable): the test binary's server, started on
 *   first use; %NULL when s3rver is not installed (the test is then marked
 *   failed under tools/test, skipped elsewhere, with the reason)
 */
CoTestS3 *
co_test_s3_get (void)
{
  g_autofree char *program = NULL;
  int status;

  if (server != NULL && waitpid (server->pid, &status, WNOHANG) == server->pid)
    g_error ("s3rver at %s exited during the tests", server->url);
  if (server != NULL)
    return server;
  program = co_test_peer_find ("s3rver");
  if (program == NULL)
    return NULL;
  server = start (program);
  return server;
}

/**
 * co_test_s3_stop:
 *
 * Stops the test binary's server, if it runs, and removes its folder.
 */
void
co_test_s3_stop (void)
{
  int status;

  if (server == NULL)
    return;
  kill (-server->pid, SIGKILL);
  while (waitpid (server->pid, &status, 0) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (server->pid);
  co_test_peer_remove_dir (server->dir);
  g_clear_object (&server->session);
  g_free (server->dir);
  g_free (server->data);
  g_free (server->url);
  g_clear_pointer (&server, g_free);
}

const char *
co_test_s3_get_url (CoTestS3 *s3)
{
  return s3->url;
}

/**
 * co_test_s3_new_bucket:
 * @s3: the server
 * @prefix: the start of the bucket's name
 *
 * Makes an empty bucket (s3rver keeps one as a folder).
 *
 * Returns: (transfer full): its name
 */
char *
co_test_s3_new_bucket (CoTestS3   *s3,
                       const char *prefix)
{
  char *name = g_strdup_printf ("%s-%u", prefix, ++s3->n_buckets);
  g_autofree char *path = g_build_filename (s3->data, name, NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  return name;
}

/**
 * co_test_s3_object_path:
 * @s3: the server
 * @bucket: a bucket
 * @key: an object's key
 *
 * Returns: (transfer full): the file in which s3rver keeps the object's bytes
 *   (to damage it)
 */
char *
co_test_s3_object_path (CoTestS3   *s3,
                        const char *bucket,
                        const char *key)
{
  g_autofree char *base = g_build_filename (s3->data, bucket, key, NULL);

  return g_strconcat (base, "._S3rver_object", NULL);
}
