/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "co-analysis-cache.h"
#include "co-analysis-job.h"
#include "co-import-job.h"
#include "co-app-jobs.h"
#include "co-importer.h"
#include "co-job-row.h"
#include "co-store-private.h"
#include "co-test-desk.h"
#include "co-test-media.h"
#include "co-test-speech.h"
#include "co-test-util.h"
#include "co-waveform-private.h"
#include "co-window.h"

/* The Media view: the waveform's geometry as plain functions (no display
 * needed), then the real window under Xvfb: analysis on import, the page
 * showing and seeking suggestions, cancel, failure and resume.  Waits are
 * bounded; nothing is timed. */

#define WAIT_MS 30000

/* Planted silences of the generated speech, in seconds. */
static const double gaps[][2] = { { 1.0, 1.8 }, { 3.0, 4.2 } };

/* Geometry. */

static void
test_time_mapping (void)
{
  g_assert_cmpfloat_with_epsilon (_co_waveform_time_to_x (12.5, 10, 100), 250, 1e-9);
  g_assert_cmpfloat_with_epsilon (_co_waveform_time_to_x (9, 10, 100), -100, 1e-9);
  g_assert_cmpfloat_with_epsilon (_co_waveform_x_to_time (250, 10, 100, 60), 12.5, 1e-9);
  for (double t = 0; t < 30; t += 0.37)
    g_assert_cmpfloat_with_epsilon (_co_waveform_x_to_time (_co_waveform_time_to_x (t, 3, 47),
                                                            3, 47, 30), t, 1e-9);
  /* Clicks left of the start or right of the end clamp to the clip. */
  g_assert_cmpfloat (_co_waveform_x_to_time (-50, 0, 10, 60), ==, 0);
  g_assert_cmpfloat (_co_waveform_x_to_time (5000, 0, 10, 60), ==, 60);
  g_assert_cmpfloat (_co_waveform_x_to_time (10, 0, 0, 60), ==, 0);
}

