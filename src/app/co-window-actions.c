/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-mirror-conflicts-window.h"
#include "co-application.h"
#include "co-approvals-window.h"
#include "co-deals-window.h"
#include "co-ideas-window.h"
#include "co-outbox-window.h"
#include "co-publish-dialog.h"
#include "co-trash-purge.h"
#include "co-ui-util.h"
#include "co-window-private.h"

/* The window's actions.  Their shortcuts are set by the application (see
 * co-application.c) and listed in ui/help-overlay.ui. */

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    CoWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      co_window_import_files (self, files);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
_co_window_choose_files (CoWindow *self)
{
  GtkFileChooserNative *chooser;

  /* GtkFileDialog only arrives in GTK 4.10. */
  chooser = gtk_file_chooser_native_new (_("Import Files"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
add_pasted_text (CoWindow   *self,
                 const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  const char *scheme;
  gint64 id;

  if (clean[0] == '\0')
    return;
  scheme = g_uri_peek_scheme (clean);
  if (scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"))
      && strchr (clean, '\n') == NULL)
    {
      id = co_vault_add_link (co_window_get_vault (self), clean, NULL, NULL, NULL, &error);
      message = g_strdup (_("Link added to the vault"));
    }
  else
    {
      /* The first line, cut to a sensible length, makes the note's title. */
      title = g_utf8_substring (clean, 0, MIN (60, g_utf8_strlen (clean, -1)));
      title[strcspn (title, "\n")] = '\0';
      id = co_vault_add_note (co_window_get_vault (self), title, clean, NULL, &error);
      message = g_strdup (_("Note added to the vault"));
    }
  co_window_add_toast (self, adw_toast_new (id > 0 ? message : error->message));
}

static void
paste_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CoWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (text != NULL && co_window_get_vault (self) != NULL)
    add_pasted_text (self, text);
}

static void
paste_files_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CoWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, &error);

  if (value != NULL)
    co_window_handle_drop (self, value);
}

void
_co_window_paste (CoWindow *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                    paste_files_cb, g_object_ref (self));
  else
    gdk_clipboard_read_text_async (clipboard, NULL, paste_text_cb, g_object_ref (self));
}

static void
import_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  _co_window_choose_files (CO_WINDOW (user_data));
}

static void
search_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  CoVaultPage *page = co_window_get_visible_page (CO_WINDOW (user_data));

  if (page != NULL)
    co_vault_page_focus_search (page);
}

static void
trash_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  co_window_trash_current (CO_WINDOW (user_data));
}

static void
empty_trash_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  co_trash_purge_ask (CO_WINDOW (user_data));
}

static void
restore_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  _co_window_restore (CO_WINDOW (user_data), g_variant_get_int64 (param));
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  co_window_undo_trash (CO_WINDOW (user_data));
}

static void
paste_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  _co_window_paste (CO_WINDOW (user_data));
}

static void
show_section_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  co_window_show_section (CO_WINDOW (user_data), g_variant_get_string (param, NULL));
}

static void
cancel_import_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CoJob *job = co_window_get_import_job (CO_WINDOW (user_data));

  if (job != NULL)
    co_job_cancel (job);
}

static void
open_media_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  co_window_show_media (CO_WINDOW (user_data), g_variant_get_int64 (param));
}

static void
show_jobs_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  co_jobs_button_popup (co_window_get_jobs_button (CO_WINDOW (user_data)));
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  CoMediaPage *page = co_window_get_media_page (CO_WINDOW (user_data));

  co_media_page_export (page, CO_EXPORT_PREMIERE_XML);
}

static void
show_file_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CoWindow) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder_uri = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply != NULL)
    return;
  /* Without a file manager service, open the folder itself. */
  folder_uri = g_object_steal_data (G_OBJECT (self), "co-show-folder");
  if (folder_uri != NULL)
    gtk_show_uri (GTK_WINDOW (self), folder_uri, GDK_CURRENT_TIME);
}

/* Shows an exported file in the file manager, selected when it can be. */
static void
show_file_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  CoWindow *self = CO_WINDOW (user_data);
  const char *path = g_variant_get_string (param, NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *folder_uri = g_filename_to_uri (dir, NULL, NULL);
  GDBusConnection *bus = g_application_get_dbus_connection (g_application_get_default ());
  const char *uris[] = { uri, NULL };

  if (uri == NULL || folder_uri == NULL)
    return;
  if (bus == NULL)
    {
      gtk_show_uri (GTK_WINDOW (self), folder_uri, GDK_CURRENT_TIME);
      return;
    }
  g_object_set_data_full (G_OBJECT (self), "co-show-folder", g_steal_pointer (&folder_uri),
                          g_free);
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          NULL, show_file_done_cb, g_object_ref (self));
}

static void
mirror_sync_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CoMirrorController *mirror = co_window_get_mirror (CO_WINDOW (user_data));

  if (mirror != NULL)
    co_mirror_controller_sync_now (mirror);
}

