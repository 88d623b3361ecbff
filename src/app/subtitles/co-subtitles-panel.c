/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-cue-edit.h"
#include "co-cue-entry.h"
#include "co-cue-store.h"
#include "co-cue-time.h"
#include "co-error.h"
#include "co-media-error.h"
#include "co-retime-popover.h"
#include "co-subtitle-check.h"
#include "co-subtitle.h"
#include "co-subtitles-job.h"
#include "co-subtitles-panel.h"
#include "co-window.h"

/* The subtitles of the item the Media page shows: the cue list with the QA
 * check's findings, transcription, import, export and an editor for one
 * cue.  The cues live in the store (co_cue_store_save()),
 * so every change is saved at once and the exports use it. */

struct _CoSubtitlesPanel
{
  GtkWidget         parent_instance;

  /* Template children. */
  GtkWidget        *content;
  GtkProgressBar   *progress_bar;
  GtkLabel         *status_label;
  GtkListView      *list;
  GtkWidget        *editor;
  GtkEntry         *start_entry;
  GtkEntry         *end_entry;
  GtkTextView      *text_view;
  GtkLabel         *error_label;
  GtkWidget        *retime_button;
  CoRetimePopover  *retime_popover;

  /* Owned: the library, the shown file and its cues. */
  CoStore          *store;
  CoJobQueue       *queue;
  char             *path;
  char             *title;
  CoAnalysis       *analysis;
  CoAnalysisParams  params;
  GPtrArray        *cues;
  CoCueRules        rules;     /* what the QA marks and transcription follow */
  GListStore       *model;     /* CoCueEntry, one per cue */
  int               editing;   /* the cue in the editor, or -1 */

  /* Owned: the transcription followed, and its progress bar's binding. */
  CoJob            *job;
  GBinding         *fraction_binding;
};

G_DEFINE_FINAL_TYPE (CoSubtitlesPanel, co_subtitles_panel, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  SIGNAL_SEEK,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
toast (CoSubtitlesPanel *self,
       const char       *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (CO_IS_WINDOW (root))
    co_window_add_toast (CO_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

/* Offers to show @filename in the file manager, as the Export dialog does. */
static void
toast_file (CoSubtitlesPanel *self,
            const char       *text,
            const char       *filename)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;

  if (!CO_IS_WINDOW (root))
    return;
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("Open Folder"));
  adw_toast_set_action_name (toast, "win.show-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (filename));
  co_window_add_toast (CO_WINDOW (root), toast);
}

/* The list: one row per cue, from core's entries. */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *times = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "co-cue");
  gtk_widget_add_css_class (icon, "co-cue-warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (times), 0);
  gtk_widget_add_css_class (times, "caption");
  gtk_widget_add_css_class (times, "dim-label");
  gtk_widget_add_css_class (times, "numeric");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (labels), times);
  gtk_box_append (GTK_BOX (labels), text);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CoCueEntry *entry = gtk_list_item_get_item (item);
  const char *problems = co_cue_entry_get_problems (entry);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *times = gtk_widget_get_first_child (gtk_widget_get_next_sibling (icon));

  gtk_label_set_label (GTK_LABEL (times), co_cue_entry_get_times (entry));
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_next_sibling (times)),
                       co_cue_entry_get_text (entry));
  /* A hidden sign would shift the text; a transparent one keeps the column. */
  gtk_widget_set_opacity (icon, problems != NULL ? 1 : 0);
  gtk_widget_set_tooltip_text (icon, problems);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  problems != NULL ? problems : "", -1);
  if (problems != NULL)
    gtk_widget_add_css_class (box, "co-cue-flagged");
  else
    gtk_widget_remove_css_class (box, "co-cue-flagged");
}

static void
fill_list (CoSubtitlesPanel *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *status = NULL;
  guint n_flagged = 0;

  entries = co_cue_entries_new (self->cues, &self->rules, &n_flagged);
  g_list_store_splice (self->model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->model)),
                       entries->pdata, entries->len);
  if (self->cues->len == 0)
    status = g_strdup (self->path != NULL
                       ? _("No subtitles yet. Transcribe the speech or import an SRT or WebVTT file.")
                       : "");
  else
    status = g_strdup_printf (ngettext ("%u cue, %u to review", "%u cues, %u to review",
                                        self->cues->len), self->cues->len, n_flagged);
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->cues->len > 0);
  gtk_widget_set_sensitive (self->retime_button, self->cues->len > 0 && self->path != NULL);
}

