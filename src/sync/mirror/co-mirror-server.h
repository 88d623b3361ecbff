/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-couch.h"
#include "co-store.h"

G_BEGIN_DECLS

/* The environment variable scripts and tests may name the server with,
 * credentials in its user info allowed (never printed). */
#define CO_MIRROR_COUCHDB_ENV "CREATOROPS_COUCHDB_URL"

/**
 * CoMirrorServer:
 * @url: the database's address, without credentials: safe to show
 * @username: (nullable): the user name
 * @password: (nullable): the password, from the keyring or the environment
 * @from_environment: whether CREATOROPS_COUCHDB_URL named it
 *
 * Where a library's records are mirrored, and how to sign in there.
 */
typedef struct
{
  char     *url;
  char     *username;
  char     *password;
  gboolean  from_environment;
} CoMirrorServer;

void            co_mirror_server_free    (CoMirrorServer  *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoMirrorServer, co_mirror_server_free)

CoMirrorServer *co_mirror_server_load    (CoStore         *store,
                                          GCancellable    *cancellable,
                                          GError         **error);
char           *co_mirror_server_dup_url (CoStore         *store,
                                          gboolean        *out_from_environment);
CoCouch        *co_mirror_server_connect (CoMirrorServer  *server,
                                          CoHttpClient    *client,
                                          GError         **error);
gboolean        co_mirror_server_setup   (CoStore         *store,
                                          CoHttpClient    *client,
                                          const char      *url,
                                          const char      *credentials,
                                          GCancellable    *cancellable,
                                          GError         **error);

void            co_mirror_server_connect_async  (CoStore             *store,
                                                 CoHttpClient        *client,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CoCouch        *co_mirror_server_connect_finish (GAsyncResult        *result,
                                                 GError             **error);
void            co_mirror_server_setup_async    (CoStore             *store,
                                                 CoHttpClient        *client,
                                                 const char          *url,
                                                 const char          *credentials,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        co_mirror_server_setup_finish   (GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
