/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-draft-model.h"
#include "co-error.h"
#include "co-schedule-pane.h"
#include "co-ui-util.h"

/* The pane that gives a draft a time on a platform, or moves one: a draft
 * and a platform, a day and a time in the local zone (named), what the
 * library says about that time while it is picked (the repeated or the
 * missing hour of a clock change, a post on the same platform too close,
 * with the free times nearest to it), and good times to post from the
 * library's suggestions.  The library checks everything again when the
 * time is kept. */

#define N_HINTS 3
#define N_FREE 3

typedef enum
{
  MODE_ADD,
  MODE_MOVE,
} Mode;

struct _CoSchedulePane
{
  GtkWidget        parent_instance;

  /* Template children. */
  GtkWidget       *scroller;
  GtkLabel        *title_label;
  GtkLabel        *entry_label;
  GtkWidget       *pick_box;
  GtkDropDown     *draft_dropdown;
  GtkLabel        *no_drafts_label;
  GtkDropDown     *platform_dropdown;
  GtkCalendar     *calendar;
  GtkSpinButton   *hour_spin;
  GtkSpinButton   *minute_spin;
  GtkLabel        *zone_label;
  GtkLabel        *note_label;
  GtkWidget       *conflict_box;
  GtkLabel        *conflict_label;
  GtkFlowBox      *free_box;
  GtkLabel        *best_source_label;
  GtkFlowBox      *best_box;
  GtkLabel        *error_label;
  GtkWidget       *remove_button;
  GtkButton       *submit_button;

  /* Owned. */
  CoSchedule      *schedule;
  GTimeZone       *zone;
  CoDraftModel    *drafts;        /* those that may get a time */
  GCancellable    *cancellable;   /* of the suggestions */
  GArray          *platforms;     /* CoPlatform, as the platform list shows them */
  GArray          *free_times;    /* gint64 */

  Mode             mode;
  gint64           move_draft;
  CoPlatform       move_platform;
  gint64           at;
  gboolean         at_valid;
  gboolean         conflict;
  gboolean         syncing;
  guint            busy;
  guint            n_hints;
};

G_DEFINE_FINAL_TYPE (CoSchedulePane, co_schedule_pane, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DONE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void update_time (CoSchedulePane *self);

static GDateTime *
to_local (CoSchedulePane *self,
          gint64          usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, self->zone);
}

static char *
format_local (CoSchedulePane *self,
              gint64          usec)
{
  g_autoptr(GDateTime) local = to_local (self, usec);

  /* Translators: a time offered in the scheduling pane, see g_date_time_format(). */
  return g_date_time_format (local, _("%a %-d %b, %H:%M"));
}

static void
clear_flow (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

/* What is picked. */

static gint64
current_draft (CoSchedulePane *self)
{
  CoDraft *draft;

  if (self->mode == MODE_MOVE)
    return self->move_draft;
  draft = gtk_drop_down_get_selected_item (self->draft_dropdown);
  return draft != NULL ? co_draft_get_id (draft) : 0;
}

static gboolean
current_platform (CoSchedulePane *self,
                  CoPlatform     *out_platform)
{
  guint selected = gtk_drop_down_get_selected (self->platform_dropdown);

  if (self->mode == MODE_MOVE)
    *out_platform = self->move_platform;
  else if (selected < self->platforms->len)
    *out_platform = g_array_index (self->platforms, CoPlatform, selected);
  else
    return FALSE;
  return TRUE;
}

static void
update_submit (CoSchedulePane *self)
{
  CoPlatform platform;

  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button),
                            co_schedule_pane_can_submit (self));
  gtk_widget_set_sensitive (self->remove_button, self->busy == 0 &&
                            current_platform (self, &platform));
}

static void
show_note (CoSchedulePane *self,
           const char     *text,
           gboolean        error)
{
  gtk_label_set_label (self->note_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->note_label), "error");
}

/* Picking a time sets the day and the time shown; one update follows. */
static void
set_local (CoSchedulePane *self,
           int             year,
           int             month,
           int             day,
           int             hour,
           int             minute)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 12, 0, 0);

  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  gtk_spin_button_set_value (self->hour_spin, hour);
  gtk_spin_button_set_value (self->minute_spin, minute);
  self->syncing = FALSE;
  update_time (self);
}

