/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "co-analysis-cache.h"
#include "co-app-jobs.h"
#include "co-export-error.h"
#include "co-importer.h"
#include "co-retime-popover.h"
#include "co-subtitle-error.h"
#include "co-subtitles-panel.h"
#include "co-test-desk.h"
#include "co-test-speech.h"
#include "co-test-util.h"
#include "co-window.h"

/* The Subtitles panel of the Media page in the real window under Xvfb:
 * import, errors, editing with the caption over the preview, and cues kept
 * across a restart.  No test transcribes: that is PocketSphinx's time. */

#define WAIT_MS 30000

static const double gaps[][2] = { { 1.0, 1.8 }, { 3.0, 4.2 } };

static const char valid_srt[] =
  "1\n00:00:00,500 --> 00:00:02,000\nHello there\n\n"
  "2\n00:00:02,500 --> 00:00:04,500\nSecond cue\nwith two lines\n";

/* Line 6 has a broken arrow. */
static const char malformed_srt[] =
  "1\n00:00:00,500 --> 00:00:02,000\nHello there\n\n"
  "2\n00:00:02,500 -> 00:00:04,500\nSecond cue\n";

typedef struct
{
  CoTestDesk   desk;
  CoVaultItem *item;
} Fixture;

static void
open_window (Fixture *fixture)
{
  co_test_desk_open_window (&fixture->desk, WAIT_MS);
  g_assert_true (co_window_show_media (fixture->desk.window, co_vault_item_get_id (fixture->item)));
  co_media_page_show_subtitles (co_window_get_media_page (fixture->desk.window));
}

static CoSubtitlesPanel *
get_panel (Fixture *fixture)
{
  return co_media_page_get_subtitles (co_window_get_media_page (fixture->desk.window));
}

/* A short speech clip in the vault, analysed so that no job runs. */
static void
import_analysed_speech (Fixture *fixture)
{
  CoTestSpeechSpec spec = { .container = "wav", .duration = 6.0, .rate = 16000,
                            .channels = 1, .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps),
                            .seed = 5 };
  g_autoptr(GError) error = NULL;
  g_autofree char *wav = co_test_speech_write (fixture->desk.media_dir, "Talk.wav", &spec, &error);
  g_autofree char *path = NULL;
  g_autoptr(CoAnalysis) analysis = NULL;
  CoAnalysisParams params;
  gint64 id;

  g_assert_no_error (error);
  id = co_importer_import_file (fixture->desk.vault, wav, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->item = co_vault_get (fixture->desk.vault, id, &error);
  g_assert_no_error (error);
  co_app_jobs_default_params (NULL, co_vault_item_get_item_type (fixture->item), &params);
  path = co_app_jobs_dup_media_path (fixture->desk.store, fixture->item);
  analysis = co_analysis_cache_run (fixture->desk.store, path, &params, NULL, NULL, NULL, NULL,
                                    &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (!co_test_desk_set_up (&fixture->desk))
    return;
  import_analysed_speech (fixture);
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->item);
  co_test_desk_tear_down (&fixture->desk, WAIT_MS);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *data)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->desk.media_dir, name, NULL);

  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
import_valid (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *srt = write_file (fixture, "good.srt", valid_srt);

  g_assert_true (co_subtitles_panel_import (get_panel (fixture), srt, &error));
  g_assert_no_error (error);
}

static void
test_import_valid (Fixture       *fixture,
                   gconstpointer  data)
{
  CoSubtitlesPanel *panel;
  GPtrArray *cues;
  CoCue *cue;

  if (co_test_desk_skip_without_display ())
    return;
  panel = get_panel (fixture);
  g_assert_cmpuint (co_subtitles_panel_get_cues (panel)->len, ==, 0);
  import_valid (fixture);
  cues = co_subtitles_panel_get_cues (panel);
  g_assert_cmpuint (cues->len, ==, 2);
  cue = g_ptr_array_index (cues, 1);
  g_assert_cmpint (cue->start_us, ==, 2500000);
  g_assert_cmpint (cue->end_us, ==, 4500000);
  g_assert_cmpstr (cue->text, ==, "Second cue\nwith two lines");
  g_assert_cmpuint (g_list_model_get_n_items (co_subtitles_panel_get_model (panel)), ==, 2);
  g_assert_nonnull (strstr (co_window_get_last_toast (fixture->desk.window), "good.srt"));
}

