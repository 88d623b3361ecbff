/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "co-app-jobs.h"
#include "co-application.h"
#include "co-deal-reminders.h"
#include "co-error.h"
#include "co-import-bar.h"
#include "co-import-controller.h"
#include "co-jobs-button.h"
#include "co-media-page.h"
#include "co-mirror-indicator.h"
#include "co-network-indicator.h"
#include "co-publish-service.h"
#include "co-sidebar.h"
#include "co-store-error.h"
#include "co-ui-util.h"
#include "co-window-private.h"

/* How many toasts' texts a window keeps, for co_window_find_toast(). */
#define KEPT_TOASTS 64

struct _CoWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  CoSidebar            *sidebar;
  AdwWindowTitle       *content_title;
  CoJobsButton         *jobs_button;
  CoMirrorIndicator    *mirror_indicator;
  CoNetworkIndicator   *network_indicator;
  CoImportBar          *import_bar;
  GtkStack             *section_stack;
  CoVaultPage          *vault_page;
  /* The other sections are children of section_stack once built: see
   * ensure_section(). */

  /* Owned: the settings, and what cancels the opening of the library. */
  GSettings            *settings;
  GCancellable         *cancellable;

  /* Owned: the open library, its job queue (the application's, or the
   * window's own without one) and the imports the window starts. */
  CoStore              *store;
  CoVault              *vault;
  CoDrafts             *drafts;
  CoJobQueue           *job_queue;
  gboolean              owns_job_queue;
  CoImportController   *imports;
  CoMirrorController   *mirror;      /* the cloud mirror's background sync */
  CoPublishController  *publish;     /* accounts, outbox, publishing, the scheduler */
  CoDealReminders      *deal_reminders; /* what brand deals have due */
  CoVaultModel         *trash_counter; /* the trash badge's count until the Trash is built */

  /* Owned: what the window says. */
  gboolean              failed;      /* the library could not be opened */
  GArray               *trashed;     /* ids, most recent last, for Undo */
  GPtrArray            *toasts;        /* the latest toasts' texts, oldest first */
  guint                 n_toasts;      /* every toast shown so far */
};