static void
set_pickers (CoSchedulePane *self,
             gint64          usec)
{
  g_autoptr(GDateTime) local = to_local (self, usec);

  set_local (self, g_date_time_get_year (local), g_date_time_get_month (local),
             g_date_time_get_day_of_month (local), g_date_time_get_hour (local),
             g_date_time_get_minute (local));
}

static void
time_button_clicked_cb (GtkButton      *button,
                        CoSchedulePane *self)
{
  gint64 *at = g_object_get_data (G_OBJECT (button), "co-at");

  set_pickers (self, *at);
}

static GtkWidget *
make_time_button (CoSchedulePane *self,
                  gint64          usec,
                  const char     *tooltip)
{
  g_autofree char *label = format_local (self, usec);
  g_autofree char *name = NULL;
  GtkWidget *button = gtk_button_new_with_label (label);
  gint64 *at = g_new (gint64, 1);

  *at = usec;
  g_object_set_data_full (G_OBJECT (button), "co-at", at, g_free);
  gtk_widget_set_tooltip_text (button, tooltip);
  /* Translators: the accessible name of a button that picks a time; %s is the time. */
  name = g_strdup_printf (_("Pick %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (time_button_clicked_cb), self);
  return button;
}

/* Conflicts: what the library would refuse, said before it is asked. */

static void
show_free_times (CoSchedulePane *self,
                 CoPlatform      platform,
                 gint64          draft)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->free_times, g_array_unref);
  clear_flow (self->free_box);
  self->free_times = co_schedule_find_free_times (self->schedule, platform, self->at, draft,
                                                  N_FREE, &error);
  if (self->free_times == NULL)
    {
      g_warning ("Cannot find free times: %s", error->message);
      return;
    }
  for (guint i = 0; i < self->free_times->len; i++)
    gtk_flow_box_append (self->free_box,
                         make_time_button (self, g_array_index (self->free_times, gint64, i),
                                           _("A free time near the one picked")));
}

static void
check_conflict (CoSchedulePane *self)
{
  g_autoptr(CoScheduleEntry) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  gint64 draft = current_draft (self);
  CoPlatform platform;

  self->conflict = FALSE;
  if (self->at_valid && draft != 0 && current_platform (self, &platform))
    other = co_schedule_find_conflict (self->schedule, platform, self->at, draft, &error);
  if (error != NULL)
    g_warning ("Cannot check the time: %s", error->message);
  gtk_widget_set_visible (self->conflict_box, other != NULL);
  if (other == NULL)
    return;
  self->conflict = TRUE;
  when = format_local (self, co_schedule_entry_get_at (other));
  /* Translators: said while a time is picked; the %s are a draft's title, a
   * platform and a time, %d a number of minutes. */
  text = g_strdup_printf (_("Too close to “%s” on %s at %s: posts on one platform need %d minutes "
                            "between them. Free times nearby:"),
                          co_schedule_entry_get_draft_title (other),
                          co_platform_display_name (platform), when, CO_SCHEDULE_GAP_MINUTES);
  gtk_label_set_label (self->conflict_label, text);
  show_free_times (self, platform, draft);
}

/* Reads the day and time picked as local time, as the library does. */
static void
update_time (CoSchedulePane *self)
{
  g_auto(CoScheduleTime) time = { 0 };
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->schedule == NULL)
    return;
  day = gtk_calendar_get_date (self->calendar);
  self->at_valid = co_schedule_time_from_local (self->zone, g_date_time_get_year (day),
                                                g_date_time_get_month (day),
                                                g_date_time_get_day_of_month (day),
                                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                                gtk_spin_button_get_value_as_int (self->minute_spin),
                                                0, CO_SCHEDULE_FOLD_EARLIER, &time, &error);
  self->at = self->at_valid ? time.usec : 0;
  if (!self->at_valid)
    show_note (self, error->message, TRUE);
  else if (self->at <= co_drafts_now (co_schedule_get_drafts (self->schedule)))
    show_note (self, _("That time has passed: pick one in the future."), TRUE);
  else
    show_note (self, time.note, FALSE);
  check_conflict (self);
  update_submit (self);
}

/* Good times. */

