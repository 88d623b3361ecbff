/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CO_DRAFT_ERROR (co_draft_error_quark ())

/**
 * CoDraftError:
 * @CO_DRAFT_ERROR_NOT_FOUND: no draft has that id
 * @CO_DRAFT_ERROR_INVALID: a value is not acceptable (invalid UTF-8, an unknown
 *   stage name, a platform the draft does not target, a vault item or stored
 *   file that does not exist)
 * @CO_DRAFT_ERROR_MOVE_REFUSED: the stage move is not one of the allowed ones
 *   (one step forward, or Scheduled back to Draft)
 * @CO_DRAFT_ERROR_INCOMPLETE: the draft lacks what its stage, or the stage it
 *   is moving to, requires; the message names the field and the reason
 * @CO_DRAFT_ERROR_READ_ONLY: the draft is Published and cannot change
 *
 * Codes are append-only: the command line maps them to exit codes.
 */
typedef enum
{
  CO_DRAFT_ERROR_NOT_FOUND,
  CO_DRAFT_ERROR_INVALID,
  CO_DRAFT_ERROR_MOVE_REFUSED,
  CO_DRAFT_ERROR_INCOMPLETE,
  CO_DRAFT_ERROR_READ_ONLY,
} CoDraftError;

GQuark co_draft_error_quark (void);

G_END_DECLS
