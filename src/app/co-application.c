/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include <glib-unix.h>
#include <sys/resource.h>
#include <time.h>

#include "co-accounts-page.h"
#include "co-app-jobs.h"
#include "co-application.h"
#include "co-mirror-preferences.h"
#include "co-preferences-window.h"
#include "co-publish-service.h"
#include "co-subtitles-panel.h"
#include "co-window.h"

/* How long --screenshot waits for thumbnails after the first frame, and how
 * long it waits at all before it gives up. */
#define SCREENSHOT_SETTLE_USEC (3 * G_USEC_PER_SEC)
#define SCREENSHOT_TIMEOUT_SEC 60

struct _CoApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  CoJobQueue     *job_queue;
  CoPublishService *service;       /* --gapplication-service: the scheduler */
  guint           signal_ids[2];
  char           *data_dir;
  gint64          show_item;
  gboolean        show_subtitles;
  gboolean        transcribing;
  char           *screenshot_path;
  int             exit_status;
  gint64          start_time;
  gint64          first_frame_time;
  gulong          after_paint_id;
  guint           screenshot_timeout_id;
};

G_DEFINE_FINAL_TYPE (CoApplication, co_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the library in DIR instead of the default one"), N_("DIR") },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save the main window as a PNG image once it is shown, then quit"), N_("FILE") },
  { "show-item", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Open the vault item ID in the Media view"), N_("ID") },
  { "show-subtitles", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --show-item, show its subtitles, transcribing the speech when none are kept"),
    NULL },
  { NULL }
};

/* Color scheme: follow the system unless the user chose light or dark. */

static void
apply_color_scheme (CoApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_PREFER_LIGHT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
color_scheme_changed_cb (GSettings     *settings,
                         const char    *key,
                         CoApplication *self)
{
  apply_color_scheme (self);
}

/* The app runs uninstalled in tests and from the build tree, where its
 * schema may be missing: settings are then simply not remembered. */
static void
load_settings (CoApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("The settings schema %s is not installed; using defaults", APP_ID);
      return;
    }
  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_signal_connect (self->settings, "changed::color-scheme",
                    G_CALLBACK (color_scheme_changed_cb), self);
  apply_color_scheme (self);
}

/* --screenshot: wait until the vault is shown and drawn, give thumbnails a
 * moment, render the window with its own renderer and quit. */

static void arm_after_paint (CoApplication *self,
                             CoWindow      *window);

static void
finish_screenshot (CoApplication *self,
                   CoWindow      *window)
{
  g_autoptr(GError) error = NULL;

  if (!co_window_save_screenshot (window, self->screenshot_path, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING) && self->screenshot_timeout_id != 0)
    {
      /* A busy machine can run the idle before the frame that has the
       * content; wait for another frame, within the overall time limit. */
      arm_after_paint (self, window);
      gtk_widget_queue_draw (GTK_WIDGET (window));
      return;
    }
  g_clear_handle_id (&self->screenshot_timeout_id, g_source_remove);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      self->exit_status = 1;
    }
  else if (co_window_get_failed (window))
    {
      /* The error page was saved, but the library did not open. */
      self->exit_status = 2;
    }
  g_application_quit (G_APPLICATION (self));
}

static gboolean
take_screenshot_cb (gpointer data)
{
  CoApplication *self = CO_APPLICATION (g_application_get_default ());
  CoWindow *window = data;

  finish_screenshot (self, window);
  g_object_unref (window);
  return G_SOURCE_REMOVE;
}

/* With --show-item, the screenshot waits for the analysis to show. */
static gboolean
media_busy (CoApplication *self,
            CoWindow      *window)
{
  CoAnalysisState state;

  /* Without --show-item, the Media section is not built to ask. */
  if (self->show_item <= 0)
    return FALSE;
  state = co_media_page_get_state (co_window_get_media_page (window));
  return state == CO_ANALYSIS_STATE_LOADING || state == CO_ANALYSIS_STATE_ANALYSING;
}

/* With --show-subtitles, the screenshot waits for the subtitles, which it
 * makes from the speech when none are kept and the analysis is done. */
static gboolean
subtitles_busy (CoApplication *self,
                CoWindow      *window)
{
  CoSubtitlesPanel *panel;

  if (!self->show_subtitles)
    return FALSE;
  panel = co_media_page_get_subtitles (co_window_get_media_page (window));
  if (co_subtitles_panel_get_job (panel) != NULL)
    return TRUE;
  /* Transcribed once, successfully or not: show what there is. */
  if (self->transcribing || co_subtitles_panel_get_cues (panel)->len > 0 ||
      media_busy (self, window))
    return FALSE;
  self->transcribing = gtk_widget_activate_action (GTK_WIDGET (panel), "subtitles.transcribe",
                                                   NULL) &&
                       co_subtitles_panel_get_job (panel) != NULL;
  return self->transcribing;
}

/* CREATOROPS_TIMING: the wall time from the application's start to the
 * first frame that shows the library, and the CPU time spent until then by
 * the whole process (from exec, all threads) and by the main thread. */
