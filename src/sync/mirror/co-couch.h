/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "co-http-client.h"

G_BEGIN_DECLS

/*
 * One CouchDB database over HTTP, as the replication protocol uses it: the
 * database's information, `_local` documents, `_changes`, `_revs_diff`,
 * fetching revisions with their history (`_bulk_get`, or `open_revs` where
 * the server has no `_bulk_get`) and `_bulk_docs` with `new_edits: false`.
 * Every call blocks: the replication runs in a worker thread, and the calls
 * go through the shared HTTP client on a private main context.
 */

#define CO_TYPE_COUCH (co_couch_get_type ())
G_DECLARE_FINAL_TYPE (CoCouch, co_couch, CO, COUCH, GObject)

CoCouch     *co_couch_new             (CoHttpClient  *client,
                                       const char    *url,
                                       const char    *username,
                                       const char    *password,
                                       GError       **error);
char        *co_couch_split_url       (const char    *url,
                                       char         **out_user,
                                       char         **out_password,
                                       GError       **error);
const char  *co_couch_get_url         (CoCouch       *self);
guint        co_couch_get_requests    (CoCouch       *self);
gboolean     co_couch_open            (CoCouch       *self,
                                       gboolean       create,
                                       GCancellable  *cancellable,
                                       GError       **error);
JsonObject  *co_couch_get_local       (CoCouch       *self,
                                       const char    *id,
                                       GCancellable  *cancellable,
                                       GError       **error);
char        *co_couch_put_local       (CoCouch       *self,
                                       const char    *id,
                                       JsonObject    *doc,
                                       GCancellable  *cancellable,
                                       GError       **error);
JsonObject  *co_couch_changes         (CoCouch       *self,
                                       JsonNode      *since,
                                       guint          limit,
                                       gint64         longpoll_ms,
                                       GCancellable  *cancellable,
                                       GError       **error);
JsonObject  *co_couch_revs_diff       (CoCouch       *self,
                                       JsonObject    *revs,
                                       GCancellable  *cancellable,
                                       GError       **error);
GPtrArray   *co_couch_fetch           (CoCouch       *self,
                                       JsonObject    *missing,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean     co_couch_bulk_docs       (CoCouch       *self,
                                       GPtrArray     *docs,
                                       GCancellable  *cancellable,
                                       GError       **error);

G_END_DECLS
