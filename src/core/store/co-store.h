/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The newest schema this build writes; older databases are upgraded on open. */
#define CO_STORE_SCHEMA_VERSION 12

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
