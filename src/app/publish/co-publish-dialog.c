/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "co-error.h"
#include "co-publish-dialog.h"

/*
 * Publish, from the draft editor: the platforms the draft targets, each with
 * the account it goes out as (or why it cannot), Publish Now, and a summary
 * per platform: the post's id and address, that it waits in the outbox, or
 * the error with what to do and Retry for that platform alone.  The
 * publishing itself is the controller's; closing the dialog stops waiting
 * for it, not the posts.
 */

struct _CoPublishDialog
{
  AdwWindow            parent_instance;

  /* Template children. */
  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *platforms_group;
  GtkLabel            *youtube_note;
  GtkSpinner          *spinner;
  GtkButton           *publish_button;
  GtkLabel            *error_label;
  AdwPreferencesGroup *summary_group;

  /* Made here. */
  AdwActionRow        *platform_rows[CO_N_PLATFORMS];
  GtkCheckButton      *checks[CO_N_PLATFORMS];
  AdwActionRow        *summary_rows[CO_N_PLATFORMS];

  /* Owned. */
  CoPublishController *controller;
  GCancellable        *cancellable;
  CoPublishOutcome    *outcomes[CO_N_PLATFORMS];
  char                *summaries[CO_N_PLATFORMS];
  gint64               draft_id;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (CoPublishDialog, co_publish_dialog, ADW_TYPE_WINDOW)

/* Helpers. */

static void
show_error (CoPublishDialog *self,
            const char      *text)
{
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static AdwActionRow *
new_row (CoPlatform  platform,
         const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Names, addresses and errors come from outside: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), co_platform_display_name (platform));
  adw_action_row_set_subtitle (row, subtitle);
  return row;
}

static void
clear_rows (AdwPreferencesGroup *group,
            AdwActionRow       **rows)
{
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    if (rows[p] != NULL)
      {
        adw_preferences_group_remove (group, GTK_WIDGET (rows[p]));
        rows[p] = NULL;
      }
}

/* What a platform's row says, and whether it can be published to now. */
static char *
describe_target (CoPublishDialog *self,
                 CoDraftVariant  *variant,
                 gboolean        *out_ready)
{
  CoPlatform platform = co_draft_variant_get_platform (variant);
  g_autoptr(CoAccount) account = NULL;

  *out_ready = FALSE;
  if (co_draft_variant_get_published_at (variant) != 0)
    return g_strdup_printf (_("Published: %s"), co_draft_variant_get_post_url (variant));
  account = co_publish_controller_find_account (self->controller, platform);
  if (account == NULL)
    return g_strdup (_("No account is connected: connect one in Preferences, Accounts"));
  if (co_account_get_state (account) == CO_ACCOUNT_RECONNECT)
    return g_strdup_printf (_("Reconnect %s in Preferences, Accounts, first"),
                            co_account_get_display_name (account));
  *out_ready = TRUE;
  return g_strdup_printf (_("As %s"), co_account_get_display_name (account));
}

static void
add_target (CoPublishDialog *self,
            CoDraftVariant  *variant)
{
  CoPlatform platform = co_draft_variant_get_platform (variant);
  gboolean ready;
  g_autofree char *subtitle = describe_target (self, variant, &ready);
  AdwActionRow *row = new_row (platform, subtitle);
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), ready);
  gtk_widget_set_sensitive (check, ready);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (row, check);
  adw_action_row_set_activatable_widget (row, check);
  adw_preferences_group_add (self->platforms_group, GTK_WIDGET (row));
  self->platform_rows[platform] = row;
  self->checks[platform] = GTK_CHECK_BUTTON (check);
  if (platform == CO_PLATFORM_YOUTUBE)
    gtk_widget_set_visible (GTK_WIDGET (self->youtube_note), TRUE);
}

static void
load_draft (CoPublishDialog *self)
{
  CoDrafts *drafts = co_publish_controller_get_drafts (self->controller);
  g_autoptr(CoDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *variants;

  clear_rows (self->platforms_group, self->platform_rows);
  memset (self->checks, 0, sizeof self->checks);
  draft = co_drafts_get (drafts, self->draft_id, &error);
  if (draft == NULL)
    {
      show_error (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->publish_button), FALSE);
      return;
    }
  adw_window_title_set_subtitle (self->window_title, co_draft_get_title (draft));
  variants = co_draft_get_variants (draft);
  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (variants, i);

      add_target (self, variant);
    }
}

