/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-calendar-page.h"
#include "co-error.h"
#include "co-ui-util.h"

/* The Calendar section: a month or a week of posts per platform in the
 * local zone, named above the grid; the pane that gives a draft a time or
 * moves a post; a post dragged to another day keeps its local time.  Until
 * there is a draft to plan, an empty state says how to start.  Posts that
 * are due, or came due while the app was closed, are said on start. */

struct _CoCalendarPage
{
  GtkWidget       parent_instance;

  /* Template children. */
  GtkStack       *stack;
  GtkLabel       *period_label;
  GtkLabel       *zone_label;
  GtkDropDown    *platform_dropdown;
  CoCalendarGrid *grid;
  GtkLabel       *hint_label;
  GtkRevealer    *pane_revealer;
  CoSchedulePane *pane;

  /* Owned. */
  CoDrafts       *drafts;
  CoSchedule     *schedule;
  GTimeZone      *zone;
  GDateTime      *anchor;       /* a day of the period shown (its date only) */
  GCancellable   *cancellable;  /* of the read of the period */
  GCancellable   *closing;      /* of the rest, when the window closes */
  GSource        *pending;      /* a refresh after a change */

  /* The month or the week is a string property, "view", because the
   * Month and Week buttons switch it through its property action, which
   * takes no enum. */
  gboolean        week;
  CoCalendarState state;
};

