/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-workflows"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-workflows-private.h"

/*
 * What the approvals inbox and a draft's history show: the gates that wait,
 * and every step of every run of a draft.
 */

static void
clear_gate (gpointer data)
{
  CoWorkflowGate *gate = data;

  g_free (gate->draft_title);
  g_free (gate->workflow);
  g_free (gate->stage);
  g_strfreev (gate->approvers);
}

static char **
load_approvers (CoStore     *store,
                gint64       run_id,
                const char  *stage,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  int rc;

  stmt = _co_store_prepare (store, "SELECT a.approver FROM workflow_runs r"
                            " JOIN workflow_approvers a ON a.workflow_id = r.workflow_id"
                            " WHERE r.id = ? AND a.stage = ? ORDER BY a.approver", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *)sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    return g_strv_builder_end (names);
  _co_store_set_error (store, error, _("reading workflow runs"));
  return NULL;
}

static GArray *
read_gates (CoStore       *store,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  g_autoptr(GArray) gates = g_array_new (FALSE, TRUE, sizeof (CoWorkflowGate));
  int rc;

  g_array_set_clear_func (gates, clear_gate);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoWorkflowGate gate = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        g_strdup ((const char *)sqlite3_column_text (stmt, 2)),
        g_strdup ((const char *)sqlite3_column_text (stmt, 3)),
        g_strdup ((const char *)sqlite3_column_text (stmt, 4)), NULL,
        sqlite3_column_int64 (stmt, 5), sqlite3_column_int64 (stmt, 6),
      };

      g_array_append_val (gates, gate);
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (store, error, _("reading workflow runs"));
      return NULL;
    }
  for (guint i = 0; i < gates->len; i++)
    {
      CoWorkflowGate *gate = &g_array_index (gates, CoWorkflowGate, i);

      if ((gate->approvers = load_approvers (store, gate->run_id, gate->stage, error)) == NULL)
        return NULL;
    }
  return g_steal_pointer (&gates);
}

/**
 * co_workflows_list_waiting:
 * @drafts: the drafts (their clock tells the time)
 * @approver: (nullable): only the gates this person may decide, or %NULL
 *   for all
 * @error: return location for a #GError
 *
 * The approvals inbox: gates waiting for a decision, the oldest first,
 * after ending runs whose time ran out (co_workflows_check_timeouts()).
 *
 * Returns: (transfer full) (element-type CoWorkflowGate) (nullable): the
 *   gates, or %NULL with a #CoStoreError
 */
GArray *
co_workflows_list_waiting (CoDrafts    *drafts,
                           const char  *approver,
                           GError     **error)
{
  CoStore *store;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CO_IS_DRAFTS (drafts), NULL);

  store = co_drafts_get_store (drafts);
  locker = _co_store_lock (store);
  co_workflows_check_timeouts (drafts, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  stmt = _co_store_prepare (store,
                            "SELECT r.id, r.draft_id, d.title, w.name, s.stage, s.started_at,"
                            " coalesce (s.deadline_at, 0)"
                            " FROM workflow_run_stages s"
                            " JOIN workflow_runs r ON r.id = s.run_id AND r.state = 'running'"
                            " JOIN workflows w ON w.id = r.workflow_id"
                            " JOIN drafts d ON d.id = r.draft_id"
                            " WHERE s.state = 'waiting' AND (?1 IS NULL OR EXISTS (SELECT 1"
                            "   FROM workflow_approvers a WHERE a.workflow_id = w.id"
                            "   AND a.stage = s.stage AND a.approver = ?1))"
                            " ORDER BY s.started_at, r.id, s.stage", error);
  if (stmt == NULL)
    return NULL;
  if (approver != NULL)
    sqlite3_bind_text (stmt, 1, approver, -1, SQLITE_TRANSIENT);
  return read_gates (store, stmt, error);
}

static void
clear_event (gpointer data)
{
  CoWorkflowEvent *event = data;

  g_free (event->workflow);
  g_free (event->stage);
  g_free (event->actor);
  g_free (event->outcome);
  g_free (event->comment);
}

/**
 * co_workflows_list_history:
 * @store: the library
 * @draft_id: a draft
 * @error: return location for a #GError
 *
 * Every step of every run of a draft, in the order they happened.
 *
 * Returns: (transfer full) (element-type CoWorkflowEvent) (nullable): the
 *   steps (none for a draft never submitted), or %NULL with a #CoStoreError
 */
GArray *
co_workflows_list_history (CoStore     *store,
                           gint64       draft_id,
                           GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (CoWorkflowEvent));
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  g_array_set_clear_func (events, clear_event);
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT h.run_id, w.name, h.stage, h.actor, h.at, h.outcome,"
                            " h.comment FROM workflow_history h"
                            " JOIN workflow_runs r ON r.id = h.run_id"
                            " JOIN workflows w ON w.id = r.workflow_id"
                            " WHERE r.draft_id = ? ORDER BY h.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoWorkflowEvent event = {
        sqlite3_column_int64 (stmt, 0), g_strdup ((const char *)sqlite3_column_text (stmt, 1)),
        g_strdup ((const char *)sqlite3_column_text (stmt, 2)),
        g_strdup ((const char *)sqlite3_column_text (stmt, 3)), sqlite3_column_int64 (stmt, 4),
        g_strdup ((const char *)sqlite3_column_text (stmt, 5)),
        g_strdup ((const char *)sqlite3_column_text (stmt, 6)),
      };

      g_array_append_val (events, event);
    }
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&events);
  _co_store_set_error (store, error, _("reading workflow history"));
  return NULL;
}
