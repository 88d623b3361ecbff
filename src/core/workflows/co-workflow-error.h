/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CO_WORKFLOW_ERROR (co_workflow_error_quark ())

/**
 * CoWorkflowError:
 * @CO_WORKFLOW_ERROR_INVALID: a workflow definition is refused (no stages, a
 *   stage without a name or named twice, an unknown approver, an unknown
 *   dependency, a cycle, a bad timeout, malformed JSON); the message says why
 * @CO_WORKFLOW_ERROR_NOT_FOUND: no workflow has that name, or the draft has
 *   no run
 * @CO_WORKFLOW_ERROR_EXISTS: a workflow of that name is already defined
 * @CO_WORKFLOW_ERROR_ALREADY_RUNNING: the draft is already going through a
 *   workflow
 * @CO_WORKFLOW_ERROR_WRONG_STAGE: the draft is in a stage that cannot be
 *   submitted (Scheduled or Published)
 * @CO_WORKFLOW_ERROR_NOT_WAITING: no gate of the draft's run waits for a
 *   decision (or not the one named)
 * @CO_WORKFLOW_ERROR_NOT_APPROVER: the person is not an approver of the gate
 * @CO_WORKFLOW_ERROR_TIMED_OUT: the gate's time ran out before the decision
 * @CO_WORKFLOW_ERROR_INCOMPLETE: the draft lacks what the stage it would
 *   move to once approved requires; the message names it
 *
 * Codes are append-only: the command line maps them to exit codes.
 */
typedef enum
{
  CO_WORKFLOW_ERROR_INVALID,
  CO_WORKFLOW_ERROR_NOT_FOUND,
  CO_WORKFLOW_ERROR_EXISTS,
  CO_WORKFLOW_ERROR_ALREADY_RUNNING,
  CO_WORKFLOW_ERROR_WRONG_STAGE,
  CO_WORKFLOW_ERROR_NOT_WAITING,
  CO_WORKFLOW_ERROR_NOT_APPROVER,
  CO_WORKFLOW_ERROR_TIMED_OUT,
  CO_WORKFLOW_ERROR_INCOMPLETE,
} CoWorkflowError;

GQuark co_workflow_error_quark (void);

G_END_DECLS