/* Replaces the cues, keeps them in the store when @save, and tells the page. */
static gboolean
set_cues (CoSubtitlesPanel  *self,
          GPtrArray         *cues,
          gboolean           save,
          GError           **error)
{
  if (save && (self->store == NULL || self->path == NULL))
    {
      g_set_error_literal (error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                           _("No media is open to keep the subtitles with"));
      return FALSE;
    }
  if (save && !co_cue_store_save (self->store, self->path, cues, error))
    return FALSE;
  g_ptr_array_unref (self->cues);
  self->cues = g_ptr_array_ref (cues);
  fill_list (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

/* Transcription, as a job of the app's queue: the panel follows it and
 * reads the kept cues back when it is done. */

static void
unfollow_job (CoSubtitlesPanel *self)
{
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_object (&self->job);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "subtitles.transcribe",
                                 self->analysis != NULL && self->queue != NULL);
}

static void
job_done (CoSubtitlesPanel *self)
{
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  cues = co_cue_store_load (self->store, self->path, &error);
  if (cues == NULL)
    {
      toast (self, error != NULL ? error->message : _("The transcription made no subtitles"));
      return;
    }
  set_cues (self, cues, FALSE, NULL);
  text = g_strdup_printf (ngettext ("Transcribed %u cue", "Transcribed %u cues", cues->len),
                          cues->len);
  toast (self, text);
}

static void
job_state_cb (CoJob            *job,
              GParamSpec       *pspec,
              CoSubtitlesPanel *self)
{
  g_autoptr(GError) error = NULL;

  switch (co_job_get_state (job))
    {
    case CO_JOB_DONE:
      unfollow_job (self);
      job_done (self);
      break;
    case CO_JOB_FAILED:
      error = co_job_dup_error (job);
      unfollow_job (self);
      if (error != NULL && !co_error_is_cancelled (error))
        toast (self, error->message);
      break;
    case CO_JOB_CANCELLED:
      unfollow_job (self);
      break;
    case CO_JOB_QUEUED:
    case CO_JOB_RUNNING:
    default:
      break;
    }
}

static void
follow_job (CoSubtitlesPanel *self,
            CoJob            *job)
{
  unfollow_job (self);
  self->job = g_object_ref (job);
  self->fraction_binding = g_object_bind_property (job, "fraction", self->progress_bar,
                                                   "fraction", G_BINDING_SYNC_CREATE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "subtitles.transcribe", FALSE);
  g_signal_connect (job, "notify::state", G_CALLBACK (job_state_cb), self);
  job_state_cb (job, NULL, self);
}

/* A transcription of the shown file may run already, for instance one
 * started before the page showed another item: follow it. */
static CoJob *
find_job (CoSubtitlesPanel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(CoJob) job = g_list_model_get_item (G_LIST_MODEL (self->queue), i - 1);
      g_autofree char *path = NULL;

      if (g_strcmp0 (co_job_get_kind (job), CO_SUBTITLES_JOB_KIND) != 0
          || co_job_is_finished (job))
        continue;
      path = co_subtitles_job_dup_path (co_job_get_params (job));
      if (g_strcmp0 (path, self->path) == 0)
        return g_steal_pointer (&job);
    }
  return NULL;
}

static void
transcribe_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  CoSubtitlesPanel *self = CO_SUBTITLES_PANEL (widget);
  g_autofree char *job_params = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  CoJob *job;

  if (self->analysis == NULL || self->queue == NULL || self->path == NULL || self->job != NULL)
    return;
  job_params = co_subtitles_job_params (self->path, &self->params, &self->rules);
  /* Translators: a background job; %s is the title of a video or audio item. */
  title = g_strdup_printf (_("Transcribing “%s”"), self->title);
  job = co_job_queue_submit (self->queue, CO_SUBTITLES_JOB_KIND, title, job_params, &error);
  if (job == NULL)
    toast (self, error->message);
  else
    follow_job (self, job);
}