static void
test_import_malformed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *srt = NULL;
  const char *toast;

  if (co_test_desk_skip_without_display ())
    return;
  import_valid (fixture);
  srt = write_file (fixture, "broken.srt", malformed_srt);
  g_assert_false (co_subtitles_panel_import (get_panel (fixture), srt, &error));
  g_assert_error (error, CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_PARSE);
  toast = co_window_get_last_toast (fixture->desk.window);
  g_test_message ("%s", toast);
  g_assert_nonnull (strstr (toast, "broken.srt"));
  g_assert_nonnull (strstr (toast, "line 6"));
  /* The cues shown before stay. */
  g_assert_cmpuint (co_subtitles_panel_get_cues (get_panel (fixture))->len, ==, 2);
}

/* What the caption shows now, without moving the playhead. */
static void
assert_caption_now (Fixture    *fixture,
                    const char *text)
{
  GtkLabel *caption = co_media_page_get_caption (co_window_get_media_page (fixture->desk.window));

  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (caption)), ==, text != NULL);
  if (text != NULL)
    g_assert_cmpstr (gtk_label_get_label (caption), ==, text);
}

static void
assert_caption (Fixture    *fixture,
                double      time,
                const char *text)
{
  CoMediaPage *page = co_window_get_media_page (fixture->desk.window);

  co_media_page_seek (page, time);
  g_assert_cmpfloat (co_media_page_get_position (page), ==, time);
  assert_caption_now (fixture, text);
}

static void
test_edit_caption (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CoSubtitlesPanel *panel;

  if (co_test_desk_skip_without_display ())
    return;
  panel = get_panel (fixture);
  import_valid (fixture);
  assert_caption (fixture, 1.0, "Hello there");
  assert_caption (fixture, 2.2, NULL);
  assert_caption (fixture, 3.0, "Second cue\nwith two lines");

  /* The caption follows an edit at once, with the playhead where it is. */
  assert_caption (fixture, 1.0, "Hello there");
  co_subtitles_panel_edit (panel, 0);
  g_assert_true (co_subtitles_panel_apply (panel, "0:00:00.500", "0:00:02.000",
                                           "Hi again\n\n", &error));
  g_assert_no_error (error);
  assert_caption_now (fixture, "Hi again");

  /* Moving the cue moves its caption. */
  assert_caption (fixture, 2.2, NULL);
  g_assert_true (co_subtitles_panel_apply (panel, "0:00:00.500", "0:00:02.400", "Hi again",
                                           &error));
  g_assert_no_error (error);
  assert_caption_now (fixture, "Hi again");
}

static void
test_edit_invalid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CoSubtitlesPanel *panel;
  CoCue *cue;

  if (co_test_desk_skip_without_display ())
    return;
  panel = get_panel (fixture);
  import_valid (fixture);
  co_subtitles_panel_edit (panel, 1);
  g_assert_false (co_subtitles_panel_apply (panel, "0:00:02.500", "0:0x:04", "Text", &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "0:0x:04"));
  g_clear_error (&error);
  g_assert_false (co_subtitles_panel_apply (panel, "0:00:04.500", "0:00:02.500", "Text",
                                            &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (co_subtitles_panel_apply (panel, "0:00:02.500", "0:00:04.500", " \n ",
                                            &error));
  g_assert_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID);
  cue = g_ptr_array_index (co_subtitles_panel_get_cues (panel), 1);
  g_assert_cmpstr (cue->text, ==, "Second cue\nwith two lines");
  g_assert_cmpint (cue->end_us, ==, 4500000);
}

static void
test_flagged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CoSubtitlesPanel *panel;
  const char *problems;

  if (co_test_desk_skip_without_display ())
    return;
  panel = get_panel (fixture);
  import_valid (fixture);
  g_assert_null (co_subtitles_panel_get_problems (panel, 0));
  /* A fifth of a second is too short to read. */
  co_subtitles_panel_edit (panel, 0);
  g_assert_true (co_subtitles_panel_apply (panel, "0:00:00.500", "0:00:00.700", "Hello there",
                                           &error));
  g_assert_no_error (error);
  problems = co_subtitles_panel_get_problems (panel, 0);
  g_assert_nonnull (problems);
  g_test_message ("%s", problems);
  g_assert_nonnull (strstr (problems, "(min-duration)"));
  g_assert_null (co_subtitles_panel_get_problems (panel, 1));
}

