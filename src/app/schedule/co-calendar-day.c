/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-calendar-day.h"

/* One day of the calendar: its number and a chip per post, in time order.
 * A chip opens the post's time for editing ("calendar.edit-entry") and can
 * be dragged to another day; a post dropped on the day moves there at the
 * same local time ("calendar.move-to-day").  Both actions are the page's. */

struct _CoCalendarDay
{
  GtkWidget  parent_instance;

  /* Template children. */
  GtkWidget *box;
  GtkLabel  *day_label;
  GtkBox    *chips_box;
  GtkLabel  *more_label;

  /* Owned: the day (its date only) and the calendar's zone. */
  GDateTime *date;
  GTimeZone *zone;

  guint      max_chips;   /* 0: every post gets a chip */
  guint      n_entries;
};

G_DEFINE_FINAL_TYPE (CoCalendarDay, co_calendar_day, GTK_TYPE_WIDGET)

static GDateTime *
local_time (CoCalendarDay *self,
            gint64         usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, self->zone);
}

static void
chip_clicked_cb (GtkButton       *chip,
                 CoScheduleEntry *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (chip), "calendar.edit-entry", "(xs)",
                              co_schedule_entry_get_draft_id (entry),
                              co_platform_to_string (co_schedule_entry_get_platform (entry)));
}

static GdkContentProvider *
chip_drag_prepare_cb (GtkDragSource   *source,
                      double           x,
                      double           y,
                      CoScheduleEntry *entry)
{
  /* A published post stays where it went out. */
  if (co_schedule_entry_get_published_at (entry) > 0)
    return NULL;
  return gdk_content_provider_new_typed (CO_TYPE_SCHEDULE_ENTRY, entry);
}

static void
describe_chip (CoCalendarDay   *self,
               GtkWidget       *chip,
               CoScheduleEntry *entry,
               gboolean         due)
{
  g_autoptr(GDateTime) at = local_time (self, co_schedule_entry_get_at (entry));
  g_autofree char *time = g_date_time_format (at, "%H:%M");
  g_autofree char *when = NULL;
  g_autofree char *label = NULL;
  g_autofree char *full = NULL;
  const char *platform = co_platform_display_name (co_schedule_entry_get_platform (entry));

  /* Translators: a post on the calendar: its local time, platform and draft title. */
  label = g_strdup_printf (_("%s %s · %s"), time, platform,
                           co_schedule_entry_get_draft_title (entry));
  /* Translators: a date and time in a calendar tooltip, see g_date_time_format(). */
  when = g_date_time_format (at, _("%A %-d %B, %H:%M %Z"));
  /* Translators: a post's tooltip and accessible name: title, platform, when, and
   * whether it is due. */
  full = g_strdup_printf (due ? _("“%s” on %s, %s, due now") : _("“%s” on %s, %s"),
                          co_schedule_entry_get_draft_title (entry), platform, when);
  gtk_button_set_label (GTK_BUTTON (chip), label);
  gtk_widget_set_tooltip_text (chip, full);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
}

static GtkWidget *
make_chip (CoCalendarDay   *self,
           CoScheduleEntry *entry,
           gboolean         due)
{
  GtkWidget *chip = gtk_button_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  g_autofree char *css = g_strdup_printf ("co-platform-%s",
                                          co_platform_to_string (co_schedule_entry_get_platform (entry)));

  GtkLabel *label;

  describe_chip (self, chip, entry, due);
  label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip)));
  gtk_label_set_xalign (label, 0);
  /* A month's narrow days cut a chip short; a week's days have room to wrap. */
  if (self->max_chips > 0)
    gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  else
    {
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
    }
  gtk_widget_add_css_class (chip, "co-calendar-chip");
  gtk_widget_add_css_class (chip, css);
  if (due)
    gtk_widget_add_css_class (chip, "co-due");
  if (co_schedule_entry_get_published_at (entry) > 0)
    gtk_widget_add_css_class (chip, "co-published");
  g_signal_connect_data (chip, "clicked", G_CALLBACK (chip_clicked_cb), g_object_ref (entry),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_data (source, "prepare", G_CALLBACK (chip_drag_prepare_cb),
                         g_object_ref (entry), (GClosureNotify)(void (*) (void))g_object_unref, 0);
  gtk_widget_add_controller (chip, GTK_EVENT_CONTROLLER (source));
  return chip;
}

static void
update_accessible (CoCalendarDay *self)
{
  /* Translators: a calendar day's accessible name, see g_date_time_format(). */
  g_autofree char *date = g_date_time_format (self->date, _("%A %-d %B %Y"));
  g_autofree char *posts = g_strdup_printf (ngettext ("%u post", "%u posts", self->n_entries),
                                            self->n_entries);
  /* Translators: a calendar day's accessible name: the date, then "2 posts". */
  g_autofree char *label = g_strdup_printf (_("%s, %s"), date, posts);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CoCalendarDay *self)
{
  return co_calendar_day_drop (self, value);
}

/* GObject. */

