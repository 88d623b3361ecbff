/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * A real CouchDB-compatible peer for the mirror's tests: PouchDB Server
 * (npm pouchdb-server, installed by tools/test into CO_TEST_PEERS_DIR),
 * in memory, on a free loopback port.  One server serves a test binary;
 * each test takes a database of its own.
 */
typedef struct _CoTestCouch CoTestCouch;

CoTestCouch *co_test_couch_get        (void);
void         co_test_couch_stop       (void);
CoTestCouch *co_test_couch_new_private (void);
void         co_test_couch_free       (CoTestCouch  *couch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoTestCouch, co_test_couch_free)
const char  *co_test_couch_get_url    (CoTestCouch  *couch);
char        *co_test_couch_new_db     (CoTestCouch  *couch,
                                       const char   *prefix);
JsonNode    *co_test_couch_request    (CoTestCouch  *couch,
                                       const char   *method,
                                       const char   *path,
                                       const char   *body,
                                       const char   *user_password,
                                       guint        *out_status);
guint        co_test_couch_count_log  (CoTestCouch  *couch,
                                       const char   *needle);
void         co_test_couch_add_admin  (CoTestCouch  *couch,
                                       const char   *user,
                                       const char   *password);
void         co_test_couch_restrict   (CoTestCouch  *couch,
                                       const char   *db,
                                       const char   *user,
                                       const char   *password);

G_END_DECLS
