/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-progress.h"
#include "co-vault.h"

G_BEGIN_DECLS

/* The tag every recovered item gets, so that they can be found and titled. */
#define CO_VAULT_RECOVERED_TAG "recovered"

/**
 * CoRecoveredFile:
 * @sha256: the stored file's digest (its name in the library)
 * @id: the item made for it, or 0 when it could not be recovered
 * @error: (nullable): why it could not be recovered; the file stays where
 *   it is
 *
 * What became of one stored file the database did not list.
 */
typedef struct
{
  char   *sha256;
  gint64  id;
  GError *error;
} CoRecoveredFile;

/**
 * CoRecoverReport:
 * @found: stored files found in the library folder
 * @known: of those, how many the database already listed
 * @files: (element-type CoRecoveredFile): the others, in the order of
 *   their digests
 *
 * The outcome of co_vault_recover().
 */
typedef struct
{
  guint      found;
  guint      known;
  GPtrArray *files;
} CoRecoverReport;

void     co_recover_report_clear (CoRecoverReport  *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CoRecoverReport, co_recover_report_clear)
guint    co_recover_report_count (const CoRecoverReport *report,
                                  gboolean          recovered);

gboolean co_vault_recover        (CoVault          *vault,
                                  CoProgressFunc    progress,
                                  gpointer          user_data,
                                  CoRecoverReport  *out_report,
                                  GCancellable     *cancellable,
                                  GError          **error);

G_END_DECLS