static char *
summarise (const CoPublishOutcome *outcome)
{
  switch (outcome->status)
    {
    case CO_PUBLISH_DONE:
      /* Translators: the post's id on the platform, then its address. */
      return g_strdup_printf (_("Published as %s: %s"), outcome->post_id ? outcome->post_id : "",
                              outcome->post_url ? outcome->post_url : "");
    case CO_PUBLISH_WAITING:
      return g_strdup (_("Waiting in the outbox: it goes out as soon as the platform can be "
                         "reached"));
    case CO_PUBLISH_FAILED:
    default:
      return outcome->error != NULL ? co_publish_controller_dup_error_text (outcome->error)
                                    : g_strdup (_("Failed"));
    }
}

static void
add_summary_button (AdwActionRow           *row,
                    const CoPublishOutcome *outcome)
{
  GtkWidget *button = NULL;

  if (outcome->status == CO_PUBLISH_DONE && outcome->post_url != NULL)
    button = gtk_link_button_new_with_label (outcome->post_url, _("Open"));
  else if (outcome->status == CO_PUBLISH_FAILED)
    {
      button = gtk_button_new_with_mnemonic (_("_Retry"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "publish.retry");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        co_platform_to_string (outcome->platform));
    }
  if (button == NULL)
    return;
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, button);
}

static void
show_summary (CoPublishDialog *self)
{
  gboolean any = FALSE;

  clear_rows (self->summary_group, self->summary_rows);
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    {
      AdwActionRow *row;

      if (self->outcomes[p] == NULL)
        continue;
      g_free (self->summaries[p]);
      self->summaries[p] = summarise (self->outcomes[p]);
      row = new_row (p, self->summaries[p]);
      add_summary_button (row, self->outcomes[p]);
      adw_preferences_group_add (self->summary_group, GTK_WIDGET (row));
      self->summary_rows[p] = row;
      any = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->summary_group), any);
}

static void
set_busy (CoPublishDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.publish", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.retry", !busy);
}

/* Publishing. */

static void
keep_outcomes (CoPublishDialog *self,
               GPtrArray       *outcomes)
{
  gsize n = 0;
  g_autofree CoPublishOutcome **kept = (CoPublishOutcome **)g_ptr_array_steal (outcomes, &n);

  for (gsize i = 0; i < n; i++)
    {
      CoPlatform p = kept[i]->platform;

      g_clear_pointer (&self->outcomes[p], co_publish_outcome_free);
      self->outcomes[p] = kept[i];
    }
}

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CoPublishDialog) self = user_data;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  outcomes = co_publish_controller_publish_finish (CO_PUBLISH_CONTROLLER (object), result, &error);
  if (co_error_is_cancelled (error))
    return;
  set_busy (self, FALSE);
  if (outcomes == NULL)
    {
      text = co_publish_controller_dup_error_text (error);
      show_error (self, text);
      return;
    }
  keep_outcomes (self, outcomes);
  load_draft (self);
  show_summary (self);
}

static void
start (CoPublishDialog  *self,
       const CoPlatform *platforms,
       guint             n_platforms)
{
  show_error (self, NULL);
  set_busy (self, TRUE);
  co_publish_controller_publish_async (self->controller, self->draft_id, platforms, n_platforms,
                                       self->cancellable, published_cb, g_object_ref (self));
}

static void
publish_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CoPublishDialog *self = CO_PUBLISH_DIALOG (widget);
  CoPlatform platforms[CO_N_PLATFORMS];
  guint n = 0;

  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    if (self->checks[p] != NULL && gtk_check_button_get_active (self->checks[p]))
      platforms[n++] = p;
  if (n == 0)
    {
      show_error (self, _("Choose a platform to publish to: each needs a connected account"));
      return;
    }
  start (self, platforms, n);
}

static void
retry_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  CoPublishDialog *self = CO_PUBLISH_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  CoPlatform platform;

  if (!co_platform_from_string (g_variant_get_string (param, NULL), &platform, &error))
    {
      g_critical ("%s", error->message);
      return;
    }
  start (self, &platform, 1);
}

/* GObject. */

static void
co_publish_dialog_dispose (GObject *object)
{
  CoPublishDialog *self = (CoPublishDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_PUBLISH_DIALOG);
  g_clear_object (&self->controller);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (co_publish_dialog_parent_class)->dispose (object);
}

