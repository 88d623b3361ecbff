/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-analysis-cache.h"
#include "co-analysis-controller.h"
#include "co-app-jobs.h"
#include "co-importer.h"
#include "co-media-error.h"
#include "co-test-jobs.h"
#include "co-test-speech.h"
#include "co-test-util.h"

/* Where the Media page's analysis stands, without the page: a kept result
 * at once, else the job that makes it (one already queued is followed),
 * failures with their error, cancellation, and a state that changes only
 * when it changes.  No display is needed. */

#define WAIT_MS 60000

/* Planted silences of the generated speech, in seconds. */
static const double gaps[][2] = { { 1.0, 1.8 }, { 3.0, 4.2 } };

typedef struct
{
  CoStore              *store;
  CoVault              *vault;
  CoJobQueue           *queue;
  CoAnalysisController *controller;
  GArray               *states;    /* CoAnalysisState, as notified */
  char                 *dir;
} Fixture;

static void
state_cb (CoAnalysisController *controller,
          GParamSpec           *pspec,
          Fixture              *fixture)
{
  CoAnalysisState state = co_analysis_controller_get_state (controller);

  g_array_append_val (fixture->states, state);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* An earlier test released the holds. */
  co_test_jobs_keep_holds ();
  fixture->store = co_test_store_new ();
  fixture->vault = co_vault_new (fixture->store);
  fixture->queue = co_app_jobs_new_queue (fixture->vault, NULL);
  fixture->controller = co_analysis_controller_new (fixture->store, fixture->queue);
  fixture->states = g_array_new (FALSE, FALSE, sizeof (CoAnalysisState));
  fixture->dir = co_test_make_temp_dir ("analysis-controller");
  g_signal_connect (fixture->controller, "notify::state", G_CALLBACK (state_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_jobs_release_holds ();
  g_assert_finalize_object (fixture->controller);
  co_app_jobs_shutdown (fixture->queue, WAIT_MS);
  co_test_jobs_free_queue (fixture->queue);
  /* A lookup's worker drops its task, which holds the store, just after
   * the callback ran. */
  co_test_assert_finalized (fixture->vault, WAIT_MS);
  co_test_assert_finalized (fixture->store, WAIT_MS);
  g_array_unref (fixture->states);
  g_free (fixture->dir);
}

static CoVaultItem *
import_speech (Fixture *fixture)
{
  CoTestSpeechSpec spec = { .container = "wav", .duration = 5.0, .rate = 16000, .channels = 1,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .seed = 3 };
  g_autoptr(GError) error = NULL;
  g_autofree char *wav = co_test_speech_write (fixture->dir, "talk.wav", &spec, &error);
  gint64 id;

  g_assert_no_error (error);
  id = co_importer_import_file (fixture->vault, wav, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return co_vault_get (fixture->vault, id, &error);
}

static gboolean
state_is (gpointer data)
{
  Fixture *fixture = data;
  CoAnalysisState wanted = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (fixture->controller),
                                                               "wanted"));

  return co_analysis_controller_get_state (fixture->controller) == wanted;
}

static void
wait_for_state (Fixture         *fixture,
                CoAnalysisState  state)
{
  g_object_set_data (G_OBJECT (fixture->controller), "wanted", GINT_TO_POINTER (state));
  if (!co_test_wait_until (state_is, fixture, WAIT_MS))
    g_error ("The analysis is %d, expected %d",
             co_analysis_controller_get_state (fixture->controller), state);
}

/* The states notified, as "loading analysing ready". */
static char *
notified (Fixture *fixture)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CO_TYPE_ANALYSIS_STATE);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < fixture->states->len; i++)
    {
      GEnumValue *value = g_enum_get_value (klass, g_array_index (fixture->states,
                                                                  CoAnalysisState, i));

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", value->value_nick);
    }
  return g_string_free (text, FALSE);
}

static void
assert_planted (CoAnalysis *analysis)
{
  gsize n = 0;

  g_assert_nonnull (analysis);
  co_analysis_get_silences (analysis, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (gaps));
}

/* Nothing kept: a job makes the analysis; the second time it comes from
 * the library at once, without a job. */
static void
test_made_then_kept (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CoVaultItem) item = import_speech (fixture);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  CoAnalysisParams params;

  co_app_jobs_default_params (NULL, CO_VAULT_TYPE_AUDIO, &params);
  co_analysis_controller_set_item (fixture->controller, item, &params);
  wait_for_state (fixture, CO_ANALYSIS_STATE_READY);
  assert_planted (co_analysis_controller_get_analysis (fixture->controller));
  g_assert_null (co_analysis_controller_get_job (fixture->controller));
  first = notified (fixture);
  g_test_message ("%s", first);
  g_assert_true (g_str_has_prefix (first, "loading analysing"));
  g_assert_true (g_str_has_suffix (first, "loading ready"));

  g_array_set_size (fixture->states, 0);
  co_analysis_controller_set_item (fixture->controller, NULL, &params);
  co_analysis_controller_set_item (fixture->controller, item, &params);
  wait_for_state (fixture, CO_ANALYSIS_STATE_READY);
  second = notified (fixture);
  g_assert_cmpstr (second, ==, "empty loading ready");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->queue)), ==, 1);
}

