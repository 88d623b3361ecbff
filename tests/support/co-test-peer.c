/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "co-test-peer.h"

/*
 * What the real network peers of the tests (co-test-couch.c, co-test-s3.c)
 * share: the installed program, a free loopback port, a process group that
 * dies with the test, and removing the peer's folder.
 */

/* The peer's program, or NULL after marking the test failed (under
 * tools/test, which installs it) or skipped (elsewhere), with the reason. */
char *
co_test_peer_find (const char *name)
{
  const char *dir = g_getenv ("CO_TEST_PEERS_DIR");
  g_autofree char *path = NULL;

  if (dir != NULL)
    path = g_build_filename (dir, "node_modules", ".bin", name, NULL);
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&path);
  if (g_strcmp0 (g_getenv ("CO_TEST_REQUIRE_PEERS"), "1") == 0)
    g_test_fail_printf ("%s is not installed in %s: tools/test installs the "
                        "packages of tools/npm-packages.txt there", name, dir ? dir : "(unset)");
  else
    g_test_skip_printf ("%s is not installed in %s: run tools/test, or install "
                        "tools/npm-packages.txt there", name,
                        dir ? dir : "CO_TEST_PEERS_DIR (unset)");
  return NULL;
}

guint16
co_test_peer_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Its own process group, so that stopping it stops node's children too;
 * and it goes when the test does, even when the test aborts. */
void
co_test_peer_new_group (gpointer data)
{
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

void
co_test_peer_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        co_test_peer_remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