G_DEFINE_FINAL_TYPE (CoWindow, co_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Library opening. */

static void
show_error (CoWindow     *self,
            const GError *error)
{
  const char *suggestion = co_error_get_suggestion (error);
  g_autofree char *text = suggestion
                          ? g_strdup_printf ("%s\n\n%s", error->message, suggestion)
                          : g_strdup (error->message);

  self->failed = TRUE;
  adw_status_page_set_description (self->error_page, text);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CoStore *store = CO_STORE (object);
  g_autoptr(CoWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) damaged = NULL;
  g_autofree char *report = NULL;
  g_autofree char *title = NULL;

  co_store_check_integrity_finish (store, result, &report, &error);
  if (co_error_is_cancelled (error))
    return;
  /* A read-only or full disk is said as such, not as damage. */
  if (error != NULL && !g_error_matches (error, CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT))
    {
      g_message ("%s", error->message);
      show_error (self, error);
      return;
    }
  if (error != NULL)
    {
      g_set_error (&damaged, CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT,
                   _("The library database “%s” is damaged and was not changed: %s"),
                   co_store_get_database_path (store), error->message);
      g_message ("%s", damaged->message);
      show_error (self, damaged);
      return;
    }
  if (g_strcmp0 (report, "ok") == 0)
    return;
  title = g_strdup_printf (_("The start-up check of the library found: %s"), report);
  co_window_add_toast (self, adw_toast_new (title));
}

/* Runs the start-up integrity check; what it finds is shown, a damaged
 * database replaces the vault with the error page.  It starts from a
 * low-priority idle, after the frame that shows the vault, so that reading
 * the whole database does not compete with drawing it. */
static gboolean
start_integrity_check_cb (gpointer data)
{
  CoWindow *self = data;

  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  co_store_check_integrity_async (self->store, FALSE, NULL, check_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
report_integrity (CoWindow *self)
{
  g_idle_add_full (G_PRIORITY_LOW, start_integrity_check_cb, g_object_ref (self), g_object_unref);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CoWindow) self = user_data;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(CoVault) vault = NULL;
  g_autoptr(GError) error = NULL;

  store = co_store_new_finish (result, &error);
  if (co_error_is_cancelled (error))
    return;
  if (store == NULL)
    {
      /* Not a warning: the window shows it, and the terminal keeps a copy. */
      g_message ("%s", error->message);
      show_error (self, error);
      return;
    }
  vault = co_vault_new (store);
  co_window_set_vault (self, vault);
  report_integrity (self);
}

/* Sections.  Only the vault is in the template: the others are built the
 * first time they are shown or asked for, so that the start builds and lays
 * out the vault alone (issue 17).  Nothing may build a section just to look
 * at it: find_section() says whether it is there. */

/* The sections built on demand, in the order of the sidebar. */
static const struct
{
  const char *name;
  const char *title;   /* the header bar's, when the stack page names it */
} lazy_sections[] = {
  { "media", NULL },
  { "drafts", N_("Drafts") },
  { "calendar", N_("Calendar") },
  { "analytics", N_("Analytics") },
  { "trash", NULL },
};

static GtkWidget *
find_section (CoWindow   *self,
              const char *name)
{
  return gtk_stack_get_child_by_name (self->section_stack, name);
}

/* The item of the Media section, without building it. */
CoVaultItem *
_co_window_get_media_item (CoWindow *self)
{
  GtkWidget *media = find_section (self, "media");

  return media != NULL ? co_media_page_get_item (CO_MEDIA_PAGE (media)) : NULL;
}

static void
update_title (CoWindow *self)
{
  CoVaultPage *page = co_window_get_visible_page (self);
  CoVaultItem *item = _co_window_get_media_item (self);
  guint n = 0;
  g_autofree char *subtitle = NULL;
  GtkWidget *section = gtk_stack_get_visible_child (self->section_stack);

  /* The planning sections are named by their stack page. */
  if (CO_IS_DRAFTS_PAGE (section) || CO_IS_CALENDAR_PAGE (section) ||
      CO_IS_ANALYTICS_PAGE (section))
    {
      adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (
                                    gtk_stack_get_page (self->section_stack, section)));
      adw_window_title_set_subtitle (self->content_title, NULL);
      return;
    }
  if (page == NULL)
    {
      adw_window_title_set_title (self->content_title, _("Media"));
      adw_window_title_set_subtitle (self->content_title,
                                     item != NULL ? co_vault_item_get_title (item) : NULL);
      return;
    }
  g_object_get (page, "n-items", &n, NULL);
  subtitle = g_strdup_printf (ngettext ("%u item", "%u items", n), n);
  adw_window_title_set_title (self->content_title,
                              page != self->vault_page ? _("Trash") : _("Vault"));
  adw_window_title_set_subtitle (self->content_title, self->vault ? subtitle : NULL);
}

static void
count_changed_cb (CoVaultPage *page,
                  GParamSpec  *pspec,
                  CoWindow    *self)
{
  guint n = 0;

  g_object_get (page, "n-items", &n, NULL);
  co_sidebar_set_count (self->sidebar, page != self->vault_page ? "trash" : "vault", n);
  update_title (self);
}

static void
trash_counted_cb (CoVaultModel *counter,
                  GParamSpec   *pspec,
                  CoWindow     *self)
{
  co_sidebar_set_count (self->sidebar, "trash", g_list_model_get_n_items (G_LIST_MODEL (counter)));
}

/* Until the Trash is first shown, the badge beside it counts the trash
 * without building the page: as the page would, with its default filter. */
static void
count_trash (CoWindow *self)
{
  CoVaultQuery query = { .trash = CO_VAULT_TRASH_ONLY };

  if (find_section (self, "trash") != NULL)
    return;
  self->trash_counter = co_vault_model_new_for_query (self->vault, &query);
  g_signal_connect_object (self->trash_counter, "notify::n-items", G_CALLBACK (trash_counted_cb),
                           self, 0);
  trash_counted_cb (self->trash_counter, NULL, self);
}

/* Gives a section the open library: when it is built, or when the library
 * opens after it was built. */
static void
set_up_section (CoWindow  *self,
                GtkWidget *page)
{
  if (self->vault == NULL)
    return;
  if (CO_IS_MEDIA_PAGE (page))
    co_media_page_set_library (CO_MEDIA_PAGE (page), self->vault, self->job_queue,
                               self->settings);
  else if (CO_IS_DRAFTS_PAGE (page))
    co_drafts_page_set_library (CO_DRAFTS_PAGE (page), self->drafts, self->vault, self->settings);
  else if (CO_IS_CALENDAR_PAGE (page))
    co_calendar_page_set_drafts (CO_CALENDAR_PAGE (page), self->drafts);
  else if (CO_IS_ANALYTICS_PAGE (page))
    co_analytics_page_set_store (CO_ANALYTICS_PAGE (page), self->store);
  else if (CO_IS_VAULT_PAGE (page) && page != GTK_WIDGET (self->vault_page))
    co_vault_page_set_vault (CO_VAULT_PAGE (page), self->vault);
}

static GtkWidget *
new_section (CoWindow   *self,
             const char *name)
{
  GtkWidget *page;

  if (g_str_equal (name, "media"))
    return g_object_new (CO_TYPE_MEDIA_PAGE, NULL);
  if (g_str_equal (name, "drafts"))
    return g_object_new (CO_TYPE_DRAFTS_PAGE, NULL);
  if (g_str_equal (name, "calendar"))
    return g_object_new (CO_TYPE_CALENDAR_PAGE, NULL);
  if (g_str_equal (name, "analytics"))
    return g_object_new (CO_TYPE_ANALYTICS_PAGE, NULL);
  g_assert (g_str_equal (name, "trash"));
  /* From now on the Trash page's own count makes the badge. */
  g_clear_object (&self->trash_counter);
  page = co_vault_page_new (TRUE);
  g_signal_connect (page, "notify::n-items", G_CALLBACK (count_changed_cb), self);
  return page;
}

/* Returns the section @name, built now if it was not yet; "vault" and
 * unknown names give the vault. */
static GtkWidget *
ensure_section (CoWindow   *self,
                const char *name)
{
  GtkWidget *page;

  for (guint i = 0; i < G_N_ELEMENTS (lazy_sections); i++)
    {
      if (g_strcmp0 (name, lazy_sections[i].name) != 0)
        continue;
      page = find_section (self, name);
      if (page != NULL)
        return page;
      page = new_section (self, name);
      gtk_stack_add_titled (self->section_stack, page, name,
                            lazy_sections[i].title ? _(lazy_sections[i].title) : NULL);
      set_up_section (self, page);
      return page;
    }
  return GTK_WIDGET (self->vault_page);
}

static void
section_changed_cb (CoSidebar  *sidebar,
                    GParamSpec *pspec,
                    CoWindow   *self)
{
  const char *section = co_sidebar_get_section (sidebar);

  ensure_section (self, section);
  gtk_stack_set_visible_child_name (self->section_stack, section);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "sidebar-section", section);
  update_title (self);
  _co_window_update_actions (self);
}