static void
suggest_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CoSchedulePane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  g_autofree char *source_text = NULL;
  CoBestTimesSource source = CO_BEST_TIMES_DEFAULTS;
  CoPlatform platform;

  found = co_schedule_suggest_finish (CO_SCHEDULE (object), result, &source, &error);
  if (co_error_is_cancelled (error) || !current_platform (self, &platform))
    return;
  if (found == NULL)
    {
      gtk_label_set_label (self->best_source_label, error->message);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    gtk_flow_box_append (self->best_box,
                         make_time_button (self, g_array_index (found, CoTimeSuggestion, i).at,
                                           _("A good time to post")));
  self->n_hints = found->len;
  source_text = g_strdup_printf (source == CO_BEST_TIMES_HISTORY
                                 ? _("From how your own posts on %s did, by weekday and hour.")
                                 : _("Common good times for %s: fewer than 10 of your posts there "
                                     "have numbers yet."),
                                 co_platform_display_name (platform));
  gtk_label_set_label (self->best_source_label, source_text);
}

static void
load_hints (CoSchedulePane *self)
{
  CoPlatform platform;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_flow (self->best_box);
  self->n_hints = 0;
  gtk_label_set_label (self->best_source_label, "");
  if (self->schedule == NULL || !current_platform (self, &platform))
    return;
  self->cancellable = g_cancellable_new ();
  co_schedule_suggest_async (self->schedule, platform, self->zone, N_HINTS, self->cancellable,
                             suggest_done_cb, g_object_ref (self));
}

/* The draft and the platform. */

static void
fill_platforms (CoSchedulePane *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  CoDraft *draft = gtk_drop_down_get_selected_item (self->draft_dropdown);

  g_array_set_size (self->platforms, 0);
  for (CoPlatform p = 0; draft != NULL && p < CO_N_PLATFORMS; p++)
    if (co_draft_has_platform (draft, p))
      {
        g_array_append_val (self->platforms, p);
        gtk_string_list_append (names, co_platform_display_name (p));
      }
  gtk_drop_down_set_model (self->platform_dropdown, G_LIST_MODEL (names));
}

static void
platform_selected_cb (CoSchedulePane *self)
{
  if (self->syncing)
    return;
  load_hints (self);
  update_time (self);
}

static void
draft_selected_cb (CoSchedulePane *self)
{
  gboolean none = self->drafts == NULL ||
                  g_list_model_get_n_items (G_LIST_MODEL (self->drafts)) == 0;
  gboolean had_platform;
  CoPlatform platform;

  gtk_widget_set_visible (GTK_WIDGET (self->no_drafts_label), none);
  if (self->mode != MODE_ADD)
    return;
  had_platform = current_platform (self, &platform);
  self->syncing = TRUE;
  fill_platforms (self);
  /* A platform picked before stays picked while the draft still has it. */
  if (had_platform)
    co_schedule_pane_select_platform (self, platform);
  self->syncing = FALSE;
  platform_selected_cb (self);
}

static gboolean
two_digits_cb (GtkSpinButton  *spin,
               CoSchedulePane *self)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
time_changed_cb (CoSchedulePane *self)
{
  update_time (self);
}

/* Keeping the time. */

