/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-assets.h"
#include "co-error.h"
#include "co-media-preferences.h"
#include "co-preferences-window.h"
#include "co-verify-job.h"

#define GIB (G_GINT64_CONSTANT (1024) * 1024 * 1024)
#define MAX_SUGGESTIONS 8

static const char * const color_schemes[] = { "follow", "light", "dark" };

struct _CoPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CoStore              *store;
  CoJobQueue           *queue;
  GSettings            *settings;
  CoJob                *verify_job;
  GBinding             *fraction_binding;
  GtkWidget            *suggestion_rows[MAX_SUGGESTIONS];

  AdwComboRow          *style_row;
  AdwActionRow         *usage_row;
  GtkLevelBar          *usage_bar;
  GtkSpinButton        *quota_spin;
  AdwPreferencesGroup  *warning_group;
  AdwActionRow         *verify_row;
  GtkButton            *verify_button;
  GtkProgressBar       *verify_progress;
  GtkLabel             *verify_result;
};

G_DEFINE_FINAL_TYPE (CoPreferencesWindow, co_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Storage quota. */

static void
clear_suggestions (CoPreferencesWindow *self)
{
  for (guint i = 0; i < MAX_SUGGESTIONS; i++)
    if (self->suggestion_rows[i] != NULL)
      {
        adw_preferences_group_remove (self->warning_group, self->suggestion_rows[i]);
        self->suggestion_rows[i] = NULL;
      }
}

static void
show_suggestions (CoPreferencesWindow *self,
                  GPtrArray           *suggestions)
{
  for (guint i = 0; i < suggestions->len && i < MAX_SUGGESTIONS; i++)
    {
      CoAsset *asset = g_ptr_array_index (suggestions, i);
      g_autofree char *size = g_format_size (asset->size);
      g_autofree char *subtitle = g_strdup_printf (_("%s · referenced by %u item(s)"),
                                                   size, asset->n_refs);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     asset->mime ? asset->mime : asset->sha256);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->warning_group, row);
      self->suggestion_rows[i] = row;
    }
}

static void quota_changed_cb (GtkSpinButton       *spin,
                              CoPreferencesWindow *self);

static void
load_quota (CoPreferencesWindow *self)
{
  g_auto(CoQuotaReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *used = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *text = NULL;

  clear_suggestions (self);
  if (!co_assets_get_quota (self->store, &report, &error))
    {
      adw_action_row_set_subtitle (self->usage_row, error->message);
      return;
    }
  used = g_format_size (report.used);
  limit = g_format_size (report.limit);
  text = g_strdup_printf (_("%s of %s used (%.0f %%)"), used, limit, report.fraction * 100);
  adw_action_row_set_subtitle (self->usage_row, text);
  gtk_level_bar_set_value (self->usage_bar, CLAMP (report.fraction, 0.0, 1.0));
  /* Showing the quota is not choosing it: a quota the spin button cannot
   * show exactly must not be written back. */
  g_signal_handlers_block_by_func (self->quota_spin, quota_changed_cb, self);
  gtk_spin_button_set_value (self->quota_spin, (double)report.limit / GIB);
  g_signal_handlers_unblock_by_func (self->quota_spin, quota_changed_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_group), report.warning);
  if (report.warning && report.suggestions != NULL)
    show_suggestions (self, report.suggestions);
}

static void
quota_changed_cb (GtkSpinButton       *spin,
                  CoPreferencesWindow *self)
{
  gint64 bytes = (gint64)(gtk_spin_button_get_value (spin) * GIB);
  g_autoptr(GError) error = NULL;

  if (bytes == co_assets_get_quota_limit (self->store))
    return;
  if (!co_assets_set_quota_limit (self->store, bytes, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  load_quota (self);
}

/* Appearance. */

static void
style_selected_cb (AdwComboRow         *row,
                   GParamSpec          *pspec,
                   CoPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected >= G_N_ELEMENTS (color_schemes))
    return;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "color-scheme", color_schemes[selected]);
  else
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        selected == 1 ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                        : selected == 2 ? ADW_COLOR_SCHEME_FORCE_DARK
                                        : ADW_COLOR_SCHEME_DEFAULT);
}

/* Verify: a job of the app's queue reads every stored file again and hashes
 * it; the window follows it, and so does the jobs popover. */

static char *
describe_problems (GPtrArray *problems)
{
  GString *text;

  if (problems->len == 0)
    return g_strdup (_("Every stored file matches its checksum."));
  text = g_string_new (NULL);
  g_string_printf (text, ngettext ("%u stored file is damaged or missing:",
                                   "%u stored files are damaged or missing:", problems->len),
                   problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      CoVerifyProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "\n• %s — %s", problem->path,
                              problem->missing ? _("missing") : _("content changed"));
    }
  return g_string_free (text, FALSE);
}

static void
unfollow_job (CoPreferencesWindow *self)
{
  if (self->verify_job != NULL)
    g_signal_handlers_disconnect_by_data (self->verify_job, self);
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_object (&self->verify_job);
}

static void
show_outcome (CoPreferencesWindow *self,
              CoJob               *job)
{
  g_autoptr(GError) error = co_job_dup_error (job);
  GPtrArray *problems = co_verify_job_get_problems (job);
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_progress), FALSE);
  /* A cancelled check says nothing. */
  if (co_job_get_state (job) == CO_JOB_CANCELLED)
    return;
  text = problems != NULL ? describe_problems (problems)
                          : g_strdup (error != NULL ? error->message : _("Failed"));
  gtk_label_set_label (self->verify_result, text);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_result), TRUE);
}

