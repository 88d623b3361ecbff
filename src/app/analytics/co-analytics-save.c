/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-analytics-save.h"
#include "co-ui-util.h"

/* "Save as" for the Analytics section's exports (charts as PNG or SVG,
 * tables as CSV): a file chooser, then the export, said in a toast. */

typedef struct
{
  GtkWidget           *widget;
  char                *kind;
  CoAnalyticsSaveFunc  save;
} Save;

static void
save_free (gpointer  data,
           GClosure *closure)
{
  Save *save = data;

  g_object_unref (save->widget);
  g_free (save->kind);
  g_free (save);
}

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             Save            *save)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && save->save (save->widget, save->kind, path, &error))
    text = g_strdup_printf (_("Exported to “%s”"), path);
  else if (error != NULL)
    text = g_strdup (error->message);
  if (text != NULL)
    co_ui_toast (save->widget, text);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * co_analytics_save_as:
 * @widget: what asks
 * @title: the chooser's title
 * @file_name: the name it suggests
 * @kind: what @save is to write ("png", "csv"…)
 * @save: writes it to the file chosen
 *
 * Asks where to save, then saves and says so, or says why not.
 */
void
co_analytics_save_as (GtkWidget           *widget,
                      const char          *title,
                      const char          *file_name,
                      const char          *kind,
                      CoAnalyticsSaveFunc  save)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  Save *data = g_new0 (Save, 1);

  data->widget = g_object_ref (widget);
  data->kind = g_strdup (kind);
  data->save = save;
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_signal_connect_data (chooser, "response", G_CALLBACK (response_cb), data,
                         save_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