static void
finish (CoSchedulePane  *self,
        CoScheduleEntry *entry,
        const GError    *error)
{
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  self->busy--;
  update_submit (self);
  gtk_label_set_label (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    {
      co_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  when = format_local (self, co_schedule_entry_get_at (entry));
  /* Translators: a toast; a draft's title, a platform and a time. */
  text = g_strdup_printf (_("“%s” goes out on %s, %s"), co_schedule_entry_get_draft_title (entry),
                          co_platform_display_name (co_schedule_entry_get_platform (entry)),
                          when);
  co_ui_toast (GTK_WIDGET (self), text);
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

static void
kept_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CoSchedulePane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoScheduleEntry) entry = NULL;

  if (g_async_result_is_tagged (result, co_schedule_move_async))
    entry = co_schedule_move_finish (CO_SCHEDULE (object), result, &error);
  else
    entry = co_schedule_add_finish (CO_SCHEDULE (object), result, &error);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  finish (self, entry, error);
}

/* GObject. */

static void
co_schedule_pane_dispose (GObject *object)
{
  CoSchedulePane *self = (CoSchedulePane *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_SCHEDULE_PANE);
  g_clear_object (&self->schedule);
  g_clear_object (&self->drafts);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (co_schedule_pane_parent_class)->dispose (object);
}

static void
co_schedule_pane_finalize (GObject *object)
{
  CoSchedulePane *self = (CoSchedulePane *)object;

  g_array_unref (self->platforms);
  g_clear_pointer (&self->free_times, g_array_unref);

  G_OBJECT_CLASS (co_schedule_pane_parent_class)->finalize (object);
}

static void
bind_children (GtkWidgetClass *widget_class)
{
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoSchedulePane, name)
  BIND (scroller);
  BIND (title_label);
  BIND (entry_label);
  BIND (pick_box);
  BIND (draft_dropdown);
  BIND (no_drafts_label);
  BIND (platform_dropdown);
  BIND (calendar);
  BIND (hour_spin);
  BIND (minute_spin);
  BIND (zone_label);
  BIND (note_label);
  BIND (conflict_box);
  BIND (conflict_label);
  BIND (free_box);
  BIND (best_source_label);
  BIND (best_box);
  BIND (error_label);
  BIND (remove_button);
  BIND (submit_button);
#undef BIND
}

static void
co_schedule_pane_class_init (CoSchedulePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_schedule_pane_dispose;
  object_class->finalize = co_schedule_pane_finalize;

  /* A time was kept or removed: the page closes the pane. */
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-schedule-pane.ui");
  bind_children (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, draft_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, platform_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, two_digits_cb);
  gtk_widget_class_bind_template_callback (widget_class, co_schedule_pane_submit);
  gtk_widget_class_bind_template_callback (widget_class, co_schedule_pane_remove);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-schedule-pane");
}

static void
co_schedule_pane_init (CoSchedulePane *self)
{
  g_autoptr(GtkExpression) title = gtk_property_expression_new (CO_TYPE_DRAFT, NULL, "title");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->platforms = g_array_new (FALSE, FALSE, sizeof (CoPlatform));
  gtk_drop_down_set_expression (self->draft_dropdown, title);
}

/**
 * co_schedule_pane_set_library:
 * @self: the pane
 * @schedule: the library's calendar
 * @zone: the zone times are entered in (the local one)
 */
void
co_schedule_pane_set_library (CoSchedulePane *self,
                              CoSchedule     *schedule,
                              GTimeZone      *zone)
{
  CoDraftQuery query = { .stages = CO_DRAFT_STAGE_MASK (CO_DRAFT_STAGE_DRAFT) |
                                   CO_DRAFT_STAGE_MASK (CO_DRAFT_STAGE_SCHEDULED),
                         .sort = CO_DRAFT_SORT_TITLE };
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *abbreviation = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (CO_IS_SCHEDULE_PANE (self));
  g_return_if_fail (CO_IS_SCHEDULE (schedule));
  g_return_if_fail (self->schedule == NULL);

  self->schedule = g_object_ref (schedule);
  self->zone = g_time_zone_ref (zone);
  self->drafts = co_draft_model_new (co_schedule_get_drafts (schedule), &query);
  gtk_drop_down_set_model (self->draft_dropdown, G_LIST_MODEL (self->drafts));
  /* The picked draft may have gained or lost a platform. */
  g_signal_connect_object (self->drafts, "items-changed", G_CALLBACK (draft_selected_cb), self,
                           G_CONNECT_SWAPPED);
  now = g_date_time_new_now (zone);
  abbreviation = g_date_time_format (now, "%Z");
  /* Translators: next to the time picked: the IANA zone and its abbreviation. */
  text = g_strdup_printf (_("local time, %s (%s)"), g_time_zone_get_identifier (zone),
                          abbreviation);
  gtk_label_set_label (self->zone_label, text);
}