static void
test_view_limits (void)
{
  /* 1000 px for 100 s: fitting is 10 px/s, the least zoom allowed. */
  g_assert_cmpfloat_with_epsilon (_co_waveform_clamp_pps (1, 1000, 100), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (_co_waveform_clamp_pps (50, 1000, 100), 50, 1e-9);
  g_assert_cmpfloat (_co_waveform_clamp_pps (1e6, 1000, 100), ==, CO_WAVEFORM_MAX_PPS);
  /* The view never scrolls past either end. */
  g_assert_cmpfloat (_co_waveform_clamp_start (-5, 50, 1000, 100), ==, 0);
  g_assert_cmpfloat_with_epsilon (_co_waveform_clamp_start (95, 50, 1000, 100), 80, 1e-9);
  g_assert_cmpfloat_with_epsilon (_co_waveform_clamp_start (30, 50, 1000, 100), 30, 1e-9);
  /* Ticks are at least 90 px apart and from the round steps. */
  g_assert_cmpfloat (_co_waveform_tick_interval (10, 90), ==, 10);
  g_assert_cmpfloat (_co_waveform_tick_interval (100, 90), ==, 1);
  g_assert_cmpfloat (_co_waveform_tick_interval (2000, 90), ==, 0.05);
  g_assert_cmpfloat (_co_waveform_tick_interval (0.001, 90), ==, 3600);
}

static void
test_pick_level (void)
{
  /* The levels of an analysis: 10, 40, 160, 640 and 2560 ms per bucket. */
  const guint levels[] = { 10, 40, 160, 640, 2560 };
  const struct { double pps; guint level; } cases[] = {
    { 2000, 0 },   /* 0.5 ms per pixel: finer than any level */
    { 100, 0 },    /* 10 ms per pixel */
    { 99, 0 },     /* 10.1 ms per pixel: 40 ms buckets would be wider */
    { 25, 1 },     /* 40 ms per pixel */
    { 6.25, 2 },   /* 160 ms per pixel */
    { 1, 3 },      /* 1 s per pixel */
    { 0.39, 4 },   /* 2.56 s per pixel */
    { 0.01, 4 },   /* beyond the coarsest */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint level = _co_waveform_pick_level (levels, G_N_ELEMENTS (levels), cases[i].pps);

      g_test_message ("%.2f px/s -> level %u", cases[i].pps, level);
      g_assert_cmpuint (level, ==, cases[i].level);
    }
  g_assert_cmpuint (_co_waveform_pick_level (levels, 1, 0.01), ==, 0);
}

static void
test_find_marker (void)
{
  const double times[] = { 1.0, 2.5, 2.5004, 7.25 };
  double t = -1;

  g_assert_true (_co_waveform_find_marker (times, 4, 0, 1, &t));
  g_assert_cmpfloat (t, ==, 1.0);
  g_assert_true (_co_waveform_find_marker (times, 4, 1.0, 1, &t));
  g_assert_cmpfloat (t, ==, 2.5);
  /* A marker within half a millisecond counts as "here". */
  g_assert_true (_co_waveform_find_marker (times, 4, 2.5, 1, &t));
  g_assert_cmpfloat (t, ==, 7.25);
  g_assert_true (_co_waveform_find_marker (times, 4, 7.25, -1, &t));
  g_assert_cmpfloat (t, ==, 2.5004);
  g_assert_false (_co_waveform_find_marker (times, 4, 7.25, 1, &t));
  g_assert_false (_co_waveform_find_marker (times, 4, 1.0, -1, &t));
  g_assert_false (_co_waveform_find_marker (times, 0, 3, 1, &t));
}

/* The window. */

typedef CoTestDesk Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* The resume test puts its unfinished job in before the window opens. */
  if (co_test_desk_set_up (fixture) && data == NULL)
    co_test_desk_open_window (fixture, WAIT_MS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The grid's thumbnail of a new video may still hold the vault a moment. */
  co_test_desk_tear_down (fixture, WAIT_MS);
}

static char *
write_speech (Fixture    *fixture,
              const char *name,
              double      duration)
{
  CoTestSpeechSpec spec = { .container = "wav", .duration = duration, .rate = 16000,
                            .channels = 1, .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps),
                            .seed = 11 };
  g_autoptr(GError) error = NULL;
  char *path = co_test_speech_write (fixture->media_dir, name, &spec, &error);

  g_assert_no_error (error);
  return path;
}