static void
back_clicked_cb (GtkButton *button,
                 CoWindow  *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
focus_changed_cb (CoWindow   *self,
                  GParamSpec *pspec,
                  gpointer    data)
{
  _co_window_update_actions (self);
}

/* Drag and drop. */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CoWindow      *self)
{
  return co_window_handle_drop (self, value);
}

/* Import: the drop target, the file chooser and paste all end in
 * co_window_import_paths(), which hands the files to the import controller;
 * the newest running import shows its progress in the import bar. */

static void
import_toast_cb (CoImportController *imports,
                 const char         *text,
                 guint               timeout,
                 CoWindow           *self)
{
  AdwToast *toast = adw_toast_new (text);

  if (timeout > 0)
    adw_toast_set_timeout (toast, timeout);
  co_window_add_toast (self, toast);
}

static void
setup_imports (CoWindow *self)
{
  self->imports = co_import_controller_new (self->vault, self->job_queue, self->settings);
  g_signal_connect_object (self->imports, "toast", G_CALLBACK (import_toast_cb), self, 0);
  g_object_bind_property (self->imports, "job", self->import_bar, "job", G_BINDING_SYNC_CREATE);
}

/* Screenshots and the window. */

static gboolean
co_window_close_request (GtkWindow *window)
{
  CoWindow *self = CO_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (co_window_parent_class)->close_request (window);
}

