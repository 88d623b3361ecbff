/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-progress.h"
#include "co-store.h"

G_BEGIN_DECLS

/* The default storage quota: 50 GiB. */
#define CO_ASSETS_DEFAULT_QUOTA (G_GINT64_CONSTANT (50) * 1024 * 1024 * 1024)
/* Unreferenced assets are offered for archival after this many days. */
#define CO_ASSETS_DEFAULT_ARCHIVE_DAYS 30
/* The share of the quota at which the user is warned. */
#define CO_ASSETS_QUOTA_WARNING 0.9

/**
 * CoAsset:
 * @sha256: the content digest
 * @size: bytes
 * @mime: the MIME type
 * @created_at: when it was first stored (µs, UTC)
 * @unreferenced_since: when its last reference went away (µs), or 0 while referenced
 * @n_refs: how many things refer to it
 */
typedef struct
{
  char   *sha256;
  gint64  size;
  char   *mime;
  gint64  created_at;
  gint64  unreferenced_since;
  guint   n_refs;
} CoAsset;

/**
 * CoAssetRef:
 * @owner_kind: what refers to the asset: "vault", "draft" or "export"
 * @owner_id: the id of that thing
 * @created_at: when the reference was made (µs, UTC)
 */
typedef struct
{
  char   *owner_kind;
  gint64  owner_id;
  gint64  created_at;
} CoAssetRef;

/**
 * CoQuotaReport:
 * @used: bytes stored
 * @limit: the quota in bytes
 * @fraction: @used / @limit
 * @warning: %TRUE at or above 90 %
 * @suggestions: (element-type CoAsset): what could be deleted, largest
 *   unreferenced first, then files only trashed items use
 */
typedef struct
{
  gint64     used;
  gint64     limit;
  double     fraction;
  gboolean   warning;
  GPtrArray *suggestions;
} CoQuotaReport;

/**
 * CoVerifyProblem:
 * @sha256: the asset's digest
 * @path: where the file should be
 * @missing: %TRUE if the file is gone, %FALSE if its content changed
 * @actual_sha256: (nullable): the digest found, when the file was readable
 */
typedef struct
{
  char     *sha256;
  char     *path;
  gboolean  missing;
  char     *actual_sha256;
} CoVerifyProblem;

void          co_asset_free               (CoAsset           *asset);
void          co_asset_ref_free           (CoAssetRef        *ref);
void          co_quota_report_clear       (CoQuotaReport     *report);
void          co_verify_problem_free      (CoVerifyProblem   *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoAsset, co_asset_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CoQuotaReport, co_quota_report_clear)

CoAsset      *co_assets_get               (CoStore           *store,
                                           const char        *sha256,
                                           GError           **error);
GPtrArray    *co_assets_list_refs         (CoStore           *store,
                                           const char        *sha256,
                                           GError           **error);
gboolean      co_assets_add_ref           (CoStore           *store,
                                           const char        *sha256,
                                           const char        *owner_kind,
                                           gint64             owner_id,
                                           GError           **error);
gboolean      co_assets_remove_refs_of    (CoStore           *store,
                                           const char        *owner_kind,
                                           gint64             owner_id,
                                           GError           **error);
GPtrArray    *co_assets_list_unreferenced (CoStore           *store,
                                           guint              older_than_days,
                                           GError           **error);
gint64        co_assets_get_quota_limit   (CoStore           *store);
gboolean      co_assets_set_quota_limit   (CoStore           *store,
                                           gint64             bytes,
                                           GError           **error);
gboolean      co_assets_get_quota         (CoStore           *store,
                                           CoQuotaReport     *out_report,
                                           GError           **error);
GPtrArray    *co_assets_verify            (CoStore           *store,
                                           CoProgressFunc     progress,
                                           gpointer           user_data,
                                           GCancellable      *cancellable,
                                           GError           **error);
void          co_assets_verify_async      (CoStore             *store,
                                           CoProgressFunc       progress,
                                           gpointer             progress_data,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray    *co_assets_verify_finish     (CoStore           *store,
                                           GAsyncResult      *result,
                                           GError           **error);

G_END_DECLS