static CoVaultItem *
import_speech (Fixture *fixture)
{
  g_autofree char *wav = write_speech (fixture, "talk.wav", 6.0);
  g_autoptr(GError) error = NULL;
  gint64 id = co_importer_import_file (fixture->vault, wav, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return co_vault_get (fixture->vault, id, &error);
}

typedef struct
{
  CoMediaPage     *page;
  CoAnalysisState  state;
} StateWait;

static gboolean
state_is (gpointer data)
{
  StateWait *wait = data;

  return co_media_page_get_state (wait->page) == wait->state;
}

static void
wait_for_state (CoMediaPage     *page,
                CoAnalysisState  state)
{
  StateWait wait = { page, state };
  g_autofree char *now = NULL;
  g_autofree char *expected = NULL;

  if (co_test_wait_until (state_is, &wait, WAIT_MS))
    return;
  now = g_enum_to_string (CO_TYPE_ANALYSIS_STATE, co_media_page_get_state (page));
  expected = g_enum_to_string (CO_TYPE_ANALYSIS_STATE, state);
  g_error ("The media page is “%s”, expected “%s”", now, expected);
}

static gboolean
job_finished (gpointer data)
{
  return co_job_is_finished (data);
}

static void
wait_for_job (CoJob *job)
{
  if (!co_test_wait_until (job_finished, job, WAIT_MS))
    g_error ("The job “%s” is still %s", co_job_get_title (job),
             co_job_state_to_string (co_job_get_state (job)));
  /* Let the notifications the job queued reach the page and the rows. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static CoJobRow *
find_job_row (CoWindow *window,
              CoJob    *job)
{
  GtkListBox *list = co_jobs_button_get_list_box (co_window_get_jobs_button (window));

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *child = gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (list, i));

      if (CO_IS_JOB_ROW (child) && co_job_row_get_job (CO_JOB_ROW (child)) == job)
        return CO_JOB_ROW (child);
    }
  return NULL;
}

static void
test_suggestions_seek (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CoMediaPage *page;
  CoAnalysisParams params;
  const CoEditPoint *points;
  GtkListBox *list;
  GtkListBoxRow *row;
  gsize n = 0;
  gint64 note_id;
  double before;

  if (co_test_desk_skip_without_display ())
    return;
  item = import_speech (fixture);
  page = co_window_get_media_page (fixture->window);

  /* An item analysed earlier, with the parameters the page will use. */
  co_app_jobs_default_params (NULL, co_vault_item_get_item_type (item), &params);
  path = co_app_jobs_dup_media_path (fixture->store, item);
  analysis = co_analysis_cache_run (fixture->store, path, &params, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  points = co_analysis_get_edit_points (analysis, &n);
  g_assert_cmpuint (n, >=, 2);

  /* The details pane's "Open in Media View" button runs win.open-media. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-media", "x",
                                             co_vault_item_get_id (item)));
  g_assert_true (co_media_page_get_item (page) != NULL);
  g_assert_cmpint (co_vault_item_get_id (co_media_page_get_item (page)), ==,
                   co_vault_item_get_id (item));
  wait_for_state (page, CO_ANALYSIS_STATE_READY);
  /* The kept result is shown without any job. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (co_window_get_job_queue (fixture->window))),
                    ==, 0);
  list = co_media_page_get_suggestions (page);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, n - 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, n));

  /* Activating the last suggestion moves the playhead there. */
  row = gtk_list_box_get_row_at_index (list, n - 1);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpfloat_with_epsilon (co_media_page_get_position (page), points[n - 1].time, 1e-9);
  g_assert_cmpfloat_with_epsilon (co_waveform_get_position (co_media_page_get_waveform (page)),
                                  points[n - 1].time, 1e-9);

  /* A note has nothing to show there: the window says so and stays. */
  note_id = co_vault_add_note (fixture->vault, "Shot list", "Kitchen, then hallway", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (co_window_show_media (fixture->window, note_id));
  g_assert_nonnull (strstr (co_window_get_last_toast (fixture->window), "Shot list"));
  g_assert_true (co_media_page_get_item (page) == NULL
                 || co_vault_item_get_id (co_media_page_get_item (page)) == co_vault_item_get_id (item));

  /* Page Up on the waveform jumps to the previous marker. */
  before = co_media_page_get_position (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (co_media_page_get_waveform (page)),
                                             "waveform.marker", "i", -1));
  g_assert_cmpfloat (co_media_page_get_position (page), <, before);
  g_assert_cmpfloat_with_epsilon (co_media_page_get_position (page), points[n - 2].time, 0.001);
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static gboolean
has_children (gpointer data)
{
  return gtk_widget_get_first_child (data) != NULL;
}

/* A video analysed with scenes shows a filmstrip: the start and each scene
 * change, each a button that moves the playhead there. */
static void
test_filmstrip (Fixture       *fixture,
                gconstpointer  data)
{
  static const guint cuts[] = { 30, 75 };
  CoTestSpeechSpec spec = { .container = "mp4", .duration = 4.0, .rate = 48000, .channels = 2,
                            .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps), .width = 160,
                            .height = 120, .fps = 30, .cut_frames = cuts,
                            .n_cuts = G_N_ELEMENTS (cuts), .seed = 5 };
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *video = NULL, *path = NULL;
  CoAnalysisParams params;
  CoMediaPage *page;
  GtkWidget *button;
  gint64 id;
  gsize n;

  if (co_test_desk_skip_without_display ())
    return;
  video = co_test_speech_write (fixture->media_dir, "cuts.mp4", &spec, &error);
  g_assert_no_error (error);
  id = co_importer_import_file (fixture->vault, video, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  item = co_vault_get (fixture->vault, id, &error);
  co_app_jobs_default_params (NULL, co_vault_item_get_item_type (item), &params);
  g_assert_true (params.scenes);
  path = co_app_jobs_dup_media_path (fixture->store, item);
  analysis = co_analysis_cache_run (fixture->store, path, &params, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  co_analysis_get_scenes (analysis, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (cuts));

  page = co_window_get_media_page (fixture->window);
  g_assert_true (co_window_show_media (fixture->window, id));
  wait_for_state (page, CO_ANALYSIS_STATE_READY);
  g_assert_true (co_test_wait_until (has_children, co_media_page_get_filmstrip (page), WAIT_MS));
  g_assert_cmpuint (count_children (GTK_WIDGET (co_media_page_get_filmstrip (page))), ==, n + 1);
  /* The last picture is the second scene. */
  button = gtk_widget_get_last_child (GTK_WIDGET (co_media_page_get_filmstrip (page)));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "Scene"));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpfloat_with_epsilon (co_media_page_get_position (page), cuts[1] / 30.0, 0.002);
}

/* The newest job of @kind in the queue, or %NULL. */
static CoJob *
find_job_of_kind (GListModel *queue,
                  const char *kind,
                  guint      *n_of_kind)
{
  CoJob *found = NULL;

  *n_of_kind = 0;
  for (guint i = 0; i < g_list_model_get_n_items (queue); i++)
    {
      g_autoptr(CoJob) job = g_list_model_get_item (queue, i);

      if (g_strcmp0 (co_job_get_kind (job), kind) != 0)
        continue;
      (*n_of_kind)++;
      g_set_object (&found, job);
    }
  return found;
}

static gboolean
has_analysis_job (gpointer data)
{
  g_autoptr(CoJob) job = NULL;
  guint n = 0;

  job = find_job_of_kind (data, CO_ANALYSIS_JOB_KIND, &n);
  return job != NULL;
}

static gboolean
import_done (gpointer data)
{
  return co_window_get_import_job (data) == NULL;
}

static void
drop_path (CoWindow   *window,
           const char *path)
{
  g_autoptr(GSList) files = g_slist_append (NULL, g_file_new_for_path (path));
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (g_steal_pointer (&files), g_object_unref);
  g_assert_true (co_window_handle_drop (window, &value));
  g_assert_true (co_test_wait_until (import_done, window, WAIT_MS));
}

static void
assert_planted_silences (CoAnalysis *analysis)
{
  gsize n = 0;
  const CoInterval *silences = co_analysis_get_silences (analysis, &n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (gaps));
  for (gsize i = 0; i < n; i++)
    {
      g_test_message ("silence %.3f–%.3f, planted %.3f–%.3f", silences[i].start, silences[i].end,
                      gaps[i][0], gaps[i][1]);
      g_assert_cmpfloat (fabs (silences[i].start - gaps[i][0]), <, 0.02);
      g_assert_cmpfloat (fabs (silences[i].end - gaps[i][1]), <, 0.02);
    }
}

static void
test_import_analyses (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *wav = NULL;
  g_autoptr(CoJob) job = NULL;
  g_autoptr(CoJob) import = NULL;
  g_autoptr(CoJob) newest = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  g_autofree char *sha256 = NULL;
  guint n_imports = 0, n_analyses = 0;
  GListModel *queue;
  CoMediaPage *page;
  CoJobRow *row;

  if (co_test_desk_skip_without_display ())
    return;
  queue = G_LIST_MODEL (co_window_get_job_queue (fixture->window));
  page = co_window_get_media_page (fixture->window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (co_window_get_jobs_button (fixture->window))));

  wav = write_speech (fixture, "dropped-talk.wav", 6.0);
  drop_path (fixture->window, wav);
  /* The import itself ran as a job of the queue, listed like the others. */
  import = find_job_of_kind (queue, CO_IMPORT_JOB_KIND, &n_imports);
  g_assert_nonnull (import);
  g_assert_cmpuint (n_imports, ==, 1);
  g_assert_cmpint (co_job_get_state (import), ==, CO_JOB_DONE);
  g_assert_nonnull (find_job_row (fixture->window, import));
  g_assert_true (co_test_wait_until (has_analysis_job, queue, WAIT_MS));
  job = find_job_of_kind (queue, CO_ANALYSIS_JOB_KIND, &n_analyses);
  g_assert_nonnull (strstr (co_job_get_title (job), "dropped-talk"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (co_window_get_jobs_button (fixture->window))));
  wait_for_job (job);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);
  row = find_job_row (fixture->window, job);
  g_assert_nonnull (row);
  g_assert_false (co_job_row_get_shows_error (row));

  /* The page shows the planted silences, from the job's kept result. */
  sha256 = co_store_hash_file (wav, NULL, NULL, &error);
  g_assert_no_error (error);
  item = co_vault_find_by_sha256 (fixture->vault, sha256);
  g_assert_nonnull (item);
  g_assert_true (co_window_show_media (fixture->window, co_vault_item_get_id (item)));
  wait_for_state (page, CO_ANALYSIS_STATE_READY);
  assert_planted_silences (co_media_page_get_analysis (page));
  g_assert_true (co_waveform_get_analysis (co_media_page_get_waveform (page))
                 == co_media_page_get_analysis (page));
  /* No second analysis: the result was kept. */
  newest = find_job_of_kind (queue, CO_ANALYSIS_JOB_KIND, &n_analyses);
  g_assert_true (newest == job);
  g_assert_cmpuint (n_analyses, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 2);
}

