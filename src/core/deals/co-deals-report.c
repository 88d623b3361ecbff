/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-deals"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-csv.h"
#include "co-deals-private.h"

/*
 * What is due (the reminders the app lists on start and the command line
 * prints), and the payments report as CSV.
 */

static void
clear_reminder (gpointer data)
{
  CoDealReminder *reminder = data;

  g_free (reminder->brand);
  g_free (reminder->deal);
  g_free (reminder->title);
}

static CoDealReminder
read_reminder (sqlite3_stmt *stmt,
               gint64        now)
{
  CoDealReminder reminder = {
    sqlite3_column_int (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
    g_strdup ((const char *)sqlite3_column_text (stmt, 3)),
    g_strdup ((const char *)sqlite3_column_text (stmt, 4)),
    g_strdup ((const char *)sqlite3_column_text (stmt, 5)), sqlite3_column_int64 (stmt, 6),
    sqlite3_column_int64 (stmt, 7), sqlite3_column_int64 (stmt, 7) < now,
    sqlite3_column_int64 (stmt, 8), "",
  };

  g_strlcpy (reminder.currency, (const char *)sqlite3_column_text (stmt, 9),
             sizeof reminder.currency);
  return reminder;
}

/**
 * co_deals_list_due:
 * @store: the library
 * @now: the time to compare with (µs since 1970, UTC)
 * @horizon: how far ahead to look, in µs (0 for only what is overdue or
 *   due now)
 * @error: return location for a #GError
 *
 * The reminders: deliverables not done and milestones still pending whose
 * due time is before @now + @horizon, the earliest first; those due
 * before @now are overdue.
 *
 * Returns: (transfer full) (element-type CoDealReminder) (nullable): the
 *   reminders, or %NULL with a #CoStoreError
 */
GArray *
co_deals_list_due (CoStore  *store,
                   gint64    now,
                   gint64    horizon,
                   GError  **error)
{
  g_autoptr(GArray) reminders = g_array_new (FALSE, TRUE, sizeof (CoDealReminder));
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store) && horizon >= 0, NULL);

  g_array_set_clear_func (reminders, clear_reminder);
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store,
                            "SELECT 0, x.id, d.id, b.name, d.title, x.title,"
                            "  coalesce (x.draft_id, 0), x.due_at, 0, d.currency"
                            " FROM deal_deliverables x JOIN deals d ON d.id = x.deal_id"
                            " JOIN brands b ON b.id = d.brand_id"
                            " WHERE x.done_at IS NULL AND x.due_at <= ?1"
                            " UNION ALL"
                            " SELECT 1, m.id, d.id, b.name, d.title, m.title, 0, m.due_at,"
                            "  m.amount, d.currency"
                            " FROM deal_milestones m JOIN deals d ON d.id = m.deal_id"
                            " JOIN brands b ON b.id = d.brand_id"
                            " WHERE m.state = 'pending' AND m.due_at <= ?1"
                            " ORDER BY 8, 1, 2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now > G_MAXINT64 - horizon ? G_MAXINT64 : now + horizon);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoDealReminder reminder = read_reminder (stmt, now);
      g_array_append_val (reminders, reminder);
    }
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&reminders);
  _co_store_set_error (store, error, _("reading what deals have due"));
  return NULL;
}

static char *
format_due (gint64 due_at)
{
  g_autoptr(GDateTime) at = NULL;

  if (due_at == 0)
    return g_strdup ("");
  at = g_date_time_new_from_unix_utc (due_at / G_USEC_PER_SEC);
  return at != NULL ? g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

/* One row: the deal's columns, then the part of its amount the row is. */
static void
append_row (GString               *out,
            const CoDeal          *deal,
            const CoDealMilestone *milestone,
            gint64                 amount)
{
  g_autofree char *deal_id = g_strdup_printf ("%" G_GINT64_FORMAT, deal->id);
  g_autofree char *total = co_money_format (deal->amount, deal->currency);
  g_autofree char *id = milestone != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT, milestone->id)
                                          : g_strdup ("");
  g_autofree char *due = format_due (milestone != NULL ? milestone->due_at : 0);
  g_autofree char *part = co_money_format (amount, deal->currency);
  g_autofree char *minor = g_strdup_printf ("%" G_GINT64_FORMAT, amount);
  const char *fields[] = {
    deal->brand, deal_id, deal->title, deal->currency, total, id,
    milestone != NULL ? milestone->title : "",
    milestone != NULL ? co_milestone_state_to_string (milestone->state) : "unallocated",
    due, part, minor,
  };

  co_csv_append_row (out, fields, G_N_ELEMENTS (fields));
}

/**
 * co_deals_payments_csv:
 * @store: the library
 * @error: return location for a #GError
 *
 * The payments report: a row per milestone of every deal (brand, deal id,
 * deal, currency, the deal's amount, milestone id, milestone, state, due,
 * amount, amount in minor units), then, for a deal whose milestones do not
 * cover its amount, a row in state “unallocated” with the rest; so each
 * deal's rows add up to its amount exactly.  Amounts are written with all
 * of their currency's decimals.
 *
 * Returns: (transfer full) (nullable): the CSV text (RFC 4180, CRLF), or
 *   %NULL with a #CoStoreError
 */
char *
co_deals_payments_csv (CoStore  *store,
                       GError  **error)
{
  const char *header[] = { "brand", "deal_id", "deal", "currency", "deal_amount", "milestone_id",
                           "milestone", "state", "due", "amount", "amount_minor" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) deals = NULL;
  g_autoptr(GArray) milestones = NULL;
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  locker = _co_store_lock (store);
  if ((deals = co_deals_list (store, error)) == NULL ||
      (milestones = co_deals_list_milestones (store, 0, error)) == NULL)
    return NULL;
  co_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < deals->len; i++)
    {
      const CoDeal *deal = &g_array_index (deals, CoDeal, i);

      for (guint k = 0; k < milestones->len; k++)
        {
          const CoDealMilestone *milestone = &g_array_index (milestones, CoDealMilestone, k);
          if (milestone->deal_id == deal->id)
            append_row (out, deal, milestone, milestone->amount);
        }
      if (deal->unallocated > 0)
        append_row (out, deal, NULL, deal->unallocated);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