static void
co_window_dispose (GObject *object)
{
  CoWindow *self = (CoWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->imports);
  if (self->mirror != NULL)
    co_mirror_controller_stop (self->mirror);
  g_clear_object (&self->mirror);
  if (self->publish != NULL)
    co_publish_controller_stop (self->publish);
  g_clear_object (&self->publish);
  if (self->deal_reminders != NULL)
    co_deal_reminders_stop (self->deal_reminders);
  g_clear_object (&self->deal_reminders);
  g_clear_object (&self->trash_counter);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_WINDOW);
  /* A window without the application owns its queue and stops it here;
   * the application's queue stops when the application quits. */
  if (self->job_queue != NULL && self->owns_job_queue)
    co_app_jobs_shutdown (self->job_queue, CO_APP_JOBS_SHUTDOWN_TIMEOUT_MS);
  g_clear_object (&self->job_queue);
  g_clear_object (&self->drafts);
  g_clear_object (&self->vault);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (co_window_parent_class)->dispose (object);
}

static void
co_window_finalize (GObject *object)
{
  CoWindow *self = (CoWindow *)object;

  g_clear_pointer (&self->trashed, g_array_unref);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);

  G_OBJECT_CLASS (co_window_parent_class)->finalize (object);
}

static void
co_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, co_window_get_ready (CO_WINDOW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_window_class_init (CoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = co_window_dispose;
  object_class->finalize = co_window_finalize;
  object_class->get_property = co_window_get_property;
  window_class->close_request = co_window_close_request;

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CO_TYPE_VAULT_PAGE);
  g_type_ensure (CO_TYPE_JOBS_BUTTON);
  g_type_ensure (CO_TYPE_SIDEBAR);
  g_type_ensure (CO_TYPE_IMPORT_BAR);
  g_type_ensure (CO_TYPE_MIRROR_INDICATOR);
  g_type_ensure (CO_TYPE_NETWORK_INDICATOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoWindow, name)
  BIND (toast_overlay);
  BIND (main_stack);
  BIND (error_page);
  BIND (leaflet);
  BIND (sidebar);
  BIND (content_title);
  BIND (jobs_button);
  BIND (mirror_indicator);
  BIND (network_indicator);
  BIND (import_bar);
  BIND (section_stack);
  BIND (vault_page);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, section_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, count_changed_cb);
}

static void
co_window_init (CoWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->trashed = g_array_new (FALSE, FALSE, sizeof (gint64));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->section_stack), GTK_EVENT_CONTROLLER (target));

  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_changed_cb), NULL);
  _co_window_install_actions (self);
  _co_window_update_actions (self);
}

/**
 * co_window_new:
 * @application: (nullable): the application
 * @settings: (nullable): the application's settings, when the schema is installed
 *
 * Returns: (transfer full): a new main window showing "loading" until a
 *   library is opened or set
 */
CoWindow *
co_window_new (GtkApplication *application,
               GSettings      *settings)
{
  CoWindow *self = g_object_new (CO_TYPE_WINDOW, "application", application, NULL);
  g_autofree char *section = NULL;

  if (settings == NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);
      return self;
    }
  self->settings = g_object_ref (settings);
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  co_vault_page_set_settings (self->vault_page, settings);
  section = g_settings_get_string (settings, "sidebar-section");
  co_window_show_section (self, section);
  return self;
}

/**
 * co_window_open_library:
 * @self: the window
 * @data_dir: (nullable): the library folder, or %NULL for the default
 *
 * Opens the store in a worker thread (the integrity check reads the whole
 * database) and then shows the vault, or an error page if the database is
 * damaged; a damaged database is left untouched.
 */
void
co_window_open_library (CoWindow   *self,
                        const char *data_dir)
{
  g_return_if_fail (CO_IS_WINDOW (self));

  /* The integrity check runs after the vault is shown (report_integrity), so
   * a large library does not hold back the first frame. */
  co_store_new_async (data_dir, CO_STORE_OPEN_DEFER_CHECK, self->cancellable, open_done_cb,
                      g_object_ref (self));
}

static void
setup_jobs (CoWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (CO_IS_APPLICATION (app))
    self->job_queue = g_object_ref (co_application_ensure_job_queue (CO_APPLICATION (app),
                                                                     self->vault));
  else
    {
      /* A window on its own (the GUI tests) runs a queue of its own. */
      self->job_queue = co_app_jobs_new_queue (self->vault, self->settings);
      self->owns_job_queue = TRUE;
    }
  co_jobs_button_set_queue (self->jobs_button, self->job_queue);
  setup_imports (self);
}

