/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-outbox-error.h"
#include "co-outbox-operation.h"
#include "co-store.h"

G_BEGIN_DECLS

/*
 * The outbox: every operation that must reach the network is a row, written
 * before its first request leaves, so that it survives a quit or a crash and is
 * sent exactly once.  This is its table and state machine; sync/outbox sends.
 *
 *   pending ──claim──▶ sending ──▶ done
 *      ▲                  │
 *      └── retry / unsure ┤──▶ failed ──retry──▶ pending
 *                         │       └──discard──▶ discarded
 *
 * An attempt that may have reached the server without an answer (a timeout, a
 * dropped connection, a crash while sending) leaves the operation "unsure":
 * before it is sent again, the server is asked whether it already has it.
 */

/* Attempts an operation gets before it fails, unless its request says otherwise. */
#define CO_OUTBOX_DEFAULT_ATTEMPTS 5

/**
 * CoOutboxRequest:
 * @kind: what the operation does ("x.post"); picks its handler
 * @payload: what the handler needs, a JSON object as text.  Never a secret: tokens
 *   are fetched from the keyring when the operation is sent
 * @key: (nullable): the idempotency key; %NULL makes a new random one.  Queuing the
 *   same key twice gives back the first operation
 * @marker: (nullable): what identifies the result on the server, for look-ups
 * @account_id: the account it is sent as, or 0
 * @after_id: an operation that must be done first, or 0
 * @max_attempts: attempts before it fails, or 0 for %CO_OUTBOX_DEFAULT_ATTEMPTS
 * @not_before: when it is due (µs since 1970, UTC); 0 for at once
 *
 * What co_outbox_enqueue() queues.
 */
typedef struct
{
  const char *kind;
  const char *payload;
  const char *key;
  const char *marker;
  gint64      account_id;
  gint64      after_id;
  int         max_attempts;
  gint64      not_before;
} CoOutboxRequest;

/* A mask of states for co_outbox_list(). */
#define CO_OUTBOX_STATE_BIT(state) (1u << (state))
#define CO_OUTBOX_OPEN_STATES \
  (CO_OUTBOX_STATE_BIT (CO_OUTBOX_PENDING) | CO_OUTBOX_STATE_BIT (CO_OUTBOX_SENDING) | \
   CO_OUTBOX_STATE_BIT (CO_OUTBOX_FAILED))

typedef struct _CoOutboxLock CoOutboxLock;

#define CO_TYPE_OUTBOX (co_outbox_get_type ())
G_DECLARE_FINAL_TYPE (CoOutbox, co_outbox, CO, OUTBOX, GObject)

CoOutbox          *co_outbox_new               (CoStore                *store);
CoStore           *co_outbox_get_store         (CoOutbox               *self);
CoOutboxOperation *co_outbox_enqueue           (CoOutbox               *self,
                                                const CoOutboxRequest  *request,
                                                gint64                  now,
                                                GError                **error);
CoOutboxOperation *co_outbox_get               (CoOutbox               *self,
                                                gint64                  id,
                                                GError                **error);
GListModel        *co_outbox_list              (CoOutbox               *self,
                                                guint                   states,
                                                GError                **error);
GPtrArray         *co_outbox_list_attempts     (CoOutbox               *self,
                                                gint64                  id,
                                                GError                **error);
CoOutboxOperation *co_outbox_retry             (CoOutbox               *self,
                                                gint64                  id,
                                                gint64                  now,
                                                GError                **error);
CoOutboxOperation *co_outbox_discard           (CoOutbox               *self,
                                                gint64                  id,
                                                gint64                  now,
                                                GError                **error);

/* For the sender (sync/outbox), which holds the lock while it sends. */
CoOutboxLock      *co_outbox_lock              (CoOutbox               *self,
                                                GError                **error);
void               co_outbox_lock_free         (CoOutboxLock           *lock);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoOutboxLock, co_outbox_lock_free)
guint              co_outbox_recover           (CoOutbox               *self,
                                                CoOutboxLock           *lock,
                                                gint64                  now,
                                                GError                **error);
CoOutboxOperation *co_outbox_claim             (CoOutbox               *self,
                                                CoOutboxLock           *lock,
                                                const char * const     *kinds,
                                                gint64                  now,
                                                GError                **error);
gint64             co_outbox_next_due          (CoOutbox               *self,
                                                const char * const     *kinds);
guint              co_outbox_count_due         (CoOutbox               *self,
                                                const char * const     *kinds,
                                                gint64                  now);
gboolean           co_outbox_note_not_found    (CoOutbox               *self,
                                                gint64                  id,
                                                GError                **error);
gboolean           co_outbox_save_checkpoint   (CoOutbox               *self,
                                                gint64                  id,
                                                const char             *checkpoint,
                                                GError                **error);
gboolean           co_outbox_complete          (CoOutbox               *self,
                                                gint64                  id,
                                                const char             *remote_id,
                                                const char             *remote_url,
                                                const char             *result,
                                                gboolean                found,
                                                gint64                  now,
                                                GError                **error);
gboolean           co_outbox_fail              (CoOutbox               *self,
                                                gint64                  id,
                                                const GError           *why,
                                                gboolean                in_lookup,
                                                gboolean                unsure,
                                                gint64                  retry_at,
                                                gint64                  now,
                                                CoOutboxState          *out_state,
                                                GError                **error);
gboolean           co_outbox_is_remote_claimed (CoOutbox               *self,
                                                gint64                  account_id,
                                                const char             *remote_id,
                                                gint64                  except_id);

G_END_DECLS
