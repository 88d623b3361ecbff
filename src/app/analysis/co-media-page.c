/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-app-jobs.h"
#include "co-app-settings.h"
#include "co-duration.h"
#include "co-error.h"
#include "co-filmstrip.h"
#include "co-loudness-group.h"
#include "co-media-page.h"
#include "co-reanalyse-popover.h"
#include "co-suggestions-group.h"
#include "co-ui-util.h"

/* The Media section: the preview, the waveform with its markers, loudness
 * and the edit suggestions of one video or audio item.  Where the analysis
 * stands (looked up, made by a job of the app's queue, failed) is the
 * CoAnalysisController's; the page shows what it says and plays the file. */

struct _CoMediaPage
{
  GtkWidget             parent_instance;

  /* Template children. */
  GtkStack             *page_stack;
  GtkImage             *type_icon;
  GtkLabel             *title_label;
  CoReanalysePopover   *reanalyse_popover;
  GtkVideo             *video;
  GtkLabel             *caption_label;
  GtkButton            *play_button;
  GtkLabel             *position_label;
  GtkStack             *analysis_stack;
  CoWaveform           *waveform;
  GtkScrollbar         *scrollbar;
  GtkScrolledWindow    *filmstrip_scroller;
  CoFilmstrip          *filmstrip;
  GtkLabel             *progress_title;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  AdwStatusPage        *failed_page;
  GtkStack             *side_stack;
  GtkToggleButton      *sidebar_button;
  CoLoudnessGroup      *loudness_group;
  CoSuggestionsGroup   *suggestions_group;
  CoSubtitlesPanel     *subtitles_panel;

  /* Owned: the library, and the analysis of the shown item. */
  CoVault              *vault;
  CoJobQueue           *queue;
  GSettings            *settings;
  CoAnalysisController *analysis;

  /* Owned: the job whose progress is shown, and the progress bar's binding. */
  CoJob                *job;
  GBinding             *fraction_binding;

  /* Owned: playback.  The page keeps its own position, so that seeking
   * works before the stream is ready and with no media backend at all. */
  GtkMediaStream       *stream;
  double                position;
};

G_DEFINE_FINAL_TYPE (CoMediaPage, co_media_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  PROP_POSITION,
  PROP_ANALYSIS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static CoAnalysis *
get_analysis (CoMediaPage *self)
{
  return self->analysis != NULL ? co_analysis_controller_get_analysis (self->analysis) : NULL;
}

static CoVaultItem *
get_item (CoMediaPage *self)
{
  return self->analysis != NULL ? co_analysis_controller_get_item (self->analysis) : NULL;
}

static double
get_duration (CoMediaPage *self)
{
  CoVaultItem *item = get_item (self);

  if (get_analysis (self) != NULL)
    return co_analysis_get_duration (get_analysis (self));
  return item != NULL ? MAX (0, co_vault_item_get_duration (item)) : 0;
}

/* The playhead. */

static void
update_position_label (CoMediaPage *self)
{
  g_autofree char *now = co_duration_format (MAX (self->position, 0), CO_DURATION_FORMAT_MILLIS);
  g_autofree char *total = co_duration_format (get_duration (self), CO_DURATION_FORMAT_MILLIS);
  g_autofree char *text = g_strdup_printf ("%s / %s", now, total);

  gtk_label_set_label (self->position_label, text);
}

/* The caption over the preview shows the cue at the playhead. */
static void
update_caption (CoMediaPage *self)
{
  const char *text = co_subtitles_panel_text_at (self->subtitles_panel, self->position);

  gtk_label_set_label (self->caption_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label), text != NULL);
}