static void
co_calendar_day_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CO_TYPE_CALENDAR_DAY);

  G_OBJECT_CLASS (co_calendar_day_parent_class)->dispose (object);
}

static void
co_calendar_day_finalize (GObject *object)
{
  CoCalendarDay *self = (CoCalendarDay *)object;

  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (co_calendar_day_parent_class)->finalize (object);
}

static void
co_calendar_day_class_init (CoCalendarDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_calendar_day_dispose;
  object_class->finalize = co_calendar_day_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-calendar-day.ui");
  gtk_widget_class_bind_template_child (widget_class, CoCalendarDay, box);
  gtk_widget_class_bind_template_child (widget_class, CoCalendarDay, day_label);
  gtk_widget_class_bind_template_child (widget_class, CoCalendarDay, chips_box);
  gtk_widget_class_bind_template_child (widget_class, CoCalendarDay, more_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-calendar-day");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
co_calendar_day_init (CoCalendarDay *self)
{
  GtkDropTarget *target = gtk_drop_target_new (CO_TYPE_SCHEDULE_ENTRY, GDK_ACTION_MOVE);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/**
 * co_calendar_day_new:
 * @date: the day (its date only: a UTC noon, say)
 * @zone: the calendar's zone
 * @max_chips: how many posts get a chip before "N more", 0 for all
 *
 * Returns: (transfer floating): an empty day
 */
GtkWidget *
co_calendar_day_new (GDateTime *date,
                     GTimeZone *zone,
                     guint      max_chips)
{
  CoCalendarDay *self = g_object_new (CO_TYPE_CALENDAR_DAY, NULL);
  g_autofree char *number = NULL;

  self->date = g_date_time_ref (date);
  self->zone = g_time_zone_ref (zone);
  self->max_chips = max_chips;
  number = g_strdup_printf ("%d", g_date_time_get_day_of_month (date));
  gtk_label_set_label (self->day_label, number);
  update_accessible (self);
  return GTK_WIDGET (self);
}

/** co_calendar_day_get_date: @self: a day  Returns: (transfer none): its date */
GDateTime *
co_calendar_day_get_date (CoCalendarDay *self)
{
  g_return_val_if_fail (CO_IS_CALENDAR_DAY (self), NULL);
  return self->date;
}

/**
 * co_calendar_day_set_flags:
 * @self: a day
 * @in_period: whether the day is in the month shown (days of the weeks
 *   around it are dimmed)
 * @today: whether it is today
 */
void
co_calendar_day_set_flags (CoCalendarDay *self,
                           gboolean       in_period,
                           gboolean       today)
{
  g_return_if_fail (CO_IS_CALENDAR_DAY (self));

  if (!in_period)
    gtk_widget_add_css_class (self->box, "co-other-month");
  if (today)
    gtk_widget_add_css_class (self->box, "co-today");
}

/**
 * co_calendar_day_add_entry:
 * @self: a day
 * @entry: a post of the day, later than those added before
 * @due: whether its time has come and it is not published yet
 */
void
co_calendar_day_add_entry (CoCalendarDay   *self,
                           CoScheduleEntry *entry,
                           gboolean         due)
{
  g_autofree char *more = NULL;
  guint hidden;

  g_return_if_fail (CO_IS_CALENDAR_DAY (self));

  self->n_entries++;
  update_accessible (self);
  if (self->max_chips == 0 || self->n_entries <= self->max_chips)
    {
      gtk_box_append (self->chips_box, make_chip (self, entry, due));
      return;
    }
  hidden = self->n_entries - self->max_chips;
  /* Translators: under a month view's day with more posts than fit; the
   * week view shows them all. */
  more = g_strdup_printf (ngettext ("%u more in the week view", "%u more in the week view",
                                    hidden), hidden);
  gtk_label_set_label (self->more_label, more);
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), TRUE);
}

/** co_calendar_day_get_n_entries: @self: a day  Returns: how many posts it has */
guint
co_calendar_day_get_n_entries (CoCalendarDay *self)
{
  g_return_val_if_fail (CO_IS_CALENDAR_DAY (self), 0);
  return self->n_entries;
}

/**
 * co_calendar_day_drop:
 * @self: a day
 * @value: what was dropped: a #CoScheduleEntry
 *
 * What the day's drop target calls, and tests: asks the page to move the
 * post to this day at the same local time.
 *
 * Returns: %TRUE if @value was a post
 */
gboolean
co_calendar_day_drop (CoCalendarDay *self,
                      const GValue  *value)
{
  CoScheduleEntry *entry;

  g_return_val_if_fail (CO_IS_CALENDAR_DAY (self), FALSE);

  if (!G_VALUE_HOLDS (value, CO_TYPE_SCHEDULE_ENTRY) || (entry = g_value_get_object (value)) == NULL)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "calendar.move-to-day", "(xsiii)",
                                     co_schedule_entry_get_draft_id (entry),
                                     co_platform_to_string (co_schedule_entry_get_platform (entry)),
                                     g_date_time_get_year (self->date),
                                     g_date_time_get_month (self->date),
                                     g_date_time_get_day_of_month (self->date));
}
