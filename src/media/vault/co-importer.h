/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-job.h"
#include "co-probe.h"
#include "co-vault.h"

G_BEGIN_DECLS

/**
 * CoImportOptions:
 * @title: (nullable): the title; by default the first line of a text file,
 *   otherwise the file name
 * @notes: (nullable): the user's notes
 * @source_url: (nullable): where the file came from
 * @tags: (nullable) (array zero-terminated=1): tags to attach
 * @probe_flags: extra requirements, e.g. %CO_PROBE_REQUIRE_AUDIO
 *   (%CO_PROBE_CHECK_COMPLETE is always applied)
 * @max_size: the largest file accepted in bytes, 0 for %CO_PROBE_DEFAULT_MAX_SIZE
 *
 * How to import.  Zero-initialise it and set what matters; %NULL options
 * mean all defaults.  Strings are borrowed.
 */
typedef struct
{
  const char         *title;
  const char         *notes;
  const char         *source_url;
  const char * const *tags;
  CoProbeFlags        probe_flags;
  gint64              max_size;
} CoImportOptions;

/**
 * CoImportResult:
 * @path: the file
 * @id: the vault item, or 0 when the import failed
 * @duplicate: whether the content was already in the vault (@id is that item)
 * @error: (nullable): why the import failed; %G_IO_ERROR_CANCELLED for files
 *   not reached because the batch was cancelled
 *
 * The outcome of one file of a batch.
 */
typedef struct
{
  char     *path;
  gint64    id;
  gboolean  duplicate;
  GError   *error;
} CoImportResult;

void       co_import_result_free     (CoImportResult         *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoImportResult, co_import_result_free)

gint64     co_importer_import_file   (CoVault                *vault,
                                      const char             *path,
                                      const CoImportOptions  *options,
                                      gboolean               *out_duplicate,
                                      GCancellable           *cancellable,
                                      GError                **error);
GPtrArray *co_importer_import_files  (CoVault                *vault,
                                      const char * const     *paths,
                                      const CoImportOptions  *options,
                                      CoJob                  *job,
                                      GCancellable           *cancellable);
void       co_importer_import_async  (CoVault                *vault,
                                      const char * const     *paths,
                                      const CoImportOptions  *options,
                                      CoJob                  *job,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
GPtrArray *co_importer_import_finish (CoVault                *vault,
                                      GAsyncResult           *result,
                                      GError                **error);

G_END_DECLS