/* The cloud mirror follows the library's changes; a failed sync is said in
 * a toast that names the server and the reason. */
static void
mirror_failed_cb (CoMirrorController *mirror,
                  const char         *text,
                  CoWindow           *self)
{
  co_window_add_toast (self, adw_toast_new (text));
}

static void
setup_mirror (CoWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->mirror = co_mirror_controller_new (self->vault, self->drafts, &error);
  if (self->mirror == NULL)
    {
      g_message ("%s", error->message);
      co_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  g_signal_connect_object (self->mirror, "failed", G_CALLBACK (mirror_failed_cb), self, 0);
  co_mirror_indicator_set_controller (self->mirror_indicator, self->mirror);
}

/* Publishing: a toast when a post went out, with a button that opens it,
 * and one for what a pass in the background found. */
static void
published_cb (CoPublishController *publish,
              const char          *text,
              const char          *url,
              CoWindow            *self)
{
  AdwToast *toast = adw_toast_new (text);

  if (url != NULL)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-uri");
      adw_toast_set_action_target_value (toast, g_variant_new_string (url));
    }
  co_window_add_toast (self, toast);
}

static void
publish_message_cb (CoPublishController *publish,
                    const char          *text,
                    CoWindow            *self)
{
  co_window_add_toast (self, adw_toast_new (text));
}

/* Seconds after the library opens before the scheduler's first pass. */
#define FIRST_SCHEDULER_PASS_S 5

static void
setup_publish (CoWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->publish = co_publish_controller_new (self->store, self->drafts, self->settings, &error);
  if (self->publish == NULL)
    {
      g_message ("%s", error->message);
      co_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  g_signal_connect_object (self->publish, "published", G_CALLBACK (published_cb), self, 0);
  g_signal_connect_object (self->publish, "message", G_CALLBACK (publish_message_cb), self, 0);
  co_network_indicator_set_controller (self->network_indicator, self->publish);
  co_publish_start_scheduler (self->publish, self->settings, FIRST_SCHEDULER_PASS_S);
}

/* Seconds between two checks of what brand deals have due. */
#define DEAL_REMINDERS_INTERVAL_S 600

static AdwToast *
deals_toast (const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.deals");
  return toast;
}

static void
deals_listed_cb (CoDealReminders *reminders,
                 guint            n,
                 const char      *text,
                 CoWindow        *self)
{
  co_window_add_toast (self, deals_toast (text));
}

/* Said in the window and, for when it is not looked at, on the desktop. */
static void
deal_remind_cb (CoDealReminders *reminders,
                gint64           deal_id,
                const char      *title,
                const char      *body,
                CoWindow        *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *text = g_strdup_printf (_("Due now: %s"), title);

  co_window_add_toast (self, deals_toast (text));
  if (app != NULL)
    {
      g_autoptr(GNotification) notification = g_notification_new (text);
      g_autofree char *id = g_strdup_printf ("deal-%" G_GINT64_FORMAT, deal_id);

      g_notification_set_body (notification, body);
      g_application_send_notification (G_APPLICATION (app), id, notification);
    }
}

static void
setup_deal_reminders (CoWindow *self)
{
  self->deal_reminders = co_deal_reminders_new (self->store);
  g_signal_connect_object (self->deal_reminders, "listed", G_CALLBACK (deals_listed_cb), self, 0);
  g_signal_connect_object (self->deal_reminders, "remind", G_CALLBACK (deal_remind_cb), self, 0);
  co_deal_reminders_start (self->deal_reminders, DEAL_REMINDERS_INTERVAL_S);
}

/**
 * co_window_set_vault:
 * @self: the window
 * @vault: an open vault
 *
 * Shows @vault in the Vault and Trash sections.
 */
void
co_window_set_vault (CoWindow *self,
                     CoVault  *vault)
{
  g_return_if_fail (CO_IS_WINDOW (self));
  g_return_if_fail (CO_IS_VAULT (vault));
  g_return_if_fail (self->vault == NULL);

  self->vault = g_object_ref (vault);
  self->store = g_object_ref (co_vault_get_store (vault));
  co_vault_page_set_vault (self->vault_page, vault);
  self->drafts = co_drafts_new (self->store);
  setup_jobs (self);
  for (guint i = 0; i < G_N_ELEMENTS (lazy_sections); i++)
    {
      GtkWidget *page = find_section (self, lazy_sections[i].name);

      if (page != NULL)
        set_up_section (self, page);
    }
  count_trash (self);
  setup_mirror (self);
  setup_publish (self);
  setup_deal_reminders (self);
  gtk_stack_set_visible_child_name (self->main_stack, "library");
  update_title (self);
  _co_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

/**
 * co_window_get_mirror:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the cloud mirror's controller, once a library is open
 */
CoMirrorController *
co_window_get_mirror (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return self->mirror;
}

/**
 * co_window_get_publish:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): publishing (accounts, outbox, the
 *   scheduler), once a library is open
 */
CoPublishController *
co_window_get_publish (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return self->publish;
}

/** co_window_get_network_indicator: @self: the window  Returns: (transfer none): the indicator */
CoNetworkIndicator *
co_window_get_network_indicator (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return self->network_indicator;
}

/** co_window_get_mirror_indicator: @self: the window  Returns: (transfer none): the indicator */
CoMirrorIndicator *
co_window_get_mirror_indicator (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return self->mirror_indicator;
}

/** co_window_get_vault: @self: the window  Returns: (transfer none) (nullable): the vault */
CoVault *
co_window_get_vault (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return self->vault;
}

/**
 * co_window_get_ready:
 * @self: the window
 *
 * Returns: %TRUE once the window shows either a populated vault or the error page
 */
gboolean
co_window_get_ready (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), FALSE);
  return self->failed || co_vault_page_get_populated (self->vault_page);
}