/* Holds the queue's one slot until cancelled or released. */
static gboolean
blocking_run (CoJob       *job,
              const char  *params,
              gpointer     user_data,
              GError     **error)
{
  GCancellable *cancellable = co_job_get_cancellable (job);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!g_cancellable_is_cancelled (cancellable) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  return TRUE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CoVaultItem) item = NULL;
  CoJobQueue *queue;
  CoMediaPage *page;
  CoAnalysisParams params;
  CoJob *blocker, *waiting, *job;
  CoJobRow *row;

  if (co_test_desk_skip_without_display ())
    return;
  item = import_speech (fixture);
  queue = co_window_get_job_queue (fixture->window);
  page = co_window_get_media_page (fixture->window);

  /* With one slot, a second job waits; cancelling it stops it at once. */
  co_job_queue_set_max_running (queue, 1);
  co_app_jobs_default_params (NULL, CO_VAULT_TYPE_AUDIO, &params);
  params.threshold_db = -40;
  blocker = co_app_jobs_submit_analysis (queue, fixture->store, item, &params, NULL);
  params.threshold_db = -45;
  waiting = co_app_jobs_submit_analysis (queue, fixture->store, item, &params, NULL);
  g_assert_cmpint (co_job_get_state (waiting), ==, CO_JOB_QUEUED);
  co_job_cancel (waiting);
  wait_for_job (waiting);
  g_assert_cmpint (co_job_get_state (waiting), ==, CO_JOB_CANCELLED);
  wait_for_job (blocker);

  /* The page's own job, cancelled from the page.  The engine reads a short
   * test file faster than a test can press Cancel, so the job waits behind
   * one that holds the only slot; cancelling running analyses is tested in
   * test-analysis and test-job-queue. */
  co_job_queue_register (queue, "test-block", blocking_run, NULL, NULL);
  blocker = co_job_queue_submit (queue, "test-block", "Hold the slot", "{}", NULL);
  g_assert_true (co_window_show_media (fixture->window, co_vault_item_get_id (item)));
  wait_for_state (page, CO_ANALYSIS_STATE_ANALYSING);
  job = co_media_page_get_job (page);
  g_assert_nonnull (job);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "media.cancel-analysis", NULL));
  wait_for_job (job);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_CANCELLED);
  wait_for_state (page, CO_ANALYSIS_STATE_CANCELLED);
  g_assert_null (co_media_page_get_analysis (page));

  /* Cancelled is said calmly, never as an error. */
  row = find_job_row (fixture->window, job);
  g_assert_nonnull (row);
  g_assert_false (co_job_row_get_shows_error (row));
  g_assert_cmpstr (co_job_row_get_status_text (row), ==, "Cancelled");

  /* Analysing again from the page works. */
  co_job_cancel (blocker);
  wait_for_job (blocker);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "media.analyse", NULL));
  wait_for_state (page, CO_ANALYSIS_STATE_READY);
  assert_planted_silences (co_media_page_get_analysis (page));
}