G_DEFINE_FINAL_TYPE (CoCalendarPage, co_calendar_page, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (CoCalendarState, co_calendar_state,
                    G_DEFINE_ENUM_VALUE (CO_CALENDAR_STATE_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (CO_CALENDAR_STATE_EMPTY, "empty"),
                    G_DEFINE_ENUM_VALUE (CO_CALENDAR_STATE_READY, "ready"))

enum {
  PROP_0,
  PROP_VIEW,
  PROP_STATE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
set_state (CoCalendarPage  *self,
           CoCalendarState  state)
{
  if (state != CO_CALENDAR_STATE_LOADING)
    gtk_stack_set_visible_child_name (self->stack, state == CO_CALENDAR_STATE_READY ? "calendar"
                                                                                    : "empty");
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void refresh (CoCalendarPage *self);

/* Dates are kept as UTC noons: a day of the calendar, whatever its clock. */
static GDateTime *
make_date (int year,
           int month,
           int day)
{
  return g_date_time_new_utc (year, month, day, 12, 0, 0);
}

static GDateTime *
local_date (CoCalendarPage *self,
            gint64          usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->zone);

  return make_date (g_date_time_get_year (local), g_date_time_get_month (local),
                    g_date_time_get_day_of_month (local));
}

static gint64
date_start (CoCalendarPage *self,
            GDateTime      *date)
{
  return co_schedule_day_start (self->zone, g_date_time_get_year (date),
                                g_date_time_get_month (date), g_date_time_get_day_of_month (date));
}

static gint64
now (CoCalendarPage *self)
{
  return self->drafts != NULL ? co_drafts_now (self->drafts) : g_get_real_time ();
}

/* The span shown: whole weeks from Monday around the month, or one week. */
static void
compute_span (CoCalendarPage *self,
              CoCalendarSpan *span)
{
  g_autoptr(GDateTime) start = NULL;
  int first_weekday, days;

  if (self->week)
    start = g_date_time_ref (self->anchor);
  else
    start = make_date (g_date_time_get_year (self->anchor), g_date_time_get_month (self->anchor), 1);
  first_weekday = g_date_time_get_day_of_week (start);
  span->first = g_date_time_add_days (start, 1 - first_weekday);
  span->month = self->week ? 0 : g_date_time_get_month (self->anchor);
  days = g_date_get_days_in_month (g_date_time_get_month (start), g_date_time_get_year (start));
  span->n_days = self->week ? 7 : 7 * ((first_weekday - 1 + days + 6) / 7);
  span->today = local_date (self, now (self));
  span->now = now (self);
}

static void
clear_span (CoCalendarSpan *span)
{
  g_clear_pointer (&span->first, g_date_time_unref);
  g_clear_pointer (&span->today, g_date_time_unref);
}

static void
show_period (CoCalendarPage       *self,
             const CoCalendarSpan *span)
{
  g_autofree char *text = NULL;

  /* Translators: the month shown, see g_date_time_format(). */
  if (!self->week)
    text = g_date_time_format (self->anchor, _("%B %Y"));
  else
    /* Translators: the week shown, by its Monday, see g_date_time_format(). */
    text = g_date_time_format (span->first, _("Week of %-d %B %Y"));
  gtk_label_set_label (self->period_label, g_strstrip (text));
}

/* The content: the empty state until there is something to plan. */

static gboolean
has_plannable_drafts (CoCalendarPage *self)
{
  CoDraftQuery query = { .stages = CO_DRAFT_STAGE_MASK (CO_DRAFT_STAGE_DRAFT) |
                                   CO_DRAFT_STAGE_MASK (CO_DRAFT_STAGE_SCHEDULED) |
                                   CO_DRAFT_STAGE_MASK (CO_DRAFT_STAGE_PUBLISHED) };
  g_autoptr(GError) error = NULL;
  gint64 n = co_drafts_count (self->drafts, &query, &error);

  if (error != NULL)
    g_warning ("Cannot count the drafts: %s", error->message);
  return n != 0;
}

static void
show_entries (CoCalendarPage *self,
              GListModel     *entries)
{
  CoCalendarSpan span = { 0 };
  guint n = entries != NULL ? g_list_model_get_n_items (entries) : 0;

  compute_span (self, &span);
  co_calendar_grid_show (self->grid, self->zone, &span, entries);
  clear_span (&span);
  gtk_label_set_label (self->hint_label,
                       self->week ? _("No posts this week. Choose Schedule Post to give a draft a time.")
                                  : _("No posts this month. Choose Schedule Post to give a draft a time."));
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), n == 0);
  /* A change since will be read again and shown. */
  if (self->pending == NULL)
    set_state (self, n > 0 || has_plannable_drafts (self) ? CO_CALENDAR_STATE_READY
                                                          : CO_CALENDAR_STATE_EMPTY);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CoCalendarPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = co_schedule_list_range_finish (CO_SCHEDULE (object), result,
                                                                 &error);

  /* Only the latest read is not cancelled: each read cancels the one before. */
  if (co_error_is_cancelled (error) || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (entries == NULL)
    co_ui_toast (GTK_WIDGET (self), error->message);
  show_entries (self, entries);
}

static void
refresh (CoCalendarPage *self)
{
  CoCalendarSpan span = { 0 };
  g_autoptr(GDateTime) last = NULL;
  CoPlatform platform;
  gboolean filtered;

  if (self->schedule == NULL)
    return;
  compute_span (self, &span);
  show_period (self, &span);
  last = g_date_time_add_days (span.first, span.n_days);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  filtered = co_ui_platform_filter_get (self->platform_dropdown, &platform);
  set_state (self, CO_CALENDAR_STATE_LOADING);
  co_schedule_list_range_async (self->schedule, date_start (self, span.first),
                                date_start (self, last), filtered ? &platform : NULL,
                                self->cancellable, list_done_cb, g_object_ref (self));
  clear_span (&span);
}

static gboolean
pending_refresh_cb (gpointer data)
{
  CoCalendarPage *self = data;

  g_clear_pointer (&self->pending, g_source_unref);
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* A burst of changes (a script scheduling many posts) gives one read. */
static void
drafts_changed_cb (CoDrafts       *drafts,
                   gint64          id,
                   CoCalendarPage *self)
{
  if (self->pending != NULL)
    return;
  self->pending = g_idle_source_new ();
  g_source_set_callback (self->pending, pending_refresh_cb, self, NULL);
  g_source_set_static_name (self->pending, "[co-calendar-page] refresh");
  g_source_attach (self->pending, NULL);
  set_state (self, CO_CALENDAR_STATE_LOADING);
}

static void
filter_changed_cb (CoCalendarPage *self)
{
  refresh (self);
}

static void
pane_done_cb (CoCalendarPage *self)
{
  gtk_revealer_set_reveal_child (self->pane_revealer, FALSE);
}

/* Due posts: the publishing work will send them; until then they are said. */
static void
due_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CoCalendarPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) due = co_schedule_list_due_finish (CO_SCHEDULE (object), result, &error);
  g_autofree char *text = NULL;
  guint n, unwatched = 0;

  if (due == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      if (error != NULL && !co_error_is_cancelled (error))
        g_warning ("Cannot list the posts that are due: %s", error->message);
      return;
    }
  n = g_list_model_get_n_items (due);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoScheduleEntry) entry = g_list_model_get_item (due, i);
      unwatched += co_schedule_entry_get_unwatched (entry);
    }
  if (unwatched > 0)
    text = g_strdup_printf (ngettext ("%u post came due while CreatorOps was closed; it is marked in "
                                      "the calendar", "%u posts came due while CreatorOps was "
                                      "closed; they are marked in the calendar", unwatched),
                            unwatched);
  else if (n > 0)
    text = g_strdup_printf (ngettext ("%u post is due; it is marked in the calendar",
                                      "%u posts are due; they are marked in the calendar", n), n);
  if (text != NULL)
    co_ui_toast (GTK_WIDGET (self), text);
  if (!co_schedule_mark_watched (self->schedule, &error))
    g_warning ("Cannot note the time the calendar was watched: %s", error->message);
}