static void
co_publish_dialog_finalize (GObject *object)
{
  CoPublishDialog *self = (CoPublishDialog *)object;

  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    {
      g_clear_pointer (&self->outcomes[p], co_publish_outcome_free);
      g_free (self->summaries[p]);
    }

  G_OBJECT_CLASS (co_publish_dialog_parent_class)->finalize (object);
}

static void
co_publish_dialog_class_init (CoPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_publish_dialog_dispose;
  object_class->finalize = co_publish_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/"
                                               "co-publish-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoPublishDialog, name)
  BIND (window_title);
  BIND (platforms_group);
  BIND (youtube_note);
  BIND (spinner);
  BIND (publish_button);
  BIND (error_label);
  BIND (summary_group);
#undef BIND
  gtk_widget_class_install_action (widget_class, "publish.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "publish.retry", "s", retry_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
co_publish_dialog_init (CoPublishDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * co_publish_dialog_new:
 * @controller: the library's publishing
 * @draft_id: the draft to publish
 *
 * Returns: (transfer full): the dialog, with each platform the draft
 *   targets and that has a connected account chosen
 */
GtkWidget *
co_publish_dialog_new (CoPublishController *controller,
                       gint64               draft_id)
{
  CoPublishDialog *self;

  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (controller), NULL);

  self = g_object_new (CO_TYPE_PUBLISH_DIALOG, NULL);
  self->controller = g_object_ref (controller);
  self->draft_id = draft_id;
  load_draft (self);
  return GTK_WIDGET (self);
}

/**
 * co_publish_dialog_set_selected:
 * @self: the dialog
 * @platform: a platform the draft targets
 * @selected: whether to publish there
 */
void
co_publish_dialog_set_selected (CoPublishDialog *self,
                                CoPlatform       platform,
                                gboolean         selected)
{
  g_return_if_fail (CO_IS_PUBLISH_DIALOG (self));
  g_return_if_fail (platform < CO_N_PLATFORMS);

  if (self->checks[platform] != NULL)
    gtk_check_button_set_active (self->checks[platform], selected);
}

/**
 * co_publish_dialog_get_selected:
 * @self: the dialog
 * @platform: a platform
 *
 * Returns: whether @platform is chosen
 */
gboolean
co_publish_dialog_get_selected (CoPublishDialog *self,
                                CoPlatform       platform)
{
  g_return_val_if_fail (CO_IS_PUBLISH_DIALOG (self), FALSE);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);
  return self->checks[platform] != NULL && gtk_check_button_get_active (self->checks[platform]);
}

/** co_publish_dialog_get_busy: @self: the dialog  Returns: whether publishing runs */
gboolean
co_publish_dialog_get_busy (CoPublishDialog *self)
{
  g_return_val_if_fail (CO_IS_PUBLISH_DIALOG (self), FALSE);
  return self->busy;
}

/**
 * co_publish_dialog_get_outcome:
 * @self: the dialog
 * @platform: a platform
 *
 * Returns: (nullable): the last outcome on @platform, or %NULL before one
 */
const CoPublishOutcome *
co_publish_dialog_get_outcome (CoPublishDialog *self,
                               CoPlatform       platform)
{
  g_return_val_if_fail (CO_IS_PUBLISH_DIALOG (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return self->outcomes[platform];
}

/**
 * co_publish_dialog_get_summary:
 * @self: the dialog
 * @platform: a platform
 *
 * Returns: (nullable): the platform's line of the summary, as shown
 */
const char *
co_publish_dialog_get_summary (CoPublishDialog *self,
                               CoPlatform       platform)
{
  g_return_val_if_fail (CO_IS_PUBLISH_DIALOG (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return self->summaries[platform];
}

/**
 * co_publish_dialog_get_error:
 * @self: the dialog
 *
 * Returns: (nullable): why nothing was published, as shown
 */
const char *
co_publish_dialog_get_error (CoPublishDialog *self)
{
  g_return_val_if_fail (CO_IS_PUBLISH_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

/**
 * co_publish_dialog_get_youtube_note:
 * @self: the dialog
 *
 * Returns: whether the note on YouTube's private uploads shows
 */
gboolean
co_publish_dialog_get_youtube_note (CoPublishDialog *self)
{
  g_return_val_if_fail (CO_IS_PUBLISH_DIALOG (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->youtube_note));
}
