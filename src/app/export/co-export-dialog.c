/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-app-settings.h"
#include "co-error.h"
#include "co-export-dialog.h"
#include "co-export-job.h"
#include "co-ui-util.h"
#include "co-window.h"

/* The Export dialog of the Media page: format, options and destination.
 * The work itself is an "export" job in the app's queue, which runs the
 * same chain as `creatorops-cli export` (co_export_job_build_timeline):
 * the item is named by its title and linked through a file with its real
 * extension (co_export_media_dup_path()), never its stored file. */

struct _CoExportDialog
{
  AdwWindow            parent_instance;

  /* Template children. */
  AdwComboRow         *format_row;
  AdwActionRow        *cut_row;
  GtkSwitch           *cut_switch;
  AdwActionRow        *markers_row;
  GtkSwitch           *markers_switch;
  AdwComboRow         *rate_row;
  AdwActionRow        *destination_row;
  GtkButton           *export_button;
  AdwPreferencesGroup *progress_group;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  AdwPreferencesGroup *error_group;
  GtkLabel            *error_label;

  /* Owned: what is exported, and where to. */
  CoJobQueue          *queue;
  CoVaultItem         *item;
  char                *media_path;
  CoAnalysisParams     params;
  char                *output;
  GSettings           *settings;  /* nullable: the subtitle rules, the export rate */

  /* Owned: where the export stands. */
  CoExportDialogState  state;
  CoJob               *job;
  GBinding            *fraction_binding;
  AdwMessageDialog    *confirmation;
  char                *error_text;
};

G_DEFINE_ENUM_TYPE (CoExportDialogState, co_export_dialog_state,
  G_DEFINE_ENUM_VALUE (CO_EXPORT_DIALOG_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (CO_EXPORT_DIALOG_CONFIRM, "confirm"),
  G_DEFINE_ENUM_VALUE (CO_EXPORT_DIALOG_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (CO_EXPORT_DIALOG_DONE, "done"),
  G_DEFINE_ENUM_VALUE (CO_EXPORT_DIALOG_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (CoExportDialog, co_export_dialog, ADW_TYPE_WINDOW)

static const struct
{
  CoExportFormat  format;
  const char     *title;
} formats[] = {
  { CO_EXPORT_PREMIERE_XML, N_("Premiere Pro XML") },
  { CO_EXPORT_FCPXML, N_("Final Cut Pro / DaVinci Resolve (FCPXML)") },
  { CO_EXPORT_EDL, N_("Edit Decision List (CMX 3600)") },
  { CO_EXPORT_AUDITION_CSV, N_("Audition Markers (CSV)") },
  { CO_EXPORT_PREMIERE_MARKERS, N_("Premiere Pro Markers") },
  { CO_EXPORT_CHAPTERS, N_("YouTube Chapters") },
  { CO_EXPORT_SRT, N_("SubRip Subtitles (SRT)") },
  { CO_EXPORT_VTT, N_("WebVTT Subtitles") },
};

static const struct
{
  CoRate      rate;
  const char *title;
} rates[] = {
  { { 0, 0 }, N_("Same as the Source") },
  { { 24000, 1001 }, "23.976" }, { { 24, 1 }, "24" }, { { 25, 1 }, "25" },
  { { 30000, 1001 }, N_("29.97 (drop frame)") }, { { 30, 1 }, "30" }, { { 50, 1 }, "50" },
  { { 60000, 1001 }, N_("59.94 (drop frame)") }, { { 60, 1 }, "60" },
};

static void
set_state (CoExportDialog      *self,
           CoExportDialogState  state)
{
  gboolean running = state == CO_EXPORT_DIALOG_RUNNING;

  self->state = state;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), running);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), state == CO_EXPORT_DIALOG_FAILED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.start", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose", !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !running);
}

static void
show_error (CoExportDialog *self,
            const char     *text)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);
  gtk_label_set_label (self->error_label, text);
  set_state (self, CO_EXPORT_DIALOG_FAILED);
}

static void
update_destination (CoExportDialog *self)
{
  g_autofree char *name = g_path_get_basename (self->output);
  g_autofree char *dir = g_path_get_dirname (self->output);
  g_autofree char *shown = g_filename_display_name (dir);
  g_autofree char *escaped_name = g_markup_escape_text (name, -1);
  g_autofree char *escaped_dir = g_markup_escape_text (shown, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->destination_row), escaped_name);
  adw_action_row_set_subtitle (self->destination_row, escaped_dir);
}

