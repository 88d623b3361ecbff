/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-job-row.h"
#include "co-jobs-button.h"

/* The header bar's jobs button: hidden until the session has a job, a
 * spinner while any runs, and a popover listing the queue, newest first. */

struct _CoJobsButton
{
  GtkWidget       parent_instance;

  CoJobQueue     *queue;
  GtkSortListModel *sorted;
  gboolean        busy;

  GtkMenuButton  *button;
  GtkImage       *idle_icon;
  GtkSpinner     *spinner;
  GtkListBox     *list_box;
};

G_DEFINE_FINAL_TYPE (CoJobsButton, co_jobs_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
update_busy (CoJobsButton *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  gboolean busy = FALSE;

  for (guint i = 0; i < n && !busy; i++)
    {
      g_autoptr(CoJob) job = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      busy = !co_job_is_finished (job);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->idle_icon), !busy);
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
job_state_cb (CoJob        *job,
              GParamSpec   *pspec,
              CoJobsButton *self)
{
  update_busy (self);
}

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  CoJobsButton *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(CoJob) job = g_list_model_get_item (model, i);

      g_signal_connect_object (job, "notify::state", G_CALLBACK (job_state_cb), self, 0);
    }
  update_busy (self);
}

static int
newest_first (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  gint64 x = co_job_get_id (CO_JOB ((gpointer)a)), y = co_job_get_id (CO_JOB ((gpointer)b));

  return (x < y) - (x > y);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return co_job_row_new (CO_JOB (item));
}

static void
co_jobs_button_dispose (GObject *object)
{
  CoJobsButton *self = (CoJobsButton *)object;

  if (self->queue != NULL)
    g_signal_handlers_disconnect_by_data (self->queue, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_JOBS_BUTTON);
  g_clear_object (&self->sorted);
  g_clear_object (&self->queue);

  G_OBJECT_CLASS (co_jobs_button_parent_class)->dispose (object);
}

static void
co_jobs_button_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, CO_JOBS_BUTTON (object)->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_jobs_button_class_init (CoJobsButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_jobs_button_dispose;
  object_class->get_property = co_jobs_button_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-jobs-button.ui");
  gtk_widget_class_bind_template_child (widget_class, CoJobsButton, button);
  gtk_widget_class_bind_template_child (widget_class, CoJobsButton, idle_icon);
  gtk_widget_class_bind_template_child (widget_class, CoJobsButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, CoJobsButton, list_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-jobs-button");
}

static void
co_jobs_button_init (CoJobsButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_jobs_button_set_queue:
 * @self: the button
 * @queue: the app's job queue
 */
void
co_jobs_button_set_queue (CoJobsButton *self,
                          CoJobQueue   *queue)
{
  GtkSorter *sorter;

  g_return_if_fail (CO_IS_JOBS_BUTTON (self));
  g_return_if_fail (CO_IS_JOB_QUEUE (queue));
  g_return_if_fail (self->queue == NULL);

  self->queue = g_object_ref (queue);
  sorter = GTK_SORTER (gtk_custom_sorter_new (newest_first, NULL, NULL));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (queue)), sorter);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->sorted), create_row_cb, NULL, NULL);
  g_signal_connect (queue, "items-changed", G_CALLBACK (items_changed_cb), self);
  items_changed_cb (G_LIST_MODEL (queue), 0, 0, g_list_model_get_n_items (G_LIST_MODEL (queue)),
                    self);
}

/** co_jobs_button_get_busy: @self: the button  Returns: whether a job is queued or running */
gboolean
co_jobs_button_get_busy (CoJobsButton *self)
{
  g_return_val_if_fail (CO_IS_JOBS_BUTTON (self), FALSE);
  return self->busy;
}

/** co_jobs_button_get_list_box: @self: the button  Returns: (transfer none): the popover's list */
GtkListBox *
co_jobs_button_get_list_box (CoJobsButton *self)
{
  g_return_val_if_fail (CO_IS_JOBS_BUTTON (self), NULL);
  return self->list_box;
}

/** co_jobs_button_popup: @self: the button  Opens the popover. */
void
co_jobs_button_popup (CoJobsButton *self)
{
  g_return_if_fail (CO_IS_JOBS_BUTTON (self));
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_menu_button_popup (self->button);
}
