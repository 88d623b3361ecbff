/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "co-outbox-window.h"

/*
 * The Outbox, from the main menu: what waits to be sent, and what failed
 * with its error and what to do, each failed one with Retry and every one
 * with Discard.  It follows the controller, so a pass that sends in the
 * background empties it as it goes.
 */

struct _CoOutboxWindow
{
  AdwWindow            parent_instance;

  /* Template children. */
  GtkStack            *stack;
  AdwPreferencesGroup *failed_group;
  AdwPreferencesGroup *waiting_group;

  /* Owned. */
  CoPublishController *controller;
  gulong               changed_id;
  GPtrArray           *rows;       /* AdwActionRow, shown now */
  char                *error;
};

G_DEFINE_FINAL_TYPE (CoOutboxWindow, co_outbox_window, ADW_TYPE_WINDOW)

/* Rows. */

static char *
describe (CoOutboxOperation *op)
{
  g_autoptr(GError) error = co_outbox_operation_dup_error (op);
  int attempts = co_outbox_operation_get_attempts (op);

  if (co_outbox_operation_get_state (op) == CO_OUTBOX_FAILED && error != NULL)
    {
      g_autofree char *text = co_publish_controller_dup_error_text (error);

      /* Translators: the number of attempts, then the error and what to do. */
      return g_strdup_printf (ngettext ("Failed after %d attempt: %s",
                                        "Failed after %d attempts: %s", attempts),
                              attempts, text);
    }
  if (co_outbox_operation_get_state (op) == CO_OUTBOX_SENDING)
    return g_strdup (_("Being sent"));
  if (error != NULL)
    return g_strdup_printf (_("Waiting to be tried again: %s"), error->message);
  return g_strdup (_("Waiting to be sent"));
}

static char *
title_of (CoOutboxOperation *op)
{
  const char *kind = co_outbox_operation_get_kind (op);
  g_autofree char *name = g_strndup (kind, strcspn (kind, "."));
  CoPlatform platform;

  /* Translators: the outbox's row title: the platform, then the operation's number. */
  if (co_platform_from_string (name, &platform, NULL))
    return g_strdup_printf (_("%s, operation %lld"), co_platform_display_name (platform),
                            (long long)co_outbox_operation_get_id (op));
  return g_strdup_printf (_("%s, operation %lld"), kind,
                          (long long)co_outbox_operation_get_id (op));
}

static void
add_button (AdwActionRow *row,
            const char   *label,
            const char   *action,
            gint64        id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  adw_action_row_add_suffix (row, button);
}

static void
add_row (CoOutboxWindow    *self,
         CoOutboxOperation *op)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *title = title_of (op);
  g_autofree char *text = describe (op);
  gint64 id = co_outbox_operation_get_id (op);
  gboolean failed = co_outbox_operation_get_state (op) == CO_OUTBOX_FAILED;

  /* Errors come from the platforms: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, text);
  g_object_set_data_full (G_OBJECT (row), "co-id", g_memdup2 (&id, sizeof id), g_free);
  if (failed)
    add_button (row, _("_Retry"), "outbox.retry", id);
  if (co_outbox_operation_get_state (op) != CO_OUTBOX_SENDING)
    add_button (row, _("_Discard"), "outbox.discard", id);
  adw_preferences_group_add (failed ? self->failed_group : self->waiting_group, GTK_WIDGET (row));
  g_ptr_array_add (self->rows, row);
}

static void
clear (CoOutboxWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
                                                             row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
reload (CoOutboxWindow *self)
{
  g_autoptr(GListModel) operations = NULL;
  g_autoptr(GError) error = NULL;
  guint failed = 0;

  clear (self);
  operations = co_publish_controller_list_outbox (self->controller, &error);
  for (guint i = 0; operations != NULL && i < g_list_model_get_n_items (operations); i++)
    {
      g_autoptr(CoOutboxOperation) op = g_list_model_get_item (operations, i);

      failed += co_outbox_operation_get_state (op) == CO_OUTBOX_FAILED;
      add_row (self, op);
    }
  if (error != NULL)
    g_message ("Cannot list the outbox: %s", error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->failed_group), failed > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_group), self->rows->len > failed);
  gtk_stack_set_visible_child_name (self->stack, self->rows->len > 0 ? "list" : "empty");
}

/* Actions. */