/** co_window_get_failed: @self: the window  Returns: whether the library failed to open */
gboolean
co_window_get_failed (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), FALSE);
  return self->failed;
}

/** co_window_get_vault_page: @self: the window  Returns: (transfer none): the Vault section */
CoVaultPage *
co_window_get_vault_page (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return self->vault_page;
}

/**
 * co_window_get_trash_page:
 * @self: the window
 *
 * Returns: (transfer none): the Trash section, built now if it was not yet
 */
CoVaultPage *
co_window_get_trash_page (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return CO_VAULT_PAGE (ensure_section (self, "trash"));
}

/**
 * co_window_get_visible_page:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the shown vault section, or %NULL
 *   while the Media section is shown
 */
CoVaultPage *
co_window_get_visible_page (CoWindow *self)
{
  GtkWidget *child;

  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  child = gtk_stack_get_visible_child (self->section_stack);
  return CO_IS_VAULT_PAGE (child) ? CO_VAULT_PAGE (child) : NULL;
}

/**
 * co_window_get_media_page:
 * @self: the window
 *
 * Returns: (transfer none): the Media section, built now if it was not yet
 */
CoMediaPage *
co_window_get_media_page (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return CO_MEDIA_PAGE (ensure_section (self, "media"));
}

/**
 * co_window_get_drafts_page:
 * @self: the window
 *
 * Returns: (transfer none): the Drafts section, built now if it was not yet
 */
CoDraftsPage *
co_window_get_drafts_page (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return CO_DRAFTS_PAGE (ensure_section (self, "drafts"));
}

/**
 * co_window_get_calendar_page:
 * @self: the window
 *
 * Returns: (transfer none): the Calendar section, built now if it was not yet
 */
CoCalendarPage *
co_window_get_calendar_page (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return CO_CALENDAR_PAGE (ensure_section (self, "calendar"));
}

/**
 * co_window_get_analytics_page:
 * @self: the window
 *
 * Returns: (transfer none): the Analytics section, built now if it was not yet
 */
CoAnalyticsPage *
co_window_get_analytics_page (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return CO_ANALYTICS_PAGE (ensure_section (self, "analytics"));
}

/** co_window_get_jobs_button: @self: the window  Returns: (transfer none): the header bar's jobs button */
CoJobsButton *
co_window_get_jobs_button (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return self->jobs_button;
}

/**
 * co_window_get_job_queue:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the job queue of the open library
 */
CoJobQueue *
co_window_get_job_queue (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return self->job_queue;
}

