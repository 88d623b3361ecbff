/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "co-analysis-job.h"
#include "co-app-jobs.h"
#include "co-import-controller.h"
#include "co-import-job.h"
#include "co-test-jobs.h"
#include "co-test-media.h"
#include "co-test-util.h"

/* The window's imports, without a window: each import is a job of the app's
 * queue, what it did comes back as toasts, new sound and video is queued
 * for analysis, and imports resumed after a restart are followed too. */

#define WAIT_MS 60000

typedef struct
{
  CoStore            *store;
  CoVault            *vault;
  CoJobQueue         *queue;
  CoImportController *imports;
  GPtrArray          *toasts;
  char               *dir;
} Fixture;

static void
toast_cb (CoImportController *imports,
          const char         *text,
          guint               timeout,
          Fixture            *fixture)
{
  g_ptr_array_add (fixture->toasts, g_strdup_printf ("%s|%u", text, timeout));
}

static void
open_queue (Fixture *fixture)
{
  fixture->queue = co_app_jobs_new_queue (fixture->vault, NULL);
  fixture->imports = co_import_controller_new (fixture->vault, fixture->queue, NULL);
  g_signal_connect (fixture->imports, "toast", G_CALLBACK (toast_cb), fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* An earlier test released the holds. */
  co_test_jobs_keep_holds ();
  fixture->store = co_test_store_new ();
  fixture->vault = co_vault_new (fixture->store);
  fixture->toasts = g_ptr_array_new_with_free_func (g_free);
  fixture->dir = co_test_make_temp_dir ("import-controller");
  /* The resume test puts its unfinished import in first. */
  if (data == NULL)
    open_queue (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->imports);
  co_app_jobs_shutdown (fixture->queue, WAIT_MS);
  co_test_jobs_free_queue (fixture->queue);
  g_assert_finalize_object (fixture->vault);
  g_assert_finalize_object (fixture->store);
  g_ptr_array_unref (fixture->toasts);
  g_free (fixture->dir);
}

static gboolean
imports_done (gpointer data)
{
  return co_import_controller_get_job (data) == NULL;
}

static gboolean
has_toast (Fixture    *fixture,
           const char *text)
{
  return g_ptr_array_find_with_equal_func (fixture->toasts, text, g_str_equal, NULL);
}

/* A toast that begins with @start and says how long it stays. */
static gboolean
has_toast_starting (Fixture    *fixture,
                    const char *start,
                    const char *timeout)
{
  for (guint i = 0; i < fixture->toasts->len; i++)
    {
      const char *text = g_ptr_array_index (fixture->toasts, i);

      if (g_str_has_prefix (text, start) && g_str_has_suffix (text, timeout))
        return TRUE;
    }
  return FALSE;
}

static guint
count_kind (CoJobQueue *queue,
            const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      g_autoptr(CoJob) job = g_list_model_get_item (G_LIST_MODEL (queue), i);

      n += g_strcmp0 (co_job_get_kind (job), kind) == 0;
    }
  return n;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *png = co_test_media_write_png (fixture->dir, "still.png", 40, 40,
                                                  CO_TEST_PATTERN_CHECKER);
  g_autofree char *wav = co_test_media_write_audio (fixture->dir, "voice.wav",
                                                    CO_TEST_AUDIO_WAV, 0.5);
  g_autofree char *bad = co_test_media_write_random (fixture->dir, "broken.bin", 300, 4);
  const char *paths[] = { png, wav, bad, NULL };
  g_autoptr(GError) error = NULL;
  CoJob *job;

  job = co_import_controller_import (fixture->imports, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_job_get_kind (job), ==, CO_IMPORT_JOB_KIND);
  g_assert_true (co_import_controller_get_job (fixture->imports) == job);
  g_assert_true (co_test_wait_until (imports_done, fixture->imports, WAIT_MS));

  /* The toasts came before the job left the controller. */
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  g_assert_true (has_toast (fixture, "Imported 2 files|0"));
  g_assert_true (has_toast_starting (fixture, "“broken.bin” is not a supported", "|8"));
  g_assert_cmpuint (fixture->toasts->len, ==, 2);
  /* Only the sound is analysed; the picture has nothing to analyse. */
  g_assert_cmpuint (count_kind (fixture->queue, CO_ANALYSIS_JOB_KIND), ==, 1);

  /* The same files again: nothing new, nothing analysed again. */
  g_ptr_array_set_size (fixture->toasts, 0);
  job = co_import_controller_import (fixture->imports, (const char *[]) { png, wav, NULL },
                                     &error);
  g_assert_true (co_test_wait_until (imports_done, fixture->imports, WAIT_MS));
  g_assert_true (has_toast (fixture, "2 files were already in the vault|0"));
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  g_assert_cmpuint (count_kind (fixture->queue, CO_ANALYSIS_JOB_KIND), ==, 1);
}

