/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * A loopback HTTP server for tests: real libsoup on both ends.  It routes by
 * method and path prefix, counts every request it receives, and can be told to
 * fail: answer with an error status, drop the connection, or hold the request
 * without answering — each either before the route's handler runs (nothing was
 * done) or after (it was done, but the client does not learn it).  The platform
 * fakes are routes on it.  It runs on the main context of the thread that made it.
 */

/**
 * CoTestFaultKind:
 * @CO_TEST_FAULT_NONE: answer normally
 * @CO_TEST_FAULT_STATUS: answer with the fault's status; the handler does not run
 * @CO_TEST_FAULT_STATUS_AFTER: run the handler, then answer with the fault's status
 * @CO_TEST_FAULT_DROP: close the connection without an answer; the handler does not run
 * @CO_TEST_FAULT_DROP_AFTER: run the handler, then close without an answer
 * @CO_TEST_FAULT_HOLD: never answer; the handler does not run
 * @CO_TEST_FAULT_HOLD_AFTER: run the handler, then never answer
 */
typedef enum
{
  CO_TEST_FAULT_NONE,
  CO_TEST_FAULT_STATUS,
  CO_TEST_FAULT_STATUS_AFTER,
  CO_TEST_FAULT_DROP,
  CO_TEST_FAULT_DROP_AFTER,
  CO_TEST_FAULT_HOLD,
  CO_TEST_FAULT_HOLD_AFTER,
} CoTestFaultKind;

/**
 * CoTestFault:
 * @kind: what to do
 * @status: the status for the STATUS kinds
 * @retry_after: (nullable): a `Retry-After` value to send with it
 * @rate_limit_reset: when non-zero, `x-rate-limit-remaining: 0` and this
 *   `x-rate-limit-reset` (Unix seconds) are sent with it
 */
typedef struct
{
  CoTestFaultKind  kind;
  guint            status;
  const char      *retry_after;
  gint64           rate_limit_reset;
} CoTestFault;

#define CO_TYPE_TEST_SERVER (co_test_server_get_type ())
G_DECLARE_FINAL_TYPE (CoTestServer, co_test_server, CO, TEST_SERVER, GObject)

typedef void (*CoTestHandler)   (CoTestServer      *server,
                                 SoupServerMessage *message,
                                 const char        *path,
                                 gpointer           user_data);
typedef void (*CoTestFaultFunc) (CoTestServer      *server,
                                 SoupServerMessage *message,
                                 const char        *path,
                                 CoTestFault       *fault,
                                 gpointer           user_data);
typedef void (*CoTestHeldFunc)  (CoTestServer      *server,
                                 gpointer           user_data);

void          co_test_network_init          (int                *argc,
                                             char             ***argv);
CoTestServer *co_test_server_new            (void);
CoTestServer *co_test_server_new_at         (guint               port,
                                             GError            **error);
const char   *co_test_server_get_url        (CoTestServer       *self);
void          co_test_server_route          (CoTestServer       *self,
                                             const char         *method,
                                             const char         *prefix,
                                             CoTestHandler       handler,
                                             gpointer            user_data);
void          co_test_server_set_faults     (CoTestServer       *self,
                                             CoTestFaultFunc     func,
                                             gpointer            user_data);
void          co_test_server_push_fault     (CoTestServer       *self,
                                             const CoTestFault  *fault);
void          co_test_server_set_held_func  (CoTestServer       *self,
                                             CoTestHeldFunc      func,
                                             gpointer            user_data);
void          co_test_server_set_finished_func (CoTestServer    *self,
                                             CoTestHandler       func,
                                             gpointer            user_data);
guint         co_test_server_count          (CoTestServer       *self,
                                             const char         *method,
                                             const char         *prefix);
guint         co_test_server_count_held     (CoTestServer       *self);

void          co_test_expire_cb             (CoTestServer       *server,
                                             gpointer            clock);

gboolean      co_test_random_fault          (GRand              *rand,
                                             double              rate,
                                             gint64              now,
                                             CoTestFault        *fault);

void          co_test_server_drop           (SoupServerMessage  *message);
void          co_test_reply_json            (SoupServerMessage  *message,
                                             guint               status,
                                             const char         *json);
JsonNode     *co_test_read_json             (SoupServerMessage  *message);
GHashTable   *co_test_read_form             (SoupServerMessage  *message);
const char   *co_test_get_bearer            (SoupServerMessage  *message);

G_END_DECLS
