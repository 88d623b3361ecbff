/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-error.h"
#include "co-job-row.h"

/* One job in the jobs popover: its title, a progress bar bound to its
 * fraction, a status line and a cancel button.  A cancelled job is stated
 * calmly; only a failed one shows its error, in the error colour. */

struct _CoJobRow
{
  GtkWidget       parent_instance;

  CoJob          *job;
  GBinding       *fraction_binding;
  char           *status;
  gboolean        shows_error;

  GtkWidget      *root_box;
  GtkImage       *state_icon;
  GtkLabel       *title_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *status_label;
  GtkButton      *cancel_button;
};

G_DEFINE_FINAL_TYPE (CoJobRow, co_job_row, GTK_TYPE_WIDGET)

static char *
describe_running (CoJob *job)
{
  g_autofree char *message = co_job_dup_message (job);
  int percent = (int)(co_job_get_fraction (job) * 100);

  /* Translators: a running job's status line, e.g. "Analysing the sound · 42 %". */
  return g_strdup_printf (_("%s · %d %%"), message != NULL ? message : _("Working"), percent);
}

static char *
describe (CoJob    *job,
          gboolean *is_error)
{
  g_autoptr(GError) error = NULL;

  *is_error = FALSE;
  switch (co_job_get_state (job))
    {
    case CO_JOB_QUEUED:
      return g_strdup (_("Waiting to start"));
    case CO_JOB_RUNNING:
      return describe_running (job);
    case CO_JOB_DONE:
      return g_strdup (_("Done"));
    case CO_JOB_CANCELLED:
      return g_strdup (_("Cancelled"));
    case CO_JOB_FAILED:
    default:
      error = co_job_dup_error (job);
      if (co_error_is_cancelled (error))
        return g_strdup (_("Cancelled"));
      *is_error = TRUE;
      return g_strdup (error != NULL ? error->message : _("Failed"));
    }
}

static const char *
state_icon_name (CoJobState state)
{
  switch (state)
    {
    case CO_JOB_DONE:
      return "object-select-symbolic";
    case CO_JOB_FAILED:
      return "dialog-warning-symbolic";
    case CO_JOB_CANCELLED:
      return "media-playback-stop-symbolic";
    case CO_JOB_QUEUED:
    case CO_JOB_RUNNING:
    default:
      return "content-loading-symbolic";
    }
}

static void
update (CoJobRow *self)
{
  CoJobState state = co_job_get_state (self->job);
  gboolean active = state == CO_JOB_QUEUED || state == CO_JOB_RUNNING;
  GtkWidget *icon = GTK_WIDGET (self->state_icon);

  g_free (self->status);
  self->status = describe (self->job, &self->shows_error);
  gtk_label_set_label (self->status_label, self->status);
  if (self->shows_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), active);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), active);
  gtk_image_set_from_icon_name (self->state_icon, state_icon_name (state));
  gtk_widget_remove_css_class (icon, "success");
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "dim-label");
  gtk_widget_add_css_class (icon, state == CO_JOB_DONE ? "success"
                                  : self->shows_error ? "error" : "dim-label");
}

static void
job_changed_cb (CoJob      *job,
                GParamSpec *pspec,
                CoJobRow   *self)
{
  update (self);
}

static void
cancel_clicked_cb (GtkButton *button,
                   CoJobRow  *self)
{
  co_job_cancel (self->job);
}

static void
co_job_row_dispose (GObject *object)
{
  CoJobRow *self = (CoJobRow *)object;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_JOB_ROW);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (co_job_row_parent_class)->dispose (object);
}

static void
co_job_row_finalize (GObject *object)
{
  CoJobRow *self = (CoJobRow *)object;

  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (co_job_row_parent_class)->finalize (object);
}

static void
co_job_row_class_init (CoJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_job_row_dispose;
  object_class->finalize = co_job_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-job-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CoJobRow, root_box);
  gtk_widget_class_bind_template_child (widget_class, CoJobRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, CoJobRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CoJobRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CoJobRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CoJobRow, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-job-row");
}

static void
co_job_row_init (CoJobRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_job_row_new:
 * @job: the job to show
 *
 * Returns: (transfer full): a row that follows @job
 */
GtkWidget *
co_job_row_new (CoJob *job)
{
  CoJobRow *self;

  g_return_val_if_fail (CO_IS_JOB (job), NULL);

  self = g_object_new (CO_TYPE_JOB_ROW, NULL);
  self->job = g_object_ref (job);
  gtk_label_set_label (self->title_label, co_job_get_title (job));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), co_job_get_title (job));
  self->fraction_binding = g_object_bind_property (job, "fraction", self->progress_bar, "fraction",
                                                   G_BINDING_SYNC_CREATE);
  g_signal_connect (job, "notify::state", G_CALLBACK (job_changed_cb), self);
  g_signal_connect (job, "notify::message", G_CALLBACK (job_changed_cb), self);
  g_signal_connect (job, "notify::fraction", G_CALLBACK (job_changed_cb), self);
  update (self);
  return GTK_WIDGET (self);
}

/** co_job_row_get_job: @self: a row  Returns: (transfer none): its job */
CoJob *
co_job_row_get_job (CoJobRow *self)
{
  g_return_val_if_fail (CO_IS_JOB_ROW (self), NULL);
  return self->job;
}

/** co_job_row_get_status_text: @self: a row  Returns: the status line it shows */
const char *
co_job_row_get_status_text (CoJobRow *self)
{
  g_return_val_if_fail (CO_IS_JOB_ROW (self), NULL);
  return self->status;
}

/** co_job_row_get_shows_error: @self: a row  Returns: whether it shows an error */
gboolean
co_job_row_get_shows_error (CoJobRow *self)
{
  g_return_val_if_fail (CO_IS_JOB_ROW (self), FALSE);
  return self->shows_error;
}
