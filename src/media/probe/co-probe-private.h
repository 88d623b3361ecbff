/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

/*
 * Layer-internal file checks, shared by the probe, the analysis reader and
 * the transcriber so that every entry point of the media layer refuses a
 * bad path with the same code and the same reason.  @name is how the
 * messages name the file: the probe names its basename, the analysis and
 * the transcriber the path they were given.
 */

gboolean _co_probe_check_file (const char  *path,
                               const char  *name,
                               gint64       max_size,
                               GStatBuf    *out_stat,
                               GError     **error);
gboolean _co_probe_check_wav  (const char  *path,
                               const char  *name,
                               gint64       size,
                               GError     **error);

G_END_DECLS
