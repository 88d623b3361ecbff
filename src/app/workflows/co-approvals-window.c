/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-approvals-window.h"

/*
 * The approvals inbox: every gate waiting for a decision, the oldest first,
 * with Approve and Reject as `creatorops-cli workflows approve|reject` have
 * them.  Who decides and the comment are typed at the top; the library
 * checks the person is an approver and that a rejection has a comment, and
 * its answer is shown as a toast.
 */

struct _CoApprovalsWindow
{
  AdwWindow        parent_instance;

  /* Template children. */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list;
  AdwEntryRow     *person_row;
  AdwEntryRow     *comment_row;

  /* Owned. */
  CoDrafts        *drafts;
  GCancellable    *cancellable;  /* what the inbox reads or writes, cancelled on close */
  GPtrArray       *rows;         /* the rows' widgets, in order */
  guint            n_busy;       /* reads and decisions not answered yet */
};

G_DEFINE_FINAL_TYPE (CoApprovalsWindow, co_approvals_window, ADW_TYPE_WINDOW)

static void reload (CoApprovalsWindow *self);

static void
toast (CoApprovalsWindow *self,
       const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

typedef struct
{
  CoApprovalsWindow  *self;
  CoWorkflowDecision  decision;
} Decision;

static void
decide_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  Decision *decision = data;
  g_autoptr(CoApprovalsWindow) self = decision->self;
  CoWorkflowDecision what = decision->decision;
  g_autoptr(GError) error = NULL;

  g_free (decision);
  self->n_busy--;
  if (!co_workflows_decide_finish (CO_DRAFTS (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, what == CO_WORKFLOW_APPROVE ? _("Approved") : _("Rejected"));
  gtk_editable_set_text (GTK_EDITABLE (self->comment_row), "");
  reload (self);
}

static void
decide_clicked_cb (GtkButton         *button,
                   CoApprovalsWindow *self)
{
  gint64 draft_id = *(gint64 *)g_object_get_data (G_OBJECT (button), "draft-id");
  const char *stage = g_object_get_data (G_OBJECT (button), "stage");
  const char *person = gtk_editable_get_text (GTK_EDITABLE (self->person_row));
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));
  Decision *decision = g_new (Decision, 1);

  decision->self = g_object_ref (self);
  decision->decision = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "decision"));
  co_drafts_set_actor (self->drafts, person);
  self->n_busy++;
  co_workflows_decide_async (self->drafts, draft_id, stage, person, decision->decision, comment,
                             self->cancellable, decide_done_cb, decision);
}

static GtkWidget *
make_button (CoApprovalsWindow     *self,
             const char            *label,
             const CoWorkflowGate  *gate,
             CoWorkflowDecision     decision)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "draft-id",
                          g_memdup2 (&gate->draft_id, sizeof gate->draft_id), g_free);
  g_object_set_data_full (G_OBJECT (button), "stage", g_strdup (gate->stage), g_free);
  g_object_set_data (G_OBJECT (button), "decision", GINT_TO_POINTER (decision));
  g_signal_connect (button, "clicked", G_CALLBACK (decide_clicked_cb), self);
  if (decision == CO_WORKFLOW_APPROVE)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

static GtkWidget *
make_row (CoApprovalsWindow    *self,
          const CoWorkflowGate *gate)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s — %s", gate->draft_title, gate->stage);
  g_autofree char *who = g_strjoinv (", ", gate->approvers);
  g_autoptr(GDateTime) deadline = gate->deadline_at != 0
    ? g_date_time_new_from_unix_local (gate->deadline_at / G_USEC_PER_SEC) : NULL;
  g_autofree char *until = deadline != NULL ? g_date_time_format (deadline, "%x %X") : NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *approve = make_button (self, _("_Approve"), gate, CO_WORKFLOW_APPROVE);
  GtkWidget *reject = make_button (self, _("_Reject"), gate, CO_WORKFLOW_REJECT);

  subtitle = until != NULL
    ? g_strdup_printf (_("%s · approvers: %s · until %s"), gate->workflow, who, until)
    : g_strdup_printf (_("%s · approvers: %s"), gate->workflow, who);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reject);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), approve);
  g_object_set_data (G_OBJECT (row), "approve", approve);
  g_object_set_data (G_OBJECT (row), "reject", reject);
  return row;
}

