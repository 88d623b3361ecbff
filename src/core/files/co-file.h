/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-file-error.h"

G_BEGIN_DECLS

/*
 * The one way to read a text file or input a person hands us.  A path is read
 * only when it names a regular file (never a folder, a pipe or a device, so
 * reading cannot hang or run on without end), and no read goes past the
 * caller's limit.
 */

/* Subtitle files and other text documents: an hour of subtitles is well under
 * 1 MiB, so anything above this is not what the person meant to give. */
#define CO_FILE_MAX_TEXT_SIZE (20 * 1024 * 1024)

char     *co_file_read        (const char     *path,
                               gsize           max_size,
                               gsize          *out_len,
                               GError        **error);
char     *co_file_read_stream (GInputStream   *stream,
                               const char     *name,
                               gsize           max_size,
                               gsize          *out_len,
                               GCancellable   *cancellable,
                               GError        **error);
gboolean  co_file_check_text  (const char     *name,
                               const char     *data,
                               gsize           len,
                               GError        **error);

G_END_DECLS