/* An analysis already queued for the same file and parameters is followed,
 * not submitted again. */
static void
test_follows_queued (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CoVaultItem) item = import_speech (fixture);
  g_autoptr(GError) error = NULL;
  CoAnalysisParams params;
  CoJob *queued;

  co_job_queue_set_max_running (fixture->queue, 1);
  co_job_queue_register (fixture->queue, "test-hold", co_test_jobs_hold_run, NULL, NULL);
  co_job_queue_submit (fixture->queue, "test-hold", "Hold the slot", "{}", &error);
  g_assert_no_error (error);
  co_app_jobs_default_params (NULL, CO_VAULT_TYPE_AUDIO, &params);
  queued = co_app_jobs_submit_analysis (fixture->queue, fixture->store, item, &params, &error);
  g_assert_no_error (error);

  co_analysis_controller_set_item (fixture->controller, item, &params);
  wait_for_state (fixture, CO_ANALYSIS_STATE_ANALYSING);
  g_assert_true (co_analysis_controller_get_job (fixture->controller) == queued);
  co_test_jobs_release_holds ();
  wait_for_state (fixture, CO_ANALYSIS_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->queue)), ==, 2);
}

/* Cancelled while it waits for a slot: cancelled, calmly, and nothing kept. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CoVaultItem) item = import_speech (fixture);
  g_autoptr(GError) error = NULL;
  CoAnalysisParams params;

  co_job_queue_set_max_running (fixture->queue, 1);
  co_job_queue_register (fixture->queue, "test-hold", co_test_jobs_hold_run, NULL, NULL);
  co_job_queue_submit (fixture->queue, "test-hold", "Hold the slot", "{}", &error);
  co_app_jobs_default_params (NULL, CO_VAULT_TYPE_AUDIO, &params);
  co_analysis_controller_set_item (fixture->controller, item, &params);
  wait_for_state (fixture, CO_ANALYSIS_STATE_ANALYSING);
  co_analysis_controller_cancel (fixture->controller);
  wait_for_state (fixture, CO_ANALYSIS_STATE_CANCELLED);
  g_assert_null (co_analysis_controller_get_error (fixture->controller));
  g_assert_null (co_analysis_controller_get_analysis (fixture->controller));
  g_assert_null (co_analysis_controller_get_job (fixture->controller));

  /* Analysing again from there works. */
  co_test_jobs_release_holds ();
  co_analysis_controller_analyse (fixture->controller, NULL);
  wait_for_state (fixture, CO_ANALYSIS_STATE_READY);
  assert_planted (co_analysis_controller_get_analysis (fixture->controller));
}

/* A stored file that is no sound fails, with an error naming it. */
static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *text = co_test_write_file (fixture->dir, "words.wav", "only words here", -1);
  CoVaultNewItem meta = { .type = CO_VAULT_TYPE_AUDIO, .mime = "audio/x-wav", .duration = 4,
                          .original_name = "words.wav" };
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;
  CoAnalysisParams params;
  const GError *failure;
  gint64 id;

  id = co_vault_import_file (fixture->vault, text, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  item = co_vault_get (fixture->vault, id, &error);
  co_analysis_params_init (&params);
  co_analysis_controller_set_item (fixture->controller, item, &params);
  wait_for_state (fixture, CO_ANALYSIS_STATE_FAILED);
  failure = co_analysis_controller_get_error (fixture->controller);
  g_assert_nonnull (failure);
  g_test_message ("%s", failure->message);
  g_assert_true (failure->domain == CO_MEDIA_ERROR);
}

/* No item, or one without sound or pictures to analyse, is empty. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CoVaultItem) note = NULL;
  g_autoptr(GError) error = NULL;
  CoAnalysisParams params;
  gint64 id;

  co_analysis_params_init (&params);
  g_assert_cmpint (co_analysis_controller_get_state (fixture->controller), ==,
                   CO_ANALYSIS_STATE_EMPTY);
  id = co_vault_add_note (fixture->vault, "Shot list", "Kitchen first", NULL, &error);
  note = co_vault_get (fixture->vault, id, &error);
  g_assert_no_error (error);
  co_analysis_controller_set_item (fixture->controller, note, &params);
  co_analysis_controller_set_item (fixture->controller, NULL, &params);
  co_analysis_controller_analyse (fixture->controller, NULL);
  g_assert_cmpint (co_analysis_controller_get_state (fixture->controller), ==,
                   CO_ANALYSIS_STATE_EMPTY);
  g_assert_null (co_analysis_controller_get_item (fixture->controller));
  /* Nothing changed, so nothing was notified. */
  g_assert_cmpuint (fixture->states->len, ==, 0);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  ADD ("/app/analysis-controller/made-then-kept", test_made_then_kept);
  ADD ("/app/analysis-controller/follows-queued", test_follows_queued);
  ADD ("/app/analysis-controller/cancel", test_cancel);
  ADD ("/app/analysis-controller/failure", test_failure);
  ADD ("/app/analysis-controller/empty", test_empty);

  return g_test_run ();
}