static void
waiting_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(CoApprovalsWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) gates = co_workflows_list_waiting_finish (CO_DRAFTS (object), result, &error);

  self->n_busy--;
  if (gates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < gates->len; i++)
    {
      GtkWidget *row = make_row (self, &g_array_index (gates, CoWorkflowGate, i));

      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_stack_set_visible_child_name (self->stack, gates->len > 0 ? "list" : "empty");
}

static void
reload (CoApprovalsWindow *self)
{
  self->n_busy++;
  co_workflows_list_waiting_async (self->drafts, NULL, self->cancellable, waiting_done_cb,
                                   g_object_ref (self));
}

static void
co_approvals_window_dispose (GObject *object)
{
  CoApprovalsWindow *self = (CoApprovalsWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->drafts);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_APPROVALS_WINDOW);

  G_OBJECT_CLASS (co_approvals_window_parent_class)->dispose (object);
}

static void
co_approvals_window_class_init (CoApprovalsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_approvals_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/"
                                               "co-approvals-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoApprovalsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoApprovalsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CoApprovalsWindow, list);
  gtk_widget_class_bind_template_child (widget_class, CoApprovalsWindow, person_row);
  gtk_widget_class_bind_template_child (widget_class, CoApprovalsWindow, comment_row);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
co_approvals_window_init (CoApprovalsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  gtk_editable_set_text (GTK_EDITABLE (self->person_row), g_get_user_name ());
}

/**
 * co_approvals_window_new:
 * @store: the library
 *
 * Returns: (transfer floating): the approvals inbox
 */
GtkWidget *
co_approvals_window_new (CoStore *store)
{
  CoApprovalsWindow *self;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  self = g_object_new (CO_TYPE_APPROVALS_WINDOW, NULL);
  self->drafts = co_drafts_new (store);
  reload (self);
  return GTK_WIDGET (self);
}

/** co_approvals_window_get_busy: @self: the inbox  Returns: whether a read or a decision is unanswered */
gboolean
co_approvals_window_get_busy (CoApprovalsWindow *self)
{
  g_return_val_if_fail (CO_IS_APPROVALS_WINDOW (self), FALSE);
  return self->n_busy > 0;
}

/** co_approvals_window_get_n_rows: @self: the inbox  Returns: gates shown */
guint
co_approvals_window_get_n_rows (CoApprovalsWindow *self)
{
  g_return_val_if_fail (CO_IS_APPROVALS_WINDOW (self), 0);
  return self->rows->len;
}

/**
 * co_approvals_window_set_person:
 * @self: the inbox
 * @person: who decides
 *
 * Types @person into the “Deciding as” field (for tests).
 */
void
co_approvals_window_set_person (CoApprovalsWindow *self,
                                const char        *person)
{
  g_return_if_fail (CO_IS_APPROVALS_WINDOW (self) && person != NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->person_row), person);
}

/**
 * co_approvals_window_decide:
 * @self: the inbox
 * @row: which row
 * @decision: which button
 * @comment: (nullable): what to type into the comment first
 *
 * Clicks a row's Approve or Reject button (for tests); the answer comes
 * when co_approvals_window_get_busy() turns %FALSE.
 *
 * Returns: %TRUE when the row exists
 */
gboolean
co_approvals_window_decide (CoApprovalsWindow  *self,
                            guint               row,
                            CoWorkflowDecision  decision,
                            const char         *comment)
{
  GtkWidget *button;

  g_return_val_if_fail (CO_IS_APPROVALS_WINDOW (self), FALSE);

  if (row >= self->rows->len)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->comment_row), comment != NULL ? comment : "");
  button = g_object_get_data (G_OBJECT (g_ptr_array_index (self->rows, row)),
                              decision == CO_WORKFLOW_APPROVE ? "approve" : "reject");
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}
