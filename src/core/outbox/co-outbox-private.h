/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "co-outbox-operation.h"

G_BEGIN_DECLS

/* The columns _co_outbox_operation_new_from_row() reads, in order. */
#define CO_OUTBOX_COLUMNS \
  "id, idempotency_key, kind, account_id, after_id, payload, marker, state, unsure, " \
  "attempts, budget, next_attempt_at, first_sent_at, checkpoint, remote_id, remote_url, " \
  "result, error_domain, error_code, error_message, created_at, finished_at"

CoOutboxOperation *_co_outbox_operation_new_from_row (sqlite3_stmt *stmt);
GError            *_co_outbox_error_from_columns     (sqlite3_stmt *stmt,
                                                      int           first);

G_END_DECLS
