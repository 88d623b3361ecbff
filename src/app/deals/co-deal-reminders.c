/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-deal-reminders.h"

/*
 * What deals have due, said while the app runs.  The first check lists
 * everything overdue or due within the horizon once ("listed"); every later
 * check says each deliverable or payment that has come due since
 * ("remind"), once per run.  The window turns both into a toast and a
 * desktop notification.  A plain object over the library, tested without a
 * display; the reading runs in a thread (co_deals_list_due_async()).
 */

struct _CoDealReminders
{
  GObject       parent_instance;

  CoStore      *store;
  GCancellable *cancellable;
  GHashTable   *announced;    /* "deliverable:ID" / "milestone:ID" */
  guint         timeout_id;
  guint         n_checks;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CoDealReminders, co_deal_reminders, G_TYPE_OBJECT)

enum {
  SIGNAL_LISTED,
  SIGNAL_REMIND,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* How many reminders the start-up text names before "and N more". */
#define LISTED_NAMED 3

static char *
reminder_key (const CoDealReminder *reminder)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                          reminder->is_milestone ? "milestone" : "deliverable", reminder->id);
}

static char *
format_day (gint64 usec)
{
  g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return day != NULL ? g_date_time_format (day, "%x") : g_strdup ("");
}

static char *
listed_text (GArray *reminders)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint named = MIN (reminders->len, LISTED_NAMED);

  for (guint i = 0; i < named; i++)
    {
      const CoDealReminder *reminder = &g_array_index (reminders, CoDealReminder, i);

      if (i > 0)
        g_string_append (names, ", ");
      /* TRANSLATORS: one item in the list of what deals have due */
      g_string_append_printf (names, reminder->overdue ? _("“%s” (overdue)") : _("“%s”"),
                              reminder->title);
    }
  if (reminders->len > named)
    /* TRANSLATORS: the end of the list of what deals have due */
    g_string_append_printf (names, ngettext (" and %u more", " and %u more",
                                             reminders->len - named),
                            reminders->len - named);
  return g_strdup_printf (ngettext ("%u deal item is due this week: %s",
                                    "%u deal items are due this week: %s", reminders->len),
                          reminders->len, names->str);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(CoDealReminders) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reminders = co_deals_list_due_finish (CO_STORE (object), result, &error);
  gboolean first = self->n_checks == 0;

  self->busy = FALSE;
  if (reminders == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read what deals have due: %s", error->message);
      return;
    }
  self->n_checks++;
  for (guint i = 0; i < reminders->len; i++)
    {
      const CoDealReminder *reminder = &g_array_index (reminders, CoDealReminder, i);
      g_autofree char *key = reminder_key (reminder);
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;

      if (!reminder->overdue || g_hash_table_contains (self->announced, key))
        continue;
      g_hash_table_add (self->announced, g_steal_pointer (&key));
      if (first)
        continue;
      co_deal_reminder_describe (reminder, &title, &body);
      g_signal_emit (self, signals[SIGNAL_REMIND], 0, reminder->deal_id, title, body);
    }
  if (first && reminders->len > 0)
    {
      g_autofree char *text = listed_text (reminders);

      g_signal_emit (self, signals[SIGNAL_LISTED], 0, reminders->len, text);
    }
}

static gboolean
tick_cb (gpointer data)
{
  co_deal_reminders_check (CO_DEAL_REMINDERS (data), g_get_real_time ());
  return G_SOURCE_CONTINUE;
}