/* The item's title without its extension, plus the format's. */
static char *
suggest_name (CoExportDialog *self,
              CoExportFormat  format)
{
  const char *title = self->item != NULL ? co_vault_item_get_title (self->item) : NULL;
  g_autofree char *base = g_path_get_basename (title != NULL && *title ? title : "export");
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strconcat (base, ".", co_export_format_get_extension (format), NULL);
}

static void
apply_extension (CoExportDialog *self)
{
  CoExportFormat format = co_export_dialog_get_format (self);
  g_autofree char *dir = g_path_get_dirname (self->output);
  g_autofree char *name = g_path_get_basename (self->output);
  g_autofree char *renamed = NULL;
  char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    *dot = '\0';
  renamed = g_strconcat (name, ".", co_export_format_get_extension (format), NULL);
  g_free (self->output);
  self->output = g_build_filename (dir, renamed, NULL);
  update_destination (self);
}

static void
format_changed_cb (CoExportDialog *self)
{
  CoExportFormat format = co_export_dialog_get_format (self);
  gboolean timeline = format == CO_EXPORT_PREMIERE_XML || format == CO_EXPORT_FCPXML ||
                      format == CO_EXPORT_EDL;

  /* The marker lists always carry the markers (co_export_options_init()). */
  gtk_widget_set_sensitive (GTK_WIDGET (self->cut_row), timeline);
  gtk_widget_set_sensitive (GTK_WIDGET (self->markers_row), timeline);
  if (self->output != NULL)
    apply_extension (self);
}

/* The job. */

static void
unfollow_job (CoExportDialog *self)
{
  if (self->job == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_object (&self->job);
}

static void
toast_done (CoExportDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *name = g_path_get_basename (self->output);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (parent == NULL || !CO_IS_WINDOW (parent))
    return;
  /* Translators: %s is a file name. */
  title = g_strdup_printf (_("Exported “%s”"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Open Folder"));
  adw_toast_set_action_name (toast, "win.show-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (self->output));
  co_window_add_toast (CO_WINDOW (parent), toast);
}

static void
job_message_cb (CoJob          *job,
                GParamSpec     *pspec,
                CoExportDialog *self)
{
  co_ui_show_job_message (self->progress_label, job);
}

static void
job_state_cb (CoJob          *job,
              GParamSpec     *pspec,
              CoExportDialog *self)
{
  g_autoptr(GError) error = NULL;

  job_message_cb (job, NULL, self);
  switch (co_job_get_state (job))
    {
    case CO_JOB_DONE:
      set_state (self, CO_EXPORT_DIALOG_DONE);
      toast_done (self);
      gtk_window_close (GTK_WINDOW (self));
      break;
    case CO_JOB_FAILED:
      error = co_job_dup_error (job);
      if (co_error_is_cancelled (error))
        set_state (self, CO_EXPORT_DIALOG_IDLE);
      else
        show_error (self, error != NULL ? error->message : _("The export failed"));
      break;
    case CO_JOB_CANCELLED:
      set_state (self, CO_EXPORT_DIALOG_IDLE);
      break;
    case CO_JOB_QUEUED:
    case CO_JOB_RUNNING:
    default:
      break;
    }
}

static CoExportOptions
collect_options (CoExportDialog *self)
{
  CoExportOptions options;
  guint rate = adw_combo_row_get_selected (self->rate_row);

  co_export_options_init (&options, co_export_dialog_get_format (self));
  options.params = self->params;
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->cut_row)) &&
      gtk_switch_get_active (self->cut_switch))
    options.flags |= CO_TIMELINE_BUILD_CUT_SILENCES;
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->markers_row)) &&
      gtk_switch_get_active (self->markers_switch))
    options.flags |= CO_TIMELINE_BUILD_MARKERS;
  if (rate < G_N_ELEMENTS (rates))
    options.rate = rates[rate].rate;
  /* Sound has no frame rate of its own: "Same as the Source" then means
   * the rate chosen in Preferences. */
  if (options.rate.num == 0 && co_vault_item_get_item_type (self->item) != CO_VAULT_TYPE_VIDEO)
    options.rate = co_app_settings_get_export_rate (self->settings);
  co_app_settings_get_cue_rules (self->settings, &options.rules);
  return options;
}