/* Re-timing, from the popover of the Re-time button. */

static void
retime_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CoSubtitlesPanel *self = CO_SUBTITLES_PANEL (widget);
  g_autoptr(GError) error = NULL;
  CoSubtitleRetime retime;

  if (!co_retime_popover_read (self->retime_popover, &retime, &error) ||
      !co_subtitles_panel_retime (self, &retime, &error))
    {
      co_retime_popover_show_error (self->retime_popover, error);
      return;
    }
  co_retime_popover_show_error (self->retime_popover, NULL);
  gtk_popover_popdown (GTK_POPOVER (self->retime_popover));
}

/* Import and export through file choosers. */

static void
import_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    CoSubtitlesPanel *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *filename = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    filename = g_file_get_path (file);
  if (filename != NULL)
    co_subtitles_panel_import (self, filename, NULL);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    CoSubtitlesPanel *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *filename = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    filename = g_file_get_path (file);
  if (filename != NULL)
    co_subtitles_panel_export (self, filename, NULL);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_subtitle_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Subtitles (SRT, WebVTT)"));
  gtk_file_filter_add_pattern (filter, "*.srt");
  gtk_file_filter_add_pattern (filter, "*.vtt");
  gtk_file_filter_add_pattern (filter, "*.SRT");
  gtk_file_filter_add_pattern (filter, "*.VTT");
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  CoSubtitlesPanel *self = CO_SUBTITLES_PANEL (widget);
  gboolean import = g_str_equal (name, "subtitles.import");
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (import ? _("Import Subtitles") : _("Export Subtitles"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         import ? GTK_FILE_CHOOSER_ACTION_OPEN
                                                : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         import ? _("_Import") : _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_subtitle_filter (GTK_FILE_CHOOSER (chooser));
  if (!import)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Subtitles.srt"));
  g_signal_connect (chooser, "response",
                    import ? G_CALLBACK (import_response_cb) : G_CALLBACK (export_response_cb),
                    self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The editor. */

static char *
dup_editor_text (CoSubtitlesPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
apply_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  CoSubtitlesPanel *self = CO_SUBTITLES_PANEL (widget);
  g_autofree char *text = dup_editor_text (self);

  co_subtitles_panel_apply (self, gtk_editable_get_text (GTK_EDITABLE (self->start_entry)),
                            gtk_editable_get_text (GTK_EDITABLE (self->end_entry)), text, NULL);
}

static void
close_editor_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  CoSubtitlesPanel *self = CO_SUBTITLES_PANEL (widget);

  self->editing = -1;
  gtk_widget_set_visible (self->editor, FALSE);
}

static void
cue_activated_cb (GtkListView      *list,
                  guint             index,
                  CoSubtitlesPanel *self)
{
  const CoCue *cue;

  if (index >= self->cues->len)
    return;
  co_subtitles_panel_edit (self, index);
  cue = g_ptr_array_index (self->cues, index);
  g_signal_emit (self, signals[SIGNAL_SEEK], 0, cue->start_us / (double)G_USEC_PER_SEC);
}

/* GObject. */

static void
co_subtitles_panel_dispose (GObject *object)
{
  CoSubtitlesPanel *self = (CoSubtitlesPanel *)object;

  unfollow_job (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_SUBTITLES_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->queue);
  g_clear_pointer (&self->analysis, co_analysis_unref);

  G_OBJECT_CLASS (co_subtitles_panel_parent_class)->dispose (object);
}

static void
co_subtitles_panel_finalize (GObject *object)
{
  CoSubtitlesPanel *self = (CoSubtitlesPanel *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->cues, g_ptr_array_unref);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (co_subtitles_panel_parent_class)->finalize (object);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "subtitles.transcribe", NULL,
                                   transcribe_action);
  gtk_widget_class_install_action (widget_class, "subtitles.import", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "subtitles.export", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "subtitles.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "subtitles.retime", NULL, retime_action);
  gtk_widget_class_install_action (widget_class, "subtitles.close-editor", NULL,
                                   close_editor_action);

  /* Every key here is listed in ui/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "subtitles.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "subtitles.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "subtitles.close-editor", NULL);
}

static void
co_subtitles_panel_class_init (CoSubtitlesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_subtitles_panel_dispose;
  object_class->finalize = co_subtitles_panel_finalize;

  /* The cues changed: the page redraws its caption. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  /* A cue was activated: the page moves the playhead to its start. */
  signals[SIGNAL_SEEK] = g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-subtitles-panel.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoSubtitlesPanel, name)
  BIND (content);
  BIND (progress_bar);
  BIND (status_label);
  BIND (list);
  BIND (editor);
  BIND (start_entry);
  BIND (end_entry);
  BIND (text_view);
  BIND (error_label);
  BIND (retime_button);
  BIND (retime_popover);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, cue_activated_cb);
  install_actions (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-subtitles-panel");
}

static void
co_subtitles_panel_init (CoSubtitlesPanel *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_type_ensure (CO_TYPE_RETIME_POPOVER);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cues = co_cue_list_new ();
  co_cue_rules_init (&self->rules);
  self->model = g_list_store_new (CO_TYPE_CUE_ENTRY);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             G_LIST_MODEL (g_object_ref (self->model)))));
  self->editing = -1;
  fill_list (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "subtitles.transcribe", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "subtitles.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "subtitles.export", FALSE);
}

