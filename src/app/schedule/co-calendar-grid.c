/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-calendar-grid.h"

/* The days of a month (whole weeks, Monday first) or of one week, each with
 * its posts in local time.  The grid is made again for every period and
 * every change: at most 42 days. */

#define MONTH_CHIPS 3

struct _CoCalendarGrid
{
  GtkWidget  parent_instance;

  /* Template children. */
  GtkGrid   *grid;

  /* Owned array of borrowed CoCalendarDay: the grid holds them. */
  GPtrArray *days;
  guint      n_entries;
};

G_DEFINE_FINAL_TYPE (CoCalendarGrid, co_calendar_grid, GTK_TYPE_WIDGET)

static void
clear (CoCalendarGrid *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_ptr_array_set_size (self->days, 0);
  self->n_entries = 0;
}

static void
add_headers (CoCalendarGrid *self,
             GDateTime      *first)
{
  for (int i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, i);
      g_autofree char *name = g_date_time_format (day, "%a");
      GtkWidget *label = gtk_label_new (name);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (self->grid, label, i, 0, 1, 1);
    }
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

static void
add_days (CoCalendarGrid       *self,
          GTimeZone            *zone,
          const CoCalendarSpan *span)
{
  for (guint i = 0; i < span->n_days; i++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (span->first, i);
      GtkWidget *day = co_calendar_day_new (date, zone, span->month != 0 ? MONTH_CHIPS : 0);

      co_calendar_day_set_flags (CO_CALENDAR_DAY (day),
                                 span->month == 0 || g_date_time_get_month (date) == span->month,
                                 same_day (date, span->today));
      gtk_widget_set_vexpand (day, TRUE);
      gtk_widget_set_hexpand (day, TRUE);
      gtk_grid_attach (self->grid, day, i % 7, 1 + i / 7, 1, 1);
      g_ptr_array_add (self->days, day);
    }
}

/* The index of @entry's local day in the grid, or -1 outside it. */
static int
day_index (GDateTime *first,
           GTimeZone *zone,
           gint64     usec,
           guint      n_days)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  GDate a, b;
  int index;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, g_date_time_get_day_of_month (first), g_date_time_get_month (first),
                  g_date_time_get_year (first));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  index = g_date_days_between (&a, &b);
  return index >= 0 && (guint)index < n_days ? index : -1;
}

static gboolean
is_due (CoScheduleEntry *entry,
        gint64           now)
{
  return co_schedule_entry_get_at (entry) <= now &&
         co_schedule_entry_get_draft_stage (entry) == CO_DRAFT_STAGE_SCHEDULED &&
         co_schedule_entry_get_published_at (entry) == 0;
}

/* GObject. */

static void
co_calendar_grid_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CO_TYPE_CALENDAR_GRID);

  G_OBJECT_CLASS (co_calendar_grid_parent_class)->dispose (object);
}

static void
co_calendar_grid_finalize (GObject *object)
{
  g_ptr_array_unref (CO_CALENDAR_GRID (object)->days);

  G_OBJECT_CLASS (co_calendar_grid_parent_class)->finalize (object);
}

static void
co_calendar_grid_class_init (CoCalendarGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_calendar_grid_dispose;
  object_class->finalize = co_calendar_grid_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-calendar-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, CoCalendarGrid, grid);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-calendar-grid");
}

static void
co_calendar_grid_init (CoCalendarGrid *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->days = g_ptr_array_new ();
}

/**
 * co_calendar_grid_show:
 * @self: the grid
 * @zone: the calendar's zone
 * @span: the days to show
 * @entries: (nullable): the posts of those days (#CoScheduleEntry), in time order
 */
void
co_calendar_grid_show (CoCalendarGrid       *self,
                       GTimeZone            *zone,
                       const CoCalendarSpan *span,
                       GListModel           *entries)
{
  guint n;

  g_return_if_fail (CO_IS_CALENDAR_GRID (self));
  g_return_if_fail (span != NULL && span->first != NULL && span->today != NULL);

  clear (self);
  add_headers (self, span->first);
  add_days (self, zone, span);
  n = entries != NULL ? g_list_model_get_n_items (entries) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoScheduleEntry) entry = g_list_model_get_item (entries, i);
      int index = day_index (span->first, zone, co_schedule_entry_get_at (entry), span->n_days);

      if (index < 0)
        continue;
      co_calendar_day_add_entry (g_ptr_array_index (self->days, index), entry,
                                 is_due (entry, span->now));
      self->n_entries++;
    }
}

/**
 * co_calendar_grid_get_day:
 * @self: the grid
 * @year: the year
 * @month: the month, 1–12
 * @day: the day of the month
 *
 * Returns: (transfer none) (nullable): the day's cell, if the grid shows it
 */
CoCalendarDay *
co_calendar_grid_get_day (CoCalendarGrid *self,
                          int             year,
                          int             month,
                          int             day)
{
  g_return_val_if_fail (CO_IS_CALENDAR_GRID (self), NULL);

  for (guint i = 0; i < self->days->len; i++)
    {
      CoCalendarDay *cell = g_ptr_array_index (self->days, i);
      GDateTime *date = co_calendar_day_get_date (cell);

      if (g_date_time_get_year (date) == year && g_date_time_get_month (date) == month &&
          g_date_time_get_day_of_month (date) == day)
        return cell;
    }
  return NULL;
}

/** co_calendar_grid_get_n_entries: @self: the grid  Returns: how many posts it shows */
guint
co_calendar_grid_get_n_entries (CoCalendarGrid *self)
{
  g_return_val_if_fail (CO_IS_CALENDAR_GRID (self), 0);
  return self->n_entries;
}
