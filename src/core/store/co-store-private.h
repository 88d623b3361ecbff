/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "co-store.h"

G_BEGIN_DECLS

/*
 * Layer-internal access to the database.  Every use of the connection happens
 * with the store's lock held, because cached statements and transactions are
 * shared by all threads that use one CoStore.
 */

static inline void
_co_stmt_release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, _co_stmt_release)

sqlite3         *_co_store_get_db            (CoStore     *self);
GRecMutexLocker *_co_store_lock              (CoStore     *self);
sqlite3_stmt    *_co_store_prepare           (CoStore     *self,
                                              const char  *sql,
                                              GError     **error);
gboolean         _co_store_exec              (CoStore     *self,
                                              const char  *sql,
                                              GError     **error);
gboolean         _co_store_step_done         (CoStore     *self,
                                              sqlite3_stmt *stmt,
                                              GError     **error);
gboolean         _co_store_begin             (CoStore     *self,
                                              GError     **error);
gboolean         _co_store_commit            (CoStore     *self,
                                              GError     **error);
void             _co_store_rollback          (CoStore     *self);
void             _co_store_set_error         (CoStore     *self,
                                              GError     **error,
                                              const char  *what);
gint64           _co_store_now               (void);
CoStore         *_co_store_new_at_version    (const char  *data_dir,
                                              int          version,
                                              GError     **error);

/* co-schema.c */
const char *const *_co_schema_get_migrations (int         *n_migrations);

G_END_DECLS