static void
job_state_cb (CoJob               *job,
              GParamSpec          *pspec,
              CoPreferencesWindow *self)
{
  g_autoptr(CoJob) finished = NULL;

  if (!co_job_is_finished (job))
    return;
  finished = g_object_ref (job);
  unfollow_job (self);
  show_outcome (self, finished);
}

static void
follow_job (CoPreferencesWindow *self,
            CoJob               *job)
{
  unfollow_job (self);
  self->verify_job = g_object_ref (job);
  self->fraction_binding = g_object_bind_property (job, "fraction", self->verify_progress,
                                                   "fraction", G_BINDING_SYNC_CREATE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_progress), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_result), FALSE);
  g_signal_connect (job, "notify::state", G_CALLBACK (job_state_cb), self);
  job_state_cb (job, NULL, self);
}

/* A check started before, from an earlier window or the last session, is
 * followed rather than started again. */
static void
follow_running_check (CoPreferencesWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(CoJob) job = g_list_model_get_item (G_LIST_MODEL (self->queue), i - 1);

      if (g_strcmp0 (co_job_get_kind (job), CO_VERIFY_JOB_KIND) == 0 && !co_job_is_finished (job))
        {
          follow_job (self, job);
          return;
        }
    }
}

static void
verify_clicked_cb (GtkButton           *button,
                   CoPreferencesWindow *self)
{
  co_preferences_window_verify (self);
}

static void
co_preferences_window_dispose (GObject *object)
{
  CoPreferencesWindow *self = (CoPreferencesWindow *)object;

  /* The check belongs to the queue and goes on without the window. */
  unfollow_job (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->queue);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (co_preferences_window_parent_class)->dispose (object);
}

static void
co_preferences_window_class_init (CoPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, CoPreferencesWindow, usage_row);
  gtk_widget_class_bind_template_child (widget_class, CoPreferencesWindow, usage_bar);
  gtk_widget_class_bind_template_child (widget_class, CoPreferencesWindow, quota_spin);
  gtk_widget_class_bind_template_child (widget_class, CoPreferencesWindow, warning_group);
  gtk_widget_class_bind_template_child (widget_class, CoPreferencesWindow, verify_row);
  gtk_widget_class_bind_template_child (widget_class, CoPreferencesWindow, verify_button);
  gtk_widget_class_bind_template_child (widget_class, CoPreferencesWindow, verify_progress);
  gtk_widget_class_bind_template_child (widget_class, CoPreferencesWindow, verify_result);
  gtk_widget_class_bind_template_callback (widget_class, style_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, quota_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, verify_clicked_cb);
}

static void
co_preferences_window_init (CoPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_level_bar_add_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_HIGH, CO_ASSETS_QUOTA_WARNING);
  gtk_level_bar_add_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_FULL, 1.0);
}

static void
select_style (CoPreferencesWindow *self)
{
  g_autofree char *scheme = NULL;

  if (self->settings == NULL)
    return;
  scheme = g_settings_get_string (self->settings, "color-scheme");
  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (scheme, color_schemes[i]))
      adw_combo_row_set_selected (self->style_row, i);
}

/**
 * co_preferences_window_new:
 * @store: the open library
 * @queue: the app's job queue, which runs the verification
 * @settings: (nullable): the application's settings
 *
 * Returns: (transfer full): the preferences window: appearance, storage
 *   quota and usage, and verification of stored files
 */
GtkWidget *
co_preferences_window_new (CoStore    *store,
                           CoJobQueue *queue,
                           GSettings  *settings)
{
  CoPreferencesWindow *self;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (CO_IS_JOB_QUEUE (queue), NULL);

  self = g_object_new (CO_TYPE_PREFERENCES_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->queue = g_object_ref (queue);
  self->settings = settings ? g_object_ref (settings) : NULL;
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (co_media_preferences_new (settings)));
  select_style (self);
  load_quota (self);
  follow_running_check (self);
  return GTK_WIDGET (self);
}

/**
 * co_preferences_window_verify:
 * @self: the window
 *
 * Starts checking every stored file against its digest: a job of the app's
 * queue, which the jobs popover lists and can cancel, and which goes on
 * when the window is closed.
 */
void
co_preferences_window_verify (CoPreferencesWindow *self)
{
  g_autofree char *params = NULL;
  g_autoptr(GError) error = NULL;
  CoJob *job;

  g_return_if_fail (CO_IS_PREFERENCES_WINDOW (self));

  if (self->verify_job != NULL)
    return;
  params = co_verify_job_params ();
  job = co_job_queue_submit (self->queue, CO_VERIFY_JOB_KIND, _("Verifying stored files"), params,
                             &error);
  if (job == NULL)
    {
      gtk_label_set_label (self->verify_result, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->verify_result), TRUE);
      return;
    }
  follow_job (self, job);
}

/** co_preferences_window_get_job: @self: the window  Returns: (transfer none) (nullable): the verify job */
CoJob *
co_preferences_window_get_job (CoPreferencesWindow *self)
{
  g_return_val_if_fail (CO_IS_PREFERENCES_WINDOW (self), NULL);
  return self->verify_job;
}

/**
 * co_preferences_window_get_verify_text:
 * @self: the window
 *
 * Returns: (nullable): what the last check found, as the window shows it,
 *   or %NULL while none is shown
 */
const char *
co_preferences_window_get_verify_text (CoPreferencesWindow *self)
{
  g_return_val_if_fail (CO_IS_PREFERENCES_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->verify_result)))
    return NULL;
  return gtk_label_get_label (self->verify_result);
}
