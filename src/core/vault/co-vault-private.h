/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "co-vault.h"

G_BEGIN_DECLS

/* co-vault-query.c: turns a CoVaultQuery into SQL and its bindings. */
typedef struct _CoVaultSql CoVaultSql;

CoVaultSql   *_co_vault_sql_new          (CoStore             *store,
                                          const CoVaultQuery  *query,
                                          const char          *select,
                                          gboolean             ordered,
                                          GError             **error);
sqlite3_stmt *_co_vault_sql_prepare      (CoVaultSql          *sql,
                                          CoStore             *store,
                                          guint                offset,
                                          guint                limit,
                                          GError             **error);
void          _co_vault_sql_free         (CoVaultSql          *sql);
char         *_co_vault_fts_query        (CoStore             *store,
                                          const char          *text,
                                          gboolean             any_word,
                                          gboolean             prefix_last,
                                          GError             **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoVaultSql, _co_vault_sql_free)

/* co-vault.c */
gboolean      _co_vault_reindex_item     (CoStore             *store,
                                          gint64               id,
                                          GError             **error);

/* co-vault-purge.c */
gboolean      _co_vault_delete_item      (CoStore             *store,
                                          gint64               id,
                                          GError             **error);
gboolean      _co_vault_purge_trashed    (CoVault             *self,
                                          CoVaultPurgeReport  *report,
                                          GError             **error);
typedef void (*CoVaultPurgeHook) (gpointer data);

void          _co_vault_set_purge_hook   (CoVaultPurgeHook     hook,
                                          gpointer             data);

G_END_DECLS