/**
 * co_window_show_media:
 * @self: the window
 * @id: a video or audio item of the vault
 *
 * Opens @id in the Media section; an item without sound or video gets a
 * toast saying so.
 *
 * Returns: %TRUE if the item is shown
 */
gboolean
co_window_show_media (CoWindow *self,
                      gint64    id)
{
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CO_IS_WINDOW (self), FALSE);

  if (self->vault == NULL)
    return FALSE;
  item = co_vault_get (self->vault, id, &error);
  if (item != NULL && !co_app_jobs_can_analyse (item))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("“%s” has no sound or video to show in the Media view"),
                 co_vault_item_get_title (item));
  if (error != NULL)
    {
      co_window_add_toast (self, adw_toast_new (error->message));
      return FALSE;
    }
  co_media_page_set_item (co_window_get_media_page (self), item);
  co_window_show_section (self, "media");
  update_title (self);
  /* The section may have been Media already (the last one, restored at
   * start), and then nothing else tells the actions that an item is shown. */
  _co_window_update_actions (self);
  return TRUE;
}

/**
 * co_window_show_section:
 * @self: the window
 * @section: "vault", "media", "drafts", "calendar", "analytics" or "trash"; anything else
 *   shows the vault
 */
void
co_window_show_section (CoWindow   *self,
                        const char *section)
{
  g_return_if_fail (CO_IS_WINDOW (self));
  co_sidebar_set_section (self->sidebar, section);
}

/**
 * co_window_import_paths:
 * @self: the window
 * @paths: (array zero-terminated=1): files to import
 *
 * The one import path of the window: drag and drop, the file chooser and
 * paste all come here.  The import is a job of the app's queue whose
 * progress shows under the header bar; when it is done, a toast says how
 * many files were imported and one toast per file names what was wrong
 * with it.
 */
void
co_window_import_paths (CoWindow           *self,
                        const char * const *paths)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CO_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  if (self->imports == NULL || paths[0] == NULL)
    return;
  if (co_import_controller_import (self->imports, paths, &error) == NULL)
    co_window_add_toast (self, adw_toast_new (error->message));
}

/**
 * co_window_import_files:
 * @self: the window
 * @files: a list of #GFile
 *
 * Imports local files; files without a local path are reported.
 */
