/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-workflows"

#include "config.h"

#include "co-task.h"
#include "co-workflows.h"

/* The _async/_finish pairs of what the approvals inbox does: the blocking
 * calls of co-workflows-inbox.c and co-workflows-run.c, run in a thread on
 * copies of their inputs. */

typedef struct
{
  char *approver;
} WaitingArgs;

static void
waiting_args_free (gpointer data)
{
  WaitingArgs *args = data;

  g_free (args->approver);
  g_free (args);
}

static gpointer
waiting_work (gpointer       source,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  const WaitingArgs *args = data;

  return co_workflows_list_waiting (source, args->approver, error);
}

/**
 * co_workflows_list_waiting_async:
 * @drafts: the drafts
 * @approver: (nullable): only the gates this person may decide
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_workflows_list_waiting() in a thread.
 */
void
co_workflows_list_waiting_async (CoDrafts            *drafts,
                                 const char          *approver,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  WaitingArgs *args;

  g_return_if_fail (CO_IS_DRAFTS (drafts));

  args = g_new0 (WaitingArgs, 1);
  args->approver = g_strdup (approver);
  co_task_run_async (drafts, co_workflows_list_waiting_async, waiting_work, args,
                     waiting_args_free, (GDestroyNotify) g_array_unref, cancellable, callback,
                     user_data);
}

/**
 * co_workflows_list_waiting_finish:
 * @drafts: the drafts
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoWorkflowGate) (nullable): the
 *   gates, or %NULL with @error set
 */
GArray *
co_workflows_list_waiting_finish (CoDrafts      *drafts,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return co_task_propagate (result, drafts, co_workflows_list_waiting_async, error);
}

typedef struct
{
  gint64              draft_id;
  char               *stage;
  char               *approver;
  CoWorkflowDecision  decision;
  char               *comment;
} DecideArgs;

static void
decide_args_free (gpointer data)
{
  DecideArgs *args = data;

  g_free (args->stage);
  g_free (args->approver);
  g_free (args->comment);
  g_free (args);
}

static gpointer
decide_work (gpointer       source,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  const DecideArgs *args = data;

  if (!co_workflows_decide (source, args->draft_id, args->stage, args->approver, args->decision,
                            args->comment, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/**
 * co_workflows_decide_async:
 * @drafts: the drafts
 * @draft_id: the draft waiting at a gate
 * @stage: the gate's stage
 * @approver: who decides
 * @decision: approve or reject
 * @comment: (nullable): why (a rejection needs one)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * co_workflows_decide() in a thread.
 */
void
co_workflows_decide_async (CoDrafts            *drafts,
                           gint64               draft_id,
                           const char          *stage,
                           const char          *approver,
                           CoWorkflowDecision   decision,
                           const char          *comment,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  DecideArgs *args;

  g_return_if_fail (CO_IS_DRAFTS (drafts));
  g_return_if_fail (stage != NULL && approver != NULL);

  args = g_new0 (DecideArgs, 1);
  args->draft_id = draft_id;
  args->stage = g_strdup (stage);
  args->approver = g_strdup (approver);
  args->decision = decision;
  args->comment = g_strdup (comment);
  co_task_run_async (drafts, co_workflows_decide_async, decide_work, args, decide_args_free,
                     NULL, cancellable, callback, user_data);
}

/**
 * co_workflows_decide_finish:
 * @drafts: the drafts
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: whether the decision was recorded
 */
gboolean
co_workflows_decide_finish (CoDrafts      *drafts,
                            GAsyncResult  *result,
                            GError       **error)
{
  return co_task_propagate (result, drafts, co_workflows_decide_async, error) != NULL;
}
