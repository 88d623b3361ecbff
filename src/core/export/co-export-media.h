/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-export.h"
#include "co-store.h"

G_BEGIN_DECLS

/* The folder of the library, below its data folder, that holds the named
 * copies of stored files that exports point at. */
#define CO_EXPORT_MEDIA_FOLDER "exports"

/**
 * CoExportSource:
 * @path: the file to read: a file the person named, or a vault item's
 *   stored file
 * @sha256: (nullable): the content's digest when it is a vault item's
 * @title: (nullable): the item's title, the name editors show
 * @original_name: (nullable): the imported file's base name, whose
 *   extension the named copy takes
 * @mime: (nullable): the content's MIME type, for an extension when
 *   @original_name has none
 *
 * What an export is made of, and what editors are to call it.  Strings
 * are borrowed.
 */
typedef struct
{
  const char *path;
  const char *sha256;
  const char *title;
  const char *original_name;
  const char *mime;
} CoExportSource;

gboolean  co_export_format_links_media  (CoExportFormat        format);
char     *co_export_source_dup_title    (const CoExportSource *source);
char     *co_export_source_dup_filename (const CoExportSource *source);
char     *co_export_media_dup_path      (CoStore              *store,
                                         const CoExportSource *source,
                                         GCancellable         *cancellable,
                                         GError              **error);

G_END_DECLS