/** co_subtitles_panel_new: Returns: (transfer floating): a new panel */
GtkWidget *
co_subtitles_panel_new (void)
{
  return g_object_new (CO_TYPE_SUBTITLES_PANEL, NULL);
}

/**
 * co_subtitles_panel_set_media:
 * @self: the panel
 * @store: (nullable): the store that keeps the subtitles
 * @queue: (nullable): the app's job queue, which transcribes
 * @path: (nullable): the media file the cues belong to
 * @title: (nullable): the item's title, for the job list
 *
 * Shows the subtitles kept with @path and follows a transcription of it
 * that is still running.
 */
void
co_subtitles_panel_set_media (CoSubtitlesPanel *self,
                              CoStore          *store,
                              CoJobQueue       *queue,
                              const char       *path,
                              const char       *title)
{
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoJob) job = NULL;

  g_return_if_fail (CO_IS_SUBTITLES_PANEL (self));
  g_return_if_fail (store == NULL || CO_IS_STORE (store));
  g_return_if_fail (queue == NULL || CO_IS_JOB_QUEUE (queue));

  g_clear_pointer (&self->analysis, co_analysis_unref);
  unfollow_job (self);
  g_set_object (&self->store, store);
  g_set_object (&self->queue, queue);
  g_free (self->path);
  self->path = g_strdup (path);
  g_free (self->title);
  self->title = g_strdup (title != NULL ? title : path);
  close_editor_action (GTK_WIDGET (self), NULL, NULL);
  if (store != NULL && path != NULL)
    cues = co_cue_store_load (store, path, &error);
  if (error != NULL)
    toast (self, error->message);
  if (cues == NULL)
    cues = co_cue_list_new ();
  set_cues (self, cues, FALSE, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "subtitles.import", path != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "subtitles.export", path != NULL);
  if (queue != NULL && path != NULL && (job = find_job (self)) != NULL)
    follow_job (self, job);
}

/**
 * co_subtitles_panel_set_analysis:
 * @self: the panel
 * @analysis: (nullable): the analysis of the shown file, whose silences
 *   split the speech for transcription
 * @params: (nullable): the parameters @analysis was made with
 */
void
co_subtitles_panel_set_analysis (CoSubtitlesPanel       *self,
                                 CoAnalysis             *analysis,
                                 const CoAnalysisParams *params)
{
  g_return_if_fail (CO_IS_SUBTITLES_PANEL (self));
  g_return_if_fail (analysis == NULL || params != NULL);

  g_clear_pointer (&self->analysis, co_analysis_unref);
  if (analysis != NULL)
    {
      self->analysis = co_analysis_ref (analysis);
      self->params = *params;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "subtitles.transcribe",
                                 analysis != NULL && self->queue != NULL && self->job == NULL);
}

