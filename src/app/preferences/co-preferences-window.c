/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-assets.h"
#include "co-error.h"
#include "co-preferences-window.h"

#define GIB (G_GINT64_CONSTANT (1024) * 1024 * 1024)
#define MAX_SUGGESTIONS 8

static const char * const color_schemes[] = { "follow", "light", "dark" };

struct _CoPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CoStore              *store;
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
  gtk_spin_button_set_value (self->quota_spin, (double)report.limit / GIB);
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

/* Verify: the library reads every stored file again and hashes it, in a
 * worker thread that reports progress to the job.  The check holds the
 * window and its job until it reports. */
typedef struct
{
  CoPreferencesWindow *self;
  CoJob               *job;
} VerifyCall;

static void
verify_call_free (VerifyCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->job);
  g_free (call);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerifyCall, verify_call_free)

static void
verify_progress_cb (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  co_job_set_progress (user_data, fraction, NULL);
}

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
verify_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VerifyCall) call = user_data;
  CoPreferencesWindow *self = call->self;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  problems = co_assets_verify_finish (CO_STORE (object), result, &error);
  co_job_finish (call->job, error);
  /* Closing the window cancels the check; its widgets are gone then. */
  if (co_error_is_cancelled (error))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_progress), FALSE);
  text = problems ? describe_problems (problems) : g_strdup (error->message);
  gtk_label_set_label (self->verify_result, text);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_result), TRUE);
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

  if (self->verify_job != NULL)
    co_job_cancel (self->verify_job);
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_object (&self->verify_job);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_PREFERENCES_WINDOW);
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
 * @settings: (nullable): the application's settings
 *
 * Returns: (transfer full): the preferences window: appearance, storage
 *   quota and usage, and verification of stored files
 */
GtkWidget *
co_preferences_window_new (CoStore   *store,
                           GSettings *settings)
{
  CoPreferencesWindow *self = g_object_new (CO_TYPE_PREFERENCES_WINDOW, NULL);

  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;
  select_style (self);
  load_quota (self);
  return GTK_WIDGET (self);
}

/**
 * co_preferences_window_verify:
 * @self: the window
 *
 * Starts checking every stored file against its digest in the background;
 * closing the window cancels the check.
 */
void
co_preferences_window_verify (CoPreferencesWindow *self)
{
  VerifyCall *call;

  g_return_if_fail (CO_IS_PREFERENCES_WINDOW (self));

  if (self->verify_job != NULL && !co_job_is_finished (self->verify_job))
    return;
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_object (&self->verify_job);
  self->verify_job = co_job_new ("verify", _("Verifying stored files"));
  self->fraction_binding = g_object_bind_property (self->verify_job, "fraction",
                                                   self->verify_progress, "fraction",
                                                   G_BINDING_SYNC_CREATE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_progress), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_result), FALSE);

  call = g_new0 (VerifyCall, 1);
  call->self = g_object_ref (self);
  call->job = g_object_ref (self->verify_job);
  co_job_start (call->job);
  co_assets_verify_async (self->store, verify_progress_cb, call->job,
                          co_job_get_cancellable (call->job), verify_done_cb, call);
}

/** co_preferences_window_get_job: @self: the window  Returns: (transfer none) (nullable): the verify job */
CoJob *
co_preferences_window_get_job (CoPreferencesWindow *self)
{
  g_return_val_if_fail (CO_IS_PREFERENCES_WINDOW (self), NULL);
  return self->verify_job;
}
