/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "co-publish-media-host.h"
#include "co-sync-error.h"
#include "co-test-util.h"

/* The check of the media host's folder: absolute, there, a folder, and
 * one in which files can be made; each refusal names the folder and why,
 * and the check leaves nothing behind. */

static void
assert_refused (const char *folder,
                const char *why)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (co_publish_media_host_check_folder (folder, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
  g_test_message ("%s: %s", folder, error->message);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_nonnull (strstr (error->message, why));
}

static void
test_check_folder (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("media-host");
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *file = co_test_write_file (dir, "file.txt", "x", 1);
  g_autoptr(GDir) listing = NULL;
  guint n = 0;

  assert_refused ("relative/media", "not an absolute path");
  assert_refused (missing, "does not exist");
  assert_refused (file, "not a folder");
  /* Nobody may make files in /proc, root included. */
  assert_refused ("/proc", "cannot write in it");
  g_assert_true (co_publish_media_host_check_folder (dir, NULL));
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n++;
  /* file.txt only: the probe is gone. */
  g_assert_cmpuint (n, ==, 1);
}

/* A folder without write permission.  Root may write in any folder, so for root
 * the case is not registered: /proc in check-folder covers the refusal there. */
static void
test_read_only (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("media-host-ro");

  g_assert_no_errno (g_chmod (dir, 0555));
  assert_refused (dir, "cannot write in it");
  g_assert_no_errno (g_chmod (dir, 0755));
}

static void
test_check_folder_async (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("media-host-async");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *refused = NULL;

  co_publish_media_host_check_folder_async (dir, NULL, co_test_async_ready_cb, &result);
  kept = co_publish_media_host_check_folder_finish (co_test_async_wait (&result, 10000), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, dir);
  g_clear_object (&result);
  co_publish_media_host_check_folder_async ("/nonexistent/co-media", NULL,
                                            co_test_async_ready_cb, &result);
  refused = co_publish_media_host_check_folder_finish (co_test_async_wait (&result, 10000),
                                                       &error);
  g_assert_null (refused);
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/sync/publish/media-host/check-folder", test_check_folder);
  if (geteuid () != 0)
    g_test_add_func ("/sync/publish/media-host/read-only", test_read_only);
  g_test_add_func ("/sync/publish/media-host/check-folder-async", test_check_folder_async);

  return g_test_run ();
}
