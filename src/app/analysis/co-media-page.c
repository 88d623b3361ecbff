/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "co-analysis-cache.h"
#include "co-analysis-job.h"
#include "co-app-jobs.h"
#include "co-duration.h"
#include "co-error.h"
#include "co-media-page.h"
#include "co-subtitles-panel.h"
#include "co-thumbnail.h"
#include "co-ui-util.h"

/* The Media section: the preview, the waveform with its markers, loudness
 * and the edit suggestions of one video or audio item.  The analysis itself
 * runs in the app's job queue; the page looks up the kept result, follows
 * the job that makes it, and shows the result when the job is done. */

struct _CoMediaPage
{
  GtkWidget         parent_instance;

  CoVault          *vault;
  CoJobQueue       *queue;
  GSettings        *settings;
  CoVaultItem      *item;
  char             *path;
  CoAnalysisParams  params;
  CoAnalysis       *analysis;
  CoJob            *job;
  GBinding         *fraction_binding;
  gboolean          after_job;
  GCancellable     *cancellable;
  GtkMediaStream   *stream;
  double            position;
  const char       *state;

  GtkStack         *page_stack;
  GtkImage         *type_icon;
  GtkLabel         *title_label;
  GtkMenuButton    *reanalyse_button;
  GtkPopover       *reanalyse_popover;
  GtkSpinButton    *threshold_spin;
  GtkSpinButton    *min_silence_spin;
  GtkSpinButton    *padding_spin;
  GtkSpinButton    *keep_pauses_spin;
  AdwActionRow     *scenes_row;
  GtkSwitch        *scenes_switch;
  GtkVideo         *video;
  GtkLabel         *caption_label;
  GtkStack         *side_stack;
  CoSubtitlesPanel *subtitles_panel;
  GtkStack         *analysis_stack;
  CoWaveform       *waveform;
  GtkScrollbar     *scrollbar;
  GtkScrolledWindow *filmstrip_scroller;
  GtkBox           *filmstrip;
  GCancellable     *filmstrip_cancellable;
  GtkLabel         *progress_title;
  GtkProgressBar   *progress_bar;
  GtkLabel         *progress_label;
  AdwStatusPage    *failed_page;
  GtkButton        *play_button;
  GtkLabel         *position_label;
  GtkLabel         *integrated_label;
  GtkLabel         *range_label;
  GtkLabel         *peak_label;
  GtkLabel         *clip_label;
  GtkLabel         *silences_label;
  AdwPreferencesGroup *suggestions_group;
  GtkListBox       *suggestions_list;
  GtkLabel         *suggestions_empty;
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

static void load_analysis (CoMediaPage *self);

/* States: "empty", "loading", "analysing", "ready", "failed", "cancelled". */
static void
set_state (CoMediaPage *self,
           const char  *state)
{
  static const struct { const char *state, *child; } children[] = {
    { "loading", "progress" }, { "analysing", "progress" }, { "ready", "waveform" },
    { "failed", "failed" }, { "cancelled", "cancelled" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    if (g_str_equal (children[i].state, state))
      gtk_stack_set_visible_child_name (self->analysis_stack, children[i].child);
  gtk_stack_set_visible_child_name (self->page_stack, g_str_equal (state, "empty") ? "empty"
                                                                                  : "media");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.cancel-analysis",
                                 g_str_equal (state, "analysing"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.reanalyse", self->item != NULL);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static double
get_duration (CoMediaPage *self)
{
  if (self->analysis != NULL)
    return co_analysis_get_duration (self->analysis);
  return self->item != NULL ? MAX (0, co_vault_item_get_duration (self->item)) : 0;
}

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

/* The loudness panel and the suggestions list. */

static char *
format_level (double      value,
              const char *unit)
{
  if (!isfinite (value))
    return g_strdup (value < 0 ? "−∞" : "—");
  return g_strdup_printf ("%.1f %s", value, unit);
}

static void
fill_loudness (CoMediaPage *self)
{
  g_autofree char *integrated = format_level (co_analysis_get_integrated_lufs (self->analysis), "LUFS");
  g_autofree char *range = format_level (co_analysis_get_range_lu (self->analysis), "LU");
  g_autofree char *peak = format_level (co_analysis_get_true_peak_dbtp (self->analysis), "dBTP");
  guint64 clips = co_analysis_get_clip_count (self->analysis);
  g_autofree char *clip = clips > 0 ? g_strdup_printf ("%" G_GUINT64_FORMAT, clips)
                                    : g_strdup (C_("clipped samples", "None"));
  gsize n_silences = 0;
  const CoInterval *silences = co_analysis_get_silences (self->analysis, &n_silences);
  g_autofree char *silence = NULL;
  double total = 0;

  for (gsize i = 0; i < n_silences; i++)
    total += silences[i].end - silences[i].start;
  silence = g_strdup_printf (ngettext ("%u silence · %.1f s", "%u silences · %.1f s", n_silences),
                             (guint)n_silences, total);
  gtk_label_set_label (self->integrated_label, integrated);
  gtk_label_set_label (self->range_label, range);
  gtk_label_set_label (self->peak_label, peak);
  gtk_label_set_label (self->clip_label, clip);
  gtk_label_set_label (self->silences_label, silence);
}

static const char *
kind_label (CoEditPointKind kind)
{
  switch (kind)
    {
    case CO_EDIT_POINT_CUT_OUT:
      return _("Cut from here");
    case CO_EDIT_POINT_CUT_IN:
      return _("Cut to here");
    case CO_EDIT_POINT_PAUSE:
      return _("Pause kept");
    case CO_EDIT_POINT_SCENE:
    default:
      return _("Scene change");
    }
}

static const char *
kind_icon (CoEditPointKind kind)
{
  switch (kind)
    {
    case CO_EDIT_POINT_PAUSE:
      return "media-playback-pause-symbolic";
    case CO_EDIT_POINT_SCENE:
      return "camera-video-symbolic";
    case CO_EDIT_POINT_CUT_OUT:
    case CO_EDIT_POINT_CUT_IN:
    default:
      return "edit-cut-symbolic";
    }
}

static const char *
kind_class (CoEditPointKind kind)
{
  switch (kind)
    {
    case CO_EDIT_POINT_PAUSE:
      return "co-kind-pause";
    case CO_EDIT_POINT_SCENE:
      return "co-kind-scene";
    case CO_EDIT_POINT_CUT_OUT:
    case CO_EDIT_POINT_CUT_IN:
    default:
      return "co-kind-cut";
    }
}

static GtkWidget *
make_suggestion_row (const CoEditPoint *point)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon (point->kind));
  g_autofree char *time = co_duration_format (MAX (point->time, 0), CO_DURATION_FORMAT_MILLIS);
  g_autofree char *title = g_strdup_printf ("%s · %s", time, kind_label (point->kind));
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_reason = g_markup_escape_text (point->reason, -1);

  gtk_widget_add_css_class (icon, kind_class (point->kind));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_reason);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Move the playhead here"));
  g_object_set_data_full (G_OBJECT (row), "co-time",
                          g_memdup2 (&point->time, sizeof point->time), g_free);
  return row;
}

static void
fill_suggestions (CoMediaPage *self)
{
  gsize n = 0;
  const CoEditPoint *points = self->analysis ? co_analysis_get_edit_points (self->analysis, &n)
                                             : NULL;
  g_autofree char *description = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);
  for (gsize i = 0; i < n; i++)
    gtk_list_box_append (self->suggestions_list, make_suggestion_row (&points[i]));
  description = g_strdup_printf (ngettext ("%u marker; activate one to move the playhead there",
                                           "%u markers; activate one to move the playhead there",
                                           n), (guint)n);
  adw_preferences_group_set_description (self->suggestions_group, n > 0 ? description : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_empty), n == 0);
  gtk_label_set_label (self->suggestions_empty,
                       _("No suggestions with these settings. Try a lower silence threshold "
                         "or a shorter minimum silence."));
}

