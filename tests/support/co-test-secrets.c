/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "co-secrets.h"
#include "co-test-secrets.h"
#include "co-test-util.h"

/* The keyring needs a session bus with a Secret Service (tools/test starts
 * gnome-keyring in dbus-run-session), or libsecret's file backend. */
gboolean
co_test_keyring_available (void)
{
  if (g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0)
    return TRUE;
  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

/* Marks the test skipped, with the reason, when there is no keyring. */
gboolean
co_test_skip_without_keyring (void)
{
  if (co_test_keyring_available ())
    return FALSE;
  g_test_skip ("No session bus and no SECRET_BACKEND=file: no keyring to test against");
  return TRUE;
}

static void
forgotten_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* Nothing to forget is fine: the test may have failed before it stored one. */
  co_secrets_clear_finish (result, NULL);
  *(gboolean *)user_data = TRUE;
}

/* Removes a test account's token from the shared keyring, when there is one. */
void
co_test_forget_token (const char *platform,
                      const char *remote_id)
{
  gboolean done = FALSE;

  if (!co_test_keyring_available ())
    return;
  co_secrets_clear_async (platform, remote_id, NULL, forgotten_cb, &done);
  co_test_wait_flag (&done, 10000);
}

/* Fails if any of @secrets occurs in @text (binary data allowed). */
void
co_test_assert_no_secret (const char *where,
                          const char *text,
                          gsize       length,
                          GPtrArray  *secrets)
{
  for (guint i = 0; i < secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (secrets, i);

      if (memmem (text, length, secret, strlen (secret)) != NULL)
        g_error ("The secret “%s” was found in %s", secret, where);
    }
}

/* Looks through every file under @dir (the database, its WAL, logs…). */
void
co_test_assert_no_secret_in_dir (const char *dir,
                                 GPtrArray  *secrets)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        co_test_assert_no_secret_in_dir (path, secrets);
      else if (g_file_get_contents (path, &contents, &length, NULL))
        co_test_assert_no_secret (path, contents, length, secrets);
    }
}
