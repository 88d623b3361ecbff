/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-media-host-preferences.h"
#include "co-preferences-window.h"
#include "co-test-desk.h"
#include "co-test-util.h"

/* The Media Host group: the folder and the public address it keeps in the
 * settings once checked, what it refuses and why, and the environment's
 * media host shown and not changeable. */

#define WAIT_MS 30000

typedef struct
{
  CoTestDesk  desk;
  GSettings  *settings;
  GtkWidget  *group;
} Fixture;

static void
reset (GSettings *settings)
{
  g_settings_reset (settings, "media-host-folder");
  g_settings_reset (settings, "media-host-url");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_ID);
  reset (fixture->settings);
  g_unsetenv ("CREATOROPS_MEDIA_HOST_DIR");
  g_unsetenv ("CREATOROPS_MEDIA_HOST_URL");
  co_test_desk_set_up (&fixture->desk);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->group != NULL)
    g_assert_finalize_object (fixture->group);
  co_test_desk_tear_down (&fixture->desk, WAIT_MS);
  g_unsetenv ("CREATOROPS_MEDIA_HOST_DIR");
  g_unsetenv ("CREATOROPS_MEDIA_HOST_URL");
  reset (fixture->settings);
  g_object_unref (fixture->settings);
}

static gboolean
open_group (Fixture *fixture)
{
  if (co_test_desk_skip_without_display ())
    return FALSE;
  fixture->group = g_object_ref_sink (co_media_host_preferences_new (fixture->settings));
  return TRUE;
}

static const char *
status (Fixture *fixture)
{
  return co_media_host_preferences_get_status (CO_MEDIA_HOST_PREFERENCES (fixture->group));
}

static void
apply_url (Fixture    *fixture,
           const char *text)
{
  GtkWidget *row = co_test_desk_find_named (fixture->group, "media-host-url");

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static char *
setting (Fixture    *fixture,
         const char *key)
{
  return g_settings_get_string (fixture->settings, key);
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} StatusWait;

static gboolean
status_has (gpointer data)
{
  StatusWait *wait = data;
  const char *shown = status (wait->fixture);

  return shown != NULL && strstr (shown, wait->text) != NULL;
}

/* Chooses @folder as the dialog would, and waits until the status row
 * shows @expected. */
static void
choose_folder (Fixture    *fixture,
               const char *folder,
               const char *expected)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  StatusWait wait = { fixture, expected };

  co_media_host_preferences_choose_folder (CO_MEDIA_HOST_PREFERENCES (fixture->group), file);
  g_assert_true (co_test_wait_until (status_has, &wait, WAIT_MS));
  g_test_message ("%s: %s", folder, status (fixture));
}

static gboolean
has_error (Fixture    *fixture,
           const char *name)
{
  return gtk_widget_has_css_class (co_test_desk_find_named (fixture->group, name), "error");
}

/* A folder and an https address are kept, each as soon as it is checked. */
static void
test_keeps (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *folder = NULL;
  g_autofree char *url = NULL;
  GtkWidget *folder_row;

  if (!open_group (fixture))
    return;
  g_assert_nonnull (strstr (status (fixture), "nothing can be posted to Instagram"));
  choose_folder (fixture, fixture->desk.media_dir, "Enter its public address too");
  folder = setting (fixture, "media-host-folder");
  g_assert_cmpstr (folder, ==, fixture->desk.media_dir);
  folder_row = co_test_desk_find_named (fixture->group, "media-host-folder");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (folder_row)), ==,
                   fixture->desk.media_dir);
  g_assert_false (has_error (fixture, "media-host-folder"));

  apply_url (fixture, " https://media.example.org/creator ");
  url = setting (fixture, "media-host-url");
  g_assert_cmpstr (url, ==, "https://media.example.org/creator");
  g_assert_nonnull (strstr (status (fixture), "Instagram downloads"));
  g_assert_nonnull (strstr (status (fixture), "https://media.example.org/creator"));
  g_assert_false (has_error (fixture, "media-host-url"));

  /* This computer's http serves tests; the status says Instagram cannot
   * reach it. */
  apply_url (fixture, "http://127.0.0.1:8080/m");
  g_clear_pointer (&url, g_free);
  url = setting (fixture, "media-host-url");
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8080/m");
  g_assert_nonnull (strstr (status (fixture), "Instagram needs a public https address"));
}

/* Addresses Instagram could not download from are refused, by name. */
static void
test_bad_url (Fixture       *fixture,
              gconstpointer  data)
{
  const char *refused[] = {
    "ftp://example.org/media", "http://example.org/media", "https://", "example.org/media",
    "https://example.org/media?token=1",
  };

  if (!open_group (fixture))
    return;
  g_settings_set_string (fixture->settings, "media-host-url", "https://kept.example.org");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *url = NULL;

      apply_url (fixture, refused[i]);
      g_test_message ("%s: %s", refused[i], status (fixture));
      g_assert_nonnull (strstr (status (fixture), refused[i]));
      g_assert_nonnull (strstr (status (fixture), "public https address"));
      g_assert_true (has_error (fixture, "media-host-url"));
      url = setting (fixture, "media-host-url");
      g_assert_cmpstr (url, ==, "https://kept.example.org");
    }
  apply_url (fixture, "https://media.example.org");
  g_assert_false (has_error (fixture, "media-host-url"));
}