/* The filmstrip: a picture of the start and of each scene change. */

#define FILMSTRIP_SIZE 96

/* A filmstrip being made: a closed page does not wait for its pictures. */
typedef struct
{
  GWeakRef  page;
  GArray   *times;  /* double */
} StripCall;

static void
strip_call_free (StripCall *call)
{
  g_weak_ref_clear (&call->page);
  g_array_unref (call->times);
  g_free (call);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StripCall, strip_call_free)

static void
strip_button_clicked_cb (GtkButton   *button,
                         CoMediaPage *self)
{
  const double *time = g_object_get_data (G_OBJECT (button), "co-time");

  co_media_page_seek (self, *time);
}

static void
strip_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(StripCall) call = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strip = co_thumbnail_render_strip_finish (result, &error);
  g_autoptr(CoMediaPage) self = g_weak_ref_get (&call->page);

  /* A cancelled strip belongs to an item no longer shown. */
  if (strip == NULL || self == NULL)
    {
      if (strip == NULL && !co_error_is_cancelled (error))
        g_warning ("No filmstrip: %s", error->message);
      return;
    }
  for (guint i = 0; i < strip->len; i++)
    {
      double time = g_array_index (call->times, double, i);
      g_autofree char *label = co_duration_format (MAX (time, 0), CO_DURATION_FORMAT_MILLIS);
      g_autofree char *tip = i == 0 ? g_strdup_printf (_("Start, %s"), label)
                                    : g_strdup_printf (_("Scene at %s"), label);
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (g_ptr_array_index (strip, i));
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      GtkWidget *button = gtk_button_new ();

      gtk_widget_set_size_request (picture, FILMSTRIP_SIZE, -1);
      gtk_button_set_child (GTK_BUTTON (button), picture);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      g_object_set_data_full (G_OBJECT (button), "co-time", g_memdup2 (&time, sizeof time), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (strip_button_clicked_cb), self);
      gtk_box_append (self->filmstrip, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->filmstrip_scroller), strip->len > 0);
}