static void
print_timing (CoApplication *self,
              gint64         now)
{
  struct rusage usage;
  struct timespec thread = { 0 };

  getrusage (RUSAGE_SELF, &usage);
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &thread);
  g_print ("first-frame-ms: %.1f\n", (now - self->start_time) / 1000.0);
  g_print ("first-frame-cpu-ms: %.1f\n",
           (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0);
  g_print ("first-frame-main-cpu-ms: %.1f\n", thread.tv_sec * 1000.0 + thread.tv_nsec / 1e6);
}

static void
after_paint_cb (GdkFrameClock *clock,
                CoWindow      *window)
{
  CoApplication *self = CO_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  gint64 now = g_get_monotonic_time ();

  if (!co_window_get_ready (window))
    return;
  if (self->first_frame_time == 0)
    {
      self->first_frame_time = now;
      if (g_getenv ("CREATOROPS_TIMING") != NULL)
        print_timing (self, now);
    }
  if ((co_vault_page_get_busy (co_window_get_vault_page (window)) || media_busy (self, window))
      && now - self->first_frame_time < SCREENSHOT_SETTLE_USEC)
    return;
  if (subtitles_busy (self, window))
    return;

  g_clear_signal_handler (&self->after_paint_id, clock);
  g_idle_add (take_screenshot_cb, g_object_ref (window));
}

static void
queue_draw_cb (GObject    *object,
               GParamSpec *pspec,
               GtkWidget  *window)
{
  gtk_widget_queue_draw (window);
}

static gboolean
screenshot_timeout_cb (gpointer data)
{
  CoApplication *self = data;

  self->screenshot_timeout_id = 0;
  g_printerr (_("Cannot save “%s”: the window was not ready after %d seconds\n"),
              self->screenshot_path, SCREENSHOT_TIMEOUT_SEC);
  self->exit_status = 1;
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
arm_after_paint (CoApplication *self,
                 CoWindow      *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), window);
}

static void
arm_screenshot (CoApplication *self,
                CoWindow      *window)
{
  arm_after_paint (self, window);
  g_signal_connect_object (window, "notify::ready", G_CALLBACK (queue_draw_cb), window, 0);
  g_signal_connect_object (co_window_get_vault_page (window), "notify::busy",
                           G_CALLBACK (queue_draw_cb), window, 0);
  if (self->show_item > 0)
    g_signal_connect_object (co_window_get_media_page (window), "notify::state",
                             G_CALLBACK (queue_draw_cb), window, 0);
  self->screenshot_timeout_id = g_timeout_add_seconds (SCREENSHOT_TIMEOUT_SEC,
                                                       screenshot_timeout_cb, self);
}

/* --show-item: open the item in the Media view once the library is open. */
static void
show_item_cb (CoWindow      *window,
              GParamSpec    *pspec,
              CoApplication *self)
{
  if (co_window_get_vault (window) == NULL)
    return;
  g_signal_handlers_disconnect_by_func (window, show_item_cb, self);
  co_window_show_media (window, self->show_item);
  if (self->show_subtitles)
    co_media_page_show_subtitles (co_window_get_media_page (window));
}

/* Actions. */

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window lets it save its size and cancel its work. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
  g_application_quit (G_APPLICATION (app));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CoApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  CoVault *vault = CO_IS_WINDOW (window) ? co_window_get_vault (CO_WINDOW (window)) : NULL;
  CoPublishController *publish;
  GtkWidget *preferences;

  if (vault == NULL)
    return;
  preferences = co_preferences_window_new (co_vault_get_store (vault), self->job_queue,
                                           self->settings);
  if (co_window_get_mirror (CO_WINDOW (window)) != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (preferences),
                                ADW_PREFERENCES_PAGE (co_mirror_preferences_new (
                                                        co_window_get_mirror (CO_WINDOW (window)))));
  publish = co_window_get_publish (CO_WINDOW (window));
  if (publish != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (preferences),
                                ADW_PREFERENCES_PAGE (co_accounts_page_new (publish)));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *overlay;

  builder = gtk_builder_new_from_resource ("/io/github/creatorops/CreatorOps/help-overlay.ui");
  overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (overlay, window);
  gtk_window_present (overlay);
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri (window, "help:creatorops", GDK_CURRENT_TIME);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { _("The CreatorOps developers"), NULL };

  adw_show_about_window (window,
                         "application-icon", APP_ID,
                         "application-name", _("CreatorOps"),
                         "developer-name", _("The CreatorOps developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Collect inspiration, analyse footage and prepare posts, offline first."),
                         "website", "https://github.com/creatorops/creatorops",
                         "issue-url", "https://github.com/creatorops/creatorops/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "help", help_action },
  { "about", about_action },
};