static void
set_position (CoMediaPage *self,
              double       position)
{
  if (self->position == position)
    return;
  self->position = position;
  co_waveform_set_position (self->waveform, position);
  update_caption (self);
  update_position_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* What the analysis controller says. */

static void
show_progress (CoMediaPage     *self,
               CoAnalysisState  state)
{
  CoJob *job = co_analysis_controller_get_job (self->analysis);

  if (state == CO_ANALYSIS_STATE_ANALYSING)
    {
      gtk_label_set_label (self->progress_title, _("Analysing…"));
      if (job != NULL)
        co_ui_show_job_message (self->progress_label, job);
      return;
    }
  gtk_label_set_label (self->progress_title, _("Loading the analysis…"));
  gtk_label_set_label (self->progress_label, "");
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
}

static void
show_failure (CoMediaPage *self)
{
  const GError *error = co_analysis_controller_get_error (self->analysis);
  const char *suggestion = error != NULL ? co_error_get_suggestion (error) : NULL;
  g_autofree char *text = NULL;

  if (error == NULL)
    return;
  text = suggestion != NULL ? g_strdup_printf ("%s\n\n%s", error->message, suggestion)
                            : g_strdup (error->message);
  adw_status_page_set_description (self->failed_page, text);
}

/* The stacks and actions follow the state; the child shown for each state. */
static void
show_state (CoMediaPage     *self,
            CoAnalysisState  state)
{
  static const char *const children[] = {
    [CO_ANALYSIS_STATE_LOADING] = "progress", [CO_ANALYSIS_STATE_ANALYSING] = "progress",
    [CO_ANALYSIS_STATE_READY] = "waveform", [CO_ANALYSIS_STATE_FAILED] = "failed",
    [CO_ANALYSIS_STATE_CANCELLED] = "cancelled",
  };

  if (state == CO_ANALYSIS_STATE_LOADING || state == CO_ANALYSIS_STATE_ANALYSING)
    show_progress (self, state);
  else if (state == CO_ANALYSIS_STATE_FAILED)
    show_failure (self);
  if (children[state] != NULL)
    gtk_stack_set_visible_child_name (self->analysis_stack, children[state]);
  gtk_stack_set_visible_child_name (self->page_stack,
                                    state == CO_ANALYSIS_STATE_EMPTY ? "empty" : "media");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.cancel-analysis",
                                 state == CO_ANALYSIS_STATE_ANALYSING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.reanalyse", get_item (self) != NULL);
}

static void
state_changed_cb (CoAnalysisController *analysis,
                  GParamSpec           *pspec,
                  CoMediaPage          *self)
{
  show_state (self, co_analysis_controller_get_state (analysis));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
job_message_cb (CoJob       *job,
                GParamSpec  *pspec,
                CoMediaPage *self)
{
  co_ui_show_job_message (self->progress_label, job);
}

static void
job_changed_cb (CoAnalysisController *analysis,
                GParamSpec           *pspec,
                CoMediaPage          *self)
{
  CoJob *job = co_analysis_controller_get_job (analysis);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_set_object (&self->job, job);
  if (job == NULL)
    return;
  self->fraction_binding = g_object_bind_property (job, "fraction", self->progress_bar, "fraction",
                                                   G_BINDING_SYNC_CREATE);
  g_signal_connect (job, "notify::message", G_CALLBACK (job_message_cb), self);
  g_signal_connect (job, "notify::state", G_CALLBACK (job_message_cb), self);
}

static void
set_zoom_enabled (CoMediaPage *self,
                  gboolean     enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.zoom-in", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.zoom-out", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.zoom-fit", enabled);
}

static void
analysis_changed_cb (CoAnalysisController *controller,
                     GParamSpec           *pspec,
                     CoMediaPage          *self)
{
  CoAnalysis *analysis = co_analysis_controller_get_analysis (controller);
  CoAnalysisParams params;

  co_waveform_set_analysis (self->waveform, analysis);
  co_suggestions_group_set_analysis (self->suggestions_group, analysis);
  if (analysis != NULL)
    {
      co_analysis_controller_get_params (controller, &params);
      co_waveform_set_position (self->waveform, self->position);
      co_loudness_group_set_analysis (self->loudness_group, analysis);
      co_filmstrip_set_source (self->filmstrip, co_analysis_controller_get_path (controller),
                               analysis);
      co_subtitles_panel_set_analysis (self->subtitles_panel, analysis, &params);
      update_position_label (self);
      set_zoom_enabled (self, TRUE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
}

/* Playback. */

static void
stream_timestamp_cb (GtkMediaStream *stream,
                     GParamSpec     *pspec,
                     CoMediaPage    *self)
{
  if (gtk_media_stream_is_seeking (stream) || !gtk_media_stream_is_prepared (stream))
    return;
  set_position (self, gtk_media_stream_get_timestamp (stream) / (double)G_USEC_PER_SEC);
}

static void
stream_playing_cb (GtkMediaStream *stream,
                   GParamSpec     *pspec,
                   CoMediaPage    *self)
{
  gboolean playing = gtk_media_stream_get_playing (stream);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play (Space)"));
}

static void
stream_prepared_cb (GtkMediaStream *stream,
                    GParamSpec     *pspec,
                    CoMediaPage    *self)
{
  /* A seek asked for while the stream was still opening happens now. */
  if (gtk_media_stream_is_prepared (stream) && gtk_media_stream_is_seekable (stream)
      && self->position > 0)
    gtk_media_stream_seek (stream, (gint64)(self->position * G_USEC_PER_SEC));
}

static void
clear_stream (CoMediaPage *self)
{
  if (self->stream == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->stream, self);
  gtk_media_stream_pause (self->stream);
  gtk_video_set_media_stream (self->video, NULL);
  g_clear_object (&self->stream);
}

static void
open_stream (CoMediaPage *self,
             const char  *path,
             gboolean     has_video)
{
  self->stream = gtk_media_file_new_for_filename (path);
  g_signal_connect (self->stream, "notify::timestamp", G_CALLBACK (stream_timestamp_cb), self);
  g_signal_connect (self->stream, "notify::playing", G_CALLBACK (stream_playing_cb), self);
  g_signal_connect (self->stream, "notify::prepared", G_CALLBACK (stream_prepared_cb), self);
  if (has_video)
    gtk_video_set_media_stream (self->video, self->stream);
  stream_playing_cb (self->stream, NULL, self);
}

/* Callbacks and actions. */

static void
adjustment_changed_cb (GtkAdjustment *adjustment,
                       CoMediaPage   *self)
{
  /* Zoomed out to the whole clip there is nothing to scroll. */
  gtk_widget_set_visible (GTK_WIDGET (self->scrollbar),
                          gtk_adjustment_get_page_size (adjustment)
                          < gtk_adjustment_get_upper (adjustment) - 1e-6);
}

/* The waveform, a suggestion, a picture of the filmstrip and a cue all
 * move the playhead. */
static void
seek_cb (GtkWidget   *widget,
         double       time,
         CoMediaPage *self)
{
  co_media_page_seek (self, time);
}

static void
subtitles_changed_cb (CoSubtitlesPanel *panel,
                      CoMediaPage      *self)
{
  update_caption (self);
}

static void
reanalyse_show_cb (GtkPopover  *popover,
                   CoMediaPage *self)
{
  CoAnalysisParams params;

  co_media_page_get_params (self, &params);
  co_reanalyse_popover_set_params (self->reanalyse_popover, &params);
}

static void
reanalyse_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  CoMediaPage *self = CO_MEDIA_PAGE (widget);
  CoAnalysisParams params;

  co_media_page_get_params (self, &params);
  co_reanalyse_popover_get_params (self->reanalyse_popover, &params);
  gtk_popover_popdown (GTK_POPOVER (self->reanalyse_popover));
  co_media_page_reanalyse (self, &params);
}

static void
analyse_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CoMediaPage *self = CO_MEDIA_PAGE (widget);

  if (self->analysis != NULL)
    co_analysis_controller_analyse (self->analysis, NULL);
}

static void
cancel_analysis_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  CoMediaPage *self = CO_MEDIA_PAGE (widget);

  if (self->analysis != NULL)
    co_analysis_controller_cancel (self->analysis);
}

static void
play_pause_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  CoMediaPage *self = CO_MEDIA_PAGE (widget);

  if (self->stream != NULL)
    gtk_media_stream_set_playing (self->stream, !gtk_media_stream_get_playing (self->stream));
}

