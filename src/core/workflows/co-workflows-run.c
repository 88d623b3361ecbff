/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-workflows"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-drafts-private.h"
#include "co-workflows-private.h"

/*
 * Runs: a draft going through a workflow.  Submitting starts every stage
 * whose dependencies have ended; a plain stage passes at once, a gate waits
 * for one of its approvers.  An approval lets the stages after it start;
 * when every stage has ended the run is completed and the draft moves one
 * stage forward.  A rejection, or a gate whose time runs out, ends the run
 * and sends a draft that went past Draft back to it.  Every step is a row
 * of the run's history.  Time is the drafts' clock (co_drafts_now()), which
 * tests set; timeouts are recorded when they are checked, at the time of
 * the check.
 */

typedef enum
{
  ST_PENDING,
  ST_WAITING,
  ST_PASSED,
  ST_APPROVED,
  ST_REJECTED,
  ST_TIMED_OUT,
} StageState;

static const char *const state_names[] = {
  [ST_PENDING] = "pending",
  [ST_WAITING] = "waiting",
  [ST_PASSED] = "passed",
  [ST_APPROVED] = "approved",
  [ST_REJECTED] = "rejected",
  [ST_TIMED_OUT] = "timed_out",
};

typedef struct
{
  CoDrafts      *drafts;
  CoStore       *store;
  gint64         id;
  gint64         draft_id;
  CoDraftStage   draft_stage;
  CoWorkflowDef *def;
  StageState    *states;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->def, co_workflow_def_free);
  g_clear_pointer (&run->states, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static gboolean
add_history (Run         *run,
             const char  *stage,
             const char  *actor,
             const char  *outcome,
             const char  *comment,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (run->store, "INSERT INTO workflow_history (run_id, stage, actor, at,"
                            " outcome, comment) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->id);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, co_drafts_now (run->drafts));
  sqlite3_bind_text (stmt, 5, outcome, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, comment != NULL ? comment : "", -1, SQLITE_TRANSIENT);
  return _co_store_step_done (run->store, stmt, error);
}

/* Writes stage @i's new state: a stage that starts waiting gets its
 * deadline, one that ends its end. */
static gboolean
set_stage (Run         *run,
           guint        i,
           StageState   state,
           GError     **error)
{
  CoWorkflowStage *stage = g_ptr_array_index (run->def->stages, i);
  gint64 now = co_drafts_now (run->drafts);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (run->store,
                            "UPDATE workflow_run_stages SET state = ?3,"
                            " started_at = CASE WHEN ?3 = 'waiting' THEN ?4 ELSE started_at END,"
                            " deadline_at = CASE WHEN ?3 = 'waiting' AND ?5 > 0"
                            "   THEN ?4 + ?5 * 1000000 ELSE deadline_at END,"
                            " ended_at = CASE WHEN ?3 = 'waiting' THEN NULL ELSE ?4 END"
                            " WHERE run_id = ?1 AND stage = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->id);
  sqlite3_bind_text (stmt, 2, stage->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, state_names[state], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, stage->timeout);
  run->states[i] = state;
  return _co_store_step_done (run->store, stmt, error);
}

static gboolean
set_run_state (Run         *run,
               const char  *state,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (run->store, "UPDATE workflow_runs SET state = ?, ended_at = ?"
                            " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, co_drafts_now (run->drafts));
  sqlite3_bind_int64 (stmt, 3, run->id);
  return _co_store_step_done (run->store, stmt, error);
}

static gboolean
has_ended (StageState state)
{
  return state == ST_PASSED || state == ST_APPROVED;
}

static gboolean
is_ready (Run  *run,
          guint i)
{
  CoWorkflowStage *stage = g_ptr_array_index (run->def->stages, i);

  if (run->states[i] != ST_PENDING)
    return FALSE;
  for (guint k = 0; stage->after[k] != NULL; k++)
    if (!has_ended (run->states[co_workflow_def_find_stage (run->def, stage->after[k])]))
      return FALSE;
  return TRUE;
}

/* The run's last step: the draft moves one stage forward, unless someone
 * moved it by hand while it waited. */
static gboolean
complete (Run     *run,
          GError **error)
{
  g_autoptr(CoDraft) draft = co_drafts_get (run->drafts, run->draft_id, error);

  if (draft == NULL)
    return FALSE;
  if (co_draft_get_stage (draft) == run->draft_stage &&
      !co_drafts_move (run->drafts, run->draft_id, run->draft_stage + 1, error))
    return FALSE;
  return set_run_state (run, "completed", error) &&
         add_history (run, NULL, CO_WORKFLOW_ACTOR, "completed", NULL, error);
}

/* Starts every stage whose dependencies have ended, again and again, since
 * a stage that passes at once may let others start; completes the run when
 * every stage has ended. */
static gboolean
advance (Run     *run,
         GError **error)
{
  gboolean started = TRUE;
  guint n_ended = 0;

  while (started)
    {
      started = FALSE;
      for (guint i = 0; i < run->def->stages->len; i++)
        {
          CoWorkflowStage *stage = g_ptr_array_index (run->def->stages, i);
          gboolean gate = co_workflow_stage_is_gate (stage);

          if (!is_ready (run, i))
            continue;
          if (!set_stage (run, i, gate ? ST_WAITING : ST_PASSED, error) ||
              !add_history (run, stage->name, CO_WORKFLOW_ACTOR, gate ? "waiting" : "passed",
                            NULL, error))
            return FALSE;
          started = TRUE;
        }
    }
  for (guint i = 0; i < run->def->stages->len; i++)
    n_ended += has_ended (run->states[i]);
  return n_ended < run->def->stages->len || complete (run, error);
}

/* A draft that went past Draft goes back to it; a Saved one stays. */
static gboolean
return_to_draft (Run     *run,
                 GError **error)
{
  g_autoptr(CoDraft) draft = co_drafts_get (run->drafts, run->draft_id, error);

  if (draft == NULL)
    return FALSE;
  if (co_draft_get_stage (draft) != CO_DRAFT_STAGE_SCHEDULED)
    return TRUE;
  return co_drafts_move (run->drafts, run->draft_id, CO_DRAFT_STAGE_DRAFT, error);
}

static gboolean
load_states (Run     *run,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  run->states = g_new0 (StageState, run->def->stages->len);
  stmt = _co_store_prepare (run->store, "SELECT stage, state FROM workflow_run_stages"
                            " WHERE run_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = co_workflow_def_find_stage (run->def, (const char *)sqlite3_column_text (stmt, 0));
      const char *state = (const char *)sqlite3_column_text (stmt, 1);

      for (guint s = 0; i >= 0 && s < G_N_ELEMENTS (state_names); s++)
        if (g_str_equal (state, state_names[s]))
          run->states[i] = s;
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  _co_store_set_error (run->store, error, _("reading workflow runs"));
  return FALSE;
}

/* Loads the run @id, or the draft's running run when @id is 0 (setting
 * nothing and returning %TRUE when there is none). */
static gboolean
load_run (Run     *run,
          gint64   id,
          GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  gint64 workflow_id;
  int rc;

  stmt = _co_store_prepare (run->store,
                            "SELECT r.id, r.draft_id, r.draft_stage, w.id, w.name"
                            " FROM workflow_runs r JOIN workflows w ON w.id = r.workflow_id"
                            " WHERE (?1 <> 0 AND r.id = ?1)"
                            "    OR (?1 = 0 AND r.draft_id = ?2 AND r.state = 'running')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, run->draft_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        _co_store_set_error (run->store, error, _("reading workflow runs"));
      return rc == SQLITE_DONE;
    }
  run->id = sqlite3_column_int64 (stmt, 0);
  run->draft_id = sqlite3_column_int64 (stmt, 1);
  co_draft_stage_from_string ((const char *)sqlite3_column_text (stmt, 2), &run->draft_stage,
                              NULL); /* NULL: the schema's CHECK on drafts keeps names valid */
  workflow_id = sqlite3_column_int64 (stmt, 3);
  name = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  g_clear_pointer (&stmt, _co_stmt_release);
  return (run->def = _co_workflows_load (run->store, workflow_id, name, error)) != NULL &&
         load_states (run, error);
}

static gboolean
check_submittable (CoDrafts  *drafts,
                   CoDraft   *draft,
                   GError   **error)
{
  CoDraftStage stage = co_draft_get_stage (draft);
  g_autofree char *missing = NULL;

  if (stage != CO_DRAFT_STAGE_SAVED && stage != CO_DRAFT_STAGE_DRAFT)
    {
      g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_WRONG_STAGE,
                   _("Draft %lld is %s; only a Saved draft or a Draft can be submitted"),
                   (long long)co_draft_get_id (draft), co_draft_stage_display_name (stage));
      return FALSE;
    }
  /* Once approved it moves forward, so it must have what that needs now
   * (a time that passes meanwhile is the one thing this cannot foresee). */
  missing = _co_drafts_find_missing (draft, stage + 1, co_drafts_now (drafts), FALSE);
  if (missing == NULL)
    return TRUE;
  g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INCOMPLETE,
               _("Draft %lld cannot be submitted: once approved it moves to %s, and %s"),
               (long long)co_draft_get_id (draft), co_draft_stage_display_name (stage + 1),
               missing);
  return FALSE;
}

static gboolean
insert_run (Run         *run,
            gint64       workflow_id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (run->store, "INSERT INTO workflow_runs (workflow_id, draft_id, state,"
                            " draft_stage, submitted_by, started_at)"
                            " VALUES (?, ?, 'running', ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, workflow_id);
  sqlite3_bind_int64 (stmt, 2, run->draft_id);
  sqlite3_bind_text (stmt, 3, co_draft_stage_to_string (run->draft_stage), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, co_drafts_get_actor (run->drafts), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, co_drafts_now (run->drafts));
  if (!_co_store_step_done (run->store, stmt, error))
    return FALSE;
  run->id = sqlite3_last_insert_rowid (_co_store_get_db (run->store));
  g_clear_pointer (&stmt, _co_stmt_release);
  stmt = _co_store_prepare (run->store, "INSERT INTO workflow_run_stages (run_id, stage, state)"
                            " SELECT ?, name, 'pending' FROM workflow_stages"
                            " WHERE workflow_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->id);
  sqlite3_bind_int64 (stmt, 2, workflow_id);
  run->states = g_new0 (StageState, run->def->stages->len);
  return _co_store_step_done (run->store, stmt, error) &&
         add_history (run, NULL, co_drafts_get_actor (run->drafts), "submitted", NULL, error);
}

typedef struct
{
  Run                 run;
  const char         *workflow;
  const char         *stage;
  const char         *approver;
  CoWorkflowDecision  decision;
  const char         *comment;
  guint               n_timed_out;
} Call;

static void
call_clear (Call *call)
{
  run_clear (&call->run);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Call, call_clear)

/* _co_store_write() may call a function twice: each starts afresh. */
static void
call_restart (Call *call)
{
  run_clear (&call->run);
  call->run.id = 0;
  call->n_timed_out = 0;
}

static gboolean
check_not_running (Run     *run,
                   GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _co_store_prepare (run->store, "SELECT w.name FROM workflow_runs r JOIN workflows w"
                            " ON w.id = r.workflow_id WHERE r.draft_id = ? AND r.state = 'running'",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->draft_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_ALREADY_RUNNING,
                 _("Draft %lld is already going through workflow “%s”"),
                 (long long)run->draft_id, (const char *)sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    _co_store_set_error (run->store, error, _("reading workflow runs"));
  return rc == SQLITE_DONE;
}

static gboolean
submit_cb (CoStore   *store,
           gpointer   data,
           GError   **error)
{
  Call *call = data;
  Run *run = &call->run;
  g_autoptr(CoDraft) draft = NULL;
  gint64 workflow_id;

  call_restart (call);
  if ((workflow_id = _co_workflows_find (store, call->workflow, error)) == 0 ||
      (run->def = _co_workflows_load (store, workflow_id, call->workflow, error)) == NULL ||
      (draft = co_drafts_get (run->drafts, run->draft_id, error)) == NULL ||
      !check_submittable (run->drafts, draft, error) || !check_not_running (run, error))
    return FALSE;
  run->draft_stage = co_draft_get_stage (draft);
  return insert_run (run, workflow_id, error) && advance (run, error);
}

/**
 * co_workflows_submit:
 * @drafts: the drafts (their actor submits; their clock tells the time)
 * @workflow: the workflow's name
 * @draft_id: a Saved draft or a Draft
 * @error: return location for a #GError
 *
 * Starts the draft through the workflow: stages without approvers pass at
 * once, in the order of their dependencies, and gates start waiting.  A
 * workflow without gates completes at once.
 *
 * Returns: the run's id, or 0 with %CO_WORKFLOW_ERROR_NOT_FOUND,
 *   %CO_WORKFLOW_ERROR_WRONG_STAGE, %CO_WORKFLOW_ERROR_INCOMPLETE (the
 *   draft lacks what approval would move it to),
 *   %CO_WORKFLOW_ERROR_ALREADY_RUNNING, %CO_DRAFT_ERROR_NOT_FOUND or a
 *   #CoStoreError
 */
gint64
co_workflows_submit (CoDrafts    *drafts,
                     const char  *workflow,
                     gint64       draft_id,
                     GError     **error)
{
  g_auto(Call) call = { { drafts, co_drafts_get_store (drafts), 0, draft_id }, workflow };

  g_return_val_if_fail (CO_IS_DRAFTS (drafts) && workflow != NULL, 0);

  if (!_co_store_write (call.run.store, submit_cb, &call, error))
    return 0;
  return call.run.id;
}

/* Ends the run at gate @i, which timed out or was rejected. */
static gboolean
end_at_gate (Run         *run,
             guint        i,
             StageState   state,
             const char  *actor,
             const char  *comment,
             GError     **error)
{
  CoWorkflowStage *stage = g_ptr_array_index (run->def->stages, i);

  return set_stage (run, i, state, error) &&
         set_run_state (run, state_names[state], error) &&
         add_history (run, stage->name, actor, state_names[state], comment, error) &&
         return_to_draft (run, error);
}

static gboolean
time_out_run (Call    *call,
              gint64   run_id,
              GError **error)
{
  g_auto(Run) run = { call->run.drafts, call->run.store };

  if (!load_run (&run, run_id, error))
    return FALSE;
  for (guint i = 0; i < run.def->stages->len; i++)
    {
      CoWorkflowStage *stage = g_ptr_array_index (run.def->stages, i);
      g_autofree char *period = NULL;
      g_autofree char *comment = NULL;

      if (run.states[i] != ST_WAITING || stage->timeout == 0)
        continue;
      period = co_workflow_format_timeout (stage->timeout);
      comment = g_strdup_printf (_("No decision within %s"), period);
      call->n_timed_out++;
      return end_at_gate (&run, i, ST_TIMED_OUT, CO_WORKFLOW_ACTOR, comment, error);
    }
  return TRUE;
}

/* Ends every run with a gate whose deadline has come: the first such gate
 * of each run (by the order of the stages) is the one recorded. */
static gboolean
time_out (Call    *call,
          GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = _co_store_prepare (call->run.store,
                            "SELECT DISTINCT s.run_id FROM workflow_run_stages s"
                            " JOIN workflow_runs r ON r.id = s.run_id AND r.state = 'running'"
                            " WHERE s.state = 'waiting' AND s.deadline_at <= ?"
                            " ORDER BY s.run_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, co_drafts_now (call->run.drafts));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (runs, id);
    }
  if (rc != SQLITE_DONE)
    {
      _co_store_set_error (call->run.store, error, _("reading workflow runs"));
      return FALSE;
    }
  g_clear_pointer (&stmt, _co_stmt_release);
  for (guint k = 0; k < runs->len; k++)
    if (!time_out_run (call, g_array_index (runs, gint64, k), error))
      return FALSE;
  return TRUE;
}

static gboolean
time_out_cb (CoStore   *store,
             gpointer   data,
             GError   **error)
{
  call_restart (data);
  return time_out (data, error);
}

/**
 * co_workflows_check_timeouts:
 * @drafts: the drafts (their clock tells the time)
 * @error: return location for a #GError
 *
 * Ends every run with a gate whose time has run out: the gate and the run
 * are recorded as timed out, at the time of this check, and the draft goes
 * back to Draft as after a rejection.  co_workflows_decide() and
 * co_workflows_list_waiting() check first, so a decision never lands on a
 * gate whose time is over.
 *
 * Returns: how many runs timed out; 0 with @error set on a #CoStoreError
 */
guint
co_workflows_check_timeouts (CoDrafts  *drafts,
                             GError   **error)
{
  g_auto(Call) call = { { drafts, co_drafts_get_store (drafts) } };

  g_return_val_if_fail (CO_IS_DRAFTS (drafts), 0);

  if (!_co_store_write (call.run.store, time_out_cb, &call, error))
    return 0;
  return call.n_timed_out;
}

static gboolean
explain_not_waiting (Run         *run,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (run->store, "SELECT h.stage, h.at FROM workflow_runs r"
                            " JOIN workflow_history h ON h.run_id = r.id"
                            " WHERE r.draft_id = ? AND h.outcome = 'timed_out'"
                            " AND r.id = (SELECT max (id) FROM workflow_runs WHERE draft_id = ?1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->draft_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 1) /
                                                               G_USEC_PER_SEC);
      g_autofree char *when = g_date_time_format_iso8601 (at);

      g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_TIMED_OUT,
                   _("Stage “%s” of draft %lld timed out at %s; submit the draft again"),
                   (const char *)sqlite3_column_text (stmt, 0), (long long)run->draft_id, when);
      return FALSE;
    }
  g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_WAITING,
               _("Draft %lld is not going through a workflow"), (long long)run->draft_id);
  return FALSE;
}

/* The gate to decide: the one named, or the only one waiting. */
static int
pick_gate (Run         *run,
           const char  *name,
           GError     **error)
{
  g_autoptr(GString) waiting = g_string_new (NULL);
  int found = -1;
  guint n = 0;

  for (guint i = 0; i < run->def->stages->len; i++)
    {
      CoWorkflowStage *stage = g_ptr_array_index (run->def->stages, i);

      if (run->states[i] != ST_WAITING)
        continue;
      g_string_append_printf (waiting, "%s“%s”", n++ > 0 ? ", " : "", stage->name);
      if (name == NULL || g_str_equal (name, stage->name))
        found = i;
    }
  if (found >= 0 && (name != NULL || n == 1))
    return found;
  if (name != NULL)
    g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_WAITING,
                 _("Stage “%s” of draft %lld does not wait for a decision; waiting: %s"), name,
                 (long long)run->draft_id, waiting->str);
  else
    g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_WAITING,
                 _("Several stages of draft %lld wait for a decision; name one of %s"),
                 (long long)run->draft_id, waiting->str);
  return -1;
}

static gboolean
check_decision (Call                   *call,
                const CoWorkflowStage  *stage,
                GError                **error)
{
  g_autofree char *comment = g_strstrip (g_strdup (call->comment != NULL ? call->comment : ""));

  if (!g_strv_contains ((const char *const *)stage->approvers, call->approver))
    {
      g_autofree char *who = g_strjoinv (", ", stage->approvers);
      g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_APPROVER,
                   _("“%s” is not an approver of stage “%s” (approvers: %s)"), call->approver,
                   stage->name, who);
      return FALSE;
    }
  if (call->decision == CO_WORKFLOW_REJECT && comment[0] == '\0')
    {
      g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INVALID,
                   _("Rejecting stage “%s” needs a comment that says why"), stage->name);
      return FALSE;
    }
  if (!g_utf8_validate (call->comment != NULL ? call->comment : "", -1, NULL))
    {
      g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INVALID,
                   _("The comment on stage “%s” must be UTF-8 text"), stage->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
decide_cb (CoStore   *store,
           gpointer   data,
           GError   **error)
{
  Call *call = data;
  Run *run = &call->run;
  CoWorkflowStage *stage;
  int i;

  call_restart (call);
  if (!load_run (run, 0, error))
    return FALSE;
  if (run->id == 0)
    return explain_not_waiting (run, error);
  if ((i = pick_gate (run, call->stage, error)) < 0)
    return FALSE;
  stage = g_ptr_array_index (run->def->stages, i);
  if (!check_decision (call, stage, error))
    return FALSE;
  if (call->decision == CO_WORKFLOW_REJECT)
    return end_at_gate (run, i, ST_REJECTED, call->approver, call->comment, error);
  return set_stage (run, i, ST_APPROVED, error) &&
         add_history (run, stage->name, call->approver, "approved", call->comment, error) &&
         advance (run, error);
}

/**
 * co_workflows_decide:
 * @drafts: the drafts (their clock tells the time)
 * @draft_id: a draft going through a workflow
 * @stage: (nullable): the gate, or %NULL when only one waits
 * @approver: who decides: one of the gate's approvers
 * @decision: approve or reject
 * @comment: (nullable): why; a rejection needs one
 * @error: return location for a #GError
 *
 * Records a decision at a waiting gate, after ending runs whose time ran
 * out (co_workflows_check_timeouts()).  An approval starts the stages that
 * waited for it and, when it was the last, completes the run: the draft
 * moves one stage forward (a Saved draft to Draft, a Draft to Scheduled).
 * A rejection ends the run and sends a Scheduled draft back to Draft.
 *
 * Returns: %TRUE when recorded, else %FALSE with
 *   %CO_WORKFLOW_ERROR_NOT_WAITING, %CO_WORKFLOW_ERROR_TIMED_OUT,
 *   %CO_WORKFLOW_ERROR_NOT_APPROVER, %CO_WORKFLOW_ERROR_INVALID (a rejection
 *   without a comment), a #CoDraftError when the draft cannot move (a time
 *   that passed while it waited) or a #CoStoreError; nothing is recorded
 */
gboolean
co_workflows_decide (CoDrafts            *drafts,
                     gint64               draft_id,
                     const char          *stage,
                     const char          *approver,
                     CoWorkflowDecision   decision,
                     const char          *comment,
                     GError             **error)
{
  g_auto(Call) call = { { drafts, co_drafts_get_store (drafts), 0, draft_id }, NULL, stage,
                        approver, decision, comment };
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CO_IS_DRAFTS (drafts) && approver != NULL, FALSE);

  co_workflows_check_timeouts (drafts, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return _co_store_write (call.run.store, decide_cb, &call, error);
}