/* Actions. */

static void
step (CoCalendarPage *self,
      int             direction)
{
  GDateTime *next = self->week ? g_date_time_add_weeks (self->anchor, direction)
                               : g_date_time_add_months (self->anchor, direction);

  g_date_time_unref (self->anchor);
  self->anchor = next;
  refresh (self);
}

static void
navigate_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  CoCalendarPage *self = CO_CALENDAR_PAGE (widget);

  if (g_str_equal (name, "calendar.today"))
    co_calendar_page_show_day (self, now (self));
  else
    step (self, g_str_equal (name, "calendar.next") ? 1 : -1);
}

static void
schedule_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  co_calendar_page_schedule_post (CO_CALENDAR_PAGE (widget));
}

static void
close_pane_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  pane_done_cb (CO_CALENDAR_PAGE (widget));
}

static CoScheduleEntry *
get_entry (CoCalendarPage *self,
           gint64          draft,
           const char     *platform_name)
{
  g_autoptr(GError) error = NULL;
  CoScheduleEntry *entry = NULL;
  CoPlatform platform;

  if (co_platform_from_string (platform_name, &platform, &error))
    entry = co_schedule_get (self->schedule, draft, platform, &error);
  if (entry == NULL)
    co_ui_toast (GTK_WIDGET (self), error->message);
  return entry;
}

static void
edit_entry_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  CoCalendarPage *self = CO_CALENDAR_PAGE (widget);
  g_autoptr(CoScheduleEntry) entry = NULL;
  const char *platform;
  gint64 draft;

  g_variant_get (param, "(x&s)", &draft, &platform);
  entry = get_entry (self, draft, platform);
  if (entry == NULL)
    return;
  co_schedule_pane_start_move (self->pane, entry);
  gtk_revealer_set_reveal_child (self->pane_revealer, TRUE);
}

static void
moved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CoCalendarPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoScheduleEntry) entry = co_schedule_move_finish (CO_SCHEDULE (object), result,
                                                              &error);
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (co_error_is_cancelled (error) || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (entry == NULL)
    {
      co_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  when = co_schedule_time_format (co_schedule_entry_get_at (entry), self->zone);
  /* Translators: a toast after a post was dragged to another day; %s is its new time. */
  text = g_strdup_printf (_("Moved to %s"), when);
  co_ui_toast (GTK_WIDGET (self), text);
}

/* A post dropped on a day goes there at the same local time. */
static void
move_to_day_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  CoCalendarPage *self = CO_CALENDAR_PAGE (widget);
  g_autoptr(CoScheduleEntry) entry = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) old = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CoScheduleTime) time = { 0 };
  const char *platform;
  gint64 draft;
  int year, month, day;

  g_variant_get (param, "(x&siii)", &draft, &platform, &year, &month, &day);
  if ((entry = get_entry (self, draft, platform)) == NULL)
    return;
  utc = g_date_time_new_from_unix_utc (co_schedule_entry_get_at (entry) / G_USEC_PER_SEC);
  old = g_date_time_to_timezone (utc, self->zone);
  if (!co_schedule_time_from_local (self->zone, year, month, day, g_date_time_get_hour (old),
                                    g_date_time_get_minute (old), 0, CO_SCHEDULE_FOLD_EARLIER,
                                    &time, &error))
    {
      co_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  co_schedule_move_async (self->schedule, draft, co_schedule_entry_get_platform (entry),
                          time.usec, g_time_zone_get_identifier (self->zone), self->closing,
                          moved_cb, g_object_ref (self));
}