static void
fill_filmstrip (CoMediaPage *self)
{
  gsize n = 0;
  const CoScene *scenes = self->analysis ? co_analysis_get_scenes (self->analysis, &n) : NULL;
  GtkWidget *child;
  StripCall *call;
  double start = 0.0;

  g_cancellable_cancel (self->filmstrip_cancellable);
  g_clear_object (&self->filmstrip_cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filmstrip))) != NULL)
    gtk_box_remove (self->filmstrip, child);
  gtk_widget_set_visible (GTK_WIDGET (self->filmstrip_scroller), FALSE);
  if (n == 0 || self->path == NULL)
    return;
  call = g_new0 (StripCall, 1);
  g_weak_ref_init (&call->page, self);
  call->times = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (call->times, start);
  for (gsize i = 0; i < n; i++)
    g_array_append_val (call->times, scenes[i].time);
  self->filmstrip_cancellable = g_cancellable_new ();
  co_thumbnail_render_strip_async (self->path, (const double *)(gpointer)call->times->data,
                                   call->times->len, FILMSTRIP_SIZE, self->filmstrip_cancellable,
                                   strip_done_cb, call);
}

static void
show_analysis (CoMediaPage *self,
               CoAnalysis  *analysis)
{
  g_clear_pointer (&self->analysis, co_analysis_unref);
  self->analysis = co_analysis_ref (analysis);
  co_waveform_set_analysis (self->waveform, analysis);
  co_waveform_set_position (self->waveform, self->position);
  fill_loudness (self);
  fill_suggestions (self);
  fill_filmstrip (self);
  co_subtitles_panel_set_analysis (self->subtitles_panel, analysis, &self->params);
  update_position_label (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.zoom-in", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.zoom-out", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.zoom-fit", TRUE);
  set_state (self, "ready");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
}

static void
show_failed (CoMediaPage  *self,
             const GError *error)
{
  const char *suggestion = co_error_get_suggestion (error);
  g_autofree char *text = suggestion != NULL
                          ? g_strdup_printf ("%s\n\n%s", error->message, suggestion)
                          : g_strdup (error->message);

  adw_status_page_set_description (self->failed_page, text);
  set_state (self, "failed");
}

/* Following the job that analyses the shown item. */

static void
unfollow_job (CoMediaPage *self)
{
  if (self->job == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_object (&self->job);
}

static void
job_message_cb (CoJob       *job,
                GParamSpec  *pspec,
                CoMediaPage *self)
{
  co_ui_show_job_message (self->progress_label, job);
}

static void
job_state_cb (CoJob       *job,
              GParamSpec  *pspec,
              CoMediaPage *self)
{
  g_autoptr(GError) error = NULL;

  job_message_cb (job, NULL, self);
  switch (co_job_get_state (job))
    {
    case CO_JOB_DONE:
      unfollow_job (self);
      self->after_job = TRUE;
      load_analysis (self);
      break;
    case CO_JOB_FAILED:
      error = co_job_dup_error (job);
      unfollow_job (self);
      if (co_error_is_cancelled (error))
        set_state (self, "cancelled");
      else if (error != NULL)
        show_failed (self, error);
      break;
    case CO_JOB_CANCELLED:
      unfollow_job (self);
      set_state (self, "cancelled");
      break;
    case CO_JOB_QUEUED:
    case CO_JOB_RUNNING:
    default:
      set_state (self, "analysing");
      break;
    }
}

static void
follow_job (CoMediaPage *self,
            CoJob       *job)
{
  unfollow_job (self);
  self->job = g_object_ref (job);
  self->fraction_binding = g_object_bind_property (job, "fraction", self->progress_bar, "fraction",
                                                   G_BINDING_SYNC_CREATE);
  gtk_label_set_label (self->progress_title, _("Analysing…"));
  g_signal_connect (job, "notify::state", G_CALLBACK (job_state_cb), self);
  g_signal_connect (job, "notify::message", G_CALLBACK (job_message_cb), self);
  job_state_cb (job, NULL, self);
}

static void
submit_job (CoMediaPage *self)
{
  g_autoptr(GError) error = NULL;
  CoJob *job;

  self->after_job = FALSE;
  job = co_app_jobs_submit_analysis (self->queue, co_vault_get_store (self->vault), self->item,
                                     &self->params, &error);
  if (job == NULL)
    {
      show_failed (self, error);
      return;
    }
  follow_job (self, job);
}

/* A job for exactly these parameters may already run, for instance the one
 * the import started: follow it rather than start a second one. */
static void
ensure_job (CoMediaPage *self)
{
  g_autofree char *job_params = co_analysis_job_params (self->path, &self->params);
  g_autoptr(CoJob) job = co_app_jobs_find_analysis (self->queue, job_params);

  if (job != NULL)
    follow_job (self, job);
  else
    submit_job (self);
}

/* Looking up a kept result; the library reads the database in a thread. */

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CoMediaPage) self = user_data;
  g_autoptr(CoAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;

  analysis = co_analysis_cache_lookup_finish (CO_STORE (object), result, &error);
  if (co_error_is_cancelled (error))
    return;
  if (analysis != NULL)
    show_analysis (self, analysis);
  else if (error != NULL)
    show_failed (self, error);
  else if (self->after_job)
    {
      g_set_error (&error, CO_MEDIA_ERROR, CO_MEDIA_ERROR_FAILED,
                   _("The analysis of “%s” finished, but its result could not be read back"),
                   co_vault_item_get_title (self->item));
      show_failed (self, error);
    }
  else
    ensure_job (self);
}

static void
load_analysis (CoMediaPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_label_set_label (self->progress_title, _("Loading the analysis…"));
  gtk_label_set_label (self->progress_label, "");
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_state (self, "loading");
  co_analysis_cache_lookup_async (co_vault_get_store (self->vault), self->path, &self->params,
                                  self->cancellable, lookup_done_cb, g_object_ref (self));
}

/* Playback.  The page keeps its own position, so that seeking works before
 * the stream is ready and with no media backend at all. */

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
             gboolean     has_video)
{
  self->stream = gtk_media_file_new_for_filename (self->path);
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

static void
waveform_seek_cb (CoWaveform  *waveform,
                  double       time,
                  CoMediaPage *self)
{
  co_media_page_seek (self, time);
}

static void
suggestion_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         CoMediaPage   *self)
{
  const double *time = g_object_get_data (G_OBJECT (row), "co-time");

  if (time != NULL)
    co_media_page_seek (self, *time);
}