/* A folder that is missing, not a folder, or not writable is refused, by
 * name. */
static void
test_bad_folder (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *missing = NULL;
  g_autofree char *file = NULL;
  g_autofree char *kept = NULL;

  if (!open_group (fixture))
    return;
  missing = g_build_filename (fixture->desk.dir, "no-such-folder", NULL);
  file = co_test_write_file (fixture->desk.dir, "a-file.txt", "x", 1);
  choose_folder (fixture, missing, missing);
  g_assert_nonnull (strstr (status (fixture), "does not exist"));
  g_assert_true (has_error (fixture, "media-host-folder"));
  choose_folder (fixture, file, file);
  g_assert_nonnull (strstr (status (fixture), "is not a folder"));
  /* Nobody may make files in /proc, root included. */
  choose_folder (fixture, "/proc", "“/proc” cannot be used");
  g_assert_nonnull (strstr (status (fixture), "cannot write in it"));
  kept = setting (fixture, "media-host-folder");
  g_assert_cmpstr (kept, ==, "");

  choose_folder (fixture, fixture->desk.dir, "Enter its public address too");
  g_assert_false (has_error (fixture, "media-host-folder"));
}

/* The environment's media host wins: shown, and not changeable here. */
static void
test_environment (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *folder_row;
  GtkWidget *url_row;
  g_autofree char *folder = NULL;

  g_settings_set_string (fixture->settings, "media-host-folder", "/srv/settings");
  g_settings_set_string (fixture->settings, "media-host-url", "https://settings.example.org");
  g_setenv ("CREATOROPS_MEDIA_HOST_DIR", "/srv/from-env", TRUE);
  g_setenv ("CREATOROPS_MEDIA_HOST_URL", "https://env.example.org/m", TRUE);
  if (!open_group (fixture))
    return;
  folder_row = co_test_desk_find_named (fixture->group, "media-host-folder");
  url_row = co_test_desk_find_named (fixture->group, "media-host-url");
  g_assert_false (gtk_widget_get_sensitive (folder_row));
  g_assert_false (gtk_widget_get_sensitive (url_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (folder_row)), ==,
                   "/srv/from-env");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==,
                   "https://env.example.org/m");
  g_assert_nonnull (strstr (status (fixture), "CREATOROPS_MEDIA_HOST_DIR"));
  g_assert_nonnull (strstr (status (fixture), "environment"));
  folder = setting (fixture, "media-host-folder");
  g_assert_cmpstr (folder, ==, "/srv/settings");
}

/* Scrolls to the end of the page, where the group is, once the page has
 * been laid out. */
static gboolean
scrolled_to_end (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (data);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  gtk_adjustment_set_value (adjustment, end);
  return end > 0 && gtk_adjustment_get_value (adjustment) == end;
}

/* The group on the Media page of the Preferences window, as a picture. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *shot = NULL;
  GtkWidget *preferences;
  GtkWidget *url_row;

  if (co_test_desk_skip_without_display ())
    return;
  co_test_desk_open_window (&fixture->desk, WAIT_MS);
  g_settings_set_string (fixture->settings, "media-host-folder", "/srv/www/media");
  g_settings_set_string (fixture->settings, "media-host-url", "https://media.example.org");
  preferences = co_preferences_window_new (fixture->desk.store,
                                           co_window_get_job_queue (fixture->desk.window),
                                           fixture->settings);
  gtk_window_present (GTK_WINDOW (preferences));
  url_row = co_test_desk_find_named (preferences, "media-host-url");
  g_assert_nonnull (url_row);
  adw_preferences_window_set_visible_page (
    ADW_PREFERENCES_WINDOW (preferences),
    ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (url_row, ADW_TYPE_PREFERENCES_PAGE)));
  g_assert_true (co_test_wait_until (scrolled_to_end,
                                     gtk_widget_get_ancestor (url_row, GTK_TYPE_SCROLLED_WINDOW),
                                     WAIT_MS));
  shot = co_test_desk_screenshot_window (&fixture->desk, preferences, "media-host.png", WAIT_MS);
  g_test_message ("Screenshot: %s", shot);
  g_object_ref (preferences);
  gtk_window_destroy (GTK_WINDOW (preferences));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (preferences);
}

int
main (int   argc,
      char *argv[])
{
  co_test_desk_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/app/preferences/media-host/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("keeps", test_keeps);
  ADD ("bad-url", test_bad_url);
  ADD ("bad-folder", test_bad_folder);
  ADD ("environment", test_environment);
  ADD ("screenshot", test_screenshot);
#undef ADD
  return g_test_run ();
}
