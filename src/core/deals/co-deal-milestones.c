/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-deals"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-deals-private.h"

/*
 * Payment milestones: parts of a deal's amount, each pending, completed
 * (paid) or disputed, with every change of state kept.  Their sum never
 * passes the deal's amount; what no milestone covers yet is the deal's
 * unallocated rest, so milestones and rest always add up to the amount to
 * the minor unit.
 */

static gboolean
add_change (CoStore           *store,
            gint64             id,
            int                from,
            CoMilestoneState   to,
            const char        *actor,
            const char        *note,
            GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store, "INSERT INTO deal_milestone_history (milestone_id, from_state,"
                            " to_state, actor, at, note) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (from >= 0)
    sqlite3_bind_text (stmt, 2, co_milestone_state_to_string (from), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, co_milestone_state_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, actor != NULL ? actor : g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, _co_store_now ());
  sqlite3_bind_text (stmt, 6, note != NULL ? note : "", -1, SQLITE_TRANSIENT);
  return _co_store_step_done (store, stmt, error);
}

static gboolean
check_room (const CoDeal  *deal,
            gint64         amount,
            GError       **error)
{
  g_autofree char *asked = NULL;
  g_autofree char *left = NULL;
  g_autofree char *total = NULL;

  if (amount >= 0 && amount <= deal->unallocated)
    return TRUE;
  if (amount < 0)
    {
      g_set_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_BAD_AMOUNT,
                   _("A milestone cannot be negative"));
      return FALSE;
    }
  asked = co_money_format (amount, deal->currency);
  left = co_money_format (deal->unallocated, deal->currency);
  total = co_money_format (deal->amount, deal->currency);
  g_set_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_OVER_TOTAL,
               _("A milestone of %s %s is more than deal %lld has left to allocate: %s %s of "
                 "%s %s"), asked, deal->currency, (long long)deal->id, left, deal->currency,
               total, deal->currency);
  return FALSE;
}