/** co_subtitles_panel_get_cues: @self: the panel  Returns: (transfer none) (element-type CoCue): the cues shown */
GPtrArray *
co_subtitles_panel_get_cues (CoSubtitlesPanel *self)
{
  g_return_val_if_fail (CO_IS_SUBTITLES_PANEL (self), NULL);
  return self->cues;
}

/**
 * co_subtitles_panel_text_at:
 * @self: the panel
 * @time: seconds from the start of the media
 *
 * Returns: (nullable): the text of the cue on screen at @time
 */
const char *
co_subtitles_panel_text_at (CoSubtitlesPanel *self,
                            double            time)
{
  gint64 us = (gint64)(time * G_USEC_PER_SEC + 0.5);

  g_return_val_if_fail (CO_IS_SUBTITLES_PANEL (self), NULL);

  for (guint i = 0; i < self->cues->len; i++)
    {
      const CoCue *cue = g_ptr_array_index (self->cues, i);

      if (cue->start_us <= us && us < cue->end_us)
        return cue->text;
    }
  return NULL;
}

/**
 * co_subtitles_panel_import:
 * @self: the panel
 * @filename: an SRT or WebVTT file
 * @error: return location for a #GError
 *
 * Replaces the subtitles of the shown file with those of @filename and
 * keeps them.  A toast tells the result; a malformed file's toast names
 * the line at fault.
 *
 * Returns: %TRUE on success
 */