static void
test_persist (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *vtt = NULL;
  g_autofree char *written = NULL;
  CoSubtitlesPanel *panel;
  GPtrArray *cues;
  CoCue *cue;

  if (co_test_desk_skip_without_display ())
    return;
  import_valid (fixture);
  co_subtitles_panel_edit (get_panel (fixture), 1);
  g_assert_true (co_subtitles_panel_apply (get_panel (fixture), "0:00:02.600", "0:00:04.000",
                                           "Edited", &error));
  co_test_desk_close_window (&fixture->desk, 0);
  open_window (fixture);
  panel = get_panel (fixture);
  cues = co_subtitles_panel_get_cues (panel);
  g_assert_cmpuint (cues->len, ==, 2);
  cue = g_ptr_array_index (cues, 0);
  g_assert_cmpstr (cue->text, ==, "Hello there");
  cue = g_ptr_array_index (cues, 1);
  g_assert_cmpstr (cue->text, ==, "Edited");
  g_assert_cmpint (cue->start_us, ==, 2600000);
  g_assert_cmpint (cue->end_us, ==, 4000000);

  /* And they leave as WebVTT. */
  vtt = g_build_filename (fixture->desk.media_dir, "out.vtt", NULL);
  g_assert_true (co_subtitles_panel_export (panel, vtt, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (co_window_get_last_toast (fixture->desk.window), "out.vtt"));
  g_file_get_contents (vtt, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (written, "WEBVTT"));
  g_assert_nonnull (strstr (written, "00:00:02.600 --> 00:00:04.000\nEdited"));
}


/* Re-timing through the popover of the Re-time button, as a person does it:
 * fill the fields of a page, then the popover's Re-time button. */

static GtkWidget *
retime_child (Fixture    *fixture,
              const char *name)
{
  GObject *popover = gtk_widget_get_template_child (GTK_WIDGET (get_panel (fixture)),
                                                    CO_TYPE_SUBTITLES_PANEL, "retime_popover");

  g_assert_nonnull (popover);
  if (name == NULL)
    return GTK_WIDGET (popover);
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (popover), CO_TYPE_RETIME_POPOVER,
                                                    name));
}

static void
fill_retime (Fixture    *fixture,
             const char *page,
             const char *first_row,
             ...)
{
  va_list args;

  gtk_stack_set_visible_child_name (GTK_STACK (retime_child (fixture, "stack")), page);
  va_start (args, first_row);
  for (const char *row = first_row; row != NULL; row = va_arg (args, const char *))
    gtk_editable_set_text (GTK_EDITABLE (retime_child (fixture, row)), va_arg (args, const char *));
  va_end (args);
  g_assert_true (gtk_widget_activate_action (retime_child (fixture, NULL), "subtitles.retime",
                                             NULL));
}

static void
assert_times (Fixture *fixture,
              guint    index,
              gint64   start_us,
              gint64   end_us)
{
  const CoCue *cue = g_ptr_array_index (co_subtitles_panel_get_cues (get_panel (fixture)), index);

  g_assert_cmpint (cue->start_us, ==, start_us);
  g_assert_cmpint (cue->end_us, ==, end_us);
}

/* What the popover says under its fields, or NULL. */
static const char *
retime_error (Fixture *fixture)
{
  GtkWidget *label = retime_child (fixture, "error_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static void
test_retime_shift (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *button;

  if (co_test_desk_skip_without_display ())
    return;
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (get_panel (fixture)),
                                                      CO_TYPE_SUBTITLES_PANEL, "retime_button"));
  /* Nothing to re-time yet. */
  g_assert_false (gtk_widget_get_sensitive (button));
  import_valid (fixture);
  g_assert_true (gtk_widget_get_sensitive (button));

  fill_retime (fixture, "shift", "shift_row", "+1.5", NULL);
  g_assert_null (retime_error (fixture));
  assert_times (fixture, 0, 2000000, 3500000);
  assert_times (fixture, 1, 4000000, 6000000);
  g_assert_nonnull (strstr (co_window_get_last_toast (fixture->desk.window), "Re-timed 2 cues"));
  /* The caption follows, and the change is kept. */
  assert_caption (fixture, 1.0, NULL);
  assert_caption (fixture, 2.5, "Hello there");
  co_test_desk_close_window (&fixture->desk, 0);
  open_window (fixture);
  assert_times (fixture, 0, 2000000, 3500000);

  fill_retime (fixture, "shift", "shift_row", "-0:00:01.000", NULL);
  assert_times (fixture, 0, 1000000, 2500000);
}

