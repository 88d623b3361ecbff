/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-importer.h"
#include "co-preferences-window.h"
#include "co-test-desk.h"
#include "co-test-jobs.h"
#include "co-test-media.h"
#include "co-test-util.h"
#include "co-verify-job.h"

/* Verification from the Preferences: a job of the app's queue that the
 * window follows and shows the outcome of, even one started before the
 * window opened. */

#define WAIT_MS 30000

typedef CoTestDesk Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* An earlier test released the holds. */
  co_test_jobs_keep_holds ();
  if (co_test_desk_set_up (fixture))
    co_test_desk_open_window (fixture, WAIT_MS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_desk_tear_down (fixture, WAIT_MS);
}

/* Imports a picture and removes its stored file. */
static char *
import_then_lose (Fixture *fixture)
{
  g_autofree char *png = co_test_media_write_png (fixture->media_dir, "lost.png", 40, 40,
                                                  CO_TEST_PATTERN_CHECKER);
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = co_importer_import_file (fixture->vault, png, NULL, NULL, NULL, &error);
  char *blob;

  g_assert_no_error (error);
  item = co_vault_get (fixture->vault, id, &error);
  g_assert_no_error (error);
  blob = co_store_dup_blob_path (fixture->store, co_vault_item_get_sha256 (item));
  g_assert_no_errno (g_unlink (blob));
  return blob;
}

static gboolean
shows_outcome (gpointer data)
{
  return co_preferences_window_get_verify_text (data) != NULL;
}

static GtkWidget *
open_preferences (Fixture *fixture)
{
  GtkWidget *preferences = co_preferences_window_new (fixture->store,
                                                      co_window_get_job_queue (fixture->window),
                                                      NULL);

  gtk_window_present (GTK_WINDOW (preferences));
  return preferences;
}

static void
close_preferences (GtkWidget *preferences)
{
  g_object_ref (preferences);
  gtk_window_destroy (GTK_WINDOW (preferences));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (preferences);
}

static void
test_verify (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *blob = NULL;
  CoPreferencesWindow *preferences;
  CoJobQueue *queue;
  const char *text;
  CoJob *job;

  if (co_test_desk_skip_without_display ())
    return;
  blob = import_then_lose (fixture);
  queue = co_window_get_job_queue (fixture->window);
  preferences = CO_PREFERENCES_WINDOW (open_preferences (fixture));
  g_assert_null (co_preferences_window_get_verify_text (preferences));

  co_preferences_window_verify (preferences);
  job = co_preferences_window_get_job (preferences);
  g_assert_nonnull (job);
  g_assert_cmpstr (co_job_get_kind (job), ==, CO_VERIFY_JOB_KIND);
  /* The check is a job of the app's queue, listed with the others. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 1);
  g_assert_true (co_test_wait_until (shows_outcome, preferences, WAIT_MS));
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  text = co_preferences_window_get_verify_text (preferences);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "1 stored file is damaged or missing"));
  g_assert_nonnull (strstr (text, blob));
  g_assert_null (co_preferences_window_get_job (preferences));
  close_preferences (GTK_WIDGET (preferences));
}

/* A check waiting in the queue when the window opens is the one it shows;
 * closing the window leaves it running. */
static void
test_follows_queued (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *blob = NULL;
  g_autofree char *params = co_verify_job_params ();
  g_autoptr(GError) error = NULL;
  GtkWidget *preferences;
  CoJobQueue *queue;
  CoJob *job;

  if (co_test_desk_skip_without_display ())
    return;
  blob = import_then_lose (fixture);
  queue = co_window_get_job_queue (fixture->window);
  co_job_queue_set_max_running (queue, 1);
  co_job_queue_register (queue, "test-hold", co_test_jobs_hold_run, NULL, NULL);
  co_job_queue_submit (queue, "test-hold", "Hold the slot", "{}", &error);
  job = co_job_queue_submit (queue, CO_VERIFY_JOB_KIND, "Verifying", params, &error);
  g_assert_no_error (error);

  preferences = open_preferences (fixture);
  g_assert_true (co_preferences_window_get_job (CO_PREFERENCES_WINDOW (preferences)) == job);
  close_preferences (preferences);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_QUEUED);

  preferences = open_preferences (fixture);
  co_test_jobs_release_holds ();
  g_assert_true (co_test_wait_until (shows_outcome, preferences, WAIT_MS));
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  g_assert_nonnull (strstr (co_preferences_window_get_verify_text (
                              CO_PREFERENCES_WINDOW (preferences)), blob));
  close_preferences (preferences);
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);
  co_test_media_init ();

  g_test_add ("/app/preferences/verify", Fixture, NULL, fixture_set_up, test_verify,
              fixture_tear_down);
  g_test_add ("/app/preferences/follows-queued", Fixture, NULL, fixture_set_up,
              test_follows_queued, fixture_tear_down);

  return g_test_run ();
}