static void
zoom_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  CoMediaPage *self = CO_MEDIA_PAGE (widget);

  if (g_str_equal (name, "media.zoom-fit"))
    co_waveform_zoom_to_fit (self->waveform);
  else
    co_waveform_zoom (self->waveform, g_str_equal (name, "media.zoom-in") ? 1.5 : 1 / 1.5);
}

/* GObject. */

static void
co_media_page_dispose (GObject *object)
{
  CoMediaPage *self = (CoMediaPage *)object;

  if (self->analysis != NULL)
    g_signal_handlers_disconnect_by_data (self->analysis, self);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_object (&self->job);
  g_clear_object (&self->analysis);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  clear_stream (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_MEDIA_PAGE);
  g_clear_object (&self->queue);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (co_media_page_parent_class)->dispose (object);
}

static void
co_media_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CoMediaPage *self = CO_MEDIA_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, co_media_page_get_state (self));
      break;
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    case PROP_ANALYSIS:
      g_value_set_boxed (value, get_analysis (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "media.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "media.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "media.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "media.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "media.reanalyse", NULL, reanalyse_action);
  gtk_widget_class_install_action (widget_class, "media.analyse", NULL, analyse_action);
  gtk_widget_class_install_action (widget_class, "media.cancel-analysis", NULL,
                                   cancel_analysis_action);

  /* Every key here is listed in ui/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "media.play-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "media.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "media.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "media.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "media.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "media.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "media.zoom-fit", NULL);
}

static void
bind_children (GtkWidgetClass *widget_class)
{
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoMediaPage, name)
  BIND (page_stack);
  BIND (type_icon);
  BIND (title_label);
  BIND (reanalyse_popover);
  BIND (video);
  BIND (caption_label);
  BIND (play_button);
  BIND (position_label);
  BIND (analysis_stack);
  BIND (waveform);
  BIND (scrollbar);
  BIND (filmstrip_scroller);
  BIND (filmstrip);
  BIND (progress_title);
  BIND (progress_bar);
  BIND (progress_label);
  BIND (failed_page);
  BIND (side_stack);
  BIND (sidebar_button);
  BIND (loudness_group);
  BIND (suggestions_group);
  BIND (subtitles_panel);
#undef BIND
}

static void
co_media_page_class_init (CoMediaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_media_page_dispose;
  object_class->get_property = co_media_page_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CO_TYPE_ANALYSIS_STATE, CO_ANALYSIS_STATE_EMPTY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANALYSIS] =
    g_param_spec_boxed ("analysis", NULL, NULL, CO_TYPE_ANALYSIS,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CO_TYPE_WAVEFORM);
  g_type_ensure (CO_TYPE_FILMSTRIP);
  g_type_ensure (CO_TYPE_LOUDNESS_GROUP);
  g_type_ensure (CO_TYPE_SUGGESTIONS_GROUP);
  g_type_ensure (CO_TYPE_REANALYSE_POPOVER);
  g_type_ensure (CO_TYPE_SUBTITLES_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-media-page.ui");
  bind_children (widget_class);
  gtk_widget_class_bind_template_callback_full (widget_class, "waveform_seek_cb",
                                                G_CALLBACK (seek_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "suggestion_seek_cb",
                                                G_CALLBACK (seek_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "filmstrip_seek_cb",
                                                G_CALLBACK (seek_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "subtitles_seek_cb",
                                                G_CALLBACK (seek_cb));
  gtk_widget_class_bind_template_callback (widget_class, reanalyse_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, subtitles_changed_cb);
  install_actions (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-media-page");
}

static void
co_media_page_init (CoMediaPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_scrollbar_set_adjustment (self->scrollbar,
                                co_waveform_get_adjustment (self->waveform));
  g_signal_connect_object (co_waveform_get_adjustment (self->waveform), "changed",
                           G_CALLBACK (adjustment_changed_cb), self, 0);
  /* The filmstrip's scroller shows when the filmstrip has pictures. */
  g_object_bind_property (self->filmstrip, "visible", self->filmstrip_scroller, "visible",
                          G_BINDING_SYNC_CREATE);
  gtk_widget_set_visible (GTK_WIDGET (self->scrollbar), FALSE);
  show_state (self, CO_ANALYSIS_STATE_EMPTY);
  update_position_label (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.play-pause", FALSE);
  set_zoom_enabled (self, FALSE);
}

/* What Preferences say about subtitles reaches the panel, now and on change. */
static void
apply_settings (CoMediaPage *self)
{
  CoCueRules rules;

  co_app_settings_get_cue_rules (self->settings, &rules);
  co_subtitles_panel_set_rules (self->subtitles_panel, &rules);
}

/**
 * co_media_page_set_library:
 * @self: the page
 * @vault: the open vault
 * @queue: the app's job queue, which runs the analyses
 * @settings: (nullable): the application's settings, for the default parameters
 */
void
co_media_page_set_library (CoMediaPage *self,
                           CoVault     *vault,
                           CoJobQueue  *queue,
                           GSettings   *settings)
{
  g_return_if_fail (CO_IS_MEDIA_PAGE (self));
  g_return_if_fail (CO_IS_VAULT (vault));
  g_return_if_fail (CO_IS_JOB_QUEUE (queue));

  g_set_object (&self->vault, vault);
  g_set_object (&self->queue, queue);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_signal_connect_swapped (settings, "changed", G_CALLBACK (apply_settings), self);
  apply_settings (self);
  if (self->analysis != NULL)
    g_signal_handlers_disconnect_by_data (self->analysis, self);
  g_clear_object (&self->analysis);
  self->analysis = co_analysis_controller_new (co_vault_get_store (vault), queue);
  g_signal_connect (self->analysis, "notify::state", G_CALLBACK (state_changed_cb), self);
  g_signal_connect (self->analysis, "notify::job", G_CALLBACK (job_changed_cb), self);
  g_signal_connect (self->analysis, "notify::analysis", G_CALLBACK (analysis_changed_cb), self);
}

/** co_media_page_get_item: @self: the page  Returns: (transfer none) (nullable): the shown item */
CoVaultItem *
co_media_page_get_item (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return get_item (self);
}

static void
show_item (CoMediaPage *self,
           CoVaultItem *item,
           const char  *path)
{
  CoVaultType type = co_vault_item_get_item_type (item);
  g_autofree char *description = co_ui_describe_item (item);

  gtk_label_set_label (self->title_label, description);
  gtk_image_set_from_icon_name (self->type_icon, co_ui_type_icon_name (type));
  /* The preview and its caption; sound alone gives the room to the waveform. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->video)),
                          type == CO_VAULT_TYPE_VIDEO);
  gtk_widget_set_vexpand (GTK_WIDGET (self->analysis_stack), type != CO_VAULT_TYPE_VIDEO);
  co_reanalyse_popover_set_video (self->reanalyse_popover, type == CO_VAULT_TYPE_VIDEO);
  open_stream (self, path, type == CO_VAULT_TYPE_VIDEO);
  co_subtitles_panel_set_media (self->subtitles_panel, co_vault_get_store (self->vault),
                                self->queue, path, co_vault_item_get_title (item));
  apply_settings (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.play-pause", TRUE);
}

/**
 * co_media_page_set_item:
 * @self: the page
 * @item: (nullable): a video or audio item of the vault
 *
 * Shows @item: its preview at once, and its analysis as soon as it is
 * found in the library or, failing that, made by a job (an analysis job
 * already running for it, such as the one the import started, is followed
 * instead of starting another).
 */
void
co_media_page_set_item (CoMediaPage *self,
                        CoVaultItem *item)
{
  CoAnalysisParams params;

  g_return_if_fail (CO_IS_MEDIA_PAGE (self));
  g_return_if_fail (item == NULL || CO_IS_VAULT_ITEM (item));
  g_return_if_fail (item == NULL || self->vault != NULL);

  clear_stream (self);
  co_subtitles_panel_set_media (self->subtitles_panel, NULL, NULL, NULL, NULL);
  self->position = -1;
  set_position (self, 0);
  if (self->analysis == NULL)
    return;
  if (item != NULL && co_app_jobs_can_analyse (item))
    {
      g_autofree char *path = co_app_jobs_dup_media_path (co_vault_get_store (self->vault), item);

      co_app_jobs_default_params (self->settings, co_vault_item_get_item_type (item), &params);
      show_item (self, item, path);
    }
  else
    co_analysis_params_init (&params);
  co_analysis_controller_set_item (self->analysis, item, &params);
  update_position_label (self);
}

/**
 * co_media_page_get_state:
 * @self: the page
 *
 * Returns: where the analysis of the shown item stands, which is what the
 *   page shows
 */
CoAnalysisState
co_media_page_get_state (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), CO_ANALYSIS_STATE_EMPTY);
  return self->analysis != NULL ? co_analysis_controller_get_state (self->analysis)
                                : CO_ANALYSIS_STATE_EMPTY;
}