static void
test_failed_job (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *params = NULL;
  g_autoptr(GError) error = NULL;
  CoAnalysisParams defaults;
  CoJobRow *row;
  CoJob *job;

  if (co_test_desk_skip_without_display ())
    return;
  text = co_test_media_write_text (fixture->media_dir, "notes-not-audio.wav", "just words");
  co_analysis_params_init (&defaults);
  params = co_analysis_job_params (text, &defaults);
  job = co_job_queue_submit (co_window_get_job_queue (fixture->window), CO_ANALYSIS_JOB_KIND,
                             "Analysing notes", params, &error);
  g_assert_no_error (error);
  wait_for_job (job);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_FAILED);

  /* A failure shows its error, which names the file. */
  row = find_job_row (fixture->window, job);
  g_assert_nonnull (row);
  g_assert_true (co_job_row_get_shows_error (row));
  g_test_message ("status: %s", co_job_row_get_status_text (row));
  g_assert_nonnull (strstr (co_job_row_get_status_text (row), "notes-not-audio.wav"));
}

static void
insert_running_job (CoStore    *store,
                    const char *params)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = _co_store_prepare (store,
                            "INSERT INTO jobs (kind, title, params, state, created_at, attempts)"
                            " VALUES ('analyze', 'Analysing after a crash', ?, 'running', 1, 1)",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, params, -1, SQLITE_TRANSIENT);
  g_assert_true (_co_store_step_done (store, stmt, &error));
  g_assert_no_error (error);
}

