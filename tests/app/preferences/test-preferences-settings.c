/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "co-app-settings.h"
#include "co-assets.h"
#include "co-export-dialog.h"
#include "co-importer.h"
#include "co-preferences-window.h"
#include "co-test-desk.h"
#include "co-test-media.h"
#include "co-test-util.h"

/* The Preferences and the settings schema: every key is shown (or listed
 * below as internal, with the reason), opening and closing the window
 * changes no value, the controls write their keys, and the keys reach what
 * the app makes. */

#define WAIT_MS 30000

/* Keys no Preferences control shows, and why. */
static const struct
{
  const char *key;
  const char *reason;
} internal_keys[] = {
  { "window-width", "the window's size, remembered when it closes" },
  { "window-height", "the window's size, remembered when it closes" },
  { "window-maximized", "the window's state, remembered when it closes" },
  { "sidebar-section", "the section shown last, remembered" },
  { "vault-sort", "chosen in the Vault view's own sort menu" },
  { "vault-type-filter", "chosen in the Vault view's own type menu" },
  { "api-base-x", "a service address for test servers, set with gsettings or the environment" },
  { "api-base-linkedin", "a service address for test servers" },
  { "api-base-youtube", "a service address for test servers" },
  { "api-base-youtube-upload", "a service address for test servers" },
  { "api-base-instagram", "a service address for test servers" },
  { "api-base-oauth-x", "a sign-in address for test servers" },
  { "api-base-oauth-linkedin", "a sign-in address for test servers" },
  { "api-base-oauth-instagram", "a sign-in address for test servers" },
  { "api-base-oauth-youtube", "a sign-in address for test servers" },
  { "oauth-client-id-x", "the public client id of a self-built copy, set by its builder" },
  { "oauth-client-id-linkedin", "the public client id of a self-built copy, set by its builder" },
  { "oauth-client-id-instagram", "the public client id of a self-built copy, set by its builder" },
  { "oauth-client-id-youtube", "the public client id of a self-built copy, set by its builder" },
  { "api-base-llm", "an entry of the Language Model group, checked and kept when applied" },
  { "llm-model", "an entry of the Language Model group, kept when applied" },
};

typedef struct
{
  CoTestDesk  desk;
  GSettings  *settings;
} Fixture;

static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  g_assert_nonnull (source);
  return g_settings_schema_source_lookup (source, APP_ID, TRUE);
}

/* Puts every key back to its default; the memory backend lives as long as
 * the process. */
static void
reset_keys (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_auto(GStrv) keys = g_settings_schema_list_keys (schema);

  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();

  g_assert_nonnull (schema);
  fixture->settings = g_settings_new_full (schema, NULL, NULL);
  reset_keys (fixture->settings);
  if (co_test_desk_set_up (&fixture->desk))
    co_test_desk_open_window (&fixture->desk, WAIT_MS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_desk_tear_down (&fixture->desk, WAIT_MS);
  g_clear_object (&fixture->settings);
}

static const char *
internal_reason (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (internal_keys); i++)
    if (g_str_equal (internal_keys[i].key, key))
      return internal_keys[i].reason;
  return NULL;
}

/* A value of @key that is not its default, with more digits than a
 * control shows for doubles, so that rounding on display would show. */