static void
submit (CoExportDialog *self,
        gboolean        overwrite)
{
  CoExportOptions options = collect_options (self);
  CoExportSource source = { self->media_path, co_vault_item_get_sha256 (self->item),
                            co_vault_item_get_title (self->item),
                            co_vault_item_get_original_name (self->item),
                            co_vault_item_get_mime (self->item) };
  g_autofree char *params = co_export_job_params (&source, &options, self->output, overwrite);
  g_autofree char *name = g_path_get_basename (self->output);
  g_autofree char *title = g_strdup_printf (_("Exporting “%s”"), name);
  g_autoptr(GError) error = NULL;
  CoJob *job;

  job = co_job_queue_submit (self->queue, CO_EXPORT_JOB_KIND, title, params, &error);
  if (job == NULL)
    {
      show_error (self, error->message);
      return;
    }
  unfollow_job (self);
  self->job = g_object_ref (job);
  self->fraction_binding = g_object_bind_property (job, "fraction", self->progress_bar,
                                                   "fraction", G_BINDING_SYNC_CREATE);
  set_state (self, CO_EXPORT_DIALOG_RUNNING);
  g_signal_connect (job, "notify::state", G_CALLBACK (job_state_cb), self);
  g_signal_connect (job, "notify::message", G_CALLBACK (job_message_cb), self);
  job_state_cb (job, NULL, self);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CoExportDialog   *self)
{
  g_clear_object (&self->confirmation);
  if (g_str_equal (response, "replace"))
    submit (self, TRUE);
  else
    set_state (self, CO_EXPORT_DIALOG_IDLE);
}

