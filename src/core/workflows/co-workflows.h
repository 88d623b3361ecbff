/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-drafts.h"
#include "co-store.h"
#include "co-workflow-def.h"
#include "co-workflow-error.h"

G_BEGIN_DECLS

/**
 * CoWorkflowDecision:
 * @CO_WORKFLOW_APPROVE: the gate passes
 * @CO_WORKFLOW_REJECT: the run ends and the draft goes back to Draft
 */
typedef enum
{
  CO_WORKFLOW_APPROVE,
  CO_WORKFLOW_REJECT,
} CoWorkflowDecision;

/**
 * CoWorkflowGate:
 * @run_id: the run
 * @draft_id: the draft going through it
 * @draft_title: the draft's title
 * @workflow: the workflow's name
 * @stage: the gate's name
 * @approvers: (array zero-terminated=1): who may decide
 * @started_at: since when it waits (µs since 1970, UTC)
 * @deadline_at: when it times out, or 0 for never
 *
 * A gate waiting for a decision: a row of the approvals inbox.
 */
typedef struct
{
  gint64   run_id;
  gint64   draft_id;
  char    *draft_title;
  char    *workflow;
  char    *stage;
  char   **approvers;
  gint64   started_at;
  gint64   deadline_at;
} CoWorkflowGate;

/**
 * CoWorkflowEvent:
 * @run_id: the run
 * @workflow: the workflow's name
 * @stage: (nullable): the stage, or %NULL for the run as a whole
 * @actor: who (or “workflow” for what happened by itself)
 * @at: when (µs since 1970, UTC)
 * @outcome: “submitted”, “passed”, “waiting”, “approved”, “rejected”,
 *   “timed_out” or “completed”
 * @comment: the comment given, or ""
 *
 * One step of a run, as kept in its history.
 */
typedef struct
{
  gint64  run_id;
  char   *workflow;
  char   *stage;
  char   *actor;
  gint64  at;
  char   *outcome;
  char   *comment;
} CoWorkflowEvent;

/* The actor of what a run does by itself: stages that pass, timeouts. */
#define CO_WORKFLOW_ACTOR "workflow"

gint64         co_workflows_define         (CoStore              *store,
                                            const CoWorkflowDef  *def,
                                            GError              **error);
CoWorkflowDef *co_workflows_get            (CoStore              *store,
                                            const char           *name,
                                            GError              **error);
GPtrArray     *co_workflows_list           (CoStore              *store,
                                            GError              **error);

gint64         co_workflows_submit         (CoDrafts             *drafts,
                                            const char           *workflow,
                                            gint64                draft_id,
                                            GError              **error);
gboolean       co_workflows_decide         (CoDrafts             *drafts,
                                            gint64                draft_id,
                                            const char           *stage,
                                            const char           *approver,
                                            CoWorkflowDecision    decision,
                                            const char           *comment,
                                            GError              **error);
guint          co_workflows_check_timeouts (CoDrafts             *drafts,
                                            GError              **error);
GArray        *co_workflows_list_waiting   (CoDrafts             *drafts,
                                            const char           *approver,
                                            GError              **error);
GArray        *co_workflows_list_history   (CoStore              *store,
                                            gint64                draft_id,
                                            GError              **error);

void           co_workflows_list_waiting_async  (CoDrafts            *drafts,
                                                 const char          *approver,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GArray        *co_workflows_list_waiting_finish (CoDrafts            *drafts,
                                                 GAsyncResult        *result,
                                                 GError             **error);
void           co_workflows_decide_async        (CoDrafts            *drafts,
                                                 gint64               draft_id,
                                                 const char          *stage,
                                                 const char          *approver,
                                                 CoWorkflowDecision   decision,
                                                 const char          *comment,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       co_workflows_decide_finish       (CoDrafts            *drafts,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
