/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "co-duration.h"
#include "co-ui-util.h"
#include "co-window.h"

/* Small formatting helpers shared by the grid cells and the details pane, so
 * that both describe an item in the same words. */

const char *
co_ui_type_icon_name (CoVaultType type)
{
  switch (type)
    {
    case CO_VAULT_TYPE_IMAGE:
      return "image-x-generic-symbolic";
    case CO_VAULT_TYPE_VIDEO:
      return "video-x-generic-symbolic";
    case CO_VAULT_TYPE_AUDIO:
      return "audio-x-generic-symbolic";
    case CO_VAULT_TYPE_NOTE:
      return "text-x-generic-symbolic";
    case CO_VAULT_TYPE_LINK:
      return "web-browser-symbolic";
    case CO_VAULT_TYPE_ANY:
    default:
      return "folder-symbolic";
    }
}

const char *
co_ui_type_label (CoVaultType type)
{
  switch (type)
    {
    case CO_VAULT_TYPE_IMAGE:
      return _("Image");
    case CO_VAULT_TYPE_VIDEO:
      return _("Video");
    case CO_VAULT_TYPE_AUDIO:
      return _("Audio");
    case CO_VAULT_TYPE_NOTE:
      return _("Note");
    case CO_VAULT_TYPE_LINK:
      return _("Link");
    case CO_VAULT_TYPE_ANY:
    default:
      return _("Item");
    }
}

char *
co_ui_format_date (gint64 usec)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (usec <= 0)
    return NULL;
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  /* Translators: a date and time in the details pane, see g_date_time_format(). */
  return g_date_time_format (local, _("%e %b %Y, %H:%M"));
}

/**
 * co_ui_describe_item:
 * @item: a vault item
 *
 * Returns: (transfer full): one short line under a grid cell's title, such as
 *   "Video · 0:12 · 1.2 MB"
 */
char *
co_ui_describe_item (CoVaultItem *item)
{
  GString *line = g_string_new (co_ui_type_label (co_vault_item_get_item_type (item)));
  g_autofree char *duration = co_duration_format (co_vault_item_get_duration (item),
                                                  CO_DURATION_FORMAT_SHORT);
  gint64 size = co_vault_item_get_size (item);

  if (duration != NULL)
    g_string_append_printf (line, " · %s", duration);
  if (size > 0)
    {
      g_autofree char *text = g_format_size (size);
      g_string_append_printf (line, " · %s", text);
    }
  return g_string_free (line, FALSE);
}

/**
 * co_ui_focus_is_editable:
 * @window: a window
 *
 * Window shortcuts such as Delete and Ctrl+Z run before the focused widget
 * sees the key, so they are switched off while the user types in a text field.
 *
 * Returns: %TRUE if the focus is in an entry or a text view
 */
gboolean
co_ui_focus_is_editable (GtkWindow *window)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
}

/**
 * co_ui_show_job_message:
 * @label: the status line of a view that follows one job
 * @job: the job
 *
 * Shows the job's current message, or says that it waits for a slot in the
 * job queue.
 */
void
co_ui_show_job_message (GtkLabel *label,
                        CoJob    *job)
{
  g_autofree char *message = co_job_dup_message (job);

  if (co_job_get_state (job) == CO_JOB_QUEUED)
    gtk_label_set_label (label, _("Waiting for other jobs to finish"));
  else
    gtk_label_set_label (label, message != NULL ? message : "");
}

/**
 * co_ui_toast:
 * @widget: a widget of the main window
 * @text: what to say
 *
 * Shows @text in a toast of @widget's window; a widget outside one (a test
 * that shows it alone) logs it instead.
 */
void
co_ui_toast (GtkWidget  *widget,
             const char *text)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (CO_IS_WINDOW (root))
    co_window_add_toast (CO_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

/**
 * co_ui_platform_filter_new:
 *
 * Returns: (transfer full): the choices of a platform filter: "All
 *   Platforms", then every platform as the library names it, in the order
 *   of #CoPlatform
 */
GListModel *
co_ui_platform_filter_new (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("All Platforms"));
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    gtk_string_list_append (list, co_platform_display_name (p));
  return G_LIST_MODEL (list);
}

/**
 * co_ui_platform_filter_get:
 * @dropdown: a drop-down over co_ui_platform_filter_new()
 * @out_platform: (out): the platform chosen
 *
 * Returns: %TRUE when one platform is chosen, %FALSE for all
 */
gboolean
co_ui_platform_filter_get (GtkDropDown *dropdown,
                           CoPlatform  *out_platform)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return FALSE;
  *out_platform = (CoPlatform)(selected - 1);
  return TRUE;
}

/**
 * co_ui_save_screenshot:
 * @self: a mapped window
 * @path: where to write the PNG
 * @error: return location for a #GError
 *
 * Renders the window as it is now, with its own renderer, and saves it.
 *
 * Returns: %TRUE if the PNG was written; %G_IO_ERROR_PENDING while the
 *   window has not drawn yet
 */
gboolean
co_ui_save_screenshot (GtkWidget   *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (GTK_IS_NATIVE (self), FALSE);

  width = gtk_widget_get_width (self);
  height = gtk_widget_get_height (self);
  renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot save “%s”: the window is not shown"), path);
      return FALSE;
    }
  paintable = gtk_widget_paintable_new (self);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      /* PENDING: the window has not drawn its content yet; try after the next frame. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                   _("Cannot save “%s”: the window drew nothing"), path);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  png = gdk_texture_save_to_png_bytes (texture);
  if (!g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), error))
    {
      g_prefix_error (error, _("Cannot save the screenshot “%s”: "), path);
      return FALSE;
    }
  return TRUE;
}