/** co_media_page_get_analysis: @self: the page  Returns: (transfer none) (nullable): the shown analysis */
CoAnalysis *
co_media_page_get_analysis (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return get_analysis (self);
}

/** co_media_page_get_job: @self: the page  Returns: (transfer none) (nullable): the analysis job it follows */
CoJob *
co_media_page_get_job (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return self->analysis != NULL ? co_analysis_controller_get_job (self->analysis) : NULL;
}

/**
 * co_media_page_get_params:
 * @self: the page
 * @params: (out caller-allocates): the parameters of the shown analysis
 */
void
co_media_page_get_params (CoMediaPage      *self,
                          CoAnalysisParams *params)
{
  g_return_if_fail (CO_IS_MEDIA_PAGE (self));
  g_return_if_fail (params != NULL);

  if (self->analysis != NULL)
    co_analysis_controller_get_params (self->analysis, params);
  else
    co_analysis_params_init (params);
}

/**
 * co_media_page_reanalyse:
 * @self: the page
 * @params: the new parameters
 *
 * Submits an analysis of the shown item with @params and shows its result;
 * parameters analysed before come back from the library at once.
 */
void
co_media_page_reanalyse (CoMediaPage            *self,
                         const CoAnalysisParams *params)
{
  g_return_if_fail (CO_IS_MEDIA_PAGE (self));
  g_return_if_fail (params != NULL);

  if (self->analysis != NULL)
    co_analysis_controller_analyse (self->analysis, params);
}