void
co_window_import_files (CoWindow   *self,
                        GListModel *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint n;

  g_return_if_fail (CO_IS_WINDOW (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  n = g_list_model_get_n_items (files);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
      else
        {
          g_autofree char *uri = g_file_get_uri (file);
          g_autofree char *text = g_strdup_printf (_("“%s” is not a local file and cannot be imported"), uri);
          co_window_add_toast (self, adw_toast_new (text));
        }
    }
  g_ptr_array_add (paths, NULL);
  co_window_import_paths (self, (const char * const *)paths->pdata);
}

/**
 * co_window_handle_drop:
 * @self: the window
 * @value: what was dropped: a #GdkFileList
 *
 * What the window's drop target calls; tests call it too, so that a test
 * import goes exactly the way a drop does.
 *
 * Returns: %TRUE if the value held files
 */
gboolean
co_window_handle_drop (CoWindow     *self,
                       const GValue *value)
{
  g_autoptr(GListStore) files = NULL;
  GdkFileList *list;

  g_return_val_if_fail (CO_IS_WINDOW (self), FALSE);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->vault == NULL)
    return FALSE;
  list = g_value_get_boxed (value);
  files = g_list_store_new (G_TYPE_FILE);
  for (GSList *l = list ? gdk_file_list_get_files (list) : NULL; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  co_window_import_files (self, G_LIST_MODEL (files));
  return TRUE;
}

/** co_window_get_import_job: @self: the window  Returns: (transfer none) (nullable): the running import */
CoJob *
co_window_get_import_job (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  return self->imports != NULL ? co_import_controller_get_job (self->imports) : NULL;
}

/**
 * co_window_add_toast:
 * @self: the window
 * @toast: (transfer full): a toast
 */
void
co_window_add_toast (CoWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (CO_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (self->toasts == NULL)
    self->toasts = g_ptr_array_new_with_free_func (g_free);
  if (self->toasts->len == KEPT_TOASTS)
    g_ptr_array_remove_index (self->toasts, 0);
  g_ptr_array_add (self->toasts, g_strdup (adw_toast_get_title (toast)));
  self->n_toasts++;
  g_debug ("Toast: %s", adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/** co_window_get_last_toast: @self: the window  Returns: (nullable): the last toast's text */
const char *
co_window_get_last_toast (CoWindow *self)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  if (self->toasts == NULL || self->toasts->len == 0)
    return NULL;
  return g_ptr_array_index (self->toasts, self->toasts->len - 1);
}

/**
 * co_window_find_toast:
 * @self: the window
 * @text: what the toast says (part of its text)
 * @inout_seen: (inout): how many toasts were looked at before; on success,
 *   the count up to the one found
 *
 * Looks for a toast shown after the first @inout_seen ones that says @text,
 * oldest first, among the latest ones the window keeps: two toasts in quick
 * succession are both found.
 *
 * Returns: (nullable): the toast's text
 */
const char *
co_window_find_toast (CoWindow   *self,
                      const char *text,
                      guint      *inout_seen)
{
  guint first;

  g_return_val_if_fail (CO_IS_WINDOW (self), NULL);
  g_return_val_if_fail (text != NULL && inout_seen != NULL, NULL);

  if (self->toasts == NULL)
    return NULL;
  first = self->n_toasts - self->toasts->len;
  for (guint i = MAX (*inout_seen, first); i < self->n_toasts; i++)
    {
      const char *toast = g_ptr_array_index (self->toasts, i - first);

      if (strstr (toast, text) != NULL)
        {
          *inout_seen = i + 1;
          return toast;
        }
    }
  return NULL;
}

/**
 * co_window_trash_current:
 * @self: the window
 *
 * Moves the item in the details pane of the Vault section to the trash and
 * offers to undo it.
 *
 * Returns: %TRUE if an item was trashed
 */
gboolean
co_window_trash_current (CoWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  CoVaultItem *item;
  AdwToast *toast;
  gint64 id;

  g_return_val_if_fail (CO_IS_WINDOW (self), FALSE);

  item = co_vault_page_get_current_item (self->vault_page);
  if (self->vault == NULL || item == NULL || co_vault_item_get_trashed (item))
    return FALSE;
  id = co_vault_item_get_id (item);
  title = g_strdup_printf (_("“%s” moved to the trash"), co_vault_item_get_title (item));
  if (!co_vault_trash (self->vault, id, &error))
    {
      co_window_add_toast (self, adw_toast_new (error->message));
      return FALSE;
    }
  g_array_append_val (self->trashed, id);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.restore");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  co_window_add_toast (self, toast);
  _co_window_update_actions (self);
  return TRUE;
}

/**
 * co_window_undo_trash:
 * @self: the window
 *
 * Restores the item trashed last.
 *
 * Returns: %TRUE if an item was restored
 */
gboolean
co_window_undo_trash (CoWindow *self)
{
  gint64 id;

  g_return_val_if_fail (CO_IS_WINDOW (self), FALSE);

  if (self->trashed->len == 0)
    return FALSE;
  id = g_array_index (self->trashed, gint64, self->trashed->len - 1);
  _co_window_restore (self, id);
  return TRUE;
}

void
_co_window_restore (CoWindow *self,
                    gint64    id)
{
  g_autoptr(GError) error = NULL;

  for (guint i = self->trashed->len; i > 0; i--)
    if (g_array_index (self->trashed, gint64, i - 1) == id)
      g_array_remove_index (self->trashed, i - 1);
  if (self->vault == NULL)
    return;
  if (!co_vault_restore (self->vault, id, &error))
    co_window_add_toast (self, adw_toast_new (error->message));
  _co_window_update_actions (self);
}

/**
 * co_window_save_screenshot:
 * @self: a mapped window
 * @path: where to write the PNG
 * @error: return location for a #GError
 *
 * Renders the window as it is now, with its own renderer, and saves it.
 *
 * Returns: %TRUE if the PNG was written
 */
gboolean
co_window_save_screenshot (CoWindow    *self,
                           const char  *path,
                           GError     **error)
{
  g_return_val_if_fail (CO_IS_WINDOW (self), FALSE);

  return co_ui_save_screenshot (GTK_WIDGET (self), path, error);
}
