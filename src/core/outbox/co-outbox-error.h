/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The errors of the outbox's table and state machine. */

#define CO_OUTBOX_ERROR (co_outbox_error_quark ())

/**
 * CoOutboxError:
 * @CO_OUTBOX_ERROR_NOT_FOUND: no operation has that id
 * @CO_OUTBOX_ERROR_WRONG_STATE: the operation is not in a state that allows this
 *   (retrying one that is done, discarding one being sent)
 * @CO_OUTBOX_ERROR_INVALID: an operation cannot be queued as given (no kind, a
 *   payload that is not a JSON object, a key already used by another kind)
 * @CO_OUTBOX_ERROR_BUSY: another CreatorOps process is sending this library's outbox
 * @CO_OUTBOX_ERROR_UNSUPPORTED: no handler here knows how to send this kind of
 *   operation
 */
typedef enum
{
  CO_OUTBOX_ERROR_NOT_FOUND,
  CO_OUTBOX_ERROR_WRONG_STATE,
  CO_OUTBOX_ERROR_INVALID,
  CO_OUTBOX_ERROR_BUSY,
  CO_OUTBOX_ERROR_UNSUPPORTED,
} CoOutboxError;

GQuark co_outbox_error_quark (void);

G_END_DECLS