static GVariant *
other_value (GSettingsSchemaKey *key)
{
  g_autoptr(GVariant) fallback = g_settings_schema_key_get_default_value (key);
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) detail = NULL;
  g_autofree char *kind = NULL;
  const GVariantType *type = g_settings_schema_key_get_value_type (key);
  double low = 0, high = 100;

  g_variant_get (range, "(sv)", &kind, &detail);
  if (g_str_equal (kind, "enum"))
    {
      gsize n = g_variant_n_children (detail);
      GVariant *last = g_variant_get_child_value (detail, n - 1);

      if (!g_variant_equal (last, fallback))
        return last;
      g_variant_unref (last);
      return g_variant_get_child_value (detail, 0);
    }
  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    return g_variant_new_boolean (!g_variant_get_boolean (fallback));
  /* A folder is a path; every other string an address. */
  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    return g_variant_new_string (g_str_has_suffix (g_settings_schema_key_get_name (key), "-folder")
                                 ? "/nonexistent/co-media-host" : "http://127.0.0.1:9");
  if (g_str_equal (kind, "range"))
    {
      g_autoptr(GVariant) min = g_variant_get_child_value (detail, 0);
      g_autoptr(GVariant) max = g_variant_get_child_value (detail, 1);

      low = g_variant_is_of_type (min, G_VARIANT_TYPE_INT32) ? g_variant_get_int32 (min)
                                                              : g_variant_get_double (min);
      high = g_variant_is_of_type (max, G_VARIANT_TYPE_INT32) ? g_variant_get_int32 (max)
                                                               : g_variant_get_double (max);
    }
  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    return g_variant_new_int32 ((gint32) (low + (high - low) * 0.7));
  g_assert_true (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE));
  return g_variant_new_double (low + (high - low) * 0.3137);
}

/* Gives every key of the schema a value other than its default. */
static void
set_other_values (Fixture *fixture)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_auto(GStrv) keys = g_settings_schema_list_keys (schema);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      g_autoptr(GVariant) value = g_variant_take_ref (other_value (key));

      g_assert_true (g_settings_set_value (fixture->settings, keys[i], value));
    }
}

/* Every value of the schema and the library's quota, as text. */
static char *
snapshot (Fixture *fixture)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_auto(GStrv) keys = g_settings_schema_list_keys (schema);
  GString *text = g_string_new (NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (fixture->settings, keys[i]);
      g_autofree char *shown = g_variant_print (value, TRUE);

      g_string_append_printf (text, "%s=%s\n", keys[i], shown);
    }
  g_string_append_printf (text, "quota=%" G_GINT64_FORMAT "\n",
                          co_assets_get_quota_limit (fixture->desk.store));
  return g_string_free (text, FALSE);
}

static GtkWidget *
open_preferences (Fixture *fixture)
{
  GtkWidget *preferences = co_preferences_window_new (fixture->desk.store,
                                                      co_window_get_job_queue (
                                                        fixture->desk.window),
                                                      fixture->settings);

  gtk_window_present (GTK_WINDOW (preferences));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return preferences;
}

static void
collect_pages (GtkWidget *widget,
               GPtrArray *pages)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* The pages the window switches between, not those inside its search. */
      if (ADW_IS_PREFERENCES_PAGE (child) && ADW_IS_VIEW_STACK (widget))
        g_ptr_array_add (pages, child);
      collect_pages (child, pages);
    }
}

/* Shows each page in turn, as a person looking around would. */
static void
visit_pages (GtkWidget *preferences)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  collect_pages (preferences, pages);
  /* General, Storage and Media at least. */
  g_assert_cmpuint (pages->len, >=, 3);
  for (guint i = 0; i < pages->len; i++)
    {
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                               pages->pdata[i]);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
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