static void
test_resume (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(CoAnalysis) kept = NULL;
  g_autoptr(CoJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *params = NULL;
  CoAnalysisParams defaults;
  GListModel *queue;

  if (co_test_desk_skip_without_display ())
    return;
  /* A job the last session was running when it crashed. */
  item = import_speech (fixture);
  path = co_app_jobs_dup_media_path (fixture->store, item);
  co_app_jobs_default_params (NULL, CO_VAULT_TYPE_AUDIO, &defaults);
  params = co_analysis_job_params (path, &defaults);
  insert_running_job (fixture->store, params);
  g_assert_null (co_analysis_cache_lookup (fixture->store, path, &defaults, &error));
  g_assert_no_error (error);

  co_test_desk_open_window (fixture, WAIT_MS);
  queue = G_LIST_MODEL (co_window_get_job_queue (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 1);
  job = g_list_model_get_item (queue, 0);
  g_assert_cmpstr (co_job_get_title (job), ==, "Analysing after a crash");
  wait_for_job (job);
  g_assert_cmpint (co_job_get_state (job), ==, CO_JOB_DONE);

  kept = co_analysis_cache_lookup (fixture->store, path, &defaults, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  assert_planted_silences (kept);
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

  g_test_add_func ("/app/waveform/time-mapping", test_time_mapping);
  g_test_add_func ("/app/waveform/view-limits", test_view_limits);
  g_test_add_func ("/app/waveform/pick-level", test_pick_level);
  g_test_add_func ("/app/waveform/find-marker", test_find_marker);
  g_test_add ("/app/media/suggestions-seek", Fixture, NULL, fixture_set_up,
              test_suggestions_seek, fixture_tear_down);
  g_test_add ("/app/media/filmstrip", Fixture, NULL, fixture_set_up, test_filmstrip,
              fixture_tear_down);
  g_test_add ("/app/media/import-analyses", Fixture, NULL, fixture_set_up,
              test_import_analyses, fixture_tear_down);
  g_test_add ("/app/media/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/app/media/failed-job", Fixture, NULL, fixture_set_up, test_failed_job,
              fixture_tear_down);
  g_test_add ("/app/media/resume", Fixture, "no-window", fixture_set_up, test_resume,
              fixture_tear_down);

  return g_test_run ();
}