/** co_media_page_get_position: @self: the page  Returns: the playhead, in seconds */
double
co_media_page_get_position (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), 0);
  return self->position;
}

/**
 * co_media_page_seek:
 * @self: the page
 * @time: seconds
 *
 * Moves the playhead and the preview to @time.
 */
void
co_media_page_seek (CoMediaPage *self,
                    double       time)
{
  g_return_if_fail (CO_IS_MEDIA_PAGE (self));

  if (get_item (self) == NULL)
    return;
  time = CLAMP (time, 0, MAX (get_duration (self), 0));
  set_position (self, time);
  if (self->stream != NULL && gtk_media_stream_is_prepared (self->stream)
      && gtk_media_stream_is_seekable (self->stream))
    gtk_media_stream_seek (self->stream, (gint64)(time * G_USEC_PER_SEC));
}

/** co_media_page_get_waveform: @self: the page  Returns: (transfer none): its waveform */
CoWaveform *
co_media_page_get_waveform (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return self->waveform;
}

/** co_media_page_get_suggestions: @self: the page  Returns: (transfer none): the suggestions list */
GtkListBox *
co_media_page_get_suggestions (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return co_suggestions_group_get_list (self->suggestions_group);
}

/** co_media_page_get_filmstrip: @self: the page  Returns: (transfer none): the box of scene pictures */
GtkBox *
co_media_page_get_filmstrip (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return GTK_BOX (self->filmstrip);
}