static void
co_deal_reminders_dispose (GObject *object)
{
  CoDealReminders *self = (CoDealReminders *)object;

  co_deal_reminders_stop (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (co_deal_reminders_parent_class)->dispose (object);
}

static void
co_deal_reminders_finalize (GObject *object)
{
  CoDealReminders *self = (CoDealReminders *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->announced, g_hash_table_unref);

  G_OBJECT_CLASS (co_deal_reminders_parent_class)->finalize (object);
}

static void
co_deal_reminders_class_init (CoDealRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_deal_reminders_dispose;
  object_class->finalize = co_deal_reminders_finalize;

  /**
   * CoDealReminders::listed:
   * @n: how many items are overdue or due within the horizon
   * @text: one sentence naming them
   *
   * Said once, after the first check.
   */
  signals[SIGNAL_LISTED] = g_signal_new ("listed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT,
                                         G_TYPE_STRING);
  /**
   * CoDealReminders::remind:
   * @deal_id: the deal
   * @title: what has come due
   * @body: its brand, deal and day
   *
   * Said once per run for each item that has come due since the first check.
   */
  signals[SIGNAL_REMIND] = g_signal_new ("remind", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64,
                                         G_TYPE_STRING, G_TYPE_STRING);
}

static void
co_deal_reminders_init (CoDealReminders *self)
{
  self->cancellable = g_cancellable_new ();
  self->announced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * co_deal_reminders_new:
 * @store: the library
 *
 * Returns: (transfer full): reminders over @store, not started
 */
CoDealReminders *
co_deal_reminders_new (CoStore *store)
{
  CoDealReminders *self;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  self = g_object_new (CO_TYPE_DEAL_REMINDERS, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * co_deal_reminders_start:
 * @self: the reminders
 * @interval_s: seconds between checks
 *
 * Checks now, then every @interval_s seconds until stopped.
 */
void
co_deal_reminders_start (CoDealReminders *self,
                         guint            interval_s)
{
  g_return_if_fail (CO_IS_DEAL_REMINDERS (self));
  g_return_if_fail (interval_s > 0);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  co_deal_reminders_check (self, g_get_real_time ());
  self->timeout_id = g_timeout_add_seconds (interval_s, tick_cb, self);
}

/**
 * co_deal_reminders_stop:
 * @self: the reminders
 *
 * Stops the checks; one still reading is cancelled and says nothing.
 */
void
co_deal_reminders_stop (CoDealReminders *self)
{
  g_return_if_fail (CO_IS_DEAL_REMINDERS (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/**
 * co_deal_reminders_check:
 * @self: the reminders
 * @now: the time to compare with (µs since 1970, UTC)
 *
 * Reads what is due in the background and says it; a check while one is
 * still reading is skipped.
 */
void
co_deal_reminders_check (CoDealReminders *self,
                         gint64           now)
{
  g_return_if_fail (CO_IS_DEAL_REMINDERS (self));

  if (self->busy)
    return;
  self->busy = TRUE;
  co_deals_list_due_async (self->store, now, self->n_checks == 0 ? CO_DEAL_REMINDERS_HORIZON : 0,
                           self->cancellable, check_done_cb, g_object_ref (self));
}

/** co_deal_reminders_get_n_checks: @self: the reminders  Returns: checks finished so far */
guint
co_deal_reminders_get_n_checks (CoDealReminders *self)
{
  g_return_val_if_fail (CO_IS_DEAL_REMINDERS (self), 0);
  return self->n_checks;
}

/**
 * co_deal_reminder_describe:
 * @reminder: a reminder
 * @title: (out): what is due: a deliverable's title, or a payment with its amount
 * @body: (out): its brand and deal, and when it is or was due
 *
 * The words the deals view and the notifications use for a reminder.
 */
void
co_deal_reminder_describe (const CoDealReminder  *reminder,
                           char                 **title,
                           char                 **body)
{
  g_autofree char *day = NULL;

  g_return_if_fail (reminder != NULL && title != NULL && body != NULL);

  day = format_day (reminder->due_at);
  if (reminder->is_milestone)
    {
      g_autofree char *amount = co_money_format (reminder->amount, reminder->currency);

      *title = g_strdup_printf (_("Payment: %s (%s %s)"), reminder->title, amount,
                                reminder->currency);
    }
  else
    *title = g_strdup (reminder->title);
  *body = g_strdup_printf (reminder->overdue ? _("%s — %s · overdue since %s")
                                             : _("%s — %s · due %s"),
                           reminder->brand, reminder->deal, day);
}