/* Every accelerator is listed in ui/help-overlay.ui as well. */
static const struct
{
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "app.help", { "F1", NULL } },
  { "win.import", { "<Control>o", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.trash", { "Delete", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.paste", { "<Control>v", NULL } },
  { "win.show-jobs", { "<Control><Shift>j", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

/* GApplication vfuncs. */

static int
co_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CoApplication *self = CO_APPLICATION (app);

  g_variant_dict_lookup (options, "data-dir", "^ay", &self->data_dir);
  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot_path);
  g_variant_dict_lookup (options, "show-item", "x", &self->show_item);
  g_variant_dict_lookup (options, "show-subtitles", "b", &self->show_subtitles);

  /* A screenshot or another library is a separate instance, never a second
   * window of one already running. */
  if (self->screenshot_path != NULL || self->data_dir != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  return -1;
}

/* The background service: --gapplication-service opens the library without
 * a window and runs its scheduler until SIGTERM or SIGINT (or app.quit). */
static gboolean
quit_signal_cb (gpointer data)
{
  g_message ("Stopping the background service");
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_CONTINUE;
}

static void
start_service (CoApplication *self)
{
  g_autoptr(GError) error = NULL;

  self->service = co_publish_service_new (self->data_dir, self->settings, &error);
  if (self->service == NULL)
    {
      g_printerr ("%s\n", error->message);
      self->exit_status = 1;
      g_application_quit (G_APPLICATION (self));
      return;
    }
  /* The service runs until it is stopped, not until it is idle. */
  g_application_hold (G_APPLICATION (self));
  self->signal_ids[0] = g_unix_signal_add (SIGTERM, quit_signal_cb, self);
  self->signal_ids[1] = g_unix_signal_add (SIGINT, quit_signal_cb, self);
}

static void
co_application_startup (GApplication *app)
{
  CoApplication *self = CO_APPLICATION (app);

  G_APPLICATION_CLASS (co_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
  load_settings (self);
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    start_service (self);
}

static void
co_application_activate (GApplication *app)
{
  CoApplication *self = CO_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  window = GTK_WINDOW (co_window_new (GTK_APPLICATION (self), self->settings));
  if (self->show_item > 0)
    g_signal_connect (window, "notify::ready", G_CALLBACK (show_item_cb), self);
  /* The library opens in a worker while the window is shown. */
  co_window_open_library (CO_WINDOW (window), self->data_dir);
  gtk_window_present (window);
  if (self->screenshot_path != NULL)
    arm_screenshot (self, CO_WINDOW (window));
}

/* Jobs still running stop, stay queued in the library and run again on
 * the next start; the wait for their workers is bounded. */
static void
co_application_shutdown (GApplication *app)
{
  CoApplication *self = CO_APPLICATION (app);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);
  if (self->service != NULL)
    co_publish_service_stop (self->service);
  g_clear_object (&self->service);
  if (self->job_queue != NULL)
    co_app_jobs_shutdown (self->job_queue, CO_APP_JOBS_SHUTDOWN_TIMEOUT_MS);
  g_clear_object (&self->job_queue);

  G_APPLICATION_CLASS (co_application_parent_class)->shutdown (app);
}

static void
co_application_finalize (GObject *object)
{
  CoApplication *self = (CoApplication *)object;

  g_clear_handle_id (&self->screenshot_timeout_id, g_source_remove);
  g_clear_object (&self->job_queue);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->screenshot_path, g_free);

  G_OBJECT_CLASS (co_application_parent_class)->finalize (object);
}

static void
co_application_class_init (CoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = co_application_finalize;
  app_class->handle_local_options = co_application_handle_local_options;
  app_class->startup = co_application_startup;
  app_class->activate = co_application_activate;
  app_class->shutdown = co_application_shutdown;
}

static void
co_application_init (CoApplication *self)
{
  self->start_time = g_get_monotonic_time ();
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("CreatorOps: a workspace for video creators."));
}

/**
 * co_application_new:
 *
 * Returns: (transfer full): the application
 */
CoApplication *
co_application_new (void)
{
  return g_object_new (CO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/creatorops/CreatorOps",
                       NULL);
}

/** co_application_get_settings: @self: the app  Returns: (transfer none) (nullable): its settings */
GSettings *
co_application_get_settings (CoApplication *self)
{
  g_return_val_if_fail (CO_IS_APPLICATION (self), NULL);
  return self->settings;
}

/** co_application_get_exit_status: @self: the app  Returns: 0, or non-zero if --screenshot failed */
int
co_application_get_exit_status (CoApplication *self)
{
  g_return_val_if_fail (CO_IS_APPLICATION (self), 1);
  return self->exit_status;
}

/**
 * co_application_ensure_job_queue:
 * @self: the app
 * @vault: the open library's vault
 *
 * The application's one job queue: made over @vault's store on the first call,
 * with its runners registered and the jobs of the last session resumed.
 *
 * Returns: (transfer none): the queue
 */
CoJobQueue *
co_application_ensure_job_queue (CoApplication *self,
                                 CoVault       *vault)
{
  g_return_val_if_fail (CO_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (CO_IS_VAULT (vault), NULL);

  if (self->job_queue == NULL)
    self->job_queue = co_app_jobs_new_queue (vault, self->settings);
  return self->job_queue;
}

/** co_application_get_job_queue: @self: the app  Returns: (transfer none) (nullable): its job queue */
CoJobQueue *
co_application_get_job_queue (CoApplication *self)
{
  g_return_val_if_fail (CO_IS_APPLICATION (self), NULL);
  return self->job_queue;
}