static void
start (CoSchedulePane *self,
       Mode            mode,
       gint64          at)
{
  self->mode = mode;
  gtk_widget_set_visible (self->pick_box, mode == MODE_ADD);
  gtk_widget_set_visible (GTK_WIDGET (self->entry_label), mode == MODE_MOVE);
  gtk_widget_set_visible (self->remove_button, mode == MODE_MOVE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_label (self->title_label, mode == MODE_ADD ? _("Schedule a Post")
                                                           : _("Move a Post"));
  gtk_button_set_label (self->submit_button, mode == MODE_ADD ? _("_Schedule") : _("_Move"));
  if (mode == MODE_ADD)
    draft_selected_cb (self);
  else
    load_hints (self);
  set_pickers (self, at);
}

/**
 * co_schedule_pane_start_add:
 * @self: the pane
 * @at: the time to start from (µs since 1970, UTC)
 *
 * Shows the pane for giving a draft a time.
 */
void
co_schedule_pane_start_add (CoSchedulePane *self,
                            gint64          at)
{
  g_return_if_fail (CO_IS_SCHEDULE_PANE (self));
  g_return_if_fail (self->schedule != NULL);

  start (self, MODE_ADD, at);
}

/**
 * co_schedule_pane_start_move:
 * @self: the pane
 * @entry: a post on the calendar
 *
 * Shows the pane for moving @entry to another time, or removing its time.
 */
void
co_schedule_pane_start_move (CoSchedulePane  *self,
                             CoScheduleEntry *entry)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CO_IS_SCHEDULE_PANE (self));
  g_return_if_fail (CO_IS_SCHEDULE_ENTRY (entry));
  g_return_if_fail (self->schedule != NULL);

  self->move_draft = co_schedule_entry_get_draft_id (entry);
  self->move_platform = co_schedule_entry_get_platform (entry);
  /* Translators: at the top of the pane that moves a post: a title and a platform. */
  text = g_strdup_printf (_("“%s” on %s"), co_schedule_entry_get_draft_title (entry),
                          co_platform_display_name (self->move_platform));
  gtk_label_set_label (self->entry_label, text);
  start (self, MODE_MOVE, co_schedule_entry_get_at (entry));
}

/**
 * co_schedule_pane_select_draft:
 * @self: the pane
 * @id: a draft in stage Draft or Scheduled
 *
 * Returns: %TRUE if the draft is offered and now picked
 */
gboolean
co_schedule_pane_select_draft (CoSchedulePane *self,
                               gint64          id)
{
  guint n;

  g_return_val_if_fail (CO_IS_SCHEDULE_PANE (self), FALSE);

  n = self->drafts != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->drafts)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoDraft) draft = g_list_model_get_item (G_LIST_MODEL (self->drafts), i);

      if (draft != NULL && co_draft_get_id (draft) == id)
        {
          gtk_drop_down_set_selected (self->draft_dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * co_schedule_pane_select_platform:
 * @self: the pane
 * @platform: a platform of the picked draft
 *
 * Returns: %TRUE if the draft targets @platform and it is now picked
 */
gboolean
co_schedule_pane_select_platform (CoSchedulePane *self,
                                  CoPlatform      platform)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_PANE (self), FALSE);

  for (guint i = 0; i < self->platforms->len; i++)
    if (g_array_index (self->platforms, CoPlatform, i) == platform)
      {
        gtk_drop_down_set_selected (self->platform_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

/** co_schedule_pane_set_time: @self: the pane  @at: a time to pick (µs since 1970, UTC) */
void
co_schedule_pane_set_time (CoSchedulePane *self,
                           gint64          at)
{
  g_return_if_fail (CO_IS_SCHEDULE_PANE (self));
  set_pickers (self, at);
}

/**
 * co_schedule_pane_set_local:
 * @self: the pane
 * @year: the year
 * @month: the month, 1–12
 * @day: the day
 * @hour: the hour, 0–23
 * @minute: the minute
 *
 * Picks a local day and time, as the creator does: one that a clock change
 * skips or repeats too.
 */
void
co_schedule_pane_set_local (CoSchedulePane *self,
                            int             year,
                            int             month,
                            int             day,
                            int             hour,
                            int             minute)
{
  g_return_if_fail (CO_IS_SCHEDULE_PANE (self));
  set_local (self, year, month, day, hour, minute);
}

/**
 * co_schedule_pane_get_note:
 * @self: the pane
 *
 * Returns: (nullable): what the pane says about the time picked (which of
 *   two times a repeated hour means, why a time cannot be), or %NULL
 */
const char *
co_schedule_pane_get_note (CoSchedulePane *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_PANE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->note_label))
         ? gtk_label_get_label (self->note_label) : NULL;
}

/** co_schedule_pane_get_time: @self: the pane  Returns: the time picked, or 0 if it does not exist */
gint64
co_schedule_pane_get_time (CoSchedulePane *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_PANE (self), 0);
  return self->at_valid ? self->at : 0;
}

