/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "co-analytics-controller.h"
#include "co-date.h"
#include "co-error.h"

/* The Analytics section's state: which range and platform it shows, the
 * view read for them (off the main thread), and that view as the summary's
 * figures, the charts' data and CSV.  No widgets: the section shows what
 * this says, and the tests drive it without a display. */

/* 1970-01-01 in GDate's Julian days (0001-01-01 is day 1). */
#define JULIAN_1970 719163

struct _CoAnalyticsController
{
  GObject               parent_instance;

  /* Borrowed: the clock, for tests. */
  CoAnalyticsClockFunc  clock;
  gpointer              clock_data;

  /* Owned: the library and the zone of days and hours. */
  CoStore              *store;
  GTimeZone            *zone;
  GCancellable         *cancellable;

  /* Owned: what is chosen. */
  int                   days;          /* 7, 30, 90…, or 0 for the custom range */
  gint64                custom_since;
  gint64                custom_until;
  gboolean              has_platform;
  CoPlatform            platform;

  /* Owned: what was found. */
  CoAnalyticsState      state;
  GError               *error;
  CoAnalyticsView      *view;
};

G_DEFINE_FINAL_TYPE (CoAnalyticsController, co_analytics_controller, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CoAnalyticsState, co_analytics_state,
  G_DEFINE_ENUM_VALUE (CO_ANALYTICS_STATE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (CO_ANALYTICS_STATE_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (CO_ANALYTICS_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (CO_ANALYTICS_STATE_INVALID, "invalid"),
  G_DEFINE_ENUM_VALUE (CO_ANALYTICS_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  PROP_VIEW,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static gint64
real_clock (gpointer user_data)
{
  return g_get_real_time ();
}

/* Both change before either is notified, so that each handler sees them
 * agree. */
static void
set_state (CoAnalyticsController *self,
           CoAnalyticsState       state,
           GError                *error)
{
  gboolean error_changed = self->error != NULL || error != NULL;
  gboolean state_changed = self->state != state;

  g_clear_error (&self->error);
  self->error = error;
  self->state = state;
  if (state_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (error_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* The preset range: the last @days local days, today included. */
static void
preset_range (CoAnalyticsController *self,
              CoAnalyticsRange      *range)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (self->clock (self->clock_data)
                                                                 / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, self->zone);
  g_autoptr(GDateTime) today = g_date_time_new (self->zone, g_date_time_get_year (local),
                                                g_date_time_get_month (local),
                                                g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) until = g_date_time_add_days (today, 1);
  g_autoptr(GDateTime) since = g_date_time_add_days (until, -self->days);

  range->since = g_date_time_to_unix (since) * G_USEC_PER_SEC;
  range->until = g_date_time_to_unix (until) * G_USEC_PER_SEC;
}

static void
current_range (CoAnalyticsController *self,
               CoAnalyticsRange      *range)
{
  *range = (CoAnalyticsRange){ self->custom_since, self->custom_until, NULL };
  if (self->days > 0)
    preset_range (self, range);
  if (self->has_platform)
    range->platform = &self->platform;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CoAnalyticsController) self = user_data;
  GError *error = NULL;
  CoAnalyticsView *view = co_analytics_view_load_finish (CO_STORE (source), result, &error);

  if (co_error_is_cancelled (error))
    {
      g_error_free (error);
      return;
    }
  g_clear_pointer (&self->view, co_analytics_view_free);
  self->view = view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
  if (view == NULL)
    set_state (self, CO_ANALYTICS_STATE_FAILED, error);
  else if (view->report.total.n_posts == 0 && view->days->len == 0)
    set_state (self, CO_ANALYTICS_STATE_EMPTY, NULL);
  else
    set_state (self, CO_ANALYTICS_STATE_READY, NULL);
}

static void
co_analytics_controller_dispose (GObject *object)
{
  CoAnalyticsController *self = CO_ANALYTICS_CONTROLLER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (co_analytics_controller_parent_class)->dispose (object);
}

static void
co_analytics_controller_finalize (GObject *object)
{
  CoAnalyticsController *self = CO_ANALYTICS_CONTROLLER (object);

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->view, co_analytics_view_free);

  G_OBJECT_CLASS (co_analytics_controller_parent_class)->finalize (object);
}

static void
co_analytics_controller_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CoAnalyticsController *self = CO_ANALYTICS_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_VIEW:
      g_value_set_pointer (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_analytics_controller_class_init (CoAnalyticsControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_analytics_controller_dispose;
  object_class->finalize = co_analytics_controller_finalize;
  object_class->get_property = co_analytics_controller_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CO_TYPE_ANALYTICS_STATE, CO_ANALYTICS_STATE_LOADING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Notified each time it is set or cleared: a second range refused has
   * another reason in the same state. */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Notified each time a view is read, even one like the last. */
  properties[PROP_VIEW] =
    g_param_spec_pointer ("view", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_analytics_controller_init (CoAnalyticsController *self)
{
  self->clock = real_clock;
  self->days = 30;
  self->state = CO_ANALYTICS_STATE_LOADING;
}

/**
 * co_analytics_controller_new:
 * @store: the library
 * @zone: the zone of days and hours
 *
 * Returns: (transfer full): a controller showing the last 30 days of every
 *   platform once co_analytics_controller_reload() has read them
 */
CoAnalyticsController *
co_analytics_controller_new (CoStore   *store,
                             GTimeZone *zone)
{
  CoAnalyticsController *self;

  g_return_val_if_fail (CO_IS_STORE (store) && zone != NULL, NULL);

  self = g_object_new (CO_TYPE_ANALYTICS_CONTROLLER, NULL);
  self->store = g_object_ref (store);
  self->zone = g_time_zone_ref (zone);
  return self;
}

/**
 * co_analytics_controller_set_clock:
 * @self: the controller
 * @clock: what says the time now (µs since 1970, UTC)
 * @user_data: for @clock
 *
 * For tests: the day the preset ranges end on.
 */
void
co_analytics_controller_set_clock (CoAnalyticsController *self,
                                   CoAnalyticsClockFunc   clock,
                                   gpointer               user_data)
{
  g_return_if_fail (CO_IS_ANALYTICS_CONTROLLER (self) && clock != NULL);

  self->clock = clock;
  self->clock_data = user_data;
}

/**
 * co_analytics_controller_reload:
 * @self: the controller
 *
 * Reads the chosen range again, cancelling a reading under way.
 */
void
co_analytics_controller_reload (CoAnalyticsController *self)
{
  CoAnalyticsRange range;

  g_return_if_fail (CO_IS_ANALYTICS_CONTROLLER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  current_range (self, &range);
  set_state (self, CO_ANALYTICS_STATE_LOADING, NULL);
  co_analytics_view_load_async (self->store, &range, self->zone, CO_ANALYTICS_TOP_POSTS,
                                self->cancellable, loaded_cb, g_object_ref (self));
}

/**
 * co_analytics_controller_set_days:
 * @self: the controller
 * @days: how many days, today the last, above 0
 *
 * Shows the last @days days.
 */
void
co_analytics_controller_set_days (CoAnalyticsController *self,
                                  int                    days)
{
  g_return_if_fail (CO_IS_ANALYTICS_CONTROLLER (self) && days > 0);

  self->days = days;
  co_analytics_controller_reload (self);
}

static gboolean
parse_day (const char  *text,
           GTimeZone   *zone,
           int          add_days,
           gint64      *out_usec,
           GError     **error)
{
  g_autofree char *stripped = text != NULL ? g_strstrip (g_strdup (text)) : NULL;
  g_autoptr(GDateTime) day = stripped != NULL ? co_date_parse (stripped, zone) : NULL;
  g_autoptr(GDateTime) moved = NULL;

  if (day == NULL)
    {
      g_set_error (error, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_BAD_RANGE,
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 2027-01-31"),
                   text != NULL ? text : "");
      return FALSE;
    }
  moved = g_date_time_add_days (day, add_days);
  *out_usec = g_date_time_to_unix (moved) * G_USEC_PER_SEC;
  return TRUE;
}

/**
 * co_analytics_controller_set_custom:
 * @self: the controller
 * @first_day: the first day shown, as YYYY-MM-DD
 * @last_day: the last day shown, as YYYY-MM-DD
 * @error: return location for a #GError
 *
 * Shows the days from @first_day to @last_day, both included.  A range
 * refused puts the controller in %CO_ANALYTICS_STATE_INVALID with the
 * reason as its error, until another range is chosen.
 *
 * Returns: %TRUE when the range is shown, else %FALSE with
 *   %CO_ANALYTICS_ERROR_BAD_RANGE naming the input and the reason
 */
gboolean
co_analytics_controller_set_custom (CoAnalyticsController  *self,
                                    const char             *first_day,
                                    const char             *last_day,
                                    GError                **error)
{
  CoAnalyticsRange range = { 0 };
  GError *refused = NULL;

  g_return_val_if_fail (CO_IS_ANALYTICS_CONTROLLER (self), FALSE);

  if (parse_day (first_day, self->zone, 0, &range.since, &refused) &&
      parse_day (last_day, self->zone, 1, &range.until, &refused) && range.until <= range.since)
    g_set_error (&refused, CO_ANALYTICS_ERROR, CO_ANALYTICS_ERROR_BAD_RANGE,
                 _("The last day, %s, comes before the first, %s: choose a last day on or "
                   "after the first"), last_day, first_day);
  if (refused != NULL || !co_analytics_range_check (&range, &refused))
    {
      g_cancellable_cancel (self->cancellable);
      if (error != NULL)
        *error = g_error_copy (refused);
      set_state (self, CO_ANALYTICS_STATE_INVALID, refused);
      return FALSE;
    }
  self->days = 0;
  self->custom_since = range.since;
  self->custom_until = range.until;
  co_analytics_controller_reload (self);
  return TRUE;
}

/**
 * co_analytics_controller_set_platform:
 * @self: the controller
 * @platform: (nullable): only this platform, or %NULL for all
 */
void
co_analytics_controller_set_platform (CoAnalyticsController *self,
                                      const CoPlatform      *platform)
{
  g_return_if_fail (CO_IS_ANALYTICS_CONTROLLER (self));

  self->has_platform = platform != NULL;
  if (platform != NULL)
    self->platform = *platform;
  co_analytics_controller_reload (self);
}

/** co_analytics_controller_get_state: @self: the controller  Returns: what it shows */
CoAnalyticsState
co_analytics_controller_get_state (CoAnalyticsController *self)
{
  g_return_val_if_fail (CO_IS_ANALYTICS_CONTROLLER (self), CO_ANALYTICS_STATE_FAILED);
  return self->state;
}

/**
 * co_analytics_controller_get_error:
 * @self: the controller
 *
 * Returns: (nullable): why the range was refused or the view not read
 */
const GError *
co_analytics_controller_get_error (CoAnalyticsController *self)
{
  g_return_val_if_fail (CO_IS_ANALYTICS_CONTROLLER (self), NULL);
  return self->error;
}

/** co_analytics_controller_get_days: @self: the controller  Returns: the preset's days, or 0 */
int
co_analytics_controller_get_days (CoAnalyticsController *self)
{
  g_return_val_if_fail (CO_IS_ANALYTICS_CONTROLLER (self), 0);
  return self->days;
}

/**
 * co_analytics_controller_get_view:
 * @self: the controller
 *
 * Returns: (transfer none) (nullable): the view last read
 */
const CoAnalyticsView *
co_analytics_controller_get_view (CoAnalyticsController *self)
{
  g_return_val_if_fail (CO_IS_ANALYTICS_CONTROLLER (self), NULL);
  return self->view;
}

/* A figure of a report: a count, or the engagement rate as a fraction. */
static double
figure_value (const CoAnalyticsReport *report,
              CoAnalyticsFigure        figure)
{
  const CoEngagement *total = &report->total;

  switch (figure)
    {
    case CO_ANALYTICS_FIGURE_POSTS:
      return total->n_posts;
    case CO_ANALYTICS_FIGURE_VIEWS:
      return total->views;
    case CO_ANALYTICS_FIGURE_LIKES:
      return total->likes;
    case CO_ANALYTICS_FIGURE_COMMENTS:
      return total->comments;
    case CO_ANALYTICS_FIGURE_SHARES:
      return total->shares;
    case CO_ANALYTICS_FIGURE_ENGAGEMENT:
    case CO_ANALYTICS_N_FIGURES:
    default:
      return total->n_posts > 0 ? co_engagement_rate (total) : 0;
    }
}

/**
 * co_analytics_controller_format_figure:
 * @self: the controller
 * @figure: a figure of the summary
 *
 * Returns: (transfer full): the figure in the view read ("1200", "4.5 %"),
 *   or "–" before one is read
 */
char *
co_analytics_controller_format_figure (CoAnalyticsController *self,
                                       CoAnalyticsFigure      figure)
{
  double value;

  g_return_val_if_fail (CO_IS_ANALYTICS_CONTROLLER (self), NULL);

  if (self->view == NULL)
    return g_strdup ("–");
  value = figure_value (&self->view->report, figure);
  if (figure == CO_ANALYTICS_FIGURE_ENGAGEMENT)
    return g_strdup_printf (_("%.1f %%"), value * 100);
  return g_strdup_printf ("%.0f", value);
}

/**
 * co_analytics_controller_format_growth:
 * @self: the controller
 * @figure: a figure of the summary
 *
 * Returns: (transfer full): how the figure grew since the range as long
 *   just before ("+25 % on the previous 30 days"), or why that cannot be said
 */
char *
co_analytics_controller_format_growth (CoAnalyticsController *self,
                                       CoAnalyticsFigure      figure)
{
  double before, now, growth;
  int n_days;

  g_return_val_if_fail (CO_IS_ANALYTICS_CONTROLLER (self), NULL);

  if (self->view == NULL || !self->view->has_previous)
    return g_strdup (_("No earlier range to compare"));
  before = figure_value (&self->view->previous, figure);
  now = figure_value (&self->view->report, figure);
  growth = before != 0 ? (now - before) / before : NAN;
  if (isnan (growth))
    return g_strdup (_("Nothing in the previous range to compare"));
  /* Rounded: a range over a change of the clocks is an hour off whole days. */
  n_days = (int)((self->view->range.until - self->view->range.since + G_TIME_SPAN_DAY / 2)
                 / G_TIME_SPAN_DAY);
  /* Translators: growth in per cent, and the length of the range it compares with. */
  return g_strdup_printf (ngettext ("%+.0f %% on the previous %d day",
                                    "%+.0f %% on the previous %d days", n_days),
                          growth * 100, n_days);
}

/**
 * co_analytics_controller_make_chart:
 * @self: the controller
 * @chart: which chart
 *
 * Returns: (transfer full) (nullable): the chart's data in the view read,
 *   or %NULL before one is read
 */
CoChartData *
co_analytics_controller_make_chart (CoAnalyticsController *self,
                                    CoAnalyticsChart       chart)
{
  g_return_val_if_fail (CO_IS_ANALYTICS_CONTROLLER (self), NULL);

  return self->view != NULL ? co_analytics_charts_make (self->view, self->zone, chart) : NULL;
}

/**
 * co_analytics_controller_to_csv:
 * @self: the controller
 * @kind: which table
 *
 * Returns: (transfer full) (nullable): the table of the view read as CSV,
 *   or %NULL before one is read
 */
char *
co_analytics_controller_to_csv (CoAnalyticsController *self,
                                CoAnalyticsCsv         kind)
{
  g_return_val_if_fail (CO_IS_ANALYTICS_CONTROLLER (self), NULL);

  if (self->view == NULL)
    return NULL;
  if (kind == CO_ANALYTICS_CSV_DAILY)
    return co_analytics_daily_to_csv (self->view->days);
  if (kind == CO_ANALYTICS_CSV_POSTS)
    return co_analytics_posts_to_csv (self->view->posts);
  return co_analytics_platforms_to_csv (&self->view->report);
}