static void
insert_running_import (Fixture    *fixture,
                       const char *params)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (co_store_get_database_path (fixture->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO jobs (kind, title, params, state, created_at)"
                                           " VALUES ('import', 'Cut short', ?, 'running', 1)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, params, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* An import a crash cut short runs again on start; the controller follows
 * it as its own: toasts, and analysis of what it brought in. */
static void
test_resumed (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *wav = co_test_media_write_audio (fixture->dir, "memo.wav",
                                                    CO_TEST_AUDIO_WAV, 0.5);
  const char *paths[] = { wav, NULL };
  g_autofree char *params = co_import_job_params (paths, NULL);

  insert_running_import (fixture, params);
  open_queue (fixture);
  g_assert_nonnull (co_import_controller_get_job (fixture->imports));
  g_assert_true (co_test_wait_until (imports_done, fixture->imports, WAIT_MS));
  g_assert_true (has_toast (fixture, "Imported 1 file|0"));
  g_assert_cmpuint (count_kind (fixture->queue, CO_ANALYSIS_JOB_KIND), ==, 1);
}

/* An import cancelled before it ran says nothing and imports nothing; one
 * that outlives its controller goes on in the queue. */
static void
test_cancel_and_leave (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *png = co_test_media_write_png (fixture->dir, "late.png", 40, 40,
                                                  CO_TEST_PATTERN_STRIPES);
  const char *paths[] = { png, NULL };
  g_autoptr(CoJob) job = NULL;
  g_autoptr(GError) error = NULL;
  CoVaultQuery all = { 0 };

  co_job_queue_set_max_running (fixture->queue, 1);
  co_job_queue_register (fixture->queue, "test-hold", co_test_jobs_hold_run, NULL, NULL);
  co_job_queue_submit (fixture->queue, "test-hold", "Hold the slot", "{}", &error);
  g_assert_no_error (error);
  job = g_object_ref (co_import_controller_import (fixture->imports, paths, &error));
  co_job_cancel (job);
  g_assert_true (co_test_wait_until (imports_done, fixture->imports, WAIT_MS));
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_CANCELLED);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
  g_clear_object (&job);

  job = g_object_ref (co_import_controller_import (fixture->imports, paths, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->imports);
  fixture->imports = co_import_controller_new (fixture->vault, fixture->queue, NULL);
  co_test_jobs_release_holds ();
  g_assert_true (co_test_wait_until ((gboolean (*) (gpointer)) co_job_is_finished, job, WAIT_MS));
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  g_assert_cmpint (co_vault_count (fixture->vault, &all, &error), ==, 1);
  g_assert_no_error (error);
}

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  co_test_media_init ();

  ADD ("/app/import-controller/import", NULL, test_import);
  ADD ("/app/import-controller/resumed", "later", test_resumed);
  ADD ("/app/import-controller/cancel-and-leave", NULL, test_cancel_and_leave);

  return g_test_run ();
}