static void
change (CoOutboxWindow *self,
        gboolean        ok,
        GError         *error)
{
  g_clear_pointer (&self->error, g_free);
  if (!ok)
    {
      self->error = g_strdup (error->message);
      g_message ("%s", error->message);
    }
  reload (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  CoOutboxWindow *self = CO_OUTBOX_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  gboolean ok = co_publish_controller_retry (self->controller, g_variant_get_int64 (param),
                                             &error);

  change (self, ok, error);
}

static void
discard_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CoOutboxWindow *self = CO_OUTBOX_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  gboolean ok = co_publish_controller_discard (self->controller, g_variant_get_int64 (param),
                                               &error);

  change (self, ok, error);
}

static void
send_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  co_publish_controller_send_now (CO_OUTBOX_WINDOW (widget)->controller);
}

/* GObject. */

static void
co_outbox_window_dispose (GObject *object)
{
  CoOutboxWindow *self = (CoOutboxWindow *)object;

  if (self->controller != NULL)
    g_clear_signal_handler (&self->changed_id, self->controller);
  g_clear_object (&self->controller);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_OUTBOX_WINDOW);

  G_OBJECT_CLASS (co_outbox_window_parent_class)->dispose (object);
}

static void
co_outbox_window_finalize (GObject *object)
{
  g_free (CO_OUTBOX_WINDOW (object)->error);

  G_OBJECT_CLASS (co_outbox_window_parent_class)->finalize (object);
}

static void
co_outbox_window_class_init (CoOutboxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_outbox_window_dispose;
  object_class->finalize = co_outbox_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/"
                                               "co-outbox-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoOutboxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CoOutboxWindow, failed_group);
  gtk_widget_class_bind_template_child (widget_class, CoOutboxWindow, waiting_group);
  gtk_widget_class_install_action (widget_class, "outbox.retry", "x", retry_action);
  gtk_widget_class_install_action (widget_class, "outbox.discard", "x", discard_action);
  gtk_widget_class_install_action (widget_class, "outbox.send", NULL, send_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
co_outbox_window_init (CoOutboxWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/**
 * co_outbox_window_new:
 * @controller: the library's publishing
 *
 * Returns: (transfer full): the Outbox window
 */
GtkWidget *
co_outbox_window_new (CoPublishController *controller)
{
  CoOutboxWindow *self;

  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (controller), NULL);

  self = g_object_new (CO_TYPE_OUTBOX_WINDOW, NULL);
  self->controller = g_object_ref (controller);
  self->changed_id = g_signal_connect_swapped (controller, "changed", G_CALLBACK (reload), self);
  reload (self);
  return GTK_WIDGET (self);
}

/** co_outbox_window_get_n_rows: @self: the window  Returns: the operations shown */
guint
co_outbox_window_get_n_rows (CoOutboxWindow *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_WINDOW (self), 0);
  return self->rows->len;
}

/**
 * co_outbox_window_get_row_text:
 * @self: the window
 * @operation_id: an operation
 *
 * Returns: (nullable): what its row says, or %NULL when it is not shown
 */
const char *
co_outbox_window_get_row_text (CoOutboxWindow *self,
                               gint64          operation_id)
{
  g_return_val_if_fail (CO_IS_OUTBOX_WINDOW (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const gint64 *id = g_object_get_data (self->rows->pdata[i], "co-id");

      if (*id == operation_id)
        return adw_action_row_get_subtitle (self->rows->pdata[i]);
    }
  return NULL;
}

/**
 * co_outbox_window_get_error:
 * @self: the window
 *
 * Returns: (nullable): why the last Retry or Discard was refused
 */
const char *
co_outbox_window_get_error (CoOutboxWindow *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_WINDOW (self), NULL);
  return self->error;
}