/* Issue 12: opening Preferences reset a quota below 1 GiB to 1 GiB. */
static void
test_open_changes_nothing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *preferences;

  if (co_test_desk_skip_without_display ())
    return;
  set_other_values (fixture);
  g_assert_true (co_assets_set_quota_limit (fixture->desk.store, 300 * 1024 * 1024, &error));
  g_assert_no_error (error);
  before = snapshot (fixture);
  preferences = open_preferences (fixture);
  visit_pages (preferences);
  close_preferences (preferences);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);

  /* And with every key at its default. */
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  reset_keys (fixture->settings);
  before = snapshot (fixture);
  close_preferences (open_preferences (fixture));
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* What a control shows, as the key's value would print. */
static char *
shown_value (GtkWidget          *control,
             GSettingsSchemaKey *key)
{
  const GVariantType *type = g_settings_schema_key_get_value_type (key);

  if (ADW_IS_COMBO_ROW (control))
    {
      g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
      g_autoptr(GVariant) choices = NULL;
      g_autoptr(GVariant) choice = NULL;
      g_autofree char *kind = NULL;

      g_variant_get (range, "(sv)", &kind, &choices);
      choice = g_variant_get_child_value (choices,
                                          adw_combo_row_get_selected (ADW_COMBO_ROW (control)));
      return g_variant_print (choice, TRUE);
    }
  /* A folder shows as its row's subtitle, an address as its entry's text
   * (a spin button is editable too, but shows a number). */
  if (ADW_IS_ACTION_ROW (control) || ADW_IS_ENTRY_ROW (control))
    {
      g_autoptr(GVariant) text = NULL;

      g_assert_true (g_variant_type_equal (type, G_VARIANT_TYPE_STRING));
      text = g_variant_ref_sink (g_variant_new_string (
        ADW_IS_ACTION_ROW (control) ? adw_action_row_get_subtitle (ADW_ACTION_ROW (control))
                                    : gtk_editable_get_text (GTK_EDITABLE (control))));
      return g_variant_print (text, TRUE);
    }
  g_assert_true (GTK_IS_SPIN_BUTTON (control));
  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    return g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (control)));
  return g_strdup_printf ("%.6f", gtk_spin_button_get_value (GTK_SPIN_BUTTON (control)));
}

static char *
setting_value (GSettings          *settings,
               GSettingsSchemaKey *key)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings,
                                                    g_settings_schema_key_get_name (key));

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return g_strdup_printf ("%.6f", g_variant_get_double (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_strdup_printf ("%d", g_variant_get_int32 (value));
  return g_variant_print (value, TRUE);
}

/* Every key has a control that shows its value, or a reason not to. */
static void
test_every_key_shown (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_auto(GStrv) keys = g_settings_schema_list_keys (schema);
  GtkWidget *preferences;
  guint n_shown = 0;

  if (co_test_desk_skip_without_display ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (internal_keys); i++)
    {
      /* An allowance for a key that is gone would hide nothing; drop it. */
      g_assert_true (g_settings_schema_has_key (schema, internal_keys[i].key));
      g_assert_cmpstr (internal_keys[i].reason, !=, "");
    }
  set_other_values (fixture);
  preferences = open_preferences (fixture);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      GtkWidget *control = co_test_desk_find_named (preferences, keys[i]);
      g_autofree char *shown = NULL;
      g_autofree char *stored = NULL;

      if (control == NULL)
        {
          if (internal_reason (keys[i]) == NULL)
            g_error ("Preferences do not show “%s”, and it is not listed as internal", keys[i]);
          continue;
        }
      shown = shown_value (control, key);
      stored = setting_value (fixture->settings, key);
      g_test_message ("%s: shows %s, holds %s", keys[i], shown, stored);
      g_assert_cmpstr (shown, ==, stored);
      n_shown++;
    }
  /* Analysis 4, subtitles 3, export 1, posts 2, jobs 1, style 1, media host 2. */
  g_assert_cmpuint (n_shown, >=, 14);
  close_preferences (preferences);
}

/* The controls write their keys. */
static void
test_controls_write (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *preferences;
  g_autofree char *fps = NULL;

  if (co_test_desk_skip_without_display ())
    return;
  preferences = open_preferences (fixture);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (co_test_desk_find_named (preferences,
                                                                       "subtitle-max-chars")),
                             30);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (co_test_desk_find_named (preferences,
                                                                       "subtitle-max-cps")),
                             12.5);
  adw_combo_row_set_selected (ADW_COMBO_ROW (co_test_desk_find_named (preferences, "export-fps")),
                              3);
  adw_combo_row_set_selected (ADW_COMBO_ROW (co_test_desk_find_named (preferences,
                                                                      "missed-posts")), 2);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "subtitle-max-chars"), ==, 30);
  g_assert_cmpfloat (g_settings_get_double (fixture->settings, "subtitle-max-cps"), ==, 12.5);
  fps = g_settings_get_string (fixture->settings, "export-fps");
  g_assert_cmpstr (fps, ==, "29.97");
  g_clear_pointer (&fps, g_free);
  fps = g_settings_get_string (fixture->settings, "missed-posts");
  g_assert_cmpstr (fps, ==, "skip");
  close_preferences (preferences);
}