static gint64
insert_milestone (CoStore     *store,
                  gint64       deal_id,
                  const char  *title,
                  gint64       amount,
                  gint64       due_at,
                  const char  *actor,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;

  stmt = _co_store_prepare (store, "INSERT INTO deal_milestones (deal_id, title, amount, due_at,"
                            " changed_at) VALUES (?, ?, ?, nullif (?, 0), ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, amount);
  sqlite3_bind_int64 (stmt, 4, due_at);
  sqlite3_bind_int64 (stmt, 5, _co_store_now ());
  if (!_co_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_co_store_get_db (store));
  return add_change (store, id, -1, CO_MILESTONE_PENDING, actor, NULL, error) ? id : 0;
}

/**
 * co_deals_add_milestone:
 * @store: the library
 * @deal_id: the deal
 * @title: what it pays for
 * @amount: in minor units of the deal's currency
 * @due_at: when it is due (µs since 1970, UTC), or 0
 * @actor: (nullable): who adds it, or %NULL for the user
 * @error: return location for a #GError
 *
 * Adds a pending milestone.
 *
 * Returns: its id, or 0 with %CO_DEAL_ERROR_NOT_FOUND,
 *   %CO_DEAL_ERROR_OVER_TOTAL (the milestones would add up to more than the
 *   deal), %CO_DEAL_ERROR_BAD_AMOUNT, %CO_DEAL_ERROR_INVALID or a
 *   #CoStoreError
 */
gint64
co_deals_add_milestone (CoStore     *store,
                        gint64       deal_id,
                        const char  *title,
                        gint64       amount,
                        gint64       due_at,
                        const char  *actor,
                        GError     **error)
{
  g_autofree char *stripped = _co_deals_check_title (_("a milestone's title"), title, error);
  g_autoptr(GRecMutexLocker) locker = NULL;
  CoDeal deal = { 0 };
  gint64 id = 0;

  g_return_val_if_fail (CO_IS_STORE (store), 0);

  if (stripped == NULL)
    return 0;
  locker = _co_store_lock (store);
  if (!_co_store_begin (store, error))
    return 0;
  if (co_deals_get (store, deal_id, &deal, error) && check_room (&deal, amount, error))
    id = insert_milestone (store, deal_id, stripped, amount, due_at, actor, error);
  co_deal_clear (&deal);
  if (id == 0 || !_co_store_commit (store, error))
    {
      if (id == 0)
        _co_store_rollback (store);
      return 0;
    }
  return id;
}

static gboolean
split (CoStore     *store,
       const CoDeal *deal,
       guint        n_parts,
       const char  *actor,
       GError     **error)
{
  g_autofree gint64 *parts = g_new (gint64, n_parts);

  co_money_split (deal->unallocated, n_parts, parts);
  for (guint i = 0; i < n_parts; i++)
    {
      g_autofree char *title = g_strdup_printf (_("Payment %u of %u"), i + 1, n_parts);

      if (insert_milestone (store, deal->id, title, parts[i], 0, actor, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * co_deals_split_milestones:
 * @store: the library
 * @deal_id: the deal
 * @n_parts: how many milestones, 1 to 1000
 * @actor: (nullable): who adds them, or %NULL for the user
 * @error: return location for a #GError
 *
 * Adds @n_parts pending milestones that share what the deal has left to
 * allocate: they differ by at most one minor unit and add up to it
 * exactly.
 *
 * Returns: %TRUE, or %FALSE with %CO_DEAL_ERROR_NOT_FOUND,
 *   %CO_DEAL_ERROR_INVALID or a #CoStoreError
 */
gboolean
co_deals_split_milestones (CoStore     *store,
                           gint64       deal_id,
                           guint        n_parts,
                           const char  *actor,
                           GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  CoDeal deal = { 0 };
  gboolean ok;

  g_return_val_if_fail (CO_IS_STORE (store), FALSE);

  if (n_parts < 1 || n_parts > 1000)
    {
      g_set_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_INVALID,
                   _("%u is not a number of milestones: give 1 to 1000"), n_parts);
      return FALSE;
    }
  locker = _co_store_lock (store);
  if (!_co_store_begin (store, error))
    return FALSE;
  ok = co_deals_get (store, deal_id, &deal, error) && split (store, &deal, n_parts, actor, error);
  co_deal_clear (&deal);
  if (!ok)
    {
      _co_store_rollback (store);
      return FALSE;
    }
  return _co_store_commit (store, error);
}

static gboolean
read_state (sqlite3_stmt     *stmt,
            int               column,
            CoMilestoneState *out_state)
{
  /* NULL: the schema's CHECK keeps stored names valid. */
  return co_milestone_state_from_string ((const char *)sqlite3_column_text (stmt, column),
                                         out_state, NULL);
}

static gboolean
change_state (CoStore           *store,
              gint64             id,
              CoMilestoneState   state,
              const char        *actor,
              const char        *note,
              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CoMilestoneState from = CO_MILESTONE_PENDING;
  int rc;

  stmt = _co_store_prepare (store, "SELECT state FROM deal_milestones WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return _co_deals_not_found (store, rc, _("milestone"), id, error);
  read_state (stmt, 0, &from);
  g_clear_pointer (&stmt, _co_stmt_release);
  if (from == state)
    return TRUE;
  stmt = _co_store_prepare (store, "UPDATE deal_milestones SET state = ?, changed_at = ?"
                            " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, co_milestone_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, _co_store_now ());
  sqlite3_bind_int64 (stmt, 3, id);
  return _co_store_step_done (store, stmt, error) &&
         add_change (store, id, from, state, actor, note, error);
}

/**
 * co_deals_set_milestone_state:
 * @store: the library
 * @id: a milestone
 * @state: its new state
 * @actor: (nullable): who changes it, or %NULL for the user
 * @note: (nullable): why
 * @error: return location for a #GError
 *
 * Changes a milestone's state and keeps the change in its history.
 * Setting the state it has changes nothing.
 *
 * Returns: %TRUE, or %FALSE with %CO_DEAL_ERROR_NOT_FOUND,
 *   %CO_DEAL_ERROR_INVALID (a note that is not UTF-8) or a #CoStoreError
 */
gboolean
co_deals_set_milestone_state (CoStore           *store,
                              gint64             id,
                              CoMilestoneState   state,
                              const char        *actor,
                              const char        *note,
                              GError           **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_STORE (store) && state <= CO_MILESTONE_DISPUTED, FALSE);

  if (note != NULL && !g_utf8_validate (note, -1, NULL))
    {
      g_set_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_INVALID,
                   _("The note on milestone %lld must be UTF-8 text"), (long long)id);
      return FALSE;
    }
  locker = _co_store_lock (store);
  if (!_co_store_begin (store, error))
    return FALSE;
  if (!change_state (store, id, state, actor, note, error))
    {
      _co_store_rollback (store);
      return FALSE;
    }
  return _co_store_commit (store, error);
}

static void
clear_milestone (gpointer data)
{
  g_free (((CoDealMilestone *)data)->title);
}

/**
 * co_deals_list_milestones:
 * @store: the library
 * @deal_id: a deal, or 0 for the milestones of every deal
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoDealMilestone) (nullable): the
 *   milestones in the order they were added, or %NULL with a #CoStoreError
 */
GArray *
co_deals_list_milestones (CoStore     *store,
                          gint64       deal_id,
                          GError     **error)
{
  g_autoptr(GArray) milestones = g_array_new (FALSE, TRUE, sizeof (CoDealMilestone));
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  g_array_set_clear_func (milestones, clear_milestone);
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT id, deal_id, title, amount, coalesce (due_at, 0),"
                            " state, changed_at FROM deal_milestones"
                            " WHERE ?1 = 0 OR deal_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoDealMilestone milestone = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        g_strdup ((const char *)sqlite3_column_text (stmt, 2)), sqlite3_column_int64 (stmt, 3),
        sqlite3_column_int64 (stmt, 4), CO_MILESTONE_PENDING, sqlite3_column_int64 (stmt, 6),
      };

      read_state (stmt, 5, &milestone.state);
      g_array_append_val (milestones, milestone);
    }
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&milestones);
  _co_store_set_error (store, error, _("reading payment milestones"));
  return NULL;
}

static void
clear_change (gpointer data)
{
  CoDealChange *change = data;

  g_free (change->actor);
  g_free (change->note);
}

/**
 * co_deals_list_milestone_history:
 * @store: the library
 * @id: a milestone
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoDealChange) (nullable): every
 *   change of the milestone's state, the oldest (its adding) first, or
 *   %NULL with %CO_DEAL_ERROR_NOT_FOUND or a #CoStoreError
 */
GArray *
co_deals_list_milestone_history (CoStore     *store,
                                 gint64       id,
                                 GError     **error)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (CoDealChange));
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  g_array_set_clear_func (changes, clear_change);
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT from_state, to_state, actor, at, note"
                            " FROM deal_milestone_history WHERE milestone_id = ? ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoMilestoneState from = CO_MILESTONE_PENDING;
      CoDealChange change = { -1, CO_MILESTONE_PENDING,
                              g_strdup ((const char *)sqlite3_column_text (stmt, 2)),
                              sqlite3_column_int64 (stmt, 3),
                              g_strdup ((const char *)sqlite3_column_text (stmt, 4)) };

      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL && read_state (stmt, 0, &from))
        change.from = from;
      read_state (stmt, 1, &change.to);
      g_array_append_val (changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("reading payment milestones"));
      return NULL;
    }
  if (changes->len == 0)
    {
      _co_deals_not_found (store, SQLITE_DONE, _("milestone"), id, error);
      return NULL;
    }
  return g_steal_pointer (&changes);
}