/**
 * co_media_page_export:
 * @self: the page
 * @format: the format selected at first
 *
 * Opens the Export dialog for the shown item, with the analysis
 * parameters the page shows, so that the kept analysis is reused.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL without an item
 */
CoExportDialog *
co_media_page_export (CoMediaPage    *self,
                      CoExportFormat  format)
{
  CoAnalysisParams params;
  CoExportDialog *dialog;
  const char *path;
  GtkRoot *root;

  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);

  path = self->analysis != NULL ? co_analysis_controller_get_path (self->analysis) : NULL;
  if (get_item (self) == NULL || path == NULL)
    return NULL;
  co_media_page_get_params (self, &params);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = co_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->queue,
                                 get_item (self), path, &params);
  co_export_dialog_set_settings (dialog, self->settings);
  co_export_dialog_set_format (dialog, format);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/** co_media_page_get_subtitles: @self: the page  Returns: (transfer none): its subtitles panel */
CoSubtitlesPanel *
co_media_page_get_subtitles (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return self->subtitles_panel;
}

/** co_media_page_get_caption: @self: the page  Returns: (transfer none): the caption over the preview */
GtkLabel *
co_media_page_get_caption (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return self->caption_label;
}

/**
 * co_media_page_show_subtitles:
 * @self: the page
 *
 * Shows the side panel with the subtitles.
 */
void
co_media_page_show_subtitles (CoMediaPage *self)
{
  g_return_if_fail (CO_IS_MEDIA_PAGE (self));
  gtk_stack_set_visible_child_name (self->side_stack, "subtitles");
  /* A narrow window folds the panel away; asking for it brings it back. */
  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
}
