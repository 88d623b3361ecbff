/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-store.h"

G_BEGIN_DECLS

/* The kind of the kept result that remembers where a stored file was
 * imported from (co-store-results.c), keyed by its digest. */
#define CO_VAULT_ORIGIN_KIND "origin"

void  co_vault_remember_origin (CoStore      *store,
                                const char   *sha256,
                                const char   *path);
char *co_vault_dup_origin      (CoStore      *store,
                                const char   *sha256,
                                GCancellable *cancellable);

G_END_DECLS
