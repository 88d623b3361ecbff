/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The newest schema this build writes; older databases are upgraded on open. */
#define CO_STORE_SCHEMA_VERSION 20

/**
 * CoStoreOpenFlags:
 * @CO_STORE_OPEN_NONE: check the database while opening it
 * @CO_STORE_OPEN_DEFER_CHECK: leave the integrity check of an up-to-date
 *   database to the caller (see #CoStore:defer-check)
 *
 * How co_store_new_async() opens a library.
 */
typedef enum
{
  CO_STORE_OPEN_NONE        = 0,
  CO_STORE_OPEN_DEFER_CHECK = 1 << 0,
} CoStoreOpenFlags;

#define CO_TYPE_STORE (co_store_get_type ())
G_DECLARE_FINAL_TYPE (CoStore, co_store, CO, STORE, GObject)

char       *co_store_dup_default_data_dir (void);
CoStore    *co_store_new                  (const char    *data_dir,
                                           GCancellable  *cancellable,
                                           GError       **error);
CoStore    *co_store_new_for_recovery     (const char    *data_dir,
                                           GCancellable  *cancellable,
                                           GError       **error);
const char *co_store_get_data_dir         (CoStore       *self);
const char *co_store_get_database_path    (CoStore       *self);
int         co_store_get_schema_version   (CoStore       *self);
const char *co_store_get_open_report      (CoStore       *self);
gboolean    co_store_check_integrity      (CoStore       *self,
                                           gboolean       full,
                                           char         **report,
                                           GError       **error);
void        co_store_new_async            (const char          *data_dir,
                                           CoStoreOpenFlags     flags,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
CoStore    *co_store_new_finish           (GAsyncResult  *result,
                                           GError       **error);
void        co_store_check_integrity_async (CoStore             *self,
                                           gboolean             full,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    co_store_check_integrity_finish (CoStore       *self,
                                           GAsyncResult  *result,
                                           char         **report,
                                           GError       **error);

char       *co_store_dup_setting          (CoStore       *self,
                                           const char    *key);
gboolean    co_store_set_setting          (CoStore       *self,
                                           const char    *key,
                                           const char    *value,
                                           GError       **error);

/* Results kept per source and parameter set (co-store-results.c). */
gboolean    co_store_put_result           (CoStore       *self,
                                           const char    *kind,
                                           const char    *source_key,
                                           const char    *params_key,
                                           const char    *json,
                                           GBytes        *data,
                                           GError       **error);
gboolean    co_store_get_result           (CoStore       *self,
                                           const char    *kind,
                                           const char    *source_key,
                                           const char    *params_key,
                                           char         **out_json,
                                           GBytes       **out_data,
                                           GError       **error);
guint       co_store_delete_results       (CoStore       *self,
                                           const char    *source_key);

/* A result's binary part written piece by piece (co-store-results.c). */
typedef struct _CoStoreBlob CoStoreBlob;
typedef gboolean (*CoStoreBlobFunc) (CoStoreBlob  *blob,
                                      gpointer      user_data,
                                      GError      **error);

gboolean    co_store_put_result_streamed  (CoStore          *self,
                                           const char       *kind,
                                           const char       *source_key,
                                           const char       *params_key,
                                           const char       *json,
                                           gsize             data_size,
                                           CoStoreBlobFunc   write,
                                           gpointer          user_data,
                                           GError          **error);
gboolean    co_store_blob_write           (CoStoreBlob      *blob,
                                           gconstpointer     data,
                                           gsize             size,
                                           GError          **error);

/* Several writes that stand or fall together (co-store.c). */
typedef gboolean (*CoStoreWriteFunc) (CoStore   *self,
                                      gpointer   data,
                                      GError   **error);

gboolean    co_store_write_together       (CoStore           *self,
                                           CoStoreWriteFunc   func,
                                           gpointer           data,
                                           GError           **error);

/* Content-addressed file storage (co-store-blobs.c). */
char       *co_store_dup_blob_path        (CoStore       *self,
                                           const char    *sha256);
char       *co_store_dup_thumbnail_path   (CoStore       *self,
                                           const char    *sha256);
char       *co_store_add_blob             (CoStore       *self,
                                           const char    *path,
                                           gint64        *out_size,
                                           GCancellable  *cancellable,
                                           GError       **error);
GPtrArray  *co_store_list_blobs           (CoStore       *self);
char       *co_store_hash_file            (const char    *path,
                                           gint64        *out_size,
                                           GCancellable  *cancellable,
                                           GError       **error);
char       *co_store_dup_blob_digest      (const char    *path);
char       *co_store_dup_source_key       (const char    *path,
                                           GError       **error);

G_END_DECLS
