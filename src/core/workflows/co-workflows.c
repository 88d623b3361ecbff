/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-workflows"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-workflows-private.h"

/*
 * Workflow definitions as rows (migration 18): the workflow, its members,
 * its stages with their dependencies and approvers.  A definition is
 * validated before it is written and never changes afterwards, so a run
 * always follows the definition it started with; a changed workflow is
 * defined again under a new name.
 */

typedef struct
{
  const CoWorkflowDef *def;
  gint64               id;
} DefineCall;

static gboolean
insert_pairs (CoStore     *store,
              const char  *sql,
              gint64       id,
              const char  *first,
              char       **names,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);

  for (guint i = 0; stmt != NULL && names[i] != NULL; i++)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, first != NULL ? first : names[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, names[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, i);
      if (!_co_store_step_done (store, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }
  return stmt != NULL;
}

static gboolean
insert_stage (CoStore                *store,
              gint64                  id,
              guint                   position,
              const CoWorkflowStage  *stage,
              GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (store, "INSERT INTO workflow_stages (workflow_id, name, position,"
                            " is_gate, timeout) VALUES (?, ?, ?, ?, nullif (?, 0))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, stage->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, position);
  sqlite3_bind_int (stmt, 4, co_workflow_stage_is_gate (stage));
  sqlite3_bind_int64 (stmt, 5, stage->timeout);
  return _co_store_step_done (store, stmt, error);
}

static gboolean
define_cb (CoStore   *store,
           gpointer   data,
           GError   **error)
{
  DefineCall *call = data;
  const CoWorkflowDef *def = call->def;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (_co_workflows_find (store, def->name, NULL) != 0)
    {
      g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_EXISTS,
                   _("A workflow named “%s” exists already"), def->name);
      return FALSE;
    }
  stmt = _co_store_prepare (store, "INSERT INTO workflows (name, created_at) VALUES (?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, def->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, _co_store_now ());
  if (!_co_store_step_done (store, stmt, error))
    return FALSE;
  call->id = sqlite3_last_insert_rowid (_co_store_get_db (store));
  if (!insert_pairs (store, "INSERT INTO workflow_members VALUES (?1, ?3, ?4)", call->id, NULL,
                     def->members, error))
    return FALSE;
  /* Every stage first, then the rows that point at stages. */
  for (guint i = 0; i < def->stages->len; i++)
    if (!insert_stage (store, call->id, i, g_ptr_array_index (def->stages, i), error))
      return FALSE;
  for (guint i = 0; i < def->stages->len; i++)
    {
      CoWorkflowStage *stage = g_ptr_array_index (def->stages, i);

      if (!insert_pairs (store, "INSERT OR IGNORE INTO workflow_dependencies VALUES (?1, ?2, ?3, ?4)",
                         call->id, stage->name, stage->after, error) ||
          !insert_pairs (store, "INSERT OR IGNORE INTO workflow_approvers VALUES (?1, ?2, ?3, ?4)",
                         call->id, stage->name, stage->approvers, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * co_workflows_define:
 * @store: the library
 * @def: a definition
 * @error: return location for a #GError
 *
 * Validates @def (co_workflow_def_validate()) and stores it.
 *
 * Returns: the workflow's id, or 0 with %CO_WORKFLOW_ERROR_INVALID (the
 *   message gives the reason), %CO_WORKFLOW_ERROR_EXISTS or a #CoStoreError
 */
gint64
co_workflows_define (CoStore              *store,
                     const CoWorkflowDef  *def,
                     GError              **error)
{
  DefineCall call = { def, 0 };

  g_return_val_if_fail (CO_IS_STORE (store) && def != NULL, 0);

  if (!co_workflow_def_validate (def, error) || !_co_store_write (store, define_cb, &call, error))
    return 0;
  return call.id;
}

/* The workflow's id, or 0 with %CO_WORKFLOW_ERROR_NOT_FOUND. */
gint64
_co_workflows_find (CoStore     *store,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _co_store_prepare (store, "SELECT id FROM workflows WHERE name = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    _co_store_set_error (store, error, _("reading workflows"));
  else
    g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_FOUND,
                 _("No workflow is named “%s”"), name);
  return 0;
}

/* The names a query gives for the workflow @id (bound as ?1) and, when the
 * query takes it, the stage @stage (?2). */
static char **
load_names (CoStore     *store,
            const char  *sql,
            gint64       id,
            const char  *stage,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _co_store_prepare (store, sql, error);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (stage != NULL)
    sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *)sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    return g_strv_builder_end (names);
  _co_store_set_error (store, error, _("reading workflows"));
  return NULL;
}

static gboolean
load_stages (CoStore        *store,
             gint64          id,
             CoWorkflowDef  *def,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _co_store_prepare (store, "SELECT name, coalesce (timeout, 0) FROM workflow_stages"
                            " WHERE workflow_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      g_auto(GStrv) after = load_names (store, "SELECT after FROM workflow_dependencies"
                                        " WHERE workflow_id = ?1 AND stage = ?2 ORDER BY position",
                                        id, name, error);
      g_auto(GStrv) approvers = NULL;

      if (after == NULL ||
          (approvers = load_names (store, "SELECT approver FROM workflow_approvers WHERE"
                                   " workflow_id = ?1 AND stage = ?2 ORDER BY position",
                                   id, name, error)) == NULL)
        return FALSE;
      co_workflow_def_add_stage (def, name, (const char *const *)after,
                                 (const char *const *)approvers,
                                 sqlite3_column_int64 (stmt, 1));
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  _co_store_set_error (store, error, _("reading workflows"));
  return FALSE;
}

/* Reads the stored definition of workflow @id, called @name. */
CoWorkflowDef *
_co_workflows_load (CoStore     *store,
                    gint64       id,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (store);
  g_autoptr(CoWorkflowDef) def = co_workflow_def_new (name);

  g_strfreev (def->members);
  def->members = load_names (store, "SELECT name FROM workflow_members WHERE workflow_id = ?1"
                             " ORDER BY position", id, NULL, error);
  if (def->members == NULL || !load_stages (store, id, def, error))
    return NULL;
  return g_steal_pointer (&def);
}

/**
 * co_workflows_get:
 * @store: the library
 * @name: a workflow's name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the workflow's definition, or %NULL
 *   with %CO_WORKFLOW_ERROR_NOT_FOUND or a #CoStoreError
 */
CoWorkflowDef *
co_workflows_get (CoStore     *store,
                  const char  *name,
                  GError     **error)
{
  gint64 id;

  g_return_val_if_fail (CO_IS_STORE (store) && name != NULL, NULL);

  if ((id = _co_workflows_find (store, name, error)) == 0)
    return NULL;
  return _co_workflows_load (store, id, name, error);
}

/**
 * co_workflows_list:
 * @store: the library
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoWorkflowDef) (nullable): every
 *   workflow, by name, or %NULL with a #CoStoreError
 */
GPtrArray *
co_workflows_list (CoStore  *store,
                   GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) defs = NULL;
  int rc;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  defs = g_ptr_array_new_with_free_func ((GDestroyNotify)co_workflow_def_free);
  locker = _co_store_lock (store);
  stmt = _co_store_prepare (store, "SELECT id, name FROM workflows ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoWorkflowDef *def = _co_workflows_load (store, sqlite3_column_int64 (stmt, 0),
                                               (const char *)sqlite3_column_text (stmt, 1),
                                               error);
      if (def == NULL)
        return NULL;
      g_ptr_array_add (defs, def);
    }
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&defs);
  _co_store_set_error (store, error, _("reading workflows"));
  return NULL;
}
