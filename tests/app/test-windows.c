/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "co-application.h"
#include "co-drafts.h"
#include "co-importer.h"
#include "co-media-page.h"
#include "co-test-desk.h"
#include "co-test-media.h"
#include "co-test-util.h"
#include "co-window.h"

/* Every window and dialog the app has, opened the way a user opens it: the
 * real application, started on a library with an item shown in the Media
 * view, then each action of the menus and shortcuts in turn.  A window no
 * test opens can crash (the shortcuts window once did). */

#define WAIT_MS 30000

typedef struct
{
  char       *dir;
  gint64      item;
  gint64      draft;
  char       *help_log;
  guint       opened;
} Run;

static gboolean
window_ready (gpointer data)
{
  return co_window_get_ready (data) && co_window_get_vault (data) != NULL;
}

static gboolean
action_enabled (gpointer data)
{
  GtkWindow *window = data;

  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export");
}

/* The toplevel that is not one of @before, mapped and given its size. */
static GtkWindow *
find_new_toplevel (GList *before)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_list_find (before, window) == NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          gtk_widget_get_width (GTK_WIDGET (window)) > 0)
        return window;
    }
  return NULL;
}

static gboolean
new_toplevel_shown (gpointer data)
{
  return find_new_toplevel (data) != NULL;
}

static GList *
list_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GList *list = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      list = g_list_prepend (list, window);
    }
  return list;
}

/* Activates @action on @group, with @param (floating, or %NULL), and checks
 * that a new window is shown, with content and a size; then closes it. */
static void
open_and_close_with (Run          *run,
                     GActionGroup *group,
                     const char   *action,
                     GVariant     *param)
{
  g_autoptr(GList) before = list_toplevels ();
  GtkWindow *shown;

  g_test_message ("Opening %s", action);
  g_assert_true (g_action_group_get_action_enabled (group, action));
  g_action_group_activate_action (group, action, param);
  g_assert_true (co_test_wait_until (new_toplevel_shown, before, WAIT_MS));
  shown = find_new_toplevel (before);
  g_assert_nonnull (gtk_window_get_child (shown));
  gtk_window_destroy (shown);
  run->opened++;
}

static void
open_and_close (Run          *run,
                GActionGroup *group,
                const char   *action)
{
  open_and_close_with (run, group, action, NULL);
}

static void
open_chart_export (Run      *run,
                   CoWindow *window)
{
  CoAnalyticsPage *page = co_window_get_analytics_page (window);
  g_autoptr(GList) before = list_toplevels ();
  GtkWindow *shown;

  g_test_message ("Opening card.export");
  co_window_show_section (window, "analytics");
  g_assert_true (gtk_widget_activate_action (
    GTK_WIDGET (co_analytics_page_get_card (page, CO_ANALYTICS_CHART_VIEWS)), "card.export", "s",
    "png"));
  g_assert_true (co_test_wait_until (new_toplevel_shown, before, WAIT_MS));
  shown = find_new_toplevel (before);
  g_assert_nonnull (gtk_window_get_child (shown));
  gtk_window_destroy (shown);
  run->opened++;
}

/* The help is a help: URI for the desktop's help browser; a test handler
 * for the scheme writes what it was given to a file. */
static void
install_help_handler (Run *run)
{
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *desktop = NULL;
  g_autofree char *desktop_path = NULL;
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_autoptr(GError) error = NULL;

  run->help_log = g_build_filename (run->dir, "help-uri.txt", NULL);
  /* The handler's shell writes the URI it got to the file, in one
   * rename, so that the test never reads it half written. */
  desktop = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test help browser\n"
                             "Exec=sh -c 'echo \"$0\" > %s.part && mv %s.part %s' %%u\n"
                             "MimeType=x-scheme-handler/help;\n",
                             run->help_log, run->help_log, run->help_log);
  desktop_path = g_build_filename (apps, "co-test-help.desktop", NULL);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (desktop_path, desktop, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                      "x-scheme-handler/help=co-test-help.desktop\n", -1, &error));
  g_assert_no_error (error);
}

