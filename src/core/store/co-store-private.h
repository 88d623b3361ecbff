/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <sys/stat.h>

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

gboolean         _co_store_write             (CoStore           *self,
                                              CoStoreWriteFunc   func,
                                              gpointer           data,
                                              GError           **error);
CoStore         *_co_store_new_at_version    (const char  *data_dir,
                                              int          version,
                                              GError     **error);

/* co-store-fs.c: folders inside the library, never through a link. */
typedef gboolean (*CoStoreFolderFunc) (int                dir_fd,
                                       const char        *name,
                                       const struct stat *st,
                                       gpointer           user_data);

int              _co_store_open_folder       (CoStore     *self,
                                              const char  *relative,
                                              gboolean     create,
                                              GError     **error);
gboolean         _co_store_check_layout      (CoStore     *self,
                                              GError     **error);
gboolean         _co_store_remove_file       (CoStore     *self,
                                              const char  *relative,
                                              const char  *name,
                                              gint64      *out_bytes);
void             _co_store_list_folder       (CoStore           *self,
                                              const char        *relative,
                                              CoStoreFolderFunc  func,
                                              gpointer           user_data);
gboolean         _co_store_is_digest         (const char  *name);
typedef gboolean (*CoStoreFileFunc) (int                dir_fd,
                                     const char        *folder,
                                     const char        *name,
                                     const struct stat *st,
                                     gpointer           user_data);

void             _co_store_foreach_stored_file (CoStore         *self,
                                                CoStoreFileFunc  func,
                                                gpointer         user_data);

/* co-store-blobs.c: a file copied into blobs/tmp, waiting for its name. */
typedef struct
{
  char   *sha256;
  char   *tmp_name;
  gint64  size;
} CoStagedBlob;

gboolean         _co_store_stage_blob        (CoStore       *self,
                                              const char    *path,
                                              CoStagedBlob  *staged,
                                              GCancellable  *cancellable,
                                              GError       **error);
gboolean         _co_store_place_blob        (CoStore       *self,
                                              CoStagedBlob  *staged,
                                              gboolean      *out_created,
                                              GError       **error);
void             _co_store_staged_blob_clear (CoStore       *self,
                                              CoStagedBlob  *staged);
char            *_co_store_dup_blob_folder   (const char    *sha256);

/* co-store-guard.c: what is checked before a library is opened. */
gboolean         _co_store_check_folder      (CoStore     *self,
                                              const char  *db_path,
                                              GError     **error);
gboolean         _co_store_prepare_database  (CoStore     *self,
                                              const char  *db_path,
                                              gboolean     recovery,
                                              GError     **error);
gboolean         _co_store_check_not_lost    (CoStore     *self,
                                              GError     **error);

/* co-store-sweep.c: removing stored files, only under the write lock. */
gboolean         _co_store_release_file      (CoStore     *self,
                                              const char  *sha256,
                                              GError     **error);
gboolean         _co_store_delete_released_files (CoStore  *self,
                                                  guint    *out_files,
                                                  gint64   *out_bytes,
                                                  GError  **error);
void             _co_store_remove_unowned_blob (CoStore    *self,
                                                const char *sha256);
guint            _co_store_sweep_strays      (CoStore     *self,
                                              gint64      *out_bytes);

/* co-store-reserve.c: room to open and purge a library on a full disk. */
gboolean         _co_store_space_is_low      (CoStore     *self);
gboolean         _co_store_release_reserve   (CoStore     *self);
void             _co_store_ensure_reserve    (CoStore     *self);

/* co-store-words.c: the search index's tokenizer (words and their stems). */
#define CO_STORE_WORDS_TOKENIZER "creatorops_words"

gboolean         _co_store_add_words_tokenizer (sqlite3     *db,
                                                const char  *db_path,
                                                GError     **error);
gboolean         _co_store_word_is_own_stem  (CoStore     *self,
                                              const char  *word);
fts5_api        *_co_store_find_fts5         (sqlite3     *db);

/* co-store-rank.c: the search rank, bm25() with the phrases' counts kept. */
#define CO_STORE_RANK_FUNCTION "creatorops_rank"

gboolean         _co_store_add_rank_function (sqlite3     *db);

/* co-schema.c */
const char *const *_co_schema_get_migrations (int         *n_migrations);

G_END_DECLS
