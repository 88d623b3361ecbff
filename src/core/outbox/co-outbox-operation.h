/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * CoOutboxState:
 * @CO_OUTBOX_PENDING: waiting to be sent (now, or at its next attempt time)
 * @CO_OUTBOX_SENDING: a sender has claimed it and its request may be on the way
 * @CO_OUTBOX_DONE: the server has it; the remote id says where
 * @CO_OUTBOX_FAILED: it will not be tried again by itself: its error says why, and
 *   the user may retry or discard it
 * @CO_OUTBOX_DISCARDED: the user gave it up; kept for the record
 *
 * Stored by name (co_outbox_state_to_string()).
 */
typedef enum
{
  CO_OUTBOX_PENDING,
  CO_OUTBOX_SENDING,
  CO_OUTBOX_DONE,
  CO_OUTBOX_FAILED,
  CO_OUTBOX_DISCARDED,
} CoOutboxState;

#define CO_OUTBOX_N_STATES (CO_OUTBOX_DISCARDED + 1)

const char *co_outbox_state_to_string   (CoOutboxState  state);
gboolean    co_outbox_state_from_string (const char    *name,
                                         CoOutboxState *out_state);

#define CO_TYPE_OUTBOX_OPERATION (co_outbox_operation_get_type ())
G_DECLARE_FINAL_TYPE (CoOutboxOperation, co_outbox_operation, CO, OUTBOX_OPERATION, GObject)

gint64         co_outbox_operation_get_id              (CoOutboxOperation *self);
const char    *co_outbox_operation_get_key             (CoOutboxOperation *self);
const char    *co_outbox_operation_get_kind            (CoOutboxOperation *self);
gint64         co_outbox_operation_get_account_id      (CoOutboxOperation *self);
gint64         co_outbox_operation_get_after_id        (CoOutboxOperation *self);
const char    *co_outbox_operation_get_payload         (CoOutboxOperation *self);
JsonObject    *co_outbox_operation_dup_payload_object  (CoOutboxOperation *self);
const char    *co_outbox_operation_get_marker          (CoOutboxOperation *self);
CoOutboxState  co_outbox_operation_get_state           (CoOutboxOperation *self);
gboolean       co_outbox_operation_get_unsure          (CoOutboxOperation *self);
int            co_outbox_operation_get_attempts        (CoOutboxOperation *self);
int            co_outbox_operation_get_budget          (CoOutboxOperation *self);
gint64         co_outbox_operation_get_next_attempt_at (CoOutboxOperation *self);
gint64         co_outbox_operation_get_first_sent_at   (CoOutboxOperation *self);
const char    *co_outbox_operation_get_checkpoint      (CoOutboxOperation *self);
const char    *co_outbox_operation_get_remote_id       (CoOutboxOperation *self);
const char    *co_outbox_operation_get_remote_url      (CoOutboxOperation *self);
const char    *co_outbox_operation_get_result          (CoOutboxOperation *self);
GError        *co_outbox_operation_dup_error           (CoOutboxOperation *self);
gint64         co_outbox_operation_get_created_at      (CoOutboxOperation *self);
gint64         co_outbox_operation_get_finished_at     (CoOutboxOperation *self);
JsonNode      *co_outbox_operation_to_json             (CoOutboxOperation *self);

/**
 * CoOutboxAttempt:
 * @number: 1 for the first attempt
 * @started_at: when it began (µs since 1970, UTC)
 * @finished_at: when it ended, or 0 if it was cut short by a crash still unrecovered
 * @lookup: (nullable): what looking the operation up on the server gave: "found",
 *   "not-found" or "failed"; %NULL when it was not looked up
 * @outcome: (nullable): "sent", "found", "retry", "unsure", "failed" or
 *   "interrupted"; %NULL while it runs
 * @error: (nullable): why it did not succeed
 *
 * One try at an operation, kept so that the user can see what happened.
 */
typedef struct
{
  int     number;
  gint64  started_at;
  gint64  finished_at;
  char   *lookup;
  char   *outcome;
  GError *error;
} CoOutboxAttempt;

void co_outbox_attempt_free (CoOutboxAttempt *attempt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoOutboxAttempt, co_outbox_attempt_free)

G_END_DECLS