static void
subtitles_changed_cb (CoSubtitlesPanel *panel,
                      CoMediaPage      *self)
{
  update_caption (self);
}

static void
subtitles_seek_cb (CoSubtitlesPanel *panel,
                   double            time,
                   CoMediaPage      *self)
{
  co_media_page_seek (self, time);
}

static void
reanalyse_show_cb (GtkPopover  *popover,
                   CoMediaPage *self)
{
  gtk_spin_button_set_value (self->threshold_spin, self->params.threshold_db);
  gtk_spin_button_set_value (self->min_silence_spin, self->params.min_silence);
  gtk_spin_button_set_value (self->padding_spin, self->params.padding);
  gtk_spin_button_set_value (self->keep_pauses_spin, self->params.keep_pauses_over);
  gtk_switch_set_active (self->scenes_switch, self->params.scenes);
}

static void
reanalyse_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  CoMediaPage *self = CO_MEDIA_PAGE (widget);
  CoAnalysisParams params = self->params;

  params.threshold_db = gtk_spin_button_get_value (self->threshold_spin);
  params.min_silence = gtk_spin_button_get_value (self->min_silence_spin);
  params.padding = gtk_spin_button_get_value (self->padding_spin);
  params.keep_pauses_over = gtk_spin_button_get_value (self->keep_pauses_spin);
  params.scenes = gtk_switch_get_active (self->scenes_switch);
  gtk_popover_popdown (self->reanalyse_popover);
  co_media_page_reanalyse (self, &params);
}

