/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "co-analysis-cache.h"
#include "co-app-jobs.h"
#include "co-export-dialog.h"
#include "co-export-job.h"
#include "co-importer.h"
#include "co-test-desk.h"
#include "co-test-speech.h"
#include "co-test-util.h"
#include "co-window.h"

/* The Export dialog and the subtitles of the Media page, in the real
 * window under Xvfb.  Analyses come from the cache; no test transcribes. */

#define WAIT_MS 30000

/* Planted silences of the generated speech, in seconds. */
static const double gaps[][2] = { { 1.0, 1.8 }, { 3.0, 4.2 } };

typedef struct
{
  CoTestDesk   desk;
  CoVaultItem *item;
  char        *path;
} Fixture;

static void
open_window (Fixture *fixture)
{
  co_test_desk_open_window (&fixture->desk, WAIT_MS);
}

/* The item's title: not its file's name, and not a file name at all. */
#define TITLE "Keynote: Day 1"
#define TITLE_FILE "Keynote_ Day 1.wav"

/* A short speech clip in the vault, analysed with the page's parameters. */
static void
import_analysed_speech (Fixture *fixture)
{
  CoImportOptions options = { .title = TITLE };
  CoTestSpeechSpec spec = { .container = "wav", .duration = 6.0, .rate = 16000,
                            .channels = 1, .gaps = gaps, .n_gaps = G_N_ELEMENTS (gaps),
                            .seed = 11 };
  g_autoptr(GError) error = NULL;
  g_autofree char *wav = co_test_speech_write (fixture->desk.media_dir, "My Talk.wav", &spec,
                                               &error);
  g_autoptr(CoAnalysis) analysis = NULL;
  CoAnalysisParams params;
  gint64 id;

  g_assert_no_error (error);
  id = co_importer_import_file (fixture->desk.vault, wav, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->item = co_vault_get (fixture->desk.vault, id, &error);
  g_assert_no_error (error);
  co_app_jobs_default_params (NULL, co_vault_item_get_item_type (fixture->item), &params);
  fixture->path = co_app_jobs_dup_media_path (fixture->desk.store, fixture->item);
  analysis = co_analysis_cache_run (fixture->desk.store, fixture->path, &params, NULL, NULL, NULL,
                                    NULL, &error);
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
  g_assert_true (co_window_show_media (fixture->desk.window, co_vault_item_get_id (fixture->item)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->item);
  co_test_desk_tear_down (&fixture->desk, WAIT_MS);
  g_free (fixture->path);
}

typedef struct
{
  CoExportDialog      **dialog;
  CoExportDialogState   state;
} StateWait;

/* A finished dialog closes itself, which clears the weak pointer. */
static gboolean
dialog_state_is (gpointer data)
{
  StateWait *wait = data;

  if (*wait->dialog == NULL)
    return wait->state == CO_EXPORT_DIALOG_DONE;
  return co_export_dialog_get_state (*wait->dialog) == wait->state;
}

static void
wait_for_dialog (CoExportDialog      **dialog,
                 CoExportDialogState   state)
{
  StateWait wait = { dialog, state };
  g_autofree char *now = NULL;
  g_autofree char *expected = NULL;

  if (co_test_wait_until (dialog_state_is, &wait, WAIT_MS))
    return;
  now = g_enum_to_string (CO_TYPE_EXPORT_DIALOG_STATE, co_export_dialog_get_state (*dialog));
  expected = g_enum_to_string (CO_TYPE_EXPORT_DIALOG_STATE, state);
  g_error ("The export dialog is “%s”, expected “%s” (%s)", now, expected,
           co_export_dialog_get_error_text (*dialog));
}

/* Counts <clipitem> elements while checking the document is well formed. */
static void
count_start_cb (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  if (g_str_equal (element, "clipitem"))
    (*(guint *) user_data)++;
}

static guint
parse_clipitems (const char *path)
{
  static const GMarkupParser parser = { count_start_cb, NULL, NULL, NULL, NULL };
  g_autofree char *text = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "<xmeml version=\"4\">"));
  context = g_markup_parse_context_new (&parser, 0, &n, NULL);
  /* A DOCTYPE is not GMarkup's business: parse from the root element. */
  g_markup_parse_context_parse (context, strstr (text, "<xmeml"), -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  return n;
}

/* The text between the first @open and the next @close in @doc. */
static char *
dup_between (const char *doc,
             const char *open,
             const char *close)
{
  const char *start = strstr (doc, open);
  const char *end = start != NULL ? strstr (start, close) : NULL;

  g_assert_nonnull (end);
  start += strlen (open);
  return g_strndup (start, end - start);
}

/* Read back, the export names the item by its title and links a file that
 * exists, with the real extension and the item's content, never the
 * library's stored file; and the default options (cut silences and
 * markers) mark the cuts that were made. */
static void
assert_named_media (Fixture    *fixture,
                    const char *output)
{
  const char *sha256 = co_vault_item_get_sha256 (fixture->item);
  g_autofree char *doc = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *expected = g_build_filename (co_store_get_data_dir (fixture->desk.store),
                                                "exports", TITLE_FILE, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) markers = NULL;

  g_file_get_contents (output, &doc, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (doc, "<name>" TITLE "</name>"));
  g_assert_null (strstr (doc, sha256));
  url = dup_between (doc, "<pathurl>", "</pathurl>");
  g_assert_true (g_str_has_prefix (url, "file://localhost/"));
  path = g_uri_unescape_string (url + strlen ("file://localhost"), NULL);
  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_str_has_suffix (path, ".wav"));
  digest = co_store_hash_file (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (digest, ==, sha256);
  markers = g_strsplit (doc, "<marker>", -1);
  g_assert_cmpuint (g_strv_length (markers) - 1, >=, G_N_ELEMENTS (gaps));
  g_assert_nonnull (strstr (doc, "Silence cut"));
}

static CoExportDialog *
open_export (Fixture        *fixture,
             CoExportFormat  format,
             const char     *output)
{
  CoMediaPage *page = co_window_get_media_page (fixture->desk.window);
  GActionMap *actions = G_ACTION_MAP (fixture->desk.window);
  CoExportDialog *dialog;

  /* Ctrl+E's action is on while an item is shown. */
  g_assert_true (g_action_get_enabled (g_action_map_lookup_action (actions, "export")));
  dialog = co_media_page_export (page, format);
  g_assert_nonnull (dialog);
  co_export_dialog_set_output (dialog, output);
  return dialog;
}

static void
test_export_premiere (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *output = NULL;
  g_autofree char *original = NULL;
  g_autofree char *expected_toast = NULL;
  CoExportDialog *dialog;

  if (co_test_desk_skip_without_display ())
    return;
  /* The creator deleted the imported file: the library's copy is linked. */
  original = g_build_filename (fixture->desk.media_dir, "My Talk.wav", NULL);
  g_assert_cmpint (g_unlink (original), ==, 0);
  output = g_build_filename (fixture->desk.media_dir, "My Talk & Co.xml", NULL);
  dialog = open_export (fixture, CO_EXPORT_PREMIERE_XML, output);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  /* The suggested name follows the item and the format. */
  g_assert_cmpint (co_export_dialog_get_format (dialog), ==, CO_EXPORT_PREMIERE_XML);
  co_export_dialog_start (dialog);
  g_assert_nonnull (co_export_dialog_get_job (dialog));
  g_assert_cmpstr (co_job_get_kind (co_export_dialog_get_job (dialog)), ==, CO_EXPORT_JOB_KIND);
  wait_for_dialog (&dialog, CO_EXPORT_DIALOG_DONE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* The dialog closed itself and the window says what was written. */
  g_assert_null (dialog);
  /* Toast titles are markup, so the ampersand arrives escaped. */
  expected_toast = g_strdup ("Exported “My Talk &amp; Co.xml”");
  g_assert_cmpstr (co_window_get_last_toast (fixture->desk.window), ==, expected_toast);
  /* Two planted silences cut out: three kept ranges, each a clip item. */
  g_assert_cmpuint (parse_clipitems (output), >=, 3);
  assert_named_media (fixture, output);
}

static void
test_export_overwrite (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  CoExportDialog *dialog;

  if (co_test_desk_skip_without_display ())
    return;
  output = g_build_filename (fixture->desk.media_dir, "talk.edl", NULL);
  g_file_set_contents (output, "keep me", -1, &error);
  g_assert_no_error (error);
  dialog = open_export (fixture, CO_EXPORT_EDL, output);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* An existing file is not touched before the person says so. */
  co_export_dialog_start (dialog);
  g_assert_cmpint (co_export_dialog_get_state (dialog), ==, CO_EXPORT_DIALOG_CONFIRM);
  g_assert_nonnull (co_export_dialog_get_confirmation (dialog));
  g_assert_null (co_export_dialog_get_job (dialog));
  adw_message_dialog_response (co_export_dialog_get_confirmation (dialog), "cancel");
  g_assert_cmpint (co_export_dialog_get_state (dialog), ==, CO_EXPORT_DIALOG_IDLE);
  g_file_get_contents (output, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "keep me");
  g_clear_pointer (&text, g_free);

  /* Replace writes the export over it. */
  co_export_dialog_start (dialog);
  adw_message_dialog_response (co_export_dialog_get_confirmation (dialog), "replace");
  g_assert_nonnull (co_export_dialog_get_job (dialog));
  wait_for_dialog (&dialog, CO_EXPORT_DIALOG_DONE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (dialog);
  g_file_get_contents (output, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "TITLE:"));
}

static void
test_export_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *output = NULL;
  CoExportDialog *dialog;
  const char *text;

  if (co_test_desk_skip_without_display ())
    return;
  output = g_build_filename (fixture->desk.media_dir, "no-such-folder", "talk.csv", NULL);
  dialog = open_export (fixture, CO_EXPORT_AUDITION_CSV, output);
  co_export_dialog_start (dialog);
  wait_for_dialog (&dialog, CO_EXPORT_DIALOG_FAILED);
  text = co_export_dialog_get_error_text (dialog);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "talk.csv"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

  g_test_add ("/app/export/premiere-xml", Fixture, NULL, fixture_set_up, test_export_premiere,
              fixture_tear_down);
  g_test_add ("/app/export/overwrite-asks", Fixture, NULL, fixture_set_up,
              test_export_overwrite, fixture_tear_down);
  g_test_add ("/app/export/error-names-file", Fixture, NULL, fixture_set_up, test_export_error,
              fixture_tear_down);

  return g_test_run ();
}