/* Brings the file of a mirrored item whose file is not here. */
static void
mirror_download_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  CoWindow *self = CO_WINDOW (user_data);
  CoMirrorController *mirror = co_window_get_mirror (self);
  g_autoptr(CoVaultItem) item = NULL;
  g_autoptr(GError) error = NULL;

  if (mirror == NULL)
    return;
  item = co_vault_get (co_window_get_vault (self), g_variant_get_int64 (param), &error);
  if (item == NULL)
    co_window_add_toast (self, adw_toast_new (error->message));
  else if (co_vault_item_get_sha256 (item) != NULL)
    co_mirror_controller_download (mirror, co_vault_item_get_sha256 (item));
}

static void
mirror_conflicts_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  CoWindow *self = CO_WINDOW (user_data);
  CoMirrorController *mirror = co_window_get_mirror (self);
  GtkWidget *conflicts;

  if (mirror == NULL)
    return;
  co_mirror_indicator_popdown (co_window_get_mirror_indicator (self));
  conflicts = co_mirror_conflicts_window_new (mirror);
  gtk_window_set_transient_for (GTK_WINDOW (conflicts), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (conflicts));
}

/* Shows @dialog over the window. */
static void
present_over (CoWindow  *self,
              GtkWidget *dialog)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
approvals_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  CoWindow *self = CO_WINDOW (user_data);
  CoVault *vault = co_window_get_vault (self);

  if (vault != NULL)
    present_over (self, co_approvals_window_new (co_vault_get_store (vault)));
}

static void
deals_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  CoWindow *self = CO_WINDOW (user_data);
  CoVault *vault = co_window_get_vault (self);

  if (vault != NULL)
    present_over (self, co_deals_window_new (co_vault_get_store (vault), g_get_real_time ()));
}

static void
ideas_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  CoWindow *self = CO_WINDOW (user_data);
  CoVault *vault = co_window_get_vault (self);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = CO_IS_APPLICATION (app) ? co_application_get_settings (CO_APPLICATION (app))
                                                : NULL;
  int limit = settings != NULL ? g_settings_get_int (settings, "instagram-hashtag-limit") : 0;

  if (vault != NULL)
    present_over (self, co_ideas_window_new (co_vault_get_store (vault), limit));
}

/* Publishing: the dialog of a draft, the outbox, and a post's address. */
static void
publish_draft_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CoWindow *self = CO_WINDOW (user_data);
  CoPublishController *publish = co_window_get_publish (self);

  if (publish != NULL)
    present_over (self, co_publish_dialog_new (publish, g_variant_get_int64 (param)));
}

static void
outbox_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  CoWindow *self = CO_WINDOW (user_data);
  CoPublishController *publish = co_window_get_publish (self);

  if (publish != NULL)
    present_over (self, co_outbox_window_new (publish));
}

static void
open_uri_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  gtk_show_uri (GTK_WINDOW (user_data), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

static const GActionEntry win_entries[] = {
  { "export", export_action },
  { "show-file", show_file_action, "s" },
  { "import", import_action },
  { "search", search_action },
  { "trash", trash_action },
  { "restore", restore_action, "x" },
  { "empty-trash", empty_trash_action },
  { "undo", undo_action },
  { "paste", paste_action },
  { "show-section", show_section_action, "s" },
  { "cancel-import", cancel_import_action },
  { "open-media", open_media_action, "x" },
  { "show-jobs", show_jobs_action },
  { "mirror-sync", mirror_sync_action },
  { "mirror-conflicts", mirror_conflicts_action },
  { "mirror-download", mirror_download_action, "x" },
  { "approvals", approvals_action },
  { "deals", deals_action },
  { "ideas", ideas_action },
  { "publish-draft", publish_draft_action, "x" },
  { "outbox", outbox_action },
  { "open-uri", open_uri_action, "s" },
};

void
_co_window_install_actions (CoWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries),
                                   self);
}

static void
set_enabled (CoWindow   *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/**
 * _co_window_update_actions:
 * @self: the window
 *
 * Vault actions need an open vault; Delete, Ctrl+Z and Ctrl+V belong to a
 * text field while one has the focus, so they are off then.
 */
void
_co_window_update_actions (CoWindow *self)
{
  gboolean has_vault = co_window_get_vault (self) != NULL;
  gboolean typing = co_ui_focus_is_editable (GTK_WINDOW (self));
  gboolean in_vault = co_window_get_visible_page (self) == co_window_get_vault_page (self);

  set_enabled (self, "import", has_vault);
  set_enabled (self, "search", has_vault && co_window_get_visible_page (self) != NULL);
  set_enabled (self, "trash", has_vault && in_vault && !typing);
  set_enabled (self, "undo", has_vault && !typing);
  set_enabled (self, "paste", has_vault && !typing);
  set_enabled (self, "restore", has_vault);
  set_enabled (self, "empty-trash", has_vault);
  set_enabled (self, "open-media", has_vault);
  set_enabled (self, "show-jobs", has_vault);
  set_enabled (self, "mirror-sync", has_vault);
  set_enabled (self, "mirror-conflicts", has_vault);
  set_enabled (self, "mirror-download", has_vault && co_window_get_mirror (self) != NULL);
  set_enabled (self, "approvals", has_vault);
  set_enabled (self, "deals", has_vault);
  set_enabled (self, "ideas", has_vault);
  set_enabled (self, "publish-draft", co_window_get_publish (self) != NULL);
  set_enabled (self, "outbox", co_window_get_publish (self) != NULL);
  set_enabled (self, "export", has_vault && _co_window_get_media_item (self) != NULL);
}
