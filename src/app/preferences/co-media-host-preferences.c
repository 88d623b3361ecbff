/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-error.h"
#include "co-media-host-preferences.h"
#include "co-publish-media-host.h"
#include "co-service-config.h"

/* The Media Host group of the Media page: the folder a web server publishes
 * and its public address (keys media-host-folder, media-host-url), from
 * which Instagram downloads what is posted (co-publish-media-host.c).  Each
 * is checked by the sync library before it is kept; the status row says
 * where files go, or why not.  When the environment sets the media host,
 * it wins (co_service_config_apply_environment()): the rows then show its
 * values and cannot be changed. */

struct _CoMediaHostPreferences
{
  AdwPreferencesGroup  parent_instance;

  /* Template children. */
  AdwActionRow        *folder_row;
  AdwEntryRow         *url_row;
  AdwActionRow        *status_row;

  /* Owned. */
  GSettings           *settings;
  GCancellable        *cancellable;
  char                *status;
};

G_DEFINE_FINAL_TYPE (CoMediaHostPreferences, co_media_host_preferences,
                     ADW_TYPE_PREFERENCES_GROUP)

static void
set_status (CoMediaHostPreferences *self,
            const char             *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  adw_action_row_set_subtitle (self->status_row, status);
}

static void
show_folder (CoMediaHostPreferences *self,
             const char             *folder)
{
  adw_action_row_set_subtitle (self->folder_row,
                               folder != NULL && folder[0] != '\0' ? folder : _("None chosen"));
}

/* Says where files to post go, once both halves are set. */
static void
show_host (CoMediaHostPreferences *self)
{
  g_autoptr(CoServiceConfig) config = co_service_config_new ();
  g_autofree char *folder = g_settings_get_string (self->settings, "media-host-folder");
  g_autofree char *url = g_settings_get_string (self->settings, "media-host-url");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (folder[0] == '\0' || url[0] == '\0')
    set_status (self, folder[0] == '\0' && url[0] == '\0'
                      ? _("None is set up, so nothing can be posted to Instagram")
                      : folder[0] == '\0' ? _("Choose the folder too")
                                          : _("Enter its public address too"));
  else if (!co_service_config_set_media_host (config, folder, url, &error))
    set_status (self, error->message);
  else
    {
      text = g_str_has_prefix (url, "https:")
             ? g_strdup_printf (_("Instagram downloads the files put in %s from %s"), folder, url)
             : g_strdup_printf (_("Files put in %s are offered at %s, to this computer only: "
                                  "Instagram needs a public https address"), folder, url);
      set_status (self, text);
    }
}

static void
show_environment (CoMediaHostPreferences *self)
{
  g_autofree char *text = g_strdup_printf (_("Set by the environment variables %s and %s, "
                                             "which take precedence over Preferences"),
                                           CO_MEDIA_HOST_DIR_ENV, CO_MEDIA_HOST_URL_ENV);
  const char *url = g_getenv (CO_MEDIA_HOST_URL_ENV);

  show_folder (self, g_getenv (CO_MEDIA_HOST_DIR_ENV));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->folder_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), FALSE);
  set_status (self, text);
}

static void
show_refusal (CoMediaHostPreferences *self,
              GtkWidget              *row,
              const char             *message)
{
  gtk_widget_add_css_class (row, "error");
  set_status (self, message);
}

static void
keep (CoMediaHostPreferences *self,
      GtkWidget              *row,
      const char             *key,
      const char             *value)
{
  gtk_widget_remove_css_class (row, "error");
  g_settings_set_string (self->settings, key, value);
  show_host (self);
}

/* Callbacks. */

static void
folder_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CoMediaHostPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = co_publish_media_host_check_folder_finish (result, &error);

  if (folder == NULL)
    {
      if (!co_error_is_cancelled (error))
        show_refusal (self, GTK_WIDGET (self->folder_row), error->message);
      return;
    }
  show_folder (self, folder);
  keep (self, GTK_WIDGET (self->folder_row), "media-host-folder", folder);
}

static void
chooser_response_cb (GtkNativeDialog        *chooser,
                     int                     response,
                     CoMediaHostPreferences *self)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL)
    co_media_host_preferences_choose_folder (self, folder);
  g_object_unref (chooser);
}

static void
choose_clicked_cb (CoMediaHostPreferences *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  /* GtkFileDialog only arrives in GTK 4.10. */
  chooser = gtk_file_chooser_native_new (_("Media Host Folder"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
url_apply_cb (CoMediaHostPreferences *self)
{
  g_autofree char *url = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  g_autoptr(GError) error = NULL;

  g_strstrip (url);
  /* An empty address takes the media host away. */
  if (url[0] != '\0' && !co_service_config_check_media_url (url, &error))
    {
      show_refusal (self, GTK_WIDGET (self->url_row), error->message);
      return;
    }
  keep (self, GTK_WIDGET (self->url_row), "media-host-url", url);
}

/* GObject. */

static void
co_media_host_preferences_dispose (GObject *object)
{
  CoMediaHostPreferences *self = CO_MEDIA_HOST_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_MEDIA_HOST_PREFERENCES);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (co_media_host_preferences_parent_class)->dispose (object);
}

static void
co_media_host_preferences_class_init (CoMediaHostPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_media_host_preferences_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-media-host-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CoMediaHostPreferences, folder_row);
  gtk_widget_class_bind_template_child (widget_class, CoMediaHostPreferences, url_row);
  gtk_widget_class_bind_template_child (widget_class, CoMediaHostPreferences, status_row);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_apply_cb);
}

static void
co_media_host_preferences_init (CoMediaHostPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* Public API. */

/**
 * co_media_host_preferences_new:
 * @settings: the application's settings
 *
 * Returns: (transfer floating): the Media Host group
 */
GtkWidget *
co_media_host_preferences_new (GSettings *settings)
{
  CoMediaHostPreferences *self;
  g_autofree char *folder = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CO_TYPE_MEDIA_HOST_PREFERENCES, NULL);
  self->settings = g_object_ref (settings);
  if (co_service_config_media_host_in_environment ())
    {
      show_environment (self);
      return GTK_WIDGET (self);
    }
  folder = g_settings_get_string (settings, "media-host-folder");
  url = g_settings_get_string (settings, "media-host-url");
  show_folder (self, folder);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  show_host (self);
  return GTK_WIDGET (self);
}

/**
 * co_media_host_preferences_choose_folder:
 * @self: the group
 * @folder: the folder chosen
 *
 * What choosing a folder in the dialog does: checks @folder, then keeps it
 * in the settings or says why not in the status row.
 */
void
co_media_host_preferences_choose_folder (CoMediaHostPreferences *self,
                                         GFile                  *folder)
{
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (CO_IS_MEDIA_HOST_PREFERENCES (self));
  g_return_if_fail (G_IS_FILE (folder));

  path = g_file_get_path (folder);
  if (path == NULL)
    {
      uri = g_file_get_uri (folder);
      text = g_strdup_printf (_("The media folder “%s” cannot be used: a web server on this "
                                "computer cannot publish it"), uri);
      show_refusal (self, GTK_WIDGET (self->folder_row), text);
      return;
    }
  co_publish_media_host_check_folder_async (path, self->cancellable, folder_checked_cb,
                                            g_object_ref (self));
}

/**
 * co_media_host_preferences_get_status:
 * @self: the group
 *
 * Returns: (transfer none): what the status row says
 */
const char *
co_media_host_preferences_get_status (CoMediaHostPreferences *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_HOST_PREFERENCES (self), NULL);
  return self->status;
}