/* The keys reach the options the app builds. */
static void
test_read_by_app (Fixture       *fixture,
                  gconstpointer  data)
{
  CoCueRules rules;
  CoRate rate;

  co_app_settings_get_cue_rules (NULL, &rules);
  g_assert_cmpint (rules.max_chars_per_line, ==, 42);
  rate = co_app_settings_get_export_rate (NULL);
  g_assert_cmpint (rate.num, ==, 0);

  g_settings_set_int (fixture->settings, "subtitle-max-chars", 30);
  g_settings_set_int (fixture->settings, "subtitle-max-lines", 1);
  g_settings_set_double (fixture->settings, "subtitle-max-cps", 12.5);
  g_settings_set_string (fixture->settings, "export-fps", "29.97");
  co_app_settings_get_cue_rules (fixture->settings, &rules);
  g_assert_cmpint (rules.max_chars_per_line, ==, 30);
  g_assert_cmpint (rules.max_lines, ==, 1);
  g_assert_cmpfloat (rules.max_cps, ==, 12.5);
  rate = co_app_settings_get_export_rate (fixture->settings);
  g_assert_cmpint (rate.num, ==, 30000);
  g_assert_cmpint (rate.den, ==, 1001);
}

static gboolean
job_finished (gpointer job)
{
  return co_job_is_finished (job);
}

/* An export of a sound from the Export dialog counts in the export-fps
 * frames and keeps the subtitle rules in its job. */
static void
test_export_dialog_reads (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  g_autofree char *wav = NULL;
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_autoptr(JsonNode) root = NULL;
  CoAnalysisParams params;
  CoExportDialog *dialog;
  JsonObject *object;
  CoJob *job;
  gint64 id;

  if (co_test_desk_skip_without_display ())
    return;
  wav = co_test_media_write_audio (fixture->desk.media_dir, "tone.wav", CO_TEST_AUDIO_WAV, 1.5);
  id = co_importer_import_file (fixture->desk.vault, wav, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  item = co_vault_get (fixture->desk.vault, id, &error);
  g_assert_no_error (error);
  path = co_store_dup_blob_path (fixture->desk.store, co_vault_item_get_sha256 (item));
  output = g_build_filename (fixture->desk.dir, "tone.xml", NULL);
  g_settings_set_string (fixture->settings, "export-fps", "24");
  g_settings_set_int (fixture->settings, "subtitle-max-chars", 30);
  co_analysis_params_init (&params);
  dialog = co_export_dialog_new (GTK_WINDOW (fixture->desk.window),
                                 co_window_get_job_queue (fixture->desk.window), item, path,
                                 &params);
  co_export_dialog_set_settings (dialog, fixture->settings);
  co_export_dialog_set_output (dialog, output);
  co_export_dialog_start (dialog);
  job = co_export_dialog_get_job (dialog);
  g_assert_nonnull (job);
  root = json_from_string (co_job_get_params (job), &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "rate_num"), ==, 24);
  g_assert_cmpint (json_object_get_int_member (object, "rate_den"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "max_chars"), ==, 30);
  g_assert_true (co_test_wait_until (job_finished, job, WAIT_MS));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);
  co_test_media_init ();

#define ADD(path, func) \
  g_test_add ("/app/preferences/settings/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("open-changes-nothing", test_open_changes_nothing);
  ADD ("every-key-shown", test_every_key_shown);
  ADD ("controls-write", test_controls_write);
  ADD ("read-by-app", test_read_by_app);
  ADD ("export-dialog-reads", test_export_dialog_reads);
#undef ADD
  return g_test_run ();
}