/* GObject. */

static void
co_calendar_page_dispose (GObject *object)
{
  CoCalendarPage *self = (CoCalendarPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->closing);
  if (self->pending != NULL)
    {
      g_source_destroy (self->pending);
      g_clear_pointer (&self->pending, g_source_unref);
    }
  if (self->drafts != NULL)
    g_signal_handlers_disconnect_by_data (self->drafts, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_CALENDAR_PAGE);
  g_clear_object (&self->drafts);
  g_clear_object (&self->schedule);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->closing);

  G_OBJECT_CLASS (co_calendar_page_parent_class)->dispose (object);
}

static void
co_calendar_page_finalize (GObject *object)
{
  CoCalendarPage *self = (CoCalendarPage *)object;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->anchor, g_date_time_unref);

  G_OBJECT_CLASS (co_calendar_page_parent_class)->finalize (object);
}

static void
co_calendar_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, co_calendar_page_get_view (CO_CALENDAR_PAGE (object)));
      break;
    case PROP_STATE:
      g_value_set_enum (value, CO_CALENDAR_PAGE (object)->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_calendar_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_VIEW:
      co_calendar_page_set_view (CO_CALENDAR_PAGE (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "calendar.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "calendar.close-pane", NULL, close_pane_action);
  gtk_widget_class_install_action (widget_class, "calendar.edit-entry", "(xs)", edit_entry_action);
  gtk_widget_class_install_action (widget_class, "calendar.move-to-day", "(xsiii)",
                                   move_to_day_action);
  gtk_widget_class_install_property_action (widget_class, "calendar.view", "view");
  /* Every key here is listed in ui/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "calendar.schedule", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "calendar.close-pane",
                                       NULL);
}

static void
co_calendar_page_class_init (CoCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_calendar_page_dispose;
  object_class->finalize = co_calendar_page_finalize;
  object_class->get_property = co_calendar_page_get_property;
  object_class->set_property = co_calendar_page_set_property;

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "month",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CO_TYPE_CALENDAR_STATE, CO_CALENDAR_STATE_LOADING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CO_TYPE_CALENDAR_GRID);
  g_type_ensure (CO_TYPE_SCHEDULE_PANE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-calendar-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoCalendarPage, name)
  BIND (stack);
  BIND (period_label);
  BIND (zone_label);
  BIND (platform_dropdown);
  BIND (grid);
  BIND (hint_label);
  BIND (pane_revealer);
  BIND (pane);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_done_cb);
  install_actions (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-calendar-page");
}

/* The zone is named as its IANA identifier and its abbreviation now. */
static void
name_zone (CoCalendarPage *self)
{
  g_autoptr(GDateTime) current = g_date_time_new_now (self->zone);
  g_autofree char *abbreviation = g_date_time_format (current, "%Z");
  g_autofree char *text = NULL;

  /* Translators: under the calendar's month: the IANA zone and its abbreviation. */
  text = g_strdup_printf (_("Times in %s (%s)"), g_time_zone_get_identifier (self->zone),
                          abbreviation);
  gtk_label_set_label (self->zone_label, text);
}

static void
co_calendar_page_init (CoCalendarPage *self)
{
  g_autoptr(GListModel) platforms = co_ui_platform_filter_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->zone = g_time_zone_new_local ();
  self->anchor = local_date (self, g_get_real_time ());
  self->closing = g_cancellable_new ();
  gtk_drop_down_set_model (self->platform_dropdown, platforms);
  name_zone (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.schedule", FALSE);
}

/**
 * co_calendar_page_set_drafts:
 * @self: the page
 * @drafts: the library's drafts
 *
 * Shows the library's calendar from today's month, and says which posts
 * are due.
 */
void
co_calendar_page_set_drafts (CoCalendarPage *self,
                             CoDrafts       *drafts)
{
  g_return_if_fail (CO_IS_CALENDAR_PAGE (self));
  g_return_if_fail (CO_IS_DRAFTS (drafts));
  g_return_if_fail (self->drafts == NULL);

  self->drafts = g_object_ref (drafts);
  self->schedule = co_schedule_new (drafts);
  g_signal_connect (drafts, "changed", G_CALLBACK (drafts_changed_cb), self);
  co_schedule_pane_set_library (self->pane, self->schedule, self->zone);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.schedule", TRUE);
  co_calendar_page_show_day (self, now (self));
  co_schedule_list_due_async (self->schedule, self->closing, due_done_cb, g_object_ref (self));
}

/** co_calendar_page_get_schedule: @self: the page  Returns: (transfer none) (nullable): the calendar */
CoSchedule *
co_calendar_page_get_schedule (CoCalendarPage *self)
{
  g_return_val_if_fail (CO_IS_CALENDAR_PAGE (self), NULL);
  return self->schedule;
}

/** co_calendar_page_get_grid: @self: the page  Returns: (transfer none): the days */
CoCalendarGrid *
co_calendar_page_get_grid (CoCalendarPage *self)
{
  g_return_val_if_fail (CO_IS_CALENDAR_PAGE (self), NULL);
  return self->grid;
}

/** co_calendar_page_get_pane: @self: the page  Returns: (transfer none): the scheduling pane */
CoSchedulePane *
co_calendar_page_get_pane (CoCalendarPage *self)
{
  g_return_val_if_fail (CO_IS_CALENDAR_PAGE (self), NULL);
  return self->pane;
}

/**
 * co_calendar_page_get_platforms:
 * @self: the page
 *
 * Returns: (transfer none): the platform filter: 0 for all, then one
 *   position per #CoPlatform, in order
 */
GtkDropDown *
co_calendar_page_get_platforms (CoCalendarPage *self)
{
  g_return_val_if_fail (CO_IS_CALENDAR_PAGE (self), NULL);
  return self->platform_dropdown;
}

/**
 * co_calendar_page_show_day:
 * @self: the page
 * @usec: an instant (µs since 1970, UTC)
 *
 * Shows the month or week of @usec's local day.
 */
void
co_calendar_page_show_day (CoCalendarPage *self,
                           gint64          usec)
{
  g_return_if_fail (CO_IS_CALENDAR_PAGE (self));

  g_clear_pointer (&self->anchor, g_date_time_unref);
  self->anchor = local_date (self, usec);
  refresh (self);
}

/** co_calendar_page_get_view: @self: the page  Returns: "month" or "week" */
const char *
co_calendar_page_get_view (CoCalendarPage *self)
{
  g_return_val_if_fail (CO_IS_CALENDAR_PAGE (self), NULL);
  return self->week ? "week" : "month";
}

/** co_calendar_page_set_view: @self: the page  @view: "month" or "week" */
void
co_calendar_page_set_view (CoCalendarPage *self,
                           const char     *view)
{
  gboolean week;

  g_return_if_fail (CO_IS_CALENDAR_PAGE (self));

  week = g_strcmp0 (view, "week") == 0;
  if (week == self->week)
    return;
  self->week = week;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/** co_calendar_page_get_period: @self: the page  Returns: the month or week shown, as said */
const char *
co_calendar_page_get_period (CoCalendarPage *self)
{
  g_return_val_if_fail (CO_IS_CALENDAR_PAGE (self), NULL);
  return gtk_label_get_label (self->period_label);
}

/** co_calendar_page_get_zone_text: @self: the page  Returns: how the page names its zone */
const char *
co_calendar_page_get_zone_text (CoCalendarPage *self)
{
  g_return_val_if_fail (CO_IS_CALENDAR_PAGE (self), NULL);
  return gtk_label_get_label (self->zone_label);
}

/** co_calendar_page_get_state: @self: the page  Returns: what the page is doing */
CoCalendarState
co_calendar_page_get_state (CoCalendarPage *self)
{
  g_return_val_if_fail (CO_IS_CALENDAR_PAGE (self), CO_CALENDAR_STATE_LOADING);
  return self->state;
}

/**
 * co_calendar_page_schedule_post:
 * @self: the page
 *
 * Opens the pane to give a draft a time, from the next whole hour but one.
 */
void
co_calendar_page_schedule_post (CoCalendarPage *self)
{
  gint64 start;

  g_return_if_fail (CO_IS_CALENDAR_PAGE (self));

  if (self->schedule == NULL)
    return;
  start = (now (self) / G_TIME_SPAN_HOUR + 2) * G_TIME_SPAN_HOUR;
  co_schedule_pane_start_add (self->pane, start);
  /* Its pane says why nothing can be picked while there is nothing to plan. */
  gtk_stack_set_visible_child_name (self->stack, "calendar");
  gtk_revealer_set_reveal_child (self->pane_revealer, TRUE);
}
