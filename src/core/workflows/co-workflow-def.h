/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "co-workflow-error.h"

G_BEGIN_DECLS

/**
 * CoWorkflowStage:
 * @name: the stage's name, unique in its workflow
 * @after: (array zero-terminated=1): the stages that must end before it
 * @approvers: (array zero-terminated=1) (nullable): who may decide, for an
 *   approval gate; %NULL or empty for a stage that passes by itself
 * @timeout: seconds a gate waits for a decision, or 0 for no limit
 */
typedef struct
{
  char   *name;
  char  **after;
  char  **approvers;
  gint64  timeout;
} CoWorkflowStage;

/**
 * CoWorkflowDef:
 * @name: the workflow's name
 * @members: (array zero-terminated=1): the people who may be approvers
 * @stages: (element-type CoWorkflowStage): the stages, in the order given
 *
 * A workflow as defined, before or after it is stored.
 */
typedef struct
{
  char      *name;
  char     **members;
  GPtrArray *stages;
} CoWorkflowDef;

CoWorkflowDef   *co_workflow_def_new             (const char           *name);
void             co_workflow_def_free            (CoWorkflowDef        *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoWorkflowDef, co_workflow_def_free)
CoWorkflowStage *co_workflow_def_add_stage       (CoWorkflowDef        *def,
                                                  const char           *name,
                                                  const char *const    *after,
                                                  const char *const    *approvers,
                                                  gint64                timeout);
gboolean         co_workflow_stage_is_gate       (const CoWorkflowStage *stage);
int              co_workflow_def_find_stage      (const CoWorkflowDef  *def,
                                                  const char           *name);
GArray          *co_workflow_def_find_cycle      (const CoWorkflowDef  *def);
gboolean         co_workflow_def_validate        (const CoWorkflowDef  *def,
                                                  GError              **error);
CoWorkflowDef   *co_workflow_def_new_from_json   (const char           *json,
                                                  GError              **error);
char            *co_workflow_def_to_json         (const CoWorkflowDef  *def);
gboolean         co_workflow_parse_timeout       (const char           *text,
                                                  gint64               *out_seconds,
                                                  GError              **error);
char            *co_workflow_format_timeout      (gint64                seconds);

G_END_DECLS