static void
ask_overwrite (CoExportDialog *self)
{
  g_autofree char *name = g_path_get_basename (self->output);
  AdwMessageDialog *dialog;

  /* Translators: %s is a file name. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Replace “%s”?"), name);
  adw_message_dialog_set_body (dialog, _("A file with this name already exists. Replacing it "
                                         "overwrites its contents."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), self);
  self->confirmation = g_object_ref (dialog);
  set_state (self, CO_EXPORT_DIALOG_CONFIRM);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions. */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     CoExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        co_export_dialog_set_output (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CoExportDialog *self = CO_EXPORT_DIALOG (widget);
  g_autofree char *dir = g_path_get_dirname (self->output);
  g_autofree char *base = g_path_get_basename (self->output);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  GtkFileChooserNative *chooser;

  /* GtkFileDialog only arrives in GTK 4.10. */
  chooser = gtk_file_chooser_native_new (_("Export To"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
start_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  co_export_dialog_start (CO_EXPORT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CoExportDialog *self = CO_EXPORT_DIALOG (widget);

  if (self->job != NULL && !co_job_is_finished (self->job))
    co_job_cancel (self->job);
  gtk_window_close (GTK_WINDOW (self));
}

/* GObject. */

static void
co_export_dialog_dispose (GObject *object)
{
  CoExportDialog *self = (CoExportDialog *)object;

  unfollow_job (self);
  if (self->confirmation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->confirmation, self);
      gtk_window_destroy (GTK_WINDOW (self->confirmation));
      g_clear_object (&self->confirmation);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->queue);
  g_clear_object (&self->item);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (co_export_dialog_parent_class)->dispose (object);
}

static void
co_export_dialog_finalize (GObject *object)
{
  CoExportDialog *self = (CoExportDialog *)object;

  g_free (self->media_path);
  g_free (self->output);
  g_free (self->error_text);

  G_OBJECT_CLASS (co_export_dialog_parent_class)->finalize (object);
}

static void
co_export_dialog_class_init (CoExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_export_dialog_dispose;
  object_class->finalize = co_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-export-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoExportDialog, name)
  BIND (format_row);
  BIND (cut_row);
  BIND (cut_switch);
  BIND (markers_row);
  BIND (markers_switch);
  BIND (rate_row);
  BIND (destination_row);
  BIND (export_button);
  BIND (progress_group);
  BIND (progress_bar);
  BIND (progress_label);
  BIND (error_group);
  BIND (error_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_install_action (widget_class, "export.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "export.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
co_export_dialog_init (CoExportDialog *self)
{
  g_autoptr(GtkStringList) format_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) rate_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    gtk_string_list_append (format_names, _(formats[i].title));
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    gtk_string_list_append (rate_names, _(rates[i].title));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (format_names));
  adw_combo_row_set_model (self->rate_row, G_LIST_MODEL (rate_names));
  set_state (self, CO_EXPORT_DIALOG_IDLE);
}

/**
 * co_export_dialog_new:
 * @parent: the window whose toasts report the result
 * @queue: the app's job queue
 * @item: the item to export
 * @media_path: its stored file
 * @params: the analysis parameters the Media page shows
 *
 * Returns: (transfer floating): a new dialog, transient for @parent
 */
CoExportDialog *
co_export_dialog_new (GtkWindow              *parent,
                      CoJobQueue             *queue,
                      CoVaultItem            *item,
                      const char             *media_path,
                      const CoAnalysisParams *params)
{
  CoExportDialog *self;
  const char *videos = g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS);
  g_autofree char *name = NULL;

  g_return_val_if_fail (CO_IS_JOB_QUEUE (queue), NULL);
  g_return_val_if_fail (CO_IS_VAULT_ITEM (item), NULL);
  g_return_val_if_fail (media_path != NULL && params != NULL, NULL);

  self = g_object_new (CO_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->queue = g_object_ref (queue);
  self->item = g_object_ref (item);
  self->media_path = g_strdup (media_path);
  self->params = *params;
  name = suggest_name (self, co_export_dialog_get_format (self));
  self->output = g_build_filename (videos != NULL ? videos : g_get_home_dir (), name, NULL);
  format_changed_cb (self);
  return self;
}

/**
 * co_export_dialog_set_settings:
 * @self: the dialog
 * @settings: (nullable): the application's settings, whose subtitle rules
 *   and export frame rate the export follows
 */
void
co_export_dialog_set_settings (CoExportDialog *self,
                               GSettings      *settings)
{
  g_return_if_fail (CO_IS_EXPORT_DIALOG (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
}

/** co_export_dialog_set_format: @self: the dialog  @format: the format to select */
void
co_export_dialog_set_format (CoExportDialog *self,
                             CoExportFormat  format)
{
  g_return_if_fail (CO_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      adw_combo_row_set_selected (self->format_row, i);
}

/** co_export_dialog_get_format: @self: the dialog  Returns: the selected format */
CoExportFormat
co_export_dialog_get_format (CoExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (CO_IS_EXPORT_DIALOG (self), CO_EXPORT_PREMIERE_XML);
  selected = adw_combo_row_get_selected (self->format_row);
  return selected < G_N_ELEMENTS (formats) ? formats[selected].format : CO_EXPORT_PREMIERE_XML;
}

/** co_export_dialog_set_output: @self: the dialog  @path: the file to write */
void
co_export_dialog_set_output (CoExportDialog *self,
                             const char     *path)
{
  g_return_if_fail (CO_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  g_free (self->output);
  self->output = g_strdup (path);
  update_destination (self);
}

/** co_export_dialog_get_output: @self: the dialog  Returns: the file to write */
const char *
co_export_dialog_get_output (CoExportDialog *self)
{
  g_return_val_if_fail (CO_IS_EXPORT_DIALOG (self), NULL);
  return self->output;
}

/**
 * co_export_dialog_start:
 * @self: the dialog
 *
 * Starts the export, after asking whether to replace an existing file.
 */
void
co_export_dialog_start (CoExportDialog *self)
{
  g_return_if_fail (CO_IS_EXPORT_DIALOG (self));

  if (self->state == CO_EXPORT_DIALOG_RUNNING || self->state == CO_EXPORT_DIALOG_CONFIRM)
    return;
  if (g_file_test (self->output, G_FILE_TEST_EXISTS))
    ask_overwrite (self);
  else
    submit (self, FALSE);
}

/**
 * co_export_dialog_get_state:
 * @self: the dialog
 *
 * Returns: whether the dialog waits, asks to replace a file, exports, is
 *   done or failed
 */
CoExportDialogState
co_export_dialog_get_state (CoExportDialog *self)
{
  g_return_val_if_fail (CO_IS_EXPORT_DIALOG (self), CO_EXPORT_DIALOG_IDLE);
  return self->state;
}

/** co_export_dialog_get_confirmation: @self: the dialog  Returns: (transfer none) (nullable): the open question */
AdwMessageDialog *
co_export_dialog_get_confirmation (CoExportDialog *self)
{
  g_return_val_if_fail (CO_IS_EXPORT_DIALOG (self), NULL);
  return self->confirmation;
}

/** co_export_dialog_get_job: @self: the dialog  Returns: (transfer none) (nullable): the export job */
CoJob *
co_export_dialog_get_job (CoExportDialog *self)
{
  g_return_val_if_fail (CO_IS_EXPORT_DIALOG (self), NULL);
  return self->job;
}

/** co_export_dialog_get_error_text: @self: the dialog  Returns: (nullable): the error shown */
const char *
co_export_dialog_get_error_text (CoExportDialog *self)
{
  g_return_val_if_fail (CO_IS_EXPORT_DIALOG (self), NULL);
  return self->error_text;
}

/** co_export_format_get_title: @format: a format  Returns: its name for people, translated */
const char *
co_export_format_get_title (CoExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return _(formats[i].title);
  return NULL;
}