static void
test_retime_map (Fixture       *fixture,
                 gconstpointer  data)
{
  if (co_test_desk_skip_without_display ())
    return;
  import_valid (fixture);
  /* 0.5 s stays and 2.5 s goes to 4.5 s: times after 0.5 s stretch by 2. */
  fill_retime (fixture, "map", "from_a_row", "0.5", "to_a_row", "0:00:00.500", "from_b_row", "2.5",
               "to_b_row", "4.5", NULL);
  g_assert_null (retime_error (fixture));
  assert_times (fixture, 0, 500000, 3500000);
  assert_times (fixture, 1, 4500000, 8500000);
}

static void
test_retime_conform (Fixture       *fixture,
                     gconstpointer  data)
{
  if (co_test_desk_skip_without_display ())
    return;
  import_valid (fixture);
  /* The page opens on 25 to 23.976: times × 25 × 1001 / 24000. */
  fill_retime (fixture, "conform", NULL);
  g_assert_null (retime_error (fixture));
  assert_times (fixture, 0, 521354, 2085417);
  assert_times (fixture, 1, 2606771, 4692188);
}

static void
test_retime_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *shown;

  if (co_test_desk_skip_without_display ())
    return;
  import_valid (fixture);
  fill_retime (fixture, "shift", "shift_row", "soon", NULL);
  shown = retime_error (fixture);
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, "“soon”"));
  assert_times (fixture, 0, 500000, 2000000);

  /* Typing hides the message; a cue moved before the start changes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (retime_child (fixture, "shift_row")), "-");
  g_assert_null (retime_error (fixture));
  fill_retime (fixture, "shift", "shift_row", "-0.6", NULL);
  g_assert_nonnull (strstr (retime_error (fixture), "Cue 1"));
  assert_times (fixture, 0, 500000, 2000000);

  fill_retime (fixture, "map", "from_a_row", "2", "to_a_row", "2", "from_b_row", "1",
               "to_b_row", "3", NULL);
  g_assert_nonnull (retime_error (fixture));
  assert_times (fixture, 1, 2500000, 4500000);
}

/* The rules chosen in Preferences are those the warning signs check. */
static void
test_rules (Fixture       *fixture,
            gconstpointer  data)
{
  CoSubtitlesPanel *panel;
  CoCueRules rules;
  const char *problems;

  if (co_test_desk_skip_without_display ())
    return;
  panel = get_panel (fixture);
  import_valid (fixture);
  g_assert_null (co_subtitles_panel_get_problems (panel, 0));
  co_cue_rules_init (&rules);
  rules.max_chars_per_line = 10;
  co_subtitles_panel_set_rules (panel, &rules);
  /* "Hello there" has 11 characters. */
  problems = co_subtitles_panel_get_problems (panel, 0);
  g_assert_nonnull (problems);
  g_assert_nonnull (strstr (problems, "(line-length)"));
  co_cue_rules_init (&rules);
  co_subtitles_panel_set_rules (panel, &rules);
  g_assert_null (co_subtitles_panel_get_problems (panel, 0));
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

  g_test_add ("/app/subtitles-panel/import-srt", Fixture, NULL, fixture_set_up,
              test_import_valid, fixture_tear_down);
  g_test_add ("/app/subtitles-panel/import-malformed", Fixture, NULL, fixture_set_up,
              test_import_malformed, fixture_tear_down);
  g_test_add ("/app/subtitles-panel/edit-caption", Fixture, NULL, fixture_set_up,
              test_edit_caption, fixture_tear_down);
  g_test_add ("/app/subtitles-panel/edit-invalid", Fixture, NULL, fixture_set_up,
              test_edit_invalid, fixture_tear_down);
  g_test_add ("/app/subtitles-panel/flagged", Fixture, NULL, fixture_set_up, test_flagged,
              fixture_tear_down);
  g_test_add ("/app/subtitles-panel/persist", Fixture, NULL, fixture_set_up, test_persist,
              fixture_tear_down);
  g_test_add ("/app/subtitles-panel/rules", Fixture, NULL, fixture_set_up, test_rules,
              fixture_tear_down);
  g_test_add ("/app/subtitles-panel/retime-shift", Fixture, NULL, fixture_set_up,
              test_retime_shift, fixture_tear_down);
  g_test_add ("/app/subtitles-panel/retime-map", Fixture, NULL, fixture_set_up, test_retime_map,
              fixture_tear_down);
  g_test_add ("/app/subtitles-panel/retime-conform", Fixture, NULL, fixture_set_up,
              test_retime_conform, fixture_tear_down);
  g_test_add ("/app/subtitles-panel/retime-errors", Fixture, NULL, fixture_set_up,
              test_retime_errors, fixture_tear_down);

  return g_test_run ();
}