static gboolean
help_opened (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
drive_cb (GApplication *app,
          Run          *run)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *help = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (CO_IS_WINDOW (window));
  g_assert_true (co_test_wait_until (window_ready, window, WAIT_MS));
  /* Opened on an item, the export is on at once, whichever section the
   * window started in. */
  g_assert_true (co_test_wait_until (action_enabled, window, WAIT_MS));

  open_and_close (run, G_ACTION_GROUP (app), "preferences");
  open_and_close (run, G_ACTION_GROUP (app), "shortcuts");
  open_and_close (run, G_ACTION_GROUP (app), "about");
  open_and_close (run, G_ACTION_GROUP (window), "export");
  /* The cloud mirror's conflicts, as the indicator's popover opens them. */
  open_and_close (run, G_ACTION_GROUP (window), "mirror-conflicts");
  /* The approvals inbox, the deals view and the ideas, from the main menu. */
  open_and_close (run, G_ACTION_GROUP (window), "approvals");
  open_and_close (run, G_ACTION_GROUP (window), "deals");
  open_and_close (run, G_ACTION_GROUP (window), "ideas");
  /* Publishing: a draft's Publish dialog, as its editor opens it, and the Outbox. */
  open_and_close_with (run, G_ACTION_GROUP (window), "publish-draft",
                       g_variant_new_int64 (run->draft));
  open_and_close (run, G_ACTION_GROUP (window), "outbox");
  /* The Analytics section's export of a chart asks where to save it. */
  open_chart_export (run, CO_WINDOW (window));

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  g_assert_true (co_test_wait_until (help_opened, run->help_log, WAIT_MS));
  g_assert_true (g_file_get_contents (run->help_log, &help, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_strstrip (help), ==, "help:creatorops");

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* A draft for X, to publish. */
static gint64
make_draft (CoStore *store)
{
  g_autoptr(CoDrafts) drafts = co_drafts_new (store);
  CoPlatform platform = CO_PLATFORM_X;
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Teaser", "Out on Friday", &platform, 1, NULL, 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = co_drafts_create (drafts, &spec, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
make_library (const char *dir,
              gint64     *out_draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (dir, NULL, &error);
  g_autoptr(CoVault) vault = NULL;
  g_autofree char *media = co_test_make_temp_dir ("media");
  g_autofree char *wav = co_test_media_write_audio (media, "voice-over.wav", CO_TEST_AUDIO_WAV, 1.0);
  gint64 id;

  g_assert_no_error (error);
  vault = co_vault_new (store);
  id = co_importer_import_file (vault, wav, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  *out_draft = make_draft (store);
  g_assert_finalize_object (g_steal_pointer (&vault));
  g_assert_finalize_object (g_steal_pointer (&store));
  return id;
}

/* The last section was Media, so the window starts in it: the item shown
 * then must still enable the export. */
static void
remember_media_section (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_assert_true (g_settings_set_string (settings, "sidebar-section", "media"));
}

static void
test_every_window (void)
{
  Run run = { 0 };
  g_autoptr(CoApplication) app = NULL;
  g_autofree char *item = NULL;
  char *argv[6];

  if (co_test_desk_skip_without_display ())
    return;
  co_test_desk_restore_data_dirs ();
  run.dir = co_test_make_temp_dir ("library");
  run.item = make_library (run.dir, &run.draft);
  install_help_handler (&run);
  remember_media_section ();

  item = g_strdup_printf ("%" G_GINT64_FORMAT, run.item);
  argv[0] = (char *) "creatorops";
  argv[1] = (char *) "--data-dir";
  argv[2] = run.dir;
  argv[3] = (char *) "--show-item";
  argv[4] = item;
  argv[5] = NULL;
  app = co_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (drive_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 5, argv), ==, 0);
  g_assert_cmpuint (run.opened, ==, 11);
  g_free (run.dir);
  g_free (run.help_log);
}

int
main (int   argc,
      char *argv[])
{
  co_test_desk_init (&argc, &argv);
  co_test_media_init ();

  g_test_add_func ("/app/windows/every-window", test_every_window);

  return g_test_run ();
}
