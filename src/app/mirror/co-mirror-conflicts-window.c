/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-mirror-conflicts-window.h"

/*
 * The conflict copies the mirror kept: one row per conflict, the losing
 * version against the record as it is now, with Keep Local and Keep Remote
 * as `creatorops-cli sync resolve` has them.
 */

struct _CoMirrorConflictsWindow
{
  AdwWindow           parent_instance;

  /* Template children. */
  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  GtkListBox         *list;

  /* Owned. */
  CoMirrorController *controller;
  GPtrArray          *rows;         /* the rows' widgets, in order */
};

G_DEFINE_FINAL_TYPE (CoMirrorConflictsWindow, co_mirror_conflicts_window, ADW_TYPE_WINDOW)

/* A version's title or, for a schedule entry, its platform. */
static const char *
describe (JsonNode *body)
{
  JsonObject *object = body != NULL && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body)
                                                                     : NULL;

  if (object == NULL)
    return _("(gone)");
  if (json_object_has_member (object, "title"))
    return json_object_get_string_member_with_default (object, "title", "");
  return json_object_get_string_member_with_default (object, "platform", "");
}

static void reload (CoMirrorConflictsWindow *self);

static void
keep_clicked_cb (GtkButton               *button,
                 CoMirrorConflictsWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "conflict-id");
  CoMirrorKeep keep = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "keep"));
  g_autoptr(GError) error = NULL;

  if (!co_mirror_controller_resolve (self->controller, id, keep, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  reload (self);
}

static GtkWidget *
make_keep_button (CoMirrorConflictsWindow *self,
                  const char              *label,
                  const char              *id,
                  CoMirrorKeep             keep)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "conflict-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (button), "keep", GINT_TO_POINTER (keep));
  g_signal_connect (button, "clicked", G_CALLBACK (keep_clicked_cb), self);
  return button;
}

static GtkWidget *
make_row (CoMirrorConflictsWindow *self,
          CoMirrorConflict        *conflict)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, conflict->id);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (conflict->modified_at /
                                                               G_USEC_PER_SEC);
  g_autofree char *time = when != NULL ? g_date_time_format (when, "%x %X") : g_strdup ("");
  g_autofree char *subtitle = NULL;
  GtkWidget *local;
  GtkWidget *remote;

  subtitle = g_strdup_printf (_("%s · copy from %s, changed %s · now: %s"), conflict->record_type,
                              conflict->copy_is_local ? _("this library") : _("another library"),
                              time, describe (conflict->current));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), describe (conflict->copy));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  local = make_keep_button (self, _("Keep _Local"), id, CO_MIRROR_KEEP_LOCAL);
  remote = make_keep_button (self, _("Keep _Remote"), id, CO_MIRROR_KEEP_REMOTE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), local);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remote);
  g_object_set_data (G_OBJECT (row), "keep-local", local);
  g_object_set_data (G_OBJECT (row), "keep-remote", remote);
  return row;
}

static void
reload (CoMirrorConflictsWindow *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  conflicts = co_mirror_list_conflicts (co_mirror_controller_get_mirror (self->controller),
                                        &error);
  if (conflicts == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      GtkWidget *row = make_row (self, g_ptr_array_index (conflicts, i));

      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_stack_set_visible_child_name (self->stack, conflicts->len > 0 ? "list" : "empty");
}

static void
co_mirror_conflicts_window_dispose (GObject *object)
{
  CoMirrorConflictsWindow *self = (CoMirrorConflictsWindow *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->controller);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_MIRROR_CONFLICTS_WINDOW);

  G_OBJECT_CLASS (co_mirror_conflicts_window_parent_class)->dispose (object);
}

static void
co_mirror_conflicts_window_class_init (CoMirrorConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_mirror_conflicts_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/"
                                               "co-mirror-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoMirrorConflictsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorConflictsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorConflictsWindow, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
co_mirror_conflicts_window_init (CoMirrorConflictsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/**
 * co_mirror_conflicts_window_new:
 * @controller: the window's mirror
 *
 * Returns: (transfer floating): the conflicts view
 */
GtkWidget *
co_mirror_conflicts_window_new (CoMirrorController *controller)
{
  CoMirrorConflictsWindow *self;

  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (controller), NULL);

  self = g_object_new (CO_TYPE_MIRROR_CONFLICTS_WINDOW, NULL);
  self->controller = g_object_ref (controller);
  reload (self);
  return GTK_WIDGET (self);
}

/** co_mirror_conflicts_window_get_n_rows: @self: the view  Returns: conflicts shown */
guint
co_mirror_conflicts_window_get_n_rows (CoMirrorConflictsWindow *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONFLICTS_WINDOW (self), 0);
  return self->rows->len;
}

/**
 * co_mirror_conflicts_window_keep:
 * @self: the view
 * @row: which row
 * @keep: which version
 *
 * Clicks the row's Keep Local or Keep Remote button (for tests).
 *
 * Returns: %TRUE when the row and its button exist
 */
gboolean
co_mirror_conflicts_window_keep (CoMirrorConflictsWindow *self,
                                 guint                    row,
                                 CoMirrorKeep             keep)
{
  GtkWidget *button;

  g_return_val_if_fail (CO_IS_MIRROR_CONFLICTS_WINDOW (self), FALSE);

  if (row >= self->rows->len)
    return FALSE;
  button = g_object_get_data (G_OBJECT (g_ptr_array_index (self->rows, row)),
                              keep == CO_MIRROR_KEEP_LOCAL ? "keep-local" : "keep-remote");
  if (button == NULL)
    return FALSE;
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}
