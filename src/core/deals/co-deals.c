/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-deals"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-deals-private.h"

/*
 * Brand deals (migration 18): brands, the deals made with them for an
 * agreed amount, and the deliverables each deal asks for, linked to the
 * drafts that make them and due at a time.  Payment milestones are in
 * co-deal-milestones.c; reminders and the payments report in
 * co-deals-report.c.
 */

/* The longest title or brand name, in characters. */
#define TITLE_MAX_CHARS 200

/* Checks a one-line title and returns it without the spaces around it, or
 * NULL with %CO_DEAL_ERROR_INVALID naming @what. */
char *
_co_deals_check_title (const char  *what,
                       const char  *title,
                       GError     **error)
{
  g_autofree char *stripped = NULL;

  if (title != NULL && g_utf8_validate (title, -1, NULL))
    stripped = g_strstrip (g_strdup (title));
  if (stripped == NULL || stripped[0] == '\0' || strpbrk (stripped, "\r\n") != NULL ||
      g_utf8_strlen (stripped, -1) > TITLE_MAX_CHARS)
    {
      g_set_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_INVALID,
                   _("“%s” is not usable as %s: write one line of 1 to %d characters"),
                   title != NULL && g_utf8_validate (title, -1, NULL) ? title : "", what,
                   TITLE_MAX_CHARS);
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

/* Turns the end of a lookup of @what @id that found no row into
 * %CO_DEAL_ERROR_NOT_FOUND, and any other end into a #CoStoreError. */
gboolean
_co_deals_not_found (CoStore     *store,
                     int          rc,
                     const char  *what,
                     gint64       id,
                     GError     **error)
{
  if (rc == SQLITE_DONE)
    g_set_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_NOT_FOUND, _("No %s has id %lld"), what,
                 (long long)id);
  else
    _co_store_set_error (store, error, _("reading deals"));
  return FALSE;
}

static const char *const state_names[] = {
  [CO_MILESTONE_PENDING] = "pending",
  [CO_MILESTONE_COMPLETED] = "completed",
  [CO_MILESTONE_DISPUTED] = "disputed",
};

/**
 * co_milestone_state_to_string:
 * @state: a state
 *
 * Returns: its stored name: “pending”, “completed” or “disputed”
 */
const char *
co_milestone_state_to_string (CoMilestoneState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

/**
 * co_milestone_state_from_string:
 * @name: (nullable): a state's name
 * @out_state: (out): the state
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, else %FALSE with %CO_DEAL_ERROR_INVALID
 *   naming @name
 */
gboolean
co_milestone_state_from_string (const char        *name,
                                CoMilestoneState  *out_state,
                                GError           **error)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (name, state_names[i]))
      {
        *out_state = i;
        return TRUE;
      }
  g_set_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_INVALID,
               _("“%s” is not the state of a payment (pending, completed, disputed)"),
               name != NULL ? name : "");
  return FALSE;
}

/**
 * co_deals_add_brand:
 * @store: the library
 * @name: the brand's name; a brand of that name in any case is the same
 * @error: return location for a #GError
 *
 * Adds a brand, or finds the one of that name.
 *
 * Returns: its id, or 0 with %CO_DEAL_ERROR_INVALID or a #CoStoreError
 */
gint64
co_deals_add_brand (CoStore     *store,
                    const char  *name,
                    GError     **error)
{
  g_autofree char *stripped = _co_deals_check_title (_("a brand's name"), name, error);
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CO_IS_STORE (store), 0);

  if (stripped == NULL)
    return 0;
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "INSERT INTO brands (name, created_at) VALUES (?, ?)"
                            " ON CONFLICT (name) DO UPDATE SET name = name RETURNING id", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, _co_store_now ());
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _co_store_set_error (store, error, _("adding a brand"));
      return 0;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * co_deals_add:
 * @store: the library
 * @brand: the brand's name (added when new)
 * @title: what the deal is
 * @amount: the agreed amount in minor units of @currency (see
 *   co_money_parse()), from 0 to %CO_MONEY_MAX
 * @currency: an ISO 4217 code
 * @error: return location for a #GError
 *
 * Returns: the deal's id, or 0 with %CO_DEAL_ERROR_INVALID,
 *   %CO_DEAL_ERROR_BAD_AMOUNT, %CO_DEAL_ERROR_UNKNOWN_CURRENCY or a
 *   #CoStoreError
 */