static void
analyse_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CoMediaPage *self = CO_MEDIA_PAGE (widget);

  if (self->item != NULL)
    submit_job (self);
}

static void
cancel_analysis_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  CoMediaPage *self = CO_MEDIA_PAGE (widget);

  if (self->job != NULL)
    co_job_cancel (self->job);
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

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->filmstrip_cancellable);
  g_clear_object (&self->filmstrip_cancellable);
  unfollow_job (self);
  clear_stream (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_MEDIA_PAGE);
  g_clear_pointer (&self->analysis, co_analysis_unref);
  g_clear_object (&self->item);
  g_clear_object (&self->queue);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (co_media_page_parent_class)->dispose (object);
}

static void
co_media_page_finalize (GObject *object)
{
  CoMediaPage *self = (CoMediaPage *)object;

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (co_media_page_parent_class)->finalize (object);
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
      g_value_set_string (value, self->state);
      break;
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    case PROP_ANALYSIS:
      g_value_set_boxed (value, self->analysis);
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
  BIND (reanalyse_button);
  BIND (reanalyse_popover);
  BIND (threshold_spin);
  BIND (min_silence_spin);
  BIND (padding_spin);
  BIND (keep_pauses_spin);
  BIND (scenes_row);
  BIND (filmstrip_scroller);
  BIND (filmstrip);
  BIND (scenes_switch);
  BIND (video);
  BIND (caption_label);
  BIND (side_stack);
  BIND (subtitles_panel);
  BIND (analysis_stack);
  BIND (waveform);
  BIND (scrollbar);
  BIND (progress_title);
  BIND (progress_bar);
  BIND (progress_label);
  BIND (failed_page);
  BIND (play_button);
  BIND (position_label);
  BIND (integrated_label);
  BIND (range_label);
  BIND (peak_label);
  BIND (clip_label);
  BIND (silences_label);
  BIND (suggestions_group);
  BIND (suggestions_list);
  BIND (suggestions_empty);
#undef BIND
}

