/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-error.h"
#include "co-secrets.h"
#include "co-sync-error.h"
#include "co-test-util.h"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  char     *secret;
  GError   *error;
  gpointer  source_tag;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->secret, g_free);
  g_clear_error (&r->error);
  r->done = FALSE;
  r->ok = FALSE;
  r->source_tag = NULL;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->ok = co_secrets_store_finish (result, &r->error);
  r->source_tag = g_task_get_source_tag (G_TASK (result));
  r->done = TRUE;
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Result *r = user_data;

  r->secret = co_secrets_lookup_finish (result, &r->error);
  r->source_tag = g_task_get_source_tag (G_TASK (result));
  r->done = TRUE;
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *r = user_data;

  r->ok = co_secrets_clear_finish (result, &r->error);
  r->source_tag = g_task_get_source_tag (G_TASK (result));
  r->done = TRUE;
}

/* The keyring needs a session bus with a Secret Service, or libsecret's file
 * backend that tests may select; CI provides the bus with gnome-keyring. */
static gboolean
keyring_available (void)
{
  if (g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0)
    return TRUE;
  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

static void
lookup (const char *platform,
        const char *account,
        Result     *r)
{
  result_clear (r);
  co_secrets_lookup_async (platform, account, NULL, looked_up_cb, r);
  co_test_wait_flag (&r->done, 10000);
}

static void
test_round_trip (void)
{
  Result r = { 0 };

  if (!keyring_available ())
    {
      g_test_skip ("No session bus and no SECRET_BACKEND=file: no keyring to test against");
      return;
    }

  co_secrets_store_async ("x", "creator-1", "token-one", NULL, stored_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_true (r.source_tag == co_secrets_store_async);

  /* A second account on the same platform is kept apart. */
  result_clear (&r);
  co_secrets_store_async ("x", "creator-2", "token-two", NULL, stored_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_no_error (r.error);

  lookup ("x", "creator-1", &r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.secret, ==, "token-one");
  g_assert_true (r.source_tag == co_secrets_lookup_async);

  /* Storing again replaces the token. */
  result_clear (&r);
  co_secrets_store_async ("x", "creator-1", "token-renewed", NULL, stored_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_no_error (r.error);
  lookup ("x", "creator-1", &r);
  g_assert_cmpstr (r.secret, ==, "token-renewed");

  result_clear (&r);
  co_secrets_clear_async ("x", "creator-1", NULL, cleared_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_true (r.source_tag == co_secrets_clear_async);

  /* Clearing what is not there is no error. */
  result_clear (&r);
  co_secrets_clear_async ("x", "creator-1", NULL, cleared_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);

  lookup ("x", "creator-1", &r);
  g_assert_error (r.error, CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH);
  g_assert_nonnull (strstr (r.error->message, "creator-1"));
  g_assert_null (strstr (r.error->message, "token-renewed"));

  lookup ("x", "creator-2", &r);
  g_assert_cmpstr (r.secret, ==, "token-two");
  result_clear (&r);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  if (!keyring_available ())
    {
      g_test_skip ("No session bus and no SECRET_BACKEND=file: no keyring to test against");
      return;
    }

  g_cancellable_cancel (cancellable);
  co_secrets_lookup_async ("youtube", "someone", cancellable, looked_up_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (co_error_is_cancelled (r.error));

  /* Storing and clearing let cancellation through the same way. */
  result_clear (&r);
  co_secrets_store_async ("youtube", "someone", "token", cancellable, stored_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (r.ok);
  result_clear (&r);
  co_secrets_clear_async ("youtube", "someone", cancellable, cleared_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  result_clear (&r);
}

/* Without a keyring every operation fails with an error that names the
 * platform and account and never the token.  In a child, so that the bus
 * address it breaks is its own. */
static void
test_no_keyring (void)
{
  Result r = { 0 };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/creatorops-bus", TRUE);
  g_unsetenv ("SECRET_BACKEND");

  co_secrets_store_async ("linkedin", "someone", "secret-token", NULL, stored_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_error (r.error, CO_SYNC_ERROR, CO_SYNC_ERROR_KEYRING);
  g_assert_nonnull (strstr (r.error->message, "linkedin"));
  g_assert_nonnull (strstr (r.error->message, "someone"));
  g_assert_null (strstr (r.error->message, "secret-token"));
  lookup ("linkedin", "someone", &r);
  g_assert_error (r.error, CO_SYNC_ERROR, CO_SYNC_ERROR_KEYRING);
  result_clear (&r);
  co_secrets_clear_async ("linkedin", "someone", NULL, cleared_cb, &r);
  co_test_wait_flag (&r.done, 10000);
  g_assert_error (r.error, CO_SYNC_ERROR, CO_SYNC_ERROR_KEYRING);
  result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/sync/secrets/round-trip", test_round_trip);
  g_test_add_func ("/sync/secrets/cancelled", test_cancelled);
  g_test_add_func ("/sync/secrets/no-keyring", test_no_keyring);

  return g_test_run ();
}