gint64
co_deals_add (CoStore     *store,
              const char  *brand,
              const char  *title,
              gint64       amount,
              const char  *currency,
              GError     **error)
{
  g_autofree char *stripped = _co_deals_check_title (_("a deal's title"), title, error);
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 brand_id;

  g_return_val_if_fail (CO_IS_STORE (store), 0);

  if (stripped == NULL || !co_currency_check (currency, error))
    return 0;
  if (amount < 0 || amount > CO_MONEY_MAX)
    {
      g_set_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_BAD_AMOUNT,
                   _("%lld minor units is not an amount a deal can have"), (long long)amount);
      return 0;
    }
  locker = _co_store_lock (store);
  if ((brand_id = co_deals_add_brand (store, brand, error)) == 0)
    return 0;
  stmt = _co_store_prepare (store, "INSERT INTO deals (brand_id, title, amount, currency,"
                            " created_at) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, brand_id);
  sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, amount);
  sqlite3_bind_text (stmt, 4, currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, _co_store_now ());
  if (!_co_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_co_store_get_db (store));
}

#define DEAL_COLUMNS \
  "SELECT d.id, b.name, d.title, d.amount, d.currency, d.created_at," \
  " (SELECT count (*) FROM deal_deliverables WHERE deal_id = d.id)," \
  " (SELECT count (*) FROM deal_deliverables WHERE deal_id = d.id AND done_at IS NOT NULL)," \
  " (SELECT coalesce (sum (amount), 0) FROM deal_milestones WHERE deal_id = d.id" \
  "   AND state = 'pending')," \
  " (SELECT coalesce (sum (amount), 0) FROM deal_milestones WHERE deal_id = d.id" \
  "   AND state = 'completed')," \
  " (SELECT coalesce (sum (amount), 0) FROM deal_milestones WHERE deal_id = d.id" \
  "   AND state = 'disputed')" \
  " FROM deals d JOIN brands b ON b.id = d.brand_id"

/* Reads a row of DEAL_COLUMNS. */
gboolean
_co_deals_read (CoStore      *store,
                sqlite3_stmt *stmt,
                CoDeal       *out_deal)
{
  CoDeal deal = {
    sqlite3_column_int64 (stmt, 0), g_strdup ((const char *)sqlite3_column_text (stmt, 1)),
    g_strdup ((const char *)sqlite3_column_text (stmt, 2)), sqlite3_column_int64 (stmt, 3),
    "", sqlite3_column_int64 (stmt, 5), sqlite3_column_int (stmt, 6),
    sqlite3_column_int (stmt, 7), sqlite3_column_int64 (stmt, 8),
    sqlite3_column_int64 (stmt, 9), sqlite3_column_int64 (stmt, 10), 0,
  };

  g_strlcpy (deal.currency, (const char *)sqlite3_column_text (stmt, 4), sizeof deal.currency);
  /* The schema keeps the milestones within the amount, so this is >= 0. */
  deal.unallocated = deal.amount - deal.pending - deal.completed - deal.disputed;
  *out_deal = deal;
  return TRUE;
}

/**
 * co_deal_clear:
 * @deal: a deal filled by co_deals_get() or co_deals_list()
 *
 * Frees what @deal holds.
 */
void
co_deal_clear (CoDeal *deal)
{
  g_clear_pointer (&deal->brand, g_free);
  g_clear_pointer (&deal->title, g_free);
}

/**
 * co_deals_list:
 * @store: the library
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoDeal) (nullable): every deal,
 *   by brand then the newest first, or %NULL with a #CoStoreError
 */
GArray *
co_deals_list (CoStore  *store,
               GError  **error)
{
  g_autoptr(GArray) deals = g_array_new (FALSE, TRUE, sizeof (CoDeal));
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  g_array_set_clear_func (deals, (GDestroyNotify)co_deal_clear);
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, DEAL_COLUMNS " ORDER BY b.name COLLATE NOCASE, d.id DESC",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoDeal deal;

      _co_deals_read (store, stmt, &deal);
      g_array_append_val (deals, deal);
    }
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&deals);
  _co_store_set_error (store, error, _("reading deals"));
  return NULL;
}

/**
 * co_deals_get:
 * @store: the library
 * @id: a deal's id
 * @out_deal: (out caller-allocates): the deal; co_deal_clear() it
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with %CO_DEAL_ERROR_NOT_FOUND or a #CoStoreError
 */
gboolean
co_deals_get (CoStore     *store,
              gint64       id,
              CoDeal      *out_deal,
              GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store) && out_deal != NULL, FALSE);

  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, DEAL_COLUMNS " WHERE d.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    return _co_deals_read (store, stmt, out_deal);
  return _co_deals_not_found (store, rc, _("deal"), id, error);
}
