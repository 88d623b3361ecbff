/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-deal-reminders.h"
#include "co-deals-window.h"

/*
 * The deals view: what is due in the next week (deliverables not done,
 * payments pending; overdue ones marked), then every deal with what is
 * paid, pending and disputed, as `creatorops-cli deals list` has them.
 * Amounts come formatted by the library, in their currency's decimals.
 */

struct _CoDealsWindow
{
  AdwWindow        parent_instance;

  /* Template children. */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkWidget       *due_group;
  GtkListBox      *due_list;
  GtkListBox      *deals_list;

  /* Owned. */
  CoStore         *store;
  GCancellable    *cancellable;     /* the load, cancelled on close */
  GPtrArray       *due_rows;
  GPtrArray       *deal_rows;
  gboolean         loaded;
};

G_DEFINE_FINAL_TYPE (CoDealsWindow, co_deals_window, ADW_TYPE_WINDOW)

static GtkWidget *
add_row (GtkListBox *list,
         GPtrArray  *rows,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (list, row);
  g_ptr_array_add (rows, row);
  return row;
}

static void
show_due (CoDealsWindow *self,
          GArray        *reminders)
{
  for (guint i = 0; i < reminders->len; i++)
    {
      const CoDealReminder *reminder = &g_array_index (reminders, CoDealReminder, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      co_deal_reminder_describe (reminder, &title, &subtitle);
      if (reminder->overdue)
        gtk_widget_add_css_class (add_row (self->due_list, self->due_rows, title, subtitle),
                                  "error");
      else
        add_row (self->due_list, self->due_rows, title, subtitle);
    }
  gtk_widget_set_visible (self->due_group, reminders->len > 0);
}

static void
show_deals (CoDealsWindow *self,
            GArray        *deals)
{
  for (guint i = 0; i < deals->len; i++)
    {
      const CoDeal *deal = &g_array_index (deals, CoDeal, i);
      g_autofree char *title = g_strdup_printf ("%s — %s", deal->brand, deal->title);
      g_autofree char *amount = co_money_format (deal->amount, deal->currency);
      g_autofree char *paid = co_money_format (deal->completed, deal->currency);
      g_autofree char *pending = co_money_format (deal->pending, deal->currency);
      g_autofree char *disputed = co_money_format (deal->disputed, deal->currency);
      g_autofree char *subtitle = NULL;

      subtitle = g_strdup_printf (_("%s %s · paid %s · pending %s · disputed %s · "
                                    "deliverables done %u of %u"), amount, deal->currency, paid,
                                  pending, disputed, deal->n_done, deal->n_deliverables);
      add_row (self->deals_list, self->deal_rows, title, subtitle);
    }
  gtk_stack_set_visible_child_name (self->stack, deals->len > 0 ? "deals" : "empty");
}

static void
show_error (CoDealsWindow *self,
            GError        *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
deals_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(CoDealsWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) deals = co_deals_list_finish (CO_STORE (object), result, &error);

  if (deals == NULL)
    {
      show_error (self, error);
      return;
    }
  show_deals (self, deals);
  self->loaded = TRUE;
}

static void
due_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(CoDealsWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reminders = co_deals_list_due_finish (CO_STORE (object), result, &error);

  if (reminders == NULL)
    {
      show_error (self, error);
      return;
    }
  show_due (self, reminders);
  co_deals_list_async (self->store, self->cancellable, deals_done_cb, g_object_ref (self));
}

static void
co_deals_window_dispose (GObject *object)
{
  CoDealsWindow *self = (CoDealsWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->due_rows, g_ptr_array_unref);
  g_clear_pointer (&self->deal_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_DEALS_WINDOW);

  G_OBJECT_CLASS (co_deals_window_parent_class)->dispose (object);
}

static void
co_deals_window_class_init (CoDealsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_deals_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/"
                                               "co-deals-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoDealsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoDealsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CoDealsWindow, due_group);
  gtk_widget_class_bind_template_child (widget_class, CoDealsWindow, due_list);
  gtk_widget_class_bind_template_child (widget_class, CoDealsWindow, deals_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
co_deals_window_init (CoDealsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->due_rows = g_ptr_array_new ();
  self->deal_rows = g_ptr_array_new ();
}

/**
 * co_deals_window_new:
 * @store: the library
 * @now: the time reminders are counted from (µs since 1970, UTC)
 *
 * The view fills itself in the background: co_deals_window_get_loaded()
 * says when it is done.
 *
 * Returns: (transfer floating): the deals view
 */
GtkWidget *
co_deals_window_new (CoStore *store,
                     gint64   now)
{
  CoDealsWindow *self;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  self = g_object_new (CO_TYPE_DEALS_WINDOW, NULL);
  self->store = g_object_ref (store);
  co_deals_list_due_async (store, now, CO_DEAL_REMINDERS_HORIZON, self->cancellable, due_done_cb,
                           g_object_ref (self));
  return GTK_WIDGET (self);
}

/** co_deals_window_get_loaded: @self: the view  Returns: whether the deals are shown */
gboolean
co_deals_window_get_loaded (CoDealsWindow *self)
{
  g_return_val_if_fail (CO_IS_DEALS_WINDOW (self), FALSE);
  return self->loaded;
}

/** co_deals_window_get_n_deals: @self: the view  Returns: deals shown */
guint
co_deals_window_get_n_deals (CoDealsWindow *self)
{
  g_return_val_if_fail (CO_IS_DEALS_WINDOW (self), 0);
  return self->deal_rows->len;
}

/** co_deals_window_get_n_due: @self: the view  Returns: reminders shown */
guint
co_deals_window_get_n_due (CoDealsWindow *self)
{
  g_return_val_if_fail (CO_IS_DEALS_WINDOW (self), 0);
  return self->due_rows->len;
}

/**
 * co_deals_window_get_row_text:
 * @self: the view
 * @due: a reminder's row rather than a deal's
 * @row: which row
 *
 * Returns: (transfer none) (nullable): the row's subtitle (for tests)
 */
const char *
co_deals_window_get_row_text (CoDealsWindow *self,
                              gboolean       due,
                              guint          row)
{
  GPtrArray *rows;

  g_return_val_if_fail (CO_IS_DEALS_WINDOW (self), NULL);

  rows = due ? self->due_rows : self->deal_rows;
  if (row >= rows->len)
    return NULL;
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (g_ptr_array_index (rows, row)));
}