/**
 * co_schedule_pane_get_conflict:
 * @self: the pane
 *
 * Returns: (nullable): what the pane says about a post too close to the
 *   time picked, or %NULL when there is none
 */
const char *
co_schedule_pane_get_conflict (CoSchedulePane *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_PANE (self), NULL);
  return self->conflict ? gtk_label_get_label (self->conflict_label) : NULL;
}

/** co_schedule_pane_get_n_free: @self: the pane  Returns: how many free times it offers */
guint
co_schedule_pane_get_n_free (CoSchedulePane *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_PANE (self), 0);
  return self->conflict && self->free_times != NULL ? self->free_times->len : 0;
}

/** co_schedule_pane_pick_free: @self: the pane  @index: one of the free times offered */
void
co_schedule_pane_pick_free (CoSchedulePane *self,
                            guint           index)
{
  g_return_if_fail (CO_IS_SCHEDULE_PANE (self));
  g_return_if_fail (index < co_schedule_pane_get_n_free (self));

  set_pickers (self, g_array_index (self->free_times, gint64, index));
}

/** co_schedule_pane_get_n_hints: @self: the pane  Returns: how many good times it shows */
guint
co_schedule_pane_get_n_hints (CoSchedulePane *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_PANE (self), 0);
  return self->n_hints;
}

/** co_schedule_pane_get_hint_source: @self: the pane  Returns: where the good times come from */
const char *
co_schedule_pane_get_hint_source (CoSchedulePane *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_PANE (self), NULL);
  return gtk_label_get_label (self->best_source_label);
}

/**
 * co_schedule_pane_can_submit:
 * @self: the pane
 *
 * Returns: whether a draft, a platform and a free future time are picked
 */
gboolean
co_schedule_pane_can_submit (CoSchedulePane *self)
{
  CoPlatform platform;

  g_return_val_if_fail (CO_IS_SCHEDULE_PANE (self), FALSE);

  return self->busy == 0 && self->at_valid && !self->conflict && current_draft (self) != 0 &&
         current_platform (self, &platform) &&
         self->at > co_drafts_now (co_schedule_get_drafts (self->schedule));
}

/**
 * co_schedule_pane_submit:
 * @self: the pane
 *
 * Asks the library to keep the time picked, in a worker thread; a toast
 * says what was kept or why not.
 */
void
co_schedule_pane_submit (CoSchedulePane *self)
{
  CoPlatform platform = CO_PLATFORM_X;
  const char *zone;
  gint64 draft;

  g_return_if_fail (CO_IS_SCHEDULE_PANE (self));

  if (!co_schedule_pane_can_submit (self) || !current_platform (self, &platform))
    return;
  draft = current_draft (self);
  zone = g_time_zone_get_identifier (self->zone);
  self->busy++;
  update_submit (self);
  if (self->mode == MODE_MOVE)
    co_schedule_move_async (self->schedule, draft, platform, self->at, zone, NULL, kept_cb,
                            g_object_ref (self));
  else
    co_schedule_add_async (self->schedule, draft, platform, self->at, zone, NULL, kept_cb,
                           g_object_ref (self));
}

/**
 * co_schedule_pane_remove:
 * @self: the pane
 *
 * Takes the moved post's time away; a Scheduled draft keeps its times, and
 * a toast says so.
 */
void
co_schedule_pane_remove (CoSchedulePane *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CO_IS_SCHEDULE_PANE (self));

  if (self->mode != MODE_MOVE)
    return;
  if (!co_schedule_cancel (self->schedule, self->move_draft, self->move_platform, &error))
    {
      co_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  co_ui_toast (GTK_WIDGET (self), _("The post has no time any more"));
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

/** co_schedule_pane_get_busy: @self: the pane  Returns: whether a time is being kept */
gboolean
co_schedule_pane_get_busy (CoSchedulePane *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_PANE (self), FALSE);
  return self->busy > 0;
}