gboolean
co_subtitles_panel_import (CoSubtitlesPanel  *self,
                           const char        *filename,
                           GError           **error)
{
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CO_IS_SUBTITLES_PANEL (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  cues = co_subtitle_load (filename, &local_error);
  if (cues == NULL || !set_cues (self, cues, TRUE, &local_error))
    {
      toast (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  close_editor_action (GTK_WIDGET (self), NULL, NULL);
  basename = g_filename_display_basename (filename);
  text = g_strdup_printf (ngettext ("Imported %u cue from “%s”", "Imported %u cues from “%s”",
                                    cues->len), cues->len, basename);
  toast (self, text);
  return TRUE;
}

/**
 * co_subtitles_panel_export:
 * @self: the panel
 * @filename: where to write; its extension (`.srt` or `.vtt`) chooses the format
 * @error: return location for a #GError
 *
 * Writes the shown cues; a toast tells the result.
 *
 * Returns: %TRUE on success
 */
gboolean
co_subtitles_panel_export (CoSubtitlesPanel  *self,
                           const char        *filename,
                           GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *text = NULL;
  CoSubtitleFormat format;

  g_return_val_if_fail (CO_IS_SUBTITLES_PANEL (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  if (co_subtitle_format_for_path (filename, &format, &local_error))
    {
      data = co_subtitle_write (self->cues, format);
      g_file_set_contents (filename, data, -1, &local_error);
    }
  if (local_error != NULL)
    {
      toast (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  basename = g_filename_display_basename (filename);
  text = g_strdup_printf (_("Subtitles saved as “%s”"), basename);
  toast_file (self, text, filename);
  return TRUE;
}

/**
 * co_subtitles_panel_edit:
 * @self: the panel
 * @index: a cue's index
 *
 * Opens the editor on the cue at @index.
 */
void
co_subtitles_panel_edit (CoSubtitlesPanel *self,
                         guint             index)
{
  const CoCue *cue;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_if_fail (CO_IS_SUBTITLES_PANEL (self));
  g_return_if_fail (index < self->cues->len);

  cue = g_ptr_array_index (self->cues, index);
  start = co_cue_time_format (cue->start_us);
  end = co_cue_time_format (cue->end_us);
  self->editing = index;
  gtk_editable_set_text (GTK_EDITABLE (self->start_entry), start);
  gtk_editable_set_text (GTK_EDITABLE (self->end_entry), end);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), cue->text, -1);
  gtk_label_set_label (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (self->editor, TRUE);
}

static void
show_edit_error (CoSubtitlesPanel *self,
                 const GError     *error)
{
  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/**
 * co_subtitles_panel_apply:
 * @self: the panel
 * @start: the start, as H:MM:SS.mmm
 * @end: the end, as H:MM:SS.mmm
 * @text: the lines, separated by newlines
 * @error: return location for a #GError
 *
 * Changes the cue in the editor and keeps the result; the list, its QA
 * marks and the caption follow at once.  Invalid times or empty text are
 * shown in the editor and change nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
co_subtitles_panel_apply (CoSubtitlesPanel  *self,
                          const char        *start,
                          const char        *end,
                          const char        *text,
                          GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  int index = self->editing;

  g_return_val_if_fail (CO_IS_SUBTITLES_PANEL (self), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL && text != NULL, FALSE);

  /* With no cue in the editor, the index is past the end of the list. */
  cues = co_cue_list_edit (self->cues, index >= 0 ? (guint)index : G_MAXUINT, start, end, text,
                           &local_error);
  if (cues != NULL)
    set_cues (self, cues, TRUE, &local_error);
  if (local_error != NULL)
    {
      show_edit_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  co_subtitles_panel_edit (self, index);
  return TRUE;
}

/** co_subtitles_panel_get_model: @self: the panel  Returns: (transfer none): the rows of the cue list */
GListModel *
co_subtitles_panel_get_model (CoSubtitlesPanel *self)
{
  g_return_val_if_fail (CO_IS_SUBTITLES_PANEL (self), NULL);
  return G_LIST_MODEL (self->model);
}

/**
 * co_subtitles_panel_get_problems:
 * @self: the panel
 * @index: a cue's index
 *
 * Returns: (nullable): what the cue's warning sign says: every rule it
 *   breaks, one per line, or %NULL when it needs no review
 */
const char *
co_subtitles_panel_get_problems (CoSubtitlesPanel *self,
                                 guint             index)
{
  g_autoptr(CoCueEntry) entry = NULL;

  g_return_val_if_fail (CO_IS_SUBTITLES_PANEL (self), NULL);

  entry = g_list_model_get_item (G_LIST_MODEL (self->model), index);
  g_return_val_if_fail (entry != NULL, NULL);
  /* The model keeps the entry, so the string outlives the reference. */
  return co_cue_entry_get_problems (entry);
}

/** co_subtitles_panel_get_job: @self: the panel  Returns: (transfer none) (nullable): the transcription it follows */
CoJob *
co_subtitles_panel_get_job (CoSubtitlesPanel *self)
{
  g_return_val_if_fail (CO_IS_SUBTITLES_PANEL (self), NULL);
  return self->job;
}

/**
 * co_subtitles_panel_retime:
 * @self: the panel
 * @retime: how to re-time, as co_subtitle_retime_parse_shift() and its
 *   siblings read it
 * @error: return location for a #GError
 *
 * Re-times every cue and keeps the result; the list, its QA marks and the
 * caption follow.  When a cue would start before the media, nothing
 * changes.  A toast tells the result.
 *
 * Returns: %TRUE on success
 */
gboolean
co_subtitles_panel_retime (CoSubtitlesPanel        *self,
                           const CoSubtitleRetime  *retime,
                           GError                 **error)
{
  g_autoptr(GPtrArray) cues = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CO_IS_SUBTITLES_PANEL (self), FALSE);
  g_return_val_if_fail (retime != NULL, FALSE);

  cues = co_cue_list_copy (self->cues);
  if (!co_subtitle_retime_apply (retime, cues, error) || !set_cues (self, cues, TRUE, error))
    return FALSE;
  close_editor_action (GTK_WIDGET (self), NULL, NULL);
  text = g_strdup_printf (ngettext ("Re-timed %u cue", "Re-timed %u cues", cues->len), cues->len);
  toast (self, text);
  return TRUE;
}

/**
 * co_subtitles_panel_set_rules:
 * @self: the panel
 * @rules: the subtitle rules chosen in Preferences
 *
 * Sets the rules that the warning signs check and that transcription
 * follows; the list is checked again at once.
 */
void
co_subtitles_panel_set_rules (CoSubtitlesPanel *self,
                              const CoCueRules *rules)
{
  g_return_if_fail (CO_IS_SUBTITLES_PANEL (self));
  g_return_if_fail (rules != NULL);

  self->rules = *rules;
  fill_list (self);
}
