/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-test-server.h"

G_BEGIN_DECLS

/*
 * A loopback proxy in front of a real peer (PouchDB Server, s3rver): a
 * CoTestServer whose one route passes every request on as it came (method,
 * path, query, headers with Host among them, since S3 signs it, and body) and
 * the peer's answer back (status, headers, body).  The server's faults
 * (co_test_server_set_faults()) fall between the client and the peer, so a
 * test can drop a connection the peer has or has not served.  Each answer
 * closes its connection, so that a dropped one is never reused.
 */

CoTestServer *co_test_proxy_new        (const char   *target);
char         *co_test_proxy_rewrite    (CoTestServer *proxy,
                                        const char   *url);

G_END_DECLS
