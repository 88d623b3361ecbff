/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include "co-import-bar.h"

/* The strip under the header bar while files are imported: what the import
 * does now, its progress and a button that cancels it (win.cancel-import).
 * It slides in with a job and out without one. */

struct _CoImportBar
{
  GtkWidget       parent_instance;

  /* Template children. */
  GtkRevealer    *progress_revealer;
  GtkProgressBar *progress_bar;
  GtkLabel       *progress_label;

  /* Owned: the import shown, and the bindings of the bar and the label to it. */
  CoJob          *job;
  GBinding       *fraction_binding;
  GBinding       *message_binding;
};

G_DEFINE_FINAL_TYPE (CoImportBar, co_import_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* The label says what the import does now, or its title until it says
 * anything. */
static gboolean
message_to_label (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const char *message = g_value_get_string (from);
  g_autoptr(GObject) job = g_binding_dup_source (binding);

  g_value_set_string (to, message != NULL ? message : co_job_get_title (CO_JOB (job)));
  return TRUE;
}

static void
unbind (CoImportBar *self)
{
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_pointer (&self->message_binding, g_binding_unbind);
  g_clear_object (&self->job);
}

static void
co_import_bar_dispose (GObject *object)
{
  CoImportBar *self = (CoImportBar *)object;

  unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_IMPORT_BAR);

  G_OBJECT_CLASS (co_import_bar_parent_class)->dispose (object);
}

static void
co_import_bar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, CO_IMPORT_BAR (object)->job);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_import_bar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_JOB:
      co_import_bar_set_job (CO_IMPORT_BAR (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_import_bar_class_init (CoImportBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_import_bar_dispose;
  object_class->get_property = co_import_bar_get_property;
  object_class->set_property = co_import_bar_set_property;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, CO_TYPE_JOB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-import-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CoImportBar, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CoImportBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CoImportBar, progress_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
co_import_bar_init (CoImportBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_import_bar_set_job:
 * @self: the bar
 * @job: (nullable): the import to show, or %NULL to slide the bar away
 */
void
co_import_bar_set_job (CoImportBar *self,
                       CoJob       *job)
{
  g_return_if_fail (CO_IS_IMPORT_BAR (self));
  g_return_if_fail (job == NULL || CO_IS_JOB (job));

  if (self->job == job)
    return;
  unbind (self);
  gtk_revealer_set_reveal_child (self->progress_revealer, job != NULL);
  if (job != NULL)
    {
      self->job = g_object_ref (job);
      self->fraction_binding = g_object_bind_property (job, "fraction", self->progress_bar,
                                                       "fraction", G_BINDING_SYNC_CREATE);
      self->message_binding = g_object_bind_property_full (job, "message", self->progress_label,
                                                           "label", G_BINDING_SYNC_CREATE,
                                                           message_to_label, NULL, NULL, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

/** co_import_bar_get_job: @self: the bar  Returns: (transfer none) (nullable): the import shown */
CoJob *
co_import_bar_get_job (CoImportBar *self)
{
  g_return_val_if_fail (CO_IS_IMPORT_BAR (self), NULL);
  return self->job;
}

/** co_import_bar_get_text: @self: the bar  Returns: what its label says */
const char *
co_import_bar_get_text (CoImportBar *self)
{
  g_return_val_if_fail (CO_IS_IMPORT_BAR (self), NULL);
  return gtk_label_get_label (self->progress_label);
}