static void
co_media_page_class_init (CoMediaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_media_page_dispose;
  object_class->finalize = co_media_page_finalize;
  object_class->get_property = co_media_page_get_property;

  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "empty",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANALYSIS] =
    g_param_spec_boxed ("analysis", NULL, NULL, CO_TYPE_ANALYSIS,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CO_TYPE_WAVEFORM);
  g_type_ensure (CO_TYPE_SUBTITLES_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-media-page.ui");
  bind_children (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, waveform_seek_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggestion_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, reanalyse_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, subtitles_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, subtitles_seek_cb);
  install_actions (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-media-page");
}

static void
co_media_page_init (CoMediaPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  co_analysis_params_init (&self->params);
  gtk_scrollbar_set_adjustment (self->scrollbar,
                                co_waveform_get_adjustment (self->waveform));
  g_signal_connect_object (co_waveform_get_adjustment (self->waveform), "changed",
                           G_CALLBACK (adjustment_changed_cb), self, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->scrollbar), FALSE);
  set_state (self, "empty");
  set_position (self, 0);
  update_position_label (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.play-pause", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.zoom-in", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.zoom-out", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.zoom-fit", FALSE);
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
  g_set_object (&self->settings, settings);
}

/** co_media_page_get_item: @self: the page  Returns: (transfer none) (nullable): the shown item */
CoVaultItem *
co_media_page_get_item (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return self->item;
}

static void
clear_item (CoMediaPage *self)
{
  g_cancellable_cancel (self->cancellable);
  unfollow_job (self);
  clear_stream (self);
  g_clear_pointer (&self->analysis, co_analysis_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->item);
  co_waveform_set_analysis (self->waveform, NULL);
  fill_suggestions (self);
  co_subtitles_panel_set_media (self->subtitles_panel, NULL, NULL, NULL, NULL);
  self->position = -1;
  set_position (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
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
  g_autofree char *description = NULL;
  CoVaultType type;

  g_return_if_fail (CO_IS_MEDIA_PAGE (self));
  g_return_if_fail (item == NULL || CO_IS_VAULT_ITEM (item));
  g_return_if_fail (item == NULL || self->vault != NULL);

  clear_item (self);
  if (item == NULL || !co_app_jobs_can_analyse (item))
    {
      set_state (self, "empty");
      return;
    }
  self->item = g_object_ref (item);
  type = co_vault_item_get_item_type (item);
  self->path = co_app_jobs_dup_media_path (co_vault_get_store (self->vault), item);
  co_app_jobs_default_params (self->settings, type, &self->params);

  description = co_ui_describe_item (item);
  gtk_label_set_label (self->title_label, description);
  gtk_image_set_from_icon_name (self->type_icon, co_ui_type_icon_name (type));
  /* The preview and its caption; sound alone gives the room to the waveform. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->video)),
                          type == CO_VAULT_TYPE_VIDEO);
  gtk_widget_set_vexpand (GTK_WIDGET (self->analysis_stack), type != CO_VAULT_TYPE_VIDEO);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scenes_row), type == CO_VAULT_TYPE_VIDEO);
  open_stream (self, type == CO_VAULT_TYPE_VIDEO);
  co_subtitles_panel_set_media (self->subtitles_panel, co_vault_get_store (self->vault),
                                self->queue, self->path, co_vault_item_get_title (item));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.play-pause", TRUE);
  update_position_label (self);
  load_analysis (self);
}

/**
 * co_media_page_get_state:
 * @self: the page
 *
 * Returns: "empty", "loading", "analysing", "ready", "failed" or "cancelled"
 */
const char *
co_media_page_get_state (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return self->state;
}

/** co_media_page_get_analysis: @self: the page  Returns: (transfer none) (nullable): the shown analysis */
CoAnalysis *
co_media_page_get_analysis (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return self->analysis;
}

/** co_media_page_get_job: @self: the page  Returns: (transfer none) (nullable): the analysis job it follows */
CoJob *
co_media_page_get_job (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return self->job;
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
  *params = self->params;
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

  if (self->item == NULL)
    return;
  self->params = *params;
  submit_job (self);
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

  if (self->item == NULL)
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
  return self->suggestions_list;
}

/** co_media_page_get_filmstrip: @self: the page  Returns: (transfer none): the box of scene pictures */
GtkBox *
co_media_page_get_filmstrip (CoMediaPage *self)
{
  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);
  return self->filmstrip;
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
  GtkRoot *root;
  CoExportDialog *dialog;

  g_return_val_if_fail (CO_IS_MEDIA_PAGE (self), NULL);

  if (self->item == NULL || self->path == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = co_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->queue,
                                 self->item, self->path, &self->params);
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
}
